// What the HTTP API's zod schemas share across resources: ids, enums, text(), the e-mail, phone and
// postal address, the problem details, and the registries the OpenAPI document (api/openapi.ts) is
// made from. Each resource's request and response schemas live beside its routes
// (api/<resource>/schemas.ts); the same schemas validate input, give the handlers their types and
// produce the document. Request objects are strict: an unknown field is a 400, so nobody can set what
// the API does not offer (supervisorId, author, owner...). Postmark's payloads are the exception.
import { z } from 'zod';
import { stages } from '../domain/case';
import { actions } from '../domain/lifecycle/actions';
import { channels, languages, priorities } from '../domain/types';
import { roles } from './keys';
import { requestRegistry, responseRegistry } from './http/registry';

export { requestRegistry, responseRegistry };

// ---------------------------------------------------------------------------------------------
// Building blocks

export const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
export const isoDateTime = z.iso.datetime({
  offset: true,
  error: 'expected an ISO 8601 date-time with a time zone, e.g. 2026-03-05T10:00:00Z',
});
// Checked again by the workflow's validator; checking here too gives a 400 with the field's name.
export const futureDateTime = isoDateTime.refine((v) => Date.parse(v) > Date.now(), 'must be in the future');
export const timeZone = z
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
// Ways to reach a customer

export const emailSchema = z.email('expected an e-mail address').max(254);

export const phoneNumber = z
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
// Errors and roles

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
