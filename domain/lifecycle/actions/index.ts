// Every staff action, by name. The workflow registers one Update per entry; the stage rules, the
// refusals and the API's roles all read this table, so adding an action is one module and its schema.
import type { Action, Stage } from '../../case';
import type { DecisionContext, LifecycleState, Refusal } from '../model';
import { approval } from './approval';
import { calls } from './calls';
import { diagnosis } from './diagnosis';
import { documentation } from './documentation';
import { extension } from './extension';
import { followUp } from './follow-up';
import { notes } from './notes';
import { progress } from './progress';
import { questions } from './questions';
import { reassignment } from './reassignment';
import { resolution } from './resolution';
import type { ActionRule } from './rule';
import { senderConfirmation } from './sender-confirmation';
import { taskCompletion } from './task-completion';

export const actionRules: Record<Action, ActionRule<never>> = {
  diagnosis,
  questions,
  progress,
  extension,
  resolution,
  approval,
  'follow-up': followUp,
  documentation,
  notes,
  reassignment,
  calls,
  'task-completion': taskCompletion,
  'sender-confirmation': senderConfirmation,
};

/** Actions only supervisors take, whoever owns the case. */
export const supervisorActions = (Object.keys(actionRules) as Action[]).filter(
  (a) => actionRules[a].who === 'supervisor',
);

/**
 * The actions a case in this stage accepts: `approval` only while something awaits approval,
 * `sender-confirmation` only while e-mail from another sender is held.
 */
export function allowedActions(stage: Stage, pendingApproval: boolean, holdsUnverified = false): Action[] {
  return (Object.keys(actionRules) as Action[]).filter(
    (a) =>
      actionRules[a].stages.includes(stage) &&
      (a !== 'approval' || pendingApproval) &&
      (a !== 'sender-confirmation' || holdsUnverified),
  );
}

/** Whether the case holds e-mail from another sender that the owner could confirm. */
export const holdsUnverified = (s: LifecycleState): boolean =>
  (s.unverifiedMessages ?? []).some((m) => m.reason === 'other-sender');

/** Why the case refuses this action now, or undefined: the Update validator and the handler ask it. */
export function refusal(
  state: LifecycleState | undefined,
  action: Action,
  input: unknown,
  ctx: DecisionContext,
): Refusal | undefined {
  if (!state)
    return {
      kind: 'not-allowed',
      message: 'The case is starting (choosing its owner): try again in a moment.',
      stage: 'intake',
      allowed: [],
    };
  const rule = actionRules[action];
  const allowed = allowedActions(state.stage, !!state.pendingApproval, holdsUnverified(state));
  const unmet = rule.stages.includes(state.stage) ? rule.requires?.(state) : undefined;
  if (!rule.stages.includes(state.stage) || unmet)
    return {
      kind: 'not-allowed',
      message:
        `${unmet ? `${unmet}, so ` : ''}"${action}" is not allowed while the case is in stage "${state.stage}"; ` +
        (allowed.length ? `allowed: ${allowed.join(', ')}.` : 'the case is closed.'),
      stage: state.stage,
      allowed,
    };
  const invalid = rule.check?.(state, input as never, ctx);
  if (invalid) return { kind: 'invalid', message: invalid, stage: state.stage, allowed };
  return undefined;
}
