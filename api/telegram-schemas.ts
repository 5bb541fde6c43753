// The Telegram webhook's edge: the subset of Telegram's Update that complaint-desk accepts (a zod
// schema registered for the OpenAPI document), the answer, the mapping of an accepted update to the
// message we store, and the webhook's OpenAPI path. Like Postmark's payloads, Telegram's objects are
// loose: fields Telegram adds are ignored, never a 400.
import { z } from 'zod';
import { telegramMessageSchema, type TelegramMessage } from '../infra/telegram';
import type { ReceivedTelegramFile, ReceivedTelegramMessage } from '../infra/store/telegram-messages';
import { requestRegistry, responseRegistry } from './schemas';

export const telegramUpdateSchema = z
  .looseObject({
    update_id: z
      .number()
      .int()
      .min(0)
      .max(2 ** 53 - 1)
      .describe('The update’s id: increasing per bot; a repeated delivery carries the same one.'),
    message: telegramMessageSchema
      .optional()
      .describe('A new message to the bot (the only kind of update that is taken).'),
  })
  .superRefine((update, ctx) => {
    if (Object.keys(update).length === 1)
      ctx.addIssue({ code: 'custom', message: 'the update carries nothing besides its update_id', path: [] });
  })
  .register(requestRegistry, {
    id: 'TelegramUpdate',
    description:
      'Telegram’s Update (https://core.telegram.org/bots/api#update), the fields we read. Other kinds of update (edited messages, channel posts, chat member changes…) are answered 200 and ignored.',
  });
export type TelegramUpdate = z.output<typeof telegramUpdateSchema>;

export const telegramReceiptSchema = z
  .strictObject({
    result: z.enum(['stored', 'repeat', 'ignored']),
    updateId: z.number().int(),
    state: z.string().optional().describe('The stored message’s processing state.'),
    reason: z.string().optional().describe('Why an update was ignored.'),
    complaintId: z.string().optional().describe('The case the message opened or went to.'),
  })
  .register(responseRegistry, { id: 'TelegramReceipt' });
export type TelegramReceipt = z.output<typeof telegramReceiptSchema>;

/** Message contents we cannot take (yet): stored as 'unsupported', so the customer can be told. */
const unsupportedContents = [
  'animation',
  'audio',
  'contact',
  'dice',
  'game',
  'location',
  'paid_media',
  'poll',
  'sticker',
  'story',
  'venue',
  'video',
  'video_note',
  'voice',
] as const;

function filesOf(message: TelegramMessage): ReceivedTelegramFile[] {
  if (message.photo) {
    // Telegram sends every size it made; the largest (last) is the one worth keeping.
    const p = message.photo.reduce((a, b) => (b.width * b.height >= a.width * a.height ? b : a));
    return [
      {
        role: 'photo',
        fileId: p.file_id,
        fileUniqueId: p.file_unique_id,
        width: p.width,
        height: p.height,
        ...(p.file_size !== undefined ? { fileSize: p.file_size } : {}),
      },
    ];
  }
  if (message.document) {
    const d = message.document;
    return [
      {
        role: 'document',
        fileId: d.file_id,
        fileUniqueId: d.file_unique_id,
        ...(d.file_name !== undefined ? { fileName: d.file_name } : {}),
        ...(d.mime_type !== undefined ? { mimeType: d.mime_type } : {}),
        ...(d.file_size !== undefined ? { fileSize: d.file_size } : {}),
      },
    ];
  }
  return [];
}

/**
 * The message to store for an update, or why the update is not taken (an update without a message,
 * a service message such as "the bot was added to a group").
 */
export function receivedMessageOf(
  botId: number,
  update: TelegramUpdate,
): { message: ReceivedTelegramMessage } | { ignored: string } {
  const m = update.message;
  if (!m) {
    const kind = Object.keys(update).find((k) => k !== 'update_id') ?? 'unknown';
    return { ignored: `${kind} updates are not taken` };
  }
  const unsupported = unsupportedContents.find((k) => (m as Record<string, unknown>)[k] !== undefined);
  const kind = m.photo ? 'photo' : m.document ? 'document' : m.text !== undefined ? 'text' : undefined;
  if (!kind && !unsupported) return { ignored: 'a service message, not one a customer wrote' };
  return {
    message: {
      botId,
      updateId: update.update_id,
      chat: {
        id: m.chat.id,
        type: m.chat.type,
        ...(m.chat.title !== undefined ? { title: m.chat.title } : {}),
        ...(m.chat.username !== undefined ? { username: m.chat.username } : {}),
      },
      messageId: m.message_id,
      sentAt: new Date(m.date * 1000).toISOString(),
      ...(m.from
        ? {
            from: {
              id: m.from.id,
              firstName: m.from.first_name,
              ...(m.from.last_name !== undefined ? { lastName: m.from.last_name } : {}),
              ...(m.from.username !== undefined ? { username: m.from.username } : {}),
              ...(m.from.language_code !== undefined ? { languageCode: m.from.language_code } : {}),
            },
          }
        : {}),
      kind: kind ?? 'unsupported',
      text: m.text ?? m.caption ?? '',
      files: filesOf(m),
      ...(kind ? {} : { unsupported }),
    },
  };
}
