// The Telegram sandbox's pages in a real headless Chromium: a Hebrew customer writes to the bot with
// a photo through the form, the webhook stores it, the bot's right-to-left answer shows in the chat;
// nothing a message carries is read as markup; a delivery can be repeated with a wrong secret, held
// back and delivered later; the customer can block the bot and failures can be switched from the page.
// Leaves screenshots in test-artifacts/ for a person to look at.
import { strict as assert } from 'node:assert';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { fromRoot } from '../../infra/paths';
import { createStore, migrate, type Store } from '../../infra/store';
import { createTelegramClient, type TelegramError } from '../../infra/telegram';
import { startTelegramSandbox, type RunningTelegramSandbox } from '../../sandbox/telegram/server';
import { chromiumArgs, chromiumPath } from '../helpers/chromium';
import { freshDatabase, type TestDatabase } from '../helpers/postgres';
import { solidPng, webhookApi, type WebhookApi } from '../helpers/telegram';

const ARTIFACTS = fromRoot('test-artifacts');
const SECRET = crypto.randomBytes(24).toString('base64url');
const PNG = solidPng(120, 80, [36, 71, 107]);
const COMPLAINT = 'החבילה הגיעה שבורה <b>not bold</b> <img src=x onerror=alert(1)>';
const ANSWER = 'שלום דנה, קיבלנו את הפנייה שלך (תיק C-1042). נחזור אלייך תוך יומיים.';

// Typed by hand: this project compiles without the DOM typings.
type Dom = {
  getComputedStyle(el: unknown): { direction: string };
};

describe('Telegram sandbox pages in a real browser (integration)', function () {
  this.timeout(120_000);
  let db: TestDatabase;
  let store: Store;
  let dataDir: string;
  let telegram: RunningTelegramSandbox;
  let api: WebhookApi;
  let browser: Browser | undefined;

  before(async function () {
    const executablePath = chromiumPath();
    assert.ok(executablePath, 'Chromium is required (apt-get install chromium, or set CHROMIUM_PATH).');
    db = await freshDatabase('postgresql');
    store = createStore(db.url, { max: 2 });
    await migrate(store);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'complaint-desk-telegram-browser-'));
    telegram = await startTelegramSandbox({ port: 0, dataDir });
    api = await webhookApi(store, SECRET);
    await createTelegramClient({ apiUrl: telegram.url }).setWebhook({
      url: `${api.url}/webhooks/telegram`,
      secretToken: SECRET,
    });
    browser = await chromium.launch({ executablePath, args: chromiumArgs });
  });

  after(async () => {
    await browser?.close();
    await api?.close();
    await telegram?.close();
    await store?.end();
    await db?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const direction = (page: Page, selector: string) =>
    page
      .locator(selector)
      .evaluate((el: unknown) => (globalThis as unknown as Dom).getComputedStyle(el).direction);

  it('a customer writes with a photo, the bot answers, and every switch works from the page', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));

    await page.goto(`${telegram.url}/`);
    assert.match(await page.locator('section').first().innerText(), /with its secret token/);
    assert.match(await page.locator('body').innerText(), /No chats yet/);

    // A new customer writes, in Hebrew, with a photo and something that looks like markup.
    await page.fill('input[name="first_name"]', 'דנה');
    await page.fill('input[name="last_name"]', 'כהן');
    await page.fill('input[name="language_code"]', 'he');
    await page.fill('textarea[name="text"]', COMPLAINT);
    await page.setInputFiles('input[name="file"]', { name: 'box.png', mimeType: 'image/png', buffer: PNG });
    await page.click('button:has-text("Send to the bot")');
    await page.waitForURL(/\/chats\/\d+/);
    const chatId = Number(/\/chats\/(\d+)/.exec(page.url())![1]);

    const customer = page.locator('article.msg.customer').first();
    assert.equal(await customer.locator('p[dir="auto"]').innerText(), COMPLAINT, 'shown as typed');
    assert.equal(await customer.locator('b').count(), 0, 'no markup from the message');
    assert.equal(await customer.locator('img').count(), 1, 'only the photo is an image');
    assert.equal(await direction(page, 'article.msg.customer p[dir="auto"]'), 'rtl');
    assert.equal(
      await customer
        .locator('img')
        .evaluate((img: unknown) => (img as { naturalWidth: number }).naturalWidth),
      120,
      'the photo loads from the sandbox',
    );
    assert.match(
      await customer.locator('.deliveries').innerText(),
      /^200 .* secret right .*"result":"stored"/,
    );
    // The API stored it: the webhook's side is real.
    const { rows } = await store.query<{ kind: string; chat_id: number; message: { text: string } }>(
      'SELECT kind, chat_id, message FROM telegram_messages',
    );
    assert.deepEqual(
      rows.map((r) => [r.kind, r.chat_id, r.message.text]),
      [['photo', chatId, COMPLAINT]],
    );

    // The bot answers (as the second half's activities will): right to left, as a reply.
    const bot = createTelegramClient({ apiUrl: telegram.url });
    await bot.sendMessage({ chatId, text: ANSWER, replyToMessageId: 1 });
    await page.reload();
    const answer = page.locator('article.msg.bot');
    assert.equal(await answer.locator('p[dir="auto"]').innerText(), ANSWER);
    assert.equal(await direction(page, 'article.msg.bot p[dir="auto"]'), 'rtl');
    assert.match(await answer.innerText(), /reply to #1/);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'telegram-chat.png'), fullPage: true });

    // The same update again, with a wrong secret: refused, and the webhook info says so.
    await customer.locator('select[name="secret"]').selectOption('wrong');
    await customer.locator('button:has-text("Deliver again")').click();
    await page.waitForURL(/#m1$/);
    const lines = await page
      .locator('article.msg.customer')
      .first()
      .locator('.deliveries li')
      .allInnerTexts();
    assert.equal(lines.length, 2);
    assert.match(lines[1], /^401 .* secret wrong/);
    assert.match(await page.locator('body').innerText(), /last error: Wrong response from the webhook: 401/);

    // Held back, then delivered: out of order.
    await page.fill('textarea[name="text"]', 'Sent later');
    await page.check('input[name="hold"]');
    await page.click('button:has-text("Send to the bot")');
    await page.waitForURL(/#m3$/);
    const held = page.locator('#m3');
    assert.match(await held.innerText(), /held back/);
    await held.locator('button:has-text("Deliver now")').click();
    await page.waitForURL(/#m3$/);
    assert.match(await page.locator('#m3 .deliveries').innerText(), /^200 .*"result":"stored"/);
    assert.equal((await store.query('SELECT 1 FROM telegram_messages')).rowCount, 2);

    // The customer blocks the bot: sendMessage answers 403 until unblocked.
    await page.click('button:has-text("Block the bot")');
    assert.match(await page.locator('body').innerText(), /The customer blocked the bot/);
    await assert.rejects(
      bot.sendMessage({ chatId, text: 'Are you there?' }),
      (err: TelegramError) => err.kind === 'chat-unreachable',
    );
    await page.click('button:has-text("Unblock the bot")');
    await bot.sendMessage({ chatId, text: 'Welcome back' });

    // Flood control from the page.
    await page.selectOption('select[name="mode"]', '429');
    await page.fill('input[name="retryAfter"]', '7');
    await page.click('button:has-text("Switch")');
    assert.match(await page.locator('.banner').innerText(), /429 Too Many Requests \(retry after 7 s\)/);
    await assert.rejects(
      bot.sendMessage({ chatId, text: 'Too fast' }),
      (err: TelegramError) => err.kind === 'rate-limited' && err.retryAfterSeconds === 7,
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'telegram-failure.png'), fullPage: true });
    await page.selectOption('select[name="mode"]', '');
    await page.click('button:has-text("Switch")');
    assert.equal(await page.locator('.banner').count(), 0);

    await page.goto(`${telegram.url}/`);
    const row = page.locator('tbody tr').first();
    assert.equal(await row.locator('bdi').innerText(), 'דנה כהן');
    assert.equal(await row.locator('td[dir="auto"]').innerText(), 'Welcome back');
    await page.screenshot({ path: path.join(ARTIFACTS, 'telegram-inbox.png'), fullPage: true });
    assert.deepEqual(problems, [], 'no errors in the page (nothing blocked by its CSP)');
  });
});
