// The complaint workflow's message contract: agent and supervisor actions are Updates (validated,
// answered with the case view), customer events are Signals, the case view is a Query.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { actions, type ActionInput } from '../domain/lifecycle/actions';
import { archiveRequestedSignalName } from '../domain/workflow-ids';
import type {
  Action,
  BounceSignal,
  CaseView,
  CustomerMessageSignal,
  SurveyAnswerSignal,
  WithdrawalSignal,
} from '../domain/case';

/** An action's Update: it takes the action's input and answers the case view. */
export type ActionUpdate<A extends Action> = UpdateDefinition<CaseView, [ActionInput<A>], A>;

/**
 * The Update of every staff action, one per entry of the action registry (domain/lifecycle/actions),
 * in its order; the update's name is the action's name, which running cases depend on.
 */
export const actionUpdates = Object.fromEntries(actions.map((a) => [a, defineUpdate(a)])) as {
  [A in Action]: ActionUpdate<A>;
};

/** An action's Update where the action is a value (its input was checked against its schema). */
export const updateOf = (action: Action) => actionUpdates[action] as UpdateDefinition<CaseView, [never]>;

// The names the tests and scripts already use; a new action needs none (actionUpdates['its-name']).
export const diagnosisUpdate = actionUpdates.diagnosis;
export const questionsUpdate = actionUpdates.questions;
export const progressUpdate = actionUpdates.progress;
export const extensionUpdate = actionUpdates.extension;
export const resolutionUpdate = actionUpdates.resolution;
export const approvalUpdate = actionUpdates.approval;
export const callUpdate = actionUpdates.calls;
export const reassignmentUpdate = actionUpdates.reassignment;
export const noteUpdate = actionUpdates.notes;
export const documentationUpdate = actionUpdates.documentation;
export const followUpUpdate = actionUpdates['follow-up'];
export const taskCompletionUpdate = actionUpdates['task-completion'];
export const senderConfirmationUpdate = actionUpdates['sender-confirmation'];
export const surveyAnswerUpdate = actionUpdates['survey-answer'];

export const customerMessageSignal = defineSignal<[CustomerMessageSignal]>('customerMessage');
export const withdrawalSignal = defineSignal<[WithdrawalSignal]>('withdrawal');
export const bounceSignal = defineSignal<[BounceSignal]>('emailBounce');
export const surveyAnswerSignal = defineSignal<[SurveyAnswerSignal]>('surveyAnswer');

export const caseViewQuery = defineQuery<CaseView>('caseView');

/** What a closing case sends the archive run (its id and this name: domain/workflow-ids.ts). */
export const archiveRequestedSignal = defineSignal(archiveRequestedSignalName);

// The workflows' types and ids live in domain/ so that activities can name them too.
export {
  archiveOnCloseWorkflowId,
  complaintTypesClause,
  complaintWorkflowId,
  complaintWorkflowTypes,
  currentComplaintWorkflowType,
  openCasesClause,
} from '../domain/workflow-ids';
