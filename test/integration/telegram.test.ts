// Telegram end to end over real HTTP, without Temporal (nothing reaches a case yet): the Telegram
// sandbox posts customers' updates to the API's webhook, which stores them in a real PostgreSQL; the
// Bot API client talks to the sandbox, whose switchable failures come back classified.
import { strict as assert } from 'node:assert';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { problemSchema } from '../../api/schemas';
import { freePort } from '../../infra/ports';
import { createStore, migrate, type Store } from '../../infra/store';
import { createTelegramClient, TelegramError, type TelegramClient } from '../../infra/telegram';
import { DEFAULT_TELEGRAM_SANDBOX_TOKEN } from '../../sandbox/telegram/constants';
import { startTelegramSandbox, type RunningTelegramSandbox } from '../../sandbox/telegram/server';
import type { PostResult } from '../../sandbox/telegram/app';
import { freshDatabase, type TestDatabase } from '../helpers/postgres';
import { solidPng, webhookApi, type WebhookApi } from '../helpers/telegram';

const SECRET = crypto.randomBytes(24).toString('base64url');
const PNG = solidPng(120, 80, [36, 71, 107]);

interface Row {
  update_id: number;
  chat_id: number;
  kind: string;
  state: string;
  received_at: Date;
  message: {
    text: string;
    kind: string;
    from?: { id?: number; firstName: string; languageCode?: string };
    files: { role: string; fileId: string; fileName?: string }[];
  };
}

describe('Telegram: the webhook through the sandbox (integration)', function () {
  this.timeout(60_000);
  let db: TestDatabase;
  let store: Store;
  let dataDir: string;
  let telegram: RunningTelegramSandbox;
  let bot: TelegramClient;
  let api: string;
  const apis: WebhookApi[] = [];
  const serveApi = async (secret: string | undefined) => {
    const served = await webhookApi(store, secret);
    apis.push(served);
    return served.url;
  };

  const rows = async (): Promise<Row[]> =>
    (await store.query<Row>('SELECT * FROM telegram_messages ORDER BY update_id')).rows;
  const post = async (body: Record<string, unknown>): Promise<PostResult> => {
    const res = await fetch(`${telegram.url}/sandbox/updates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as PostResult;
  };
  const deliver = async (updateId: number, secret = 'right'): Promise<PostResult> => {
    const res = await fetch(`${telegram.url}/sandbox/updates/${updateId}/deliver`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ secret }),
    });
    assert.equal(res.status, 200);
    return (await res.json()) as PostResult;
  };
  const answerOf = (result: PostResult) => JSON.parse(result.delivery!.answer) as Record<string, unknown>;
  /** Posts straight to the webhook, as anyone on the internet could. */
  const hook = (body: string, headers: Record<string, string> = {}, base = api) =>
    fetch(`${base}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET, ...headers },
      body,
    });

  before(async function () {
    db = await freshDatabase('postgresql');
    store = createStore(db.url, { max: 4 });
    await migrate(store);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'complaint-desk-telegram-'));
    // A small getFile limit, so "file is too big" needs no 20 MB upload.
    telegram = await startTelegramSandbox({ port: 0, dataDir, maxBotFileBytes: 4096 });
    bot = createTelegramClient({ apiUrl: telegram.url });
    api = await serveApi(SECRET);
    // What `npm run up` does: the bot's webhook points at the API, with the secret.
    assert.equal(await bot.setWebhook({ url: `${api}/webhooks/telegram`, secretToken: SECRET }), true);
  });

  after(async () => {
    for (const served of apis) await served.close();
    await telegram?.close();
    await store?.end();
    await db?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => telegram.sandbox.setFailure({ mode: null }));

  it('stores a customer’s message delivered with the right secret, once', async () => {
    const result = await post({
      text: 'Paczka przyszła zniszczona',
      from: { first_name: 'Anna', language_code: 'pl' },
    });
    assert.equal(result.delivery?.status, 200);
    assert.equal(result.delivery?.secret, 'right');
    assert.deepEqual(answerOf(result), {
      result: 'stored',
      updateId: result.entry.updateId,
      state: 'received',
    });
    const [row] = (await rows()).filter((r) => r.update_id === result.entry.updateId);
    assert.equal(row.chat_id, result.entry.chatId);
    assert.equal(row.kind, 'text');
    assert.equal(row.state, 'received');
    assert.equal(row.message.text, 'Paczka przyszła zniszczona');
    assert.deepEqual(row.message.from, { id: result.entry.chatId, firstName: 'Anna', languageCode: 'pl' });
  });

  it('refuses a wrong or missing secret with 401 and stores nothing; Telegram’s webhook info shows it', async () => {
    const before = await rows();
    const wrong = await post({ text: 'wrong secret', secret: 'wrong' });
    assert.equal(wrong.delivery?.status, 401);
    assert.equal(
      problemSchema.parse(answerOf(wrong)).detail,
      "The X-Telegram-Bot-Api-Secret-Token is not this webhook's.",
    );
    const missing = await post({ text: 'no secret', secret: 'missing' });
    assert.equal(missing.delivery?.status, 401);
    assert.match(problemSchema.parse(answerOf(missing)).detail, /^Send X-Telegram-Bot-Api-Secret-Token/);
    assert.deepEqual(await rows(), before, 'nothing stored');

    const info = (await (
      await fetch(`${telegram.url}/bot${DEFAULT_TELEGRAM_SANDBOX_TOKEN}/getWebhookInfo`)
    ).json()) as {
      result: { url: string; pending_update_count: number; last_error_message?: string };
    };
    assert.equal(info.result.url, `${api}/webhooks/telegram`);
    assert.equal(info.result.pending_update_count, 2);
    assert.equal(info.result.last_error_message, 'Wrong response from the webhook: 401');

    // Delivered again with the right secret, as Telegram would once the configuration is fixed.
    const again = await deliver(missing.entry.updateId!);
    assert.equal(answerOf(again).result, 'stored');
    assert.equal((await rows()).length, before.length + 1);
  });

  it('answers a repeated delivery 200 and changes nothing', async () => {
    const first = await post({ text: 'Delivered twice' });
    const stored = (await rows()).find((r) => r.update_id === first.entry.updateId)!;
    const repeat = await deliver(first.entry.updateId!);
    assert.equal(repeat.delivery?.status, 200);
    assert.deepEqual(answerOf(repeat), {
      result: 'repeat',
      updateId: first.entry.updateId,
      state: 'received',
    });
    const now = (await rows()).filter((r) => r.update_id === first.entry.updateId);
    assert.deepEqual(now, [stored], 'the same row, received when it first came');
  });

  it('stores each of several updates delivered out of order', async () => {
    const customer = await post({ text: 'First', from: { first_name: 'Sara' } });
    const chatId = customer.entry.chatId;
    const second = await post({ chatId, text: 'Second', hold: true });
    const third = await post({ chatId, text: 'Third', hold: true });
    const fourth = await post({ chatId, text: 'Fourth' });
    assert.ok(
      second.entry.updateId! < third.entry.updateId! && third.entry.updateId! < fourth.entry.updateId!,
    );
    assert.equal(answerOf(await deliver(third.entry.updateId!)).result, 'stored');
    assert.equal(answerOf(await deliver(second.entry.updateId!)).result, 'stored');
    const chat = (await rows()).filter((r) => r.chat_id === chatId);
    assert.deepEqual(
      chat.map((r) => r.message.text),
      ['First', 'Second', 'Third', 'Fourth'],
      'every update stored, in update_id order',
    );
    const byArrival = [...chat].sort((a, b) => a.received_at.getTime() - b.received_at.getTime());
    assert.deepEqual(
      byArrival.map((r) => r.message.text),
      ['First', 'Fourth', 'Third', 'Second'],
    );
  });

  it('takes a photo and a document; getFile and the download give their bytes, within the limits', async () => {
    const photo = await post({
      text: 'The box',
      photo: { base64: PNG.toString('base64'), contentType: 'image/png' },
    });
    assert.equal(answerOf(photo).result, 'stored');
    const row = (await rows()).find((r) => r.update_id === photo.entry.updateId)!;
    assert.equal(row.kind, 'photo');
    assert.equal(row.message.text, 'The box');
    assert.equal(row.message.files[0].fileId, photo.entry.photo!.at(-1)!.file_id, 'the largest size');
    const file = await bot.getFile(row.message.files[0].fileId);
    assert.match(file.file_path ?? '', /^photos\/file_\d+\.png$/);
    assert.deepEqual(await bot.downloadFile(file), PNG);
    await assert.rejects(
      bot.downloadFile(file, { maxBytes: 10 }),
      (err: TelegramError) => err.kind === 'too-large',
    );
    // A path given alone (no declared size) is cut off while reading.
    await assert.rejects(
      bot.downloadFile(file.file_path!, { maxBytes: 10 }),
      (err: TelegramError) => err.kind === 'too-large' && !err.retryable,
    );
    await assert.rejects(
      bot.downloadFile('photos/none.png'),
      (err: TelegramError) => err.kind === 'rejected',
    );

    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(1000)]);
    const doc = await post({
      chatId: photo.entry.chatId,
      document: { name: 'faktura.pdf', contentType: 'application/pdf', base64: pdf.toString('base64') },
    });
    const docRow = (await rows()).find((r) => r.update_id === doc.entry.updateId)!;
    assert.equal(docRow.kind, 'document');
    assert.equal(docRow.message.files[0].fileName, 'faktura.pdf');
    assert.deepEqual(await bot.downloadFile(await bot.getFile(docRow.message.files[0].fileId)), pdf);

    const big = await post({
      chatId: photo.entry.chatId,
      document: { name: 'scan.pdf', base64: crypto.randomBytes(5000).toString('base64') },
    });
    await assert.rejects(bot.getFile(big.entry.document!.file_id), (err: TelegramError) => {
      assert.equal(err.kind, 'too-large');
      assert.equal(err.details.description, 'Bad Request: file is too big');
      return true;
    });
    await assert.rejects(bot.getFile('no-such-file'), (err: TelegramError) => err.kind === 'rejected');
  });

  it('answers bad input with a 4xx problem and stores nothing', async () => {
    const before = await rows();
    const cases: [string, Record<string, string>, number, RegExp][] = [
      ['{"update_id": 1,', {}, 400, /not valid JSON/],
      ['update_id=1', { 'content-type': 'application/x-www-form-urlencoded' }, 415, /application\/json/],
      ['[{"update_id": 1}]', {}, 400, /Telegram update is not valid/],
      ['{"update_id": 1}', {}, 400, /Telegram update is not valid/],
      ['{"update_id": "1", "message": {}}', {}, 400, /Telegram update is not valid/],
      [
        JSON.stringify({ update_id: 2, message: { message_id: 1, date: 1, text: 'x'.repeat(300_000) } }),
        {},
        413,
        /limit/,
      ],
    ];
    for (const [body, headers, status, detail] of cases) {
      const res = await hook(body, headers);
      assert.equal(res.status, status, body.slice(0, 60));
      assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.match(problemSchema.parse(await res.json()).detail, detail);
    }
    const noChat = await hook(
      JSON.stringify({ update_id: 3, message: { message_id: 1, date: 1, text: 'hi' } }),
    );
    const problem = problemSchema.parse(await noChat.json());
    assert.deepEqual(
      problem.errors?.map((e) => `${e.field}: ${e.message}`),
      ['message.chat: required'],
    );
    assert.deepEqual(await rows(), before);
    // Kinds of update we do not take are answered 200 (else Telegram delivers them again and again).
    const edited = await hook(JSON.stringify({ update_id: 4, edited_message: { message_id: 1 } }));
    assert.equal(edited.status, 200);
    assert.deepEqual(await edited.json(), {
      result: 'ignored',
      updateId: 4,
      reason: 'edited_message updates are not taken',
    });
    assert.deepEqual(await rows(), before);
  });

  it('refuses every delivery when no secret is configured', async () => {
    const unconfigured = await serveApi(undefined);
    const before = await rows();
    for (const headers of [{}, { 'x-telegram-bot-api-secret-token': '' }] as Record<string, string>[]) {
      const res = await hook(
        JSON.stringify({
          update_id: 77,
          message: { message_id: 1, date: 1, chat: { id: 1, type: 'private' }, text: 'x' },
        }),
        headers,
        unconfigured,
      );
      assert.equal(res.status, 503);
      assert.match(problemSchema.parse(await res.json()).detail, /TELEGRAM_WEBHOOK_SECRET/);
    }
    assert.deepEqual(await rows(), before);
  });

  it('answers 503 while the store is unreachable, so Telegram delivers again', async () => {
    const away = createStore(`postgres://postgres@127.0.0.1:${await freePort()}/nowhere`, { max: 1 });
    const served = await webhookApi(away, SECRET);
    apis.push(served);
    try {
      const res = await hook(
        JSON.stringify({
          update_id: 78,
          message: { message_id: 1, date: 1, chat: { id: 1, type: 'private' }, text: 'x' },
        }),
        {},
        served.url,
      );
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('retry-after'), '5');
      assert.match(problemSchema.parse(await res.json()).detail, /Telegram will deliver it again/);
    } finally {
      await away.end();
    }
  });

  it('stores an update once when two APIs receive it at the same moment', async () => {
    const second = await serveApi(SECRET);
    const update = JSON.stringify({
      update_id: 900_000_001,
      message: {
        message_id: 5,
        date: 1767225600,
        chat: { id: 42, type: 'private', first_name: 'Ola' },
        text: 'Twice at once',
      },
    });
    const answers = await Promise.all([hook(update), hook(update, {}, second)]);
    const results = await Promise.all(
      answers.map(async (a) => ((await a.json()) as { result: string }).result),
    );
    assert.deepEqual(results.sort(), ['repeat', 'stored']);
    assert.equal((await rows()).filter((r) => r.update_id === 900_000_001).length, 1);
  });

  it('sends a message into the customer’s chat, as a reply to theirs', async () => {
    const customer = await post({
      text: 'שלום, החבילה לא הגיעה',
      from: { first_name: 'דנה', language_code: 'he' },
    });
    const sent = await bot.sendMessage({
      chatId: customer.entry.chatId,
      text: 'קיבלנו את הפנייה שלך. מספר התיק: C-1042',
      replyToMessageId: customer.entry.messageId,
    });
    assert.equal(sent.chat.id, customer.entry.chatId);
    assert.equal(sent.from?.is_bot, true);
    const { messages } = (await (
      await fetch(`${telegram.url}/sandbox/chats/${customer.entry.chatId}/messages`)
    ).json()) as {
      messages: { direction: string; text?: string; replyToMessageId?: number; messageId: number }[];
    };
    assert.deepEqual(
      messages.map((m) => [m.direction, m.text, m.replyToMessageId]),
      [
        ['customer', 'שלום, החבילה לא הגיעה', undefined],
        ['bot', 'קיבלנו את הפנייה שלך. מספר התיק: C-1042', customer.entry.messageId],
      ],
    );
    await assert.rejects(bot.sendMessage({ chatId: 123, text: 'nobody' }), (err: TelegramError) => {
      assert.equal(err.kind, 'rejected');
      assert.equal(err.details.description, 'Bad Request: chat not found');
      return true;
    });
    await assert.rejects(
      bot.sendMessage({ chatId: customer.entry.chatId, text: '   ' }),
      /message text is empty/,
    );
  });

  it('a link to a private chat under a group message is a button on the group’s page: it sends /start in the author’s private chat', async () => {
    const inGroup = await post({
      group: { title: 'Fans' },
      from: { id: 990_000_201, first_name: 'Tõnu', language_code: 'et' },
      text: 'Tellimus on kadunud',
    });
    await bot.sendMessage({
      chatId: inGroup.entry.chatId,
      text: 'Aitäh! https://t.me/complaint_desk_bot?start=g42_abc-DEF',
      replyToMessageId: inGroup.entry.messageId,
    });
    const page = await (await fetch(`${telegram.url}/chats/${inGroup.entry.chatId}`)).text();
    const form = /<form class="inline" method="post" action="\/start">([\s\S]*?)<\/form>/.exec(page);
    assert.ok(form, 'the button under the bot’s answer');
    const fields = Object.fromEntries(
      [...form[1].matchAll(/name="([a-z_]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    assert.deepEqual(fields, {
      param: 'g42_abc-DEF',
      user_id: '990000201',
      first_name: 'Tõnu',
      language_code: 'et',
    });
    const res = await fetch(`${telegram.url}/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
    assert.equal(res.status, 303);
    assert.match(res.headers.get('location') ?? '', /^\/chats\/990000201#m\d+$/);
    const [row] = (await rows()).filter((r) => r.chat_id === 990_000_201);
    assert.equal(row.message.text, '/start g42_abc-DEF');
    assert.equal(row.message.from?.firstName, 'Tõnu');
    // Another member of the group, named without an id, is a member of their own (not the last writer).
    const karin = await post({
      chatId: inGroup.entry.chatId,
      from: { first_name: 'Karin' },
      text: 'Same here',
    });
    const karinRow = (await rows()).find((r) => r.update_id === karin.entry.updateId)!;
    assert.equal(karinRow.message.from?.firstName, 'Karin');
    const tonu = (await rows()).find((r) => r.update_id === inGroup.entry.updateId)!;
    assert.notEqual(karinRow.message.from?.id, tonu.message.from?.id);
    // The page writes as a member chosen, or as a new member by first name.
    const groupPage = await (await fetch(`${telegram.url}/chats/${inGroup.entry.chatId}`)).text();
    assert.match(groupPage, /<select name="member">.*Tõnu \(990000201\).*a new member/s);
    // Bad input is refused, by name.
    const bad = await fetch(`${telegram.url}/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'user_id=990000201&param=has%20space',
    });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /param/);
  });

  it('brings the sandbox’s failures back classified: 403 for a chat, 429 with retry_after, 5xx, 401', async () => {
    const customer = await post({
      text: 'I will block you',
      from: { first_name: 'Jaan', language_code: 'et' },
    });
    const chatId = customer.entry.chatId;
    await telegram.sandbox.block(chatId, true);
    await assert.rejects(bot.sendMessage({ chatId, text: 'Hello?' }), (err: TelegramError) => {
      assert.equal(err.kind, 'chat-unreachable');
      assert.equal(err.scope, 'chat');
      assert.equal(err.retryable, false);
      assert.equal(err.details.description, 'Forbidden: bot was blocked by the user');
      return true;
    });
    await telegram.sandbox.block(chatId, false);
    await bot.sendMessage({ chatId, text: 'Back again' });

    telegram.sandbox.setFailure({ mode: 429, retryAfter: 3, remaining: 1 });
    await assert.rejects(bot.sendMessage({ chatId, text: 'Too fast' }), (err: TelegramError) => {
      assert.equal(err.kind, 'rate-limited');
      assert.equal(err.retryAfterSeconds, 3);
      assert.equal(err.retryable, true);
      return true;
    });
    await bot.sendMessage({ chatId, text: 'After the wait' }); // the switch allowed one failure

    telegram.sandbox.setFailure({ mode: 502 });
    await assert.rejects(
      bot.getFile('x'),
      (err: TelegramError) => err.kind === 'unavailable' && err.retryable,
    );
    telegram.sandbox.setFailure({ mode: 401 });
    await assert.rejects(
      bot.getMe(),
      (err: TelegramError) => err.kind === 'token-revoked' && err.scope === 'channel',
    );
    telegram.sandbox.setFailure({ mode: null });
    const stranger = createTelegramClient({ apiUrl: telegram.url, token: '123:not-this-sandbox' });
    await assert.rejects(stranger.getMe(), (err: TelegramError) => err.kind === 'token-revoked');
    assert.equal((await bot.getMe()).username, 'complaint_desk_bot');

    const nowhere = createTelegramClient({ apiUrl: `http://127.0.0.1:${await freePort()}`, timeoutMs: 2000 });
    await assert.rejects(
      nowhere.getMe(),
      (err: TelegramError) => err.kind === 'unreachable' && err.retryable,
    );
  });

  it('answers only allowed host names (DNS rebinding), strict paths, and 400 for a path that does not decode', async () => {
    // The sandbox's pages show every customer's chat and post as them: a page whose DNS name is
    // rebound to this machine must reach none of it, as with the Postmark sandbox and the API (#19).
    const customer = await post({ text: 'My rebinding secret', from: { first_name: 'Dana' } });
    const get = (port: number, target: string, host: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: target, headers: { host } }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject);
        req.end();
      });
    const own = `127.0.0.1:${telegram.port}`;
    const chatPage = `/chats/${customer.entry.chatId}`;
    assert.equal((await get(telegram.port, chatPage, own)).status, 200);
    assert.equal((await get(telegram.port, '/sandbox/chats', `localhost:${telegram.port}`)).status, 200);
    for (const target of ['/', chatPage, '/sandbox/chats', '/sandbox/health']) {
      const rebound = await get(telegram.port, target, `attacker.example:${telegram.port}`);
      assert.equal(rebound.status, 421, target);
      assert.doesNotMatch(rebound.text, /rebinding secret|Dana|webhooks\/telegram/, target);
    }
    assert.equal((await get(telegram.port, '/Sandbox/chats', own)).status, 404);
    assert.equal((await get(telegram.port, '/sandbox/chats/', own)).status, 404);
    for (const target of ['/chats/%ff', '/files/%ff', `/file/bot${DEFAULT_TELEGRAM_SANDBOX_TOKEN}/%ff`]) {
      const bad = await get(telegram.port, target, own);
      assert.equal(bad.status, 400, `${target}: ${bad.status}`);
      assert.doesNotMatch(bad.text, /URIError|at .*\.js|Internal error/, target);
    }
    // The Bot API's method names stay case-insensitive, as Telegram's are.
    const me = await get(telegram.port, `/bot${DEFAULT_TELEGRAM_SANDBOX_TOKEN}/GETME`, own);
    assert.equal(me.status, 200, me.text);
    const configured = await startTelegramSandbox({
      port: 0,
      dataDir: fs.mkdtempSync(path.join(dataDir, 'hosts-')),
      allowedHosts: ['bot.example.test'],
    });
    try {
      assert.equal((await get(configured.port, '/sandbox/health', 'bot.example.test')).status, 200);
      assert.equal((await get(configured.port, '/sandbox/health', 'other.example.test')).status, 421);
    } finally {
      await configured.close();
    }
  });
});
