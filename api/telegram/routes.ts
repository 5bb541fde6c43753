// The Telegram webhook: Telegram posts every Update for our bot here (setWebhook, with secret_token).
// Telegram signs nothing: the secret it sends back in X-Telegram-Bot-Api-Secret-Token is the only
// proof a delivery is Telegram's, so without a configured secret every delivery is refused. An
// accepted message goes to receiveTelegramMessage (api/telegram-intake.ts, the seam to the cases);
// anything else Telegram may send (edited messages, member changes…) is answered 200 and ignored,
// since a non-2xx answer only makes Telegram deliver it again and again.
import crypto from 'node:crypto';
import type { NextFunction, Request, Response, Router } from 'express';
import type { AppContext } from '../context';
import { problems } from '../problems';
import { clientKey, type Limiter } from '../rate-limit';
import { receiveTelegramMessage } from '../telegram-intake';
import {
  receivedMessageOf,
  telegramReceiptSchema,
  telegramUpdateSchema,
  type TelegramReceipt,
} from '../telegram-schemas';
import { jsonResponse, problem } from '../http/openapi-parts';
import { route, type Route } from '../http/route';
import { webhookRouter } from '../http/webhook-router';

export const TELEGRAM_SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest();

/** Constant-time: both sides hashed to equal lengths, so neither the length nor a prefix leaks. */
export function telegramSecretMatches(given: string, expected: string): boolean {
  return crypto.timingSafeEqual(sha256(given), sha256(expected));
}

function telegramSecret(secret: string | undefined, failures: Limiter) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!secret)
      return next(
        problems.unavailable(
          'The Telegram webhook is off: set TELEGRAM_WEBHOOK_SECRET and give it to setWebhook as secret_token.',
        ),
      );
    const given = req.get(TELEGRAM_SECRET_HEADER);
    if (given === undefined || !telegramSecretMatches(given, secret)) {
      void Promise.resolve(failures.take(`telegram:${clientKey(req)}`)).then((wait) => {
        if (wait > 0) return next(problems.rateLimited(wait));
        next(
          problems.unauthorized(
            given === undefined
              ? `Send ${TELEGRAM_SECRET_HEADER}: the secret_token given to setWebhook.`
              : `The ${TELEGRAM_SECRET_HEADER} is not this webhook's.`,
          ),
        );
      }, next);
      return;
    }
    next();
  };
}

export const telegramRoutes: Route[] = [
  route({
    method: 'post',
    path: '/webhooks/telegram',
    // Its credential is the secret header, checked for the whole prefix by telegramRouter.
    roles: 'public',
    security: [{ telegramSecret: [] }],
    tags: ['telegram'],
    summary: 'Telegram webhook',
    description:
      'Telegram posts each Update here (setWebhook with secret_token). A message is stored once per update_id, whichever API receives it, before the answer; a repeat answers 200 and changes nothing, and updates may arrive in any order. See docs/telegram.md.',
    body: { schema: telegramUpdateSchema, what: 'Telegram update', limit: 'telegramBody' },
    responses: {
      '200': jsonResponse('Stored, a repeat, or deliberately ignored.', telegramReceiptSchema),
      '400': problem('Not a Telegram update we can read; nothing is stored.'),
      '401': problem('Wrong or missing X-Telegram-Bot-Api-Secret-Token.'),
      '413': problem('Larger than any update Telegram sends.'),
      '415': problem('Not JSON.'),
      '429': problem('Rate limited (Telegram delivers again later).'),
      '503': problem(
        'No TELEGRAM_WEBHOOK_SECRET configured (every delivery refused), or the store is unreachable.',
      ),
    },
    async handler({ ctx, res, body: update }) {
      const taken = receivedMessageOf(ctx.telegram!.botId, update);
      const receipt: TelegramReceipt =
        'ignored' in taken
          ? { result: 'ignored', updateId: update.update_id, reason: taken.ignored }
          : await receiveTelegramMessage(ctx, taken.message);
      res.status(200).json(receipt);
    },
  }),
];

/** The webhook's router (mounted at /webhooks/telegram): the rate limit and the secret, then the route. */
export function telegramRouter(ctx: AppContext): Router {
  return webhookRouter(
    ctx,
    (failures) => telegramSecret(ctx.telegram?.webhookSecret, failures),
    telegramRoutes,
    '/webhooks/telegram',
  );
}
