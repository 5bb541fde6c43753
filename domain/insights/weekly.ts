// The weekly team review (seed 003: the team reviews every complaint weekly): what happened in one ISO
// week, per owner, built from the archive's case summaries. Pure; the activity and the API feed it the
// cases that touch the week, and render it (weekly-render.ts).
//
// What counts where: an event counts in the week it happened and for the owner who had the case
// then (ownerHistory), so a reassigned case's misses stay with whoever missed them.
//   opened      received in the week (first owner)
//   closed      closed in the week (owner at close), by closure reason
//   open        received before the week ended and not closed by then (owner at the week's end)
//   promises    a clock counts when it was decided: kept at its metAt, missed at its missedAt (a
//               promise kept late stays missed); customer updates: one the owner sent is kept, one the
//               system had to send on the owner's silence is missed
//   escalations, extensions, survey answers, follow-ups opened/done, remedies (at the resolution),
//   root causes (at the documentation): when they happened
//   to discuss  overdue at the week's end; a survey score at or below the low-score threshold; a
//               statutory breach; a follow-up opened (the case was reopened) — all in the week
//   agenda      seed 003: each representative presents their open complaints, to brainstorm, and
//               their closed ones, so the team learns. Per owner: every case open at the week's end
//               (owner then), flagged overdue, escalated (the level reached by then), waiting on the
//               customer or awaiting approval (the stage as last recorded: a past week's review shows
//               today's stage), flagged ones first; and every case closed in the week (owner at the
//               close) with its problem (category, product, supplier, carrier, location), root cause
//               (category, contributing factors, responsible party, the owner's words) and solution
//               (outcome, remedy, corrective and preventive action).
import type { CaseSummary } from '../archive/summary';
import type { RemedyKind } from '../types';
import type { IsoWeek } from './week';
import { localHour } from '../clock';

export const promiseKinds = [
  'acknowledgement',
  'diagnosis',
  'updates',
  'resolution',
  'statutory',
  'follow-up',
] as const;
export type PromiseKind = (typeof promiseKinds)[number];

/** Clock names (domain/lifecycle) to the review's promise kinds. */
const clockKind: Record<string, PromiseKind> = {
  acknowledgement: 'acknowledgement',
  diagnosis: 'diagnosis',
  'diagnosis-after-answer': 'diagnosis',
  // The new time told after a missed one (ruleset 2) is a diagnosis or follow-up promise too.
  'diagnosis-new-time': 'diagnosis',
  resolution: 'resolution',
  statutory: 'statutory',
  'follow-up': 'follow-up',
  'follow-up-new-time': 'follow-up',
};

export type KeptMissed = Record<PromiseKind, { kept: number; missed: number }>;

export interface OwnerWeek {
  ownerId: string;
  ownerName: string;
  opened: number;
  closed: number;
  open: number;
  promises: KeptMissed;
  kept: number;
  missed: number;
  escalations: number;
  extensions: number;
  surveyAnswers: number;
  /** Mean survey score of the week's answers; null without answers. */
  averageScore: number | null;
  followUpsOpened: number;
  remedies: number;
}

export const discussReasons = ['overdue', 'low-score', 'statutory-breach', 'reopened'] as const;
export type DiscussReason = (typeof discussReasons)[number];

/** Why an open case is on its owner's agenda first. */
export const agendaFlags = ['overdue', 'escalated', 'waiting-on-customer', 'awaiting-approval'] as const;
export type AgendaFlag = (typeof agendaFlags)[number];

export interface OpenAgendaItem {
  complaintId: string;
  reference: string;
  category: string;
  priority: string;
  stage: string;
  receivedAt: string;
  /** The escalation level reached by the week's end. */
  escalationLevel: number;
  flags: AgendaFlag[];
  /** The earliest promise still pending or late at the week's end. */
  nextDueAt?: string;
}

export interface ClosedAgendaItem {
  complaintId: string;
  reference: string;
  closedAt: string;
  closure: string;
  problem: {
    category: string;
    product?: string;
    supplier?: string;
    carrier?: string;
    location?: string;
  };
  rootCause?: {
    /** The policy's name of the root-cause category (its id when the policy has none). */
    category?: string;
    factors: string[];
    responsibleParty?: string;
    responsiblePartyKind?: string;
    /** The owner's own words. */
    text?: string;
  };
  solution: {
    outcome?: string;
    remedy?: string;
    correctiveAction?: string;
    preventiveAction?: string;
  };
}

export interface OwnerAgenda {
  ownerId: string;
  ownerName: string;
  open: OpenAgendaItem[];
  closed: ClosedAgendaItem[];
}

export interface WeeklyReview {
  week: string;
  from: string;
  to: string;
  timeZone: string;
  /** False while the week is still running. */
  complete: boolean;
  generatedAt: string;
  owners: OwnerWeek[];
  totals: Omit<OwnerWeek, 'ownerId' | 'ownerName'>;
  closedBy: { resolved: number; 'no-response': number; withdrawn: number };
  escalationsByLevel: Record<string, number>;
  surveys: {
    answers: number;
    averageScore: number | null;
    /** Answers per score, lowest score first. */
    distribution: { score: number; count: number }[];
    lowScores: number;
    stillNeedHelp: number;
  };
  followUps: { opened: number; done: number };
  remedies: {
    granted: number;
    byKind: Partial<Record<RemedyKind, number>>;
    /** Refunds per currency. */
    value: { currency: string; amount: number; count: number }[];
  };
  rootCauses: { category: string; count: number }[];
  responsibleParties: { kind: string; count: number }[];
  toDiscuss: {
    complaintId: string;
    reference: string;
    ownerId: string;
    ownerName: string;
    reasons: DiscussReason[];
  }[];
  /** The meeting's agenda, per owner (seed 003). */
  agenda: OwnerAgenda[];
  /**
   * Cases received this week per channel and per local hour of the day (the review's zone), for
   * sizing the team around the clock (seed 001, #20). Absent in reviews stored before it existed.
   */
  arrivals?: {
    byChannel: Record<string, number>;
    /** 24 counts, hour 0 first. */
    byHour: number[];
    byChannelAndHour: { channel: string; hour: number; count: number }[];
  };
}

/** Names for the agenda: the policy's categories and documentation lists. */
export interface AgendaLabels {
  rootCauses?: Record<string, string>;
  factors?: Record<string, string>;
}

const emptyPromises = (): KeptMissed =>
  Object.fromEntries(promiseKinds.map((k) => [k, { kept: 0, missed: 0 }])) as KeptMissed;

/** The owner who had the case at `at` (the first one before the case started). */
export function ownerAt(c: CaseSummary, at: number): string {
  let owner = c.ownerHistory[0]?.ownerId ?? c.owner.id;
  for (const o of c.ownerHistory) if (Date.parse(o.from) <= at) owner = o.ownerId;
  return owner;
}

/** The cases a week's review must see: received before its end and not closed before its start. */
export function touchesWeek(c: Pick<CaseSummary, 'receivedAt' | 'closedAt'>, week: IsoWeek): boolean {
  return Date.parse(c.receivedAt) < week.to && (!c.closedAt || Date.parse(c.closedAt) >= week.from);
}

export function buildWeeklyReview(input: {
  week: IsoWeek;
  timeZone: string;
  cases: readonly CaseSummary[];
  /** Names of owners (the roster's); an owner not in it is shown by id. */
  names: Record<string, string>;
  lowScoreThreshold: number;
  now: number;
  labels?: AgendaLabels;
}): WeeklyReview {
  const { week } = input;
  const inWeek = (iso: string | undefined) => {
    if (!iso) return false;
    const t = Date.parse(iso);
    return t >= week.from && t < week.to;
  };
  const owners = new Map<string, OwnerWeek>();
  const names = { ...input.names };
  const row = (ownerId: string): OwnerWeek => {
    let r = owners.get(ownerId);
    if (!r) {
      r = {
        ownerId,
        ownerName: names[ownerId] ?? ownerId,
        opened: 0,
        closed: 0,
        open: 0,
        promises: emptyPromises(),
        kept: 0,
        missed: 0,
        escalations: 0,
        extensions: 0,
        surveyAnswers: 0,
        averageScore: null,
        followUpsOpened: 0,
        remedies: 0,
      };
      owners.set(ownerId, r);
    }
    return r;
  };
  const scoreSums = new Map<string, number>();
  const review: WeeklyReview = {
    week: week.week,
    from: new Date(week.from).toISOString(),
    to: new Date(week.to).toISOString(),
    timeZone: input.timeZone,
    complete: input.now >= week.to,
    generatedAt: new Date(input.now).toISOString(),
    owners: [],
    totals: withoutOwner(row('*')),
    closedBy: { resolved: 0, 'no-response': 0, withdrawn: 0 },
    escalationsByLevel: {},
    surveys: { answers: 0, averageScore: null, distribution: [], lowScores: 0, stillNeedHelp: 0 },
    followUps: { opened: 0, done: 0 },
    remedies: { granted: 0, byKind: {}, value: [] },
    rootCauses: [],
    responsibleParties: [],
    toDiscuss: [],
    agenda: [],
  };
  const arrivals = {
    byChannel: {} as Record<string, number>,
    byHour: new Array<number>(24).fill(0),
    byChannelAndHour: [] as { channel: string; hour: number; count: number }[],
  };
  review.arrivals = arrivals;
  const countArrival = (channel: string, hour: number) => {
    arrivals.byChannel[channel] = (arrivals.byChannel[channel] ?? 0) + 1;
    arrivals.byHour[hour]++;
    const cell = arrivals.byChannelAndHour.find((x) => x.channel === channel && x.hour === hour);
    if (cell) cell.count++;
    else arrivals.byChannelAndHour.push({ channel, hour, count: 1 });
  };
  const agenda = new Map<string, OwnerAgenda>();
  const agendaOf = (ownerId: string): OwnerAgenda => {
    let a = agenda.get(ownerId);
    if (!a) agenda.set(ownerId, (a = { ownerId, ownerName: ownerId, open: [], closed: [] }));
    return a;
  };
  owners.delete('*');
  const scores = new Map<number, number>();
  const refunds = new Map<string, { amount: number; count: number }>();
  const causes = new Map<string, number>();
  const parties = new Map<string, number>();

  for (const c of input.cases) {
    if (!touchesWeek(c, week)) continue;
    names[c.owner.id] ??= c.owner.name;
    const at = (iso: string) => row(ownerAt(c, Date.parse(iso)));
    const reasons = new Set<DiscussReason>();

    if (inWeek(c.receivedAt)) {
      at(c.receivedAt).opened++;
      countArrival(c.channel, localHour(Date.parse(c.receivedAt), input.timeZone));
    }
    if (c.closedAt && inWeek(c.closedAt)) {
      at(c.closedAt).closed++;
      if (c.closure) review.closedBy[c.closure]++;
    }
    const openAtEnd = !c.closedAt || Date.parse(c.closedAt) >= week.to;
    if (openAtEnd) row(ownerAt(c, week.to - 1)).open++;

    const promise = (kind: PromiseKind, outcome: 'kept' | 'missed', when: string) => {
      const r = at(when);
      r.promises[kind][outcome]++;
      r[outcome]++;
    };
    for (const clock of c.clocks) {
      const kind = clockKind[clock.name];
      if (!kind) continue;
      if (clock.state === 'met' && clock.metAt && inWeek(clock.metAt)) promise(kind, 'kept', clock.metAt);
      if (clock.state === 'missed' && clock.missedAt && inWeek(clock.missedAt))
        promise(kind, 'missed', clock.missedAt);
      // Overdue at the week's end: due before it and not kept by then.
      const due = Date.parse(clock.dueAt);
      const keptBy = clock.metAt ? Date.parse(clock.metAt) : Infinity;
      if (
        openAtEnd &&
        clock.state !== 'cancelled' &&
        clock.state !== 'met' &&
        due < week.to &&
        keptBy >= week.to
      )
        reasons.add('overdue');
    }
    for (const u of c.customerUpdates ?? []) {
      if (inWeek(u.at)) promise('updates', u.by === 'owner' ? 'kept' : 'missed', u.at);
    }
    for (const e of c.escalations) {
      if (!inWeek(e.at)) continue;
      at(e.at).escalations++;
      review.escalationsByLevel[String(e.level)] = (review.escalationsByLevel[String(e.level)] ?? 0) + 1;
    }
    for (const e of c.extensions) if (inWeek(e.at)) at(e.at).extensions++;
    for (const a of c.surveyAnswers) {
      if (!inWeek(a.at)) continue;
      const r = at(a.at);
      r.surveyAnswers++;
      scoreSums.set(r.ownerId, (scoreSums.get(r.ownerId) ?? 0) + a.score);
      scores.set(a.score, (scores.get(a.score) ?? 0) + 1);
      if (a.stillNeedHelp) review.surveys.stillNeedHelp++;
      if (a.score <= input.lowScoreThreshold) {
        review.surveys.lowScores++;
        reasons.add('low-score');
      }
    }
    if (c.followUp && inWeek(c.followUp.openedAt)) {
      at(c.followUp.openedAt).followUpsOpened++;
      review.followUps.opened++;
      reasons.add('reopened');
    }
    if (c.followUp?.doneAt && inWeek(c.followUp.doneAt)) review.followUps.done++;
    if (c.statutory?.breachedAt && inWeek(c.statutory.breachedAt)) reasons.add('statutory-breach');
    const res = c.resolution;
    if (res && inWeek(res.at) && res.remedy.kind !== 'none') {
      at(res.at).remedies++;
      review.remedies.granted++;
      review.remedies.byKind[res.remedy.kind] = (review.remedies.byKind[res.remedy.kind] ?? 0) + 1;
      if (res.remedy.kind === 'refund' && res.remedy.currency && res.remedy.amount !== undefined) {
        const v = refunds.get(res.remedy.currency) ?? { amount: 0, count: 0 };
        v.amount += res.remedy.amount;
        v.count++;
        refunds.set(res.remedy.currency, v);
      }
    }
    const doc = c.documentation;
    if (doc && inWeek(doc.at)) {
      const cause = doc.rootCauseCategory ?? 'uncategorised';
      causes.set(cause, (causes.get(cause) ?? 0) + 1);
      const party = doc.responsiblePartyKind ?? 'unknown';
      parties.set(party, (parties.get(party) ?? 0) + 1);
    }
    if (openAtEnd) agendaOf(ownerAt(c, week.to - 1)).open.push(openItem(c, week.to, reasons.has('overdue')));
    if (c.closedAt && inWeek(c.closedAt))
      agendaOf(ownerAt(c, Date.parse(c.closedAt))).closed.push(closedItem(c, input.labels ?? {}));
    if (reasons.size) {
      const ownerId = openAtEnd ? ownerAt(c, week.to - 1) : c.owner.id;
      review.toDiscuss.push({
        complaintId: c.complaintId,
        reference: c.reference,
        ownerId,
        ownerName: names[ownerId] ?? ownerId,
        reasons: discussReasons.filter((r) => reasons.has(r)),
      });
    }
  }

  for (const r of owners.values()) {
    r.ownerName = names[r.ownerId] ?? r.ownerId;
    const sum = scoreSums.get(r.ownerId);
    r.averageScore = r.surveyAnswers && sum !== undefined ? round2(sum / r.surveyAnswers) : null;
  }
  review.owners = [...owners.values()].sort((a, b) => a.ownerName.localeCompare(b.ownerName));
  const t = review.totals;
  for (const r of review.owners) {
    for (const key of [
      'opened',
      'closed',
      'open',
      'kept',
      'missed',
      'escalations',
      'extensions',
      'surveyAnswers',
      'followUpsOpened',
      'remedies',
    ] as const)
      t[key] += r[key];
    for (const k of promiseKinds) {
      t.promises[k].kept += r.promises[k].kept;
      t.promises[k].missed += r.promises[k].missed;
    }
  }
  const totalScore = [...scoreSums.values()].reduce((a, b) => a + b, 0);
  t.averageScore = t.surveyAnswers ? round2(totalScore / t.surveyAnswers) : null;
  review.surveys.answers = t.surveyAnswers;
  review.surveys.averageScore = t.averageScore;
  review.surveys.distribution = [...scores.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([score, count]) => ({ score, count }));
  review.remedies.value = [...refunds.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([currency, v]) => ({ currency, amount: round2(v.amount), count: v.count }));
  review.rootCauses = ranked(causes).map(([category, count]) => ({ category, count }));
  review.responsibleParties = ranked(parties).map(([kind, count]) => ({ kind, count }));
  review.toDiscuss.sort(
    (a, b) => a.ownerName.localeCompare(b.ownerName) || a.reference.localeCompare(b.reference),
  );
  for (const a of agenda.values()) {
    a.ownerName = names[a.ownerId] ?? a.ownerId;
    // Flagged cases first (the most flags first), then the oldest.
    a.open.sort((x, y) => y.flags.length - x.flags.length || x.receivedAt.localeCompare(y.receivedAt));
    a.closed.sort((x, y) => x.closedAt.localeCompare(y.closedAt));
  }
  review.agenda = [...agenda.values()].sort((a, b) => a.ownerName.localeCompare(b.ownerName));
  arrivals.byChannelAndHour.sort((a, b) =>
    a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : a.hour - b.hour,
  );
  return review;
}

function openItem(c: CaseSummary, weekEnd: number, overdue: boolean): OpenAgendaItem {
  const level = c.escalations
    .filter((e) => Date.parse(e.at) < weekEnd)
    .reduce((max, e) => Math.max(max, e.level), 0);
  const flags: AgendaFlag[] = [];
  if (overdue) flags.push('overdue');
  if (level > 0) flags.push('escalated');
  if (c.stage === 'waiting-on-customer') flags.push('waiting-on-customer');
  if (c.stage === 'awaiting-approval') flags.push('awaiting-approval');
  const due = c.clocks
    .filter((k) => k.state === 'pending' || (k.state === 'missed' && !k.metAt))
    .map((k) => k.dueAt)
    .sort()[0];
  return {
    complaintId: c.complaintId,
    reference: c.reference,
    category: c.category,
    priority: c.priority,
    stage: c.stage,
    receivedAt: c.receivedAt,
    escalationLevel: level,
    flags,
    ...(due ? { nextDueAt: due } : {}),
  };
}

function closedItem(c: CaseSummary, labels: AgendaLabels): ClosedAgendaItem {
  const f = c.facts;
  const product = f?.product?.name ?? f?.product?.sku;
  const doc = c.documentation;
  const remedy = c.resolution?.remedy;
  const remedyText = !remedy
    ? undefined
    : remedy.kind === 'refund' && remedy.amount !== undefined
      ? `refund ${remedy.amount} ${remedy.currency ?? ''}`.trim()
      : remedy.kind === 'voucher' && remedy.percent !== undefined
        ? `voucher ${remedy.percent}%`
        : remedy.kind;
  return {
    complaintId: c.complaintId,
    reference: c.reference,
    closedAt: c.closedAt!,
    closure: c.closure ?? 'resolved',
    problem: {
      category: c.category,
      ...(product ? { product } : {}),
      ...(f?.supplier ? { supplier: f.supplier } : {}),
      ...(f?.carrier ? { carrier: f.carrier } : {}),
      ...(f?.location ? { location: f.location } : {}),
    },
    ...(doc
      ? {
          rootCause: {
            ...(doc.rootCauseCategory
              ? { category: labels.rootCauses?.[doc.rootCauseCategory] ?? doc.rootCauseCategory }
              : {}),
            factors: doc.contributingFactors.map((x) => labels.factors?.[x] ?? x),
            ...(doc.responsibleParty ? { responsibleParty: doc.responsibleParty } : {}),
            ...(doc.responsiblePartyKind ? { responsiblePartyKind: doc.responsiblePartyKind } : {}),
            ...(doc.rootCause ? { text: doc.rootCause } : {}),
          },
        }
      : {}),
    solution: {
      ...(c.resolution ? { outcome: c.resolution.outcome } : {}),
      ...(remedyText ? { remedy: remedyText } : {}),
      ...(doc?.correctiveAction ? { correctiveAction: doc.correctiveAction } : {}),
      ...(doc?.preventiveAction ? { preventiveAction: doc.preventiveAction } : {}),
    },
  };
}

/** The agenda's names from a policy: root-cause categories and contributing factors. */
export function agendaLabels(policy: {
  documentation: {
    rootCauseCategories: { id: string; name: string }[];
    contributingFactors: { id: string; name: string }[];
  };
}): AgendaLabels {
  return {
    rootCauses: Object.fromEntries(policy.documentation.rootCauseCategories.map((x) => [x.id, x.name])),
    factors: Object.fromEntries(policy.documentation.contributingFactors.map((x) => [x.id, x.name])),
  };
}

function withoutOwner(r: OwnerWeek): WeeklyReview['totals'] {
  const { ownerId: _id, ownerName: _name, ...rest } = r;
  return rest;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function ranked(m: Map<string, number>): [string, number][] {
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
