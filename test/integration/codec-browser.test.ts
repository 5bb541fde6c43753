// The Temporal Web UI in a real headless Chromium, against a dev server started with
// --ui-codec-endpoint pointing at the API's token URL (an operator's, as `npm run up` sets it): the UI
// shows the case decrypted without its personal data; a supervisor's token shows the customer; when
// the codec refuses (a token that is not valid), the input stays ciphertext. The UI answers only
// allowed Host headers, so its settings (with the codec URL) reach no rebound DNS name.
// Screenshots stay in test-artifacts/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { hashKey, keyIdOf } from '../../api/keys';
import { intakeResponseSchema } from '../../api/complaints/schemas';
import { fromRoot } from '../../infra/paths';
import { complaintWorkflowId } from '../../workflows/definitions';
import { send, startApiStack, type ApiStack } from '../helpers/api-stack';
import { chromiumArgs, chromiumPath } from '../helpers/chromium';
import { stageIs } from '../helpers/complaints';

const ARTIFACTS = fromRoot('test-artifacts');
const KEY = 'test_supervisor_web_ui_key';
const NAME = 'Ottilie Brackenbury-Nowak';
const EMAIL = 'ottilie.brackenbury@webui-test.example';

describe('Temporal Web UI through the codec endpoint (integration, browser)', function () {
  this.timeout(120_000);
  let stack: ApiStack;
  let browser: Browser;
  let workflowUrl: string;
  let reference: string;

  before(async function () {
    this.timeout(240_000);
    const executablePath = chromiumPath();
    assert.ok(executablePath, 'Chromium is needed: apt-get install -y chromium, or set CHROMIUM_PATH.');
    stack = await startApiStack({ webUi: true });
    const ui = stack.webUi!;
    const baseUrl = await stack.serve(
      {
        keys: () => [
          {
            hash: hashKey(KEY),
            role: 'supervisor',
            subject: stack.roster.supervisors[0].id,
            name: 'Supervisor',
          },
          // The operator key the Web UI's codec token was minted with (see startApiStack).
          ui.operatorKey,
        ],
      },
      { port: ui.apiPort },
    );
    const reply = await send(`${baseUrl}/complaints`, {
      method: 'POST',
      key: KEY,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        customer: { name: NAME, email: EMAIL, language: 'en' },
        channel: 'web',
        subject: 'Kettle switch melted',
        description: 'The switch of the kettle melted on the second day.',
      }),
    });
    assert.equal(reply.status, 201, reply.text);
    const intake = intakeResponseSchema.parse(reply.json);
    reference = intake.reference;
    const workflowId = complaintWorkflowId(intake.id);
    await stageIs(stack.client.workflow.getHandle(workflowId), 'diagnosis');
    workflowUrl = `${ui.url}/namespaces/default/workflows/${workflowId}`;
    browser = await chromium.launch({ executablePath, args: chromiumArgs });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** The workflow page's text, once it shows `expected` (the UI renders first, then calls the codec). */
  async function workflowPage(page: Page, expected: RegExp): Promise<string> {
    // Not "networkidle": the UI keeps polling a running workflow.
    await page.goto(workflowUrl, { waitUntil: 'load', timeout: 60_000 });
    await page
      .waitForFunction(
        (source) =>
          new RegExp(source).test(
            (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText,
          ),
        expected.source,
        {
          timeout: 45_000,
        },
      )
      .catch(() => undefined); // the assertions below say what was missing
    return page.locator('body').innerText();
  }

  it('shows the operator’s UI the decrypted case without its personal data', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1100 } });
    try {
      const page = await context.newPage();
      const codecCalls: number[] = [];
      page.on('response', (r) => {
        if (r.url().startsWith(stack.webUi!.codecEndpoint) && r.request().method() === 'POST')
          codecCalls.push(r.status());
      });
      const text = await workflowPage(page, new RegExp(reference));
      await page.screenshot({ path: path.join(ARTIFACTS, 'web-ui-codec-operator.png'), fullPage: true });
      assert.ok(codecCalls.length > 0, 'the Web UI called the codec endpoint');
      assert.ok(
        codecCalls.every((s) => s === 200),
        `codec answers: ${codecCalls.join(', ')}`,
      );
      assert.ok(text.includes(reference), 'the decoded input shows the reference');
      assert.ok(!text.includes(NAME) && !text.includes(EMAIL), 'but not the customer');
    } finally {
      await context.close();
    }
  });

  it('shows a supervisor’s token (the UI’s Codec Server setting) the customer', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1100 } });
    try {
      const page = await context.newPage();
      const { token } = stack.codecTokens.mint(
        { subject: 'supervisor', role: 'supervisor', keyId: keyIdOf(hashKey(KEY)) },
        600_000,
      );
      const supervisor = stack.webUi!.codecEndpoint.replace(/\/t\/[^/]+/, `/t/${token}`);
      await page.route(
        (url) => url.href.startsWith(stack.webUi!.codecEndpoint),
        (route) =>
          route.continue({ url: route.request().url().replace(stack.webUi!.codecEndpoint, supervisor) }),
      );
      const text = await workflowPage(page, new RegExp(NAME));
      await page.screenshot({ path: path.join(ARTIFACTS, 'web-ui-codec-decoded.png'), fullPage: true });
      assert.ok(text.includes(NAME) || text.includes(EMAIL), 'the decoded input shows the customer');
    } finally {
      await context.close();
    }
  });

  it('answers only allowed Host headers: a rebound DNS name gets neither the UI nor its codec URL', async () => {
    const ui = new URL(stack.webUi!.url);
    const get = (host: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = http.request(
          { host: ui.hostname, port: ui.port, path: '/api/v1/settings', headers: { host } },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    const own = await get(`localhost:${ui.port}`);
    assert.equal(own.status, 200, own.text.slice(0, 200));
    assert.match(own.text, /codec/i, 'the settings name the codec endpoint');
    const rebound = await get(`attacker.example:${ui.port}`);
    assert.equal(rebound.status, 421);
    assert.doesNotMatch(rebound.text, /codec|cdc\d\./i);
  });

  it('keeps the payload encrypted when the codec refuses the session', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1100 } });
    try {
      const page = await context.newPage();
      // The same UI, but its codec calls carry a token that is not valid: the endpoint answers 401.
      const bad = stack.webUi!.codecEndpoint.replace(/\/t\/[^/]+/, '/t/cdc1.not.valid');
      await page.route(
        (url) => url.href.startsWith(stack.webUi!.codecEndpoint),
        (route) => route.continue({ url: route.request().url().replace(stack.webUi!.codecEndpoint, bad) }),
      );
      const refusals: number[] = [];
      page.on('response', (r) => {
        if (r.url().includes('/codec/t/cdc1.not.valid/') && r.request().method() === 'POST')
          refusals.push(r.status());
      });
      const text = await workflowPage(page, /Codec Server could not connect/);
      await page.screenshot({ path: path.join(ARTIFACTS, 'web-ui-codec-refused.png'), fullPage: true });
      assert.ok(!text.includes(NAME) && !text.includes(EMAIL), 'the customer stays hidden');
      assert.match(text, /Codec Server could not connect/, 'the UI says the codec refused');
      assert.ok(
        refusals.length > 0 && refusals.every((s) => s === 401),
        `codec answers: ${refusals.join(', ')}`,
      );
    } finally {
      await context.close();
    }
  });
});
