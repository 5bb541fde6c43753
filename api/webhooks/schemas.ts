// Postmark's inbound and bounce webhooks (api/webhooks/routes.ts): loose on purpose, unlike the
// rest of the API's request schemas. They are Postmark's payloads, so we read the fields we need and
// ignore whatever Postmark adds.
import { z } from 'zod';
import { requestRegistry, responseRegistry } from '../http/registry';

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
