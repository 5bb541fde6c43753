// The complaints of a simulated population: varied enough that categorisation, priorities and owner
// choice all take part, and the same for the same seed and number. Pure. The addresses are the
// sandbox's (example.com): no real person's data.
import type { IncidentFacts } from '../case';
import type { Channel, Language } from '../types';
import { pick, randomFor } from './random';

// Which intake facts a story has: a parcel has a carrier, a product its supplier, a visit a place.
type Fact = 'product' | 'carrier' | 'location';

const stories: readonly { subject: string; description: string; facts: readonly Fact[] }[] = [
  {
    subject: 'Parcel arrived damaged',
    description:
      'The courier left the parcel at the door and the box was crushed; the lamp inside is broken.',
    facts: ['product', 'carrier'],
  },
  {
    subject: 'Delivery is late',
    description: 'My order has not arrived, the tracking has not moved for a week.',
    facts: ['carrier'],
  },
  {
    subject: 'Kettle stopped working',
    description: 'The kettle is defective: it stopped heating after two days of use.',
    facts: ['product'],
  },
  {
    subject: 'Charged twice',
    description: 'My card was charged twice for the same invoice; please refund the duplicate payment.',
    facts: [],
  },
  {
    subject: 'Rude staff in the store',
    description: 'The service at the counter was unhelpful and the staff member was rude to me.',
    facts: ['location'],
  },
];

// Small pools, so the trend detection and the weekly review have repeated values to count.
const products = [
  { sku: 'LAMP-01', name: 'Desk lamp', supplier: 'Lumen Works' },
  { sku: 'KETTLE-2', name: 'Electric kettle', supplier: 'Boilwell' },
  { sku: 'MUG-SET', name: 'Mug set', supplier: 'Claystone' },
  { sku: 'TOASTER-4', name: 'Toaster', supplier: 'Boilwell' },
] as const;
const carriers = ['FastCourier', 'ParcelNet', 'RoadRunner Logistics'] as const;
const locations = ['Store Centre', 'Store North', 'Warehouse East'] as const;

export interface SimulatedComplaint {
  customer: { name: string; email: string; language: Language };
  channel: Channel;
  subject: string;
  description: string;
  order: { reference: string; amount: number; currency: string };
  facts: IncidentFacts;
  externalId: string;
}

/**
 * The n-th complaint of the population named by `seed` (its external id makes intake idempotent),
 * arriving at `receivedAtMs`: its incident happened up to three days before.
 */
export function simulatedComplaint(seed: string, n: number, receivedAtMs: number): SimulatedComplaint {
  const r = randomFor(seed, 'complaint', n);
  const story = stories[Math.floor(r() * stories.length)];
  const product = products[Math.floor(r() * products.length)];
  const facts: IncidentFacts = {
    incidentAt: new Date(receivedAtMs - Math.floor(r() * 3 * 24 * 3_600_000)).toISOString(),
  };
  if (story.facts.includes('product'))
    Object.assign(facts, { product: { sku: product.sku, name: product.name }, supplier: product.supplier });
  if (story.facts.includes('carrier')) facts.carrier = carriers[Math.floor(r() * carriers.length)];
  if (story.facts.includes('location')) facts.location = locations[Math.floor(r() * locations.length)];
  return {
    customer: { name: `Customer ${n}`, email: `customer-${n}@example.com`, language: 'en' },
    channel: pick<Channel>(r, { email: 0.7, web: 0.2, chat: 0.1 } as Record<Channel, number>),
    subject: story.subject,
    description: story.description,
    order: { reference: `SIM-${n}`, amount: 50 + Math.round(r() * 400), currency: 'EUR' },
    facts,
    externalId: `sim-${seed}-${n}`,
  };
}

/** When each of `count` complaints arrives within `spanMs` from `startMs` (earliest first). */
export function arrivals(seed: string, count: number, startMs: number, spanMs: number): number[] {
  const r = randomFor(seed, 'arrivals');
  return Array.from({ length: count }, () => startMs + Math.floor(r() * spanMs)).sort((a, b) => a - b);
}
