// Fills the case store with N synthetic closed cases, fast (multi-row upserts through the same
// columns and conflict rule as the record activity), and times writing them and reading them back.
// For benchmarks of reports and trend runs over a large archive (issue #9: 100,000 cases):
//
//   npm run build && node dist/bench/fill-archive.js [--count 100000] [--days 365] [--seed 1]
//     [--database-url postgres://…]     (default: an embedded in-memory store, like `npm run up`'s)
//
// `fillArchive(store, options)` is the function other benches import: it returns when the rows are in.
// The summaries are shaped like real ones (domain/archive/summary.ts) and hold no personal data; the
// sealed case view is left empty, as after an erasure (reports never read it).
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { CaseSummary } from '../domain/archive/summary';
import { responsiblePartyKinds, type Clock } from '../domain/case';
import { loadPolicy, loadRoster } from '../infra/policy-files';
import { channels, languages, type Priority } from '../domain/types';
import { fromRoot } from '../infra/paths';
import { createStore, migrate, recordColumns, recordValues, upsertNewer, type Store } from '../infra/store';
import { startEmbeddedStore } from '../infra/store/embedded';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface FillOptions {
  count: number;
  /** Cases are received over the `days` days before `until` (default: now). */
  days?: number;
  until?: Date;
  seed?: number;
  /** Complaint ids are `${prefix}${i}`: a second fill with another prefix adds cases. */
  prefix?: string;
  /** Rows per INSERT (25 parameters a row; PostgreSQL takes 65,535 parameters a statement). */
  batch?: number;
}

/** A small seeded PRNG (mulberry32): the same seed fills the same archive. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const policy = loadPolicy(fromRoot('policy', 'default.json'));
const roster = loadRoster(fromRoot('policy', 'roster.json'));
const rootCauses = (
  policy as { documentation?: { rootCauseCategories?: { id: string }[] } }
).documentation?.rootCauseCategories?.map((c) => c.id) ?? [
  'packaging',
  'transport-damage',
  'late-delivery',
  'billing-error',
];
const factors = (
  policy as { documentation?: { contributingFactors?: { id: string }[] } }
).documentation?.contributingFactors?.map((c) => c.id) ?? ['staffing', 'process', 'communication'];
const products = Array.from({ length: 40 }, (_, i) => ({ sku: `SKU-${1000 + i}`, name: `Product ${i}` }));
const suppliers = ['Nordic Supply', 'Baltic Goods', 'Vistula Trade', 'Levant Import', 'Thames Wholesale'];
const carriers = ['FastParcel', 'PostNord', 'InPost', 'DPD', 'Omniva'];
const locations = ['Warsaw', 'Kraków', 'Stockholm', 'Tallinn', 'Tel Aviv', 'London', 'online'];
const priorities: Priority[] = ['urgent', 'high', 'normal', 'normal', 'normal', 'low'];

/** One synthetic closed case, shaped like a real summary. */
export function syntheticSummary(
  i: number,
  rnd: () => number,
  o: Required<Omit<FillOptions, 'batch'>>,
): CaseSummary {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const receivedMs = o.until.getTime() - rnd() * o.days * DAY;
  const at = (ms: number) => new Date(ms).toISOString();
  const owner = pick(roster.owners);
  const category = pick(policy.categories).id;
  const missed = rnd() < 0.15;
  const clock = (name: string, dueMs: number, late: boolean): Clock =>
    late
      ? { name, dueAt: at(dueMs), state: 'missed', missedAt: at(dueMs) }
      : { name, dueAt: at(dueMs), state: 'met', metAt: at(dueMs - rnd() * (dueMs - receivedMs)) };
  const closedMs = receivedMs + (2 + rnd() * 20) * DAY;
  const withdrawn = rnd() < 0.05;
  const escalated = missed && rnd() < 0.6;
  const score = 1 + Math.floor(rnd() * 5);
  const followUp = score <= 2 && rnd() < 0.5;
  const refund = rnd() < 0.3;
  return {
    complaintId: `${o.prefix}${i}`,
    reference: `CD-SYN-${o.prefix.toUpperCase()}${i.toString(36).toUpperCase()}`,
    policyVersion: policy.version,
    stage: 'closed',
    closure: withdrawn ? 'withdrawn' : rnd() < 0.04 ? 'no-response' : 'resolved',
    receivedAt: at(receivedMs),
    startedAt: at(receivedMs + 1000),
    closedAt: at(closedMs),
    channel: pick(channels),
    language: pick(languages),
    category,
    priority: pick(priorities),
    owner: { id: owner.id, name: owner.name },
    ownerHistory: [{ ownerId: owner.id, from: at(receivedMs + 1000) }],
    facts: {
      product: rnd() < 0.8 ? pick(products) : undefined,
      supplier: rnd() < 0.6 ? pick(suppliers) : undefined,
      carrier: category === 'delivery' || rnd() < 0.3 ? pick(carriers) : undefined,
      location: pick(locations),
      incidentAt: at(receivedMs - rnd() * 3 * DAY),
    },
    escalationLevel: escalated ? 1 : 0,
    escalations: escalated ? [{ at: at(receivedMs + 2 * DAY), level: 1 }] : [],
    overdue: false,
    clocks: [
      clock('acknowledgement', receivedMs + HOUR, false),
      clock('diagnosis', receivedMs + DAY, missed),
      clock('resolution', receivedMs + 14 * DAY, missed && rnd() < 0.5),
      clock('statutory', receivedMs + 14 * DAY, false),
    ],
    missedUpdates: missed && rnd() < 0.5 ? { [owner.id]: 1 } : {},
    extensions:
      rnd() < 0.08 ? [{ at: at(receivedMs + 5 * DAY), newExpectedBy: at(receivedMs + 20 * DAY) }] : [],
    resolution: withdrawn
      ? undefined
      : {
          at: at(closedMs - DAY),
          outcome: rnd() < 0.75 ? 'upheld' : 'rejected',
          remedy: refund
            ? {
                kind: 'refund',
                amount: Math.round(20 + rnd() * 400),
                currency: pick(['PLN', 'EUR', 'SEK', 'GBP']),
              }
            : { kind: 'voucher', percent: pick([10, 15, 20]) },
        },
    surveyAnswers: withdrawn
      ? []
      : [{ at: at(closedMs - DAY / 2), round: 1, score, stillNeedHelp: followUp }],
    followUp: followUp
      ? { openedAt: at(closedMs - DAY / 2), dueBy: at(closedMs), doneAt: at(closedMs - HOUR) }
      : undefined,
    statutory: { dueAt: at(receivedMs + 14 * DAY) },
    documentation: withdrawn
      ? undefined
      : {
          at: at(closedMs - HOUR),
          rootCauseCategory: pick(rootCauses),
          contributingFactors: rnd() < 0.5 ? [pick(factors)] : [],
          responsiblePartyKind: pick(responsiblePartyKinds),
          responsibleParty: pick([...carriers, ...suppliers, 'warehouse team']),
          correctiveAction: 'Replaced the item.',
          preventiveAction: 'Reviewed packing.',
        },
    openTasks: 0,
    version: 1,
  };
}

/** Writes `count` synthetic closed cases; returns how long it took. */
export async function fillArchive(store: Store, options: FillOptions): Promise<{ ms: number }> {
  const o = {
    count: options.count,
    days: options.days ?? 365,
    until: options.until ?? new Date(),
    seed: options.seed ?? 1,
    prefix: options.prefix ?? 'syn-',
  };
  const batch = options.batch ?? 1000;
  const rnd = random(o.seed);
  const started = performance.now();
  const now = new Date();
  const width = recordColumns.length;
  for (let from = 0; from < o.count; from += batch) {
    const rows = Math.min(batch, o.count - from);
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (let r = 0; r < rows; r++) {
      values.push(...recordValues(syntheticSummary(from + r, rnd, o), undefined, now));
      tuples.push(`(${recordColumns.map((_, c) => `$${r * width + c + 1}`).join(',')})`);
    }
    await store.query(
      `INSERT INTO case_records (${recordColumns.join(', ')}) VALUES ${tuples.join(',')} ${upsertNewer}`,
      values,
    );
  }
  return { ms: performance.now() - started };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '100000' },
      days: { type: 'string', default: '365' },
      seed: { type: 'string', default: '1' },
      'database-url': { type: 'string' },
    },
  });
  const count = Number(values.count);
  const embedded = values['database-url'] ? undefined : await startEmbeddedStore({});
  const url = values['database-url'] ?? embedded!.url;
  const store = createStore(url, { max: 2 });
  try {
    await migrate(store);
    console.log(`store: ${embedded ? 'embedded (PGlite, in memory)' : 'DATABASE_URL given'}`);
    const { ms } = await fillArchive(store, { count, days: Number(values.days), seed: Number(values.seed) });
    console.log(
      `write ${count} archived records: ${(ms / 1000).toFixed(1)} s (${Math.round(count / (ms / 1000))} records/s)`,
    );
    let t = performance.now();
    const { rows } = await store.query(
      `SELECT summary FROM case_records WHERE stage = 'closed' AND closed_at >= now() - make_interval(days => $1)`,
      [Number(values.days) + 30],
    );
    const readMs = performance.now() - t;
    console.log(`read ${rows.length} summaries (jsonb): ${(readMs / 1000).toFixed(1)} s`);
    t = performance.now();
    const counted = await store.query(
      `SELECT carrier, date_trunc('day', received_at) AS day, count(*)::int AS n
         FROM case_records WHERE carrier IS NOT NULL GROUP BY 1, 2`,
    );
    console.log(
      `count per carrier and day over the columns: ${counted.rowCount} groups in ${(performance.now() - t).toFixed(0)} ms`,
    );
  } finally {
    await store.end();
    await embedded?.stop();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error('[fill-archive]', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
