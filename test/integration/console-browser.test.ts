// The staff console in a real headless Chromium (Debian's), with JavaScript switched off for the
// work itself (the console must work without it): an agent signs in and takes a new case from the
// top of the queue to documented, only through the console; a supervisor approves an over-cap remedy
// from the approvals inbox; an operator opens the overdue and stuck view. axe-core checks every page;
// screenshots stay in test-artifacts/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { hashKey, type ApiKeyRecord } from '../../api/keys';
import { intakeResponseSchema } from '../../api/schemas';
import { fromRoot } from '../../infra/paths';
import {
  ComplaintNextDeadline,
  ComplaintOwner,
  ComplaintReference,
  ComplaintStage,
} from '../../infra/search-attributes';
import { startApiStack, type ApiStack } from '../helpers/api-stack';
import { chromiumArgs, chromiumPath } from '../helpers/chromium';
import { EXTENDED } from '../helpers/tier';
import { eventually } from '../helpers/complaints';

const ARTIFACTS = fromRoot('test-artifacts');
const SUPERVISOR_KEY = 'test_console_supervisor_key';
const OPERATOR_KEY = 'test_console_operator_key';
const agentKey = (ownerId: string) => `test_console_agent_${ownerId}`;

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
    await target.route(url, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    await target.goto(url);
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
  this.timeout(180_000);
  let stack: ApiStack;
  let baseUrl: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let axeContext: BrowserContext;
  /** axe on a page: directly when it runs script, else on its copy. */
  const check = (page: Page, what: string) =>
    accessible(
      page,
      what,
      contexts.includes(page.context()) && !scripted.has(page.context()) ? axeContext : undefined,
    );
  const scripted = new Set<BrowserContext>();

  before(async function () {
    this.timeout(240_000);
    const executablePath = chromiumPath();
    assert.ok(executablePath, 'Chromium is needed: apt-get install -y chromium, or set CHROMIUM_PATH.');
    stack = await startApiStack();
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
      log: (m: string, e?: unknown) => console.error(m, e),
    });
    browser = await chromium.launch({ executablePath, args: chromiumArgs });
    axeContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(axeContext);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.close();
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

  async function newCase(subject: string, amount = 300) {
    const started = intakeResponseSchema.parse(
      await api('POST', '/complaints', {
        customer: { name: 'Maria Kowalska', email: `maria.${Date.now()}@example.com`, language: 'en' },
        channel: 'phone',
        subject,
        description: 'The courier left the parcel at the door and the lamp inside is broken.',
        order: { reference: 'ORD-77', amount, currency: 'PLN' },
      }),
    );
    const owner = await eventually(async () => {
      const res = await fetch(`${baseUrl}/complaints/${started.id}`, {
        headers: { authorization: `Bearer ${SUPERVISOR_KEY}` },
      });
      const v = (await res.json()) as { owner?: { id: string; name: string } };
      return res.status === 200 && v.owner ? v.owner : undefined;
    }, 'the case has an owner');
    return { ...started, owner };
  }

  /** A new browser context (its own cookies) signed in with the key. */
  async function signIn(script: boolean, key: string): Promise<Page> {
    const context = await browser.newContext({
      javaScriptEnabled: script,
      locale: 'en-GB',
      viewport: { width: 1280, height: 900 },
    });
    contexts.push(context);
    if (script) scripted.add(context);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/console`);
    assert.match(page.url(), /\/console\/sign-in/, 'no page without a session');
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/(queue|ops)/);
    return page;
  }

  const caseView = (id: string) =>
    api('GET', `/complaints/${id}`) as Promise<{
      stage: string;
      timeline: { internal: { kind: string; text: string }[] };
      documentation?: {
        rootCauseCategory?: string;
        contributingFactors: string[];
        responsiblePartyKind?: string;
      };
      tasks: { id: string; kind: string; closedAt?: string }[];
    }>;

  it('lets an agent take a new case from the top of the queue to documented, without script', async () => {
    const c = await newCase('Lamp arrived broken');
    const page = await signIn(false, agentKey(c.owner.id));
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
    // The newest case has the earliest deadline (the acknowledgement's or the diagnosis'): first row.
    await eventually(async () => {
      await page.reload();
      return (
        (await page.locator('tbody tr').first().locator('a[data-case-link]').innerText()) === c.reference
      );
    }, 'the new case at the top of the queue');
    assert.match(await page.locator('.counts').innerText(), /open cases/);
    await check(page, 'the queue');
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-queue.png'), fullPage: true });

    await page.locator('tbody tr').first().locator('a[data-case-link]').click();
    await page.waitForURL(new RegExp(`/console/cases/${c.id}$`));
    assert.match(await page.locator('h1').innerText(), new RegExp(c.reference));
    assert.match(await page.locator('#h-customer + dl').innerText(), /Maria Kowalska/);
    assert.match(
      await page.locator('footer').innerText(),
      /Times shown in Europe\/(London|Warsaw|Stockholm|Tallinn)|Asia\/Jerusalem/,
    );
    await check(page, 'the case page');

    // Diagnosis: a date in the past is refused by the action's own schema, shown next to the field.
    const diagnosis = page.locator('#form-diagnosis');
    await diagnosis.locator('summary').click();
    await diagnosis.getByLabel('Summary').fill('The lamp broke in transit.');
    await diagnosis.getByLabel('Probable cause').fill('Rough handling at the courier depot');
    await diagnosis.getByLabel('third party').check();
    await diagnosis.getByLabel('Responsible party’s name').fill('FastCourier');
    await diagnosis.getByLabel(/Expected resolution by/).fill('2020-01-01T10:00');
    await diagnosis.locator('form').getByRole('button', { name: 'Diagnosis' }).click();
    assert.match(await page.locator('#form-diagnosis .field-error').innerText(), /must be in the future/);
    assert.equal((await caseView(c.id)).stage, 'diagnosis', 'nothing changed');
    await check(page, 'the case page with a refused form');
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 16);
    await page
      .locator('#form-diagnosis')
      .getByLabel(/Expected resolution by/)
      .fill(future);
    await page.locator('#form-diagnosis form').getByRole('button', { name: 'Diagnosis' }).click();
    await page.waitForURL(/done=diagnosis/);
    assert.match(await page.locator('.notice').innerText(), /Done: Diagnosis/);

    const progress = page.locator('#form-progress');
    await progress.locator('summary').click();
    await progress
      .getByLabel('Message')
      .fill('The courier confirmed the damage; a replacement is on its way.');
    await progress.getByLabel(/Send to the customer/).check();
    await progress.locator('form').getByRole('button', { name: 'Progress update' }).click();
    await page.waitForURL(/done=progress/);

    const resolution = page.locator('#form-resolution');
    await resolution.locator('summary').click();
    await resolution.getByLabel('partly upheld').check();
    await resolution
      .getByLabel('Explanation')
      .fill('The lamp broke in transit; the courier is responsible, the delay was ours.');
    await resolution.getByLabel('Apology').fill('We are sorry for the trouble.');
    await resolution.getByLabel('Remedy', { exact: true }).selectOption('voucher');
    await resolution.getByLabel('Voucher percent').fill('10');
    await resolution.getByLabel(/Voucher valid/).fill('90');
    await resolution.locator('form').getByRole('button', { name: 'Resolution' }).click();
    await page.waitForURL(/done=resolution/);
    assert.equal((await caseView(c.id)).stage, 'resolution-call');

    // The resolution call is an open task: log the call from it.
    const task = page.locator('[id^="task-"]').first();
    await task.getByLabel('Yes').check();
    await task.getByRole('button', { name: /Log a call/ }).click();
    await page.waitForURL(/done=calls/);

    const documentation = page.locator('#form-documentation');
    await documentation.locator('summary').click();
    await documentation.getByLabel('Root cause').fill('Fragile item packed without padding.');
    await documentation.getByLabel(/Root-cause category/).selectOption('packaging');
    await documentation.getByLabel('Weak or unsuitable packaging', { exact: true }).check();
    await documentation.getByLabel('Carrier handling', { exact: true }).check();
    await documentation.getByLabel('Responsible party', { exact: true }).fill('FastCourier');
    await documentation.getByLabel(/Responsible party is/).selectOption('carrier');
    await documentation.getByLabel('Corrective action').fill('Replacement sent.');
    await documentation.getByLabel('Preventive action').fill('Padding for lamps.');
    await documentation.locator('form').getByRole('button', { name: 'Documentation' }).click();
    await page.waitForURL(/done=documentation/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-case.png'), fullPage: true });

    const after = await caseView(c.id);
    assert.ok(after.documentation, 'documented');
    // What the pickers chose, as the policy's ids (so the weekly review and the trends can count it).
    assert.equal(after.documentation.rootCauseCategory, 'packaging');
    assert.deepEqual(after.documentation.contributingFactors, ['packaging', 'carrier-handling']);
    assert.equal(after.documentation.responsiblePartyKind, 'carrier');
    const kinds = after.timeline.internal.map((e) => e.kind);
    for (const kind of ['diagnosis', 'resolution'])
      assert.ok(kinds.includes(kind), `${kind} on the timeline`);
    assert.ok(
      after.timeline.internal.some((e) => /courier confirmed the damage/.test(e.text)),
      'the progress update',
    );
    assert.ok(!after.tasks.some((k) => k.kind === 'call' && !k.closedAt), 'no call left open');
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
    // "n" goes to the next case of the queue; "q" back to the queue.
    await page.keyboard.press('q');
    await page.waitForURL(/\/console\/queue$/);
    await page.close();
  });

  it('lets a supervisor approve an over-cap remedy and decline a long extension from the approvals inbox', async () => {
    const c = await newCase('Sofa delivered torn', 300);
    const ownerKey = agentKey(c.owner.id);
    await eventually(async () => {
      const v = await caseView(c.id);
      return v.stage === 'diagnosis' ? v : undefined;
    }, 'the case in diagnosis');
    await api(
      'POST',
      `/complaints/${c.id}/diagnosis`,
      {
        summary: 'Torn in transit.',
        probableCause: 'Courier handling',
        responsibleParty: { kind: 'third-party', name: 'FastCourier' },
        expectedResolutionBy: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      },
      ownerKey,
    );
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
    assert.equal((await caseView(c.id)).stage, 'awaiting-approval');
    // A second case asks for an extension beyond the limit: it stays in progress, yet awaits approval.
    const e = await newCase('Table delivered scratched', 300);
    await eventually(
      async () => ((await caseView(e.id)).stage === 'diagnosis' ? true : undefined),
      'diagnosis',
    );
    await api(
      'POST',
      `/complaints/${e.id}/diagnosis`,
      {
        summary: 'Scratched in the warehouse.',
        probableCause: 'Storage',
        responsibleParty: { kind: 'ours', name: 'Warehouse' },
        expectedResolutionBy: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      },
      agentKey(e.owner.id),
    );
    await api(
      'POST',
      `/complaints/${e.id}/extension`,
      {
        newExpectedBy: new Date(Date.now() + 40 * 86_400_000).toISOString(),
        reason: 'A new table comes from the factory.',
      },
      agentKey(e.owner.id),
    );

    const page = await signIn(false, SUPERVISOR_KEY);
    await page.getByRole('link', { name: 'Approvals' }).click();
    await page.waitForURL(/\/console\/approvals$/);
    const card = page.locator('article', { hasText: c.reference });
    assert.match(await card.innerText(), /Remedy above the caps/);
    await check(page, 'the approvals inbox');
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-approvals.png'), fullPage: true });
    await card.getByLabel(/Note/).fill('Approved: the sofa was a total loss.');
    await card.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(/\/console\/approvals\?done=/);
    assert.equal(await page.locator('article', { hasText: c.reference }).count(), 0, 'gone from the inbox');
    const extension = page.locator('article', { hasText: e.reference });
    assert.match(await extension.innerText(), /Extension beyond the limit/);
    await extension.getByRole('button', { name: 'Decline' }).click();
    await page.waitForURL(/\/console\/approvals\?done=/);
    assert.equal(await page.locator('article', { hasText: e.reference }).count(), 0, 'declined');
    assert.equal((await caseView(e.id)).stage, 'in-progress');
    assert.notEqual((await caseView(c.id)).stage, 'awaiting-approval');
    // The team queue and the case page pass axe too.
    await page.goto(`${baseUrl}/console/queue`);
    await check(page, 'the team queue');
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-team-queue.png'), fullPage: true });
    await page.goto(`${baseUrl}/console/cases/${c.id}`);
    await check(page, "the supervisor's case page");
    await page.goto(`${baseUrl}/console/search?q=${encodeURIComponent('Sofa delivered')}`);
    assert.match(await page.locator('main').innerText(), new RegExp(c.reference));
    await check(page, 'the search page');
    await page.close();
  });

  it('gives an operator the read-only overdue and stuck view with Web UI links', async () => {
    // A case no worker ever picks up: its deadline passed an hour ago and nothing acted on it.
    const stuckId = `s${Date.now().toString(16)}stuck`;
    await stack.client.workflow.start('complaintWorkflowV2', {
      workflowId: `complaint-${stuckId}`,
      taskQueue: 'no-worker-polls-this',
      args: [],
      memo: { reference: 'CD-2026-STUCK1', language: 'en' },
      typedSearchAttributes: [
        { key: ComplaintStage, value: 'in-progress' },
        { key: ComplaintOwner, value: 'nobody-in-the-roster' },
        { key: ComplaintReference, value: 'CD-2026-STUCK1' },
        { key: ComplaintNextDeadline, value: new Date(Date.now() - 3600_000) },
      ],
    });
    const page = await signIn(false, OPERATOR_KEY);
    assert.match(page.url(), /\/console\/ops$/);
    const stuck = page.locator('section[aria-labelledby="stuck"]');
    await eventually(async () => {
      await page.reload();
      return (await stuck.innerText()).includes('CD-2026-STUCK1');
    }, 'the stuck case listed');
    assert.equal(
      await stuck
        .locator('tr', { hasText: 'CD-2026-STUCK1' })
        .getByRole('link', { name: /Open in Temporal Web UI/ })
        .getAttribute('href'),
      `http://127.0.0.1:8233/namespaces/${stack.namespace}/workflows/complaint-${stuckId}`,
    );
    assert.equal(await page.locator('h1').innerText(), 'Overdue and stuck cases');
    assert.equal(await page.locator('main form').count(), 0, 'read-only: no forms');
    await check(page, 'the overdue and stuck view');
    await page.screenshot({ path: path.join(ARTIFACTS, 'console-ops.png'), fullPage: true });
    await page.goto(`${baseUrl}/console/help`);
    await check(page, 'the help page');
    await page.goto(`${baseUrl}/console/sign-in`);
    await check(page, 'the sign-in page');
    await page.close();
  });

  // The language matrix: the extended tier (the translations themselves: test/unit/console.test.ts).
  it(`speaks Polish after the switch ${EXTENDED}`, async () => {
    const c = await newCase('Zła faktura');
    const page = await signIn(false, agentKey(c.owner.id));
    await page.getByLabel('Language', { exact: true }).selectOption('pl');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/\/console\/queue/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'pl');
    assert.equal(await page.locator('h1').innerText(), 'Moja kolejka');
    await check(page, 'the Polish queue');
    await page.close();
  });
});
