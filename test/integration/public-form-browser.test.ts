// The public complaint form and the printable letters in a real headless Chromium (Debian's). The form
// is filled and sent with JavaScript off, the way a customer without scripts would; the answer page,
// the acknowledgement e-mail in the sandbox, the abuse protections (honeypot, minimum fill time, rate
// limit, size limits) and the staff's letters (HTML and PDF) are checked for real. axe-core runs on
// every page in a separate, script-enabled context. Screenshots stay in test-artifacts/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { WorkflowNotFoundError } from '@temporalio/client';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { complaintIdFor, type IntakeRequest } from '../../api/intake';
import { hashKey } from '../../api/keys';
import { chromiumPdfEngine } from '../../api/letters/pdf';
import { formStrings } from '../../api/public-form/strings';
import { EXTENDED } from '../helpers/tier';
import { caseResponseSchema, intakeResponseSchema } from '../../api/complaints/schemas';
import { pageStrings } from '../../api/pages/strings';
import { storeAttachmentStore } from '../../infra/attachments';
import { caseKeys } from '../../infra/codec';
import { fromRoot } from '../../infra/paths';
import { complaintWorkflowId } from '../../workflows/definitions';
import { startApiStack, type ApiStack } from '../helpers/api-stack';
import { chromiumArgs, chromiumPath } from '../helpers/chromium';
import { eventually, mails } from '../helpers/complaints';
import { testKeysDir } from '../helpers/stack';

const ARTIFACTS = fromRoot('test-artifacts');
const SUPERVISOR_KEY = 'test_supervisor_public_form_key';
const AGENT_KEY = 'test_agent_public_form_key';
const MIN_FILL_MS = 800;
const FILE_BYTES = 40_000;

// A 1×1 PNG: a real image the form accepts.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const OUR_ADDRESS = ['Customer Care', 'ul. Prosta 1', '00-001 Warszawa'];

describe('public complaint form and printable letters in a real browser (integration)', function () {
  this.timeout(120_000);
  let stack: ApiStack;
  let baseUrl: string;
  let browser: Browser;
  let noScript: BrowserContext;
  let withScript: BrowserContext;
  const attachments = () => storeAttachmentStore(stack.store, caseKeys({ keysDir: testKeysDir() }));

  before(async function () {
    this.timeout(180_000);
    const executablePath = chromiumPath();
    assert.ok(executablePath, 'Chromium is needed: apt-get install -y chromium, or set CHROMIUM_PATH.');
    // Our postal address is the policy's: every letter prints it at the top and sends the customer to it.
    stack = await startApiStack({
      policy: (p) => (p.organisation = { postalAddress: OUR_ADDRESS }),
    });
    const roster = stack.roster;
    baseUrl = await stack.serve({
      keys: () => [
        {
          hash: hashKey(SUPERVISOR_KEY),
          role: 'supervisor',
          subject: roster.supervisors[0].id,
          name: roster.supervisors[0].name,
        },
        // An agent who owns none of this suite's cases (owners are chosen from the roster by language).
        { hash: hashKey(AGENT_KEY), role: 'agent', subject: 'nobody-here', name: 'Nobody Here' },
      ],
      publicBaseUrl: 'http://127.0.0.1',
      publicForm: {
        attachments: attachments(),
        minFillMs: MIN_FILL_MS,
        perMinute: 1000,
        fileBytes: FILE_BYTES,
        files: 2,
        totalBytes: 60_000,
      },
    });
    browser = await chromium.launch({ executablePath, args: chromiumArgs });
    // The customer's side must work without any script.
    noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 900, height: 1000 } });
    withScript = await browser.newContext({ viewport: { width: 900, height: 1000 } });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await noScript?.close();
    await withScript?.close();
    await browser?.close();
    await stack?.close();
  });

  /** No serious or critical axe-core violation on this HTML (run where scripts may run). */
  async function accessible(html: string, what: string): Promise<void> {
    const page = await withScript.newPage();
    try {
      await page.setContent(html);
      const result = await new AxeBuilder({ page }).analyze();
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(
        bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
        [],
        `${what}: accessibility violations`,
      );
    } finally {
      await page.close();
    }
  }

  /** The case a form token starts (the token's nonce is the intake's idempotency key). */
  const caseOfToken = (token: string) =>
    complaintIdFor({} as IntakeRequest, token.split('.')[0], 'public-form');

  async function notStarted(token: string): Promise<void> {
    await assert.rejects(
      stack.client.workflow.getHandle(complaintWorkflowId(caseOfToken(token))).describe(),
      WorkflowNotFoundError,
      'nothing was started',
    );
  }

  async function openForm(language: string): Promise<{ page: Page; token: string }> {
    const page = await noScript.newPage();
    const res = await page.goto(`${baseUrl}/complain?lang=${language}`);
    assert.equal(res?.status(), 200);
    const token = (await page.locator('input[name="formToken"]').getAttribute('value'))!;
    return { page, token };
  }

  async function fill(
    page: Page,
    v: { name?: string; email?: string; phone?: string; order?: string; text?: string },
  ) {
    if (v.name !== undefined) await page.locator('#name').fill(v.name);
    if (v.email !== undefined) await page.locator('#email').fill(v.email);
    if (v.phone !== undefined) await page.locator('#phone').fill(v.phone);
    if (v.order !== undefined) await page.locator('#order').fill(v.order);
    if (v.text !== undefined) await page.locator('#description').fill(v.text);
  }

  /** Submits and waits for the answer page (a form post: the browser navigates). */
  async function submit(page: Page): Promise<number> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/complain') && r.request().method() === 'POST'),
      page.locator('form button[type="submit"]').click(),
    ]);
    await page.waitForLoadState();
    return response.status();
  }

  async function api(method: string, urlPath: string, body?: unknown, key = SUPERVISOR_KEY) {
    const res = await fetch(`${baseUrl}${urlPath}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: await res.json() };
  }

  it('takes an English complaint with a photo, without JavaScript, and the acknowledgement follows by e-mail', async () => {
    const { page, token } = await openForm('en');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
    assert.equal(await page.locator('h1').innerText(), formStrings.en.title);
    await accessible(await page.content(), 'the English form');
    const email = `web.en.${Date.now()}@example.com`;
    await fill(page, {
      name: 'Maria Kowalska',
      email,
      order: 'ORD-4711',
      text: 'The lamp arrived broken.\nThe box was crushed on one side.',
    });
    await page
      .locator('#attachments')
      .setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: PNG });
    await page.screenshot({ path: path.join(ARTIFACTS, 'public-form-en.png'), fullPage: true });
    await new Promise((r) => setTimeout(r, MIN_FILL_MS));
    assert.equal(await submit(page), 201);

    assert.equal(await page.locator('h1').innerText(), formStrings.en.answerTitle);
    const reference = await page.locator('.reference').innerText();
    assert.match(reference, /^CD-\d{4}-[A-Z0-9]{6}$/);
    assert.match(await page.locator('main').innerText(), /Files received: 1\./);
    const statusHref = (await page.locator('a.status-link').getAttribute('href'))!;
    assert.match(statusHref, /^\/c\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'public-form-answer-en.png'), fullPage: true });
    await accessible(await page.content(), 'the English answer page');

    // The case: channel "web", the customer's words and the attachment, sealed with the case's key.
    const complaintId = caseOfToken(token);
    const [ack] = await eventually(async () => {
      const found = await mails(stack, { caseId: complaintId, kind: 'acknowledgement' });
      return found.length ? found : undefined;
    }, 'the acknowledgement e-mail');
    assert.equal(ack.To, email);
    assert.ok(ack.Subject.includes(reference));
    const view = caseResponseSchema.parse((await api('GET', `/complaints/${complaintId}`)).json) as {
      channel: string;
      description: string;
      order?: { reference: string };
    };
    assert.equal(view.channel, 'web');
    assert.equal(view.order?.reference, 'ORD-4711');
    const id = /id (a[0-9a-f]{32})\)/.exec(view.description)?.[1];
    assert.ok(id, `the description names the attachment: ${view.description}`);
    const stored = await attachments().get(complaintWorkflowId(complaintId), id);
    assert.ok(stored?.data.equals(PNG), 'the attachment is kept, byte for byte');
    assert.equal(stored?.meta.name, 'lamp.png');
    // Staff download it from the case; another owner's agent may not.
    const download = await fetch(`${baseUrl}/complaints/${complaintId}/attachments/${id}`, {
      headers: { authorization: `Bearer ${SUPERVISOR_KEY}` },
    });
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'image/png');
    assert.match(download.headers.get('content-disposition') ?? '', /^attachment;.*lamp\.png/);
    assert.ok(Buffer.from(await download.arrayBuffer()).equals(PNG));
    assert.equal(
      (await api('GET', `/complaints/${complaintId}/attachments/${id}`, undefined, AGENT_KEY)).status,
      403,
    );
    // Nothing readable in the case store: the file name is sealed with the content.
    const rows = await stack.store.query<{ sealed: Buffer }>(
      'SELECT sealed FROM case_attachments WHERE id = $1',
      [id],
    );
    assert.equal(rows.rowCount, 1);
    assert.ok(!rows.rows[0].sealed.includes('lamp'), 'the file name is not in clear');
    assert.ok(!rows.rows[0].sealed.includes(PNG.subarray(0, 16)), 'nor the content');

    // The status link opens the customer's page.
    await page.goto(`${baseUrl}${statusHref}`);
    assert.match(await page.locator('.ref').innerText(), new RegExp(reference));
    await page.close();
  });

  // The language matrix (the extended tier): the English flow above runs in `npm test`; the unit tests
  // check every language's form, and api-browser.test.ts the right-to-left status page.
  const matrix: { language: 'he' | 'pl' | 'et' | 'sv'; name: string; text: string }[] = [
    { language: 'he', name: 'נועה לוי', text: 'המנורה הגיעה שבורה. האריזה הייתה מעוכה.' },
    { language: 'pl', name: 'Zofia Łęcka', text: 'Lampa dotarła zbita. Pudełko było zgniecione.' },
    { language: 'et', name: 'Mari Tamm', text: 'Lamp saabus katkisena. Karp oli muljutud.' },
    { language: 'sv', name: 'Åsa Öberg', text: 'Lampan kom trasig. Kartongen var intryckt.' },
  ];
  for (const { language, name, text } of matrix)
    it(`takes a complaint in ${language}${language === 'he' ? ', right to left' : ''} ${EXTENDED}`, async () => {
      const rtl = language === 'he';
      const { page, token } = await openForm(language);
      assert.equal(await page.locator('html').getAttribute('lang'), language);
      assert.equal(await page.locator('html').getAttribute('dir'), rtl ? 'rtl' : 'ltr');
      assert.equal(await page.locator('h1').innerText(), formStrings[language].title);
      if (rtl) {
        // Right to left: the name field's label starts at the right edge of the form.
        const label = (await page.locator('label[for="name"]').boundingBox())!;
        const input = (await page.locator('#name').boundingBox())!;
        assert.ok(label.x + label.width > input.x + input.width - 40, 'the label hugs the right edge');
      }
      await accessible(await page.content(), `the ${language} form`);
      const email = `web.${language}.${Date.now()}@example.com`;
      await fill(page, { name, email, text });
      await page.screenshot({ path: path.join(ARTIFACTS, `public-form-${language}.png`), fullPage: true });
      await new Promise((r) => setTimeout(r, MIN_FILL_MS));
      assert.equal(await submit(page), 201);
      assert.equal(await page.locator('h1').innerText(), formStrings[language].answerTitle);
      assert.equal(await page.locator('html').getAttribute('dir'), rtl ? 'rtl' : 'ltr');
      await page.screenshot({
        path: path.join(ARTIFACTS, `public-form-answer-${language}.png`),
        fullPage: true,
      });
      await accessible(await page.content(), `the ${language} answer page`);
      const [ack] = await eventually(async () => {
        const found = await mails(stack, { caseId: caseOfToken(token), kind: 'acknowledgement' });
        return found.length ? found : undefined;
      }, `the ${language} acknowledgement`);
      assert.equal(ack.To, email);
      if (rtl) assert.match(ack.TextBody, /[\u0590-\u05ff]/, 'the acknowledgement is in Hebrew');
      await page.close();
    });

  it('makes a double submit one complaint, shows its link once, and never hands the case to another sender of the token', async () => {
    const page = await noScript.newPage();
    await page.goto(`${baseUrl}/complain?lang=pl`);
    const token = (await page.locator('input[name="formToken"]').getAttribute('value'))!;
    await page.close();
    await new Promise((r) => setTimeout(r, MIN_FILL_MS));
    const email = `web.double.${Date.now()}@example.com`;
    const post = (
      description = 'Paczka nie dotarła.',
      who: { name: string; email: string } = { name: 'Jan Nowak', email },
    ) => {
      const form = new FormData();
      form.set('formToken', token);
      form.set('lang', 'pl');
      form.set('name', who.name);
      form.set('email', who.email);
      form.set('description', description);
      form.set('website', '');
      return fetch(`${baseUrl}/complain`, { method: 'POST', body: form });
    };
    const [first, second] = [await post(), await post()];
    assert.equal(first.status, 201);
    assert.equal(second.status, 200, 'the repeat finds the same complaint');
    const ref = (html: string) => /class="reference"><bdi>([^<]+)</.exec(html)?.[1];
    const link = (html: string) => /href="(\/c\/[^"]+)"/.exec(html)?.[1];
    const [firstHtml, secondHtml] = [await first.text(), await second.text()];
    const [a, b] = [ref(firstHtml), ref(secondHtml)];
    assert.ok(a);
    assert.equal(a, b);
    assert.ok(link(firstHtml), 'the first answer carries the status link');
    assert.equal(link(secondHtml), undefined, 'the repeat does not: the link is shown once');
    assert.match(secondHtml, new RegExp(formStrings.pl.answerRepeated.slice(0, 30)));
    const listed = await eventually(async () => {
      const r = (await api('GET', `/complaints?reference=${a}`)).json as { items: unknown[] };
      return r.items.length ? r.items : undefined;
    }, 'the case in the listing');
    assert.equal(listed.length, 1, 'one complaint');
    const handle = stack.client.workflow.getHandle(complaintWorkflowId(caseOfToken(token)));
    await eventually(
      async () => ((await handle.describe()).status.name === 'RUNNING' ? true : undefined),
      'running',
    );
    // What someone outside could change: a Signal or an Update reaching the case. (Its own progress —
    // the acknowledgement, the owner's tasks — goes on meanwhile and is not what this looks at.)
    const fromOutside = async () =>
      (await handle.fetchHistory()).events!.filter(
        (e) =>
          e.workflowExecutionSignaledEventAttributes ||
          e.workflowExecutionUpdateAcceptedEventAttributes ||
          e.workflowExecutionUpdateAdmittedEventAttributes,
      ).length;
    const historyBefore = await fromOutside();
    // The API chose the owner, as for every intake: the case does not count open cases itself.
    const scheduled = (await handle.fetchHistory()).events!.map(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name,
    );
    assert.ok(!scheduled.includes('countOpenCases'), scheduled.filter(Boolean).join(', '));
    // The same token with other words (someone else who has the token, or an edit between two
    // clicks): 409, nothing changed, and neither the reference nor a link in the answer.
    const intruder = await post('Proszę zamknąć sprawę.', {
      name: 'Ktoś Inny',
      email: 'intruder@example.com',
    });
    assert.equal(intruder.status, 409);
    const intruderHtml = await intruder.text();
    assert.equal(link(intruderHtml), undefined, 'no link');
    assert.ok(!intruderHtml.includes(a), 'not even the reference');
    assert.match(intruderHtml, new RegExp(formStrings.pl.errAlreadySent.slice(0, 30)));
    assert.ok(intruderHtml.includes('Proszę zamknąć sprawę.'), 'the words stay on a new form');
    const newToken = /name="formToken" value="([^"]+)"/.exec(intruderHtml)?.[1];
    assert.ok(newToken && newToken !== token, 'with a new token: sending it is a new complaint');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await fromOutside(), historyBefore, 'nothing reached the case');
    const view = JSON.stringify((await api('GET', `/complaints/${caseOfToken(token)}`)).json);
    assert.ok(
      !view.includes('intruder@example.com') && !view.includes('zamknąć'),
      'nothing of it reached the case',
    );
  });

  it('sends a bot that fills the honeypot away, with a readable page, and starts nothing', async () => {
    const { page, token } = await openForm('en');
    await fill(page, { name: 'Bot', email: 'bot@example.com', text: 'Buy cheap things.' });
    await page.locator('#website').fill('https://spam.example', { force: true });
    await new Promise((r) => setTimeout(r, MIN_FILL_MS));
    assert.equal(await submit(page), 400);
    assert.match(await page.locator('[role="alert"]').innerText(), new RegExp(formStrings.en.errRejected));
    assert.equal(await page.locator('#description').inputValue(), 'Buy cheap things.', 'the words stay');
    await accessible(await page.content(), 'the honeypot page');
    await notStarted(token);
    await page.close();
  });

  it('sends back a form sent faster than a person can, and one without a way to reach the customer', async () => {
    // A form sent a moment after it was shown (here: under a minute) comes back.
    const patient = await stack.serve({ publicForm: { minFillMs: 60_000 } });
    const quick = await noScript.newPage();
    await quick.goto(`${patient}/complain?lang=sv`);
    await fill(quick, { name: 'Sven Svensson', email: 'sven@example.com', text: 'Fel färg på tröjan.' });
    assert.equal(await submit(quick), 400, 'too fast');
    assert.match(await quick.locator('[role="alert"]').innerText(), new RegExp(formStrings.sv.errTooFast));
    assert.equal(await quick.locator('#description').inputValue(), 'Fel färg på tröjan.');
    await notStarted((await quick.locator('input[name="formToken"]').getAttribute('value'))!);
    await quick.close();

    const { page, token } = await openForm('sv');
    await fill(page, { name: 'Sven Svensson', text: 'Fel färg på tröjan.' });
    await new Promise((r) => setTimeout(r, MIN_FILL_MS));
    // Neither e-mail nor phone (the browser lets it through: either one will do).
    assert.equal(await submit(page), 400);
    assert.match(await page.locator('[role="alert"]').innerText(), new RegExp(formStrings.sv.errContact));
    assert.equal(await page.locator('#email').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#name').inputValue(), 'Sven Svensson');
    await page.screenshot({ path: path.join(ARTIFACTS, 'public-form-error-sv.png'), fullPage: true });
    await accessible(await page.content(), 'the form with errors');
    await notStarted(token);
    await page.close();
  });

  it('keeps to the size limits: a file too large, one of the wrong type, too many, and a body far too large', async () => {
    // A type not taken is unsupported content (415), the others too large (413).
    const cases: [string, Parameters<Page['setInputFiles']>[1], string, number][] = [
      [
        'too large',
        { name: 'big.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(FILE_BYTES + 1, 1) },
        formStrings.en.errFileTooLarge,
        413,
      ],
      [
        'wrong type',
        { name: 'run.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') },
        formStrings.en.errFileType,
        415,
      ],
      [
        'too many',
        [1, 2, 3].map((i) => ({ name: `p${i}.png`, mimeType: 'image/png', buffer: PNG })),
        formStrings.en.errTooManyFiles,
        413,
      ],
    ];
    for (const [what, files, message, expected] of cases) {
      const { page, token } = await openForm('en');
      await fill(page, { name: 'Maria', email: 'maria@example.com', text: `Photos (${what}).` });
      await page.locator('#attachments').setInputFiles(files);
      await new Promise((r) => setTimeout(r, MIN_FILL_MS));
      const status = await submit(page);
      assert.equal(status, expected, what);
      assert.match(
        await page.locator('[role="alert"]').innerText(),
        new RegExp(message.replace(/[()]/g, '.')),
        what,
      );
      assert.equal(
        await page.locator('#description').inputValue(),
        `Photos (${what}).`,
        `${what}: the words stay`,
      );
      if (what === 'too large') await accessible(await page.content(), 'the size-limit page');
      await notStarted(token);
      await page.close();
    }
    // Far beyond every limit: not even read; still a page, not a crash.
    const form = new FormData();
    form.set('name', 'Maria');
    form.set('attachments', new Blob([Buffer.alloc(400_000, 1)], { type: 'image/png' }), 'huge.png');
    const res = await fetch(`${baseUrl}/complain`, { method: 'POST', body: form });
    assert.equal(res.status, 413);
    assert.match(await res.text(), new RegExp(formStrings.en.errTooLarge.replace(/[()]/g, '.')));
  });

  it('slows down a client that sends too many forms, with a readable page', async () => {
    const limited = await stack.serve({ publicForm: { perMinute: 2, minFillMs: 0 } });
    const page = await noScript.newPage();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(`${limited}/complain?lang=et`);
      // Invalid on purpose (no contact): the rate limit counts every post, good or bad.
      await fill(page, { name: 'Mari Maasikas', text: `Katkine pakend ${i}.` });
      statuses.push(await submit(page));
    }
    assert.deepEqual(statuses, [400, 400, 429]);
    assert.match(await page.locator('[role="alert"]').innerText(), new RegExp(pageStrings.et.tooManyText));
    assert.equal(await page.locator('#description').inputValue(), 'Katkine pakend 2.', 'the words stay');
    await page.close();
  });

  describe('letters', () => {
    async function letterCase(language: 'en' | 'he', name: string) {
      const res = await api('POST', '/complaints', {
        customer: {
          name,
          phone: '+48 600 100 200',
          postalAddress: { lines: ['ul. Długa 1', '00-001 Warszawa'] },
          language,
        },
        channel: 'letter',
        subject: language === 'he' ? 'מנורה שבורה' : 'A broken lamp',
        description:
          language === 'he' ? 'המנורה הגיעה שבורה.' : 'The lamp arrived broken; I enclose a photo.',
      });
      assert.equal(res.status, 201, JSON.stringify(res.json));
      return intakeResponseSchema.parse(res.json);
    }

    it('prints the acknowledgement letter to a letter complainant’s postal address (HTML, PDF), and "sent" completes the task', async () => {
      const started = await letterCase('en', 'Maria Kowalska');
      const view = await eventually(async () => {
        const v = caseResponseSchema.parse((await api('GET', `/complaints/${started.id}`)).json) as {
          tasks: { id: string; kind: string; purpose?: string; letter?: string; closedAt?: string }[];
          owner: { name: string };
        };
        return v.tasks.length ? v : undefined;
      }, 'the intake tasks');
      const task = view.tasks.find((t) => t.purpose === 'acknowledgement')!;
      assert.equal(task.kind, 'write');
      assert.equal(
        task.letter,
        `/complaints/${started.id}/letters/${task.id}`,
        'the task links to its letter (every message to a letter complainant is one)',
      );

      const staff = await browser.newContext({
        javaScriptEnabled: false,
        extraHTTPHeaders: { authorization: `Bearer ${SUPERVISOR_KEY}` },
      });
      const page = await staff.newPage();
      const res = await page.goto(`${baseUrl}${task.letter}`);
      assert.equal(res?.status(), 200);
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      const text = await page.locator('main').innerText();
      assert.match(text, new RegExp(started.reference));
      assert.match(text, /Dear Maria Kowalska|Maria Kowalska/);
      assert.match(text, /ul\. Długa 1/, 'the recipient block is the postal address');
      assert.match(text, /informed of every development/, 'the formal letter promises it (seed 003)');
      assert.match(text, new RegExp(view.owner.name), 'signed by the owner');
      // Paper cannot be replied to: the letter sends the customer to our address and the status page.
      assert.doesNotMatch(text, /reply to this e-mail/i);
      assert.match(text, /write to us at the address at the top of this letter/);
      const letterhead = await page.locator('.letterhead').innerText();
      for (const line of OUR_ADDRESS)
        assert.ok(letterhead.includes(line), `"${line}" at the top of the letter`);
      assert.match(text, /follow your complaint online: http/);
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({
        path: path.join(ARTIFACTS, 'letter-acknowledgement-en-print.png'),
        fullPage: true,
      });
      await accessible(await page.content(), 'the letter page');
      await staff.close();

      const pdf = await fetch(`${baseUrl}${task.letter}`, {
        headers: { authorization: `Bearer ${SUPERVISOR_KEY}`, accept: 'application/pdf' },
      });
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      const bytes = Buffer.from(await pdf.arrayBuffer());
      assert.equal(bytes.subarray(0, 4).toString('latin1'), '%PDF');
      fs.writeFileSync(path.join(ARTIFACTS, 'letter-acknowledgement-en.pdf'), bytes);

      // The owner's task e-mail: for the owner, linking to the case in the console, times with their zone.
      const taskMails = await eventually(async () => {
        const found = await mails(stack, { caseId: started.id, kind: 'callTask' });
        return found.some((m) => /Due by|Termin:/.test(m.TextBody)) ? found : undefined;
      }, 'the task e-mails');
      for (const taskMail of taskMails) {
        // In the owner's language (the roster's: English or Polish).
        assert.ok(/^(Your task|Twoje zadanie)/.test(taskMail.Subject), taskMail.Subject);
        assert.ok(
          taskMail.TextBody.includes(`${stack.config.publicBaseUrl}/console/cases/${started.id}`),
          'links to the console',
        );
      }
      const due = taskMails.find((m) => /Due by|Termin:/.test(m.TextBody))!;
      assert.match(
        due.TextBody,
        /(Due by: .* at|Termin: .*, godz\.) \d{2}:\d{2} \((UTC|[A-Za-z_]+\/[A-Za-z_]+)\)/,
      );

      // Another owner's agent: no letters of this case.
      assert.equal((await api('GET', `${task.letter}`, undefined, AGENT_KEY)).status, 403);
      // No resolution yet: the resolution letter cannot be written.
      assert.equal((await api('GET', `/complaints/${started.id}/letters/resolution`)).status, 409);

      const sent = await api('POST', `${task.letter}/sent`, { note: 'Posted first class.' });
      assert.equal(sent.status, 200, JSON.stringify(sent.json));
      const after = sent.json as { tasks: { id: string; closedAt?: string; closingNote?: string }[] };
      const closed = after.tasks.find((t) => t.id === task.id)!;
      assert.ok(closed.closedAt, 'the write task is done');
      assert.equal((await api('POST', `${task.letter}/sent`, {})).status, 409, 'sent once');
    });

    it('prints a Hebrew letter right to left, as a PDF too', async () => {
      const started = await letterCase('he', 'נועה לוי');
      const res = await fetch(`${baseUrl}/complaints/${started.id}/letters/acknowledgement`, {
        headers: { authorization: `Bearer ${SUPERVISOR_KEY}` },
      });
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /<html lang="he" dir="rtl">/);
      const page = await withScript.newPage();
      await page.setContent(html);
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({
        path: path.join(ARTIFACTS, 'letter-acknowledgement-he-print.png'),
        fullPage: true,
      });
      await page.close();
      const pdf = await fetch(`${baseUrl}/complaints/${started.id}/letters/acknowledgement.pdf`, {
        headers: { authorization: `Bearer ${SUPERVISOR_KEY}` },
      });
      assert.equal(pdf.status, 200);
      const bytes = Buffer.from(await pdf.arrayBuffer());
      assert.equal(bytes.subarray(0, 4).toString('latin1'), '%PDF');
      fs.writeFileSync(path.join(ARTIFACTS, 'letter-acknowledgement-he.pdf'), bytes);
    });

    it('answers 503 with the reason when there is no PDF engine, and the HTML letter still works', async () => {
      const broken = await stack.serve({
        keys: () => [
          {
            hash: hashKey(SUPERVISOR_KEY),
            role: 'supervisor',
            subject: stack.roster.supervisors[0].id,
            name: 'S',
          },
        ],
        letters: { pdf: chromiumPdfEngine({ executablePath: '/nonexistent/chromium' }) },
      });
      const started = await letterCase('en', 'Piotr Zieliński');
      const headers = { authorization: `Bearer ${SUPERVISOR_KEY}` };
      const pdf = await fetch(`${broken}/complaints/${started.id}/letters/acknowledgement.pdf`, { headers });
      assert.equal(pdf.status, 503);
      const problem = (await pdf.json()) as { detail: string };
      assert.match(problem.detail, /Chromium could not be started/);
      const html = await fetch(`${broken}/complaints/${started.id}/letters/acknowledgement`, { headers });
      assert.equal(html.status, 200);
    });
  });
});
