// The customer's status page and survey in a real headless Chromium (Debian's), with JavaScript
// switched off: the links come from the e-mails in the sandbox, the forms are filled and sent the way
// a customer would. English left to right, Hebrew right to left; screenshots stay in test-artifacts/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { hashKey } from '../../api/keys';
import { intakeResponseSchema } from '../../api/complaints/schemas';
import { pageStrings } from '../../api/pages/strings';
import { createLinkSigner, linkSecret } from '../../infra/links';
import { fromRoot } from '../../infra/paths';
import { startApiStack, type ApiStack } from '../helpers/api-stack';
import { chromiumArgs, chromiumPath } from '../helpers/chromium';
import { eventually, mails } from '../helpers/complaints';

const ARTIFACTS = fromRoot('test-artifacts');
const KEY = 'test_supervisor_browser_key';

describe('customer pages in a real browser (integration)', function () {
  this.timeout(120_000);
  let stack: ApiStack;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;

  before(async function () {
    this.timeout(180_000);
    const executablePath = chromiumPath();
    assert.ok(executablePath, 'Chromium is needed: apt-get install -y chromium, or set CHROMIUM_PATH.');
    stack = await startApiStack();
    const roster = stack.roster;
    baseUrl = await stack.serve({
      keys: () => [
        {
          hash: hashKey(KEY),
          role: 'supervisor',
          subject: roster.supervisors[0].id,
          name: roster.supervisors[0].name,
        },
      ],
      publicBaseUrl: 'http://127.0.0.1',
    });
    browser = await chromium.launch({ executablePath, args: chromiumArgs });
    // The customer's pages must work without any script.
    context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 900, height: 900 } });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await stack?.close();
  });

  async function api(method: string, urlPath: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${baseUrl}${urlPath}`, {
      method,
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: unknown = await res.json();
    assert.ok(res.status < 300, `${method} ${urlPath}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  async function startCase(language: string, name: string, subject: string, description: string) {
    const started = intakeResponseSchema.parse(
      await api('POST', '/complaints', {
        customer: { name, email: `${language}.${Date.now()}@example.com`, language },
        channel: 'web',
        subject,
        description,
        order: { reference: `ORD-${language}`, amount: 300, currency: 'ILS' },
      }),
    );
    const link = await linkFrom(started.id, 'acknowledgement');
    return { ...started, link };
  }

  /** The customer's link from an e-mail, pointed at this API. */
  async function linkFrom(caseId: string, kind: string): Promise<string> {
    const [message] = await eventually(async () => {
      const found = await mails(stack, { caseId, kind });
      return found.length ? found : undefined;
    }, `the ${kind} e-mail`);
    const links = [...message.TextBody.matchAll(/\/c\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+(?:\/survey)?)/g)].map(
      (m) => m[1],
    );
    const wanted = kind.startsWith('survey') ? links.find((l) => l.endsWith('/survey')) : links[0];
    assert.ok(wanted, `a link in the ${kind} e-mail`);
    return `${baseUrl}/c/${wanted}`;
  }

  it('shows an English customer where the case stands, and takes a message through the form', async () => {
    const c = await startCase(
      'en',
      'Maria Kowalska',
      'Parcel arrived damaged',
      'The courier left the parcel at the door and the lamp inside is broken.',
    );
    const page = await context.newPage();
    await page.goto(c.link);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
    assert.equal(await page.locator('h1').innerText(), 'Your complaint');
    const status = await page.locator('section.status').innerText();
    assert.match(status, new RegExp(`${c.owner!.name} is looking into your complaint`));
    assert.match(await page.locator('.ref').innerText(), new RegExp(c.reference));
    assert.match(await page.locator('ol.timeline').innerText(), /We confirmed receipt/);
    // Left to right: each label stands to the left of its value.
    const label = (await page.locator('section.status dt').first().boundingBox())!;
    const value = (await page.locator('section.status dd').first().boundingBox())!;
    assert.ok(label.x + label.width <= value.x + 1, 'the label is left of its value');

    await page.locator('textarea[name="text"]').fill('The lamp was a gift; could you hurry, please?');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.waitForURL(/\?sent=message$/);
    assert.match(
      await page.locator('.notice').innerText(),
      new RegExp(`Your message has reached ${c.owner!.name}`),
    );
    await eventually(async () => {
      await page.reload();
      return (await page.locator('ol.timeline').innerText()).includes('The lamp was a gift');
    }, 'the message in the timeline');
    await page.screenshot({ path: path.join(ARTIFACTS, 'api-status-en.png'), fullPage: true });
    await page.close();
  });

  it('shows a Hebrew customer the page right to left, and takes the survey without script', async () => {
    const c = await startCase(
      'he',
      'דנה כהן',
      'החבילה הגיעה שבורה',
      'השליח השאיר את החבילה ליד הדלת והמנורה שבפנים שבורה.',
    );
    assert.equal(c.owner?.id, 'noa-levi', 'a Hebrew-speaking owner');
    const page = await context.newPage();
    await page.goto(c.link);
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    assert.equal(await page.locator('html').getAttribute('lang'), 'he');
    assert.equal(await page.locator('h1').innerText(), 'התלונה שלך');
    assert.match(await page.locator('section.status').innerText(), /התלונה שלך נבדקת על ידי/);
    // Right to left for real: each label stands to the right of its value.
    const label = (await page.locator('section.status dt').first().boundingBox())!;
    const value = (await page.locator('section.status dd').first().boundingBox())!;
    assert.ok(label.x > value.x + value.width - 1, 'the label is right of its value');
    await page.screenshot({ path: path.join(ARTIFACTS, 'api-status-he.png'), fullPage: true });

    // The owner decides; the survey invitation's link opens the form in Hebrew.
    await api('POST', `/complaints/${c.id}/diagnosis`, {
      summary: 'המנורה נשברה במשלוח.',
      probableCause: 'טיפול במחסן השליחויות',
      responsibleParty: { kind: 'third-party', name: 'FastCourier' },
      expectedResolutionBy: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      customerVisibleNote: 'בדקנו: המנורה נשברה בדרך אליך.',
    });
    const decided = (await api('POST', `/complaints/${c.id}/resolution`, {
      outcome: 'upheld',
      explanation: 'המנורה נשברה בזמן המשלוח, והאחריות עלינו.',
      apology: 'אנחנו מצטערים על אי הנעימות.',
      remedy: { kind: 'voucher', percent: 15, validityDays: 90 },
    })) as { tasks: { id: string; reason: string; closedAt?: string }[] };
    // Told by phone first (seed 003), on the call's own task; then the letter and the survey.
    const outcomeCall = decided.tasks.find((t) => t.reason === 'resolution-call' && !t.closedAt)!;
    await api('POST', `/complaints/${c.id}/calls`, { reached: true, taskId: outcomeCall.id });
    const surveyLink = await linkFrom(c.id, 'surveyInvitation');
    await page.goto(surveyLink);
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    assert.equal(await page.locator('h1').innerText(), 'איך היה?');
    // Sent without a score (the browser's own check bypassed, as an old browser would): the form
    // comes back with what to fix and the customer's words kept, not a page without the form.
    await page.locator('input[name="stillNeedHelp"][value="no"]').check();
    await page.locator('textarea[name="comment"]').fill('שירות מהיר');
    await page.evaluate('document.querySelector("form").setAttribute("novalidate", "")');
    await page.getByRole('button', { name: 'שליחת התשובות' }).click();
    await page.waitForSelector('[role="alert"]');
    assert.match(
      await page.locator('[role="alert"]').innerText(),
      new RegExp(pageStrings.he.errScore.replace(/[.()?]/g, '.')),
    );
    assert.equal(await page.locator('textarea[name="comment"]').inputValue(), 'שירות מהיר');
    assert.ok(await page.locator('input[name="stillNeedHelp"][value="no"]').isChecked(), 'the choice kept');
    await page.locator('input[name="score"][value="4"]').check();
    await page.locator('input[name="stillNeedHelp"][value="no"]').check();
    await page.locator('textarea[name="comment"]').fill('שירות מהיר, תודה!');
    await page.screenshot({ path: path.join(ARTIFACTS, 'api-survey-he.png'), fullPage: true });
    await page.getByRole('button', { name: 'שליחת התשובות' }).click();
    await page.waitForURL(/\/survey\?answered=1$/);
    assert.equal(await page.locator('.notice').innerText(), 'תודה על התשובות.');
    const answered = await eventually(async () => {
      const v = (await api('GET', `/complaints/${c.id}`)) as {
        stage: string;
        surveyAnswers: { score: number; comment?: string }[];
      };
      return v.surveyAnswers.length ? v : undefined;
    }, 'the survey answer on the case');
    assert.equal(answered.surveyAnswers[0].score, 4);
    assert.equal(answered.surveyAnswers[0].comment, 'שירות מהיר, תודה!');

    // The decision now shows on the status page, in Hebrew.
    await page.goto(c.link);
    assert.match(await page.locator('body').innerText(), /התלונה שלך התקבלה\./);
    await page.screenshot({ path: path.join(ARTIFACTS, 'api-status-he-resolved.png'), fullPage: true });
    await page.close();
  });

  it('shows a friendly page for a tampered or expired link', async () => {
    const page = await context.newPage();
    const expired = createLinkSigner(linkSecret(stack.dataDir)).sign('cffffffffffffffffffff', -1000);
    const res = await page.goto(`${baseUrl}/c/${expired}`);
    assert.equal(res?.status(), 410);
    assert.equal(await page.locator('h1').innerText(), 'This link has expired');
    const bad = await page.goto(`${baseUrl}/c/${expired.slice(0, -3)}xyz`);
    assert.equal(bad?.status(), 404);
    assert.equal(await page.locator('h1').innerText(), 'This link does not work');
    await page.screenshot({ path: path.join(ARTIFACTS, 'api-bad-link.png'), fullPage: true });
    await page.close();
  });
});
