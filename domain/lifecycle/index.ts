// The lifecycle core: decide(state, event, context) → the new state and the effects to perform.
// Pure — no Temporal, no clock, no I/O — so every rule is tested in milliseconds; the workflow
// (workflows/complaint.ts) only interprets it.
import type { Action, CaseView } from '../case';
import { reopenWindowMs } from '../rules';
import { Draft } from './draft';
import { actionRules, allowedActions, holdsUnverified, refusal } from './actions';
import { onBounce, onCustomerMessage, onFilesFetched, onSurveyAnswer, onWithdrawal } from './customer';
import { nextContactBy } from './contact';
import { deadlines, isOverdue, nextDeadline, onDeadline } from './deadlines';
import type { CaseEvent, Decision, DecisionContext, LifecycleState, Refusal } from './model';
import { onDelivered, onDropped, stale } from './outbox';

export class RefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/** Applies one event. An action the case refuses throws RefusedError and changes nothing. */
export function decide(state: LifecycleState, event: CaseEvent, ctx: DecisionContext): Decision {
  const d = new Draft(state, ctx);
  switch (event.type) {
    case 'action': {
      const refused = refusal(state, event.action, event.input, ctx);
      if (refused) throw new RefusedError(refused);
      // The API names who acts (a supervisor may act on an owner's case); Updates recorded before it did not.
      const actedBy = (event.input as { actedBy?: unknown } | undefined)?.actedBy;
      if (typeof actedBy === 'string' && actedBy) d.actedBy = actedBy;
      actionRules[event.action].apply(d, event.input as never);
      d.state.lastStaffActionAt = d.iso();
      break;
    }
    case 'customer-message':
      onCustomerMessage(d, event.message);
      break;
    case 'withdrawal':
      onWithdrawal(d, event.withdrawal.reason);
      break;
    case 'survey-answer':
      onSurveyAnswer(d, event.answer);
      break;
    case 'bounce':
      onBounce(d, event.bounce);
      break;
    case 'deadline':
      // A deadline counts only if the case still waits for it and its time has come.
      if (deadlines(state, ctx.policy, ctx.now).some((x) => x.name === event.name && x.at <= ctx.now))
        onDeadline(d, event.name);
      break;
    case 'delivered':
      onDelivered(d, event.effectId, event);
      break;
    case 'files-fetched':
      onFilesFetched(d, event.key, event.attachments, event.failed);
      break;
  }
  d.state.overdue = isOverdue(d.state, ctx.now);
  return { state: d.state, effects: d.effects };
}

/** Before performing the outbox's first effect: drop it if the case no longer needs it. */
export function beforeSending(
  state: LifecycleState,
  effectId: string,
  ctx: DecisionContext,
): Decision | undefined {
  const effect = state.outbox.find((e) => e.id === effectId);
  const reason = effect && stale(state, effect);
  if (!reason) return undefined;
  const d = new Draft(state, ctx);
  onDropped(d, effectId, reason);
  return { state: d.state, effects: d.effects };
}

/** What the Query and every Update answer: the state plus what follows from it now. */
export function caseView(state: LifecycleState, ctx: DecisionContext): CaseView {
  const next = nextDeadline(state, ctx.policy, ctx.now);
  const contact = nextContactBy(state, ctx.policy, ctx.now);
  const reopenable = reopenableUntil(state, ctx.policy);
  const { outbox: _outbox, ...rest } = state;
  return {
    ...rest,
    overdue: isOverdue(state, ctx.now),
    allowedActions:
      state.stage === 'closed'
        ? []
        : allowedActions(state.stage, !!state.pendingApproval, holdsUnverified(state)),
    nextDeadline: next ? { name: next.name, at: new Date(next.at).toISOString() } : undefined,
    upcoming: deadlines(state, ctx.policy, ctx.now)
      .sort((a, b) => a.at - b.at)
      .map((x) => ({
        name: x.name,
        at: new Date(x.at).toISOString(),
        summary: x.summary,
        waitingFor: x.waitingFor,
      })),
    nextCustomerContactBy: contact !== undefined ? new Date(contact).toISOString() : undefined,
    ...(reopenable !== undefined ? { reopenableUntil: new Date(reopenable).toISOString() } : {}),
    surveyScale: { min: ctx.policy.survey.minScore, max: ctx.policy.survey.maxScore },
  };
}

/**
 * Until when a customer's reply reopens this closed case (ruleset 2, epoch ms); undefined when it
 * is open or does not reopen. The workflow waits for it before it completes.
 */
export function reopenableUntil(
  state: LifecycleState,
  policy: DecisionContext['policy'],
): number | undefined {
  const window = reopenWindowMs(policy);
  if (state.ruleset !== 2 || state.stage !== 'closed' || !state.closedAt || window <= 0) return undefined;
  return Date.parse(state.closedAt) + window;
}

export { openCase } from './intake';
export { nextContactBy, routeFor } from './contact';
export { deadlines, nextDeadline, isOverdue } from './deadlines';
export { afterFailure, nextEffect } from './outbox';
export { allowedActions, holdsUnverified, refusal, supervisorActions } from './actions';
export type * from './model';
export type { Action };
