// The countable record of a case: what the archive keeps in clear for trends and the weekly review.
// It holds no personal data (no customer name, address, phone, subject, description, message or
// free-text comment), so reports never need a case key and erasing a case leaves it intact.
// Pure: the workflow's record activity, the store and the reports share this one projection.
import type { CaseView, Clock, ClosureReason, IncidentFacts, ResponsiblePartyKind, Stage } from '../case';
import type { Channel, Language, Outcome, Priority, RemedyKind } from '../types';

export interface CaseSummary {
  complaintId: string;
  reference: string;
  policyVersion: string;
  stage: Stage;
  closure?: ClosureReason;
  receivedAt: string;
  startedAt: string;
  closedAt?: string;
  channel: Channel;
  language: Language;
  category: string;
  priority: Priority;
  owner: { id: string; name: string };
  /** Every owner the case had, first to last. */
  ownerHistory: { ownerId: string; from: string }[];
  facts?: IncidentFacts;
  escalationLevel: number;
  escalations: { at: string; level: number }[];
  overdue: boolean;
  /** Every promise of the case: the current ones and the dates that passed and were replaced. */
  clocks: Clock[];
  missedUpdates: Record<string, number>;
  /** Every update the customer got while the case was worked on: from the owner, or from the
   *  system when the owner was silent for a whole update interval (a missed update promise). */
  customerUpdates?: { at: string; by: 'owner' | 'system' }[];
  extensions: { at: string; newExpectedBy: string; approvedBy?: string }[];
  resolution?: {
    at: string;
    outcome: Outcome;
    remedy: { kind: RemedyKind; amount?: number; currency?: string; percent?: number };
    approvedBy?: string;
  };
  surveyAnswers: { at: string; round: number; score: number; stillNeedHelp: boolean }[];
  /** Opened when a survey asked for it; a case with one counts as reopened. */
  followUp?: { openedAt: string; dueBy: string; doneAt?: string };
  statutory?: { dueAt: string; warnedAt?: string; breachedAt?: string };
  documentation?: {
    at: string;
    /** The owner's root cause in their words (staff-written, like the actions): the weekly agenda's. */
    rootCause?: string;
    rootCauseCategory?: string;
    contributingFactors: string[];
    responsiblePartyKind?: ResponsiblePartyKind;
    responsibleParty: string;
    correctiveAction: string;
    preventiveAction: string;
  };
  openTasks: number;
  /** Grows with every change of the case: a record write never replaces a newer one. */
  version: number;
}

/** The countable projection of a case view. `version` orders writes of the same case. */
export function caseSummary(view: CaseView, version: number): CaseSummary {
  const remedy = view.resolution?.remedy;
  return {
    complaintId: view.complaintId,
    reference: view.reference,
    policyVersion: view.policyVersion,
    stage: view.stage,
    closure: view.closure,
    receivedAt: view.receivedAt,
    startedAt: view.startedAt,
    closedAt: view.closedAt,
    channel: view.channel,
    language: view.customer.language,
    category: view.category,
    priority: view.priority,
    owner: { id: view.owner.id, name: view.owner.name },
    ownerHistory: view.ownerHistory.map((o) => ({ ownerId: o.ownerId, from: o.from })),
    facts: view.facts,
    escalationLevel: view.escalationLevel,
    escalations: view.escalations.map((e) => ({ at: e.at, level: e.level })),
    overdue: view.overdue,
    clocks: [...(view.previousClocks ?? []), ...Object.values(view.clocks)],
    missedUpdates: view.missedUpdates,
    customerUpdates: view.timeline
      .filter((t) => t.kind === 'progress' || t.kind === 'update')
      .map((t) => ({ at: t.at, by: t.kind === 'progress' ? ('owner' as const) : ('system' as const) })),
    extensions: view.extensions.map((e) => ({
      at: e.at,
      newExpectedBy: e.newExpectedBy,
      approvedBy: e.approvedBy,
    })),
    resolution: view.resolution && {
      at: view.resolution.at,
      outcome: view.resolution.outcome,
      remedy: {
        kind: remedy!.kind,
        amount: remedy!.kind === 'refund' ? remedy!.amount : undefined,
        currency: remedy!.kind === 'refund' ? remedy!.currency : undefined,
        percent: remedy!.kind === 'voucher' ? remedy!.percent : undefined,
      },
      approvedBy: view.resolution.approvedBy,
    },
    surveyAnswers: view.surveyAnswers.map((a) => ({
      at: a.at,
      round: a.round,
      score: a.score,
      stillNeedHelp: a.stillNeedHelp,
    })),
    followUp: view.followUp && {
      openedAt: view.followUp.openedAt,
      dueBy: view.followUp.dueBy,
      doneAt: view.followUp.doneAt,
    },
    statutory: view.statutory && {
      dueAt: view.statutory.dueAt,
      warnedAt: view.statutory.warnedAt,
      breachedAt: view.statutory.breachedAt,
    },
    documentation: view.documentation && {
      at: view.documentation.at,
      rootCause: view.documentation.rootCause,
      rootCauseCategory: view.documentation.rootCauseCategory,
      contributingFactors: view.documentation.contributingFactors,
      responsiblePartyKind: view.documentation.responsiblePartyKind,
      responsibleParty: view.documentation.responsibleParty,
      correctiveAction: view.documentation.correctiveAction,
      preventiveAction: view.documentation.preventiveAction,
    },
    openTasks: view.tasks.filter((t) => !t.closedAt && !t.doneAt).length,
    version,
  };
}
