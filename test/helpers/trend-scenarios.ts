// Synthetic complaint streams for the trend detector: flat Poisson arrivals per carrier, with or
// without a planted change, run through detectTrends hour by hour as the Schedule would. Shared by
// test/unit/trends.test.ts (which asserts the figures) and bench/trends.ts (which prints them).
import {
  cusumRunLength,
  detectTrends,
  referenceValue,
  thresholdFor,
  type TrendCase,
  type TrendSignal,
} from '../../domain/insights/trends';
import { DAY, HOUR } from '../../domain/durations';
import type { TrendPolicy } from '../../domain/types';

export const trendPolicy: TrendPolicy = {
  baselineWindowMs: 28 * DAY,
  monitorWindowMs: 7 * DAY,
  shift: 2,
  falseAlarmEveryMs: 1825 * DAY,
  minBaselinePerDay: 0.5,
  dimensions: ['category', 'product', 'supplier', 'carrier', 'location', 'hour-of-day'],
};

/** Deterministic: a seeded PRNG (mulberry32), so a failure can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function poisson(random: () => number, lambda: number): number {
  // Knuth's method: fine for the small rates per hour used here.
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

export const carriers = ['DHL', 'InPost', 'DPD', 'GLS', 'UPS'];
const categories = ['delivery', 'product-defect', 'billing'];
/** Per carrier per hour: 12 complaints a day each, 60 in all. */
export const carrierRate = 0.5;

export const start = Date.parse('2026-01-05T00:00:00Z');

/**
 * Hourly Poisson complaints per carrier from `start` for `days`; `extra(hour, carrier)` adds to the
 * rate (the planted change). Incidents happen at a uniform moment inside the hour they are received.
 */
export function generate(
  seed: number,
  days: number,
  extra: (hourStart: number, carrier: string) => number = () => 0,
  incidentHourExtra: (hourStart: number) => number = () => 0,
  origin = start,
): TrendCase[] {
  const random = rng(seed);
  const cases: TrendCase[] = [];
  let n = 0;
  for (let t = origin; t < origin + days * DAY; t += HOUR) {
    for (const carrier of carriers) {
      const count = poisson(random, carrierRate + extra(t, carrier));
      for (let i = 0; i < count; i++) {
        const at = new Date(t + Math.floor(random() * HOUR)).toISOString();
        cases.push({
          reference: `CD-SIM-${++n}`,
          receivedAt: at,
          category: categories[Math.floor(random() * categories.length)],
          facts: { carrier, incidentAt: at },
        });
      }
    }
    // Complaints whose incident happened in this hour but which reach us hours later.
    const late = poisson(random, incidentHourExtra(t));
    for (let i = 0; i < late; i++) {
      cases.push({
        reference: `CD-SIM-${++n}`,
        receivedAt: new Date(t + 3 * HOUR + Math.floor(random() * HOUR)).toISOString(),
        category: categories[Math.floor(random() * categories.length)],
        facts: { incidentAt: new Date(t + Math.floor(random() * HOUR)).toISOString() },
      });
    }
  }
  return cases.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
}

/**
 * Runs detection at every hour from `from` to `to` (exclusive) as the hourly Schedule does, feeding
 * each run the signals still open; returns every signal opened, with the run that opened it. A run at
 * time t sees only what was received before t.
 */
export function runHourly(cases: TrendCase[], from: number, to: number, policy = trendPolicy): TrendSignal[] {
  let open: TrendSignal[] = [];
  const opened: TrendSignal[] = [];
  const received = cases.map((c) => Date.parse(c.receivedAt));
  for (let t = from; t < to; t += HOUR) {
    const lo = lowerBound(received, t - policy.monitorWindowMs - policy.baselineWindowMs - DAY);
    const hi = lowerBound(received, t);
    const run = detectTrends({ cases: cases.slice(lo, hi), now: t, policy, timeZone: 'UTC', open });
    opened.push(...run.opened);
    open = [...run.opened, ...run.continuing];
  }
  return opened;
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const warmup = 35; // days: baseline and monitored window filled before the experiment starts

/** One carrier's complaints triple for two days: hours from the change to its alert, and the promise. */
export function plantedCarrier(seed = 1) {
  const changeAt = start + warmup * DAY;
  const cases = generate(seed, warmup + 3, (t, carrier) =>
    carrier === 'DHL' && t >= changeAt && t < changeAt + 2 * DAY ? 2 * carrierRate : 0,
  );
  const signals = runHourly(cases, changeAt, changeAt + 3 * DAY);
  const hit = signals.find((s) => s.dimension === 'carrier' && s.key === 'dhl');
  const promise = trendPromise(carrierRate, trendPolicy, HOUR, 3);
  return {
    signal: hit,
    others: signals.filter((s) => s !== hit),
    delayHours: hit ? (Date.parse(hit.detectedAt) - changeAt) / HOUR : Infinity,
    promisedHours: promise.detectionWithin95,
    meanHours: promise.detectionArl,
  };
}

/** Three times the usual complaints about incidents at 14:00 (UTC here), every day for a week. */
export function plantedHour(seed = 2) {
  const spikeAt = start + warmup * DAY + 14 * HOUR;
  const perHour = carrierRate * carriers.length; // incidents per hour of day, per day
  const cases = generate(
    seed,
    warmup + 8,
    () => 0,
    (t) => (t >= spikeAt && t < spikeAt + 7 * DAY && new Date(t).getUTCHours() === 14 ? 2 * perHour : 0),
  );
  const signals = runHourly(cases, start + warmup * DAY, start + (warmup + 8) * DAY);
  const hit = signals.find((s) => s.dimension === 'hour-of-day' && s.key === '14:00');
  // The daily series observes once a day: n observations to detect are (n − 1) days and an hour.
  // Complaints reach us up to four hours after the incident: the hour's count is complete then.
  const promise = trendPromise(perHour, trendPolicy, DAY, 3);
  return {
    signal: hit,
    others: signals.filter((s) => s !== hit),
    delayHours: hit ? (Date.parse(hit.detectedAt) - spikeAt) / HOUR : Infinity,
    promisedHours: (promise.detectionWithin95 - 1) * 24 + 4,
  };
}

/**
 * 90 days of flat Poisson complaints, detection every hour: the signals opened are false alarms.
 * The promise: each series signals on average once per its in-control ARL at its true baseline, so
 * the count is Poisson with that mean; the bound is the mean's 99.9 % quantile.
 */
export function flatFalseAlarms(seed = 3, days = 90) {
  const from = start + warmup * DAY;
  const cases = generate(seed, warmup + days);
  const signals = runHourly(cases, from, from + days * DAY);
  const hours = days * 24;
  const hourly = (lambda: number) => hours / runLengthAt(lambda, HOUR);
  const expected =
    carriers.length * hourly(carrierRate) +
    categories.length * hourly((carrierRate * carriers.length) / categories.length) +
    24 * (days / runLengthAt(carrierRate * carriers.length, DAY));
  const series = carriers.length + categories.length + 24;
  return { falseAlarms: signals.length, expected, bound: poissonQuantile(expected, 0.999), signals, series };
}

function runLengthAt(lambda: number, spacingMs: number): number {
  return trendPromise(lambda, trendPolicy, spacingMs).inControlArl;
}

export function poissonQuantile(mean: number, q: number): number {
  let p = Math.exp(-mean);
  let cum = p;
  let k = 0;
  while (cum < q) {
    k++;
    p = (p * mean) / k;
    cum += p;
  }
  return k;
}

/**
 * What the policy promises for a series with baseline λ0 per bucket: its threshold, the in-control
 * ARL (buckets between false alarms) and, for a rise to `factor`·λ0, the mean buckets to detection
 * and the number within which it is detected with 95 % probability.
 */
export function trendPromise(lambda0: number, policy: TrendPolicy, spacingMs: number, factor = policy.shift) {
  const k = referenceValue(lambda0, policy.shift);
  const h = thresholdFor(lambda0, policy, spacingMs);
  const inControl = cusumRunLength(lambda0, k, h, []);
  const shifted = cusumRunLength(lambda0 * factor, k, h);
  return {
    reference: k,
    threshold: h,
    inControlArl: inControl.arl,
    detectionArl: shifted.arl,
    detectionWithin95: shifted.quantiles[1],
  };
}
