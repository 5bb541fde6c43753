// The complaints of a simulated population: varied enough that categorisation, priorities and owner
// choice all take part, and the same for the same seed and number. Pure. The addresses are the
// sandbox's (example.com): no real person's data.
import type { Channel, Language } from '../types';
import { pick, randomFor } from './random';

const stories = [
  {
    subject: 'Parcel arrived damaged',
    description:
      'The courier left the parcel at the door and the box was crushed; the lamp inside is broken.',
  },
  {
    subject: 'Delivery is late',
    description: 'My order has not arrived, the tracking has not moved for a week.',
  },
  {
    subject: 'Kettle stopped working',
    description: 'The kettle is defective: it stopped heating after two days of use.',
  },
  {
    subject: 'Charged twice',
    description: 'My card was charged twice for the same invoice; please refund the duplicate payment.',
  },
  {
    subject: 'Rude staff in the store',
    description: 'The service at the counter was unhelpful and the staff member was rude to me.',
  },
] as const;

export interface SimulatedComplaint {
  customer: { name: string; email: string; language: Language };
  channel: Channel;
  subject: string;
  description: string;
  order: { reference: string; amount: number; currency: string };
  externalId: string;
}

/** The n-th complaint of the population named by `seed` (its external id makes intake idempotent). */
export function simulatedComplaint(seed: string, n: number): SimulatedComplaint {
  const r = randomFor(seed, 'complaint', n);
  const story = stories[Math.floor(r() * stories.length)];
  return {
    customer: { name: `Customer ${n}`, email: `customer-${n}@example.com`, language: 'en' },
    channel: pick<Channel>(r, { email: 0.7, web: 0.2, chat: 0.1 } as Record<Channel, number>),
    subject: story.subject,
    description: story.description,
    order: { reference: `SIM-${n}`, amount: 50 + Math.round(r() * 400), currency: 'EUR' },
    externalId: `sim-${seed}-${n}`,
  };
}

/** When each of `count` complaints arrives within `spanMs` from `startMs` (earliest first). */
export function arrivals(seed: string, count: number, startMs: number, spanMs: number): number[] {
  const r = randomFor(seed, 'arrivals');
  return Array.from({ length: count }, () => startMs + Math.floor(r() * spanMs)).sort((a, b) => a - b);
}
