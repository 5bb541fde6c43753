// The Telegram webhook: Telegram posts every Update for our bot here (setWebhook, with secret_token).
// Telegram signs nothing: the secret it sends back in X-Telegram-Bot-Api-Secret-Token is the only
// proof a delivery is Telegram's, so without a configured secret every delivery is refused. An
// accepted message goes to receiveTelegramMessage (api/telegram-intake.ts, the seam to the cases);
// anything else Telegram may send (edited messages, member changes…) is answered 200 and ignored,
// since a non-2xx answer only makes Telegram deliver it again and again.
import crypto from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { strictRouter } from '../edge';
import type { AppContext } from '../context';
import { parseOrThrow, problems } from '../problems';
import { clientKey, limiter, rateLimit, TokenBuckets, type Limiter } from '../rate-limit';
import { receiveTelegramMessage } from '../telegram-intake';
import { receivedMessageOf, telegramUpdateSchema, type TelegramReceipt } from '../telegram-schemas';
import { requireJsonBody } from './complaints';

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

export function telegramRoutes(ctx: AppContext): express.Router {
  const router = strictRouter();
  const buckets = new TokenBuckets({
    burst: ctx.limits.webhookPerMinute,
    perMinute: ctx.limits.webhookPerMinute,
  });
  // Wrong secrets count in the case store: every API process refuses a guesser together.
  const failures = limiter(
    ctx.store,
    'auth-failures',
    { burst: ctx.limits.authFailuresPerMinute, perMinute: ctx.limits.authFailuresPerMinute },
    ctx.log,
  );
  // The secret is checked before the body is read: a stranger's post costs no parsing.
  router.use(rateLimit(buckets, 'webhook'), telegramSecret(ctx.telegram?.webhookSecret, failures));

  router.post(
    '/',
    express.json({ limit: ctx.limits.telegramBody, strict: true }),
    async (req: Request, res: Response) => {
      requireJsonBody(req);
      const update = parseOrThrow(telegramUpdateSchema, req.body, 'Telegram update');
      const taken = receivedMessageOf(ctx.telegram!.botId, update);
      const receipt: TelegramReceipt =
        'ignored' in taken
          ? { result: 'ignored', updateId: update.update_id, reason: taken.ignored }
          : await receiveTelegramMessage(ctx, taken.message);
      res.status(200).json(receipt);
    },
  );
  return router;
}
