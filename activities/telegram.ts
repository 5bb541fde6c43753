// The activity that tells a Telegram customer something in their chat (issue #20): the message the
// e-mail would carry, rendered as plain text in the customer's language with the status link.
// Telegram's sendMessage has no idempotency key, so a ledger in the case store (telegram_sends)
// keeps a retry from sending twice. Failures are classified for the workflow:
//   TelegramChatUnreachable  403, the customer blocked the bot: non-retryable; the case falls back
//                            to e-mail or a task (domain/lifecycle/outbox.ts).
//   TelegramRateLimited      429: retried after Telegram's retry_after (nextRetryDelay).
//   TelegramTokenRevoked     401: non-retryable, and the channel's health turns 'token-revoked'
//                            (/ops/summary); the outbox pauses and tries again later.
//   TelegramRejected         another 4xx for this message: non-retryable, a task for a person.
//   TelegramUnavailable      5xx or no answer: retried with backoff.
import { ApplicationFailure, log } from '@temporalio/activity';
import { TelegramError, type TelegramClient } from '../infra/telegram';
import { cleanFileName, sniffType } from '../infra/upload-check';
import type { Store } from '../infra/store/db';
import type { AttachmentStore } from '../infra/attachments';
import type { MessengerFile } from '../domain/case';
import { markTelegramSend, recordChannelHealth, telegramSend } from '../infra/store/telegram-cases';
import { TELEGRAM_CHAT_UNREACHABLE, TELEGRAM_TOKEN_REVOKED } from '../domain/lifecycle/outbox';
import type { SendResult } from './types';

export interface TelegramSendInput {
  caseId: string;
  idempotencyKey: string;
  purpose?: string;
  chatId: number;
  /** Rendered plain text, the status link included. */
  text: string;
}

export interface MessengerFilesInput {
  caseId: string;
  /** The case's workflow id: its data key seals the files. */
  workflowId: string;
  files: MessengerFile[];
}

export interface MessengerFilesResult {
  attachments: { id: string; name: string; type: string; size: number }[];
  /** Files that cannot be fetched (too large, expired) or are refused (their type): named without personal data. */
  failed?: string;
}

export interface TelegramActivityDeps {
  client: TelegramClient;
  /** Where fetched files are sealed (the same store as the public form's); absent: files are not fetched. */
  attachments?: AttachmentStore;
  /** The ledger and the channel's health; absent (workflow tests): at-least-once, no health. */
  store?: Store;
}

/** Telegram's 4096 characters: a longer text keeps its end (the status link) and loses the middle. */
/** Telegram's limit for one message's text (the Bot API's sendMessage). */
const TELEGRAM_TEXT_LIMIT = 4096;

export function fitTelegram(text: string, limit = TELEGRAM_TEXT_LIMIT): string {
  if (text.length <= limit) return text;
  const tail = text.slice(-600);
  return `${text.slice(0, limit - tail.length - 2)}…\n${tail}`;
}

export function toTelegramFailure(err: unknown, what: string): unknown {
  if (!(err instanceof TelegramError)) return err;
  const message = `${what}: ${err.message}`;
  const details = [{ status: err.details.status, kind: err.kind }];
  switch (err.kind) {
    case 'chat-unreachable':
      return ApplicationFailure.create({
        message,
        type: TELEGRAM_CHAT_UNREACHABLE,
        nonRetryable: true,
        details,
      });
    case 'token-revoked':
      return ApplicationFailure.create({
        message,
        type: TELEGRAM_TOKEN_REVOKED,
        nonRetryable: true,
        details,
      });
    case 'rate-limited':
      return ApplicationFailure.create({
        message,
        type: 'TelegramRateLimited',
        details,
        // Telegram's flood control says when: the retry waits exactly that, not the backoff.
        nextRetryDelay: `${Math.max(1, err.retryAfterSeconds ?? 5)}s`,
      });
    case 'rejected':
    case 'too-large':
      return ApplicationFailure.create({ message, type: 'TelegramRejected', nonRetryable: true, details });
    default:
      return ApplicationFailure.create({ message, type: 'TelegramUnavailable', details });
  }
}

export function createTelegramActivities(deps: TelegramActivityDeps) {
  // 'ok' is written at most once a minute per worker, not at every send; not for good: another worker
  // may have recorded the token revoked since, and only a send that works puts the channel right.
  let okWrittenAt = -Infinity;
  async function health(state: 'ok' | 'token-revoked', detail?: string): Promise<void> {
    if (!deps.store || (state === 'ok' && Date.now() - okWrittenAt < 60_000)) return;
    await recordChannelHealth(deps.store, 'telegram', state, detail).catch((err: unknown) => {
      log.warn('could not record the Telegram channel’s health', { error: String(err) });
    });
    okWrittenAt = state === 'ok' ? Date.now() : -Infinity;
  }

  async function sendTelegram(input: TelegramSendInput): Promise<SendResult> {
    const key = input.idempotencyKey;
    const what = `the ${input.purpose ?? 'customer'} Telegram message`;
    const earlier = deps.store ? await telegramSend(deps.store, key) : undefined;
    if (earlier?.status === 'sent')
      return { messageId: `telegram-${earlier.messageId ?? 0}`, status: 'already-sent' };
    if (deps.store) await markTelegramSend(deps.store, key, input.caseId, 'sending');
    try {
      const sent = await deps.client.sendMessage({
        chatId: input.chatId,
        text: fitTelegram(input.text),
        disableLinkPreview: true,
      });
      if (deps.store) await markTelegramSend(deps.store, key, input.caseId, 'sent', sent.message_id);
      await health('ok');
      log.info('Telegram message sent', { idempotencyKey: key, messageId: sent.message_id });
      return { messageId: `telegram-${sent.message_id}`, status: 'sent' };
    } catch (err) {
      if (err instanceof TelegramError) {
        if (err.kind === 'token-revoked') await health('token-revoked', err.message);
        if (deps.store && !err.retryable)
          await markTelegramSend(deps.store, key, input.caseId, 'refused', undefined, err.message).catch(
            () => undefined,
          );
      }
      throw toTelegramFailure(err, what);
    }
  }

  /**
   * The files of a customer's message, fetched with getFile and sealed with the case key as
   * attachments (idempotent: the store keys a file by its content). A file Telegram will never give
   * (too large, refused) or of a type not accepted is reported, not retried; a revoked token fails
   * like a send.
   */
  async function fetchMessengerFiles(input: MessengerFilesInput): Promise<MessengerFilesResult> {
    const store = deps.attachments;
    if (!store) return { attachments: [], failed: 'this worker keeps no attachments' };
    const attachments: MessengerFilesResult['attachments'] = [];
    const failed: string[] = [];
    for (const [i, f] of input.files.entries()) {
      try {
        const file = await deps.client.getFile(f.fileId);
        const data = await deps.client.downloadFile(file);
        // A document's name and type are what the sender's client declared (an HTML page as image/png,
        // a right-to-left override in "invoice\u202Egnp.exe"): the case keeps what the content is,
        // from the allow-list, and a visible name, as the public form does (infra/upload-check.ts).
        const type = sniffType(data);
        if (!type) {
          failed.push(`${f.role} ${i + 1}: of a type not accepted (images, PDF and text only)`);
          continue;
        }
        const name = cleanFileName(f.fileName ?? `telegram-${f.role}-${i + 1}`, type);
        const meta = await store.put(input.workflowId, { name, type, data });
        attachments.push({ id: meta.id, name: meta.name, type: meta.type, size: meta.size });
      } catch (err) {
        if (err instanceof TelegramError && (err.kind === 'too-large' || err.kind === 'rejected')) {
          failed.push(`${f.role} ${i + 1}: ${err.kind}`);
          continue;
        }
        if (err instanceof TelegramError && err.kind === 'token-revoked')
          await health('token-revoked', err.message);
        throw toTelegramFailure(err, `the customer's ${f.role}`);
      }
    }
    return { attachments, ...(failed.length ? { failed: failed.join('; ') } : {}) };
  }

  return { sendTelegram, fetchMessengerFiles };
}
