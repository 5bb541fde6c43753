// Every staff action, by name: THE registry of staff actions. Adding an action is its module in
// this folder and its line here; everything else reads this table — the Action type (domain/case.ts),
// the workflow's Updates (workflows/definitions.ts), the stage rules and refusals below, the API's
// roles, and the API's routes, console forms and OpenAPI document through their declarations
// (api/complaints/action-routes.ts), which the type checker makes complete for every action here.
import type { Stage } from '../../case';
import type { DecisionContext, LifecycleState, Refusal } from '../model';
import { approval } from './approval';
import { calls } from './calls';
import { contactDetails } from './contact-details';
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
import { surveyAnswer } from './survey-answer';
import { taskCompletion } from './task-completion';

// The entries' order is the order the workflow registers its Updates in (Updates that reached a new
// run before its handlers existed are handed over in that order, so it is part of replay) and the
// order of the action enum in the OpenAPI document: add new actions at the end.
const registry = {
  diagnosis,
  questions,
  progress,
  extension,
  resolution,
  approval,
  calls,
  reassignment,
  notes,
  documentation,
  'follow-up': followUp,
  'task-completion': taskCompletion,
  'sender-confirmation': senderConfirmation,
  'survey-answer': surveyAnswer,
  'contact-details': contactDetails,
};

/** Agent and supervisor actions; each is an Update on the workflow and a POST on the API. */
export type Action = keyof typeof registry;

/** What an action's Update takes: the input its rule reads (for several actions, any of theirs). */
export type ActionInput<A extends Action> = A extends Action
  ? (typeof registry)[A] extends ActionRule<infer I>
    ? I
    : never
  : never;

/** The registry with each rule's input erased: what the stage rules and the workflow read. */
export const actionRules: Record<Action, ActionRule<never>> = registry;

/** Every action, in the registry's order. */
export const actions = Object.keys(registry) as [Action, ...Action[]];

/**
 * The order a case lists the actions it allows (the case view, the refusals, the console's forms):
 * the stage's own work before the actions open all along, as it always was. Actions not named here
 * follow in the registry's order, so a new action needs no line here.
 */
const listingOrder: readonly Action[] = [
  'diagnosis',
  'questions',
  'progress',
  'extension',
  'resolution',
  'approval',
  'follow-up',
  'documentation',
  'notes',
  'reassignment',
  'calls',
];
const listed: readonly Action[] = [...listingOrder, ...actions.filter((a) => !listingOrder.includes(a))];

/** Actions only supervisors take, whoever owns the case. */
export const supervisorActions = actions.filter((a) => actionRules[a].who === 'supervisor');

/**
 * The actions a case in this stage accepts: `approval` only while something awaits approval,
 * `sender-confirmation` only while e-mail from another sender is held.
 */
export function allowedActions(stage: Stage, pendingApproval: boolean, holdsUnverified = false): Action[] {
  return listed.filter(
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
