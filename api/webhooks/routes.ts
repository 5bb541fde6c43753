// Postmark's webhooks. Inbound: a reply to a case e-mail (reply-to complaints+<reply token>@…, so the
// case's token arrives as MailboxHash) becomes a message on that case — the customer's when it comes
// from their address, else held for the owner as unverified; any other e-mail to the complaints
// address starts a complaint, idempotent on Postmark's MessageID. Only text and references
// go into the workflow: attachments stay at Postmark (named in the message, with the MessageID).
// Bounce: a permanent failure to reach a case's customer reaches that case.
//
// Postmark retries inbound posts on anything but 200 (and stops on 403), so an e-mail we decide not
// to take (an auto-reply, our own mail, spam) is still answered 200, with the reason.
//
// An e-mail is received when Postmark delivers it to us. The sender's Date header is whatever the
// sender's clock or software says (a year ago, an hour ahead): it is kept as information in the
// text, never used for the case's clocks, so it can neither escalate a case at once nor get a mail refused.
import type { Router } from 'express';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Language } from '../../domain/types';
import { languages } from '../../domain/types';
import { bounceSignal, customerMessageSignal } from '../../workflows/definitions';
import { replyRoute, type ReplyRoute } from '../../infra/store/reply-addresses';
import { basicAuth } from '../auth';
import type { AppContext } from '../context';
import { startComplaint } from '../intake';
import { ApiProblem, problems } from '../problems';
import { webhookRouter as guardedRouter } from '../http/webhook-router';
import { complaintIdSchema, emailSchema } from '../schemas';
import { intakeRequestSchema } from '../complaints/schemas';
import {
  postmarkBounceSchema,
  postmarkInboundSchema,
  bounceResultSchema,
  inboundResultSchema,
  type BounceResult,
  type InboundResult,
  type PostmarkBounce,
  type PostmarkInbound,
} from './schemas';
import { jsonResponse, problem } from '../http/openapi-parts';
import { route, type Route } from '../http/route';
import { intakeDeps, snapshotOrThrow } from '../policy-snapshot';

/** Bounce types that mean the address will not work: the case switches to phone or letter. */
const permanentBounceTypes = new Set([
  'HardBounce',
  'BadEmailAddress',
  'SpamComplaint',
  'ManuallyDeactivated',
  'Blocked',
  'SMTPApiError',
]);

const MESSAGE_LIMIT = 10_000;
const DESCRIPTION_LIMIT = 20_000;

export const webhookRoutes: Route[] = [
  route({
    method: 'post',
    path: '/webhooks/postmark/inbound',
    // Its credential is HTTP basic auth, checked for the whole prefix by webhookRouter.
    roles: 'public',
    security: [{ postmarkBasic: [] }],
    tags: ['webhooks'],
    summary: 'Postmark inbound e-mail',
    description:
      'A reply whose MailboxHash is a case id becomes a customer message on it; other e-mail starts a complaint (idempotent on MessageID), received when it is delivered: the Date header is kept as the case’s senderDate, information only. Auto-replies, spam and our own mail are answered 200 and ignored.',
    // The large limit applies to this route alone: a whole e-mail with base64 attachments.
    body: { schema: postmarkInboundSchema, what: 'Postmark inbound payload', limit: 'inboundBody' },
    responses: {
      '200': jsonResponse('Taken (or deliberately ignored).', inboundResultSchema),
      '400': problem('Not a Postmark inbound payload.'),
      '401': problem('Wrong or missing basic-auth credentials.'),
      '413': problem('Larger than the inbound limit.'),
      '429': problem('Rate limited.'),
      '503': problem('Not configured, or Temporal unreachable (Postmark retries).'),
    },
    async handler({ ctx, res, body: mail }) {
      const result = await handleInbound(ctx, mail);
      res.status(200).json(result satisfies InboundResult);
    },
  }),

  route({
    method: 'post',
    path: '/webhooks/postmark/bounce',
    roles: 'public',
    security: [{ postmarkBasic: [] }],
    tags: ['webhooks'],
    summary: 'Postmark bounce',
    description:
      'A permanent bounce reaches the case of the message (Metadata.caseId, or Postmark’s record of MessageID), or the recent cases of the address; MessageID is passed on, so the case knows exactly which of its e-mails bounced.',
    body: { schema: postmarkBounceSchema, what: 'Postmark bounce payload', limit: 'bounceBody' },
    responses: {
      '200': jsonResponse('The cases told.', bounceResultSchema),
      '400': problem('Not a Postmark bounce payload.'),
      '401': problem('Wrong or missing basic-auth credentials.'),
      '413': problem('Larger than the bounce limit.'),
      '429': problem('Rate limited.'),
      '503': problem('Not configured, or Postmark or Temporal unreachable.'),
    },
    async handler({ ctx, res, body: bounce }) {
      res.status(200).json((await handleBounce(ctx, bounce)) satisfies BounceResult);
    },
  }),
];

/** Postmark's router (mounted at /webhooks/postmark): the rate limit and basic auth, then the routes. */
export function webhookRouter(ctx: AppContext): Router {
  return guardedRouter(
    ctx,
    (failures) => basicAuth(ctx.webhookCredentials, failures),
    webhookRoutes,
    '/webhooks/postmark',
  );
}

function header(mail: PostmarkInbound, name: string): string | undefined {
  return mail.Headers.find((h) => h.Name.toLowerCase() === name.toLowerCase())?.Value;
}

/** Why this e-mail must not become a message or a complaint, if it must not. */
function ignoreReason(ctx: AppContext, mail: PostmarkInbound, sender: string): string | undefined {
  const autoSubmitted = header(mail, 'Auto-Submitted');
  if (autoSubmitted && autoSubmitted.trim().toLowerCase() !== 'no') return 'auto-reply';
  if (header(mail, 'X-Autoreply') || header(mail, 'X-Autorespond')) return 'auto-reply';
  if (/^(bulk|junk|list|auto_reply)$/i.test(header(mail, 'Precedence')?.trim() ?? '')) return 'auto-reply';
  if (/^yes/i.test(header(mail, 'X-Spam-Status')?.trim() ?? '')) return 'spam';
  if (ctx.ownAddresses.includes(sender.toLowerCase())) return 'our-own-mail';
  return undefined;
}

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h[1-6])>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** The words of the e-mail, and a line naming its attachments (kept at Postmark, not copied). */
function mailText(mail: PostmarkInbound, reply: boolean, limit: number): string {
  const body = (
    (reply && mail.StrippedTextReply.trim()) ||
    mail.TextBody.trim() ||
    htmlToText(mail.HtmlBody)
  ).trim();
  const attachments = mail.Attachments.map(
    (a) => `${a.Name}${a.ContentLength !== undefined ? ` (${a.ContentLength} bytes)` : ''}`,
  );
  const note = attachments.length
    ? `\n\n[Attachments at Postmark, message ${mail.MessageID}: ${attachments.join(', ')}]`
    : '';
  return clip(body, limit - note.length) + note;
}

/**
 * The sender's Date header as information (not trusted for any clock), or undefined. A field of its
 * own: mixed into the customer's words it read as theirs, and in English on every reader's page.
 */
function senderDate(mail: PostmarkInbound): string | undefined {
  const date = mail.Date?.replace(/[\r\n]+/g, ' ').trim();
  return date ? clip(date, 300) : undefined;
}

/** The first value that is not blank. */
function firstNonBlank(...values: (string | undefined)[]): string | undefined {
  return values.map((v) => v?.trim()).find((v) => !!v);
}

/** The sender's address: From, else Reply-To, whichever is a usable e-mail address. */
function senderAddress(mail: PostmarkInbound): string {
  const candidates = [mail.FromFull?.Email, mail.From, mail.ReplyTo]
    .map((v) => (v ?? '').trim())
    .map((v) => /<([^>]+)>\s*$/.exec(v)?.[1]?.trim() ?? v)
    .filter((v) => v !== '');
  return candidates.find((v) => emailSchema.safeParse(v).success) ?? candidates[0] ?? '';
}

/** The case a MailboxHash leads to (infra/store/reply-addresses.ts), or undefined: a new complaint. */
async function replyRouteOf(ctx: AppContext, hash: string): Promise<ReplyRoute | undefined> {
  // Without the store a reply cannot be placed: 503, and Postmark delivers it again later.
  if (!ctx.store) throw problems.unavailable('Replies need the case store.');
  return replyRoute(ctx.store, hash, (h) => complaintIdSchema.safeParse(h).success).catch((err: unknown) => {
    ctx.log('looking up a reply address in the case store failed', err);
    throw problems.unavailable('The case store is not reachable; Postmark will deliver the e-mail again.');
  });
}

/** A first guess at the customer's language from the letters they use; the owner can tell better. */
export function guessLanguage(text: string, fallback: Language): Language {
  if (/[\u0590-\u05FF]/.test(text)) return 'he';
  if (/[ąćęłńśźż]/i.test(text)) return 'pl';
  if (/[õ]/i.test(text) || /\b(tere|aitäh|kaebus)\b/i.test(text)) return 'et';
  if (/[å]/i.test(text) || /\b(hej|tack|klagomål)\b/i.test(text)) return 'sv';
  return fallback;
}

async function handleInbound(ctx: AppContext, mail: PostmarkInbound): Promise<InboundResult> {
  const sender = senderAddress(mail);
  const ignored = ignoreReason(ctx, mail, sender);
  if (ignored) return { result: 'ignored', reason: ignored };

  const hash = mail.MailboxHash.trim();
  let previous: { reference?: string; language?: string } | undefined;
  // A reply finds its case by the token in the address it was sent to (a case id for e-mail sent
  // before tokens); the case takes it as the customer's only from their address (domain/lifecycle/
  // customer.ts), anything else is held for the owner as unverified.
  const route = hash ? await replyRouteOf(ctx, hash) : undefined;
  if (route) {
    // A reply to an erased case is taken (200, so Postmark stops retrying) and dropped: its
    // customer's data is gone (nothing could be encrypted for it), and a new case would bring it back.
    if (await ctx.cases.erasure(route.complaintId)) {
      ctx.log(
        `inbound e-mail ${mail.MessageID.slice(0, 200)} for the erased case ${route.complaintId} dropped`,
      );
      return { result: 'ignored', reason: 'the case was erased' };
    }
    const text = mailText(mail, true, MESSAGE_LIMIT);
    const delivered = await ctx.cases.signal(route.complaintId, customerMessageSignal, {
      text,
      via: 'email',
      // Received now, when Postmark delivered it (the Date header is the sender's say-so).
      receivedAt: new Date().toISOString(),
      // Postmark retries deliveries: the workflow ignores a MessageID it has seen.
      messageId: `postmark-${mail.MessageID}`,
      from: sender.toLowerCase(),
      address: route.address,
    });
    if (delivered) return { result: 'customer-message', complaintId: route.complaintId };
    // A reply to a closed (or unknown) case is a new complaint; keep the language we knew.
    try {
      previous = (await ctx.cases.status(route.complaintId)).memo;
    } catch (err) {
      if (!(err instanceof ApiProblem || err instanceof WorkflowNotFoundError)) throw err;
    }
  }

  const { policy } = snapshotOrThrow(ctx);
  const knownLanguage = languages.find((l) => l === previous?.language);
  const sent = senderDate(mail);
  const description = mailText(mail, false, DESCRIPTION_LIMIT) || '(The e-mail had no text.)';
  const name = firstNonBlank(mail.FromFull?.Name, mail.FromName, sender.split('@')[0]) ?? 'Customer';
  const subject = mail.Subject.trim() || '(no subject)';
  const request = intakeRequestSchema.safeParse({
    customer: {
      name: clip(name, 200),
      email: sender,
      language: knownLanguage ?? guessLanguage(`${subject}\n${description}`, policy.languages[0] ?? 'en'),
    },
    channel: 'email',
    subject: clip(previous?.reference ? `${subject} (after ${previous.reference})` : subject, 300),
    description,
    // No receivedAt: the case is received when it starts (now), whatever the Date header says.
    externalId: `postmark:${mail.MessageID}`.slice(0, 200),
    ...(sent ? { senderDate: sent } : {}),
  });
  // Nothing we could open a case with (no usable sender address): answering 200 stops Postmark
  // retrying, and the log keeps the MessageID so the mail can be found at Postmark.
  if (!request.success) {
    ctx.log(
      `inbound e-mail ${mail.MessageID.slice(0, 200)} not taken: ${request.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
    return { result: 'ignored', reason: 'no usable sender or content' };
  }
  const started = await startComplaint(intakeDeps(ctx), request.data).catch((err: unknown) => {
    if (err instanceof ApiProblem) throw err;
    ctx.log('starting a complaint from inbound e-mail failed', err);
    // 503: Postmark retries later, which is what we want.
    throw problems.unavailable('The complaint could not be started right now.');
  });
  return {
    result: 'new-complaint',
    complaintId: started.complaintId,
    reference: started.reference,
    created: started.created,
  };
}

async function casesOfBounce(ctx: AppContext, bounce: PostmarkBounce): Promise<string[]> {
  const fromMetadata = bounce.Metadata?.caseId;
  if (fromMetadata && complaintIdSchema.safeParse(fromMetadata).success) return [fromMetadata];
  if (!ctx.postmark) return [];
  // Our sends carry the case in Metadata: ask Postmark for the bounced message, then for recent mail to the address.
  try {
    if (bounce.MessageID) {
      const details = await ctx.postmark.getOutboundMessageDetails(bounce.MessageID);
      const id = details.Metadata?.caseId;
      if (id && complaintIdSchema.safeParse(id).success) return [id];
    }
  } catch {
    // Not found, or Postmark unreachable: fall back to the recipient.
  }
  try {
    const recent = await ctx.postmark.getOutboundMessages({ recipient: bounce.Email, count: 50, offset: 0 });
    const ids = recent.Messages.filter((m) => m.Metadata?.audience !== 'staff')
      .map((m) => m.Metadata?.caseId)
      .filter((id): id is string => !!id && complaintIdSchema.safeParse(id).success);
    return [...new Set(ids)].slice(0, 10);
  } catch (err) {
    ctx.log('looking up a bounced message at Postmark failed', err);
    throw problems.unavailable('Postmark could not be asked which case the bounce belongs to; retry later.');
  }
}

async function handleBounce(ctx: AppContext, bounce: PostmarkBounce): Promise<BounceResult> {
  if (!bounce.Inactive && !permanentBounceTypes.has(bounce.Type))
    return { matched: [], ignored: `transient (${bounce.Type})` };
  const matched: string[] = [];
  for (const caseId of await casesOfBounce(ctx, bounce)) {
    const delivered = await ctx.cases.signal(caseId, bounceSignal, {
      email: bounce.Email,
      // The case matches it to the exact e-mail that bounced (its delivery records Postmark's MessageID).
      ...(bounce.MessageID ? { messageId: bounce.MessageID } : {}),
      type: bounce.Type,
      inactive: bounce.Inactive,
      ...(bounce.Description ? { description: bounce.Description.slice(0, 500) } : {}),
    });
    if (delivered) matched.push(caseId);
  }
  return matched.length ? { matched } : { matched, ignored: 'no open case for this address' };
}
