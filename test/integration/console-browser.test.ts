// The staff console in a real headless Chromium (Debian's), with JavaScript switched off for the
// work itself (the console must work without it), on a real stack with the case store (embedded, as
// `npm run up` serves it). A customer files a complaint with a file on the public form; its owner
// finds it in the queue by name and works it only through the console to its close: reads the
// conversation, downloads the attachment, sees the customer's message and the bounced e-mail, answers
// the forms, opens, prints and downloads the resolution letter from its task and marks it sent. A
// supervisor approves and declines from the approvals inbox; an operator sees attention reasons and
// stuck cases with links. On every page: no console error and no CSP violation, and axe-core finds
// nothing serious. Screenshots stay in test-artifacts/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { complaintIdFor, type IntakeRequest } from '../../api/intake';
import { hashKey, type ApiKeyRecord } from '../../api/keys';
import { intakeResponseSchema } from '../../api/complaints/schemas';
import { caseSummary } from '../../domain/archive/summary';
import { storeAttachmentStore } from '../../infra/attachments';
import { caseKeys, encryptionCodec } from '../../infra/codec';
import { fromRoot } from '../../infra/paths';
import {
  createStore,
  findByReference,
  migrate,
  worklistRecord,
  writeCaseRecord,
  type Store,
} from '../../infra/store';
import { complaintWorkflowId } from '../../workflows/definitions';
import { startApiStack, type ApiStack } from '../helpers/api-stack';
import { openedCase } from '../helpers/case-summaries';
import { chromiumArgs, chromiumPath } from '../helpers/chromium';
import { EXTENDED } from '../helpers/tier';
import { eventually } from '../helpers/complaints';
import { freshDatabase, type TestDatabase } from '../helpers/postgres';
import { testKeysDir } from '../helpers/stack';

const ARTIFACTS = fromRoot('test-artifacts');
const SUPERVISOR_KEY = 'test_console_supervisor_key';
const OPERATOR_KEY = 'test_console_operator_key';
const agentKey = (ownerId: string) => `test_console_agent_${ownerId}`;
const RECEIPT = Buffer.from('Receipt 4711: desk lamp, 249 PLN, paid 2026-11-02.\n');

/**
 * No serious or critical accessibility violation on the page as it is now. axe-core runs as a script,
 * so a page from a context without script is checked as a copy: the same HTML at the same address
 * (its stylesheet included) in a context with script.
 */
async function accessible(page: Page, what: string, axeContext?: BrowserContext): Promise<void> {
  let target = page;
  if (axeContext) {
    const html = await page.content();
    const url = page.url();
    target = await axeContext.newPage();
    // The page itself from its copy; what it loads (a letter's stylesheet needs the session) through
    // the original context, with its cookies.
    await target.route('**/*', async (route) =>
      route.request().url() === url
        ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
        : route.fulfill({ response: await page.context().request.get(route.request().url()) }),
    );
    // A copy of a page already loaded: on a machine busy with the other suites its resources (fetched
    // through the original context) once took over the 30 s default; what is checked here is the page.
    await target.goto(url, { timeout: 90_000 });
  }
  const results = await new AxeBuilder({ page: target }).analyze();
  if (target !== page) await target.close();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    [],
    `axe on ${what}`,
  );
}

describe('staff console in a real browser (integration)', function () {
  this.timeout(240_000);
  let db: TestDatabase;
  let store: Store;
  let stack: ApiStack;
  let baseUrl: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let axeContext: BrowserContext;
  const scripted = new Set<BrowserContext>();
  /** Console errors, uncaught page errors and CSP violations, with the page they happened on. */
  const problems: string[] = [];
  const pagesSeen = new Set<string>();
  /** axe on a page: directly when it runs script, else on its copy. */
  const check = (page: Page, what: string) =>
    accessible(page, what, scripted.has(page.context()) ? undefined : axeContext);

  /** Every page of the context reports its console errors and CSP violations here. */
  function watch(context: BrowserContext): BrowserContext {
    contexts.push(context);
    context.on('console', (m) => {
      const where = m.location().url || m.page()?.url() || '';
      // A refused form is answered with its 4xx status and the form again: the browser logs the
      // status of that document, which is the answer working, not a fault of the page.
      const refusedForm =
        /Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()) &&
        /\/console\/cases\/[^/]+\/(actions\/[a-z-]+|tasks\/[^/]+\/completion|letters\/[a-z]+\/sent)$/.test(
          new URL(where, baseUrl).pathname,
        );
      if ((m.type() === 'error' || /Content Security Policy/i.test(m.text())) && !refusedForm)
        problems.push(`${where}: ${m.text()}`);
    });
    context.on('page', (p) => {
      p.on('pageerror', (e) => problems.push(`${p.url()}: ${e.message}`));
      p.on('framenavigated', (f) => {
        if (f === p.mainFrame())
          pagesSeen.add(
            new URL(f.url()).pathname
              .replace(/\/cases\/[^/]+/, '/cases/:id')
              .replace(/\/c\/[^/]+/, '/c/:token'),
          );
      });
    });
    return context;
  }

  before(async function () {
    this.timeout(240_000);
    const executablePath = chromiumPath();
    assert.ok(executablePath, 'Chromium is needed: apt-get install -y chromium, or set CHROMIUM_PATH.');
    db = await freshDatabase('embedded');
    store = createStore(db.url, { max: 4 });
    await migrate(store);
    stack = await startApiStack({ store });
    const roster = stack.roster;
    const keys: ApiKeyRecord[] = [
      ...roster.owners.map((o) => ({
        hash: hashKey(agentKey(o.id)),
        role: 'agent' as const,
        subject: o.id,
        name: o.name,
      })),
      {
        hash: hashKey(SUPERVISOR_KEY),
        role: 'supervisor',
        subject: roster.supervisors[0].id,
        name: roster.supervisors[0].name,
      },
      { hash: hashKey(OPERATOR_KEY), role: 'operator', subject: 'operator', name: 'Operator' },
    ];
    baseUrl = await stack.serve({
      keys: () => keys,
      publicBaseUrl: 'http://127.0.0.1',
      console: { temporalUiUrl: 'http://127.0.0.1:8233' },
      archive: { store, codec: encryptionCodec({ keysDir: testKeysDir() }) },
      publicForm: {
        attachments: storeAttachmentStore(stack.store, caseKeys({ keysDir: testKeysDir() })),
        minFillMs: 300,
        perMinute: 1000,
      },
      log: (m: string, e?: unknown) => console.error(m, e),
    });
    browser = await chromium.launch({ executablePath, args: chromiumArgs });
    axeContext = watch(await browser.newContext({ viewport: { width: 1280, height: 900 } }));
    scripted.add(axeContext);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterEach(() => {
    assert.deepEqual(problems.splice(0), [], 'no console error and no CSP violation on any page');
  });

  after(async () => {
    if (pagesSeen.size)
      console.log(
        `      pages watched for console errors and CSP violations: ${[...pagesSeen].sort().join(', ')}`,
      );
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.close();
    await store?.end();
    await db?.drop();
  });

  async function api(
    method: string,
    urlPath: string,
    body?: unknown,
    key = SUPERVISOR_KEY,
  ): Promise<unknown> {
    const res = await fetch(`${baseUrl}${urlPath}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: unknown = await res.json();
    assert.ok(res.status < 300, `${method} ${urlPath}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  const caseView = (id: string) =>
    api('GET', `/complaints/${id}`) as Promise<{
      stage: string;
      owner: { id: string; name: string };
      documentation?: { rootCauseCategory?: string; contributingFactors: string[] };
      tasks: { id: string; kind: string; purpose?: string; closedAt?: string }[];
    }>;

  async function newCase(subject: string, over: Record<string, unknown> = {}) {
    const started = intakeResponseSchema.parse(
      await api('POST', '/complaints', {
        customer: { name: 'Maria Kowalska', email: `maria.${Date.now()}@example.com`, language: 'en' },
        channel: 'phone',
        subject,
        description: 'The courier left the parcel at the door and the lamp inside is broken.',
        order: { reference: 'ORD-77', amount: 300, currency: 'PLN' },
        ...over,
      }),
    );
    const owner = await eventually(async () => {
      const v = await caseView(started.id).catch(() => undefined);
      return v?.owner;
    }, 'the case has an owner');
    return { ...started, owner };
  }

  /** The case's row in the worklist once the worker has recorded it (what the lists read). */
  const recorded = (
    reference: string,
    ready: (r: Awaited<ReturnType<typeof findByReference>>[number]) => boolean = () => true,
  ) =>
    eventually(async () => {
      const row = (await findByReference(store, reference, { now: Date.now(), dueSoonMs: 0 }))[0];
      return row && ready(row) ? row : undefined;
    }, `the worklist record of ${reference}`);

  /** A new browser context (its own cookies) signed in with the key. */
  async function signIn(script: boolean, key: string, locale = 'en-GB'): Promise<Page> {
    const context = watch(
      await browser.newContext({ javaScriptEnabled: script, locale, viewport: { width: 1280, height: 900 } }),
    );
    if (script) scripted.add(context);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/console`);
    assert.match(page.url(), /\/console\/sign-in/, 'no page without a session');
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/(queue|ops)/);
    return page;
  }

  /** Submits the form the button is in and waits for the page it leads to. */
  async function press(page: Page, button: ReturnType<Page['locator']>, url: RegExp): Promise<void> {
    await button.click();
    await page.waitForURL(url);
  }

  it('lets an owner work a case from the public form to its close only through the console: thread, attachment, letter', async () => {
    // The customer: the public form, without script, with a file; an e-mail address and no phone.
    const customer = watch(await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' }));
    const form = await customer.newPage();
    await form.goto(`${baseUrl}/complain?lang=en`);
    const token = (await form.locator('input[name="formToken"]').getAttribute('value'))!;
    const email = `zofia.${Date.now()}@example.com`;
    await form.locator('#name').fill('Zofia Wiśniewska');
    await form.locator('#email').fill(email);
    await form
      .locator('#description')
      .fill('Desk lamp arrived broken\nThe shade is cracked; the receipt is attached.');
    await form
      .locator('#attachments')
      .setInputFiles({ name: 'receipt.txt', mimeType: 'text/plain', buffer: RECEIPT });
    await new Promise((r) => setTimeout(r, 400));
    await Promise.all([form.waitForNavigation(), form.locator('form button[type=submit]').click()]);
    const reference = await form.locator('.reference').innerText();
    const statusHref = (await form.locator('a.status-link').getAttribute('href'))!;
    const id = complaintIdFor({} as IntakeRequest, token.split('.')[0], 'public-form');
    const owner = await eventually(
      async () => (await caseView(id).catch(() => undefined))?.owner,
      'an owner',
    );

    // The owner's queue names the customer and the subject; search finds her by name.
    const page = await signIn(false, agentKey(owner.id));
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await recorded(reference, (r) => r.customerMessageAt === undefined && !!r.brief);
    await page.reload();
    const row = page.locator('tbody tr', { hasText: reference });
    assert.match(await row.innerText(), /Zofia Wiśniewska/);
    assert.match(await row.innerText(), /Desk lamp arrived broken/);
    assert.match(await row.innerText(), /diagnosis/);
    assert.equal(
      (await page.locator('main').innerText()).match(/Times shown in/g),
      null,
      'the zone is named once, in the footer',
    );
    assert.match(await page.locator('footer').innerText(), /Times shown in/);
    await check(page, 'the queue');
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-queue.png'), fullPage: true });
    await page.goto(`${baseUrl}/console/search?q=${encodeURIComponent('wisniewska')}`);
    assert.match(await page.locator('main table').innerText(), new RegExp(reference));
    await check(page, 'the search page');

    // The case page: the conversation starts with the complaint and its file, which downloads.
    await page.goto(`${baseUrl}/console/cases/${id}`);
    assert.match(await page.locator('h1').innerText(), new RegExp(reference));
    const thread = page.locator('ol.thread');
    assert.match(await thread.locator('li').first().innerText(), /The complaint.*web form/s);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      thread.getByRole('link', { name: 'receipt.txt' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'receipt.txt');
    assert.deepEqual(fs.readFileSync(await download.path()), RECEIPT);
    await eventually(async () => {
      await page.reload();
      return /Acknowledgement\s+sent/.test(await thread.innerText());
    }, 'the acknowledgement e-mail sent, in the thread');

    // The customer writes on her status page: the thread shows it, the queue badges it.
    const status = await customer.newPage();
    await status.goto(`${baseUrl}${statusHref}`);
    await status.locator('#text').fill('Can you send a new shade instead of a new lamp?');
    await Promise.all([
      status.waitForNavigation(),
      status.locator('form[action$="/messages"] button').click(),
    ]);
    await eventually(async () => {
      await page.reload();
      return /From the customer.*new shade/s.test(await thread.innerText());
    }, 'the customer’s message in the thread');
    await recorded(reference, (r) => r.badges.includes('message'));
    await page.goto(`${baseUrl}/console/queue?badge=message`);
    assert.match(await page.locator('tbody').innerText(), new RegExp(`${reference}[\\s\\S]*New message`));

    // Her address stops working (Postmark marks it inactive): the next e-mail bounces.
    const inactive = await fetch(`${stack.sandbox.url}/sandbox/inactive-recipients`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    assert.equal(inactive.status, 200);

    // Diagnosis: the date is required and picked in the viewer's zone; a past one is refused in words.
    await page.goto(`${baseUrl}/console/cases/${id}`);
    const diagnosis = page.locator('#form-diagnosis');
    if (!(await diagnosis.getAttribute('open'))) await diagnosis.locator('summary').click();
    const when = diagnosis.getByLabel(/Expected resolution by/);
    assert.equal(await when.getAttribute('type'), 'datetime-local');
    assert.equal(await when.getAttribute('required'), '');
    assert.match(
      await diagnosis.locator('#diagnosis-expectedResolutionBy-hint').innerText(),
      /Date and time in /,
    );
    await diagnosis.getByLabel('Summary').fill('The lamp broke in transit.');
    await diagnosis.getByLabel('Probable cause').fill('Rough handling at the courier depot');
    await diagnosis.getByLabel('third party').check();
    await diagnosis.getByLabel('Responsible party’s name').fill('FastCourier');
    // A date the picker would not offer (its minimum is now): the server's own check speaks.
    await when.evaluate((el: unknown) =>
      (el as { removeAttribute(name: string): void }).removeAttribute('min'),
    );
    await when.fill('2020-01-01T10:00');
    await press(page, diagnosis.locator('form').getByRole('button', { name: 'Diagnosis' }), /\/cases\//);
    assert.equal(
      await page.locator('#form-diagnosis .field-error').innerText(),
      'Pick a time in the future.',
    );
    assert.doesNotMatch(await page.locator('main').innerText(), /ISO 8601|must be in the future|\.:/);
    await check(page, 'the case page with a refused form');
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 16);
    await page
      .locator('#form-diagnosis')
      .getByLabel(/Expected resolution by/)
      .fill(future);
    await press(
      page,
      page.locator('#form-diagnosis form').getByRole('button', { name: 'Diagnosis' }),
      /done=diagnosis/,
    );
    assert.match(await page.locator('.notice').innerText(), /Done: Diagnosis/);

    // The diagnosis e-mail bounced: the thread says so, and a task asks for a letter instead.
    const bounceTask = await eventually(async () => {
      await page.reload();
      const task = page.locator('li.task', { hasText: 'Preliminary diagnosis' });
      return /Preliminary diagnosis\s+bounced/.test(await thread.innerText()) && (await task.count())
        ? task
        : undefined;
    }, 'the bounced diagnosis and its task');
    assert.match(
      await bounceTask.innerText(),
      /Write to the customer · for: Preliminary diagnosis · the e-mail bounced/,
    );
    await check(page, 'the case page with its thread');
    await press(page, bounceTask.getByRole('button', { name: 'Mark done' }), /done=task-completion/);

    // The decision; then the call that tells it.
    const resolution = page.locator('#form-resolution');
    await resolution.locator('summary').click();
    await resolution.getByLabel('partly upheld').check();
    await resolution.getByLabel('Explanation').fill('The lamp broke in transit; a new shade is on its way.');
    await resolution.getByLabel('Apology').fill('We are sorry for the trouble.');
    await resolution.getByLabel(/^Remedy/).selectOption('voucher');
    await resolution.getByLabel('Voucher percent').fill('10');
    await resolution.getByLabel(/Voucher valid/).fill('90');
    await press(
      page,
      resolution.locator('form').getByRole('button', { name: 'Resolution' }),
      /done=resolution/,
    );
    const call = page.locator('li.task', { hasText: 'Call the customer' });
    assert.match(await call.innerText(), /tell the outcome by phone/);
    await call.getByLabel('Yes').check();
    await press(page, call.getByRole('button', { name: 'Log a call' }), /done=calls/);

    // The resolution letter: a task, since her address bounced. Open it from the task.
    const letterTask = await eventually(async () => {
      await page.reload();
      const task = page.locator('li.task', { hasText: 'Resolution letter' });
      return (await task.count()) ? task : undefined;
    }, 'the resolution letter task');
    // The task carries the letter it asks for (#17): opened by the task's id.
    await press(page, letterTask.getByRole('link', { name: /Open the letter/ }), /\/letters\/T\d+$/);
    assert.match(await page.locator('h1').innerText(), /.+/);
    assert.match(await page.locator('.meta').innerText(), new RegExp(reference));
    assert.match(await page.locator('main.sheet').innerText(), /Zofia Wiśniewska[\s\S]*new shade/);
    // Styled by the letter's own stylesheet (no inline style under the console's CSP).
    assert.equal(
      await page.evaluate('getComputedStyle(document.querySelector(".letterhead")).borderBottomStyle'),
      'solid',
    );
    assert.ok(await page.getByRole('button', { name: 'Print' }).isHidden(), 'no print button without script');
    await check(page, 'the printable letter');
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-letter.png'), fullPage: true });
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download as PDF' }).click(),
    ]);
    assert.equal(pdf.suggestedFilename(), `${reference}-resolution-letter.pdf`);
    assert.equal(
      fs
        .readFileSync(await pdf.path())
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    );
    // Printing, with script: the console's own button calls the browser's print.
    const printer = await signIn(true, agentKey(owner.id));
    await printer.addInitScript('window.printed = 0; window.print = () => { window.printed += 1; };');
    await printer.goto(page.url());
    await printer.getByRole('button', { name: 'Print' }).click();
    assert.equal(await printer.evaluate('window.printed'), 1);
    await printer.emulateMedia({ media: 'print' });
    assert.ok(await printer.locator('nav.console-toolbar').isHidden(), 'the toolbar does not print');
    await printer.close();
    // Marked sent: the task is done and the thread has the letter.
    await press(page, page.getByRole('button', { name: 'Mark the letter sent' }), /done=letter-sent/);
    assert.equal(
      await page.locator('li.task', { hasText: 'Resolution letter' }).count(),
      0,
      'the task is done',
    );
    assert.match(await thread.innerText(), /Resolution letter\s+Letter sent/);

    // The survey invitation could not be e-mailed either: its task is done by hand, and she answers
    // on her status page. Then the documentation closes the case.
    const surveyTask = await eventually(async () => {
      await page.reload();
      const task = page.locator('li.task', { hasText: 'Satisfaction survey' });
      return (await task.count()) ? task : undefined;
    }, 'the survey task');
    // The task carries the invitation as a letter (#17): marking it sent does the task.
    await press(page, surveyTask.getByRole('button', { name: 'Mark the letter sent' }), /done=letter-sent/);
    await status.goto(`${baseUrl}${statusHref}/survey`);
    await status.locator('input[name="score"][value="5"]').check();
    await status.locator('input[name="stillNeedHelp"][value="no"]').check();
    await Promise.all([status.waitForNavigation(), status.locator('form button[type=submit]').click()]);
    await eventually(
      async () => (await caseView(id)).stage === 'documentation',
      'the case waits for its documentation',
    );
    await page.reload();
    const documentation = page.locator('#form-documentation');
    if (!(await documentation.getAttribute('open'))) await documentation.locator('summary').click();
    await documentation.getByLabel('Root cause').fill('Fragile item packed without padding.');
    await documentation.getByLabel(/Root-cause category/).selectOption('packaging');
    await documentation.getByLabel('Weak or unsuitable packaging', { exact: true }).check();
    await documentation.getByRole('textbox', { name: /^Responsible party/ }).fill('FastCourier');
    await documentation.getByLabel(/Responsible party is/).selectOption('carrier');
    await documentation.getByLabel('Corrective action').fill('New shade sent.');
    await documentation.getByLabel('Preventive action').fill('Padding for lamps.');
    await press(
      page,
      documentation.locator('form').getByRole('button', { name: 'Documentation' }),
      /done=documentation/,
    );
    const closed = await caseView(id);
    assert.equal(closed.stage, 'closed');
    assert.equal(closed.documentation?.rootCauseCategory, 'packaging');
    assert.match(await page.locator('main').innerText(), /closed/);
    // The decision and the documentation in words: the policy's names, not its ids.
    const decision = await page.locator('#h-decision + dl').innerText();
    assert.match(decision, /partly upheld[\s\S]*voucher · 10% · 90 d[\s\S]*Packaging not fit for the goods/);
    assert.doesNotMatch(
      await page.locator('main').innerText(),
      /\[packaging\]|partially-upheld|\(resolution-letter\)/,
    );
    // The case's sentences name its tasks by what they are for: "T3" tells staff nothing.
    assert.doesNotMatch(await page.locator('main').innerText(), /\bT\d+\b/, 'no task id on the page');
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-case.png'), fullPage: true });
    // Closed cases leave the queue.
    await recorded(reference, (r) => r.stage === 'closed');
    await page.goto(`${baseUrl}/console/queue`);
    assert.equal(await page.locator('tbody tr', { hasText: reference }).count(), 0);
    await status.close();
    await page.close();
  });

  it('opens the formal acknowledgement letter of a letter complaint from its task and marks it sent', async () => {
    const c = await newCase('Letter about a broken kettle', {
      channel: 'letter',
      customer: {
        name: 'Maria Kowalska',
        phone: '+48 600 100 200',
        language: 'en',
        postalAddress: { lines: ['ul. Długa 5', '00-001 Warszawa'] },
      },
    });
    const page = await signIn(false, agentKey(c.owner.id));
    await page.goto(`${baseUrl}/console/cases/${c.id}`);
    // A letter complainant's acknowledgement is itself the printed letter, carried by its task
    // (#17: every message on paper), opened by the task's id.
    const task = page.locator('li.task', { hasText: 'for: Acknowledgement' });
    assert.match(await task.innerText(), /Write to the customer · for: Acknowledgement/);
    await press(page, task.getByRole('link', { name: /Open the letter/ }), /\/letters\/T\d+$/);
    await check(page, 'the acknowledgement letter');
    assert.match(
      await page.locator('address').innerText(),
      /ul\. Długa 5/,
      'addressed to the postal address',
    );
    await press(page, page.getByRole('button', { name: 'Mark the letter sent' }), /done=letter-sent/);
    assert.ok((await caseView(c.id)).tasks.find((t) => t.purpose === 'acknowledgement')?.closedAt);
    await page.close();
  });

  it('shows the help overlay on "?" and opens the note form on "m" (with script)', async () => {
    const c = await newCase('Wrong colour delivered');
    const page = await signIn(true, agentKey(c.owner.id));
    await page.goto(`${baseUrl}/console/cases/${c.id}`);
    await page.keyboard.press('?');
    assert.ok(await page.locator('dialog#help').isVisible(), 'the help overlay is open');
    await check(page, 'the help overlay');
    await page.keyboard.press('Escape');
    await page.keyboard.press('m');
    assert.equal(await page.locator('#notes-text:focus').count(), 1, 'the note field has the focus');
    await page.keyboard.type('Customer prefers a call after 5 pm.');
    await page.locator('#form-notes form').getByRole('button', { name: 'Note' }).click();
    await page.waitForURL(/done=notes/);
    assert.match(await page.locator('#h-notes + ol').innerText(), /after 5 pm/);
    await page.keyboard.press('q');
    await page.waitForURL(/\/console\/queue$/);
    await page.close();
  });

  it('lets a supervisor approve an over-cap remedy and decline a long extension from the approvals inbox', async () => {
    const c = await newCase('Sofa delivered torn');
    const ownerKey = agentKey(c.owner.id);
    await eventually(
      async () => ((await caseView(c.id)).stage === 'diagnosis' ? true : undefined),
      'diagnosis',
    );
    const diagnosis = {
      summary: 'Torn in transit.',
      probableCause: 'Courier handling',
      responsibleParty: { kind: 'third-party', name: 'FastCourier' },
      expectedResolutionBy: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    };
    await api('POST', `/complaints/${c.id}/diagnosis`, diagnosis, ownerKey);
    await api(
      'POST',
      `/complaints/${c.id}/resolution`,
      {
        outcome: 'upheld',
        explanation: 'Torn in transit.',
        apology: 'We are sorry.',
        remedy: { kind: 'refund', amount: 2000, currency: 'PLN' },
      },
      ownerKey,
    );
    // A second case asks for an extension beyond the limit: it stays in progress, yet awaits approval.
    const e = await newCase('Table delivered scratched');
    await eventually(
      async () => ((await caseView(e.id)).stage === 'diagnosis' ? true : undefined),
      'diagnosis',
    );
    await api('POST', `/complaints/${e.id}/diagnosis`, diagnosis, agentKey(e.owner.id));
    await api(
      'POST',
      `/complaints/${e.id}/extension`,
      {
        newExpectedBy: new Date(Date.now() + 40 * 86_400_000).toISOString(),
        reason: 'A new table comes from the factory.',
      },
      agentKey(e.owner.id),
    );
    await recorded(c.reference, (r) => !!r.approval);
    await recorded(e.reference, (r) => !!r.approval);

    const page = await signIn(false, SUPERVISOR_KEY);
    await page.getByRole('link', { name: 'Approvals' }).click();
    await page.waitForURL(/\/console\/approvals$/);
    const card = page.locator('article', { hasText: c.reference });
    assert.match(await card.innerText(), /Remedy above the caps/);
    assert.match(await card.innerText(), /Maria Kowalska/);
    await check(page, 'the approvals inbox');
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-approvals.png'), fullPage: true });
    await card.getByLabel(/Note/).fill('Approved: the sofa was a total loss.');
    await press(page, card.getByRole('button', { name: 'Approve' }), /\/console\/approvals\?done=/);
    // The notice names the case by its reference, never its internal id.
    assert.match(await page.locator('.notice').innerText(), new RegExp(`Approval for case ${c.reference}`));
    assert.doesNotMatch(await page.locator('.notice').innerText(), new RegExp(c.id));
    await eventually(async () => {
      await page.reload();
      return (await page.locator('article', { hasText: c.reference }).count()) === 0;
    }, 'gone from the inbox');
    const extension = page.locator('article', { hasText: e.reference });
    assert.match(await extension.innerText(), /Extension beyond the limit/);
    await press(page, extension.getByRole('button', { name: 'Decline' }), /\/console\/approvals\?done=/);
    assert.equal((await caseView(e.id)).stage, 'in-progress');
    assert.notEqual((await caseView(c.id)).stage, 'awaiting-approval');
    // The case's timeline names the supervisor, not their id.
    await page.goto(`${baseUrl}/console/cases/${c.id}`);
    const timeline = await page.locator('#h-timeline + ol').innerText();
    assert.match(timeline, new RegExp(`Approved by ${stack.roster.supervisors[0].name}`));
    assert.doesNotMatch(timeline, new RegExp(`by ${stack.roster.supervisors[0].id}\\b`));
    await check(page, "the supervisor's case page");
    await page.close();
  });

  it('gives an operator the attention reasons, stuck and overdue cases, linked to the case and to its workflow', async () => {
    // A case whose customer's address is inactive from the start: its acknowledgement fails for good.
    const email = `gone.${Date.now()}@example.com`;
    await fetch(`${stack.sandbox.url}/sandbox/inactive-recipients`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    const failed = await newCase('Heater stopped working', {
      customer: { name: 'Jan Nowak', email, phone: '+48 601 200 300', language: 'en' },
    });
    await recorded(failed.reference, (r) => (r.attention ?? []).includes('email-failed'));
    // A case the engine stopped acting on: its record says its acknowledgement was due hours ago.
    const stuck = openedCase('console-stuck-100001', new Date(Date.now() - 5 * 3600_000).toISOString());
    const view = stuck.view(stuck.state, Date.now() - 4 * 3600_000);
    await writeCaseRecord(
      store,
      caseSummary(view, 1),
      undefined,
      new Date(),
      await worklistRecord(
        encryptionCodec({ keysDir: testKeysDir() }),
        complaintWorkflowId(view.complaintId),
        view,
        [],
      ),
    );

    const page = await signIn(false, OPERATOR_KEY);
    assert.match(page.url(), /\/console\/ops$/);
    assert.equal(await page.locator('h1').innerText(), 'Cases that need attention, are stuck or overdue');
    const attention = page.locator('section[aria-labelledby="attention"]');
    const row = attention.locator('tr', { hasText: failed.reference });
    assert.match(await row.innerText(), /E-mail failed for good/);
    assert.equal(
      await row.getByRole('link', { name: failed.reference, exact: true }).getAttribute('href'),
      `/console/cases/${failed.id}`,
    );
    assert.equal(
      await row.getByRole('link', { name: /Open in Temporal Web UI/ }).getAttribute('href'),
      `http://127.0.0.1:8233/namespaces/${stack.namespace}/workflows/complaint-${failed.id}`,
    );
    assert.doesNotMatch(await page.locator('main').innerText(), /Jan Nowak|gone\./, 'no personal data');
    const stuckRow = page.locator('section[aria-labelledby="stuck"] tr', { hasText: view.reference });
    assert.match(await stuckRow.innerText(), /deadline passed, engine has not acted/);
    assert.equal(await page.locator('main form').count(), 0, 'read-only: no forms');
    await check(page, 'the operator view');
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-ops.png'), fullPage: true });
    // The case page without personal data.
    await page.goto(`${baseUrl}/console/cases/${failed.id}`);
    assert.match(await page.locator('main').innerText(), /You see this case without personal data/);
    assert.doesNotMatch(await page.locator('main').innerText(), /Jan Nowak/);
    await check(page, 'the operator’s case page');
    await page.goto(`${baseUrl}/console/help`);
    await check(page, 'the help page');
    await page.goto(`${baseUrl}/console/sign-in`);
    await check(page, 'the sign-in page');
    await page.close();
  });

  it('shows a supervisor the team queue: every owner’s cases by urgency, with names, subjects and badges', async () => {
    // Every case of this file that is still open is in it (the worker has recorded them by now).
    const page = await signIn(false, SUPERVISOR_KEY);
    const rows = page.locator('tbody tr');
    await eventually(async () => {
      await page.reload();
      return /Needs attention/.test(await page.locator('tbody').innerText());
    }, 'the case needing attention in the team queue');
    assert.ok((await rows.count()) >= 4, `${await rows.count()} rows`);
    // Most urgent first: the overdue (stuck) case, then those that wait on a person.
    assert.match(await rows.first().innerText(), /Overdue/);
    assert.match(await page.locator('tbody').innerText(), /Jan Nowak[\s\S]*Heater stopped working/);
    await check(page, 'the team queue');
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-team-queue.png'), fullPage: true });
    await page.getByLabel('Show').selectOption('attention');
    await press(page, page.getByRole('button', { name: 'Filter' }), /badge=attention/);
    assert.equal(await rows.count(), 1);
    await page.close();
  });

  // The language matrix: the extended tier (the translations themselves: the unit tests).
  it(`speaks Polish after the switch: stages, deadlines and tasks in words ${EXTENDED}`, async () => {
    const c = await newCase('Zła faktura', {
      channel: 'letter',
      customer: {
        name: 'Maria Kowalska',
        phone: '+48 600 100 200',
        language: 'en',
        postalAddress: { lines: ['ul. Długa 5', '00-001 Warszawa'] },
      },
    });
    const page = await signIn(false, agentKey(c.owner.id));
    await page.getByLabel('Language', { exact: true }).selectOption('pl');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/\/console\/queue/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'pl');
    assert.equal(await page.locator('h1').innerText(), 'Moja kolejka');
    await check(page, 'the Polish queue');
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-queue-pl.png'), fullPage: true });
    await page.goto(`${baseUrl}/console/cases/${c.id}`);
    const main = await page.locator('main').innerText();
    assert.match(main, /diagnoza/);
    assert.match(main, /Potwierdzenie przyjęcia/);
    // A letter complainant's acknowledgement is itself the printed letter (#17: every message on paper).
    assert.match(main, /Napisz do klienta · dotyczy: Potwierdzenie przyjęcia/);
    assert.doesNotMatch(main, /formal-acknowledgement|diagnosis-after-answer|customer-update/);
    await check(page, 'the Polish case page');
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-case-pl.png'), fullPage: true });
    await page.close();
  });
});
