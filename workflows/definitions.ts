// The complaint workflow's message contract: agent and supervisor actions are Updates (validated,
// answered with the case view), customer events are Signals, the case view is a Query.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
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

/**
 * The archive run that cases ask for as they close (activities/records.ts): one workflow id, so the
 * Web UI lists one run per burst of closes, not one per minute; the Schedule's sweep is the safety net.
 */
export const archiveOnCloseWorkflowId = 'complaint-desk-archive-on-close';
export const archiveRequestedSignal = defineSignal('archiveRequested');

/**
 * Workflow types: new complaints start as the current one; cases of the first type keep running on
 * its frozen code (workflows/complaint-v1.ts) until they close. Listings cover both.
 */
export const currentComplaintWorkflowType = 'complaintWorkflowV2';
export const complaintWorkflowTypes = ['complaintWorkflow', 'complaintWorkflowV2'] as const;
/** The visibility clause that finds complaint cases of every type. */
export const complaintTypesClause = `WorkflowType IN (${complaintWorkflowTypes.map((t) => `'${t}'`).join(', ')})`;
/**
 * Open cases: running and not closed. A closed case of ruleset 2 keeps its workflow running through
 * the reopen window (docs/promises.md), so "running" alone would count it as open.
 */
export const openCasesClause = `${complaintTypesClause} AND ExecutionStatus = 'Running' AND ComplaintStage != 'closed'`;

/** The workflow id of a complaint: starting the same complaint twice finds the same case. */
export function complaintWorkflowId(complaintId: string): string {
  return `complaint-${complaintId}`;
}
