// The staff actions' routes: POST /complaints/{id}/<action> for each action in routedActions, with
// the action's body schema (actionRequestSchemas) and what it does. Adding a staff action: its
// domain module (domain/lifecycle/actions/), its request schema, its line here, its translations.
import type { RoutedAction } from '../schemas';

/** What each action does, as the OpenAPI document says it. */
export const actionDescriptions: Record<RoutedAction, string> = {
  diagnosis: 'A preliminary diagnosis; the customer is told, with the expected resolution date.',
  questions: 'Questions to the customer; the case waits for their answer.',
  progress: 'A progress update (e-mailed when customerVisible) or an internal note.',
  extension:
    'A new expected resolution date with a reason; beyond the policy’s limit it awaits a supervisor.',
  resolution: 'The outcome, explanation, apology and remedy; above the policy’s caps it awaits a supervisor.',
  approval: 'Supervisors only: approve or reject what awaits approval.',
  calls:
    'A phone call to the customer, reached or not, on the call task it was for (the resolution call among them).',
  reassignment: 'Supervisors only: hand the case to another owner.',
  notes: 'An internal note.',
  documentation:
    'Root cause, factors and actions; closes a settled case (resolved, withdrawn or unanswered).',
  'follow-up': 'The owner’s follow-up after a poor survey answer or a reopening.',
  'survey-answer':
    'The customer’s survey answer given by phone or on paper (letter and fax complainants), recorded by the owner.',
  'sender-confirmation':
    'The owner confirms an address that wrote to the case as the customer’s (held e-mail from it is accepted).',
};
