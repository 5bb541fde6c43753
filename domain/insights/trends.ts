// Trend alerts: is any kind of complaint arriving faster than its own past says it should?
//
// The method is a one-sided Poisson CUSUM (Page 1954; Lucas 1985) per series. A series is the
// complaints of one value of one dimension (the carrier "DHL", the category "delivery", ...) counted
// per hour, or, for "hour-of-day", the complaints whose incident fell in one hour of the local day
// (14:00-15:00), one count per day: the seeds' "the same hour every day".
//
// For each series: its baseline rate λ0 is its mean count per bucket over `baselineWindow` (floored at
// `minBaselinePerDay`), measured just before the monitored window, so a change being watched does not
// raise its own baseline. The rate to detect is λ1 = shift·λ0; the reference value is
// K = (λ1 − λ0) / ln(λ1/λ0), the optimal one for that shift. Over the monitored window
//   S_0 = 0,  S_t = max(0, S_{t−1} + x_t − K)
// and the series alarms while S_t ≥ h. The change is estimated to have started at the bucket after S
// last stood at zero. The run length of this CUSUM follows exactly from λ, K and h through the Markov
// chain of S (Brook & Evans 1972; `cusumRunLength`). A fixed h would make busy series false-alarm far
// more often than quiet ones, so each series gets the h whose in-control average run length is the
// policy's `falseAlarmEvery` (`thresholdFor`): every series promises the same false-alarm rate, and
// the detection delay that follows from its own baseline (the same chain with λ = shift·λ0; the tests
// compute it in test/helpers/trend-scenarios.ts and hold the detector to both). Every alert states its
// baseline, K and h.
//
// Sparse series. The floor that keeps a never-seen supplier from being compared with zero also makes
// the CUSUM blind to it: at 0.5 a day and a doubling to detect, it takes about eight complaints within
// hours. Seed 002's pattern is sparser — one complaint each to several representatives within days —
// so a series whose own baseline is below the floor runs a second CUSUM tuned for a burst
// (`sparseChain`): λ0 is its own rate taken at the upper `sparse.confidence` bound of what its few
// baseline complaints allow (a new series is not compared with zero, and a low draw does not make a
// series hair-trigger), λ1 is `sparse.burstPerDay`, K and h follow as above, h again for an
// in-control ARL of `falseAlarmEvery` at that λ0. So three complaints within about two days alarm a
// new supplier; each chain keeps the false-alarm budget (a sparse series has two: at most two alarms
// per `falseAlarmEvery`), and its detection delay follows from the same Markov chain.
//
// Pure: no clock, no I/O. The activity feeds it the store's cases and the trend alerts still open.
import { localHour } from '../clock';
import { DAY, HOUR } from '../durations';
import type { TrendDimension, TrendPolicy } from '../types';

/** What trend detection needs of a case (a slice of the archive's CaseSummary; no personal data). */
export interface TrendCase {
  reference: string;
  receivedAt: string;
  category: string;
  /** The case's owner (an id): the owner dimension, and how many owners an alert's cases reached. */
  owner?: string;
  facts?: {
    product?: { sku?: string; name?: string };
    supplier?: string;
    carrier?: string;
    location?: string;
    incidentAt?: string;
  };
}

export interface TrendEvidence {
  /** "hour": the series counts every hour; "day": one hour of the day, counted once a day. */
  bucket: 'hour' | 'day';
  /** Which chain alarmed: the CUSUM for a rise to shift·baseline, or the sparse series' burst one. */
  method?: 'cusum' | 'sparse';
  /** How many owners the complaints in the window reached (seed 002: several representatives). */
  owners?: number;
  baselineFrom: string;
  baselineTo: string;
  /** Complaints in the baseline window, and the rate per bucket compared with (λ0, after the floor). */
  baselineCount: number;
  baselinePerBucket: number;
  /** The CUSUM's reference value K and decision threshold h. */
  reference: number;
  threshold: number;
  /** From the estimated start of the change to the end of the last complete bucket. */
  windowFrom: string;
  windowTo: string;
  /** Complaints in that window, and what the baseline expected there. */
  count: number;
  expected: number;
  /** The CUSUM statistic at the end of the window. */
  statistic: number;
  /** Counts per bucket in the window, oldest first. */
  counts: number[];
  /** The references of the complaints in the window (the first 100). */
  cases: string[];
}

export interface TrendAlert {
  /** `${dimension}:${key}:${startedAt}` — the same change never makes a second alert. */
  id: string;
  dimension: TrendDimension;
  /** The value as first seen ("DHL", "14:00"); `key` is its normalised form. */
  value: string;
  key: string;
  /** The estimated start of the change (the bucket after the CUSUM last stood at zero). */
  startedAt: string;
  detectedAt: string;
  /** Set when the statistic fell back below the threshold. */
  endedAt?: string;
  evidence: TrendEvidence;
}

export interface TrendRun {
  /** Alerts found now that no open alert of the same series covers: these are e-mailed. */
  opened: TrendAlert[];
  /** Open alerts still above the threshold, with fresh evidence (identity and start unchanged). */
  continuing: TrendAlert[];
  /** Open alerts whose series fell below the threshold (or left the data): endedAt set. */
  ended: TrendAlert[];
  /** How many series were examined. */
  series: number;
}

interface Series {
  dimension: TrendDimension;
  key: string;
  value: string;
  /** Bucket start (ms) → references. */
  buckets: Map<number, string[]>;
  /** Reference → owner, for the evidence. */
  owners: Map<string, string>;
}

const norm = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** The values of a case per dimension (hour-of-day is handled apart: it is a time, not a value). */
function valuesOf(c: TrendCase): [TrendDimension, string | undefined][] {
  const f = c.facts;
  return [
    ['category', c.category],
    ['owner', c.owner],
    ['product', f?.product?.sku ?? f?.product?.name],
    ['supplier', f?.supplier],
    ['carrier', f?.carrier],
    ['location', f?.location],
  ];
}

const hours = new Map<string, number>();
/** The local hour of an hour bucket (Intl is slow; buckets repeat from run to run). */
function hourOf(bucket: number, timeZone: string): number {
  const key = `${timeZone}|${bucket}`;
  let h = hours.get(key);
  if (h === undefined) {
    if (hours.size > 100_000) hours.clear();
    hours.set(key, (h = localHour(bucket, timeZone)));
  }
  return h;
}

const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

/**
 * One detection run at `now` (rounded down to the hour: only complete hours count). `open` are the
 * alerts not yet ended from earlier runs; a series with an open alert never opens another.
 */
export function detectTrends(input: {
  cases: readonly TrendCase[];
  now: number;
  policy: TrendPolicy;
  timeZone: string;
  open: readonly TrendAlert[];
}): TrendRun {
  const { policy, timeZone } = input;
  const end = Math.floor(input.now / HOUR) * HOUR;
  const monitorFrom = end - Math.ceil(policy.monitorWindowMs / HOUR) * HOUR;
  const baselineFrom = monitorFrom - Math.ceil(policy.baselineWindowMs / HOUR) * HOUR;
  const dims = new Set(policy.dimensions);

  const series = new Map<string, Series>();
  const add = (dimension: TrendDimension, value: string, bucket: number, c: TrendCase) => {
    const key = norm(value);
    if (!key) return;
    const id = `${dimension}:${key}`;
    let s = series.get(id);
    if (!s)
      series.set(id, (s = { dimension, key, value: value.trim(), buckets: new Map(), owners: new Map() }));
    const refs = s.buckets.get(bucket);
    if (refs) refs.push(c.reference);
    else s.buckets.set(bucket, [c.reference]);
    if (c.owner) s.owners.set(c.reference, c.owner);
  };
  for (const c of input.cases) {
    const received = Date.parse(c.receivedAt);
    if (received >= baselineFrom && received < end) {
      const bucket = Math.floor(received / HOUR) * HOUR;
      for (const [dimension, value] of valuesOf(c)) {
        if (value && dims.has(dimension)) add(dimension, value, bucket, c);
      }
    }
    if (dims.has('hour-of-day')) {
      // When it happened, if the customer said; otherwise when it reached us.
      const at = c.facts?.incidentAt ? Date.parse(c.facts.incidentAt) : received;
      const bucket = Math.floor(at / HOUR) * HOUR;
      if (Number.isFinite(at) && at >= baselineFrom && at < end)
        add('hour-of-day', hourLabel(hourOf(bucket, timeZone)), bucket, c);
    }
  }

  // Every hour bucket of the windows, and (0-23) those of each local hour of day.
  const byHour: number[][] = Array.from({ length: 25 }, () => []);
  for (let b = baselineFrom; b < end; b += HOUR) {
    byHour[24].push(b);
    if (dims.has('hour-of-day')) byHour[hourOf(b, timeZone)].push(b);
  }

  const openBySeries = new Map(input.open.map((s) => [`${s.dimension}:${s.key}`, s]));
  const run: TrendRun = { opened: [], continuing: [], ended: [], series: 0 };
  const nowIso = new Date(end).toISOString();
  for (const [id, s] of series) {
    run.series++;
    const found = examine(s, { end, monitorFrom, baselineFrom, policy, byHour });
    const open = openBySeries.get(id);
    openBySeries.delete(id);
    if (!found) {
      if (open) run.ended.push({ ...open, endedAt: nowIso });
      continue;
    }
    if (open) {
      run.continuing.push({ ...open, evidence: found.evidence });
      continue;
    }
    run.opened.push({
      id: `${s.dimension}:${s.key}:${found.startedAt}`,
      dimension: s.dimension,
      value: s.value,
      key: s.key,
      startedAt: found.startedAt,
      detectedAt: nowIso,
      evidence: found.evidence,
    });
  }
  // A series with no complaint left in the windows has certainly fallen back.
  for (const open of openBySeries.values()) run.ended.push({ ...open, endedAt: nowIso });
  return run;
}

/** A CUSUM chain: its rate, reference value and threshold. */
interface Chain {
  method: 'cusum' | 'sparse';
  lambda0: number;
  k: number;
  h: number;
}

/**
 * The series' CUSUMs over the monitored window — the one for a rise to shift·baseline, and for a
 * sparse series the burst one — and the alert's evidence when one stands at its h or more.
 */
function examine(
  s: Series,
  w: { end: number; monitorFrom: number; baselineFrom: number; policy: TrendPolicy; byHour: number[][] },
): { startedAt: string; evidence: TrendEvidence } | undefined {
  const { policy } = w;
  const daily = s.dimension === 'hour-of-day';
  // The buckets of this series: every hour, or the hours whose local hour of day is the series'.
  const all = daily ? w.byHour[Number(s.key.slice(0, 2))] : w.byHour[24];
  const buckets = (from: number, to: number) => all.filter((b) => b >= from && b < to);
  const count = (b: number) => s.buckets.get(b)?.length ?? 0;

  const base = buckets(w.baselineFrom, w.monitorFrom);
  const baselineCount = base.reduce((n, b) => n + count(b), 0);
  // The floor is a rate in time: an hour-of-day bucket is one hour long, like an hourly one.
  const floor = (policy.minBaselinePerDay * HOUR) / DAY;
  const own = base.length ? baselineCount / base.length : 0;
  const lambda0 = Math.max(own, floor);
  const chains: Chain[] = [
    {
      method: 'cusum',
      lambda0,
      k: referenceValue(lambda0, policy.shift),
      h: thresholdFor(lambda0, policy, daily ? DAY : HOUR),
    },
  ];
  const burst = sparseChain(own < floor && !daily && base.length > 0, baselineCount, base.length, policy);
  if (burst) chains.push(burst);

  const monitored = buckets(w.monitorFrom, w.end);
  for (const chain of chains) {
    let S = 0;
    let lastZero = -1; // index of the last bucket after which S stood at zero
    for (let i = 0; i < monitored.length; i++) {
      S = Math.max(0, S + count(monitored[i]) - chain.k);
      if (S === 0) lastZero = i;
    }
    if (S < chain.h) continue;
    const window = monitored.slice(lastZero + 1);
    const counts = window.map(count);
    const cases = window.flatMap((b) => s.buckets.get(b) ?? []);
    const startedAt = new Date(window[0]).toISOString();
    return {
      startedAt,
      evidence: {
        bucket: daily ? 'day' : 'hour',
        method: chain.method,
        owners: new Set(cases.map((ref) => s.owners.get(ref)).filter(Boolean)).size,
        baselineFrom: new Date(w.baselineFrom).toISOString(),
        baselineTo: new Date(w.monitorFrom).toISOString(),
        baselineCount,
        baselinePerBucket: round(chain.lambda0),
        reference: round(chain.k),
        threshold: round(chain.h),
        windowFrom: startedAt,
        windowTo: new Date(w.end).toISOString(),
        count: cases.length,
        expected: round(chain.lambda0 * window.length),
        statistic: round(S),
        counts,
        cases: cases.slice(0, 100),
      },
    };
  }
  return undefined;
}

/**
 * The burst chain of a sparse hourly series (its own baseline below the floor): λ0 its own rate with
 * its upper `confidence` bound (poissonUpper), λ1 = `sparse.burstPerDay`. Undefined when the policy has
 * no sparse detection, the series is not sparse, or the burst rate is no rise for it.
 */
export function sparseChain(
  sparse: boolean,
  baselineCount: number,
  baselineBuckets: number,
  policy: TrendPolicy,
): Chain | undefined {
  if (!sparse || !policy.sparse) return undefined;
  const lambda0 = poissonUpper(baselineCount, policy.sparse.confidence) / baselineBuckets;
  const lambda1 = (policy.sparse.burstPerDay * HOUR) / DAY;
  if (lambda1 <= lambda0 * 1.5) return undefined;
  const k = (lambda1 - lambda0) / Math.log(lambda1 / lambda0);
  return {
    method: 'sparse',
    lambda0,
    k,
    h: thresholdForReference(lambda0, k, policy.falseAlarmEveryMs / HOUR),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The CUSUM reference value K for detecting a rise from λ0 to shift·λ0 (the likelihood-ratio one). */
export function referenceValue(lambda0: number, shift: number): number {
  return (lambda0 * (shift - 1)) / Math.log(shift);
}

/**
 * What a Poisson CUSUM (reference K, threshold h, starting at 0) promises when the true rate per
 * bucket is λ: the average run length until it alarms (ARL), and the number of buckets within which
 * it alarms with the given probabilities. With λ = λ0 that is the in-control ARL (mean buckets
 * between false alarms); with λ = shift·λ0, the detection delay. The Markov chain of S on a grid of
 * step K/m (so the decrement of an empty bucket is exact; at most ~800 states) — Brook & Evans 1972.
 */
export function cusumRunLength(
  lambda: number,
  k: number,
  h: number,
  quantiles: number[] = [0.5, 0.95],
  states = 800,
): { arl: number; quantiles: number[] } {
  const m = Math.max(1, Math.floor((states * k) / h));
  const step = k / m;
  const n = Math.ceil(h / step); // states 0..n-1 are below h
  // Poisson probabilities up to where they stop mattering.
  const pmf: number[] = [];
  let p = Math.exp(-lambda);
  let cum = 0;
  for (let x = 0; cum < 1 - 1e-12 && x < 1000; x++) {
    pmf.push(p);
    cum += p;
    p = (p * lambda) / (x + 1);
  }
  const next = (i: number, x: number) => Math.max(0, i + Math.round((x - k) / step));

  // ARL from each state: (I − Q) L = 1, solved by Gaussian elimination (dense, n ≤ ~800).
  const A = new Float64Array(n * n);
  const b = new Float64Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    A[i * n + i] += 1;
    for (let x = 0; x < pmf.length; x++) {
      const j = next(i, x);
      if (j < n) A[i * n + j] -= pmf[x];
    }
  }
  const L = solve(A, b, n);

  // The run-length distribution from state 0, step by step, until the wanted quantiles are reached.
  const wanted = [...quantiles];
  const found: number[] = wanted.map(() => Infinity);
  let dist = new Float64Array(n);
  dist[0] = 1;
  let absorbed = 0;
  const limit = Math.min(1_000_000, Math.ceil(L[0] * 20) + 10);
  for (let t = 1; t <= limit && found.some((f) => f === Infinity); t++) {
    const nd = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const d = dist[i];
      if (d < 1e-15) continue;
      for (let x = 0; x < pmf.length; x++) {
        const j = next(i, x);
        if (j < n) nd[j] += d * pmf[x];
        else absorbed += d * pmf[x];
      }
    }
    dist = nd;
    wanted.forEach((q, qi) => {
      if (found[qi] === Infinity && absorbed >= q) found[qi] = t;
    });
  }
  return { arl: L[0], quantiles: found };
}

function solve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r * n + c]) > Math.abs(A[pivot * n + c])) pivot = r;
    if (pivot !== c) {
      for (let j = 0; j < n; j++) {
        const t = A[c * n + j];
        A[c * n + j] = A[pivot * n + j];
        A[pivot * n + j] = t;
      }
      const t = b[c];
      b[c] = b[pivot];
      b[pivot] = t;
    }
    const d = A[c * n + c];
    for (let r = c + 1; r < n; r++) {
      const f = A[r * n + c] / d;
      if (f === 0) continue;
      for (let j = c; j < n; j++) A[r * n + j] -= f * A[c * n + j];
      b[r] -= f * b[c];
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let j = r + 1; j < n; j++) s -= A[r * n + j] * x[j];
    x[r] = s / A[r * n + r];
  }
  return x;
}

/**
 * The upper confidence bound of a Poisson mean after observing `count`: the λ with P(X ≤ count) =
 * 1 − confidence. A sparse series' baseline is a handful of complaints; compared with its point
 * estimate, a low draw would make it hair-trigger (and a new series, with none, would be compared
 * with zero). With 0.8: 1.61 for a series never seen, 7.9 for one seen five times.
 */
export function poissonUpper(count: number, confidence: number): number {
  let lo = 0;
  let hi = count + 10 + 10 * Math.sqrt(count + 1);
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    let p = Math.exp(-mid);
    let cdf = p;
    for (let x = 1; x <= count; x++) {
      p = (p * mid) / x;
      cdf += p;
    }
    if (cdf > 1 - confidence) lo = mid;
    else hi = mid;
  }
  return hi;
}

const thresholds = new Map<string, number>();

/**
 * The decision threshold h at which a series with baseline λ0 per bucket, buckets `spacingMs` apart,
 * alarms on average once per `falseAlarmEvery` when nothing changes. Bisection on log h over a
 * coarse chain (the ARL grows about exponentially in h); memoised by λ0 to two digits (a 5 % change
 * of the baseline moves the threshold far less than the baseline's own noise).
 */
export function thresholdFor(lambda0: number, policy: TrendPolicy, spacingMs: number): number {
  const l = Number(lambda0.toPrecision(2));
  return thresholdForReference(l, referenceValue(l, policy.shift), policy.falseAlarmEveryMs / spacingMs);
}

/** The h whose in-control ARL (rate λ0 per bucket, reference K) is `targetBuckets`; memoised. */
export function thresholdForReference(lambda0: number, k: number, targetBuckets: number): number {
  const l = Number(lambda0.toPrecision(2));
  const key = `${l}|${k.toPrecision(4)}|${targetBuckets}`;
  let h = thresholds.get(key);
  if (h === undefined) {
    let lo = Math.log(0.5);
    let hi = Math.log(200);
    for (let i = 0; i < 14; i++) {
      const mid = (lo + hi) / 2;
      if (cusumRunLength(l, k, Math.exp(mid), [], 150).arl < targetBuckets) lo = mid;
      else hi = mid;
    }
    h = Math.exp(hi);
    if (thresholds.size > 10_000) thresholds.clear();
    thresholds.set(key, h);
  }
  return h;
}
