// A local stand-in for Telegram: the Bot API methods complaint-desk calls, answered with the Bot
// API's shapes ({ok:true, result} / {ok:false, error_code, description, parameters}), the file
// download path, and the customer's side: updates posted to the bot's webhook as Telegram would
// (with the right, a wrong or no secret; again; held back and delivered out of order), through a
// JSON API (/sandbox/…) and through forms on the inbox pages. Failures can be switched on: a
// customer who blocked the bot (403), flood control (429 with retry_after), 5xx, a revoked token
// (401). Built apart from listening so tests can drive it in-process.
//
// Where it differs from Telegram (on purpose): webhooks may be plain http on any port; a failed
// delivery is not retried by itself (deliver again from the API or the page); a photo's sizes are
// nominal (one upload, two file ids); only JSON, urlencoded and query parameters (no uploads by the bot).
import busboy from 'busboy';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { decodablePath, hostAllowed, strictApp } from '../../infra/http-edge';
import { botIdOfToken } from '../../infra/telegram';
import {
  DEFAULT_TELEGRAM_SANDBOX_TOKEN,
  TELEGRAM_BOT_FILE_LIMIT_BYTES,
  TELEGRAM_CAPTION_LIMIT,
  TELEGRAM_TEXT_LIMIT,
} from './constants';
import { renderChat, renderInbox, renderNotFound } from './html';
import {
  TelegramSandboxStore,
  type ChatEntry,
  type Delivery,
  type SandboxChat,
  type SandboxUser,
} from './store';

/** A switchable failure of the Bot API: every method (and the file path) answers with it. */
export type FailureMode = null | 401 | 429 | 500 | 502 | 503;
export const FAILURE_MODES: readonly FailureMode[] = [null, 401, 429, 500, 502, 503];

export interface Failure {
  mode: FailureMode;
  /** 429: the seconds in parameters.retry_after. */
  retryAfter: number;
  /** How many more answers fail before the switch turns itself off; null: until switched off. */
  remaining: number | null;
}

export interface TelegramSandboxOptions {
  /** state.json and the uploaded files live here. */
  dataDir: string;
  /** Bot tokens accepted; default [DEFAULT_TELEGRAM_SANDBOX_TOKEN]; '*' accepts any well-formed token. */
  tokens?: string[];
  /** getFile refuses larger files ("file is too big"); default Telegram's 20 MB. */
  maxBotFileBytes?: number;
  /** The largest upload from a customer (API and form); default 50 MB. */
  maxUploadBytes?: number;
  /** How long a delivery waits for the webhook; default 10 s. */
  deliveryTimeoutMs?: number;
  /** Called with one line per notable event (the CLI and `up` print them). */
  log?: (line: string) => void;
  /** Host names answered besides loopback (ALLOWED_HOSTS); any other Host header gets 421. */
  allowedHosts?: string[];
}

/** What a customer posts: a message in a (new or existing) chat, and how it is delivered. */
export interface CustomerPost {
  /** An existing chat; without it a new private chat with `from` (a new customer) begins. */
  chatId?: number;
  /** The customer: a new one when absent (a generated id, "Customer" as first name). */
  from?: Partial<Omit<SandboxUser, 'is_bot'>>;
  /** A new group chat instead of a private one (the bot is a member of it). */
  group?: { title: string; username?: string; type?: 'group' | 'supergroup' };
  /** The text, or the caption when a file is sent. */
  text?: string;
  file?: { as: 'photo' | 'document'; name?: string; contentType?: string; bytes: Buffer };
  /** Which X-Telegram-Bot-Api-Secret-Token goes with the delivery; default the right one. */
  secret?: 'right' | 'wrong' | 'missing';
  /** Keep the update back (it has its update_id now): deliver it later, out of order. */
  hold?: boolean;
}

export interface PostResult {
  entry: ChatEntry;
  /** Absent when held. */
  delivery?: Delivery;
}

export class SandboxInputError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface TelegramSandboxApp {
  app: express.Express;
  store: TelegramSandboxStore;
  setFailure(failure: Partial<Failure> & { mode: FailureMode }): void;
  getFailure(): Failure;
  /** The customer writes: stores the message and (unless held) delivers its update to the webhook. */
  post(input: CustomerPost): Promise<PostResult>;
  /** Delivers an update (again, or for the first time if it was held). */
  deliver(updateId: number, secret?: Delivery['secret']): Promise<PostResult>;
  block(chatId: number, blocked: boolean): Promise<SandboxChat>;
}

type BotAnswer = { status: number; body: Record<string, unknown> };

const ok = (result: unknown, description?: string): BotAnswer => ({
  status: 200,
  body: { ok: true, result, ...(description ? { description } : {}) },
});
const error = (code: number, description: string, parameters?: Record<string, unknown>): BotAnswer => ({
  status: code,
  body: { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) },
});

const SECRET_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;
const WRONG_SECRET = 'not-the-secret-the-bot-registered';
const now = () => Math.floor(Date.now() / 1000);

function botUser(token: string): SandboxUser & Record<string, unknown> {
  return {
    id: botIdOfToken(token) ?? 0,
    is_bot: true,
    first_name: 'Complaint Desk',
    username: 'complaint_desk_bot',
  };
}

/** A chat as Telegram shows it inside a Message. */
function chatObject(chat: SandboxChat): Record<string, unknown> {
  const { blocked: _blocked, lastMessageId: _last, ...visible } = chat;
  return visible;
}

/** The Bot API's parameters: query string, then the body (JSON or urlencoded). */
function paramsOf(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  const fields =
    body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  return { ...(req.query as Record<string, unknown>), ...fields };
}

/** A nested parameter sent as JSON text (urlencoded and query) or as an object (JSON body). */
function jsonParam(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

export function createTelegramSandboxApp(options: TelegramSandboxOptions): TelegramSandboxApp {
  const store = new TelegramSandboxStore(options.dataDir);
  const tokens = new Set(options.tokens ?? [DEFAULT_TELEGRAM_SANDBOX_TOKEN]);
  const maxBotFileBytes = options.maxBotFileBytes ?? TELEGRAM_BOT_FILE_LIMIT_BYTES;
  const maxUploadBytes = options.maxUploadBytes ?? 50 * 1024 * 1024;
  const deliveryTimeoutMs = options.deliveryTimeoutMs ?? 10_000;
  const log = options.log ?? (() => undefined);
  let failure: Failure = { mode: null, retryAfter: 5, remaining: null };

  const tokenAccepted = (token: string) =>
    botIdOfToken(token) !== undefined && (tokens.has(token) || tokens.has('*'));

  /** The switched-on failure's answer, if one is due; counts it down. */
  function failureAnswer(): BotAnswer | undefined {
    if (failure.mode === null) return undefined;
    const mode = failure.mode;
    if (failure.remaining !== null && --failure.remaining <= 0)
      failure = { ...failure, mode: null, remaining: null };
    if (mode === 401) return error(401, 'Unauthorized');
    if (mode === 429)
      return error(429, `Too Many Requests: retry after ${failure.retryAfter}`, {
        retry_after: failure.retryAfter,
      });
    return error(
      mode,
      mode === 500 ? 'Internal Server Error' : mode === 502 ? 'Bad Gateway' : 'Service Unavailable',
    );
  }

  // --- Bot API methods ------------------------------------------------------------------------------

  function messageObject(entry: ChatEntry): Record<string, unknown> {
    const chat = store.chat(entry.chatId)!;
    return {
      message_id: entry.messageId,
      from: entry.from,
      chat: chatObject(chat),
      date: entry.date,
      ...(entry.text !== undefined ? { text: entry.text } : {}),
      ...(entry.caption !== undefined ? { caption: entry.caption } : {}),
      ...(entry.photo ? { photo: entry.photo } : {}),
      ...(entry.document ? { document: entry.document } : {}),
    };
  }

  function findChat(chatId: unknown): SandboxChat | undefined {
    if (typeof chatId === 'string' && chatId.startsWith('@')) return store.chatByUsername(chatId);
    const id = typeof chatId === 'number' ? chatId : typeof chatId === 'string' ? Number(chatId) : NaN;
    return Number.isSafeInteger(id) ? store.chat(id) : undefined;
  }

  async function sendMessage(token: string, p: Record<string, unknown>): Promise<BotAnswer> {
    if (p.chat_id === undefined || p.chat_id === '') return error(400, 'Bad Request: chat_id is empty');
    const chat = findChat(p.chat_id);
    if (!chat) return error(400, 'Bad Request: chat not found');
    if (chat.blocked) return error(403, 'Forbidden: bot was blocked by the user');
    // Numbers are text too (Telegram reads every parameter as a string); objects are not.
    const text = typeof p.text === 'string' ? p.text : typeof p.text === 'number' ? String(p.text) : '';
    if (text.trim() === '') return error(400, 'Bad Request: message text is empty');
    if ([...text].length > TELEGRAM_TEXT_LIMIT) return error(400, 'Bad Request: message is too long');
    const parseMode = typeof p.parse_mode === 'string' && p.parse_mode !== '' ? p.parse_mode : undefined;
    if (parseMode && !['HTML', 'Markdown', 'MarkdownV2'].includes(parseMode))
      return error(400, `Bad Request: unsupported parse_mode "${parseMode}"`);
    const reply = jsonParam(p.reply_parameters) as
      { message_id?: unknown; allow_sending_without_reply?: unknown } | undefined;
    const replyTo = Number(reply?.message_id ?? p.reply_to_message_id ?? NaN);
    let replyToMessageId: number | undefined;
    if (Number.isSafeInteger(replyTo)) {
      const exists = store.entries(chat.id).some((e) => e.messageId === replyTo);
      if (exists) replyToMessageId = replyTo;
      else if (reply?.allow_sending_without_reply !== true && p.allow_sending_without_reply !== true)
        return error(400, 'Bad Request: message to be replied not found');
    }
    const entry = await store.addEntry({
      chatId: chat.id,
      date: now(),
      direction: 'bot',
      from: botUser(token),
      text,
      ...(replyToMessageId !== undefined ? { replyToMessageId } : {}),
      ...(parseMode ? { parseMode } : {}),
    });
    log(`bot → chat ${chat.id}: message ${entry.messageId} (${[...text].length} characters)`);
    return ok(messageObject(entry));
  }

  function getFile(p: Record<string, unknown>): BotAnswer {
    const file = typeof p.file_id === 'string' ? store.file(p.file_id) : undefined;
    if (!file) return error(400, 'Bad Request: invalid file_id');
    if (file.file_size > maxBotFileBytes) return error(400, 'Bad Request: file is too big');
    return ok({
      file_id: file.file_id,
      file_unique_id: file.file_unique_id,
      file_size: file.file_size,
      file_path: file.file_path,
    });
  }

  async function setWebhook(p: Record<string, unknown>): Promise<BotAnswer> {
    const url = typeof p.url === 'string' ? p.url : '';
    if (url === '') {
      await store.setWebhook(null);
      return ok(true, 'Webhook is already deleted');
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return error(400, 'Bad Request: bad webhook: Failed to resolve host: Name or service not known');
    }
    // Telegram wants HTTPS on 443, 80, 88 or 8443; the sandbox takes a local http URL on any port.
    if (!/^https?:$/.test(parsed.protocol))
      return error(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
    const secret = p.secret_token;
    if (secret !== undefined && secret !== '' && (typeof secret !== 'string' || !SECRET_PATTERN.test(secret)))
      return error(400, 'Bad Request: secret token contains unallowed characters');
    const allowed = jsonParam(p.allowed_updates);
    await store.setWebhook({
      url,
      ...(typeof secret === 'string' && secret !== '' ? { secretToken: secret } : {}),
      maxConnections: Number(p.max_connections ?? 40) || 40,
      ...(Array.isArray(allowed) ? { allowedUpdates: allowed.map(String) } : {}),
      setAt: new Date().toISOString(),
    });
    log(`webhook set to ${url}${typeof secret === 'string' && secret ? ' (with a secret token)' : ''}`);
    return ok(true, 'Webhook was set');
  }

  function webhookInfo(): BotAnswer {
    const webhook = store.webhook;
    const customers = store.entries().filter((e) => e.direction === 'customer');
    const pending = customers.filter((e) => {
      const last = e.deliveries?.at(-1);
      return !last || last.status === null || last.status < 200 || last.status > 299;
    });
    const failed = customers
      .flatMap((e) => e.deliveries ?? [])
      .filter((d) => d.status === null || d.status < 200 || d.status > 299)
      .at(-1);
    return ok({
      url: webhook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: webhook ? pending.length : 0,
      ...(webhook ? { max_connections: webhook.maxConnections } : {}),
      ...(webhook?.allowedUpdates ? { allowed_updates: webhook.allowedUpdates } : {}),
      ...(failed
        ? {
            last_error_date: Math.floor(Date.parse(failed.at) / 1000),
            last_error_message:
              failed.status === null ? failed.answer : `Wrong response from the webhook: ${failed.status}`,
          }
        : {}),
    });
  }

  async function botMethod(token: string, method: string, p: Record<string, unknown>): Promise<BotAnswer> {
    switch (method.toLowerCase()) {
      case 'getme':
        return ok({
          ...botUser(token),
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: false,
          can_connect_to_business: false,
          has_main_web_app: false,
        });
      case 'sendmessage':
        return sendMessage(token, p);
      case 'getfile':
        return getFile(p);
      case 'setwebhook':
        return setWebhook(p);
      case 'deletewebhook':
        await store.setWebhook(null);
        return ok(true, 'Webhook was deleted');
      case 'getwebhookinfo':
        return webhookInfo();
      default:
        return error(404, 'Not Found');
    }
  }

  // --- The customer's side ----------------------------------------------------------------------------

  async function storeFile(file: NonNullable<CustomerPost['file']>) {
    const mimeType = (
      file.contentType || (file.as === 'photo' ? 'image/jpeg' : 'application/octet-stream')
    ).toLowerCase();
    if (file.as === 'photo') {
      // Telegram makes several sizes of a photo; here two nominal ones of the same bytes, largest last.
      const [small, large] = await store.addFile(file.bytes, { mimeType, folder: 'photos' }, 2);
      return {
        photo: [
          {
            file_id: small.file_id,
            file_unique_id: small.file_unique_id,
            width: 90,
            height: 68,
            file_size: small.file_size,
          },
          {
            file_id: large.file_id,
            file_unique_id: large.file_unique_id,
            width: 1280,
            height: 960,
            file_size: large.file_size,
          },
        ],
      };
    }
    const name = (file.name || 'file').split(/[\\/]/).pop()!.slice(0, 200);
    const [doc] = await store.addFile(file.bytes, { mimeType, fileName: name, folder: 'documents' });
    return {
      document: {
        file_id: doc.file_id,
        file_unique_id: doc.file_unique_id,
        file_name: name,
        mime_type: mimeType,
        file_size: doc.file_size,
      },
    };
  }

  async function chatFor(input: CustomerPost): Promise<{ chat: SandboxChat; from: SandboxUser }> {
    const person = (existing?: SandboxUser): SandboxUser => ({
      id: input.from?.id ?? existing?.id ?? store.takeUserId(),
      is_bot: false,
      first_name: (input.from?.first_name ?? existing?.first_name ?? 'Customer').slice(0, 64) || 'Customer',
      ...((input.from?.last_name ?? existing?.last_name)
        ? { last_name: (input.from?.last_name ?? existing?.last_name)!.slice(0, 64) }
        : {}),
      ...((input.from?.username ?? existing?.username)
        ? { username: (input.from?.username ?? existing?.username)!.slice(0, 32) }
        : {}),
      ...((input.from?.language_code ?? existing?.language_code)
        ? { language_code: (input.from?.language_code ?? existing?.language_code)!.slice(0, 35) }
        : {}),
    });
    if (input.chatId !== undefined) {
      const chat = store.chat(input.chatId);
      if (!chat) throw new SandboxInputError(404, `No chat ${input.chatId} in the sandbox.`);
      const writers = store
        .entries(chat.id)
        .filter((e) => e.direction === 'customer')
        .map((e) => e.from);
      if (chat.type !== 'private' && input.from && input.from.id === undefined) {
        // A group has many members: one named by first name is that member, or a new one (never
        // the last writer under another name).
        const named = writers.filter((w) => w.first_name === input.from!.first_name).at(-1);
        return {
          chat,
          from: person(named ?? { id: store.takeUserId(), is_bot: false, first_name: 'Member' }),
        };
      }
      if (chat.type !== 'private' && input.from?.id !== undefined)
        return { chat, from: person(writers.filter((w) => w.id === input.from!.id).at(-1)) };
      // The same customer keeps writing: their last message names them.
      return { chat, from: person(writers.at(-1)) };
    }
    const from = person();
    if (input.group) {
      const id = -(1_000_000_000_000 + store.takeUserId());
      const chat = await store.upsertChat({
        id,
        type: input.group.type ?? 'supergroup',
        title: input.group.title.slice(0, 128) || 'Group',
        ...(input.group.username ? { username: input.group.username } : {}),
        blocked: false,
        lastMessageId: 0,
      });
      return { chat, from };
    }
    if (store.chat(from.id))
      throw new SandboxInputError(409, `A chat with user ${from.id} exists: post with its chatId.`);
    const chat = await store.upsertChat({
      id: from.id,
      type: 'private',
      first_name: from.first_name,
      ...(from.last_name ? { last_name: from.last_name } : {}),
      ...(from.username ? { username: from.username } : {}),
      blocked: false,
      lastMessageId: 0,
    });
    return { chat, from };
  }

  async function deliverEntry(entry: ChatEntry, secret: Delivery['secret']): Promise<Delivery> {
    const webhook = store.webhook;
    if (!webhook)
      throw new SandboxInputError(
        409,
        'No webhook is set: the bot must call setWebhook first (npm run up does).',
      );
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (secret === 'right' && webhook.secretToken)
      headers['x-telegram-bot-api-secret-token'] = webhook.secretToken;
    if (secret === 'wrong') headers['x-telegram-bot-api-secret-token'] = WRONG_SECRET;
    let delivery: Delivery;
    try {
      const res = await fetch(webhook.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(entry.update),
        signal: AbortSignal.timeout(deliveryTimeoutMs),
      });
      delivery = {
        at: new Date().toISOString(),
        url: webhook.url,
        secret,
        status: res.status,
        answer: (await res.text()).slice(0, 1000),
      };
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      delivery = {
        at: new Date().toISOString(),
        url: webhook.url,
        secret,
        status: null,
        answer: `Connection failed: ${cause ?? (err as Error).message}`,
      };
    }
    await store.updateEntry({ ...entry, held: false, deliveries: [...(entry.deliveries ?? []), delivery] });
    log(`update ${entry.updateId} → webhook: ${delivery.status ?? 'no answer'} (secret ${secret})`);
    return delivery;
  }

  async function post(input: CustomerPost): Promise<PostResult> {
    const text = input.text ?? '';
    if (!input.file && text.trim() === '')
      throw new SandboxInputError(400, 'Send text, or a file (photo or document).');
    const limit = input.file ? TELEGRAM_CAPTION_LIMIT : TELEGRAM_TEXT_LIMIT;
    if ([...text].length > limit)
      throw new SandboxInputError(
        400,
        `At most ${limit} characters ${input.file ? 'in a caption' : 'in a message'}.`,
      );
    if (input.file && input.file.bytes.length > maxUploadBytes)
      throw new SandboxInputError(413, `Files up to ${maxUploadBytes} bytes.`);
    const { chat, from } = await chatFor(input);
    const content = input.file ? await storeFile(input.file) : {};
    const updateId = store.takeUpdateId();
    const entry = await store.addEntry({
      chatId: chat.id,
      date: now(),
      direction: 'customer',
      from,
      ...(input.file ? (text ? { caption: text } : {}) : { text }),
      ...content,
      updateId,
      held: input.hold === true,
      deliveries: [],
    });
    const withUpdate = { ...entry, update: { update_id: updateId, message: messageObject(entry) } };
    await store.updateEntry(withUpdate);
    log(`customer in chat ${chat.id}: update ${updateId}${input.hold ? ' (held)' : ''}`);
    if (input.hold) return { entry: withUpdate };
    const delivery = await deliverEntry(withUpdate, input.secret ?? 'right');
    return { entry: store.entryOfUpdate(updateId)!, delivery };
  }

  async function deliver(updateId: number, secret: Delivery['secret'] = 'right'): Promise<PostResult> {
    const entry = store.entryOfUpdate(updateId);
    if (!entry) throw new SandboxInputError(404, `No update ${updateId} in the sandbox.`);
    const delivery = await deliverEntry(entry, secret);
    return { entry: store.entryOfUpdate(updateId)!, delivery };
  }

  async function block(chatId: number, blocked: boolean): Promise<SandboxChat> {
    const chat = store.chat(chatId);
    if (!chat) throw new SandboxInputError(404, `No chat ${chatId} in the sandbox.`);
    log(`chat ${chatId}: the customer ${blocked ? 'blocked' : 'unblocked'} the bot`);
    return store.upsertChat({ ...chat, blocked });
  }

  function setFailure(next: Partial<Failure> & { mode: FailureMode }): void {
    if (!FAILURE_MODES.includes(next.mode))
      throw new SandboxInputError(400, `mode must be one of ${FAILURE_MODES.join(', ')}`);
    const retryAfter = next.retryAfter ?? 5;
    const remaining = next.remaining ?? null;
    if (!Number.isInteger(retryAfter) || retryAfter < 1 || retryAfter > 3600)
      throw new SandboxInputError(400, 'retryAfter: whole seconds, 1 to 3600');
    if (remaining !== null && (!Number.isInteger(remaining) || remaining < 1))
      throw new SandboxInputError(
        400,
        'remaining: a positive whole number, or null for "until switched off"',
      );
    failure = { mode: next.mode, retryAfter, remaining: next.mode === null ? null : remaining };
    log(
      next.mode === null
        ? 'failures off'
        : `failure on: the Bot API answers ${next.mode}${remaining ? ` ${remaining} time(s)` : ''}`,
    );
  }

  // --- HTTP ---------------------------------------------------------------------------------------------

  const app = strictApp(express());
  app.disable('x-powered-by');
  // The pages show every customer's chat and post as them: a page on another site that rebinds its
  // name to this machine must reach none of it (DNS rebinding), so only allowed host names are answered.
  const allowedHosts = options.allowedHosts ?? [];
  app.use((req, _res, next) => {
    // Both answered in the shape of the path's family (Bot API, control API, pages) by the handler below.
    if (!hostAllowed(req.headers.host, allowedHosts))
      return next(new SandboxInputError(421, 'This server does not answer for that host name.'));
    // A path that does not decode is the caller's mistake, never a router exception (a 500).
    if (!decodablePath(req.url.split('?')[0]))
      return next(new SandboxInputError(400, 'The path’s percent-encoding is not valid.'));
    next();
  });
  const bodies = [express.json({ limit: '1mb' }), express.urlencoded({ extended: false, limit: '1mb' })];

  // The Bot API: /bot<token>/<method>, GET or POST, methods case-insensitive.
  app.all(/^\/bot([^/]+)\/([A-Za-z]+)$/, ...bodies, async (req, res) => {
    const [, token, method] = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.path)!;
    const answer = !tokenAccepted(token)
      ? error(401, 'Unauthorized')
      : (failureAnswer() ?? (await botMethod(token, method, paramsOf(req))));
    res.status(answer.status).json(answer.body);
  });

  // Files: /file/bot<token>/<file_path>.
  app.get(/^\/file\/bot([^/]+)\/(.+)$/, async (req, res) => {
    const [, token, filePath] = /^\/file\/bot([^/]+)\/(.+)$/.exec(req.path)!;
    const refusal = !tokenAccepted(token) ? error(401, 'Unauthorized') : failureAnswer();
    if (refusal) return void res.status(refusal.status).json(refusal.body);
    const file = store.fileByPath(decodeURIComponent(filePath));
    if (!file) return void res.status(404).json(error(404, 'Not Found').body);
    res.type(file.mime_type).send(await store.readBlob(file));
  });

  // --- Control API for tests and scripts (no token, never affected by the failure switch) ----------

  app.get('/sandbox/health', (_req, res) => {
    res.json({
      ok: true,
      chats: store.chats().length,
      messages: store.entries().length,
      webhook: store.webhook ? { url: store.webhook.url, secret: !!store.webhook.secretToken } : null,
      failure,
    });
  });

  app.post(
    '/sandbox/updates',
    express.json({ limit: `${Math.ceil((maxUploadBytes * 4) / 3) + 65536}b` }),
    async (req, res) => {
      res.json(await post(customerPostFromJson(req.body)));
    },
  );

  app.post('/sandbox/updates/:updateId/deliver', express.json(), async (req, res) => {
    const secret = (req.body as { secret?: unknown } | undefined)?.secret ?? 'right';
    if (!['right', 'wrong', 'missing'].includes(secret as string))
      throw new SandboxInputError(400, 'secret: right, wrong or missing');
    res.json(await deliver(Number(req.params.updateId), secret as Delivery['secret']));
  });

  app.get('/sandbox/chats', (_req, res) => {
    res.json({ chats: store.chats() });
  });

  app.get('/sandbox/chats/:chatId/messages', (req, res) => {
    const chat = store.chat(Number(req.params.chatId));
    if (!chat) return void res.status(404).json({ error: `No chat ${req.params.chatId}` });
    res.json({ chat, messages: store.entries(chat.id) });
  });

  app.post('/sandbox/chats/:chatId/block', express.json(), async (req, res) => {
    const blocked = (req.body as { blocked?: unknown } | undefined)?.blocked;
    if (typeof blocked !== 'boolean')
      throw new SandboxInputError(400, 'Send {"blocked": true} or {"blocked": false}.');
    res.json(await block(Number(req.params.chatId), blocked));
  });

  app.get('/sandbox/failure', (_req, res) => {
    res.json(failure);
  });

  app.post('/sandbox/failure', express.json(), (req, res) => {
    const body = (req.body ?? {}) as { mode?: FailureMode; retryAfter?: number; remaining?: number | null };
    setFailure({ mode: body.mode ?? null, retryAfter: body.retryAfter, remaining: body.remaining });
    res.json(failure);
  });

  app.delete('/sandbox/state', async (_req, res) => {
    res.json({ deleted: await store.clear() });
  });

  // --- Inbox pages and their forms --------------------------------------------------------------------

  const htmlHeaders = (res: Response) => {
    res.type('html');
    // No scripts anywhere; images only from here (the customers' photos).
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'",
    );
  };
  const webhookView = () => {
    const info = webhookInfo().body.result as Record<string, unknown>;
    return {
      url: store.webhook?.url,
      secret: !!store.webhook?.secretToken,
      pending: info.pending_update_count as number,
      lastError: info.last_error_message as string | undefined,
    };
  };

  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end(); // no icon; and no 404 in the browser's console
  });

  app.get('/', (_req, res) => {
    htmlHeaders(res);
    res.send(
      renderInbox({
        chats: store.chats().map((chat) => ({
          chat,
          last: store.entries(chat.id).at(-1),
          count: store.entries(chat.id).length,
        })),
        webhook: webhookView(),
        failure,
      }),
    );
  });

  app.get('/chats/:chatId', (req, res) => {
    const chat = store.chat(Number(req.params.chatId));
    htmlHeaders(res);
    if (!chat) return void res.status(404).send(renderNotFound(`No chat ${req.params.chatId}.`));
    res.send(renderChat({ chat, entries: store.entries(chat.id), webhook: webhookView(), failure }));
  });

  // A file customers sent, for the pages: images shown, everything else downloaded, never run.
  app.get('/files/:fileId', async (req, res) => {
    const file = store.file(String(req.params.fileId));
    if (!file) return void res.status(404).type('text').send('No such file.');
    const image = /^image\/(jpeg|png|gif|webp)$/.test(file.mime_type);
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (!image)
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${(file.file_name ?? 'file').replace(/[^\w.-]/g, '_')}"`,
      );
    res.type(image ? file.mime_type : 'application/octet-stream').send(await store.readBlob(file));
  });

  app.post('/chats', async (req, res) => {
    const form = await readForm(req, maxUploadBytes);
    const groupTitle = form.fields.group_title?.trim();
    const result = await post({
      ...customerPostFromForm(form),
      ...(groupTitle ? { group: { title: groupTitle } } : {}),
      from: {
        first_name: form.fields.first_name?.trim() || undefined,
        last_name: form.fields.last_name?.trim() || undefined,
        username: form.fields.username?.trim().replace(/^@/, '') || undefined,
        language_code: form.fields.language_code?.trim() || undefined,
      },
    });
    res.redirect(303, `/chats/${result.entry.chatId}`);
  });

  app.post('/chats/:chatId/messages', async (req, res) => {
    const form = await readForm(req, maxUploadBytes);
    // In a group: as the member chosen, or a new member by first name.
    const member = form.fields.member?.trim();
    const firstName = form.fields.first_name?.trim();
    const from =
      member && member !== 'new'
        ? { id: Number(member) }
        : firstName
          ? { first_name: firstName, language_code: form.fields.language_code?.trim() || undefined }
          : undefined;
    const result = await post({
      ...customerPostFromForm(form),
      chatId: Number(req.params.chatId),
      ...(from ? { from } : {}),
    });
    res.redirect(303, `/chats/${result.entry.chatId}#m${result.entry.messageId}`);
  });

  // A person follows a bot's t.me/<bot>?start=<param> link: Telegram opens their private chat with the
  // bot (a new one the first time) and sends "/start <param>" in it.
  app.post('/start', express.urlencoded({ extended: false }), async (req, res) => {
    const body = req.body as Record<string, string | undefined>;
    const userId = Number(body.user_id);
    if (!Number.isSafeInteger(userId) || userId <= 0) throw new SandboxInputError(400, 'user_id: a user id');
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(body.param ?? ''))
      throw new SandboxInputError(400, 'param: 1–64 characters of A–Z, a–z, 0–9, _ and -');
    const text = `/start ${body.param}`;
    const result = store.chat(userId)
      ? await post({ chatId: userId, text })
      : await post({
          from: {
            id: userId,
            first_name: body.first_name || undefined,
            last_name: body.last_name || undefined,
            language_code: body.language_code || undefined,
          },
          text,
        });
    res.redirect(303, `/chats/${result.entry.chatId}#m${result.entry.messageId}`);
  });

  app.post('/chats/:chatId/block', express.urlencoded({ extended: false }), async (req, res) => {
    const chat = await block(Number(req.params.chatId), (req.body as { blocked?: string }).blocked === '1');
    res.redirect(303, `/chats/${chat.id}`);
  });

  app.post('/updates/:updateId/deliver', express.urlencoded({ extended: false }), async (req, res) => {
    const secret = (req.body as { secret?: string }).secret ?? 'right';
    if (!['right', 'wrong', 'missing'].includes(secret))
      throw new SandboxInputError(400, 'secret: right, wrong or missing');
    const result = await deliver(Number(req.params.updateId), secret as Delivery['secret']);
    res.redirect(303, `/chats/${result.entry.chatId}#m${result.entry.messageId}`);
  });

  app.post('/failure', express.urlencoded({ extended: false }), (req, res) => {
    const body = req.body as { mode?: string; retryAfter?: string; remaining?: string };
    setFailure({
      mode: body.mode ? (Number(body.mode) as FailureMode) : null,
      retryAfter: body.retryAfter ? Number(body.retryAfter) : undefined,
      remaining: body.remaining ? Number(body.remaining) : null,
    });
    res.redirect(303, (req.get('referer') && new URL(req.get('referer')!).pathname) || '/');
  });

  // --- Errors -------------------------------------------------------------------------------------------

  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const type = (err as { type?: string } | null)?.type;
    const [status, message] =
      err instanceof SandboxInputError
        ? [err.status, err.message]
        : type === 'entity.parse.failed'
          ? [400, 'The body is not valid JSON.']
          : type === 'entity.too.large'
            ? [413, 'The body is too large.']
            : [500, 'Internal error in the Telegram sandbox.'];
    if (status === 500)
      log(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    // The Bot API answers in its own shape; everything else plainly.
    if (/^\/(bot|file\/bot)/.test(req.path)) return void res.status(status).json(error(status, message).body);
    if (req.path.startsWith('/sandbox/')) return void res.status(status).json({ error: message });
    htmlHeaders(res);
    res.status(status).send(renderNotFound(message));
  });

  return {
    app,
    store,
    setFailure,
    getFailure: () => failure,
    post,
    deliver,
    block,
  };
}

/** POST /sandbox/updates: the JSON form of a CustomerPost (files as base64). */
function customerPostFromJson(body: unknown): CustomerPost {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new SandboxInputError(
      400,
      'Send a JSON object: {"text": "…"} or with "photo"/"document": {"name", "contentType", "base64"}.',
    );
  const b = body as Record<string, unknown>;
  const str = (v: unknown, name: string): string | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw new SandboxInputError(400, `${name}: expected text`);
    return v;
  };
  const fileOf = (v: unknown, as: 'photo' | 'document'): CustomerPost['file'] => {
    if (v === undefined) return undefined;
    const f = (v ?? {}) as Record<string, unknown>;
    const base64 = str(f.base64, `${as}.base64`);
    if (!base64) throw new SandboxInputError(400, `${as}.base64: the file's bytes, base64-encoded`);
    return {
      as,
      name: str(f.name, `${as}.name`),
      contentType: str(f.contentType, `${as}.contentType`),
      bytes: Buffer.from(base64, 'base64'),
    };
  };
  if (b.photo !== undefined && b.document !== undefined)
    throw new SandboxInputError(400, 'A message carries a photo or a document, not both.');
  const secret = b.secret ?? 'right';
  if (!['right', 'wrong', 'missing'].includes(secret as string))
    throw new SandboxInputError(400, 'secret: right, wrong or missing');
  const from = b.from as CustomerPost['from'] | undefined;
  if (from !== undefined && (typeof from !== 'object' || from === null))
    throw new SandboxInputError(400, 'from: an object');
  const chatId = b.chatId === undefined ? undefined : Number(b.chatId);
  if (chatId !== undefined && !Number.isSafeInteger(chatId))
    throw new SandboxInputError(400, 'chatId: a chat id');
  const group = b.group as CustomerPost['group'] | undefined;
  if (group !== undefined && typeof group?.title !== 'string')
    throw new SandboxInputError(400, 'group: {"title": "…"}');
  return {
    ...(chatId !== undefined ? { chatId } : {}),
    ...(from ? { from } : {}),
    ...(group ? { group } : {}),
    text: str(b.text, 'text'),
    file: fileOf(b.photo, 'photo') ?? fileOf(b.document, 'document'),
    secret: secret as CustomerPost['secret'],
    hold: b.hold === true,
  };
}

interface Form {
  fields: Record<string, string>;
  file?: { name: string; type: string; bytes: Buffer };
}

function customerPostFromForm(form: Form): CustomerPost {
  const secret = form.fields.secret ?? 'right';
  if (!['right', 'wrong', 'missing'].includes(secret))
    throw new SandboxInputError(400, 'secret: right, wrong or missing');
  return {
    text: form.fields.text ?? '',
    ...(form.file
      ? {
          file: {
            as: form.fields.as === 'document' ? 'document' : 'photo',
            name: form.file.name,
            contentType: form.file.type,
            bytes: form.file.bytes,
          },
        }
      : {}),
    secret: secret as CustomerPost['secret'],
    hold: form.fields.hold === '1',
  };
}

/** The pages' forms: multipart with at most one file, or urlencoded. */
function readForm(req: Request, maxFileBytes: number): Promise<Form> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: Form['file'];
    let tooLarge = false;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: 1, fileSize: maxFileBytes, fields: 20 },
      });
    } catch {
      return reject(new SandboxInputError(415, 'Send the form (multipart/form-data or urlencoded).'));
    }
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('file', (_name, stream, info) => {
      const name = info.filename;
      if (!name) return void stream.resume(); // an empty file input
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => (tooLarge = true));
      stream.on('close', () => {
        file = { name, type: info.mimeType, bytes: Buffer.concat(chunks) };
      });
    });
    parser.on('error', () => reject(new SandboxInputError(400, 'The form could not be read.')));
    parser.on('close', () =>
      tooLarge
        ? reject(new SandboxInputError(413, `Files up to ${maxFileBytes} bytes.`))
        : resolve({ fields, ...(file ? { file } : {}) }),
    );
    req.pipe(parser);
  });
}
