// THE SEAM between the Telegram webhook and the cases. The webhook (api/telegram/routes.ts) checks
// the secret, validates the update and hands every message it accepts to receiveTelegramMessage,
// exactly once per delivery, and answers Telegram with what this returns.
//
// It stores the message durably (telegram_messages, state 'received'), de-duplicated by (bot,
// update_id) across every API, then hands it to its chat's case (issue #20):
//   - the first message of a private chat opens a complaint (its id keyed from the bot and the
//     update id, so a redelivery finds the same case; the chat is claimed for it in telegram_chats,
//     so two first messages at once open one case); later messages are signalled to the chat's case
//     as the customer's (the workflow ignores an update id it has seen); a chat whose case has
//     completed opens a new one;
//   - then the row moves on ('opened-case', 'with-case') and its personal content is cleared;
//   - a repeat while the row is still 'received' tries the hand-over again (Telegram's retry);
//   - when the hand-over cannot be done now (Temporal or the store down), the row stays 'received'
//     and the answer is 503, so Telegram delivers again. Nothing is lost either way.
// Group chats are not taken as complaints: Telegram is answered in private chats only
// (docs/telegram.md, "Public replies").
import { ApiProblem, problems } from './problems';
import type { AppContext } from './context';
import type { TelegramReceipt } from './telegram-schemas';
import { complaintIdFor, startComplaint, type IntakeRequest } from './intake';
import { snapshotOrThrow } from './policy-snapshot';
import { guessLanguage } from '../domain/language';
import type { Language } from '../domain/types';
import type { MessengerFile } from '../domain/case';
import { recordTelegramMessage, type ReceivedTelegramMessage } from '../infra/store/telegram-messages';
import { chatCase, claimChat, messageHandedOver } from '../infra/store/telegram-cases';
import { customerMessageSignal } from '../workflows/definitions';

export async function receiveTelegramMessage(
  ctx: AppContext,
  message: ReceivedTelegramMessage,
): Promise<TelegramReceipt> {
  const telegram = ctx.telegram;
  if (!telegram) throw problems.unavailable('The Telegram webhook has no store configured.');
  const recorded = await recordTelegramMessage(telegram.store, message, new Date()).catch((err: unknown) => {
    ctx.log(`storing Telegram update ${message.updateId} failed`, err);
    // Telegram delivers again on anything but 2xx: nothing is lost while the store is away.
    throw problems.unavailable('The message could not be stored right now; Telegram will deliver it again.');
  });
  const result = recorded.inserted ? 'stored' : 'repeat';
  if (recorded.state !== 'received' || telegram.handOver === false)
    return { result, updateId: message.updateId, state: recorded.state };
  const handed = await handOver(ctx, message).catch((err: unknown) => {
    if (err instanceof ApiProblem && err.status < 500) throw err;
    ctx.log(`handing Telegram update ${message.updateId} to its case failed`, err);
    throw problems.unavailable(
      'The message is stored but could not reach its case now; Telegram will deliver it again.',
    );
  });
  return { result, updateId: message.updateId, state: handed.state, complaintId: handed.complaintId };
}

/** The text a case records for a message (a file without a caption, or a kind we do not take, still says so). */
function textOf(m: ReceivedTelegramMessage): string {
  const files = m.files.map((f) =>
    f.role === 'photo' ? '[photo]' : `[document${f.fileName ? ` ${f.fileName}` : ''}]`,
  );
  const unsupported = m.kind === 'unsupported' ? [`[${m.unsupported ?? 'unsupported message'}]`] : [];
  return [m.text.trim(), ...files, ...unsupported].filter(Boolean).join(' ') || '(an empty message)';
}

async function handOver(
  ctx: AppContext,
  m: ReceivedTelegramMessage,
): Promise<{ state: 'opened-case' | 'with-case' | 'not-taken'; complaintId?: string }> {
  const store = ctx.telegram!.store;
  const now = new Date();
  if (m.chat.type !== 'private') {
    // Public chats: not a complaint channel (docs/telegram.md); the row keeps no personal data.
    await messageHandedOver(store, m.botId, m.updateId, 'not-taken', undefined, undefined, now);
    return { state: 'not-taken' };
  }
  const text = textOf(m);
  const messageId = `telegram-${m.botId}-${m.updateId}`;
  // The id this update would open a case with: a redelivery computes the same one.
  const request = intakeOf(ctx, m, text);
  const ownId = complaintIdFor(request, undefined, undefined, ctx.externalIdKey);
  let caseId = await chatCase(store, m.botId, m.chat.id);
  if (caseId === undefined) caseId = await claimChat(store, m.botId, m.chat.id, ownId, now);
  if (caseId !== ownId) {
    const delivered = await ctx.cases.signal(caseId, customerMessageSignal, {
      text,
      via: 'telegram',
      receivedAt: now.toISOString(),
      messageId,
      ...(m.files.length ? { files: filesOf(m) } : {}),
    });
    if (delivered) {
      await messageHandedOver(store, m.botId, m.updateId, 'with-case', caseId, m.files, now);
      return { state: 'with-case', complaintId: caseId };
    }
    // The chat's case has completed (or was never started by a delivery that failed): a new case.
    caseId = await claimChat(store, m.botId, m.chat.id, ownId, now, caseId);
    if (caseId !== ownId) throw problems.unavailable('Another message of the chat is opening its case.');
  }
  const started = await startComplaint(
    {
      client: ctx.client,
      taskQueue: ctx.taskQueue,
      snapshot: () => snapshotOrThrow(ctx),
      historyEventLimit: ctx.historyEventLimit,
      owners: ctx.owners,
      externalIdKey: ctx.externalIdKey,
    },
    request,
  );
  await messageHandedOver(store, m.botId, m.updateId, 'opened-case', started.complaintId, m.files, now);
  return { state: 'opened-case', complaintId: started.complaintId };
}

/** The complaint a chat's first message opens: the customer named as Telegram names them, in the language of their words. */
function intakeOf(ctx: AppContext, m: ReceivedTelegramMessage, text: string): IntakeRequest {
  const { policy } = snapshotOrThrow(ctx);
  const fallback: Language = policy.languages[0] ?? 'en';
  const name = [m.from?.firstName, m.from?.lastName].filter(Boolean).join(' ').trim() || 'Telegram customer';
  const firstLine = text.split('\n')[0].trim();
  return {
    customer: {
      name: name.slice(0, 200),
      language: guessLanguage(text, m.from?.languageCode, fallback),
      telegram: { botId: m.botId, chatId: m.chat.id },
    },
    channel: 'telegram',
    subject: firstLine.length > 80 ? `${firstLine.slice(0, 77)}…` : firstLine,
    description: text.slice(0, 10_000),
    receivedAt: m.sentAt,
    externalId: `telegram:${m.botId}:${m.updateId}`,
    ...(m.files.length ? { files: filesOf(m) } : {}),
  };
}

/** What the case needs to fetch a message's files with getFile (the ids only: no content here). */
function filesOf(m: ReceivedTelegramMessage): MessengerFile[] {
  return m.files.map((f) => ({
    role: f.role,
    fileId: f.fileId,
    ...(f.fileName ? { fileName: f.fileName } : {}),
    ...(f.mimeType ? { mimeType: f.mimeType } : {}),
  }));
}
