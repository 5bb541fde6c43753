// The simulated team and customers: what the owner, a supervisor or the customer does next on a case,
// and when. One rule in one place, used by the month-long simulation (scripts/simulate.ts, on the
// time-skipping server) and by the demo team (scripts/demo.ts, in real time on the demo policy).
// Pure: the case view, a seed and the current time in, a move out. The same view and seed always give
// the same move, so a simulation replays exactly and a re-read case never changes its mind.
import type {
  Action,
  CaseView,
  Clock,
  CustomerMessageSignal,
  BounceSignal,
  DocumentationInput,
  ResponsiblePartyKind,
  SurveyAnswerSignal,
} from '../case';
import type { DocumentationPolicy, Outcome, Remedy } from '../types';
import { between, pick, randomFor, type Random } from './random';

/** How an owner keeps their promises on a case: before the deadline, after it, or long after it. */
export const ownerBehaviours = ['prompt', 'late', 'silent'] as const;
export type OwnerBehaviour = (typeof ownerBehaviours)[number];
export const customerBehaviours = ['answers', 'silent', 'bounces'] as const;
export type CustomerBehaviour = (typeof customerBehaviours)[number];
export const surveyBehaviours = ['good', 'poor', 'still-need-help', 'silent'] as const;
export type SurveyBehaviour = (typeof surveyBehaviours)[number];

/** The rates a population is drawn with (each group's weights need not sum to 1). */
export interface Behaviour {
  owners: Record<OwnerBehaviour, number>;
  /** What the customer does with our questions (and whether their address bounces at all). */
  customers: Record<CustomerBehaviour, number>;
  /** The first survey's answer; a second survey (after a follow-up) is answered "good". */
  survey: Record<SurveyBehaviour, number>;
  /** The owner asks the customer questions before diagnosing. */
  questions: number;
  /** The owner extends the promised date once before deciding. */
  extension: number;
  outcomes: Record<Outcome, number>;
  /** The remedy is above the policy's caps, so a supervisor approves it. */
  remedyAboveCap: number;
  /** Each resolution call reaches the customer. */
  callReached: number;
}

/** A plausible month: most owners prompt, some late, a few silent; most customers answer. */
export const defaultBehaviour: Behaviour = {
  owners: { prompt: 0.75, late: 0.18, silent: 0.07 },
  customers: { answers: 0.85, silent: 0.1, bounces: 0.05 },
  survey: { good: 0.6, poor: 0.12, 'still-need-help': 0.08, silent: 0.2 },
  questions: 0.2,
  extension: 0.15,
  outcomes: { upheld: 0.6, 'partially-upheld': 0.25, rejected: 0.15 },
  remedyAboveCap: 0.05,
  callReached: 0.8,
};

/**
 * The demo's team: every owner prompt, and the stories that show the whole lifecycle (an extension,
 * a call for an unfavourable outcome, a poor score and its follow-up) come often.
 */
export const demoBehaviour: Behaviour = {
  owners: { prompt: 1, late: 0, silent: 0 },
  customers: { answers: 1, silent: 0, bounces: 0 },
  survey: { good: 0.4, poor: 0.3, 'still-need-help': 0.3, silent: 0 },
  questions: 0.25,
  extension: 0.6,
  outcomes: { upheld: 0.3, 'partially-upheld': 0.35, rejected: 0.35 },
  remedyAboveCap: 0,
  callReached: 0.85,
};

/** What is decided about a case once, when the simulation first meets it. */
export interface CasePlan {
  owner: OwnerBehaviour;
  customer: CustomerBehaviour;
  survey: SurveyBehaviour;
  asksQuestions: boolean;
  extends: boolean;
  outcome: Outcome;
  remedyAboveCap: boolean;
  /** When the work is done, as a share of the time to the promised date (over 1: late). */
  work: number;
}

export function casePlan(seed: string, complaintId: string, behaviour: Behaviour): CasePlan {
  const r = randomFor(seed, complaintId, 'plan');
  const owner = pick(r, behaviour.owners);
  return {
    owner,
    customer: pick(r, behaviour.customers),
    survey: pick(r, behaviour.survey),
    asksQuestions: r() < behaviour.questions,
    extends: r() < behaviour.extension,
    outcome: pick(r, behaviour.outcomes),
    remedyAboveCap: r() < behaviour.remedyAboveCap,
    work: owner === 'prompt' ? between(r, 0.3, 0.9) : between(r, 1.05, 1.6),
  };
}

export type Actor = 'owner' | 'supervisor' | 'customer';

export type Move =
  | { actor: 'owner' | 'supervisor'; at: number; kind: 'action'; action: Action; input: unknown }
  | { actor: 'customer'; at: number; kind: 'message'; signal: CustomerMessageSignal }
  | { actor: 'customer'; at: number; kind: 'survey'; signal: SurveyAnswerSignal }
  | { actor: 'customer'; at: number; kind: 'bounce'; signal: BounceSignal };

export interface MoveContext {
  seed: string;
  behaviour: Behaviour;
  /** The supervisor who approves (the roster's). */
  supervisorId: string;
  /**
   * The documentation lists of the policy the cases start on (absent on a policy without them: the
   * documentation then names no category and no factors, as before the lists existed).
   */
  documentation?: DocumentationPolicy;
}

const ms = (iso: string | undefined): number | undefined => (iso ? Date.parse(iso) : undefined);

/**
 * When a person with this behaviour does something whose deadline runs from `since` to `due`: prompt
 * before it, late after it, silent long after it (the system writes and escalates meanwhile).
 */
export function actingTime(who: OwnerBehaviour, since: number, due: number, r: Random): number {
  const span = Math.max(due - since, 1_000);
  if (who === 'prompt') return since + span * between(r, 0.2, 0.8);
  if (who === 'late') return due + span * between(r, 0.1, 1);
  return due + span * between(r, 2, 4);
}

/**
 * The case's own unit of time: how long its policy gives for a diagnosis (24 hours on the default
 * policy, seconds on the demo policy). Moves without a deadline of their own are timed by it.
 */
function unitOf(v: CaseView): number {
  const due = ms(v.clocks.diagnosis?.dueAt);
  return Math.max((due ?? Date.parse(v.receivedAt) + 86_400_000) - Date.parse(v.receivedAt), 1_000);
}

/** The next move anyone makes on this case (the earliest), or none: the case waits for its deadlines. */
export function nextMove(v: CaseView, ctx: MoveContext): Move | undefined {
  if (v.stage === 'closed' || v.stage === 'intake') return undefined;
  const plan = casePlan(ctx.seed, v.complaintId, ctx.behaviour);
  // A fresh draw for each state of the case: re-reading the same case gives the same move.
  const r = randomFor(ctx.seed, v.complaintId, v.stage, v.timeline.length, v.tasks.length);
  const moves = [
    ...customerMoves(v, plan, r),
    ...supervisorMoves(v, ctx, r),
    ...taskMoves(v, plan, r),
    ...ownerMoves(v, plan, r, ctx),
  ];
  return moves.reduce<Move | undefined>((best, m) => (!best || m.at < best.at ? m : best), undefined);
}

function customerMoves(v: CaseView, plan: CasePlan, r: Random): Move[] {
  const moves: Move[] = [];
  const ack = (v.deliveries ?? []).find((d) => d.purpose === 'acknowledgement' && d.status === 'sent');
  if (plan.customer === 'bounces') {
    // The address is dead: the acknowledgement bounces, and nothing else from the customer arrives.
    if (ack?.messageId && !v.customerEmailBounced && v.customer.email)
      moves.push({
        actor: 'customer',
        at: (ms(ack.settledAt) ?? Date.parse(v.startedAt)) + unitOf(v) * 0.01,
        kind: 'bounce',
        signal: { email: v.customer.email, messageId: ack.messageId, type: 'HardBounce', inactive: true },
      });
    return moves;
  }
  if (v.stage === 'waiting-on-customer' && v.questions && plan.customer === 'answers') {
    const since = Date.parse(v.questions.at);
    const due = ms(v.upcoming?.find((u) => u.name === 'customer-answer')?.at) ?? since + unitOf(v);
    moves.push({
      actor: 'customer',
      at: since + (due - since) * between(r, 0.05, 0.5),
      kind: 'message',
      signal: { text: 'Here are the details you asked for.', via: 'portal' },
    });
  }
  if (v.stage === 'survey' && v.survey) {
    const answer = v.survey.round > 1 ? 'good' : plan.survey;
    if (answer !== 'silent') {
      const since = Date.parse(v.survey.sentAt);
      const due = ms(v.upcoming?.find((u) => u.name === 'survey')?.at) ?? since + unitOf(v);
      const { min, max } = v.surveyScale;
      const score =
        answer === 'good' ? max - Math.floor(r() * 2) : answer === 'poor' ? min : Math.round((min + max) / 2);
      moves.push({
        actor: 'customer',
        at: since + (due - since) * between(r, 0.05, 0.6),
        kind: 'survey',
        signal: { score, stillNeedHelp: answer === 'still-need-help' },
      });
    }
  }
  return moves;
}

function supervisorMoves(v: CaseView, ctx: MoveContext, r: Random): Move[] {
  if (!v.pendingApproval || !v.allowedActions.includes('approval')) return [];
  // Supervisors answer promptly: within half of the case's unit of time.
  const since = Date.parse(v.pendingApproval.requestedAt);
  return [
    {
      actor: 'supervisor',
      at: since + unitOf(v) * between(r, 0.1, 0.5),
      kind: 'action',
      action: 'approval',
      input: { decision: 'approve', supervisorId: ctx.supervisorId, note: 'Approved (simulated).' },
    },
  ];
}

/**
 * Tasks the system opened (a call back on intake, a bounced e-mail to tell by phone, a letter) get
 * done: a call is logged on its task, a letter marked sent. The outcome's call and the documentation
 * are the owner's own moves.
 */
function taskMoves(v: CaseView, plan: CasePlan, r: Random): Move[] {
  if (v.stage === 'resolution-call') return []; // the call itself is the owner's move there
  return v.tasks
    .filter(
      (t) => !t.closedAt && !t.doneAt && t.reason !== 'resolution-call' && t.purpose !== 'documentation',
    )
    .map((t) => {
      const since = Date.parse(t.createdAt);
      const due = ms(t.dueBy) ?? since + unitOf(v);
      const at = actingTime(plan.owner, since, due, r);
      return t.kind === 'call' && v.allowedActions.includes('calls')
        ? {
            actor: 'owner' as const,
            at,
            kind: 'action' as const,
            action: 'calls' as const,
            input: { taskId: t.id, reached: true, note: 'Called (simulated).' },
          }
        : {
            actor: 'owner' as const,
            at,
            kind: 'action' as const,
            action: 'task-completion' as const,
            input: { taskId: t.id, note: 'Done (simulated).', by: v.owner.id },
          };
    });
}

function ownerMoves(v: CaseView, plan: CasePlan, r: Random, ctx: MoveContext): Move[] {
  const { behaviour, documentation: lists } = ctx;
  const act = (at: number, action: Action, input: unknown): Move[] =>
    v.allowedActions.includes(action) ? [{ actor: 'owner', at, kind: 'action', action, input }] : [];
  const clock = (name: string): Clock | undefined => v.clocks[name];
  switch (v.stage) {
    case 'diagnosis': {
      const afterAnswer = clock('diagnosis-after-answer');
      const since = afterAnswer
        ? Date.parse(v.questions?.answeredAt ?? v.receivedAt)
        : Date.parse(v.receivedAt);
      const due = Date.parse((afterAnswer ?? clock('diagnosis'))!.dueAt);
      const at = actingTime(plan.owner, since, due, r);
      if (plan.asksQuestions && !v.questions)
        return act(at, 'questions', { questions: ['Could you send a photo of the damage?'] });
      return act(at, 'diagnosis', diagnosisInput(v, at));
    }
    case 'in-progress':
      return inProgressMoves(v, plan, r, act);
    case 'resolution-call': {
      const since = Date.parse(v.resolutionCall?.lastAttemptAt ?? v.resolution?.at ?? v.startedAt);
      const due = ms(v.upcoming?.find((u) => u.name === 'resolution-call')?.at) ?? since + unitOf(v);
      const call = v.tasks.find((t) => t.kind === 'call' && t.reason === 'resolution-call' && !t.closedAt);
      return act(actingTime(plan.owner, since, due, r), 'calls', {
        reached: r() < behaviour.callReached,
        note: 'Outcome explained (simulated).',
        ...(call ? { taskId: call.id } : {}),
      });
    }
    case 'follow-up': {
      if (!v.followUp || v.followUp.doneAt) return [];
      const since = Date.parse(v.followUp.openedAt);
      return act(actingTime(plan.owner, since, Date.parse(v.followUp.dueBy), r), 'follow-up', {
        note: 'Called the customer and sorted out what was still wrong (simulated).',
      });
    }
    case 'documentation': {
      // From when the survey ended: its answer, or its invitation (the wait is over when we are here).
      // A withdrawn or unanswered case is documented too (seed 004): from when it was settled.
      const task = v.tasks.find((t) => t.purpose === 'documentation' && !t.closedAt);
      const since = Math.max(
        ...[
          v.survey?.sentAt,
          v.surveyAnswers.at(-1)?.at,
          v.followUp?.doneAt,
          v.resolution?.at,
          task?.createdAt,
        ]
          .map(ms)
          .filter((x): x is number => x !== undefined),
      );
      return act(
        actingTime(plan.owner, since, since + unitOf(v), r),
        'documentation',
        documentationInput(v, r, lists),
      );
    }
    default:
      return [];
  }
}

function inProgressMoves(
  v: CaseView,
  plan: CasePlan,
  r: Random,
  act: (at: number, action: Action, input: unknown) => Move[],
): Move[] {
  if (v.pendingApproval) return []; // the supervisor's move
  const diagnosedAt = Date.parse(v.diagnosis?.at ?? v.startedAt);
  const firstPromise = Date.parse(v.diagnosis?.expectedResolutionBy ?? v.clocks.resolution.dueAt);
  const span = Math.max(firstPromise - diagnosedAt, unitOf(v));
  const extension = v.extensions.at(-1);
  const moves: Move[] = [];
  let doneAt: number;
  if (plan.extends && !extension) {
    // Partway to the promised date the owner sees it cannot be kept and gives a new one.
    const at = diagnosedAt + span * between(r, 0.4, 0.7);
    moves.push(
      ...act(at, 'extension', {
        newExpectedBy: new Date(at + span * 0.8).toISOString(),
        reason: 'Waiting for the supplier’s report (simulated).',
      }),
    );
    doneAt = Infinity;
  } else {
    const from = extension ? Date.parse(extension.at) : diagnosedAt;
    const to = extension ? Date.parse(extension.newExpectedBy) : firstPromise;
    doneAt = from + Math.max(to - from, 1_000) * plan.work;
    moves.push(...act(doneAt, 'resolution', resolutionInput(v, plan)));
  }
  // Before the work is done, a prompt owner writes before the update interval runs out; others leave
  // it to the system (which records the miss against them).
  const updateBy = ms(v.nextCustomerContactBy);
  if (plan.owner === 'prompt' && updateBy !== undefined) {
    const since = Date.parse(v.lastCustomerContactAt);
    const at = since + (updateBy - since) * between(r, 0.5, 0.9);
    if (at < doneAt && at < (moves[0]?.at ?? Infinity))
      moves.push(
        ...act(at, 'progress', { message: 'We are still on it (simulated).', customerVisible: true }),
      );
  }
  return moves;
}

function diagnosisInput(v: CaseView, at: number): unknown {
  // The promise: the policy's target date if it is still ahead, else two units on.
  const target = Date.parse(v.clocks.resolution.dueAt);
  const by = target > at + unitOf(v) ? target : at + 2 * unitOf(v);
  return {
    summary: 'The parcel was damaged in transit (simulated).',
    probableCause: 'Handling at the depot',
    responsibleParty: { kind: 'third-party', name: 'FastCourier' },
    expectedResolutionBy: new Date(by).toISOString(),
  };
}

function resolutionInput(v: CaseView, plan: CasePlan): unknown {
  const currency = v.order?.currency ?? 'EUR';
  const remedy: Remedy = plan.remedyAboveCap
    ? { kind: 'refund', amount: Math.max(10_000, (v.order?.amount ?? 0) * 10), currency }
    : plan.outcome === 'upheld'
      ? { kind: 'replacement' }
      : plan.outcome === 'partially-upheld'
        ? { kind: 'voucher', percent: 10, validityDays: 90 }
        : { kind: 'none' };
  return {
    outcome: plan.outcome,
    explanation: 'What we found (simulated).',
    apology: 'We are sorry for the trouble.',
    remedy,
  };
}

/** Who a root-cause category is usually put on (the rest: our own staff). */
const kindOfCategory: Record<string, ResponsiblePartyKind> = {
  'transport-damage': 'carrier',
  'late-delivery': 'carrier',
  packaging: 'supplier',
  'product-defect': 'supplier',
  'wrong-item': 'supplier',
  'no-fault-found': 'unknown',
  other: 'unknown',
};

/**
 * The documentation: a root-cause category from the case's policy list (mostly the one its story
 * suggests: a carrier's category when a carrier was named at intake, a supplier's for a product), the
 * responsible party's kind and name from the intake facts, and one or two contributing factors.
 */
export function documentationInput(
  v: CaseView,
  r: Random,
  lists: DocumentationPolicy | undefined,
): DocumentationInput {
  const base = {
    rootCause: 'What went wrong (simulated).',
    correctiveAction: 'Remedy granted',
    preventiveAction: 'Raised with the party responsible',
  };
  if (!lists) return { ...base, contributingFactors: [], responsibleParty: 'unknown' };
  const ids = lists.rootCauseCategories.map((c) => c.id);
  const suggested = v.facts?.carrier
    ? ['transport-damage', 'late-delivery']
    : v.facts?.product
      ? ['product-defect', 'packaging', 'wrong-item']
      : v.facts?.location
        ? ['staff-conduct', 'service-failure']
        : ['billing-error', 'system-error', 'information'];
  const likely = suggested.filter((id) => ids.includes(id));
  const category =
    likely.length && r() < 0.8 ? likely[Math.floor(r() * likely.length)] : ids[Math.floor(r() * ids.length)];
  const kind = kindOfCategory[category] ?? 'staff';
  const name =
    kind === 'carrier'
      ? (v.facts?.carrier ?? 'a carrier')
      : kind === 'supplier'
        ? (v.facts?.supplier ?? 'a supplier')
        : kind === 'staff'
          ? (v.facts?.location ?? 'our team')
          : 'unknown';
  const factors = lists.contributingFactors.map((f) => f.id);
  const first = factors[Math.floor(r() * factors.length)];
  const second = factors[Math.floor(r() * factors.length)];
  return {
    ...base,
    rootCauseCategory: category,
    contributingFactors: r() < 0.4 && second !== first ? [first, second] : [first],
    responsibleParty: name,
    responsiblePartyKind: kind,
  };
}
