// The sandbox inbox in a real headless Chromium: a Hebrew right-to-left e-mail must render as sent.
// Leaves screenshots in test-artifacts/ for a person to look at.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { ServerClient } from 'postmark';
import { fromRoot } from '../../infra/paths';
import { DEFAULT_SANDBOX_SERVER_TOKEN } from '../../sandbox/constants';
import { startSandbox } from '../../sandbox/server';
import type { RunningSandbox } from '../../sandbox/server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fromRoot('test-artifacts');

const HEBREW_SUBJECT = 'קיבלנו את התלונה שלך (תיק C-1042)';
const HEBREW_HTML = `<!doctype html>
<html lang="he" dir="rtl">
<head><meta charset="utf-8"><style>
  body { font-family: Arial, "Noto Sans Hebrew", sans-serif; margin: 24px; color: #222; }
  .box { border-inline-start: 4px solid #1a4fb4; padding-inline-start: 12px; }
</style></head>
<body>
  <h1 id="greeting">שלום דנה,</h1>
  <div class="box">
    <p>קיבלנו את התלונה שלך בנושא <b>איחור במשלוח</b>. מספר התיק: C-1042.</p>
    <p>נחזור אלייך תוך יומיים. תודה על הסבלנות!</p>
  </div>
  <p>בברכה,<br>צוות שירות הלקוחות</p>
</body>
</html>`;

describe('Postmark sandbox inbox in a real browser (integration)', function () {
  this.timeout(90_000);
  let dataDir: string;
  let running: RunningSandbox | undefined;
  let browser: Browser | undefined;

  afterEach(async () => {
    await browser?.close();
    await running?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('renders a Hebrew right-to-left message in the inbox and on its page', async () => {
    assert.ok(
      fs.existsSync(CHROMIUM),
      `Chromium is required for this test but was not found at ${CHROMIUM}. ` +
        'Install it (as root: apt-get update && apt-get install -y chromium) or set CHROMIUM_PATH.',
    );
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'postmark-sandbox-browser-'));
    running = await startSandbox({ port: 0, dataDir });
    const client = new ServerClient(DEFAULT_SANDBOX_SERVER_TOKEN, {
      useHttps: false,
      requestHost: `127.0.0.1:${running.port}`,
    });
    await client.sendEmail({
      From: 'Complaint Desk <complaints@complaint-desk.test>',
      To: 'Anna Berg <anna@example.com>',
      Subject: 'We received your complaint (case C-1041)',
      HtmlBody: '<p>Hello Anna, your case C-1041 is open.</p>',
      TextBody: 'Hello Anna, your case C-1041 is open.',
      Tag: 'acknowledgement',
      Metadata: { caseId: 'C-1041', idempotencyKey: 'C-1041:acknowledgement:1' },
    });
    const hebrew = await client.sendEmail({
      From: 'מוקד התלונות <complaints@complaint-desk.test>',
      To: 'דנה כהן <dana@example.com>',
      Subject: HEBREW_SUBJECT,
      HtmlBody: HEBREW_HTML,
      TextBody: 'שלום דנה,\nקיבלנו את התלונה שלך בנושא איחור במשלוח. מספר התיק: C-1042.',
      Tag: 'acknowledgement',
      Metadata: { caseId: 'C-1042', idempotencyKey: 'C-1042:acknowledgement:1' },
    });

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });

    await page.goto(`${running.url}/`);
    const firstRow = page.locator('tbody tr').first();
    assert.equal(await firstRow.locator('a').innerText(), HEBREW_SUBJECT, 'newest message first');
    assert.equal(await page.locator('tbody tr').count(), 2);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'sandbox-inbox.png'), fullPage: true });

    await firstRow.locator('a').click();
    await page.waitForURL(`**/messages/${hebrew.MessageID}`);
    const frame = page.frameLocator('iframe[title="HTML body"]');
    assert.equal(await frame.locator('#greeting').innerText(), 'שלום דנה,');
    // Typed by hand: this project compiles without the DOM typings.
    type Styles = { getComputedStyle(el: unknown): { direction: string } };
    const direction = await frame
      .locator('body')
      .evaluate((el: unknown) => (globalThis as unknown as Styles).getComputedStyle(el).direction);
    assert.equal(direction, 'rtl');
    assert.match(await page.locator('pre').innerText(), /מספר התיק: C-1042/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'sandbox-message.png'), fullPage: true });
  });
});
