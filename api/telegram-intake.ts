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
// A message in a group is answered in public only briefly (thanks, and a link to a private chat
// with the bot); its author's /start with that link opens the complaint in private with the words
// they wrote in the group. A bot may not write to a person first, so the link is the way to private
// (docs/telegram.md, "Public replies"). A bare /start gets the welcome, not a case.
import crypto from 'node:crypto';
import { ApiProblem, problems } from './problems';
import type { AppContext } from './context';
import type { TelegramReceipt } from './telegram-schemas';
import { complaintIdFor, startComplaint, type IntakeRequest } from './intake';
import { intakeDeps, snapshotOrThrow } from './policy-snapshot';
import { PUBLIC_MESSAGE_WAIT_MS } from '../domain/channels';
import { guessLanguage } from '../domain/language';
import { chatWords } from '../domain/messages';
import type { ChatWords } from '../domain/messages/i18n/pack';
import type { Language } from '../domain/types';
import type { MessengerFile } from '../domain/case';
import { recordTelegramMessage, type ReceivedTelegramMessage } from '../infra/store/telegram-messages';
import {
  awaitingPrivateChat,
  chatCase,
  claimChat,
  markTelegramSend,
  messageAwaitsPrivateChat,
  messageHandedOver,
  telegramSend,
  waitingFromAuthor,
} from '../infra/store/telegram-cases';
import { TelegramError, type SendMessageInput } from '../infra/telegram';
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
function textOf(m: ReceivedTelegramMessage, words: ChatWords): string {
  const files = m.files.map((f) => (f.role === 'photo' ? words.photo : words.document(f.fileName)));
  const unsupported = m.kind === 'unsupported' ? [words.unsupported(m.unsupported ?? 'message')] : [];
  return [m.text.trim(), ...files, ...unsupported].filter(Boolean).join(' ') || words.empty;
}

type HandedOver = {
  state: 'opened-case' | 'with-case' | 'not-taken' | 'public-acknowledged' | 'welcomed';
  complaintId?: string;
};

async function handOver(ctx: AppContext, m: ReceivedTelegramMessage): Promise<HandedOver> {
  const store = ctx.telegram!.store;
  if (m.chat.type !== 'private') return answerInPublic(ctx, m);
  const start = /^\/start(?:@\w+)?(?:\s+(\S+))?\s*$/.exec(m.text.trim());
  if (start && m.files.length === 0) {
    const groupUpdate = start[1] ? startLinkUpdate(ctx, m.botId, start[1]) : undefined;
    const words =
      groupUpdate === undefined
        ? undefined
        : ((await awaitingPrivateChat(
            store,
            m.botId,
            groupUpdate,
            new Date(Date.now() - PUBLIC_MESSAGE_WAIT_MS),
          )) as ReceivedTelegramMessage | undefined);
    // Only the group message's author continues it: the link is public, their Telegram id is not
    // (in a private chat the chat's id is the person's id).
    if (words?.from && words.from.id === m.from?.id) {
      const opened = await toChatCase(ctx, m, words);
      // What else they wrote in the group meanwhile (answered once in public) comes with it, in order.
      const since = new Date(Date.now() - PUBLIC_MESSAGE_WAIT_MS);
      for (const more of (await waitingFromAuthor(
        store,
        m.botId,
        words.chat.id,
        words.from.id,
        since,
      )) as ReceivedTelegramMessage[])
        if (more.updateId !== words.updateId) await toChatCase(ctx, m, more, false);
      return opened;
    }
    const caseId = await chatCase(store, m.botId, m.chat.id);
    if (caseId === undefined) {
      await sendOnce(ctx, `welcome:${m.botId}:${m.updateId}`, {
        chatId: m.chat.id,
        text: chatWords(languageOf(ctx, m)).welcome,
      });
      await messageHandedOver(store, m.botId, m.updateId, 'welcomed', undefined, undefined, new Date());
      return { state: 'welcomed' };
    }
    // The chat has its case: /start changes nothing in it, but the customer hears which case is open
    // and who handles it. A case that has closed: the welcome (their next message opens a new one).
    const open = await ctx.cases.view(caseId).catch((err: unknown) => {
      if (err instanceof ApiProblem && (err.status === 404 || err.status === 410)) return undefined;
      throw err;
    });
    await sendOnce(ctx, `start:${m.botId}:${m.updateId}`, {
      chatId: m.chat.id,
      text:
        open && open.stage !== 'closed'
          ? chatWords(open.customer.language).openCase(open.reference, open.owner.name)
          : chatWords(languageOf(ctx, m)).welcome,
    });
    await messageHandedOver(store, m.botId, m.updateId, 'not-taken', caseId, undefined, new Date());
    return { state: 'not-taken', complaintId: caseId };
  }
  return toChatCase(ctx, m, m);
}

/**
 * Gives the customer's words to the case of `m`'s private chat, opening it when the chat has none:
 * `words` is `m` itself, or the message its author wrote in a group before coming here.
 */
async function toChatCase(
  ctx: AppContext,
  m: ReceivedTelegramMessage,
  words: ReceivedTelegramMessage,
  /** Whether `m` (the /start) is marked with the case too: once, for the words that came with it. */
  markStart = true,
): Promise<HandedOver> {
  const store = ctx.telegram!.store;
  const now = new Date();
  const text = textOf(words, chatWords(languageOf(ctx, words)));
  const handedOver = async (state: 'opened-case' | 'with-case', caseId: string) => {
    await messageHandedOver(store, words.botId, words.updateId, state, caseId, words.files, now);
    if (words !== m && markStart)
      await messageHandedOver(store, m.botId, m.updateId, state, caseId, undefined, now);
  };
  // The id this update would open a case with: a redelivery computes the same one.
  const request = intakeOf(ctx, words, text, m.chat.id);
  const ownId = complaintIdFor(request, undefined, undefined, ctx.externalIdKey);
  let caseId = await chatCase(store, m.botId, m.chat.id);
  if (caseId === undefined) caseId = await claimChat(store, m.botId, m.chat.id, ownId, now);
  if (caseId !== ownId) {
    const delivered = await signalWords(ctx, caseId, words, text, now);
    if (delivered) {
      await handedOver('with-case', caseId);
      return { state: 'with-case', complaintId: caseId };
    }
    // The chat's case has completed (or was never started by a delivery that failed): a new case.
    caseId = await claimChat(store, m.botId, m.chat.id, ownId, now, caseId);
    if (caseId !== ownId) throw problems.unavailable('Another message of the chat is opening its case.');
  }
  const started = await startComplaint(intakeDeps(ctx), request);
  await handedOver('opened-case', started.complaintId);
  return { state: 'opened-case', complaintId: started.complaintId };
}

/**
 * Gives a message to a case as the customer's (its id is the update's: the case takes each once).
 * False: the case has completed.
 */
function signalWords(
  ctx: AppContext,
  caseId: string,
  words: ReceivedTelegramMessage,
  text: string,
  now: Date,
): Promise<boolean> {
  return ctx.cases.signal(caseId, customerMessageSignal, {
    text,
    via: 'telegram',
    receivedAt: now.toISOString(),
    messageId: `telegram-${words.botId}-${words.updateId}`,
    ...(words.files.length ? { files: filesOf(words) } : {}),
  });
}

/**
 * A complaint written in a group: a short answer under it in public (thanks, and the link to a
 * private chat), nothing personal asked or told there. The message keeps its words until its
 * author follows the link (or PUBLIC_MESSAGE_WAIT_MS passes). Without a sender (a channel post, an
 * anonymous admin) there is nobody to invite: not taken.
 */
async function answerInPublic(ctx: AppContext, m: ReceivedTelegramMessage): Promise<HandedOver> {
  const tg = ctx.telegram!;
  const now = new Date();
  if (!m.from || !tg.client) {
    await messageHandedOver(tg.store, m.botId, m.updateId, 'not-taken', undefined, undefined, now);
    return { state: 'not-taken' };
  }
  // One public answer per person. Someone whose complaint is open in their private chat (its id is
  // theirs) has their later group words added to it; someone invited before and not yet come is not
  // invited again: their words wait with the first and come with it when they follow the link.
  const ownCase = await chatCase(tg.store, m.botId, m.from.id);
  if (ownCase !== undefined) {
    const delivered = await signalWords(ctx, ownCase, m, textOf(m, chatWords(languageOf(ctx, m))), now);
    if (delivered) {
      await messageHandedOver(tg.store, m.botId, m.updateId, 'with-case', ownCase, m.files, now);
      return { state: 'with-case', complaintId: ownCase };
    }
  }
  const since = new Date(now.getTime() - PUBLIC_MESSAGE_WAIT_MS);
  if ((await waitingFromAuthor(tg.store, m.botId, m.chat.id, m.from.id, since)).length) {
    await messageAwaitsPrivateChat(tg.store, m.botId, m.updateId, now);
    return { state: 'public-acknowledged' };
  }
  tg.username ??= (await tg.client.getMe()).username;
  const link = `https://t.me/${tg.username}?start=${startLink(ctx, m.botId, m.updateId)}`;
  const text = chatWords(languageOf(ctx, m)).publicAcknowledgement(m.from.firstName, link);
  try {
    await sendOnce(ctx, `public-acknowledgement:${m.botId}:${m.updateId}`, {
      chatId: m.chat.id,
      text,
      replyToMessageId: m.messageId,
    });
  } catch (err) {
    // Removed from the group, or the group refuses the bot's messages: nobody there to answer.
    if (!(err instanceof TelegramError) || err.kind !== 'chat-unreachable') throw err;
    await messageHandedOver(tg.store, m.botId, m.updateId, 'not-taken', undefined, undefined, now);
    return { state: 'not-taken' };
  }
  await messageAwaitsPrivateChat(tg.store, m.botId, m.updateId, now);
  return { state: 'public-acknowledged' };
}

/** The /start parameter of a group message's link: its update id and a MAC (Telegram allows 64 of [A-Za-z0-9_-]). */
function startLink(ctx: AppContext, botId: number, updateId: number): string {
  return `g${updateId}_${startMac(ctx, botId, updateId)}`;
}

function startMac(ctx: AppContext, botId: number, updateId: number): string {
  return crypto
    .createHmac('sha256', ctx.externalIdKey)
    .update(`telegram-start:${botId}:${updateId}`)
    .digest('base64url')
    .slice(0, 22);
}

/** The group message a /start parameter names, when the parameter is one of ours. */
function startLinkUpdate(ctx: AppContext, botId: number, param: string): number | undefined {
  const match = /^g(\d{1,15})_([A-Za-z0-9_-]{22})$/.exec(param);
  if (!match) return undefined;
  const updateId = Number(match[1]);
  const expected = Buffer.from(startMac(ctx, botId, updateId));
  const given = Buffer.from(match[2]);
  return crypto.timingSafeEqual(expected, given) ? updateId : undefined;
}

/**
 * Sends a message the API itself answers with (outside any case), once: the send ledger that the
 * worker's sends use (sendMessage has no idempotency key) keeps a redelivered update from sending it again.
 */
async function sendOnce(ctx: AppContext, key: string, input: SendMessageInput): Promise<void> {
  const tg = ctx.telegram!;
  if (!tg.client) throw problems.unavailable('The Telegram webhook cannot send messages (no bot client).');
  if ((await telegramSend(tg.store, key))?.status === 'sent') return;
  const scope = `telegram-chat:${input.chatId}`;
  await markTelegramSend(tg.store, key, scope, 'sending');
  const sent = await tg.client.sendMessage(input);
  await markTelegramSend(tg.store, key, scope, 'sent', sent.message_id);
}

function languageOf(ctx: AppContext, m: ReceivedTelegramMessage): Language {
  const fallback: Language = snapshotOrThrow(ctx).policy.languages[0] ?? 'en';
  return guessLanguage(m.text, m.from?.languageCode, fallback);
}

/** The complaint a chat's first message opens: the customer named as Telegram names them, in the language of their words. */
function intakeOf(ctx: AppContext, m: ReceivedTelegramMessage, text: string, chatId: number): IntakeRequest {
  const name = [m.from?.firstName, m.from?.lastName].filter(Boolean).join(' ').trim() || 'Telegram customer';
  const firstLine = text.split('\n')[0].trim();
  return {
    customer: {
      name: name.slice(0, 200),
      language: languageOf(ctx, m),
      telegram: { botId: m.botId, chatId },
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
