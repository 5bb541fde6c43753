// The complaint workflow's message contract: agent and supervisor actions are Updates (validated,
// answered with the case view), customer events are Signals, the case view is a Query.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { archiveRequestedSignalName } from '../domain/workflow-ids';
import type {
  Action,
  ApprovalInput,
  BounceSignal,
  CallInput,
  CaseView,
  CustomerMessageSignal,
  DiagnosisInput,
  DocumentationInput,
  ExtensionInput,
  FollowUpInput,
  NoteInput,
  ProgressInput,
  QuestionsInput,
  ReassignmentInput,
  ResolutionInput,
  SenderConfirmationInput,
  SurveyAnswerInput,
  SurveyAnswerSignal,
  TaskCompletionInput,
  WithdrawalSignal,
} from '../domain/case';

export const diagnosisUpdate = defineUpdate<CaseView, [DiagnosisInput]>('diagnosis');
export const questionsUpdate = defineUpdate<CaseView, [QuestionsInput]>('questions');
export const progressUpdate = defineUpdate<CaseView, [ProgressInput]>('progress');
export const extensionUpdate = defineUpdate<CaseView, [ExtensionInput]>('extension');
export const resolutionUpdate = defineUpdate<CaseView, [ResolutionInput]>('resolution');
export const approvalUpdate = defineUpdate<CaseView, [ApprovalInput]>('approval');
export const callUpdate = defineUpdate<CaseView, [CallInput]>('calls');
export const reassignmentUpdate = defineUpdate<CaseView, [ReassignmentInput]>('reassignment');
export const noteUpdate = defineUpdate<CaseView, [NoteInput]>('notes');
export const documentationUpdate = defineUpdate<CaseView, [DocumentationInput]>('documentation');
export const followUpUpdate = defineUpdate<CaseView, [FollowUpInput]>('follow-up');
export const taskCompletionUpdate = defineUpdate<CaseView, [TaskCompletionInput]>('task-completion');
export const senderConfirmationUpdate = defineUpdate<CaseView, [SenderConfirmationInput]>(
  'sender-confirmation',
);
export const surveyAnswerUpdate = defineUpdate<CaseView, [SurveyAnswerInput]>('survey-answer');

/** The Update of every staff action (the update's name is the action's name). */
export const actionUpdates: Record<Action, UpdateDefinition<CaseView, [never]>> = {
  diagnosis: diagnosisUpdate,
  questions: questionsUpdate,
  progress: progressUpdate,
  extension: extensionUpdate,
  resolution: resolutionUpdate,
  approval: approvalUpdate,
  calls: callUpdate,
  reassignment: reassignmentUpdate,
  notes: noteUpdate,
  documentation: documentationUpdate,
  'follow-up': followUpUpdate,
  'task-completion': taskCompletionUpdate,
  'sender-confirmation': senderConfirmationUpdate,
  'survey-answer': surveyAnswerUpdate,
} as Record<Action, UpdateDefinition<CaseView, [never]>>;

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
