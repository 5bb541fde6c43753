// The one activity that sends e-mail. It always uses the official `postmark` client; only the host
// changes (real Postmark with POSTMARK_SERVER_TOKEN, the local sandbox otherwise). Activities run at
// least once and Postmark has no idempotency key, so a durable ledger makes repeated calls with the
// same idempotencyKey send at most one message.
import { ApplicationFailure, log } from '@temporalio/activity';
import { Errors, ServerClient } from 'postmark';
import type { Models } from 'postmark';
import { DEFAULT_SANDBOX_SERVER_TOKEN } from '../infra/sandbox-token';
import type { EmailLedger, EmailLedgerSendInfo } from './email-ledger';

export { createFileEmailLedger, FileEmailLedger } from './email-ledger';
export { pgEmailLedger } from './email-ledger-pg';
export type { EmailLedger, EmailLedgerEntry } from './email-ledger';

// ApplicationFailure types this activity throws. Workflows match on these strings (with
// `import type { EmailErrorType }` they can be checked at compile time without a value import).
/** The recipient bounced or complained earlier (Postmark 422 / ErrorCode 406). Not retryable. */
export const INACTIVE_RECIPIENT = 'InactiveRecipient';
/** Postmark refused the message as malformed, e.g. a bad address (422 / ErrorCode 300). Not retryable. */
export const INVALID_EMAIL_REQUEST = 'InvalidEmailRequest';
/** Missing or wrong server token (401): configuration, retrying will not help. Not retryable. */
export const POSTMARK_AUTHENTICATION = 'PostmarkAuthentication';
/** Any other 422 (unverified sender signature, account may not send, ...). Not retryable. */
export const POSTMARK_REJECTED = 'PostmarkRejected';
/** 429: too many requests. Retryable. */
export const POSTMARK_RATE_LIMITED = 'PostmarkRateLimited';
/** 5xx or another unexpected status. Retryable. */
export const POSTMARK_UNAVAILABLE = 'PostmarkUnavailable';
/** No HTTP answer at all (connection refused, DNS, timeout). Retryable. */
export const POSTMARK_UNREACHABLE = 'PostmarkUnreachable';

export const EMAIL_ERROR_TYPES = {
  INACTIVE_RECIPIENT,
  INVALID_EMAIL_REQUEST,
  POSTMARK_AUTHENTICATION,
  POSTMARK_REJECTED,
  POSTMARK_RATE_LIMITED,
  POSTMARK_UNAVAILABLE,
  POSTMARK_UNREACHABLE,
} as const;
export type EmailErrorType = (typeof EMAIL_ERROR_TYPES)[keyof typeof EMAIL_ERROR_TYPES];

/** The types thrown with nonRetryable set; a workflow's retry policy need not list them. */
export const NON_RETRYABLE_EMAIL_ERROR_TYPES: readonly EmailErrorType[] = [
  INACTIVE_RECIPIENT,
  INVALID_EMAIL_REQUEST,
  POSTMARK_AUTHENTICATION,
  POSTMARK_REJECTED,
];

export interface SendEmailInput {
  /** Unique per intended e-mail, stable across retries, e.g. `${caseId}:acknowledgement:1`. */
  idempotencyKey: string;
  caseId: string;
  to: string;
  /** Defaults to the activity's configured sender. */
  from?: string;
  replyTo?: string;
  subject: string;
  htmlBody: string;
  textBody: string;
  tag: string;
  /** Sent as Postmark Metadata alongside caseId and idempotencyKey (which always win). */
  metadata?: Record<string, string>;
  /** Default 'outbound', Postmark's transactional stream. */
  messageStream?: string;
}

export interface SendEmailResult {
  messageId: string;
  status: 'sent' | 'already-sent';
}

export interface EmailActivityDeps {
  postmark: ServerClient;
  ledger: EmailLedger;
  defaultFrom: string;
}

export interface PostmarkClientConfig {
  /** A real Postmark server token; when set, the client talks to api.postmarkapp.com. */
  serverToken?: string;
  /** Where the sandbox listens, e.g. http://127.0.0.1:3001; used when serverToken is not set. */
  sandboxUrl: string;
  /** Token sent to the sandbox; default DEFAULT_SANDBOX_SERVER_TOKEN, which the sandbox accepts by default. */
  sandboxToken?: string;
  /** Per-request timeout in seconds. Default 10: a search plus a send must fit in the activity's 30s. */
  timeoutSeconds?: number;
}

export function createPostmarkClient(config: PostmarkClientConfig): ServerClient {
  const timeout = config.timeoutSeconds ?? 10;
  if (config.serverToken) return new ServerClient(config.serverToken, { timeout });
  const url = new URL(config.sandboxUrl);
  // The client builds `${useHttps ? 'https' : 'http'}://${requestHost}${path}`.
  return new ServerClient(config.sandboxToken ?? DEFAULT_SANDBOX_SERVER_TOKEN, {
    useHttps: url.protocol === 'https:',
    requestHost: `${url.host}${url.pathname.replace(/\/+$/, '')}`,
    timeout,
  });
}

/**
 * Turns what the postmark client threw into the failure Temporal should see: permanent refusals
 * become non-retryable ApplicationFailures with a type the workflow can match, everything else
 * stays retryable so the retry policy backs off. Errors not from the client are returned unchanged.
 */
export function toActivityFailure(err: unknown): unknown {
  if (!(err instanceof Errors.PostmarkError)) return err;
  const { statusCode, code, message } = err;
  const details = { statusCode, errorCode: code };
  const fail = (type: EmailErrorType, nonRetryable: boolean, extra: Record<string, unknown> = {}) =>
    ApplicationFailure.create({
      message: `Postmark: ${message}`,
      type,
      nonRetryable,
      details: [{ ...details, ...extra }],
      cause: err,
    });

  if (statusCode === 401) return fail(POSTMARK_AUTHENTICATION, true);
  if (statusCode === 422) {
    if (code === Errors.ApiInputError.ERROR_CODES.inactiveRecipient) {
      const recipients = err instanceof Errors.InactiveRecipientsError ? err.recipients : [];
      return fail(INACTIVE_RECIPIENT, true, { recipients });
    }
    if (code === Errors.ApiInputError.ERROR_CODES.invalidEmailRequest) {
      return fail(INVALID_EMAIL_REQUEST, true);
    }
    return fail(POSTMARK_REJECTED, true);
  }
  if (statusCode === 429) return fail(POSTMARK_RATE_LIMITED, false);
  // statusCode 0: the client got no HTTP answer (refused, reset, timed out).
  if (statusCode === 0) return fail(POSTMARK_UNREACHABLE, false);
  return fail(POSTMARK_UNAVAILABLE, false);
}

/** True when Postmark definitely did not accept the message (so nothing can have been sent). */
function isDefiniteRefusal(err: unknown): boolean {
  return err instanceof Errors.PostmarkError && err.statusCode >= 400 && err.statusCode < 500;
}

const sameKey = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function buildMetadata(input: SendEmailInput): Record<string, string> {
  const extra = Object.entries(input.metadata ?? {}).filter(
    // Postmark refuses keys that differ only by case, so ours replace any look-alike.
    ([k]) => !sameKey(k, 'caseId') && !sameKey(k, 'idempotencyKey'),
  );
  return { ...Object.fromEntries(extra), caseId: input.caseId, idempotencyKey: input.idempotencyKey };
}

export function createEmailActivities(deps: EmailActivityDeps) {
  const { postmark, ledger, defaultFrom } = deps;

  /** A message Postmark already holds for this key: the trace of a send whose result was never recorded. */
  async function findAlreadySent(input: SendEmailInput): Promise<Models.OutboundMessage | undefined> {
    const found = await postmark.getOutboundMessages({
      count: 50,
      offset: 0,
      // Postmark searches one metadata field at a time; the key is the selective one.
      metadata_idempotencyKey: input.idempotencyKey,
    });
    return found.Messages.find(
      (m) => m.Metadata?.idempotencyKey === input.idempotencyKey && m.Metadata?.caseId === input.caseId,
    );
  }

  async function sendEmail(input: SendEmailInput): Promise<SendEmailResult> {
    if (!input.idempotencyKey?.trim() || !input.caseId?.trim()) {
      throw ApplicationFailure.nonRetryable(
        'sendEmail needs an idempotencyKey and a caseId',
        INVALID_EMAIL_REQUEST,
      );
    }
    const key = input.idempotencyKey;
    const info: EmailLedgerSendInfo = {
      caseId: input.caseId,
      to: input.to,
      tag: input.tag,
      subject: input.subject,
    };

    // One attempt per key at a time (on every worker, with the case store's ledger), held from the
    // read of the entry to the record of the outcome, so two overlapping attempts cannot both send.
    return ledger.withLock(key, async (locked) => {
      const entry = await locked.get(key);
      if (entry?.status === 'sent' && entry.messageId) {
        log.info('e-mail already sent', { idempotencyKey: key, messageId: entry.messageId });
        return { messageId: entry.messageId, status: 'already-sent' as const };
      }
      if (entry) {
        // An earlier attempt started and its outcome was not recorded: ask Postmark before sending.
        let found: Models.OutboundMessage | undefined;
        try {
          found = await findAlreadySent(input);
        } catch (err) {
          throw toActivityFailure(err);
        }
        if (found) {
          await locked.markSent(key, found.MessageID, info);
          log.info('e-mail found at Postmark, recorded as sent', {
            idempotencyKey: key,
            messageId: found.MessageID,
          });
          return { messageId: found.MessageID, status: 'already-sent' as const };
        }
      }

      await locked.markSending(key, info);
      const message: Models.Message = {
        From: input.from ?? defaultFrom,
        To: input.to,
        Subject: input.subject,
        HtmlBody: input.htmlBody,
        TextBody: input.textBody,
        Tag: input.tag,
        Metadata: buildMetadata(input),
        MessageStream: input.messageStream ?? 'outbound',
        ...(input.replyTo ? { ReplyTo: input.replyTo } : {}),
      };
      let response: Models.MessageSendingResponse;
      try {
        response = await postmark.sendEmail(message);
      } catch (err) {
        if (isDefiniteRefusal(err)) {
          // Recorded for people reading the ledger; a failure to record is harmless ("sending" is safe).
          await locked.markRejected(key, (err as Error).message, info).catch(() => undefined);
        }
        throw toActivityFailure(err);
      }
      await locked.markSent(key, response.MessageID, info);
      log.info('e-mail sent', { idempotencyKey: key, messageId: response.MessageID, tag: input.tag });
      return { messageId: response.MessageID, status: 'sent' as const };
    });
  }

  return { sendEmail };
}

export type EmailActivities = ReturnType<typeof createEmailActivities>;
