// The complaints resource's schemas (api/complaints/routes.ts): a new complaint (intake) and its
// answer, a task's completion, the case as staff see it, and the case list. The staff actions'
// request bodies are declared with their routes (api/complaints/action-routes.ts).
import { z } from 'zod';
import { closureReasons, responsiblePartyKinds } from '../../domain/case';
import type { TaskCompletionInput } from '../../domain/case';
import { actions } from '../../domain/lifecycle/actions';
import { timelineKinds } from '../../domain/messages/types';
import { attentionReasons } from '../../domain/lifecycle/attention';
import { remedySchema } from '../../domain/policy-schema';
import { outcomes } from '../../domain/types';
import { requestRegistry, responseRegistry } from '../http/registry';
import {
  actionSchema,
  channelSchema,
  emailSchema,
  isoDateTime,
  languageSchema,
  phoneNumber,
  postalAddressSchema,
  prioritySchema,
  referenceSchema,
  slug,
  stageSchema,
  text,
  timeZone,
} from '../schemas';

// ---------------------------------------------------------------------------------------------
// Intake

export const customerSchema = z
  .strictObject({
    name: text(200).describe('The customer’s name as they give it; the e-mails greet them with it.'),
    email: emailSchema
      .optional()
      .describe('Where the e-mails go; give at least one of e-mail, phone, fax or postal address.'),
    phone: phoneNumber
      .optional()
      .describe('For calls (the outcome is told by phone, and every customer is called back).'),
    fax: phoneNumber
      .optional()
      .describe('For a fax complaint (required with channel "fax"): letters to the customer are faxed here.'),
    postalAddress: postalAddressSchema
      .optional()
      .describe(
        'Where printed letters go (required with channel "letter"): a letter or fax complainant gets every message as a printable letter.',
      ),
    language: languageSchema.describe(
      'The language of every e-mail and page the customer gets (en, pl, sv, et, he).',
    ),
    timeZone: timeZone
      .optional()
      .describe('IANA zone for the dates the customer reads; absent: the language’s usual zone.'),
  })
  .refine(
    (c) =>
      c.email !== undefined || c.phone !== undefined || c.fax !== undefined || c.postalAddress !== undefined,
    { message: 'give an e-mail address, a phone number, a fax number or a postal address', path: ['email'] },
  );

export const orderSchema = z
  .strictObject({
    reference: text(100).describe('The order’s number in the shop.'),
    amount: z
      .number()
      .nonnegative()
      .max(1e9)
      .optional()
      .describe('What the customer paid; compensation caps are computed from it.'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code like "PLN"')
      .optional()
      .describe('ISO 4217 code of the amount; required with amount.'),
    purchaseDate: z.iso
      .date('expected a date like 2026-03-05')
      .optional()
      .describe('The day of purchase (YYYY-MM-DD).'),
  })
  .refine((o) => o.amount === undefined || o.currency !== undefined, {
    message: 'an amount needs its currency',
    path: ['currency'],
  });

/** What happened, for counting (trends, the weekly review): nothing personal. */
export const incidentFactsSchema = z
  .strictObject({
    product: z
      .strictObject({
        sku: text(100).optional().describe('The product’s stock-keeping unit, as the catalogue has it.'),
        name: text(300).optional().describe('The product’s name.'),
      })
      .refine((p) => p.sku !== undefined || p.name !== undefined, {
        message: 'give the product’s SKU, its name or both',
      })
      .optional()
      .describe('The product the complaint is about (SKU, name or both).'),
    supplier: text(300).optional().describe('Who supplied the product.'),
    carrier: text(300).optional().describe('Who delivered it (the courier).'),
    location: text(300).optional().describe('A store, warehouse or place.'),
    incidentAt: isoDateTime
      .refine((v) => Date.parse(v) <= Date.now() + 5 * 60_000, 'must not be in the future')
      .optional()
      .describe('When the incident happened (not when the complaint arrived); not in the future.'),
  })
  .register(requestRegistry, {
    id: 'IncidentFacts',
    description: 'The product, supplier, carrier, place and time of the incident, for counting.',
  });

export const intakeRequestSchema = z
  .strictObject({
    customer: customerSchema.describe('Who complains and how to reach them.'),
    channel: channelSchema.describe(
      'How the complaint reached us; fax and letter also get a formal acknowledgement letter.',
    ),
    subject: text(300).describe('A one-line summary (shown to the customer on their status page).'),
    description: text(20_000).describe('The complaint in the customer’s words; categorised by its keywords.'),
    order: orderSchema.optional().describe('The order the complaint is about, when there is one.'),
    facts: incidentFactsSchema
      .optional()
      .describe(
        'Countable facts about the incident (product, supplier, carrier, location, when), for trends.',
      ),
    /** For complaints recorded after the fact: a phone call, a letter that arrived yesterday. */
    receivedAt: isoDateTime
      .refine((v) => Date.parse(v) <= Date.now() + 5 * 60_000, 'must not be in the future')
      .optional()
      .describe(
        'When the complaint reached us, for one recorded after the fact (a letter from yesterday); absent: now.',
      ),
    externalId: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
      .optional()
      .describe(
        'An id from the source system (ticket, letter number): the same id always finds the same case, whoever records it.',
      ),
    senderDate: text(300)
      .optional()
      .describe(
        'When the sender says they sent it, as their system wrote it (an e-mail’s Date header): shown to staff beside the complaint, never used for a deadline.',
      ),
  })
  // A paper complaint is answered on paper (seed 003): the way to reach the customer must be known.
  .refine((r) => r.channel !== 'letter' || r.customer.postalAddress !== undefined, {
    message: 'a letter complaint needs the postal address to answer it',
    path: ['customer', 'postalAddress'],
  })
  .refine((r) => r.channel !== 'fax' || r.customer.fax !== undefined, {
    message: 'a fax complaint needs the fax number to answer it',
    path: ['customer', 'fax'],
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
// Actions (their request bodies are declared with their routes: ./action-routes.ts)

/** A task's id as the case numbers them (T1, T2, ...): the path of its completion. */
export const taskIdSchema = z.string().regex(/^T[0-9]{1,6}$/, 'expected a task id such as "T3"');
/** The optional body of POST /complaints/{id}/tasks/{taskId}/completion (the task comes from the path). */
export const taskCompletionRequestSchema = z
  .strictObject({
    note: text(2000)
      .optional()
      .describe('How the task was done (the call made, the letter posted); recorded on the task.'),
  })
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

// The completion's body and its task's id must stay assignable to the workflow's input.
type Assignable<From, To> = From extends To ? true : false;
type Assert<T extends true> = T;
export type _TaskCompletionFitsTheWorkflow = Assert<
  Assignable<TaskCompletionRequest & { taskId: string }, TaskCompletionInput>
>;

// ---------------------------------------------------------------------------------------------
// The case as staff see it (GET /complaints/{id}; the erased view is also what POST /complaints/{id}/erasure answers)

const clockStateSchema = z.enum(['pending', 'met', 'missed', 'cancelled']);
/** A promise to the customer: its deadline (`dueAt`) and whether it was kept (docs/glossary.md). */
export const promiseSchema = z.strictObject({
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
const approvalKinds = ['remedy', 'extension', 'letter-without-call'] as const;
const pendingApprovalSchema = z.strictObject({
  kind: z.enum(approvalKinds),
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
  promises: z
    .array(promiseSchema)
    .describe('The promises to the customer, each with its deadline and state.'),
  // The list's name until the words were sorted out (a deadline is a moment; these are promises): still
  // sent, the same list, so a client written before `promises` keeps working.
  deadlines: z
    .array(promiseSchema)
    .meta({ deprecated: true, description: 'The same list as `promises`, under its retired name.' }),
  nextDeadline: nextDeadlineSchema.optional(),
  /** What this caller may do now: the stage's actions, narrowed by role and ownership. */
  allowedActions: z.array(actionSchema),
  upcoming: upcomingSchema.optional(),
  /** When the customer hears from us next at the latest: the one date the acknowledgement and the status page give too. */
  nextCustomerContactBy: z.string().optional(),
  /** A closed case: until when a reply from the customer reopens it with the same owner. */
  reopenableUntil: z.string().optional(),
  /** A settled case waiting for its documentation: how it will close. */
  closing: z.enum(closureReasons).optional(),
  /** Every reopening by a reply of the customer after they were told the case is closed. */
  reopenings: z.array(z.strictObject({ at: z.string(), closure: z.enum(closureReasons) })).optional(),
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
    attachments: z
      .array(
        z.strictObject({
          id: z.string(),
          name: z.string(),
          type: z.string(),
          size: z.number().int(),
          at: z.string(),
        }),
      )
      .optional()
      .describe(
        'Files the case fetched from a messenger (Telegram photos and documents), each served by GET /complaints/{id}/attachments/{attachmentId}. The public form’s files are listed in the description.',
      ),
    customer: z.strictObject({
      name: z.string(),
      email: z.string().optional(),
      phone: z.string().optional(),
      fax: z.string().optional(),
      postalAddress: z.strictObject({ lines: z.array(z.string()) }).optional(),
      language: languageSchema,
      timeZone: z.string().optional(),
    }),
    customerEmailBounced: z.boolean(),
    confirmedSenders: z
      .array(emailSchema)
      .optional()
      .describe('Addresses the owner confirmed as the customer’s besides customer.email.'),
    unverifiedMessages: z
      .array(
        z.strictObject({
          from: z.string(),
          at: isoDateTime,
          text: z.string(),
          reason: z.enum(['other-sender', 'retired-address']),
        }),
      )
      .optional()
      .describe(
        'E-mail that reached the case but not as the customer’s (another sender, or a retired reply address): for the owner only, never shown to the customer. Confirm a sender with the sender-confirmation action.',
      ),
    order: z
      .strictObject({
        reference: z.string(),
        amount: z.number().optional(),
        currency: z.string().optional(),
        purchaseDate: z.string().optional(),
      })
      .optional(),
    externalId: z.string().optional(),
    senderDate: z
      .string()
      .optional()
      .describe('When the sender says they sent it (an e-mail’s Date header), as written: information only.'),
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
        apology: z.string().optional(),
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
        /** The voucher as issued with the written outcome: its code, expiry and value. */
        voucher: z
          .strictObject({
            code: z.string().optional(),
            validUntil: z.string(),
            value: z.strictObject({ amount: z.number(), currency: z.string() }).optional(),
          })
          .optional(),
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
        /** The supervisor who let the outcome go out in writing without the call. */
        waivedBy: z.string().optional(),
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
        /** A write task for a letter: the printable letter (GET it; POST …/sent marks it sent). */
        letter: z.string().optional(),
        promise: z
          .string()
          .optional()
          .describe('The promise the task keeps (missing its deadline escalates), e.g. "call-back".'),
        clock: z
          .string()
          .optional()
          .meta({ deprecated: true, description: 'The same as `promise`, under its retired name.' }),
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
    pendingApproval: z.strictObject({ kind: z.enum(approvalKinds), requestedAt: z.string() }).optional(),
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
    stage: stageSchema.optional().describe('Only cases in this stage.'),
    /** An owner's id; "any" lifts an agent's default of seeing only their own cases. */
    owner: z
      .union([slug, z.literal('any')])
      .optional()
      .describe('Only this owner’s cases (a roster id); "any": everyone’s. Agents see their own by default.'),
    priority: prioritySchema.optional().describe('Only cases of this priority.'),
    category: slug.optional().describe('Only cases of this category (a policy category id).'),
    overdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .describe('true: only cases with a promise overdue; false: only cases with none.'),
    /** The reference the customer reads out (CD-2026-ABC234): exactly that case. */
    reference: referenceSchema
      .optional()
      .describe('The reference the customer reads out (CD-2026-ABC234): exactly that case, whoever owns it.'),
    attention: z
      .enum(['true', 'false', ...attentionReasons])
      .optional()
      .describe(
        "true: cases that need an operator's attention for any reason; a reason: cases with that one; false: none.",
      ),
    archived: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .describe(
        'true: closed cases from the case archive (the store), including those Temporal has forgotten, newest close first.',
      ),
    pageSize: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(25)
      .describe('Cases per page (1–100, default 25).'),
    pageToken: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,4096}\.[A-Za-z0-9_-]{43}$/, 'not a page token from this API')
      .optional()
      .describe('nextPageToken from the previous page.'),
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
  /** Why the case needs an operator's attention (ComplaintAttention); absent when nothing does. */
  attention: z.array(z.string()).optional(),
  escalationLevel: z.number().int().optional(),
  nextDeadline: z.string().optional(),
  receivedAt: z.string().optional(),
  /** The customer's language (from the case's memo), so a queue can show it without opening the case. */
  language: z.string().optional(),
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
