// Every request and response body of the HTTP API as a zod schema. The same schemas validate input,
// give the route handlers their types, and produce the OpenAPI document (api/openapi.ts). Request
// objects are strict: an unknown field is a 400, so nobody can set what the API does not offer
// (supervisorId, author, owner...). Postmark's payloads are the exception: they are Postmark's, so
// we read the fields we need and ignore whatever Postmark adds.
import { z } from 'zod';
import { actions, closureReasons, responsiblePartyKinds, stages } from '../domain/case';
import type {
  CallInput,
  DiagnosisInput,
  DocumentationInput,
  ExtensionInput,
  FollowUpInput,
  ProgressInput,
  QuestionsInput,
  ResolutionInput,
  TaskCompletionInput,
} from '../domain/case';
import { timelineKinds } from '../domain/messages/types';
import { remedySchema } from '../domain/policy-schema';
import { channels, languages, outcomes, priorities } from '../domain/types';
import { roles } from './keys';

/** Schemas listed in the OpenAPI document's components (requests read as input, responses as output). */
export const requestRegistry = z.registry<{ id: string; description?: string }>();
export const responseRegistry = z.registry<{ id: string; description?: string }>();

// ---------------------------------------------------------------------------------------------
// Building blocks

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const isoDateTime = z.iso.datetime({
  offset: true,
  error: 'expected an ISO 8601 date-time with a time zone, e.g. 2026-03-05T10:00:00Z',
});
// Checked again by the workflow's validator; checking here too gives a 400 with the field's name.
const futureDateTime = isoDateTime.refine((v) => Date.parse(v) > Date.now(), 'must be in the future');
const timeZone = z
  .string()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'expected an IANA time zone like "Europe/Warsaw"');
/** Ids in the roster and categories in the policy. */
export const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected a lower-case id like "anna-kowalska"');
/** Complaint ids (x/k/c + hex, see api/intake.ts); anything else cannot be a case. */
export const complaintIdSchema = z.string().regex(/^[a-z][a-z0-9]{4,63}$/, 'not a complaint id');

/** A case reference as api/intake.ts makes them: CD-<year>-<6 letters or digits> (case-insensitive here). */
export const referenceSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^CD-[0-9]{4}-[A-Z0-9]{6}$/, 'expected a case reference like "CD-2026-ABC234"');

export const languageSchema = z.enum(languages);
export const channelSchema = z.enum(channels);
export const prioritySchema = z.enum(priorities);
export const stageSchema = z.enum(stages);
export const actionSchema = z.enum(actions);

// ---------------------------------------------------------------------------------------------
// Intake

export const emailSchema = z.email('expected an e-mail address').max(254);

export const customerSchema = z
  .strictObject({
    name: text(200),
    email: emailSchema.optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9][0-9 ()-]{4,30}$/, 'expected a phone number like "+48 22 555 01 23"')
      .optional(),
    language: languageSchema,
    timeZone: timeZone.optional(),
  })
  .refine((c) => c.email !== undefined || c.phone !== undefined, {
    message: 'give an e-mail address, a phone number or both',
    path: ['email'],
  });

export const orderSchema = z
  .strictObject({
    reference: text(100),
    amount: z.number().nonnegative().max(1e9).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code like "PLN"')
      .optional(),
    purchaseDate: z.iso.date('expected a date like 2026-03-05').optional(),
  })
  .refine((o) => o.amount === undefined || o.currency !== undefined, {
    message: 'an amount needs its currency',
    path: ['currency'],
  });

/** What happened, for counting (trends, the weekly review): nothing personal. */
export const incidentFactsSchema = z
  .strictObject({
    product: z
      .strictObject({ sku: text(100).optional(), name: text(300).optional() })
      .refine((p) => p.sku !== undefined || p.name !== undefined, {
        message: 'give the product’s SKU, its name or both',
      })
      .optional(),
    supplier: text(300).optional(),
    carrier: text(300).optional(),
    /** A store, warehouse or place. */
    location: text(300).optional(),
    /** When the incident happened (not when the complaint arrived). */
    incidentAt: isoDateTime
      .refine((v) => Date.parse(v) <= Date.now() + 5 * 60_000, 'must not be in the future')
      .optional(),
  })
  .register(requestRegistry, {
    id: 'IncidentFacts',
    description: 'The product, supplier, carrier, place and time of the incident, for counting.',
  });

export const intakeRequestSchema = z
  .strictObject({
    customer: customerSchema,
    channel: channelSchema,
    subject: text(300),
    description: text(20_000),
    order: orderSchema.optional(),
    facts: incidentFactsSchema.optional(),
    /** For complaints recorded after the fact: a phone call, a letter that arrived yesterday. */
    receivedAt: isoDateTime
      .refine((v) => Date.parse(v) <= Date.now() + 5 * 60_000, 'must not be in the future')
      .optional(),
    externalId: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
      .optional(),
  })
  .register(requestRegistry, { id: 'IntakeRequest', description: 'A new complaint.' });
export type IntakeRequestBody = z.output<typeof intakeRequestSchema>;

const ownerRefSchema = z.strictObject({ id: z.string(), name: z.string() });

export const caseLinksSchema = z.strictObject({
  self: z.string(),
  /** The customer's own status page (a signed link); staff can read it out or send it. */
  customerStatusPage: z.string().optional(),
});

export const intakeResponseSchema = z
  .strictObject({
    id: z.string(),
    reference: z.string(),
    /** false when the Idempotency-Key or external id found a case started earlier (HTTP 200). */
    created: z.boolean(),
    stage: stageSchema,
    /** null while the case is still being assigned (no worker answered in time). */
    owner: ownerRefSchema.nullable(),
    links: caseLinksSchema,
  })
  .register(responseRegistry, { id: 'IntakeResponse' });
export type IntakeResponse = z.output<typeof intakeResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Actions (the request bodies; the server adds who did it)

export const diagnosisRequestSchema = z
  .strictObject({
    summary: text(5000),
    probableCause: text(2000),
    responsibleParty: z.strictObject({ kind: z.enum(['ours', 'third-party']), name: text(200) }),
    expectedResolutionBy: futureDateTime,
    customerVisibleNote: text(5000).optional(),
  })
  .register(requestRegistry, { id: 'DiagnosisRequest' });
export const questionsRequestSchema = z
  .strictObject({ questions: z.array(text(1000)).min(1, 'ask at least one question').max(20) })
  .register(requestRegistry, { id: 'QuestionsRequest' });
export const progressRequestSchema = z
  .strictObject({
    message: text(5000),
    /** true: e-mailed to the customer and resets the update interval; false: an internal note. */
    customerVisible: z.boolean(),
  })
  .register(requestRegistry, { id: 'ProgressRequest' });
export const extensionRequestSchema = z
  .strictObject({ newExpectedBy: futureDateTime, reason: text(2000) })
  .register(requestRegistry, { id: 'ExtensionRequest' });
export const resolutionRequestSchema = z
  .strictObject({
    outcome: z.enum(outcomes),
    explanation: text(10_000),
    apology: text(5000),
    remedy: remedySchema,
    howToUseRemedy: text(2000).optional(),
  })
  .register(requestRegistry, { id: 'ResolutionRequest' });
export const approvalRequestSchema = z
  .strictObject({ decision: z.enum(['approve', 'reject']), note: text(2000).optional() })
  .register(requestRegistry, { id: 'ApprovalRequest' });
export const callRequestSchema = z
  .strictObject({
    reached: z.boolean(),
    note: text(2000).optional(),
    taskId: z
      .string()
      .regex(/^T\d{1,6}$/, 'a task id like "T3"')
      .optional(),
  })
  .register(requestRegistry, { id: 'CallRequest' });
export const reassignmentRequestSchema = z
  .strictObject({ ownerId: slug, reason: text(2000) })
  .register(requestRegistry, { id: 'ReassignmentRequest' });
export const noteRequestSchema = z
  .strictObject({ text: text(10_000) })
  .register(requestRegistry, { id: 'NoteRequest' });
export const documentationRequestSchema = z
  .strictObject({
    rootCause: text(5000),
    /** One of the case's policy's `documentation.rootCauseCategories` ids (otherwise 422). */
    rootCauseCategory: slug.optional(),
    /** Ids from the case's policy's `documentation.contributingFactors` (otherwise 422). */
    contributingFactors: z.array(text(1000)).max(50),
    /** The responsible party's name. */
    responsibleParty: text(500),
    responsiblePartyKind: z.enum(responsiblePartyKinds).optional(),
    correctiveAction: text(5000),
    preventiveAction: text(5000),
  })
  .register(requestRegistry, { id: 'DocumentationRequest' });
export const followUpRequestSchema = z
  .strictObject({ note: text(5000) })
  .register(requestRegistry, { id: 'FollowUpRequest' });

/** A task's id as the case numbers them (T1, T2, ...): the path of its completion. */
export const taskIdSchema = z.string().regex(/^T[0-9]{1,6}$/, 'expected a task id such as "T3"');
/** The optional body of POST /complaints/{id}/tasks/{taskId}/completion (the task comes from the path). */
export const taskCompletionRequestSchema = z
  .strictObject({ note: text(2000).optional() })
  .register(requestRegistry, { id: 'TaskCompletionRequest' });
export type TaskCompletionRequest = z.output<typeof taskCompletionRequestSchema>;

/**
 * The actions of POST /complaints/{id}/{action}. Completing a task has its own route (the task is a
 * resource: POST /complaints/{id}/tasks/{taskId}/completion), so it is not one of them.
 */
export const routedActions = actions.filter(
  (a): a is Exclude<(typeof actions)[number], 'task-completion'> => a !== 'task-completion',
);
export type RoutedAction = (typeof routedActions)[number];

export const actionRequestSchemas = {
  diagnosis: diagnosisRequestSchema,
  questions: questionsRequestSchema,
  progress: progressRequestSchema,
  extension: extensionRequestSchema,
  resolution: resolutionRequestSchema,
  approval: approvalRequestSchema,
  calls: callRequestSchema,
  reassignment: reassignmentRequestSchema,
  notes: noteRequestSchema,
  documentation: documentationRequestSchema,
  'follow-up': followUpRequestSchema,
} as const satisfies Record<RoutedAction, z.ZodType>;
export type ActionRequests = {
  [A in keyof typeof actionRequestSchemas]: z.output<(typeof actionRequestSchemas)[A]>;
};

// The bodies that pass straight into the workflow must stay assignable to its inputs.
type Assignable<From, To> = From extends To ? true : false;
type Assert<T extends true> = T;
export type _ActionBodiesFitTheWorkflow = [
  Assert<Assignable<ActionRequests['diagnosis'], DiagnosisInput>>,
  Assert<Assignable<ActionRequests['questions'], QuestionsInput>>,
  Assert<Assignable<ActionRequests['progress'], ProgressInput>>,
  Assert<Assignable<ActionRequests['extension'], ExtensionInput>>,
  Assert<Assignable<ActionRequests['resolution'], ResolutionInput>>,
  Assert<Assignable<ActionRequests['calls'], CallInput>>,
  Assert<Assignable<ActionRequests['documentation'], DocumentationInput>>,
  Assert<Assignable<ActionRequests['follow-up'], FollowUpInput>>,
  Assert<Assignable<TaskCompletionRequest & { taskId: string }, TaskCompletionInput>>,
];

// ---------------------------------------------------------------------------------------------
// The case as staff see it

const clockStateSchema = z.enum(['pending', 'met', 'missed', 'cancelled']);
export const deadlineSchema = z.strictObject({
  name: z.string(),
  dueAt: z.string(),
  state: clockStateSchema,
  met: z.boolean(),
  metAt: z.string().optional(),
  missedAt: z.string().optional(),
});
const nextDeadlineSchema = z.strictObject({ name: z.string(), at: z.string() });
/** Every deadline the case waits for, earliest first (cases of the first workflow type: absent). */
const upcomingSchema = z.array(
  z.strictObject({
    name: z.string(),
    at: z.string(),
    /** What happens when it passes. */
    summary: z.string(),
    /** Who must act before it passes: owner, customer, supervisor or system. */
    waitingFor: z.string(),
  }),
);
const deliveryCommon = {
  id: z.string(),
  /** What the e-mail is for: "acknowledgement", "system-update", "resolution-letter", ... */
  purpose: z.string(),
  audience: z.enum(['customer', 'staff']),
  status: z.enum(['pending', 'sent', 'failed', 'dropped']),
  decidedAt: z.string(),
  settledAt: z.string().optional(),
  /** Set while the e-mail service keeps failing transiently and the case keeps retrying. */
  delayedSince: z.string().optional(),
};
const pendingApprovalSchema = z.strictObject({
  kind: z.enum(['remedy', 'extension']),
  requestedAt: z.string(),
  summary: z.string(),
});

const caseCommon = {
  id: z.string(),
  reference: z.string(),
  policyVersion: z.string(),
  stage: stageSchema,
  closure: z.enum(closureReasons).optional(),
  closedAt: z.string().optional(),
  receivedAt: z.string(),
  startedAt: z.string(),
  channel: channelSchema,
  category: z.string(),
  priority: prioritySchema,
  escalationLevel: z.number().int(),
  overdue: z.boolean(),
  deadlines: z.array(deadlineSchema),
  nextDeadline: nextDeadlineSchema.optional(),
  /** What this caller may do now: the stage's actions, narrowed by role and ownership. */
  allowedActions: z.array(actionSchema),
  upcoming: upcomingSchema.optional(),
  /** When the customer hears from us next at the latest (cases of the first workflow type: absent). */
  nextCustomerContactBy: z.string().optional(),
  facts: z
    .strictObject({
      product: z.strictObject({ sku: z.string().optional(), name: z.string().optional() }).optional(),
      supplier: z.string().optional(),
      carrier: z.string().optional(),
      location: z.string().optional(),
      incidentAt: z.string().optional(),
    })
    .optional(),
  /**
   * Where the answer came from: the case's workflow in Temporal, or the case archive (the store's
   * last record of the case) once Temporal has forgotten it (GET /complaints/:id only).
   */
  source: z.enum(['workflow', 'archive']).optional(),
  /** With source "archive": when the record was written. */
  recordedAt: z.string().optional(),
};

export const caseFullSchema = z
  .strictObject({
    view: z.literal('full'),
    ...caseCommon,
    subject: z.string(),
    description: z.string(),
    customer: z.strictObject({
      name: z.string(),
      email: z.string().optional(),
      phone: z.string().optional(),
      language: languageSchema,
      timeZone: z.string().optional(),
    }),
    customerEmailBounced: z.boolean(),
    order: z
      .strictObject({
        reference: z.string(),
        amount: z.number().optional(),
        currency: z.string().optional(),
        purchaseDate: z.string().optional(),
      })
      .optional(),
    externalId: z.string().optional(),
    categoryReasons: z.array(z.string()),
    owner: z.strictObject({ id: z.string(), name: z.string(), email: z.string() }),
    ownerHistory: z.array(z.strictObject({ ownerId: z.string(), from: z.string(), reason: z.string() })),
    escalations: z.array(z.strictObject({ at: z.string(), level: z.number().int(), reason: z.string() })),
    pendingApproval: pendingApprovalSchema.optional(),
    diagnosis: z
      .strictObject({
        at: z.string(),
        summary: z.string(),
        probableCause: z.string(),
        responsibleParty: z.strictObject({ kind: z.enum(['ours', 'third-party']), name: z.string() }),
        expectedResolutionBy: z.string(),
        customerVisibleNote: z.string().optional(),
      })
      .optional(),
    questions: z
      .strictObject({
        at: z.string(),
        questions: z.array(z.string()),
        reminderSentAt: z.string().optional(),
        answeredAt: z.string().optional(),
      })
      .optional(),
    extensions: z.array(
      z.strictObject({
        at: z.string(),
        newExpectedBy: z.string(),
        reason: z.string(),
        approvedBy: z.string().optional(),
      }),
    ),
    resolution: z
      .strictObject({
        at: z.string(),
        outcome: z.enum(outcomes),
        explanation: z.string(),
        apology: z.string(),
        remedy: remedySchema,
        howToUseRemedy: z.string().optional(),
        approvedBy: z.string().optional(),
      })
      .optional(),
    rejectedResolutions: z.array(
      z.strictObject({ at: z.string(), note: z.string().optional(), supervisorId: z.string() }),
    ),
    resolutionCall: z
      .strictObject({
        attempts: z.number().int(),
        reminders: z.number().int(),
        reached: z.boolean(),
        gaveUp: z.boolean(),
        lastAttemptAt: z.string().optional(),
      })
      .optional(),
    letterSentAt: z.string().optional(),
    survey: z
      .strictObject({ round: z.number().int(), sentAt: z.string(), reminderSentAt: z.string().optional() })
      .optional(),
    surveyAnswers: z.array(
      z.strictObject({
        at: z.string(),
        round: z.number().int(),
        score: z.number(),
        comment: z.string().optional(),
        stillNeedHelp: z.boolean(),
      }),
    ),
    followUp: z
      .strictObject({
        openedAt: z.string(),
        dueBy: z.string(),
        doneAt: z.string().optional(),
        note: z.string().optional(),
      })
      .optional(),
    documentation: z
      .strictObject({
        at: z.string(),
        rootCause: z.string(),
        rootCauseCategory: z.string().optional(),
        contributingFactors: z.array(z.string()),
        responsibleParty: z.string(),
        responsiblePartyKind: z.enum(responsiblePartyKinds).optional(),
        correctiveAction: z.string(),
        preventiveAction: z.string(),
      })
      .optional(),
    tasks: z.array(
      z.strictObject({
        id: z.string(),
        kind: z.enum(['call', 'write']),
        reason: z.string(),
        /** What the task stands in for, e.g. "acknowledgement" (an e-mail that could not be sent). */
        purpose: z.string().optional(),
        createdAt: z.string(),
        dueBy: z.string().optional(),
        /** When it was done by a person (closedAs "done"); kept for clients of the first version. */
        doneAt: z.string().optional(),
        note: z.string().optional(),
        /** When it closed, done or moot; absent while it is open. */
        closedAt: z.string().optional(),
        /** done: by a person; moot: the case no longer needs it (the call was given up, the case closed). */
        closedAs: z.enum(['done', 'moot']).optional(),
        closedBy: z.string().optional(),
        closingNote: z.string().optional(),
      }),
    ),
    /** Every e-mail the case decided to send and what became of it (no addresses, no text). */
    deliveries: z
      .array(
        z.strictObject({
          ...deliveryCommon,
          /** "customer", or the name of the staff member it was for. */
          to: z.string(),
          /** Why it failed or was dropped (e-mail addresses removed). */
          detail: z.string().optional(),
        }),
      )
      .optional(),
    statutory: z
      .strictObject({
        dueAt: z.string(),
        warnedAt: z.string().optional(),
        breachedAt: z.string().optional(),
        consequence: z.string().optional(),
      })
      .optional(),
    timeline: z.strictObject({
      /** Exactly what the customer's status page shows. */
      customer: z.array(
        z.strictObject({ at: z.string(), kind: z.enum(timelineKinds), text: z.string().optional() }),
      ),
      /** Every event, in the staff's words. */
      internal: z.array(
        z.strictObject({
          at: z.string(),
          kind: z.string(),
          text: z.string(),
          by: z.string().optional(),
          customerVisible: z.boolean(),
        }),
      ),
    }),
    links: caseLinksSchema,
  })
  .register(responseRegistry, {
    id: 'CaseFull',
    description: 'The whole case: for supervisors, and for the agent who owns it.',
  });

export const caseRestrictedSchema = z
  .strictObject({
    view: z.literal('restricted'),
    ...caseCommon,
    owner: ownerRefSchema,
    customerLanguage: languageSchema,
    pendingApproval: z
      .strictObject({ kind: z.enum(['remedy', 'extension']), requestedAt: z.string() })
      .optional(),
    openTasks: z.number().int(),
    /** The case's e-mails: what for, to whom in general and how it went; no names, no addresses. */
    deliveries: z.array(z.strictObject(deliveryCommon)).optional(),
    /** When things happened and of what kind; no words, no personal data. */
    events: z.array(z.strictObject({ at: z.string(), kind: z.string() })),
    links: z.strictObject({ self: z.string() }),
  })
  .register(responseRegistry, {
    id: 'CaseRestricted',
    description:
      'The case without personal data or free text: for operators, and for agents who do not own it.',
  });

export const erasureRecordSchema = z
  .strictObject({
    erasedAt: z.string(),
    erasedBy: z.string(),
    reason: z.string(),
    keyDestroyed: z.boolean(),
    ledgerEntries: z.number().int(),
  })
  .register(responseRegistry, {
    id: 'Erasure',
    description: 'Who erased the case’s personal data, when and why.',
  });

export const caseErasedSchema = z
  .strictObject({
    view: z.literal('erased'),
    id: z.string(),
    erasure: erasureRecordSchema,
    links: z.strictObject({ self: z.string() }),
  })
  .register(responseRegistry, {
    id: 'CaseErased',
    description: 'A closed case whose personal data was erased: its history can no longer be read.',
  });

export const erasureRequestSchema = z.strictObject({ reason: text(500) }).register(requestRegistry, {
  id: 'ErasureRequest',
  description: 'Why the personal data is erased (e.g. the customer’s request); kept in the register.',
});

export const caseResponseSchema = z
  .discriminatedUnion('view', [caseFullSchema, caseRestrictedSchema, caseErasedSchema])
  .register(responseRegistry, { id: 'Case' });
export type CaseFull = z.output<typeof caseFullSchema>;
export type CaseRestricted = z.output<typeof caseRestrictedSchema>;
export type CaseResponse = z.output<typeof caseResponseSchema>;
export type CaseErased = z.output<typeof caseErasedSchema>;

// ---------------------------------------------------------------------------------------------
// Listing

export const caseListQuerySchema = z
  .strictObject({
    stage: stageSchema.optional(),
    /** An owner's id; "any" lifts an agent's default of seeing only their own cases. */
    owner: z.union([slug, z.literal('any')]).optional(),
    priority: prioritySchema.optional(),
    category: slug.optional(),
    overdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    /** The reference the customer reads out (CD-2026-ABC234): exactly that case. */
    reference: referenceSchema.optional(),
    /**
     * "true": closed cases from the case archive (the store), including those Temporal has
     * forgotten, newest close first; with owner, priority, category and reference filters.
     */
    archived: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
    pageToken: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,4096}\.[A-Za-z0-9_-]{43}$/, 'not a page token from this API')
      .optional(),
  })
  .register(requestRegistry, { id: 'CaseListQuery' });

export const caseListItemSchema = z.strictObject({
  id: z.string(),
  reference: z.string().optional(),
  status: z.string(),
  stage: stageSchema.optional(),
  owner: z.string().optional(),
  priority: prioritySchema.optional(),
  category: z.string().optional(),
  overdue: z.boolean().optional(),
  escalationLevel: z.number().int().optional(),
  nextDeadline: z.string().optional(),
  receivedAt: z.string().optional(),
  startedAt: z.string(),
  closedAt: z.string().optional(),
  /** "archive" for items listed from the case archive (`archived=true`). */
  source: z.enum(['workflow', 'archive']).optional(),
  links: z.strictObject({ self: z.string() }),
});
export const caseListSchema = z
  .strictObject({
    items: z.array(caseListItemSchema),
    /** Pass as pageToken for the next page; absent on the last page. */
    nextPageToken: z.string().optional(),
    /** The filters applied, e.g. the agent's own id when no owner was asked for. */
    filters: z.record(z.string(), z.union([z.string(), z.boolean()])),
  })
  .register(responseRegistry, { id: 'CaseList' });
export type CaseList = z.output<typeof caseListSchema>;

// ---------------------------------------------------------------------------------------------
// The customer's side (forms post application/x-www-form-urlencoded; JSON works too)

export const customerMessageRequestSchema = z
  .strictObject({
    text: text(5000),
    /** A random value the form carries, so a double submit is one message. */
    nonce: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/)
      .optional(),
  })
  .register(requestRegistry, { id: 'CustomerMessageRequest' });

export const withdrawalRequestSchema = z
  .strictObject({
    reason: z.string().trim().max(1000).optional(),
    /** The form's checkbox: withdrawing cannot be undone. */
    confirm: z.union([z.literal('yes'), z.literal(true)], {
      error: 'confirm that you want to withdraw the complaint',
    }),
  })
  .register(requestRegistry, { id: 'WithdrawalRequest' });

/** The survey's scale comes from the policy, so the schema is made per request. */
export function surveyRequestSchema(minScore: number, maxScore: number) {
  return z.strictObject({
    score: z.coerce
      .number({ error: `choose a score from ${minScore} to ${maxScore}` })
      .int(`choose a score from ${minScore} to ${maxScore}`)
      .min(minScore, `choose a score from ${minScore} to ${maxScore}`)
      .max(maxScore, `choose a score from ${minScore} to ${maxScore}`),
    comment: z.string().trim().max(2000).optional(),
    stillNeedHelp: z.union([z.boolean(), z.enum(['yes', 'no']).transform((v) => v === 'yes')], {
      error: 'answer whether you still need help (yes or no)',
    }),
  });
}
surveyRequestSchema(1, 5).register(requestRegistry, {
  id: 'SurveyRequest',
  description: 'Scores on the policy’s scale (1–5 by default).',
});

export const customerAcceptedSchema = z
  .strictObject({ status: z.literal('accepted') })
  .register(responseRegistry, { id: 'CustomerAccepted' });

// ---------------------------------------------------------------------------------------------
// Postmark webhooks: loose on purpose (Postmark's payloads, Postmark's fields)

const postmarkAddress = z.looseObject({
  Email: z.string().max(1000),
  Name: z.string().max(1000).optional(),
  MailboxHash: z.string().max(1000).optional(),
});

export const postmarkInboundSchema = z
  .looseObject({
    MessageID: z.string().min(1).max(200),
    From: z.string().max(1000).default(''),
    FromName: z.string().max(1000).optional(),
    FromFull: postmarkAddress.optional(),
    To: z.string().max(10_000).optional(),
    ToFull: z.array(postmarkAddress).max(500).optional(),
    OriginalRecipient: z.string().max(1000).optional(),
    ReplyTo: z.string().max(1000).optional(),
    Subject: z.string().max(10_000).default(''),
    MailboxHash: z.string().max(1000).default(''),
    Date: z.string().max(200).optional(),
    TextBody: z.string().default(''),
    HtmlBody: z.string().default(''),
    StrippedTextReply: z.string().default(''),
    Headers: z
      .array(z.looseObject({ Name: z.string(), Value: z.string() }))
      .max(1000)
      .default([]),
    Attachments: z
      .array(
        z.looseObject({
          Name: z.string().max(1000),
          ContentType: z.string().max(200).optional(),
          ContentLength: z.number().optional(),
        }),
      )
      .max(1000)
      .default([]),
  })
  .register(requestRegistry, {
    id: 'PostmarkInbound',
    description: 'Postmark’s inbound webhook payload (fields we read).',
  });
export type PostmarkInbound = z.output<typeof postmarkInboundSchema>;

export const postmarkBounceSchema = z
  .looseObject({
    RecordType: z.enum(['Bounce', 'SpamComplaint']),
    Type: z.string().min(1).max(100),
    TypeCode: z.number().optional(),
    MessageID: z.string().max(200).optional(),
    Email: z.string().min(3).max(1000),
    Inactive: z.boolean().default(false),
    Description: z.string().max(10_000).optional(),
    Details: z.string().max(10_000).optional(),
    Metadata: z.record(z.string(), z.string()).nullish(),
    BouncedAt: z.string().max(100).optional(),
  })
  .register(requestRegistry, {
    id: 'PostmarkBounce',
    description: 'Postmark’s bounce (or spam complaint) webhook payload.',
  });
export type PostmarkBounce = z.output<typeof postmarkBounceSchema>;

export const inboundResultSchema = z
  .strictObject({
    result: z.enum(['customer-message', 'new-complaint', 'ignored']),
    complaintId: z.string().optional(),
    reference: z.string().optional(),
    created: z.boolean().optional(),
    reason: z.string().optional(),
  })
  .register(responseRegistry, { id: 'InboundResult' });
export type InboundResult = z.output<typeof inboundResultSchema>;

export const bounceResultSchema = z
  .strictObject({ matched: z.array(z.string()), ignored: z.string().optional() })
  .register(responseRegistry, { id: 'BounceResult' });
export type BounceResult = z.output<typeof bounceResultSchema>;

// ---------------------------------------------------------------------------------------------
// Errors and health

export const problemSchema = z
  .strictObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z
      .array(z.strictObject({ field: z.string(), pointer: z.string(), message: z.string() }))
      .optional(),
    stage: z.string().optional(),
    allowedActions: z.array(z.string()).optional(),
  })
  .register(responseRegistry, { id: 'Problem', description: 'RFC 9457 problem details.' });

export const healthSchema = z
  .strictObject({
    status: z.enum(['ok', 'unavailable']),
    temporal: z.enum(['reachable', 'unreachable']),
    /** A generic reason; the error itself is for operators (GET /healthz/details). */
    reason: z.string().optional(),
  })
  .register(responseRegistry, { id: 'Health' });
export type Health = z.output<typeof healthSchema>;

export const healthDetailsSchema = z
  .strictObject({
    status: z.enum(['ok', 'unavailable']),
    temporal: z.enum(['reachable', 'unreachable']),
    namespace: z.string(),
    latencyMs: z.number(),
    checkedAt: z.string(),
    /** The error Temporal's client gave, when it did not answer. */
    reason: z.string().optional(),
  })
  .register(responseRegistry, { id: 'HealthDetails', description: 'Operators only.' });
export type HealthDetails = z.output<typeof healthDetailsSchema>;

export const roleSchema = z.enum(roles);

// ---------------------------------------------------------------------------------------------
// The codec endpoint (Temporal's remote codec shape, as the Web UI and CLI send it)

const base64 = z
  .string()
  .max(4_000_000)
  .regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'base64');

export const codecPayloadSchema = z
  .strictObject({
    metadata: z.record(z.string().min(1).max(256), base64).optional(),
    data: base64.optional(),
  })
  .register(requestRegistry, {
    id: 'CodecPayload',
    description: 'A Temporal payload as protobuf JSON: metadata values and data in base64.',
  });

export const codecRequestSchema = z
  .strictObject({ payloads: z.array(codecPayloadSchema).max(1000) })
  .register(requestRegistry, { id: 'CodecRequest' });
export type CodecRequest = z.output<typeof codecRequestSchema>;

export const codecResponseSchema = z
  .strictObject({
    payloads: z.array(z.strictObject({ metadata: z.record(z.string(), z.string()), data: z.string() })),
  })
  .register(responseRegistry, { id: 'CodecResponse' });

export const codecTokenSchema = z
  .strictObject({
    token: z.string(),
    endpoint: z.string().describe('The codec endpoint URL with the token: give it to the Web UI or the CLI.'),
    expiresAt: z.string(),
  })
  .register(responseRegistry, { id: 'CodecToken' });
