-- Telegram messages go to cases (issue #20): which case a chat's messages go to, the ledger of what
-- the bot sent (sendMessage has no idempotency key), and the health of the bot's channel.

-- The chat's open case: the first message of a chat opens a complaint and claims the chat for it
-- (the primary key: two first messages at once open one case); later messages are signalled to it.
-- When that case has completed, the next message opens a new case and takes the chat over.
-- chat_id is personal data (in a private chat, the person's Telegram id): erasing the case deletes it.
CREATE TABLE telegram_chats (
  bot_id        bigint NOT NULL,
  chat_id       bigint NOT NULL,
  complaint_id  text NOT NULL,
  opened_at     timestamptz NOT NULL,
  PRIMARY KEY (bot_id, chat_id)
);
CREATE INDEX telegram_chats_case ON telegram_chats (complaint_id);

-- The message's case, once it is with it ('opened' a case, or 'delivered' to one); its files' ids
-- (not personal: meaningless without the bot's token) stay for the case to fetch with getFile.
ALTER TABLE telegram_messages ADD COLUMN complaint_id text;
ALTER TABLE telegram_messages ADD COLUMN files jsonb;

-- One row per customer message the bot was asked to send, by the outbox effect's id: 'sending'
-- before the call, 'sent' with Telegram's message_id after. A retry after 'sent' sends nothing; a
-- retry after 'sending' sends again (Telegram cannot be asked whether it got it: at most one
-- duplicate, only after a crash between Telegram's answer and the write).
CREATE TABLE telegram_sends (
  idempotency_key  text PRIMARY KEY,
  case_id          text NOT NULL,
  status           text NOT NULL,
  message_id       bigint,
  detail           text,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX telegram_sends_case ON telegram_sends (case_id);

-- The health of a messaging channel's connection ('ok', 'token-revoked'), as the last send saw it:
-- /ops/summary, the console's operator view and ComplaintAttention read it.
CREATE TABLE channel_health (
  channel     text PRIMARY KEY,
  state       text NOT NULL,
  detail      text,
  since       timestamptz NOT NULL,
  checked_at  timestamptz NOT NULL
);
