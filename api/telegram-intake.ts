// THE SEAM between the Telegram webhook and the cases. The webhook (api/telegram/routes.ts) checks
// the secret, validates the update and hands every message it accepts to receiveTelegramMessage,
// exactly once per delivery, and answers Telegram with what this returns.
//
// Today its body stores the message durably (telegram_messages, state 'received'), de-duplicated by
// (bot, update_id) across every API, and answers 'stored' or 'repeat'. The code that opens or feeds
// cases extends it here, after the store and before the answer:
//   - on 'stored': hand the message to its chat's case (the first message of a chat opens a
//     complaint; later ones go to its open case), idempotently by (bot id, update id), then move the
//     row on from 'received' and clear its personal data;
//   - on 'repeat' while the row is still 'received': the hand-over failed or was cut short before —
//     try it again (Telegram's retry is the redelivery);
//   - if the hand-over cannot be done now (Temporal down), leave the row 'received' and answer 503
//     so Telegram delivers again; the row is never lost either way.
import type { AppContext } from './context';
import { problems } from './problems';
import type { TelegramReceipt } from './telegram-schemas';
import { recordTelegramMessage, type ReceivedTelegramMessage } from '../infra/store/telegram-messages';

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
  return {
    result: recorded.inserted ? 'stored' : 'repeat',
    updateId: message.updateId,
    state: recorded.state,
  };
}
