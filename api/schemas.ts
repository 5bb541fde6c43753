// Every request and response body of the HTTP API as a zod schema. The same schemas validate input,
// give the route handlers their types, and produce the OpenAPI document (api/openapi.ts). Request
// objects are strict: an unknown field is a 400, so nobody can set what the API does not offer
// (supervisorId, author, owner...). Postmark's payloads are the exception: they are Postmark's, so
// we read the fields we need and ignore whatever Postmark adds.
import { z } from 'zod';
import { closureReasons, responsiblePartyKinds, stages } from '../domain/case';
import type { TaskCompletionInput } from '../domain/case';
import { actions } from '../domain/lifecycle/actions';
import { timelineKinds } from '../domain/messages/types';
import { attentionReasons } from '../domain/lifecycle/attention';
import { remedySchema } from '../domain/policy-schema';
import { channels, languages, outcomes, priorities } from '../domain/types';
import { roles } from './keys';
import { requestRegistry, responseRegistry } from './http/registry';

export { requestRegistry, responseRegistry };

// ---------------------------------------------------------------------------------------------
// Building blocks

export const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const isoDateTime = z.iso.datetime({
  offset: true,
  error: 'expected an ISO 8601 date-time with a time zone, e.g. 2026-03-05T10:00:00Z',
});
// Checked again by the workflow's validator; checking here too gives a 400 with the field's name.
export const futureDateTime = isoDateTime.refine((v) => Date.parse(v) > Date.now(), 'must be in the future');
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

const phoneNumber = z
  .string()
  .regex(/^\+?[0-9][0-9 ()-]{4,30}$/, 'expected a phone number like "+48 22 555 01 23"');

export const postalAddressSchema = z
  .strictObject({
    lines: z
      .array(text(200))
      .min(1, 'give at least one line')
      .max(8, 'at most 8 lines')
      .describe('As written on an envelope, one line each: street and number, postcode and town, country.'),
  })
  .register(requestRegistry, {
    id: 'PostalAddress',
    description: 'Where printed letters are posted (the recipient block of every letter).',
  });

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
// Actions (their request bodies are declared with their routes: api/complaints/action-routes.ts)

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
// The case as staff see it

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

// ---------------------------------------------------------------------------------------------
// The customer's side (forms post application/x-www-form-urlencoded; JSON works too)

export const customerMessageRequestSchema = z
  .strictObject({
    text: text(5000).describe('The customer’s message to the owner.'),
    /** A random value the form carries, so a double submit is one message. */
    nonce: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/)
      .optional()
      .describe('A random value the form carries, so a double submit is one message.'),
  })
  .register(requestRegistry, { id: 'CustomerMessageRequest' });

export const withdrawalRequestSchema = z
  .strictObject({
    reason: z.string().trim().max(1000).optional().describe('Why the customer withdraws (optional).'),
    /** The form's checkbox: withdrawing cannot be undone. */
    confirm: z
      .union([z.literal('yes'), z.literal(true)], {
        error: 'confirm that you want to withdraw the complaint',
      })
      .describe('"yes" (the form’s checkbox) or true: withdrawing cannot be undone.'),
  })
  .register(requestRegistry, { id: 'WithdrawalRequest' });

/** The survey's scale comes from the policy, so the schema is made per request. */
export function surveyRequestSchema(minScore: number, maxScore: number) {
  return z.strictObject({
    score: z.coerce
      .number({ error: `choose a score from ${minScore} to ${maxScore}` })
      .int(`choose a score from ${minScore} to ${maxScore}`)
      .min(minScore, `choose a score from ${minScore} to ${maxScore}`)
      .max(maxScore, `choose a score from ${minScore} to ${maxScore}`)
      .describe('The score on the policy’s scale (1–5 by default).'),
    comment: z.string().trim().max(2000).optional().describe('Anything the customer wants to add.'),
    stillNeedHelp: z
      .union([z.boolean(), z.enum(['yes', 'no']).transform((v) => v === 'yes')], {
        error: 'answer whether you still need help (yes or no)',
      })
      .describe(
        'Whether the customer still needs help (true/false, or "yes"/"no" from the form); yes opens a follow-up.',
      ),
  });
}
/** The survey's body as the document shows it (on the default scale). */
export const surveyRequestDocSchema = surveyRequestSchema(1, 5).register(requestRegistry, {
  id: 'SurveyRequest',
  description: 'Scores on the policy’s scale (1–5 by default).',
});

/**
 * The public complaint form's fields as the browser posts them (all text; files come as
 * "attachments" parts). The route reads them with this schema, then builds the intake request.
 */
export const publicComplaintFormSchema = z
  .strictObject({
    formToken: z
      .string()
      .max(200)
      .describe('The signed token the form carries: a double submit is one complaint.'),
    lang: languageSchema.optional().describe('The form’s language, which becomes the customer’s.'),
    name: z.string().max(200).describe('The customer’s name (required).'),
    email: z.string().max(254).optional().describe('E-mail address; give it, a phone number, or both.'),
    phone: z.string().max(40).optional().describe('Phone number; give it, an e-mail address, or both.'),
    order: z
      .string()
      .max(100)
      .optional()
      .describe('The order reference, when the complaint is about an order.'),
    description: z.string().max(20_000).describe('What happened, in the customer’s words (required).'),
    website: z.string().max(500).optional().describe('The honeypot: hidden from people, must stay empty.'),
    attachments: z
      .string()
      .optional()
      .describe('Files (multipart only): images, PDF or text, within the limits the form states.'),
  })
  .register(requestRegistry, {
    id: 'PublicComplaintForm',
    description: 'The public complaint form (multipart/form-data; urlencoded without files).',
  });

export const customerAcceptedSchema = z
  .strictObject({ status: z.literal('accepted') })
  .register(responseRegistry, { id: 'CustomerAccepted' });

// ---------------------------------------------------------------------------------------------
// Postmark webhooks: loose on purpose (Postmark's payloads, Postmark's fields)

const postmarkAddress = z.looseObject({
  Email: z.string().max(1000).describe('The address.'),
  Name: z.string().max(1000).optional().describe('The display name.'),
  MailboxHash: z
    .string()
    .max(1000)
    .optional()
    .describe('The part after "+" in the address: our replies carry the case id there.'),
});

export const postmarkInboundSchema = z
  .looseObject({
    MessageID: z
      .string()
      .min(1)
      .max(200)
      .describe('Postmark’s id of the e-mail: a repeated delivery finds the same case.'),
    From: z.string().max(1000).default('').describe('The sender’s address.'),
    FromName: z.string().max(1000).optional().describe('The sender’s display name.'),
    FromFull: postmarkAddress.optional().describe('The sender, parsed.'),
    To: z.string().max(10_000).optional().describe('The recipients as one header value.'),
    ToFull: z.array(postmarkAddress).max(500).optional().describe('The recipients, parsed.'),
    OriginalRecipient: z
      .string()
      .max(1000)
      .optional()
      .describe('The address Postmark received the e-mail at.'),
    ReplyTo: z.string().max(1000).optional().describe('The Reply-To header.'),
    Subject: z.string().max(10_000).default('').describe('The subject.'),
    MailboxHash: z
      .string()
      .max(1000)
      .default('')
      .describe('The part after "+" in the recipient: a case id when the customer replies to us.'),
    Date: z
      .string()
      .max(200)
      .optional()
      .describe('The sender’s Date header (kept as information, never trusted for a deadline).'),
    TextBody: z.string().default('').describe('The plain-text body.'),
    HtmlBody: z.string().default('').describe('The HTML body (used when there is no text body).'),
    StrippedTextReply: z.string().default('').describe('The reply without the quoted earlier e-mail.'),
    Headers: z
      .array(
        z.looseObject({
          Name: z.string().describe('The header’s name.'),
          Value: z.string().describe('The header’s value.'),
        }),
      )
      .max(1000)
      .default([])
      .describe('All headers (auto-replies and spam are recognised by them).'),
    Attachments: z
      .array(
        z.looseObject({
          Name: z.string().max(1000).describe('The file name.'),
          ContentType: z.string().max(200).optional().describe('The MIME type.'),
          ContentLength: z.number().optional().describe('The size in bytes.'),
        }),
      )
      .max(1000)
      .default([])
      .describe('Attachments (their names are noted on the case).'),
  })
  .register(requestRegistry, {
    id: 'PostmarkInbound',
    description: 'Postmark’s inbound webhook payload (fields we read).',
  });
export type PostmarkInbound = z.output<typeof postmarkInboundSchema>;

export const postmarkBounceSchema = z
  .looseObject({
    RecordType: z.enum(['Bounce', 'SpamComplaint']).describe('Bounce or SpamComplaint.'),
    Type: z.string().min(1).max(100).describe('Postmark’s bounce type, e.g. HardBounce.'),
    TypeCode: z.number().optional().describe('Postmark’s numeric bounce type.'),
    MessageID: z
      .string()
      .max(200)
      .optional()
      .describe('The id of the e-mail that bounced: the case finds what that e-mail was for.'),
    Email: z.string().min(3).max(1000).describe('The address that bounced.'),
    Inactive: z.boolean().default(false).describe('Whether Postmark stopped sending to the address.'),
    Description: z.string().max(10_000).optional().describe('Postmark’s description of the bounce.'),
    Details: z.string().max(10_000).optional().describe('The receiving server’s answer.'),
    Metadata: z
      .record(z.string(), z.string())
      .nullish()
      .describe('The metadata we sent the e-mail with (caseId among it).'),
    BouncedAt: z.string().max(100).optional().describe('When it bounced.'),
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

export const roleSchema = z.enum(roles);
