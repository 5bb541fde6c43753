// A thin, typed client of the Telegram Bot API (https://core.telegram.org/bots/api): the methods
// complaint-desk calls, over the global fetch. With TELEGRAM_BOT_TOKEN unset it talks to the local
// Telegram sandbox (sandbox/telegram), otherwise to https://api.telegram.org; only the base URL and
// the token change. Every failure is a TelegramError whose `kind` says what a caller should do:
//
//   chat-unreachable  403: the customer blocked the bot (or left, or never started it). Permanent for
//                     that chat: reach the customer another way.
//   rate-limited      429: wait `retryAfterSeconds` (Telegram's parameters.retry_after), then retry.
//   token-revoked     401, or 404 on a method: the token is wrong or was revoked. The channel is
//                     unhealthy until an operator sets a new token; retrying will not help.
//   rejected          other 4xx: this request is wrong (unknown chat, text too long, an expired
//                     file path). Permanent for this request.
//   too-large         a file above the download limit (ours, or Telegram's 20 MB). Permanent for that file.
//   unavailable       5xx, or an answer that is not the Bot API's JSON: retry with backoff.
//   unreachable       no HTTP answer (refused, reset, DNS, timeout): retry with backoff.
//
// The token is part of every URL (…/bot<token>/METHOD): it never goes into an error or a log line.
import { z } from 'zod';
import {
  DEFAULT_TELEGRAM_SANDBOX_TOKEN,
  TELEGRAM_BOT_FILE_LIMIT_BYTES,
  TELEGRAM_CAPTION_LIMIT,
  TELEGRAM_TEXT_LIMIT,
} from '../sandbox/telegram/constants';

export const TELEGRAM_BOT_API_URL = 'https://api.telegram.org';

// --- The Bot API's objects (the fields we read; Telegram adds fields over time, so objects are loose)

/** Chat and user ids have up to 52 significant bits: safe as JS numbers and as PostgreSQL bigint. */
const telegramId = z
  .number()
  .int()
  .min(-(2 ** 53) + 1)
  .max(2 ** 53 - 1);
const unixTime = z.number().int().min(0).describe('Unix time in seconds.');

export const telegramUserSchema = z.looseObject({
  id: telegramId.describe('The user’s (or bot’s) id.'),
  is_bot: z.boolean().describe('True for bots.'),
  first_name: z.string().max(256).describe('First name.'),
  last_name: z.string().max(256).optional().describe('Last name.'),
  username: z.string().max(256).optional().describe('Username, without the @.'),
  language_code: z
    .string()
    .max(35)
    .optional()
    .describe('The IETF language tag of the user’s Telegram app (a hint of their language).'),
});
export type TelegramUser = z.output<typeof telegramUserSchema>;

export const telegramChatTypes = ['private', 'group', 'supergroup', 'channel'] as const;
export type TelegramChatType = (typeof telegramChatTypes)[number];

export const telegramChatSchema = z.looseObject({
  id: telegramId.describe('The chat’s id (in a private chat, the user’s id).'),
  type: z
    .enum(telegramChatTypes)
    .describe('private (one customer and the bot), group, supergroup or channel (public).'),
  title: z.string().max(256).optional().describe('Title of a group, supergroup or channel.'),
  username: z.string().max(256).optional().describe('Username of the chat, if any.'),
  first_name: z.string().max(256).optional().describe('First name of the other party in a private chat.'),
  last_name: z.string().max(256).optional().describe('Last name of the other party in a private chat.'),
});
export type TelegramChat = z.output<typeof telegramChatSchema>;

export const telegramPhotoSizeSchema = z.looseObject({
  file_id: z.string().min(1).max(512).describe('Identifier for getFile.'),
  file_unique_id: z.string().min(1).max(512).describe('The same file for every bot, over time.'),
  width: z.number().int().min(0).describe('Width in pixels.'),
  height: z.number().int().min(0).describe('Height in pixels.'),
  file_size: z.number().int().min(0).optional().describe('Size in bytes.'),
});
export type TelegramPhotoSize = z.output<typeof telegramPhotoSizeSchema>;

export const telegramDocumentSchema = z.looseObject({
  file_id: z.string().min(1).max(512).describe('Identifier for getFile.'),
  file_unique_id: z.string().min(1).max(512).describe('The same file for every bot, over time.'),
  file_name: z.string().max(1024).optional().describe('The file name the sender gave.'),
  mime_type: z.string().max(256).optional().describe('The MIME type the sender gave.'),
  file_size: z.number().int().min(0).optional().describe('Size in bytes.'),
});
export type TelegramDocument = z.output<typeof telegramDocumentSchema>;

/** A message, with the parts complaint-desk takes: text, or a photo or a document with a caption. */
export const telegramMessageSchema = z.looseObject({
  message_id: z.number().int().min(0).describe('The message’s id inside its chat.'),
  from: telegramUserSchema
    .optional()
    .describe('The sender (absent for channel posts and anonymous group admins).'),
  sender_chat: telegramChatSchema
    .optional()
    .describe('The chat that sent it, for channel posts and anonymous group admins.'),
  chat: telegramChatSchema.describe('The chat the message belongs to.'),
  date: unixTime.describe('When it was sent (Unix time; the sender’s say-so is Telegram’s here).'),
  text: z
    .string()
    .max(TELEGRAM_TEXT_LIMIT)
    .optional()
    .describe(`The text of a text message (at most ${TELEGRAM_TEXT_LIMIT} characters).`),
  caption: z
    .string()
    .max(TELEGRAM_CAPTION_LIMIT)
    .optional()
    .describe(`The caption of a photo or document (at most ${TELEGRAM_CAPTION_LIMIT} characters).`),
  photo: z
    .array(telegramPhotoSizeSchema)
    .min(1)
    .max(20)
    .optional()
    .describe('A photo, in the sizes Telegram made of it (the largest last).'),
  document: telegramDocumentSchema.optional().describe('A file sent as a document.'),
});
export type TelegramMessage = z.output<typeof telegramMessageSchema>;

export const telegramFileSchema = z.looseObject({
  file_id: z.string().min(1),
  file_unique_id: z.string().min(1),
  file_size: z.number().int().min(0).optional(),
  /** Valid for at least an hour: download from /file/bot<token>/<file_path>, else getFile again. */
  file_path: z.string().min(1).optional(),
});
export type TelegramFile = z.output<typeof telegramFileSchema>;

const botUserSchema = telegramUserSchema.extend({
  is_bot: z.literal(true),
  username: z.string().min(1),
});
export type TelegramBotUser = z.output<typeof botUserSchema>;

// --- Errors ------------------------------------------------------------------------------------------

export const telegramErrorKinds = [
  'chat-unreachable',
  'rate-limited',
  'token-revoked',
  'rejected',
  'too-large',
  'unavailable',
  'unreachable',
] as const;
export type TelegramErrorKind = (typeof telegramErrorKinds)[number];

/** What the failure concerns: one chat, the whole channel (the bot), this request, or nothing lasting. */
export type TelegramErrorScope = 'chat' | 'channel' | 'request' | 'transient';

const scopes: Record<TelegramErrorKind, TelegramErrorScope> = {
  'chat-unreachable': 'chat',
  'token-revoked': 'channel',
  rejected: 'request',
  'too-large': 'request',
  'rate-limited': 'transient',
  unavailable: 'transient',
  unreachable: 'transient',
};

export interface TelegramErrorDetails {
  /** The HTTP status, when there was an answer. */
  status?: number;
  /** The Bot API's error_code and description, when the answer was the Bot API's JSON. */
  errorCode?: number;
  description?: string;
  /** 429: seconds to wait before the request may be repeated (parameters.retry_after). */
  retryAfterSeconds?: number;
  /** 400 for a group that became a supergroup: its new id (parameters.migrate_to_chat_id). */
  migrateToChatId?: number;
}

export class TelegramError extends Error {
  constructor(
    readonly kind: TelegramErrorKind,
    /** The Bot API method, or 'download' for the file path. */
    readonly method: string,
    readonly details: TelegramErrorDetails,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TelegramError';
  }

  get scope(): TelegramErrorScope {
    return scopes[this.kind];
  }

  /** Whether the same request may succeed later (after retryAfterSeconds for rate-limited). */
  get retryable(): boolean {
    return this.scope === 'transient';
  }

  get retryAfterSeconds(): number | undefined {
    return this.details.retryAfterSeconds;
  }
}

const errorBodySchema = z.looseObject({
  ok: z.literal(false),
  error_code: z.number().int().optional(),
  description: z.string().optional(),
  parameters: z
    .looseObject({
      retry_after: z.number().int().min(0).optional(),
      migrate_to_chat_id: z.number().int().optional(),
    })
    .optional(),
});

/** When Telegram says 429 without saying how long: a pause that respects its flood control. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

/**
 * The error for an answer that was not a success: the Bot API's error_code when the body is its
 * JSON ({ok:false, error_code, description, parameters}), else the HTTP status. Pure, so the
 * classification is tested on its own with the bodies Telegram really sends.
 */
export function telegramFailure(method: string, status: number, body: unknown): TelegramError {
  const parsed = errorBodySchema.safeParse(body);
  const api = parsed.success ? parsed.data : undefined;
  const code = api?.error_code ?? status;
  const description = api?.description?.slice(0, 500);
  const details: TelegramErrorDetails = {
    status,
    ...(api?.error_code !== undefined ? { errorCode: api.error_code } : {}),
    ...(description ? { description } : {}),
    ...(api?.parameters?.migrate_to_chat_id !== undefined
      ? { migrateToChatId: api.parameters.migrate_to_chat_id }
      : {}),
  };
  const fail = (kind: TelegramErrorKind, extra: Partial<TelegramErrorDetails> = {}) =>
    new TelegramError(
      kind,
      method,
      { ...details, ...extra },
      `Telegram ${method}: ${code}${description ? ` ${description}` : ''}`,
    );

  if (code === 429) {
    const after = api?.parameters?.retry_after ?? /retry after (\d+)/i.exec(description ?? '')?.[1];
    return fail('rate-limited', { retryAfterSeconds: Number(after ?? DEFAULT_RETRY_AFTER_SECONDS) });
  }
  if (code === 401) return fail('token-revoked');
  // A file path that expired (or never was) is 404 too: that file, not the bot, is the problem.
  if (code === 404) return fail(method === 'download' ? 'rejected' : 'token-revoked');
  if (code === 403) return fail('chat-unreachable');
  if (code === 400 && /file is too big/i.test(description ?? '')) return fail('too-large');
  if (code >= 400 && code < 500) return fail('rejected');
  return fail('unavailable');
}

// --- The client ----------------------------------------------------------------------------------------

export interface TelegramClientOptions {
  /** The bot's token; default the sandbox's (for the sandbox). */
  token?: string;
  /** https://api.telegram.org, or the sandbox's URL. */
  apiUrl: string;
  /** Per request; default 10 s, so a call and its retry fit in an activity's timeout. */
  timeoutMs?: number;
  /** The largest file downloadFile takes; default Telegram's own 20 MB for bots. */
  maxDownloadBytes?: number;
}

export interface SendMessageInput {
  /** The chat's id (or @username of a channel). */
  chatId: number | string;
  /** Plain text (no parse_mode: nothing the customer or an owner wrote is read as markup). */
  text: string;
  /** Makes the message a reply to this message of the chat (a public acknowledgement in a group). */
  replyToMessageId?: number;
  disableLinkPreview?: boolean;
}

export interface SetWebhookInput {
  url: string;
  /** 1–256 of A-Z a-z 0-9 _ -; Telegram sends it back in X-Telegram-Bot-Api-Secret-Token. */
  secretToken: string;
  allowedUpdates?: string[];
  maxConnections?: number;
  dropPendingUpdates?: boolean;
}

export interface TelegramClient {
  /** Where requests go (never includes the token). */
  readonly apiUrl: string;
  /** The bot's id: the number before the colon in its token. */
  readonly botId: number;
  getMe(): Promise<TelegramBotUser>;
  sendMessage(input: SendMessageInput): Promise<TelegramMessage>;
  getFile(fileId: string): Promise<TelegramFile>;
  /** The file's bytes; TelegramError 'too-large' above maxBytes (checked before and while reading). */
  downloadFile(file: TelegramFile | string, options?: { maxBytes?: number }): Promise<Buffer>;
  setWebhook(input: SetWebhookInput): Promise<true>;
}

/** The bot's id from its token ("123456:ABC…" → 123456), or undefined for a malformed token. */
export function botIdOfToken(token: string): number | undefined {
  const match = /^(\d{1,15}):[A-Za-z0-9_-]+$/.exec(token);
  return match ? Number(match[1]) : undefined;
}

const okBodySchema = z.looseObject({ ok: z.literal(true), result: z.unknown() });

export function createTelegramClient(options: TelegramClientOptions): TelegramClient {
  const token = options.token ?? DEFAULT_TELEGRAM_SANDBOX_TOKEN;
  const botId = botIdOfToken(token);
  if (botId === undefined)
    throw new Error(
      'The Telegram bot token is malformed: expected "<bot id>:<secret>", as BotFather gives it.',
    );
  const apiUrl = options.apiUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxDownloadBytes = options.maxDownloadBytes ?? TELEGRAM_BOT_FILE_LIMIT_BYTES;

  async function send(method: string, url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      // undici's messages name neither the URL nor the token; the cause says why (ECONNREFUSED, timeout).
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      const why = (err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : cause;
      throw new TelegramError(
        'unreachable',
        method,
        {},
        `Telegram ${method}: no answer (${why ?? (err as Error).message})`,
        { cause: err },
      );
    }
  }

  async function call<T>(method: string, params: Record<string, unknown>, result: z.ZodType<T>): Promise<T> {
    const res = await send(method, `${apiUrl}/bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
    });
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = undefined; // an HTML error page from a proxy: classified by its status
    }
    if (!res.ok) throw telegramFailure(method, res.status, body);
    const ok = okBodySchema.safeParse(body);
    const value = ok.success ? result.safeParse(ok.data.result) : undefined;
    if (!value?.success)
      throw new TelegramError(
        'unavailable',
        method,
        { status: res.status },
        `Telegram ${method}: the answer is not the Bot API's (status ${res.status})`,
      );
    return value.data;
  }

  return {
    apiUrl,
    botId,
    getMe: () => call('getMe', {}, botUserSchema),
    sendMessage: (input) =>
      call(
        'sendMessage',
        {
          chat_id: input.chatId,
          text: input.text,
          ...(input.replyToMessageId !== undefined
            ? { reply_parameters: { message_id: input.replyToMessageId, allow_sending_without_reply: true } }
            : {}),
          ...(input.disableLinkPreview ? { link_preview_options: { is_disabled: true } } : {}),
        },
        telegramMessageSchema,
      ),
    getFile: (fileId) => call('getFile', { file_id: fileId }, telegramFileSchema),
    async downloadFile(file, opts = {}) {
      const limit = opts.maxBytes ?? maxDownloadBytes;
      const tooLarge = (size: number) =>
        new TelegramError(
          'too-large',
          'download',
          { description: `${size} bytes, the limit is ${limit}` },
          `Telegram download: the file is larger than ${limit} bytes`,
        );
      const path = typeof file === 'string' ? file : file.file_path;
      if (!path)
        throw new TelegramError('rejected', 'download', {}, 'Telegram download: the file has no file_path');
      if (typeof file !== 'string' && file.file_size !== undefined && file.file_size > limit)
        throw tooLarge(file.file_size);
      const encoded = path.split('/').map(encodeURIComponent).join('/');
      const res = await send('download', `${apiUrl}/file/bot${token}/${encoded}`, { method: 'GET' });
      if (!res.ok) {
        let body: unknown;
        try {
          body = await res.json();
        } catch {
          body = undefined;
        }
        throw telegramFailure('download', res.status, body);
      }
      const declared = Number(res.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > limit) {
        await res.body?.cancel();
        throw tooLarge(declared);
      }
      // Counted while reading too: a missing or false Content-Length cannot make us hold more.
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        // Leaving the loop early cancels the stream: nothing more is read.
        for await (const chunk of (res.body ?? []) as AsyncIterable<Uint8Array>) {
          size += chunk.byteLength;
          if (size > limit) break;
          chunks.push(Buffer.from(chunk));
        }
      } catch (err) {
        throw new TelegramError(
          'unreachable',
          'download',
          { status: res.status },
          'Telegram download: the connection broke',
          { cause: err },
        );
      }
      if (size > limit) throw tooLarge(size);
      return Buffer.concat(chunks);
    },
    setWebhook: (input) =>
      call(
        'setWebhook',
        {
          url: input.url,
          secret_token: input.secretToken,
          ...(input.allowedUpdates ? { allowed_updates: input.allowedUpdates } : {}),
          ...(input.maxConnections ? { max_connections: input.maxConnections } : {}),
          ...(input.dropPendingUpdates ? { drop_pending_updates: true } : {}),
        },
        z.literal(true),
      ),
  };
}
