// Telegram chats and their cases, the bot's send ledger and the channel's health (migration 550).
// Every API and worker shares them through the case store; each statement is safe to repeat.
import type { Store } from './db';

/** The case a chat's messages go to, or undefined when the chat has none yet. */
export async function chatCase(store: Store, botId: number, chatId: number): Promise<string | undefined> {
  const { rows } = await store.query<{ complaint_id: string }>(
    'SELECT complaint_id FROM telegram_chats WHERE bot_id = $1 AND chat_id = $2',
    [botId, chatId],
  );
  return rows[0]?.complaint_id;
}

/**
 * Claims the chat for `complaintId` when it has no case, or when its case is `replacing` (that case
 * completed: the chat's next message opens a new one). Returns the chat's case after the claim —
 * `complaintId` when the claim won, another when a concurrent message claimed it first.
 */
export async function claimChat(
  store: Store,
  botId: number,
  chatId: number,
  complaintId: string,
  at: Date,
  replacing?: string,
): Promise<string> {
  if (replacing)
    await store.query(
      `UPDATE telegram_chats SET complaint_id = $3, opened_at = $4
        WHERE bot_id = $1 AND chat_id = $2 AND complaint_id = $5`,
      [botId, chatId, complaintId, at, replacing],
    );
  else
    await store.query(
      `INSERT INTO telegram_chats (bot_id, chat_id, complaint_id, opened_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (bot_id, chat_id) DO NOTHING`,
      [botId, chatId, complaintId, at],
    );
  return (await chatCase(store, botId, chatId)) ?? complaintId;
}

/** The message is with its case: its state moves on and its personal content is cleared. */
export async function messageHandedOver(
  store: Store,
  botId: number,
  updateId: number,
  state: 'opened-case' | 'with-case' | 'not-taken' | 'welcomed',
  complaintId: string | undefined,
  files: unknown[] | undefined,
  at: Date,
): Promise<void> {
  await store.query(
    `UPDATE telegram_messages
        SET state = $3, complaint_id = $4, files = $5, message = NULL, state_changed_at = $6
      WHERE bot_id = $1 AND update_id = $2`,
    [botId, updateId, state, complaintId ?? null, files && files.length ? JSON.stringify(files) : null, at],
  );
}

/** Forgets an erased case's chat (the chat id is the customer's Telegram id). */
export async function forgetChatsOf(store: Store, complaintId: string): Promise<void> {
  await store.query('DELETE FROM telegram_chats WHERE complaint_id = $1', [complaintId]);
  await store.query('UPDATE telegram_messages SET message = NULL WHERE complaint_id = $1', [complaintId]);
}

// --- the send ledger ---------------------------------------------------------------------------------

export interface TelegramSend {
  status: 'sending' | 'sent';
  messageId?: number;
}

export async function telegramSend(store: Store, key: string): Promise<TelegramSend | undefined> {
  const { rows } = await store.query<{ status: 'sending' | 'sent'; message_id: string | null }>(
    'SELECT status, message_id FROM telegram_sends WHERE idempotency_key = $1',
    [key],
  );
  const row = rows[0];
  return row
    ? { status: row.status, ...(row.message_id ? { messageId: Number(row.message_id) } : {}) }
    : undefined;
}

export async function markTelegramSend(
  store: Store,
  key: string,
  caseId: string,
  status: 'sending' | 'sent' | 'refused',
  messageId?: number,
  detail?: string,
): Promise<void> {
  await store.query(
    `INSERT INTO telegram_sends (idempotency_key, case_id, status, message_id, detail, updated_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (idempotency_key) DO UPDATE
       SET status = $3, message_id = COALESCE($4, telegram_sends.message_id), detail = $5, updated_at = now()
       WHERE telegram_sends.status <> 'sent'`,
    [key, caseId, status, messageId ?? null, detail ?? null],
  );
}

// --- channel health ------------------------------------------------------------------------------------

export interface ChannelHealthRow {
  channel: string;
  state: 'ok' | 'token-revoked';
  detail?: string;
  since: string;
  checkedAt: string;
}

/** Records what a send saw; `since` moves only when the state changes. */
export async function recordChannelHealth(
  store: Store,
  channel: string,
  state: ChannelHealthRow['state'],
  detail?: string,
): Promise<void> {
  await store.query(
    `INSERT INTO channel_health (channel, state, detail, since, checked_at) VALUES ($1, $2, $3, now(), now())
     ON CONFLICT (channel) DO UPDATE
       SET detail = $3, checked_at = now(),
           since = CASE WHEN channel_health.state = $2 THEN channel_health.since ELSE now() END,
           state = $2`,
    [channel, state, detail ?? null],
  );
}

export async function channelHealth(store: Store): Promise<ChannelHealthRow[]> {
  const { rows } = await store.query<{
    channel: string;
    state: ChannelHealthRow['state'];
    detail: string | null;
    since: Date;
    checked_at: Date;
  }>('SELECT channel, state, detail, since, checked_at FROM channel_health ORDER BY channel');
  return rows.map((r) => ({
    channel: r.channel,
    state: r.state,
    ...(r.detail ? { detail: r.detail } : {}),
    since: new Date(r.since).toISOString(),
    checkedAt: new Date(r.checked_at).toISOString(),
  }));
}

// --- complaints written in a group (#20, docs/telegram.md "Public replies") ------------------------------

/**
 * A group message was answered in public with a link to a private chat: its row keeps the message
 * (the customer's words) until its author continues in private, or until the wait is over.
 */
export async function messageAwaitsPrivateChat(
  store: Store,
  botId: number,
  updateId: number,
  at: Date,
): Promise<void> {
  await store.query(
    `UPDATE telegram_messages SET state = 'public-acknowledged', state_changed_at = $3
      WHERE bot_id = $1 AND update_id = $2`,
    [botId, updateId, at],
  );
}

/** A group message still waiting for its author in private: the message as it was received. */
export async function awaitingPrivateChat(
  store: Store,
  botId: number,
  updateId: number,
  notBefore: Date,
): Promise<unknown> {
  const { rows } = await store.query<{ message: unknown }>(
    `SELECT message FROM telegram_messages
      WHERE bot_id = $1 AND update_id = $2 AND state = 'public-acknowledged'
        AND message IS NOT NULL AND state_changed_at >= $3`,
    [botId, updateId, notBefore],
  );
  return rows[0]?.message;
}

/** Clears the words of group messages whose authors never came to the private chat (run hourly). */
export async function forgetUnclaimedPublicMessages(store: Store, before: Date): Promise<number> {
  const res = await store.query(
    `UPDATE telegram_messages SET state = 'public-expired', message = NULL, state_changed_at = now()
      WHERE state = 'public-acknowledged' AND state_changed_at < $1`,
    [before],
  );
  return res.rowCount ?? 0;
}

/**
 * The group messages of one person still waiting for them in private (answered in public, not yet
 * followed), oldest first: one public answer per person, and all their words come with the first.
 */
export async function waitingFromAuthor(
  store: Store,
  botId: number,
  chatId: number,
  fromId: number,
  notBefore: Date,
): Promise<unknown[]> {
  const { rows } = await store.query<{ message: unknown }>(
    `SELECT message FROM telegram_messages
      WHERE bot_id = $1 AND chat_id = $2 AND state = 'public-acknowledged' AND message IS NOT NULL
        AND (message->'from'->>'id')::bigint = $3 AND state_changed_at >= $4
      ORDER BY update_id`,
    [botId, chatId, fromId, notBefore],
  );
  return rows.map((r) => r.message);
}
