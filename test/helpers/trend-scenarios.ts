// Synthetic complaint streams for the trend detector: flat Poisson arrivals per carrier, with or
// without a planted change, run through detectTrends hour by hour as the Schedule would. Shared by
// test/unit/trends.test.ts (which asserts the figures) and bench/trends.ts (which prints them).
import {
  cusumRunLength,
  detectTrends,
  referenceValue,
  sparseChain,
  thresholdFor,
  type TrendCase,
  type TrendAlert,
} from '../../domain/insights/trends';
import { DAY, HOUR } from '../../domain/durations';
import type { TrendPolicy } from '../../domain/types';

export const trendPolicy: TrendPolicy = {
  baselineWindowMs: 28 * DAY,
  monitorWindowMs: 7 * DAY,
  shift: 2,
  falseAlarmEveryMs: 1825 * DAY,
  minBaselinePerDay: 0.5,
  sparse: { burstPerDay: 1.5, confidence: 0.8 },
  dimensions: ['category', 'owner', 'product', 'supplier', 'carrier', 'location', 'hour-of-day'],
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

/** Every case goes to one of six owners at random: 10 complaints a day each. */
export const owners = [
  'anna-kowalska',
  'piotr-wisniewski',
  'sara-lindqvist',
  'kadri-tamm',
  'noa-levi',
  'james-whitaker',
];
/**
 * Sparse suppliers, named on some cases: 0.02 to 0.4 complaints a day each, all below the floor
 * (0.5 a day), so the burst chain watches them; 4.2 a day together.
 */
export const sparseSuppliers: [string, number][] = Array.from({ length: 20 }, (_, i) => [
  `Supplier ${String(i + 1).padStart(2, '0')}`,
  0.02 * (i + 1),
]);
const totalPerDay = carrierRate * 24 * 5;

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
  // Owners and suppliers from a stream of their own, so the carriers' streams stay as they were.
  const side = rng(seed + 7919);
  const sideFacts = () => {
    let u = side() * totalPerDay;
    let supplier: string | undefined;
    for (const [name, perDay] of sparseSuppliers) {
      if (u < perDay) {
        supplier = name;
        break;
      }
      u -= perDay;
    }
    return { owner: owners[Math.floor(side() * owners.length)], supplier };
  };
  const cases: TrendCase[] = [];
  let n = 0;
  for (let t = origin; t < origin + days * DAY; t += HOUR) {
    for (const carrier of carriers) {
      const count = poisson(random, carrierRate + extra(t, carrier));
      for (let i = 0; i < count; i++) {
        const at = new Date(t + Math.floor(random() * HOUR)).toISOString();
        const { owner, supplier } = sideFacts();
        cases.push({
          reference: `CD-SIM-${++n}`,
          receivedAt: at,
          category: categories[Math.floor(random() * categories.length)],
          owner,
          facts: { carrier, incidentAt: at, ...(supplier ? { supplier } : {}) },
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
 * each run the alerts still open; returns every alert opened, with the run that opened it. A run at
 * time t sees only what was received before t.
 */
export function runHourly(cases: TrendCase[], from: number, to: number, policy = trendPolicy): TrendAlert[] {
  let open: TrendAlert[] = [];
  const opened: TrendAlert[] = [];
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
  const alerts = runHourly(cases, changeAt, changeAt + 3 * DAY);
  const hit = alerts.find((s) => s.dimension === 'carrier' && s.key === 'dhl');
  const promise = trendPromise(carrierRate, trendPolicy, HOUR, 3);
  return {
    alert: hit,
    others: alerts.filter((s) => s !== hit),
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
  const alerts = runHourly(cases, start + warmup * DAY, start + (warmup + 8) * DAY);
  const hit = alerts.find((s) => s.dimension === 'hour-of-day' && s.key === '14:00');
  // The daily series observes once a day: n observations to detect are (n − 1) days and an hour.
  // Complaints reach us up to four hours after the incident: the hour's count is complete then.
  const promise = trendPromise(perHour, trendPolicy, DAY, 3);
  return {
    alert: hit,
    others: alerts.filter((s) => s !== hit),
    delayHours: hit ? (Date.parse(hit.detectedAt) - spikeAt) / HOUR : Infinity,
    promisedHours: (promise.detectionWithin95 - 1) * 24 + 4,
  };
}

/**
 * 90 days of flat Poisson complaints, detection every hour: the alerts opened are false alarms.
 * The promise: each series alarms on average once per its in-control ARL at its true baseline, so
 * the count is Poisson with that mean; the bound is the mean's 99.9 % quantile. A sparse supplier
 * has two chains: the floored CUSUM (at its true rate, below the floor, rarer than its budget) and
 * the burst chain (its budget at its own rate).
 */
export function flatFalseAlarms(seed = 3, days = 90) {
  const from = start + warmup * DAY;
  const cases = generate(seed, warmup + days);
  const alerts = runHourly(cases, from, from + days * DAY);
  const hours = days * 24;
  const hourly = (lambda: number) => hours / runLengthAt(lambda, HOUR);
  const perHour = (perDay: number) => (perDay * HOUR) / DAY;
  const floor = perHour(trendPolicy.minBaselinePerDay);
  const floored = { k: referenceValue(floor, trendPolicy.shift), h: thresholdFor(floor, trendPolicy, HOUR) };
  const sparseExpected = sparseSuppliers.reduce(
    (sum, [, perDay]) =>
      sum +
      hours / cusumRunLength(perHour(perDay), floored.k, floored.h, []).arl +
      (sparseFalseAlarmsPerYear(perDay) * days) / 365,
    0,
  );
  const expectedBy = {
    carriers: carriers.length * hourly(carrierRate),
    categories: categories.length * hourly((carrierRate * carriers.length) / categories.length),
    owners: owners.length * hourly((carrierRate * carriers.length) / owners.length),
    'hours of day': 24 * (days / runLengthAt(carrierRate * carriers.length, DAY)),
    'sparse suppliers': sparseExpected,
  };
  const expected = Object.values(expectedBy).reduce((a, b) => a + b, 0);
  const series = carriers.length + categories.length + owners.length + 24 + sparseSuppliers.length;
  const sparseKeys = new Set(sparseSuppliers.map(([name]) => name.toLowerCase()));
  return {
    falseAlarms: alerts.length,
    sparseFalseAlarms: alerts.filter((s) => s.dimension === 'supplier' && sparseKeys.has(s.key)).length,
    expected,
    expectedBy,
    bound: poissonQuantile(expected, 0.999),
    alerts,
    series,
    seriesYears: (series * days) / 365,
  };
}

/**
 * The burst chain's false alarms per year for a sparse series whose true rate is `perDay`, its
 * baseline estimate's noise included: the in-control ARL of the chain each baseline count would give,
 * weighted by that count's Poisson probability (the rolling window's dependence aside).
 */
export function sparseFalseAlarmsPerYear(perDay: number, policy = trendPolicy): number {
  const baselineHours = policy.baselineWindowMs / HOUR;
  const lambda = (perDay * HOUR) / DAY;
  const mean = lambda * baselineHours;
  let total = 0;
  let p = Math.exp(-mean);
  for (let c = 0; c < mean + 10 * Math.sqrt(mean + 1) + 10; c++) {
    if (c > 0) p = (p * mean) / c;
    const chain = sparseChain(true, c, baselineHours, policy);
    if (chain && p > 1e-9) total += (p * 365 * 24) / cusumRunLength(lambda, chain.k, chain.h, []).arl;
  }
  return total;
}

/**
 * Seed 002: a supplier never seen before, one complaint each to several owners within days, over
 * the flat background. `offsetsHours`: when each complaint comes after the first. Returns the hours
 * from the first complaint to the alert.
 */
export function newSupplierAcrossOwners(offsetsHours: number[], seed = 4) {
  const first = start + warmup * DAY + 9 * HOUR + 20 * 60_000;
  const cases = generate(seed, warmup + 4);
  offsetsHours.forEach((offset, i) =>
    cases.push({
      reference: `CD-NEW-${i + 1}`,
      receivedAt: new Date(first + offset * HOUR).toISOString(),
      category: 'product-defect',
      owner: owners[i % owners.length],
      facts: { supplier: 'Nordic Parts AB', product: { name: `Part ${i + 1}` } },
    }),
  );
  cases.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  const alerts = runHourly(cases, start + warmup * DAY, start + (warmup + 4) * DAY);
  const hit = alerts.find((s) => s.dimension === 'supplier' && s.key === 'nordic parts ab');
  return {
    alert: hit,
    delayHours: hit ? (Date.parse(hit.detectedAt) - first) / HOUR : Infinity,
    /** What the burst chain promises for a new series whose complaints come at burstPerDay. */
    promise: sparsePromise(0),
  };
}

/**
 * What the burst chain promises for a sparse series with `baselineCount` complaints in its baseline
 * window: K, h, the in-control ARL in days, and for complaints at `burstPerDay` the mean hours to the
 * alert and the hours within which it comes with 95 %.
 */
export function sparsePromise(baselineCount: number, policy = trendPolicy) {
  const baselineHours = policy.baselineWindowMs / HOUR;
  const chain = sparseChain(true, baselineCount, baselineHours, policy)!;
  const inControl = cusumRunLength(chain.lambda0, chain.k, chain.h, []);
  const burst = cusumRunLength((policy.sparse!.burstPerDay * HOUR) / DAY, chain.k, chain.h);
  return {
    reference: chain.k,
    threshold: chain.h,
    inControlDays: inControl.arl / 24,
    detectionMeanHours: burst.arl,
    detectionWithin95Hours: burst.quantiles[1],
  };
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
