// Bad input never crashes the API and never starts or changes a workflow. Every endpoint gets
// malformed JSON, wrong types, missing and unknown fields, oversized bodies, wrong content types, bad
// headers, bad and expired customer links; each answer is a 4xx problem (or a friendly page for a
// browser), and the Temporal client then confirms that nothing was started and the one running case
// did not change. Rate limits are checked on an app built with tight limits.
import assert from 'node:assert/strict';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { freePort } from '../../infra/ports';
import type { ApiDeps } from '../../api/context';
import { complaintIdFor } from '../../api/intake';
import { hashKey, type ApiKeyRecord } from '../../api/keys';
import { intakeResponseSchema } from '../../api/complaints/schemas';
import type { CaseView } from '../../domain/case';
import { createLinkSigner, linkSecret } from '../../infra/links';
import { caseViewQuery, complaintTypesClause, complaintWorkflowId } from '../../workflows/definitions';
import {
  expectProblem as expectProblemOf,
  send,
  startApiStack,
  type ApiStack,
  type Reply,
} from '../helpers/api-stack';
import { eventually } from '../helpers/complaints';

const WEBHOOK = { user: 'postmark', password: 'webhook-secret-for-tests' };

describe('HTTP API bad input (integration)', function () {
  this.timeout(120_000);
  let stack: ApiStack;
  let baseUrl: string;
  let tightUrl: string;
  let downUrl: string;
  const supervisorKey = 'test_supervisor_key_0001';
  const agentKey = 'test_agent_key_000000001';
  const secondAgentKey = 'test_agent_key_000000002';
  const operatorKey = 'test_operator_key_000001';
  /** Every key and id a bad request carried: none of them may have started a case. */
  const idempotencyKeys: string[] = [];
  const statuses: { what: string; status: number }[] = [];
  let caseId: string;
  let token: string;
  let historyBefore: number;
  let viewBefore: CaseView;

  before(async function () {
    this.timeout(180_000);
    stack = await startApiStack();
    const roster = stack.roster;
    const records: ApiKeyRecord[] = [
      {
        hash: hashKey(supervisorKey),
        role: 'supervisor',
        subject: roster.supervisors[0].id,
        name: roster.supervisors[0].name,
      },
      { hash: hashKey(agentKey), role: 'agent', subject: roster.owners[0].id, name: roster.owners[0].name },
      {
        hash: hashKey(secondAgentKey),
        role: 'agent',
        subject: roster.owners[1].id,
        name: roster.owners[1].name,
      },
      { hash: hashKey(operatorKey), role: 'operator', subject: 'operator', name: 'Operator' },
    ];
    const deps: Partial<ApiDeps> = {
      keys: () => records,
      publicBaseUrl: 'http://127.0.0.1',
      webhookCredentials: WEBHOOK,
    };
    baseUrl = await stack.serve(deps);
    tightUrl = await stack.serve({
      ...deps,
      limits: { customerPerMinute: 3, webhookPerMinute: 3, authFailuresPerMinute: 3, staffPerMinute: 3 },
    });
    // An API whose Temporal is gone: what /healthz says about it.
    // Its policy's business-hours clock has hand-typed holidays that end this year: the details warn.
    const year = new Date().getUTCFullYear();
    downUrl = await stack.serve({
      ...deps,
      client: new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}` }) }),
      snapshot: () => ({
        policy: {
          ...stack.policy,
          clock: {
            kind: 'business',
            timeZone: 'Europe/Warsaw',
            workingDays: [1, 2, 3, 4, 5],
            hours: { start: '09:00', end: '17:00' },
            holidays: ['01-01', `${year}-06-04`],
          },
        },
        roster: stack.roster,
      }),
    });

    // One running case, to check that bad actions change nothing.
    const started = await call('POST', '/complaints', {
      key: supervisorKey,
      body: {
        customer: { name: 'Maria Kowalska', email: 'maria.bad-input@example.com', language: 'en' },
        channel: 'web',
        subject: 'Parcel arrived damaged',
        description: 'The box was crushed.',
      },
    });
    assert.equal(started.status, 201, started.text);
    caseId = intakeResponseSchema.parse(started.json).id;
    token = createLinkSigner(linkSecret(stack.dataDir)).sign(caseId);
    const handle = stack.client.workflow.getHandle(complaintWorkflowId(caseId));
    viewBefore = await eventually(async () => {
      const v = await handle.query(caseViewQuery);
      return v.stage === 'diagnosis' && v.clocks.acknowledgement.state === 'met' ? v : undefined;
    }, 'the case settled in diagnosis');
    await new Promise((r) => setTimeout(r, 300));
    historyBefore = (await handle.describe()).historyLength;
  });

  after(async () => {
    await stack?.close();
  });

  async function call(
    method: string,
    path: string,
    opts: {
      key?: string;
      body?: unknown;
      raw?: string;
      type?: string;
      headers?: Record<string, string>;
      base?: string;
    } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { ...opts.headers };
    let body: string | undefined;
    if (opts.raw !== undefined) {
      body = opts.raw;
      headers['content-type'] = opts.type ?? 'application/json';
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = opts.type ?? 'application/json';
    }
    const reply = await send(`${opts.base ?? baseUrl}${path}`, { method, key: opts.key, headers, body });
    statuses.push({ what: `${method} ${path.slice(0, 60)}`, status: reply.status });
    return reply;
  }

  function expectProblem(reply: Reply, status: number, field?: string) {
    const problem = expectProblemOf(reply, status);
    assert.equal(problem.status, status);
    if (field) {
      assert.ok(
        problem.errors?.some((e) => e.field === field),
        `an error for "${field}" in ${JSON.stringify(problem.errors)}`,
      );
    }
    return problem;
  }

  const validIntake = () => ({
    customer: { name: 'Jan Nowak', email: 'jan@example.com', language: 'pl' },
    channel: 'email',
    subject: 'Late delivery',
    description: 'The parcel is two weeks late.',
  });

  function intake(body: unknown, opts: { raw?: string; type?: string; key?: string } = {}) {
    const key = `bad-${idempotencyKeys.length}-${Date.now()}`;
    idempotencyKeys.push(key);
    return call('POST', '/complaints', {
      key: supervisorKey,
      body,
      raw: opts.raw,
      type: opts.type,
      headers: { 'idempotency-key': opts.key ?? key },
    });
  }

  describe('POST /complaints', () => {
    it('400 for malformed JSON, non-objects and an empty body', async () => {
      expectProblem(await intake(undefined, { raw: '{"customer": {"name": "Jan"' }), 400);
      expectProblem(await intake(undefined, { raw: '[]' }), 400);
      expectProblem(await intake(undefined, { raw: '"a complaint"' }), 400);
      expectProblem(await intake(undefined, { raw: '' }), 400);
      expectProblem(await intake(undefined, { raw: 'null' }), 400);
    });

    it('400 naming each field of the wrong type', async () => {
      const body = {
        ...validIntake(),
        customer: { name: 42, email: 'jan@example.com', language: 'de' },
        channel: 'pigeon',
        order: { reference: 'R1', amount: '400', currency: 'PLN' },
      };
      const p = expectProblem(await intake(body), 400);
      for (const field of ['customer.name', 'customer.language', 'channel', 'order.amount']) {
        assert.ok(
          p.errors?.some((e) => e.field === field),
          field,
        );
      }
      assert.ok(p.errors?.every((e) => e.pointer.startsWith('/')));
    });

    it('400 naming each missing field', async () => {
      const p = expectProblem(await intake({}), 400);
      for (const field of ['customer', 'channel', 'subject', 'description'])
        assert.ok(
          p.errors?.some((e) => e.field === field),
          field,
        );
      expectProblem(
        await intake({ ...validIntake(), customer: { name: 'Jan', language: 'pl' } }),
        400,
        'customer.email',
      );
      expectProblem(await intake({ ...validIntake(), subject: '   ' }), 400, 'subject');
    });

    it('400 for unknown fields anywhere (no mass assignment)', async () => {
      expectProblem(await intake({ ...validIntake(), priority: 'urgent' }), 400, 'priority');
      expectProblem(await intake({ ...validIntake(), owner: 'anna-kowalska' }), 400, 'owner');
      expectProblem(
        await intake({ ...validIntake(), customer: { ...validIntake().customer, vip: true } }),
        400,
        'customer.vip',
      );
      expectProblem(
        await intake(undefined, {
          raw: JSON.stringify(validIntake()).replace(/^\{/, '{"__proto__":{"admin":true},'),
        }),
        400,
      );
    });

    it('400 for values out of range or in the wrong format', async () => {
      expectProblem(
        await intake({ ...validIntake(), customer: { ...validIntake().customer, email: 'not-an-address' } }),
        400,
        'customer.email',
      );
      expectProblem(
        await intake({ ...validIntake(), receivedAt: new Date(Date.now() + 86_400_000).toISOString() }),
        400,
        'receivedAt',
      );
      expectProblem(await intake({ ...validIntake(), receivedAt: 'yesterday' }), 400, 'receivedAt');
      expectProblem(await intake({ ...validIntake(), subject: 'x'.repeat(301) }), 400, 'subject');
      expectProblem(
        await intake({ ...validIntake(), order: { reference: 'R', amount: -5, currency: 'PLN' } }),
        400,
        'order.amount',
      );
      expectProblem(
        await intake({ ...validIntake(), order: { reference: 'R', amount: 5, currency: 'pln' } }),
        400,
        'order.currency',
      );
      expectProblem(
        await intake({ ...validIntake(), order: { reference: 'R', amount: 5 } }),
        400,
        'order.currency',
      );
      expectProblem(await intake({ ...validIntake(), externalId: 'has spaces' }), 400, 'externalId');
      expectProblem(
        await intake({ ...validIntake(), customer: { ...validIntake().customer, timeZone: 'Mars/Olympus' } }),
        400,
        'customer.timeZone',
      );
      // A paper complaint is answered on paper: its address (or fax number) must be known.
      expectProblem(await intake({ ...validIntake(), channel: 'letter' }), 400, 'customer.postalAddress');
      expectProblem(await intake({ ...validIntake(), channel: 'fax' }), 400, 'customer.fax');
      expectProblem(
        await intake({
          ...validIntake(),
          channel: 'letter',
          customer: { ...validIntake().customer, postalAddress: { lines: [] } },
        }),
        400,
        'customer.postalAddress.lines',
      );
      expectProblem(
        await intake({ ...validIntake(), customer: { ...validIntake().customer, fax: 'not a number' } }),
        400,
        'customer.fax',
      );
    });

    it('413 for an oversized body, 415 for a body that is not JSON, 400 for a bad Idempotency-Key', async () => {
      expectProblem(await intake({ ...validIntake(), description: 'x'.repeat(100_000) }), 413);
      expectProblem(
        await intake(undefined, { raw: 'subject=hello', type: 'application/x-www-form-urlencoded' }),
        415,
      );
      expectProblem(await intake(undefined, { raw: 'hello', type: 'text/plain' }), 415);
      expectProblem(await intake(validIntake(), { key: 'has spaces in it' }), 400, 'Idempotency-Key');
      expectProblem(await intake(validIntake(), { key: 'k'.repeat(201) }), 400, 'Idempotency-Key');
    });
  });

  describe('actions on a running case', () => {
    const act = (
      action: string,
      body: unknown,
      opts: { raw?: string; type?: string; headers?: Record<string, string>; id?: string } = {},
    ) =>
      call('POST', `/complaints/${opts.id ?? caseId}/${action}`, {
        key: supervisorKey,
        body,
        raw: opts.raw,
        type: opts.type,
        headers: opts.headers,
      });

    it('400 for malformed JSON, wrong types, missing and unknown fields', async () => {
      expectProblem(await act('notes', undefined, { raw: '{"text": ' }), 400);
      expectProblem(await act('notes', { text: 'x', author: 'someone else' }), 400, 'author');
      expectProblem(await act('notes', { text: 42 }), 400, 'text');
      expectProblem(await act('notes', {}), 400, 'text');
      expectProblem(
        await act('diagnosis', {
          summary: 's',
          probableCause: 'c',
          responsibleParty: { kind: 'ours', name: 'n' },
          expectedResolutionBy: 'tomorrow',
        }),
        400,
        'expectedResolutionBy',
      );
      expectProblem(
        await act('diagnosis', {
          summary: 's',
          probableCause: 'c',
          responsibleParty: { kind: 'ours', name: 'n' },
          expectedResolutionBy: '2020-01-01T00:00:00Z',
        }),
        400,
        'expectedResolutionBy',
      );
      expectProblem(await act('resolution', {}), 400, 'outcome');
      expectProblem(
        await act('resolution', {
          outcome: 'upheld',
          explanation: 'e',
          apology: 'a',
          remedy: { kind: 'cash' },
        }),
        400,
      );
      expectProblem(
        await act('resolution', {
          outcome: 'upheld',
          explanation: 'e',
          apology: 'a',
          remedy: { kind: 'voucher', percent: 500, validityDays: 30 },
        }),
        400,
        'remedy.percent',
      );
      expectProblem(await act('questions', { questions: [] }), 400, 'questions');
      expectProblem(await act('progress', { message: 'hi' }), 400, 'customerVisible');
      expectProblem(await act('calls', { reached: 'yes' }), 400, 'reached');
      expectProblem(await act('calls', { reached: true }), 400, 'taskId'); // a call names its task
      expectProblem(
        await act('survey-answer', { score: 3, stillNeedHelp: false, via: 'pigeon' }),
        400,
        'via',
      );
      expectProblem(await act('reassignment', { ownerId: 'nobody-here', reason: 'x' }), 400, 'ownerId');
      expectProblem(await act('approval', { decision: 'approve', supervisorId: 'me' }), 400, 'supervisorId');
    });

    it('413, 415, a bad Idempotency-Key, an unknown action or case', async () => {
      expectProblem(await act('notes', { text: 'x'.repeat(70_000) }), 413);
      expectProblem(
        await act('notes', undefined, { raw: 'text=hello', type: 'application/x-www-form-urlencoded' }),
        415,
      );
      expectProblem(
        await act('notes', { text: 'x' }, { headers: { 'idempotency-key': '' } }),
        400,
        'Idempotency-Key',
      );
      expectProblem(await act('delete', { text: 'x' }), 404);
      expectProblem(await act('notes', { text: 'x' }, { id: 'DROP%20TABLE' }), 404);
      expectProblem(await act('notes', { text: 'x' }, { id: "c1'%20OR%201=1" }), 404);
    });

    it('409 for an action the stage does not allow, 422 for one the case refuses; the case is unchanged', async () => {
      const p = expectProblem(
        await act('documentation', {
          rootCause: 'r',
          contributingFactors: [],
          responsibleParty: 'p',
          correctiveAction: 'c',
          preventiveAction: 'p',
        }),
        409,
      );
      assert.equal(p.stage, 'diagnosis');
      assert.ok(p.allowedActions?.includes('diagnosis'));
      const approval = expectProblem(await act('approval', { decision: 'approve' }), 409);
      assert.match(approval.detail, /"approval" is not allowed while the case is in stage "diagnosis"/);
      const self = expectProblem(
        await act('reassignment', { ownerId: viewBefore.owner.id, reason: 'again' }),
        422,
      );
      assert.match(self.detail, /already owns/);
    });
  });

  describe('task completion', () => {
    const complete = (
      taskId: string,
      body: unknown,
      opts: { raw?: string; type?: string; headers?: Record<string, string>; key?: string } = {},
    ) =>
      call('POST', `/complaints/${caseId}/tasks/${taskId}/completion`, {
        key: opts.key ?? supervisorKey,
        body,
        raw: opts.raw,
        type: opts.type,
        headers: opts.headers,
      });

    it('400 for a bad body: malformed JSON, wrong types, unknown fields, an empty note', async () => {
      expectProblem(await complete('T1', undefined, { raw: '{"note": ' }), 400);
      expectProblem(await complete('T1', undefined, { raw: '[]' }), 400);
      expectProblem(await complete('T1', { note: 42 }), 400, 'note');
      expectProblem(await complete('T1', { note: '   ' }), 400, 'note');
      expectProblem(await complete('T1', { note: 'x'.repeat(2001) }), 400, 'note');
      // Who completed it comes from the key; the task from the path.
      expectProblem(await complete('T1', { by: 'someone-else' }), 400, 'by');
      expectProblem(await complete('T1', { taskId: 'T2' }), 400, 'taskId');
    });

    it('404 for an unknown or malformed task or case, 415, 413, a bad Idempotency-Key; never 5xx', async () => {
      const unknown = expectProblem(await complete('T999', { note: 'done' }), 404);
      assert.match(unknown.detail, /T999/);
      expectProblem(await complete('T999', undefined), 404);
      for (const task of ['X1', 't1', 'T', 'T1234567', '%27%20OR%201=1', '..%2F..'])
        expectProblem(await complete(task, {}), 404);
      expectProblem(
        await call('POST', '/complaints/cffffffffffffffffffff/tasks/T1/completion', {
          key: supervisorKey,
          body: {},
        }),
        404,
      );
      expectProblem(await complete('T1', undefined, { raw: 'note=hi', type: 'text/plain' }), 415);
      expectProblem(await complete('T1', { note: 'x'.repeat(70_000) }), 413);
      expectProblem(
        await complete('T1', {}, { headers: { 'idempotency-key': 'has spaces' } }),
        400,
        'Idempotency-Key',
      );
      // The generic action route no longer takes it.
      expectProblem(
        await call('POST', `/complaints/${caseId}/task-completion`, {
          key: supervisorKey,
          body: { taskId: 'T1' },
        }),
        404,
      );
    });

    it('403 for an agent who does not own the case, 401 without a key', async () => {
      const owners = stack.roster.owners;
      const otherAgentKey = viewBefore.owner.id === owners[0].id ? secondAgentKey : agentKey;
      const other = await call('POST', `/complaints/${caseId}/tasks/T1/completion`, {
        key: otherAgentKey,
        body: {},
      });
      expectProblem(other, 403);
      expectProblem(await call('POST', `/complaints/${caseId}/tasks/T1/completion`, { body: {} }), 401);
    });
  });

  describe('GET /complaints query', () => {
    it('400 for unknown values, repeated or unknown parameters, and injection attempts', async () => {
      for (const q of [
        'stage=nope',
        'stage=diagnosis&stage=closed',
        'pageSize=0',
        'pageSize=1000',
        'pageSize=abc',
        'sort=stage',
        "owner=x'%20OR%20'1'='1",
        'overdue=maybe',
        'category=Delivery!',
        'reference=CD-2026',
        'reference=12345',
        "reference=CD-2026-ABC234'%20OR%20'1'='1",
        'reference=CD-2026-ABC234&reference=CD-2026-ABC235',
      ]) {
        expectProblem(await call('GET', `/complaints?${q}`, { key: supervisorKey }), 400);
      }
    });
  });

  describe('customer links and forms', () => {
    const html = { accept: 'text/html' };
    const json = { accept: 'application/json' };

    it('a malformed, tampered, foreign or unknown link gets a friendly 404 page (problem+json for programs)', async () => {
      const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
      const foreign = createLinkSigner('another-secret').sign(caseId);
      const unknown = createLinkSigner(linkSecret(stack.dataDir)).sign('cffffffffffffffffffff');
      for (const t of ['abc', 'not.a.token', tampered, foreign, '%3Cscript%3E']) {
        const page = await call('GET', `/c/${t}`, { headers: html });
        assert.equal(page.status, 404, t);
        assert.match(page.text, /This link does not work/);
        assert.ok(!/at .*\.js:\d+/.test(page.text), 'no stack trace');
        expectProblem(await call('GET', `/c/${t}`, { headers: json }), 404);
      }
      const gone = await call('GET', `/c/${unknown}`, { headers: html });
      assert.equal(gone.status, 404);
      assert.match(gone.text, /We could not find this complaint/);
      // A survey link used for the status page, a message or a withdrawal: not valid there.
      const survey = createLinkSigner(linkSecret(stack.dataDir)).sign(caseId, undefined, undefined, 'survey');
      const wrong = await call('GET', `/c/${survey}`, { headers: html });
      assert.equal(wrong.status, 404);
      assert.match(wrong.text, /This link does not work/);
      expectProblem(await call('GET', `/c/${survey}`, { headers: json }), 404);
      expectProblem(
        await call('POST', `/c/${survey}/messages`, { body: { text: 'hello' }, headers: json }),
        404,
      );
      expectProblem(
        await call('POST', `/c/${survey}/withdrawal`, {
          raw: 'confirm=yes',
          type: 'application/x-www-form-urlencoded',
          headers: json,
        }),
        404,
      );
      // The survey route takes it: the case is in diagnosis, so the answer is refused (409), nothing changes.
      expectProblem(
        await call('POST', `/c/${survey}/survey`, {
          body: { score: 3, stillNeedHelp: false },
          headers: json,
        }),
        409,
      );
    });

    it('an expired link gets 410 and a friendly page in the browser’s language', async () => {
      const expired = createLinkSigner(linkSecret(stack.dataDir)).sign(caseId, -1000);
      const page = await call('GET', `/c/${expired}`, {
        headers: { accept: 'text/html', 'accept-language': 'pl-PL,pl;q=0.9,en;q=0.5' },
      });
      assert.equal(page.status, 410);
      assert.match(page.text, /Ten link wygasł/);
      assert.match(page.text, /<html lang="pl"/);
      const he = await call('GET', `/c/${expired}/survey`, {
        headers: { accept: 'text/html', 'accept-language': 'he' },
      });
      assert.match(he.text, /<html lang="he" dir="rtl">/);
      expectProblem(
        await call('POST', `/c/${expired}/messages`, { body: { text: 'hello' }, headers: json }),
        410,
      );
    });

    it('400 for forms that are empty, wrong or carry unknown fields; 413; 415', async () => {
      const form = (raw: string) => ({ raw, type: 'application/x-www-form-urlencoded' });
      const empty = await call('POST', `/c/${token}/messages`, { ...form('text=+++'), headers: html });
      assert.equal(empty.status, 400);
      assert.match(empty.text, /Please write a message\./);
      expectProblem(
        await call('POST', `/c/${token}/messages`, { ...form('text=hi&admin=1'), headers: json }),
        400,
        'admin',
      );
      expectProblem(
        await call('POST', `/c/${token}/messages`, { body: { text: ['a', 'b'] }, headers: json }),
        400,
        'text',
      );
      expectProblem(
        await call('POST', `/c/${token}/messages`, { ...form(`text=${'x'.repeat(20_000)}`), headers: json }),
        413,
      );
      expectProblem(
        await call('POST', `/c/${token}/messages`, { raw: 'hello', type: 'text/plain', headers: json }),
        415,
      );
      const noConfirm = await call('POST', `/c/${token}/withdrawal`, {
        ...form('reason=changed+my+mind'),
        headers: html,
      });
      assert.equal(noConfirm.status, 400);
      assert.match(noConfirm.text, /Please tick the box to confirm\./);
      expectProblem(
        await call('POST', `/c/${token}/survey`, { ...form('score=9&stillNeedHelp=no'), headers: json }),
        400,
        'score',
      );
      expectProblem(
        await call('POST', `/c/${token}/survey`, { ...form('score=4&stillNeedHelp=perhaps'), headers: json }),
        400,
        'stillNeedHelp',
      );
      // Valid, but the survey is not open in this stage.
      const closed = await call('POST', `/c/${token}/survey`, {
        ...form('score=4&stillNeedHelp=no'),
        headers: html,
      });
      assert.equal(closed.status, 409);
      assert.match(closed.text, /not open/);
    });
  });

  describe('Postmark webhooks', () => {
    const auth = {
      authorization: `Basic ${Buffer.from(`${WEBHOOK.user}:${WEBHOOK.password}`).toString('base64')}`,
    };
    it('400 for malformed or incomplete payloads, 415 for non-JSON', async () => {
      const post = (path: string, body: unknown, raw?: string, type?: string) =>
        call('POST', `/webhooks/postmark/${path}`, { body, raw, type, headers: auth });
      expectProblem(await post('inbound', undefined, '{"MessageID": '), 400);
      expectProblem(await post('inbound', { From: 'a@example.com', TextBody: 'no id' }), 400, 'MessageID');
      expectProblem(await post('inbound', { MessageID: 'm1', Attachments: 'none' }), 400, 'Attachments');
      expectProblem(
        await post('inbound', undefined, 'MessageID=1', 'application/x-www-form-urlencoded'),
        415,
      );
      expectProblem(
        await post('bounce', { RecordType: 'Delivery', Type: 'HardBounce', Email: 'a@example.com' }),
        400,
        'RecordType',
      );
      expectProblem(await post('bounce', { RecordType: 'Bounce', Type: 'HardBounce' }), 400, 'Email');
      expectProblem(
        await post('bounce', {
          RecordType: 'Bounce',
          Type: 'HardBounce',
          Email: 'a@example.com',
          Inactive: 'yes',
        }),
        400,
        'Inactive',
      );
    });
  });

  describe('rate limits', () => {
    it('429 with Retry-After on the customer pages, the webhooks and repeated wrong API keys', async () => {
      const pages = [];
      for (let i = 0; i < 5; i++)
        pages.push(await call('GET', `/c/${token}`, { base: tightUrl, headers: { accept: 'text/html' } }));
      assert.deepEqual(
        pages.map((p) => p.status),
        [200, 200, 200, 429, 429],
      );
      assert.ok(Number(pages[3].headers.get('retry-after')) >= 1);
      assert.match(pages[3].text, /Too many requests/);
      const hooks = [];
      for (let i = 0; i < 4; i++)
        hooks.push(await call('POST', '/webhooks/postmark/bounce', { base: tightUrl, body: {} }));
      assert.deepEqual(
        hooks.map((h) => h.status),
        [401, 401, 401, 429],
      );
      const guesses = [];
      for (let i = 0; i < 5; i++)
        guesses.push(await call('GET', '/complaints', { base: tightUrl, key: `guess-${i}-aaaaaaaa` }));
      assert.deepEqual(
        guesses.map((g) => g.status),
        [401, 401, 401, 429, 429],
      );
      expectProblem(guesses[4], 429);
    });

    it('429 with Retry-After per staff key: one busy key does not slow another', async () => {
      const busy = [];
      for (let i = 0; i < 4; i++)
        busy.push(await call('GET', '/complaints', { base: tightUrl, key: agentKey }));
      assert.deepEqual(
        busy.map((b) => b.status),
        [200, 200, 200, 429],
      );
      assert.ok(Number(busy[3].headers.get('retry-after')) >= 1);
      expectProblem(busy[3], 429);
      expectProblem(await call('GET', '/healthz/details', { base: tightUrl, key: agentKey }), 429);
      assert.equal((await call('GET', '/complaints', { base: tightUrl, key: secondAgentKey })).status, 200);
    });
  });

  describe('health', () => {
    it('/healthz says Temporal is unreachable without the error text; details need an operator key', async () => {
      // Sent directly: a 503 here is the answer under test, not a bad request's.
      const down = (path: string, key?: string) => send(`${downUrl}${path}`, { method: 'GET', key });
      // Each answer waits out the 5 s deadline of the probe: asked side by side.
      const [health, details] = await Promise.all([down('/healthz'), down('/healthz/details', operatorKey)]);
      assert.equal(health.status, 503, health.text);
      assert.deepEqual(health.json, {
        status: 'unavailable',
        temporal: 'unreachable',
        reason: 'Temporal is not reachable.',
      });
      assert.equal(details.status, 503, details.text);
      const body = details.json as {
        reason?: string;
        namespace?: string;
        calendar?: { clock: string; warnings: { subject: string; endsOn: string }[] };
      };
      assert.equal(body.namespace, stack.namespace);
      // The calendar's data ends within a year: said here (and in the log), status unchanged by it.
      assert.equal(body.calendar?.clock, 'business');
      assert.deepEqual(
        body.calendar?.warnings.map((w) => [w.subject, w.endsOn]),
        [['holidays', `${new Date().getUTCFullYear()}-12-31`]],
      );
      assert.ok(body.reason && body.reason !== 'Temporal is not reachable.', 'operators see the error');
      expectProblem(await call('GET', '/healthz/details', { base: downUrl }), 401);
      expectProblem(await call('GET', '/healthz/details', { base: downUrl, key: supervisorKey }), 403);
      expectProblem(await call('GET', '/healthz/details', { base: downUrl, key: agentKey }), 403);
      expectProblem(await call('GET', '/healthz/details', { base: downUrl, key: 'not a key' }), 401);
      expectProblem(await call('POST', '/healthz/details', { base: downUrl, key: operatorKey }), 404);
      expectProblem(
        await call('GET', '/healthz/details?verbose=1', { base: downUrl, key: 'x'.repeat(600) }),
        401,
      );
    });
  });

  describe('afterwards', () => {
    it('no bad request produced a 5xx', () => {
      const failures = statuses.filter((s) => s.status >= 500);
      assert.deepEqual(failures, []);
    });

    it('no bad request started a workflow', async () => {
      // Idempotency-Keys are per caller: check the id each caller's key would have started.
      const subjects = [stack.roster.supervisors[0].id, stack.roster.owners[0].id, stack.roster.owners[1].id];
      for (const key of idempotencyKeys) {
        for (const subject of subjects) {
          const id = complaintWorkflowId(complaintIdFor({} as never, key, `subject:${subject}`));
          await assert.rejects(stack.client.workflow.getHandle(id).describe(), WorkflowNotFoundError, key);
        }
      }
      await new Promise((r) => setTimeout(r, 1500)); // visibility is eventually consistent
      const { count } = await stack.client.workflow.count(complaintTypesClause);
      assert.equal(count, 1, 'only the case this suite started on purpose');
    });

    it('no bad request changed the running case', async () => {
      const handle = stack.client.workflow.getHandle(complaintWorkflowId(caseId));
      const after = await handle.query(caseViewQuery);
      assert.equal(after.stage, viewBefore.stage);
      assert.equal(after.timeline.length, viewBefore.timeline.length);
      assert.deepEqual(after.owner, viewBefore.owner);
      assert.equal((await handle.describe()).historyLength, historyBefore, 'no new history events');
    });
  });
});
