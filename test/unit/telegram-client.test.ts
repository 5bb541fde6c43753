// The Bot API client's classification of failures, on the bodies Telegram really sends (collected in
// github.com/TelegramBotAPI/errors and in the issues of Telegram bot libraries), and the configuration
// that chooses between the sandbox and the real Bot API.
import { strict as assert } from 'node:assert';
import { loadConfig, telegramWebhookSecret } from '../../infra/config';
import { botIdOfToken, createTelegramClient, telegramFailure, TelegramError } from '../../infra/telegram';

describe('Telegram Bot API client: failures', () => {
  it('403 is permanent for that chat, whatever Telegram says the reason is', () => {
    for (const description of [
      'Forbidden: bot was blocked by the user',
      'Forbidden: user is deactivated',
      "Forbidden: bot can't initiate conversation with a user",
      'Forbidden: bot was kicked from the group chat',
    ]) {
      const err = telegramFailure('sendMessage', 403, { ok: false, error_code: 403, description });
      assert.equal(err.kind, 'chat-unreachable', description);
      assert.equal(err.scope, 'chat');
      assert.equal(err.retryable, false);
      assert.equal(err.details.description, description);
      assert.equal(err.message, `Telegram sendMessage: 403 ${description}`);
    }
  });

  it('429 is retried after parameters.retry_after (else the seconds in the description, else 5)', () => {
    const body = {
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 34',
      parameters: { retry_after: 34 },
    };
    const err = telegramFailure('sendMessage', 429, body);
    assert.equal(err.kind, 'rate-limited');
    assert.equal(err.retryable, true);
    assert.equal(err.retryAfterSeconds, 34);
    // Older answers carried the wait only in the description.
    const old = telegramFailure('sendMessage', 429, {
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 3',
    });
    assert.equal(old.retryAfterSeconds, 3);
    assert.equal(telegramFailure('sendMessage', 429, undefined).retryAfterSeconds, 5);
  });

  it('401, and 404 on a method, mean the token is wrong or revoked: the channel is unhealthy', () => {
    const revoked = telegramFailure('getMe', 401, {
      ok: false,
      error_code: 401,
      description: 'Unauthorized',
    });
    assert.equal(revoked.kind, 'token-revoked');
    assert.equal(revoked.scope, 'channel');
    assert.equal(revoked.retryable, false);
    const malformed = telegramFailure('sendMessage', 404, {
      ok: false,
      error_code: 404,
      description: 'Not Found',
    });
    assert.equal(malformed.kind, 'token-revoked');
    // On the file path, 404 is that file (its path expired): getFile again, the bot is fine.
    const file = telegramFailure('download', 404, { ok: false, error_code: 404, description: 'Not Found' });
    assert.equal(file.kind, 'rejected');
    assert.equal(file.scope, 'request');
  });

  it('other 4xx are permanent for the request; "file is too big" says so', () => {
    const chat = telegramFailure('sendMessage', 400, {
      ok: false,
      error_code: 400,
      description: 'Bad Request: chat not found',
    });
    assert.equal(chat.kind, 'rejected');
    assert.equal(chat.retryable, false);
    const big = telegramFailure('getFile', 400, {
      ok: false,
      error_code: 400,
      description: 'Bad Request: file is too big',
    });
    assert.equal(big.kind, 'too-large');
    const migrated = telegramFailure('sendMessage', 400, {
      ok: false,
      error_code: 400,
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      parameters: { migrate_to_chat_id: -1001234567890 },
    });
    assert.equal(migrated.kind, 'rejected');
    assert.equal(migrated.details.migrateToChatId, -1001234567890);
  });

  it('5xx and answers that are not the Bot API’s JSON are retryable', () => {
    const gateway = telegramFailure('sendMessage', 502, undefined); // nginx's HTML page
    assert.equal(gateway.kind, 'unavailable');
    assert.equal(gateway.retryable, true);
    assert.equal(gateway.message, 'Telegram sendMessage: 502');
    const internal = telegramFailure('getFile', 500, {
      ok: false,
      error_code: 500,
      description: 'Internal Server Error',
    });
    assert.equal(internal.kind, 'unavailable');
    assert.ok(internal instanceof TelegramError);
  });

  it('the error_code wins over the HTTP status, and descriptions are capped', () => {
    const err = telegramFailure('sendMessage', 200, {
      ok: false,
      error_code: 403,
      description: 'x'.repeat(2000),
    });
    assert.equal(err.kind, 'chat-unreachable');
    assert.equal(err.details.description?.length, 500);
  });

  it('reads the bot id from the token, and refuses a malformed token', () => {
    assert.equal(botIdOfToken('123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11'), 123456);
    assert.equal(botIdOfToken('ABC-DEF'), undefined);
    assert.equal(botIdOfToken('123456:has spaces'), undefined);
    assert.throws(
      () => createTelegramClient({ token: 'not-a-token', apiUrl: 'http://127.0.0.1:1' }),
      /malformed/,
    );
  });
});

describe('Telegram configuration', () => {
  it('without TELEGRAM_BOT_TOKEN the client talks to the sandbox; with it, to api.telegram.org', () => {
    const local = loadConfig({ TELEGRAM_SANDBOX_PORT: '4567' });
    assert.equal(local.usesRealTelegram, false);
    assert.equal(local.telegramApiUrl, 'http://127.0.0.1:4567');
    const real = loadConfig({
      TELEGRAM_BOT_TOKEN: '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11',
      TELEGRAM_WEBHOOK_SECRET: 'a-long-enough-secret_1',
    });
    assert.equal(real.usesRealTelegram, true);
    assert.equal(real.telegramApiUrl, 'https://api.telegram.org');
    assert.equal(telegramWebhookSecret(real), 'a-long-enough-secret_1');
  });

  it('a real bot without a webhook secret is a start-up error; the sandbox may run without one', () => {
    const real = loadConfig({ TELEGRAM_BOT_TOKEN: '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11' });
    assert.throws(() => telegramWebhookSecret(real), /TELEGRAM_WEBHOOK_SECRET is required/);
    assert.equal(telegramWebhookSecret(loadConfig({})), undefined);
  });

  it('names a malformed token or secret at start', () => {
    assert.throws(() => loadConfig({ TELEGRAM_BOT_TOKEN: 'abc' }), /TELEGRAM_BOT_TOKEN/);
    // Telegram allows only A-Z a-z 0-9 _ - in secret_token; we ask for at least 16 of them.
    assert.throws(() => loadConfig({ TELEGRAM_WEBHOOK_SECRET: 'short' }), /TELEGRAM_WEBHOOK_SECRET/);
    assert.throws(
      () => loadConfig({ TELEGRAM_WEBHOOK_SECRET: 'has spaces in it, long enough' }),
      /TELEGRAM_WEBHOOK_SECRET/,
    );
  });
});
