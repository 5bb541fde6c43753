// Every staff action's route, declared once: what it does (the OpenAPI document's description), its
// request body (the zod schema, registered for the document), its console form's fields, and what the
// workflow gets. POST /complaints/{id}/<action> (complaints/routes.ts), the console's forms and the
// OpenAPI document are all built from this table; its type asks for every action of the registry in
// domain/lifecycle/actions, so an action without its declaration does not compile.
//
// Adding a staff action: its domain module and its line in domain/lifecycle/actions/, its entry
// here, its words in api/console/i18n.ts (docs/api.md#adding-a-staff-action).
import { z } from 'zod';
import type { ActionInput } from '../../domain/case';
import { responsiblePartyKinds } from '../../domain/case';
import { remedyInputSchema } from '../../domain/policy-schema';
import { outcomes } from '../../domain/types';
import type { AppContext } from '../context';
import { f, type FieldSpec } from '../console/fields';
import type { Principal } from '../keys';
import { snapshotOrThrow } from '../policy-snapshot';
import { problems } from '../problems';
import { emailSchema, futureDateTime, postalAddressSchema, requestRegistry, slug, text } from '../schemas';
import { customerSchema, type RoutedAction } from './schemas';

/** Who acts, as the workflow records it (from the caller's key, never from the body). */
type Actor = Pick<Principal, 'subject' | 'name'>;

/** One staff action's route, as the routes, the console and the document read it. */
export interface ActionRoute<A extends RoutedAction = RoutedAction> {
  /** What the action does, as the OpenAPI document says it. */
  description: string;
  /** The request body; registered in requestRegistry, so the document names it by its id. */
  body: z.ZodType;
  /** The console form's fields, in order (their labels: field.<name> in api/console/i18n.ts). */
  form: readonly FieldSpec[];
  /** Checks of the body against the app's own data (the roster), after its schema: throws a problem. */
  check?: (ctx: AppContext, body: unknown) => void;
  /** The workflow's input from the checked body and who acts. */
  input: (body: unknown, by: Actor) => ActionInput<A>;
}

interface Declaration<S extends z.ZodType> {
  description: string;
  body: S;
  form: readonly FieldSpec[];
  check?: (ctx: AppContext, body: z.output<S>) => void;
}
/**
 * A body that is the workflow's input as it is needs no `input`; one that lacks what the server
 * adds (the supervisor who decided) must say how the input is made, or it does not compile.
 */
type InputOf<A extends RoutedAction, B> = [B] extends [ActionInput<A>]
  ? { input?: (body: B, by: Actor) => ActionInput<A> }
  : { input: (body: B, by: Actor) => ActionInput<A> };

function actionRoute<A extends RoutedAction, S extends z.ZodType>(
  _action: A,
  declared: Declaration<S> & InputOf<A, z.output<S>>,
): ActionRoute<A> {
  const input = declared.input as ((body: z.output<S>, by: Actor) => ActionInput<A>) | undefined;
  return {
    description: declared.description,
    body: declared.body,
    form: declared.form,
    ...(declared.check ? { check: declared.check as ActionRoute<A>['check'] } : {}),
    input: (body, by) => (input ? input(body as z.output<S>, by) : (body as ActionInput<A>)),
  };
}

/** Every routed action's declaration (task completion has its own route: the task is a resource). */
export const actionRoutes: { [A in RoutedAction]: ActionRoute<A> } = {
  diagnosis: actionRoute('diagnosis', {
    description: 'A preliminary diagnosis; the customer is told, with the expected resolution date.',
    body: z
      .strictObject({
        summary: text(5000).describe('The preliminary diagnosis, e-mailed to the customer verbatim.'),
        probableCause: text(2000).describe('The likely cause, for the case record (internal).'),
        responsibleParty: z
          .strictObject({
            kind: z
              .enum(['ours', 'third-party'])
              .describe('ours: inside the company; third-party: a supplier, a courier, a partner.'),
            name: text(200).describe('The team or company, e.g. "Warehouse" or "DHL".'),
          })
          .describe('Who the cause is attributed to (internal).'),
        expectedResolutionBy: futureDateTime.describe(
          'When the customer can expect the outcome (a future date-time); becomes the promised resolution date.',
        ),
        customerVisibleNote: text(5000)
          .optional()
          .describe('Anything more for the customer, added to the e-mail.'),
        apology: text(5000)
          .optional()
          .describe(
            'The owner’s own apology, in their own words (not a template); shown to the customer verbatim.',
          ),
      })
      .register(requestRegistry, { id: 'DiagnosisRequest' }),
    form: [
      f('summary', 'textarea', { hint: 'hint.summary' }),
      f('probableCause', 'text'),
      f('responsibleParty.kind', 'choice', { options: ['ours', 'third-party'] }),
      f('responsibleParty.name', 'text'),
      f('expectedResolutionBy', 'datetime'),
      f('customerVisibleNote', 'textarea', { optional: true, hint: 'hint.customerVisibleNote' }),
      f('apology', 'textarea', { optional: true, hint: 'hint.toCustomer' }),
    ],
  }),
  questions: actionRoute('questions', {
    description: 'Questions to the customer; the case waits for their answer.',
    body: z
      .strictObject({
        questions: z
          .array(text(1000))
          .min(1, 'ask at least one question')
          .max(20)
          .describe('What the customer should answer, one question per item; the case waits for the answer.'),
      })
      .register(requestRegistry, { id: 'QuestionsRequest' }),
    form: [f('questions', 'lines', { hint: 'hint.toCustomer' })],
  }),
  progress: actionRoute('progress', {
    description: 'A progress update (e-mailed when customerVisible) or an internal note.',
    body: z
      .strictObject({
        message: text(5000).describe('The update in the owner’s words.'),
        /** true: e-mailed to the customer and resets the update interval; false: an internal note. */
        customerVisible: z
          .boolean()
          .describe(
            'true: e-mailed to the customer and counts as the regular update; false: an internal note only.',
          ),
      })
      .register(requestRegistry, { id: 'ProgressRequest' }),
    form: [f('message', 'textarea'), f('customerVisible', 'checkbox')],
  }),
  extension: actionRoute('extension', {
    description:
      'A new expected resolution date with a reason; beyond the policy’s limit it awaits a supervisor.',
    body: z
      .strictObject({
        newExpectedBy: futureDateTime.describe(
          'The new promised resolution date-time (future); beyond the policy’s limit a supervisor approves it.',
        ),
        reason: text(2000).describe('Why more time is needed; told to the customer.'),
      })
      .register(requestRegistry, { id: 'ExtensionRequest' }),
    form: [f('newExpectedBy', 'datetime'), f('reason', 'textarea', { hint: 'hint.toCustomer' })],
  }),
  resolution: actionRoute('resolution', {
    description:
      'The outcome, explanation, apology and remedy; above the policy’s caps it awaits a supervisor.',
    body: z
      .strictObject({
        outcome: z.enum(outcomes).describe('The decision: upheld, partially-upheld or rejected.'),
        explanation: text(10_000).describe(
          'Why, in words for the customer; printed in the resolution letter.',
        ),
        apology: text(5000).describe(
          'The owner’s own apology for the customer (may be empty for a rejection).',
        ),
        remedy: remedyInputSchema.describe(
          'What the customer gets; above the policy’s caps (or a voucher with an outcome the policy does not allow it for) a supervisor approves it first.',
        ),
        howToUseRemedy: text(2000)
          .optional()
          .describe('How to redeem the remedy (a voucher code, where to return the item).'),
      })
      .register(requestRegistry, { id: 'ResolutionRequest' }),
    form: [
      f('outcome', 'choice', { options: ['upheld', 'partially-upheld', 'rejected'] }),
      f('explanation', 'textarea', { hint: 'hint.toCustomer' }),
      f('apology', 'textarea', { hint: 'hint.toCustomer' }),
      f('remedy.kind', 'choice', {
        options: ['refund', 'voucher', 'replacement', 'repair', 'none'],
        optionLabels: 'remedy.',
      }),
      f('remedy.amount', 'number', { optional: true }),
      f('remedy.currency', 'text', { optional: true }),
      f('remedy.percent', 'number', { optional: true }),
      f('remedy.validityDays', 'number', { optional: true }),
      f('howToUseRemedy', 'textarea', { optional: true, hint: 'hint.toCustomer' }),
    ],
  }),
  approval: actionRoute('approval', {
    description: 'Supervisors only: approve or reject what awaits approval.',
    body: z
      .strictObject({
        decision: z
          .enum(['approve', 'reject'])
          .describe(
            'approve or reject what awaits approval (a remedy above the caps, an extension beyond the limit, the outcome in writing without the owner’s call).',
          ),
        note: text(2000).optional().describe('The supervisor’s reason, recorded on the case.'),
      })
      .register(requestRegistry, { id: 'ApprovalRequest' }),
    input: (body, by) => ({ ...body, supervisorId: by.subject }),
    form: [
      f('decision', 'choice', { options: ['approve', 'reject'], optionLabels: 'decision.' }),
      f('note', 'textarea', { optional: true }),
    ],
  }),
  calls: actionRoute('calls', {
    description:
      'A phone call to the customer, reached or not, on the call task it was for (the resolution call among them).',
    body: z
      .strictObject({
        reached: z
          .boolean()
          .describe(
            'Whether the customer answered; the policy’s number of unanswered resolution calls lets the letter go out alone.',
          ),
        note: text(2000).optional().describe('What was said, for the case record.'),
        taskId: z
          .string()
          .regex(/^T\d{1,6}$/, 'a task id like "T3"')
          .describe(
            'The call task the call was for (e.g. "T3"), from the case view’s tasks: a call settles its own task only.',
          ),
      })
      .register(requestRegistry, { id: 'CallRequest' }),
    form: [f('reached', 'choice', { options: ['yes', 'no'] }), f('note', 'textarea', { optional: true })],
  }),
  reassignment: actionRoute('reassignment', {
    description: 'Supervisors only: hand the case to another owner.',
    body: z
      .strictObject({
        ownerId: slug.describe('The new owner’s id in the roster.'),
        reason: text(2000).describe(
          'Why the case changes hands; recorded, and the customer is told who handles it now.',
        ),
      })
      .register(requestRegistry, { id: 'ReassignmentRequest' }),
    // The roster is the API's to know: an unknown owner is a 400 naming the field, before the case.
    check(ctx, { ownerId }) {
      if (!snapshotOrThrow(ctx).roster.owners.some((o) => o.id === ownerId))
        throw problems.invalid('No such owner in the roster.', [
          { field: 'ownerId', pointer: '/ownerId', message: `unknown owner "${ownerId}"` },
        ]);
    },
    input: (body, by) => ({ ...body, supervisorId: by.subject }),
    form: [f('ownerId', 'owner'), f('reason', 'textarea')],
  }),
  notes: actionRoute('notes', {
    description: 'An internal note.',
    body: z
      .strictObject({ text: text(10_000).describe('An internal note (never shown to the customer).') })
      .register(requestRegistry, { id: 'NoteRequest' }),
    input: (body, by) => ({ ...body, author: by.name }),
    form: [f('text', 'textarea')],
  }),
  documentation: actionRoute('documentation', {
    description:
      'Root cause, factors and actions; closes a settled case (resolved, withdrawn or unanswered).',
    body: z
      .strictObject({
        rootCause: text(5000).describe('The underlying cause, found after the fact.'),
        rootCauseCategory: slug
          .optional()
          .describe("One of the case's policy's documentation.rootCauseCategories ids (otherwise 422)."),
        contributingFactors: z
          .array(text(1000))
          .max(50)
          .describe("Ids from the case's policy's documentation.contributingFactors (otherwise 422)."),
        responsibleParty: text(500).describe('The responsible party’s name (a team, a supplier, a carrier).'),
        responsiblePartyKind: z
          .enum(responsiblePartyKinds)
          .optional()
          .describe(
            'Who the cause is attributed to, for counting: staff, supplier, carrier, customer or unknown.',
          ),
        correctiveAction: text(5000).describe('What was done to fix this case.'),
        preventiveAction: text(5000).describe('What changes so it does not happen again.'),
      })
      .register(requestRegistry, { id: 'DocumentationRequest' }),
    form: [
      f('rootCause', 'textarea'),
      f('rootCauseCategory', 'category', { optional: true }),
      f('contributingFactors', 'factors'),
      f('responsibleParty', 'text'),
      f('responsiblePartyKind', 'choice', {
        options: responsiblePartyKinds,
        optionLabels: 'party.',
        optional: true,
      }),
      f('correctiveAction', 'textarea'),
      f('preventiveAction', 'textarea'),
    ],
  }),
  'follow-up': actionRoute('follow-up', {
    description:
      'The owner’s follow-up after a poor survey answer or a reopening; its note is shown to the customer on their status page.',
    body: z
      .strictObject({
        note: text(5000).describe(
          'What the owner did after the poor survey answer, in words for the customer: shown on their status page as written (not an internal note); closes the follow-up.',
        ),
      })
      .register(requestRegistry, { id: 'FollowUpRequest' }),
    // The note is the customer's to read: its label and hint say so (field.note reads "Note" elsewhere).
    form: [f('note', 'textarea', { label: 'field.followUpNote', hint: 'hint.followUpNote' })],
  }),
  'sender-confirmation': actionRoute('sender-confirmation', {
    description:
      'The owner confirms an address that wrote to the case as the customer’s (held e-mail from it is accepted).',
    body: z
      .strictObject({
        address: emailSchema.describe(
          'An address that wrote to the case and is held as unverified: from now on its e-mail is the customer’s, and what it sent is accepted.',
        ),
      })
      .register(requestRegistry, { id: 'SenderConfirmationRequest' }),
    form: [f('address', 'text')],
  }),
  'contact-details': actionRoute('contact-details', {
    description:
      'The owner records contact details the customer gave (in a call, in the chat): from then on the case uses them — a Telegram customer who blocked the bot is answered by e-mail.',
    body: z
      .strictObject({
        email: emailSchema.optional().describe('An e-mail address; replaces the one the case had.'),
        phone: customerSchema.shape.phone.describe('A phone number; replaces the one the case had.'),
        postalAddress: postalAddressSchema
          .optional()
          .describe('A postal address for letters; replaces the one the case had.'),
      })
      .refine((b) => b.email !== undefined || b.phone !== undefined || b.postalAddress !== undefined, {
        message: 'give an e-mail address, a phone number or a postal address',
        path: ['email'],
      })
      .register(requestRegistry, { id: 'ContactDetailsRequest' }),
    form: [
      f('email', 'text', { optional: true }),
      f('phone', 'text', { optional: true }),
      f('postalAddress.lines', 'lines', { optional: true }),
    ],
  }),
  'survey-answer': actionRoute('survey-answer', {
    description:
      'The customer’s survey answer given by phone or on paper (letter and fax complainants), recorded by the owner.',
    body: z
      .strictObject({
        score: z.number().int().describe('The customer’s score on the policy’s scale (1 to 5 by default).'),
        comment: text(2000).optional().describe('Their comment, in their words.'),
        stillNeedHelp: z.boolean().describe('Whether they said they still need help (opens a follow-up).'),
        via: z
          .enum(['phone', 'letter'])
          .describe('How the answer came: by phone (the survey call) or on paper (the survey letter).'),
      })
      .register(requestRegistry, { id: 'SurveyAnswerRequest' }),
    form: [
      f('score', 'number', { range: (c) => c.surveyScale, step: 1 }),
      f('comment', 'textarea', { optional: true }),
      f('stillNeedHelp', 'checkbox'),
      f('via', 'choice', { options: ['phone', 'letter'], optionLabels: 'via.' }),
    ],
  }),
};
