// What a simulated month says: the share of customer-facing promises kept, and every miss with whom it
// is attributed to. Pure: computed from the cases' CaseSummary (the archive's countable record) and
// what the simulation drew for each case (its owner's and customer's behaviour).
import type { CaseSummary } from '../archive/summary';
import type { CustomerBehaviour, OwnerBehaviour } from './agents';

export interface SimulatedCase {
  summary: CaseSummary;
  owner: OwnerBehaviour;
  customer: CustomerBehaviour;
}

/** Who a missed promise is attributed to: the system (an e-mail it owed), the owner, the customer. */
export type Party = 'system' | 'owner' | 'customer';

export interface PromiseMiss {
  complaintId: string;
  clock: string;
  dueAt: string;
  party: Party;
  ownerId: string;
  /** The owner's behaviour on this case (what the simulation drew). */
  behaviour: OwnerBehaviour;
}

export interface SimulationReport {
  window: { from: string; to: string };
  cases: { started: number; closed: number; open: number; byClosure: Record<string, number> };
  /** Dated promises (clocks) due inside the window and settled: kept on time, or missed. */
  promises: { kept: number; missed: number; share: number };
  byClock: Record<string, { kept: number; missed: number }>;
  /** Update intervals in which the owner stayed silent and the system wrote instead, per behaviour. */
  updateMisses: { count: number; byBehaviour: Record<string, number> };
  misses: PromiseMiss[];
  /** Misses grouped by clock, party and behaviour, most first. */
  attribution: { clock: string; party: Party; behaviour: OwnerBehaviour; count: number }[];
}

/**
 * The acknowledgement is the system's to send (a miss: the e-mail did not go out in time), unless the
 * customer's address bounced it (the customer's); every other clock waits for the owner.
 */
export function missParty(clock: string, customer: CustomerBehaviour): Party {
  if (clock === 'acknowledgement') return customer === 'bounces' ? 'customer' : 'system';
  return 'owner';
}

export function simulationReport(
  cases: readonly SimulatedCase[],
  window: { from: string; to: string },
): SimulationReport {
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  const byClock: SimulationReport['byClock'] = {};
  const byClosure: Record<string, number> = {};
  const misses: PromiseMiss[] = [];
  const updateByBehaviour: Record<string, number> = {};
  let kept = 0;
  let updateMisses = 0;
  for (const c of cases) {
    const s = c.summary;
    if (s.stage === 'closed')
      byClosure[s.closure ?? 'unknown'] = (byClosure[s.closure ?? 'unknown'] ?? 0) + 1;
    for (const clock of s.clocks) {
      const due = Date.parse(clock.dueAt);
      if (due < from || due > to) continue;
      // A pending clock is not settled yet; a cancelled one was never owed.
      if (clock.state !== 'met' && clock.state !== 'missed') continue;
      const entry = (byClock[clock.name] ??= { kept: 0, missed: 0 });
      if (clock.state === 'met') {
        entry.kept++;
        kept++;
        continue;
      }
      entry.missed++;
      misses.push({
        complaintId: s.complaintId,
        clock: clock.name,
        dueAt: clock.dueAt,
        party: missParty(clock.name, c.customer),
        ownerId: s.owner.id,
        behaviour: c.owner,
      });
    }
    const silent = Object.values(s.missedUpdates).reduce((a, b) => a + b, 0);
    updateMisses += silent;
    if (silent) updateByBehaviour[c.owner] = (updateByBehaviour[c.owner] ?? 0) + silent;
  }
  const closed = cases.filter((c) => c.summary.stage === 'closed').length;
  return {
    window,
    cases: { started: cases.length, closed, open: cases.length - closed, byClosure },
    promises: {
      kept,
      missed: misses.length,
      share: kept + misses.length === 0 ? 1 : kept / (kept + misses.length),
    },
    byClock,
    updateMisses: { count: updateMisses, byBehaviour: updateByBehaviour },
    misses,
    attribution: attribution(misses),
  };
}

/** Misses grouped by clock, party and the owner's behaviour, most first. */
function attribution(misses: readonly PromiseMiss[]): SimulationReport['attribution'] {
  const groups = new Map<string, SimulationReport['attribution'][number]>();
  for (const m of misses) {
    const key = `${m.clock}|${m.party}|${m.behaviour}`;
    const g = groups.get(key) ?? { clock: m.clock, party: m.party, behaviour: m.behaviour, count: 0 };
    g.count++;
    groups.set(key, g);
  }
  return [...groups.values()].sort(
    (a, b) =>
      b.count - a.count ||
      `${a.clock}${a.party}${a.behaviour}`.localeCompare(`${b.clock}${b.party}${b.behaviour}`),
  );
}

/** How `cases` split into slices of at most `size` cases, as even as possible (see scripts/simulation/run.ts). */
export function sliceSizes(cases: number, size: number): number[] {
  const n = Math.ceil(cases / size);
  return Array.from({ length: n }, (_, i) => Math.floor(cases / n) + (i < cases % n ? 1 : 0));
}

const addCounts = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
};

/**
 * One report for a month run in slices (independent populations over the same span of days, each on
 * its own server): cases, promises and misses added up, the share and attribution computed again from
 * the sums. The window runs from the earliest slice's start to the latest slice's end.
 */
export function combinedReport(reports: readonly SimulationReport[]): SimulationReport {
  if (!reports.length) throw new Error('combinedReport needs at least one report');
  const byClosure: Record<string, number> = {};
  const byClock: SimulationReport['byClock'] = {};
  const byBehaviour: Record<string, number> = {};
  const misses: PromiseMiss[] = [];
  let kept = 0;
  let started = 0;
  let closed = 0;
  let updates = 0;
  for (const r of reports) {
    addCounts(byClosure, r.cases.byClosure);
    for (const [name, c] of Object.entries(r.byClock)) {
      const entry = (byClock[name] ??= { kept: 0, missed: 0 });
      entry.kept += c.kept;
      entry.missed += c.missed;
    }
    addCounts(byBehaviour, r.updateMisses.byBehaviour);
    misses.push(...r.misses);
    kept += r.promises.kept;
    started += r.cases.started;
    closed += r.cases.closed;
    updates += r.updateMisses.count;
  }
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    window: {
      from: iso(Math.min(...reports.map((r) => Date.parse(r.window.from)))),
      to: iso(Math.max(...reports.map((r) => Date.parse(r.window.to)))),
    },
    cases: { started, closed, open: started - closed, byClosure },
    promises: {
      kept,
      missed: misses.length,
      share: kept + misses.length === 0 ? 1 : kept / (kept + misses.length),
    },
    byClock,
    updateMisses: { count: updates, byBehaviour },
    misses,
    attribution: attribution(misses),
  };
}

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The one line a run ends with (CI checks it). */
export function summaryLine(r: SimulationReport, days: number): string {
  const p = r.promises;
  const parties = (['owner', 'system', 'customer'] as const)
    .map((party) => `${party} ${r.misses.filter((m) => m.party === party).length}`)
    .join(', ');
  return (
    `simulated ${r.cases.started} cases over ${days} days: ${p.kept} of ${p.kept + p.missed} ` +
    `customer-facing promises kept (${percent(p.share)}); ${p.missed} missed (${parties}); ` +
    `${r.updateMisses.count} update intervals covered by the system; ${r.cases.closed} cases closed`
  );
}

/** The report as lines of text: per clock, and every group of misses with whom it is attributed to. */
export function reportLines(r: SimulationReport, days: number): string[] {
  const lines = [summaryLine(r, days), '', 'promises per clock (kept / missed):'];
  for (const [name, c] of Object.entries(r.byClock).sort(([a], [b]) => a.localeCompare(b)))
    lines.push(`  ${name.padEnd(24)} ${String(c.kept).padStart(6)} / ${String(c.missed).padStart(5)}`);
  lines.push('', 'misses by clock, party and the owner’s behaviour:');
  if (!r.attribution.length) lines.push('  none');
  for (const a of r.attribution)
    lines.push(
      `  ${a.clock.padEnd(24)} ${a.party.padEnd(9)} ${a.behaviour.padEnd(7)} ${String(a.count).padStart(5)}`,
    );
  lines.push('', 'update intervals the system covered, by the owner’s behaviour:');
  for (const [b, n] of Object.entries(r.updateMisses.byBehaviour)) lines.push(`  ${b.padEnd(7)} ${n}`);
  lines.push(
    '',
    `cases: ${r.cases.started} started, ${r.cases.closed} closed (${Object.entries(r.cases.byClosure)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}), ${r.cases.open} still open`,
  );
  return lines;
}
