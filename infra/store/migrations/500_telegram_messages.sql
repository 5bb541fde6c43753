-- Telegram messages the webhook took (api/routes/telegram.ts), one row per update. The primary key is
-- the de-duplication every API shares: Telegram repeats a delivery until it gets a 2xx and may
-- deliver updates out of order, so a repeated update_id finds its row and changes nothing.
CREATE TABLE telegram_messages (
  -- Update ids are counted per bot: the bot's id (from its token) keeps two bots' ids apart.
  bot_id            bigint NOT NULL,
  update_id         bigint NOT NULL,
  chat_id           bigint NOT NULL,
  -- private, group, supergroup or channel
  chat_type         text NOT NULL,
  -- The message's id in its chat: with sent_at, the order the customer wrote in.
  message_id        bigint NOT NULL,
  -- text, photo, document, or unsupported (a sticker, a voice note…: the customer is told what we take)
  kind              text NOT NULL,
  -- Telegram's date of the message; received_at is when the webhook took it.
  sent_at           timestamptz NOT NULL,
  received_at       timestamptz NOT NULL,
  -- received: stored, not yet with a case. The code that hands messages to cases adds its states
  -- (docs/telegram.md, "The seam"); a row still 'received' is one to hand over (again).
  state             text NOT NULL,
  state_changed_at  timestamptz NOT NULL,
  -- The message as accepted (ReceivedTelegramMessage: sender, text or caption, file ids). Personal
  -- data: it is to be cleared (NULL) once the message's case holds it, sealed with the case key.
  message           jsonb,
  PRIMARY KEY (bot_id, update_id)
);

CREATE INDEX telegram_messages_chat ON telegram_messages (bot_id, chat_id, message_id);
CREATE INDEX telegram_messages_received ON telegram_messages (received_at) WHERE state = 'received';
