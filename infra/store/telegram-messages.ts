// The Telegram messages the webhook took (migration 500): stored before the webhook answers 200, so
// a message Telegram delivered is never lost, and de-duplicated by (bot, update_id) for every API
// at once by the primary key.
import type { Store } from './db';

/** One file of a message, as Telegram described it (fetched later with getFile). */
export interface ReceivedTelegramFile {
  role: 'photo' | 'document';
  fileId: string;
  fileUniqueId: string;
  fileName?: string;
  mimeType?: string;
  fileSize?: number;
  width?: number;
  height?: number;
}

/** A message as the webhook accepted it: only what complaint-desk takes from Telegram's Update. */
export interface ReceivedTelegramMessage {
  botId: number;
  updateId: number;
  chat: { id: number; type: string; title?: string; username?: string };
  messageId: number;
  /** Telegram's date of the message (ISO 8601). */
  sentAt: string;
  /** The sender; absent for channel posts and anonymous group admins. */
  from?: { id: number; firstName: string; lastName?: string; username?: string; languageCode?: string };
  kind: 'text' | 'photo' | 'document' | 'unsupported';
  /** The text, or the caption of a photo or document ('' when there is none). */
  text: string;
  /** A photo's largest size, or the document. */
  files: ReceivedTelegramFile[];
  /** For kind 'unsupported': what the customer sent (sticker, voice, location…). */
  unsupported?: string;
}

export interface RecordedTelegramMessage {
  /** false: this update was stored before (a repeated delivery); nothing changed. */
  inserted: boolean;
  /** The row's processing state ('received' until the message is handed to its case). */
  state: string;
}

/** Stores the message once: a repeated update_id changes nothing and says which state it is in. */
export async function recordTelegramMessage(
  store: Store,
  message: ReceivedTelegramMessage,
  receivedAt: Date,
): Promise<RecordedTelegramMessage> {
  const inserted = await store.query(
    `INSERT INTO telegram_messages
       (bot_id, update_id, chat_id, chat_type, message_id, kind, sent_at, received_at,
        state, state_changed_at, message)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'received', $8, $9)
     ON CONFLICT (bot_id, update_id) DO NOTHING`,
    [
      message.botId,
      message.updateId,
      message.chat.id,
      message.chat.type,
      message.messageId,
      message.kind,
      message.sentAt,
      receivedAt,
      JSON.stringify(message),
    ],
  );
  if (inserted.rowCount === 1) return { inserted: true, state: 'received' };
  // A new statement: it sees the row even when a concurrent delivery committed it a moment ago.
  const { rows } = await store.query<{ state: string }>(
    'SELECT state FROM telegram_messages WHERE bot_id = $1 AND update_id = $2',
    [message.botId, message.updateId],
  );
  return { inserted: false, state: rows[0]?.state ?? 'received' };
}
