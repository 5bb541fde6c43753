// The HTTP API's contract end to end: a real Temporal dev server on free ports, the Postmark sandbox,
// a worker with the real workflow and activities, and the API over real HTTP. A complaint is started,
// worked by its owner and a supervisor, the customer's e-mails are read in the sandbox, the link in
// them is followed and the survey answered; then idempotency, every role boundary, listing, and
// Postmark's documented webhook payloads.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createPostmarkClient } from '../../activities/email';
import { complaintIdFor, legacyExternalComplaintId } from '../../api/intake';
import { contextFrom } from '../../api/context';
import { hashKey, type ApiKeyRecord, type Role } from '../../api/keys';
import {
  caseFullSchema,
  caseListSchema,
  caseResponseSchema,
  caseRestrictedSchema,
  intakeResponseSchema,
  type CaseFull,
  type CaseResponse,
} from '../../api/complaints/schemas';
import { createLinkSigner, linkSecret } from '../../infra/links';
import { fromRoot } from '../../infra/paths';
import { escapeHtml, renderStatusPage } from '../../api/pages/render';
import { pageStrings } from '../../api/pages/strings';
import { nextUpdateBy } from '../../api/customer/routes';
import type { CaseView } from '../../domain/case';
import { languages, type Roster } from '../../domain/types';
import { caseViewQuery, complaintWorkflowId } from '../../workflows/definitions';
import { expectProblem, send, startApiStack, type ApiStack, type Reply } from '../helpers/api-stack';
import {
  eventually,
  mails,
  mailsExactly,
  shippedPolicy,
  withdrawAndComplete,
  type SandboxMessage,
} from '../helpers/complaints';

const expectOk = (status: number) => assert.equal(status, 200);

const WEBHOOK = { user: 'postmark', password: 'webhook-secret-for-tests' };

/** The key the stack's apps give external ids (from the link secret, as server.ts does). */
const externalIdKeyOf = (stack: ApiStack) =>
  contextFrom({
    client: stack.client,
    namespace: stack.namespace,
    ownerLoad: false,
    externalIdSecret: linkSecret(stack.dataDir),
  }).externalIdKey;

describe('HTTP API on a real stack (integration)', function () {
  this.timeout(120_000);
  let stack: ApiStack;
  let baseUrl: string;
  let roster: Roster;
  const keys = new Map<string, string>(); // "role:subject" -> plain key

  before(async function () {
    this.timeout(180_000);
    stack = await startApiStack();
    roster = stack.roster;
    const records: ApiKeyRecord[] = [];
    const addKey = (role: Role, subject: string, name: string) => {
      const key = `test_${role}_${subject}_${Math.random().toString(36).slice(2)}`;
      keys.set(`${role}:${subject}`, key);
      records.push({ hash: hashKey(key), role, subject, name });
    };
    for (const o of roster.owners) addKey('agent', o.id, o.name);
    for (const s of roster.supervisors) addKey('supervisor', s.id, s.name);
    addKey('operator', 'operator', 'Operator');

    baseUrl = await stack.serve((url) => ({
      keys: () => records,
      publicBaseUrl: url,
      webhookCredentials: WEBHOOK,
      postmark: createPostmarkClient({ sandboxUrl: stack.sandbox.url }),
      ownAddresses: ['complaints@complaint-desk.test'],
    }));
  });

  after(async () => {
    await stack?.close();
  });

  // ------------------------------------------------------------------------------------------
  // helpers

  const keyOf = (role: Role, subject: string) => keys.get(`${role}:${subject}`)!;
  const supervisor = () => keyOf('supervisor', roster.supervisors[0].id);
  const operator = () => keyOf('operator', 'operator');
  const agent = (ownerId: string) => keyOf('agent', ownerId);
  const otherAgent = (ownerId: string) => agent(roster.owners.find((o) => o.id !== ownerId)!.id);

  async function call(
    method: string,
    path: string,
    opts: {
      key?: string;
      body?: unknown;
      headers?: Record<string, string>;
      form?: Record<string, string>;
    } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { ...opts.headers };
    let body: string | undefined;
    if (opts.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(opts.form).toString();
    } else if (opts.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    }
    return send(`${baseUrl}${path}`, { method, key: opts.key, headers, body });
  }

  function complaintBody(overrides: Record<string, unknown> = {}) {
    const n = Math.random().toString(36).slice(2, 8);
    return {
      customer: {
        name: 'Maria Kowalska',
        email: `maria.${n}@example.com`,
        phone: '+48 600 100 200',
        language: 'en',
      },
      channel: 'web',
      subject: 'Parcel arrived damaged',
      description:
        'The courier left the parcel at the door and the box was crushed; the lamp inside is broken.',
      order: { reference: `ORD-${n}`, amount: 400, currency: 'PLN', purchaseDate: '2026-11-01' },
      ...overrides,
    };
  }

  async function startCase(overrides: Record<string, unknown> = {}) {
    const reply = await call('POST', '/complaints', { key: supervisor(), body: complaintBody(overrides) });
    assert.equal(reply.status, 201, reply.text);
    const created = intakeResponseSchema.parse(reply.json);
    assert.ok(created.owner, 'the owner is assigned before the answer');
    // The answer does not wait for the worker; the tests below act on a case the worker has opened.
    const handle = stack.client.workflow.getHandle(complaintWorkflowId(created.id));
    await eventually(() => handle.query(caseViewQuery), 'the worker to open the case');
    return { ...created, owner: created.owner };
  }

  const diagnosis = () => ({
    summary: 'The parcel was crushed in transit.',
    probableCause: 'Handling at the courier depot',
    responsibleParty: { kind: 'third-party', name: 'FastCourier' },
    expectedResolutionBy: new Date(Date.now() + 5 * 86_400_000).toISOString(),
  });
  const upheldResolution = (remedy: unknown = { kind: 'voucher', percent: 10, validityDays: 90 }) => ({
    outcome: 'upheld',
    explanation: 'The lamp was broken in transit; that is on us.',
    apology: 'We are sorry for the trouble.',
    remedy,
  });
  const documentation = {
    rootCause: 'Depot handling',
    contributingFactors: ['packaging'],
    responsibleParty: 'FastCourier',
    correctiveAction: 'Voucher',
    preventiveAction: 'Better packaging',
  };

  async function caseOf(id: string, key = supervisor()): Promise<Exclude<CaseResponse, { view: 'erased' }>> {
    const reply = await call('GET', `/complaints/${id}`, { key });
    assert.equal(reply.status, 200, reply.text);
    const parsed = caseResponseSchema.parse(reply.json);
    assert.notEqual(parsed.view, 'erased');
    return parsed as Exclude<CaseResponse, { view: 'erased' }>;
  }
  async function fullCase(id: string): Promise<CaseFull> {
    return caseFullSchema.parse((await call('GET', `/complaints/${id}`, { key: supervisor() })).json);
  }

  /** The customer's token from the link in an e-mail (the worker's links point at another host). */
  function tokenIn(message: SandboxMessage): string {
    const match = /\/c\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(`${message.TextBody}\n${message.HtmlBody}`);
    assert.ok(match, `a customer link in "${message.Subject}"`);
    return match[1];
  }
  const mailsOf = (caseId: string, kind: string) =>
    eventually(async () => {
      const found = await mails(stack, { caseId, kind });
      return found.length ? found : undefined;
    }, `a ${kind} e-mail`);

  // ------------------------------------------------------------------------------------------

  describe('contract', () => {
    it('answers /healthz and serves an OpenAPI 3.1 document of every route', async () => {
      assert.equal((await call('GET', '/healthz')).status, 200);
      const doc = (await call('GET', '/openapi.json')).json as {
        openapi: string;
        paths: Record<string, unknown>;
        components: { schemas: Record<string, unknown> };
      };
      assert.equal(doc.openapi, '3.1.0');
      for (const path of [
        '/complaints',
        '/complaints/{id}',
        '/complaints/{id}/diagnosis',
        '/complaints/{id}/follow-up',
        '/complaints/{id}/tasks/{taskId}/completion',
        '/c/{token}',
        '/c/{token}/survey',
        '/webhooks/postmark/inbound',
        '/webhooks/postmark/bounce',
        '/healthz/details',
      ]) {
        assert.ok(doc.paths[path], path);
      }
      for (const schema of [
        'IntakeRequest',
        'ResolutionRequest',
        'TaskCompletionRequest',
        'CaseFull',
        'CaseRestricted',
        'Problem',
      ])
        assert.ok(doc.components.schemas[schema], schema);
      // One way to complete a task: its own route, not the generic action route.
      assert.equal(doc.paths['/complaints/{id}/task-completion'], undefined);
      const list = (doc.paths['/complaints'] as { get: { parameters: { name: string }[] } }).get;
      assert.ok(list.parameters.some((p) => p.name === 'reference'));
    });

    it('sends security headers on every answer; the customer pages keep their own CSP', async () => {
      const started = await startCase();
      const token = tokenIn((await mailsOf(started.id, 'acknowledgement'))[0]);
      const answers = [
        await call('GET', '/healthz'),
        await call('GET', '/openapi.json'),
        await call('GET', '/complaints'),
        await call('GET', `/complaints/${started.id}`, { key: supervisor() }),
        await call('GET', '/no-such-route'),
        await call('POST', '/webhooks/postmark/bounce', { body: {} }),
        await call('GET', `/c/${token}`),
        await call('GET', '/c/not-a-token'),
      ];
      for (const a of answers) {
        const h = (name: string) => a.headers.get(name) ?? '';
        assert.equal(h('x-content-type-options'), 'nosniff');
        assert.equal(h('x-frame-options'), 'DENY');
        assert.equal(h('referrer-policy'), 'no-referrer');
        assert.match(h('strict-transport-security'), /max-age=\d+/);
        assert.equal(h('cross-origin-opener-policy'), 'same-origin');
        assert.match(h('content-security-policy'), /frame-ancestors 'none'/);
        assert.equal(h('x-powered-by'), '');
      }
      assert.match(answers[0].headers.get('content-security-policy') ?? '', /default-src 'none'/);
      // The status page still renders with its inline styles and posts its forms.
      const page = answers[6];
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-security-policy') ?? '', /style-src 'unsafe-inline'/);
      assert.match(page.headers.get('content-security-policy') ?? '', /form-action 'self'/);
    });

    it('runs a complaint from intake to closed: owner, customer link, message, resolution, survey, documentation', async () => {
      const started = await startCase();
      // The owner is chosen at intake: the answer does not wait for the worker to take the case.
      assert.equal(started.stage, 'intake');
      assert.match(started.reference, /^CD-\d{4}-[A-Z0-9]{6}$/);
      const owner = started.owner.id;

      // The owner reads the whole case; the acknowledgement reached the customer, with a working link.
      const own = await caseOf(started.id, agent(owner));
      assert.equal(own.view, 'full');
      const [ack] = await mailsOf(started.id, 'acknowledgement');
      const token = tokenIn(ack);
      const page = await call('GET', `/c/${token}`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      assert.ok(page.text.includes(started.reference));
      assert.ok(page.text.includes(started.owner.name));
      assert.equal(page.headers.get('referrer-policy'), 'no-referrer');

      // Another agent may not act on it; the owner diagnoses.
      expectProblem(
        await call('POST', `/complaints/${started.id}/diagnosis`, {
          key: otherAgent(owner),
          body: diagnosis(),
        }),
        403,
      );
      const diagnosed = await call('POST', `/complaints/${started.id}/diagnosis`, {
        key: agent(owner),
        body: diagnosis(),
      });
      assert.equal(diagnosed.status, 200, diagnosed.text);
      const afterDiagnosis = caseFullSchema.parse(diagnosed.json);
      assert.equal(afterDiagnosis.stage, 'in-progress');
      assert.ok(!afterDiagnosis.allowedActions.includes('approval'), 'agents are never offered approvals');
      await mailsOf(started.id, 'diagnosis');

      // The same action again: 409 naming the stage and what it allows.
      const again = expectProblem(
        await call('POST', `/complaints/${started.id}/diagnosis`, { key: agent(owner), body: diagnosis() }),
        409,
      );
      assert.equal(again.stage, 'in-progress');
      assert.ok(again.allowedActions?.includes('resolution'));
      assert.match(again.detail, /in-progress/);

      // The customer writes through the page (a plain form post); the owner hears of it.
      const sent = await call('POST', `/c/${token}/messages`, {
        form: { text: 'The lamp was a gift, please hurry.', nonce: 'nonce-0000001' },
      });
      assert.equal(sent.status, 303);
      assert.equal(sent.headers.get('location'), `/c/${token}?sent=message`);
      await eventually(
        async () => (await fullCase(started.id)).timeline.customer.some((e) => e.kind === 'customer-answer'),
        'the message on the case',
      );
      await mailsOf(started.id, 'customerMessageNotice');
      const notice = await call('GET', `/c/${token}?sent=message`);
      assert.ok(notice.text.includes('Your message has reached'));

      // Resolution within policy: upheld, told by phone first (seed 003); the call names its task,
      // then the letter and the survey go out.
      const resolved = await call('POST', `/complaints/${started.id}/resolution`, {
        key: agent(owner),
        body: upheldResolution(),
      });
      assert.equal(resolved.status, 200, resolved.text);
      const decided = caseFullSchema.parse(resolved.json);
      assert.equal(decided.stage, 'resolution-call');
      const outcomeCall = decided.tasks.find((t) => t.reason === 'resolution-call' && !t.closedAt)!;
      const unnamed = expectProblem(
        await call('POST', `/complaints/${started.id}/calls`, { key: agent(owner), body: { reached: true } }),
        400,
      );
      assert.match(JSON.stringify(unnamed), /taskId/, 'a call names its task');
      const called = await call('POST', `/complaints/${started.id}/calls`, {
        key: agent(owner),
        body: { reached: true, taskId: outcomeCall.id, note: 'Told her the replacement is on its way.' },
      });
      assert.equal(called.status, 200, called.text);
      assert.equal(caseFullSchema.parse(called.json).stage, 'survey');
      await mailsOf(started.id, 'resolutionLetter');
      const [invitation] = await mailsOf(started.id, 'surveyInvitation');
      const surveyToken = tokenIn(invitation);
      const form = await call('GET', `/c/${surveyToken}/survey`);
      assert.equal(form.status, 200);
      assert.match(form.text, /name="score"/);
      const answered = await call('POST', `/c/${surveyToken}/survey`, {
        form: { score: '5', stillNeedHelp: 'no', comment: 'Quick and kind.' },
      });
      assert.equal(answered.status, 303);
      assert.equal(answered.headers.get('location'), `/c/${surveyToken}/survey?answered=1`);
      const documented = await eventually(async () => {
        const c = await fullCase(started.id);
        return c.stage === 'documentation' ? c : undefined;
      }, 'stage documentation');
      assert.equal(documented.surveyAnswers[0].score, 5);

      // Documentation closes it; the page says so and offers no more forms; actions get 409.
      const closed = await call('POST', `/complaints/${started.id}/documentation`, {
        key: agent(owner),
        body: documentation,
      });
      assert.equal(closed.status, 200, closed.text);
      assert.equal(caseFullSchema.parse(closed.json).stage, 'closed');
      // Within the reopen window the page says so and still takes a message (which would reopen it);
      // after it, no more forms.
      const closedPage = await call('GET', `/c/${token}`);
      assert.ok(closedPage.text.includes('Your complaint has been resolved and the case is closed.'));
      assert.ok(closedPage.text.includes('we will reopen it'), 'the reopen promise, with its date');
      assert.ok(closedPage.text.includes('name="text"'));
      const finalPage = await eventually(async () => {
        const p = await call('GET', `/c/${token}`);
        return !p.text.includes('name="text"') && p;
      }, 'the reopen window to pass');
      assert.ok(finalPage.text.includes('Your complaint has been resolved and the case is closed.'));
      const late = expectProblem(
        await call('POST', `/complaints/${started.id}/notes`, { key: supervisor(), body: { text: 'late' } }),
        409,
      );
      assert.deepEqual(late.allowedActions, []);
    });

    it('answers a new complaint with its owner when no worker runs it; the case keeps that owner', async () => {
      // An app on a task queue nobody polls: the case exists and has its owner, nothing runs it yet.
      const key = `test_supervisor_idle_${Math.random().toString(36).slice(2)}`;
      const boss = roster.supervisors[0];
      const idle = await stack.serve({
        taskQueue: 'no-worker-polls-this',
        keys: () => [{ hash: hashKey(key), role: 'supervisor', subject: boss.id, name: boss.name }],
      });
      const reply = await send(`${idle}/complaints`, {
        method: 'POST',
        key,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(complaintBody()),
      });
      assert.equal(reply.status, 201, reply.text);
      const created = intakeResponseSchema.parse(reply.json);
      assert.equal(created.stage, 'intake');
      assert.ok(created.owner && roster.owners.some((o) => o.id === created.owner!.id));
      // The owner is listable before any worker ran the case (no view needed to act on it).
      await eventually(async () => {
        const r = await call('GET', `/complaints?owner=${created.owner!.id}&stage=intake`, {
          key: supervisor(),
        });
        return (r.json as { items: { id: string }[] }).items.some((i) => i.id === created.id) || undefined;
      }, 'listed with its owner');
    });

    it('lets a supervisor approve a remedy above the policy and reassign the case; the new owner takes over', async () => {
      const started = await startCase();
      const owner = started.owner.id;
      await call('POST', `/complaints/${started.id}/diagnosis`, { key: agent(owner), body: diagnosis() });
      const refund = await call('POST', `/complaints/${started.id}/resolution`, {
        key: agent(owner),
        body: upheldResolution({ kind: 'refund', amount: 2000, currency: 'PLN' }),
      });
      const waiting = caseFullSchema.parse(refund.json);
      assert.equal(waiting.stage, 'awaiting-approval');
      assert.equal(waiting.pendingApproval?.kind, 'remedy');

      expectProblem(
        await call('POST', `/complaints/${started.id}/approval`, {
          key: agent(owner),
          body: { decision: 'approve' },
        }),
        403,
      );
      // The approver is who the key says, not what the body says.
      expectProblem(
        await call('POST', `/complaints/${started.id}/approval`, {
          key: supervisor(),
          body: { decision: 'approve', supervisorId: 'someone-else' },
        }),
        400,
      );
      const approved = caseFullSchema.parse(
        (
          await call('POST', `/complaints/${started.id}/approval`, {
            key: supervisor(),
            body: { decision: 'approve', note: 'Fair.' },
          })
        ).json,
      );
      assert.equal(approved.resolution?.approvedBy, roster.supervisors[0].id);
      assert.equal(approved.stage, 'resolution-call', 'told by phone first (seed 003)');
      const outcomeCall = approved.tasks.find((t) => t.reason === 'resolution-call' && !t.closedAt)!;
      const told = caseFullSchema.parse(
        (
          await call('POST', `/complaints/${started.id}/calls`, {
            key: agent(owner),
            body: { reached: true, taskId: outcomeCall.id },
          })
        ).json,
      );
      assert.equal(told.stage, 'survey');

      const next = roster.owners.find((o) => o.id !== owner && o.languages.includes('en'))!;
      expectProblem(
        await call('POST', `/complaints/${started.id}/reassignment`, {
          key: agent(owner),
          body: { ownerId: next.id, reason: 'holiday' },
        }),
        403,
      );
      const moved = caseFullSchema.parse(
        (
          await call('POST', `/complaints/${started.id}/reassignment`, {
            key: supervisor(),
            body: { ownerId: next.id, reason: 'Anna is on holiday' },
          })
        ).json,
      );
      assert.equal(moved.owner.id, next.id);
      await mailsOf(started.id, 'reassignmentNotice');
      expectProblem(
        await call('POST', `/complaints/${started.id}/notes`, { key: agent(owner), body: { text: 'mine?' } }),
        403,
      );
      const noted = caseFullSchema.parse(
        (
          await call('POST', `/complaints/${started.id}/notes`, {
            key: agent(next.id),
            body: { text: 'Took over.' },
          })
        ).json,
      );
      assert.equal(noted.timeline.internal.at(-1)?.by, next.name, 'the note is signed by the key’s person');
    });

    it('lists cases from visibility: agents see their own by default, filters and page tokens work', async () => {
      const a = await startCase();
      const b = await startCase();
      const owner = a.owner.id;
      const mine = await eventually(async () => {
        const r = caseListSchema.parse(
          (await call('GET', '/complaints?pageSize=100', { key: agent(owner) })).json,
        );
        return r.items.some((i) => i.id === a.id) ? r : undefined;
      }, 'the case in the owner’s list');
      assert.equal(mine.filters.owner, owner);
      assert.ok(mine.items.every((i) => i.owner === owner));
      const item = mine.items.find((i) => i.id === a.id)!;
      assert.equal(item.reference, a.reference);
      assert.equal(item.status, 'RUNNING');

      await eventually(async () => {
        const r = caseListSchema.parse(
          (await call('GET', '/complaints?stage=diagnosis&owner=any&pageSize=100', { key: operator() })).json,
        );
        return r.items.some((i) => i.id === b.id) && r.items.every((i) => i.stage === 'diagnosis')
          ? r
          : undefined;
      }, 'a stage filter for operators');

      const first = caseListSchema.parse(
        (await call('GET', '/complaints?pageSize=1', { key: supervisor() })).json,
      );
      assert.equal(first.items.length, 1);
      assert.ok(first.nextPageToken);
      const second = caseListSchema.parse(
        (await call('GET', `/complaints?pageSize=1&pageToken=${first.nextPageToken}`, { key: supervisor() }))
          .json,
      );
      assert.notEqual(second.items[0]?.id, first.items[0].id);
      expectProblem(await call('GET', '/complaints?pageToken=bm90LWEtdG9rZW4', { key: supervisor() }), 400);
      const forged = `${'A'.repeat(20)}.${first.nextPageToken?.split('.')[1]}`;
      expectProblem(
        await call('GET', `/complaints?pageSize=1&pageToken=${forged}`, { key: supervisor() }),
        400,
      );
      // A token from one listing does not page another.
      expectProblem(
        await call('GET', `/complaints?pageSize=1&stage=closed&pageToken=${first.nextPageToken}`, {
          key: supervisor(),
        }),
        400,
      );
    });
  });

  describe('idempotency', () => {
    it('gives the same case for a repeated Idempotency-Key (201, then 200) and starts one workflow', async () => {
      const key = `intake-${Date.now()}`;
      const body = complaintBody();
      const first = await call('POST', '/complaints', {
        key: supervisor(),
        body,
        headers: { 'idempotency-key': key },
      });
      const second = await call('POST', '/complaints', {
        key: supervisor(),
        body,
        headers: { 'idempotency-key': key },
      });
      assert.equal(first.status, 201);
      assert.equal(second.status, 200);
      const [a, b] = [intakeResponseSchema.parse(first.json), intakeResponseSchema.parse(second.json)];
      assert.equal(a.id, b.id);
      assert.equal(a.reference, b.reference);
      assert.equal(b.created, false);
      const { count } = await stack.client.workflow.count(`WorkflowId = '${complaintWorkflowId(a.id)}'`);
      assert.equal(count, 1);
      // The same key for a different complaint is a mistake the API names.
      expectProblem(
        await call('POST', '/complaints', {
          key: supervisor(),
          body: complaintBody(),
          headers: { 'idempotency-key': key },
        }),
        422,
      );
    });

    it('gives the same case for a repeated external id, even without a key', async () => {
      const externalId = `crm-${Date.now()}`;
      const first = await call('POST', '/complaints', {
        key: supervisor(),
        body: complaintBody({ externalId }),
      });
      const second = await call('POST', '/complaints', {
        key: supervisor(),
        body: complaintBody({ externalId }),
      });
      assert.deepEqual([first.status, second.status], [201, 200]);
      assert.equal(intakeResponseSchema.parse(first.json).id, intakeResponseSchema.parse(second.json).id);
      // Keyed: the id cannot be computed from the external id (which is often known outside).
      const id = intakeResponseSchema.parse(first.json).id;
      assert.notEqual(id, legacyExternalComplaintId(externalId));
      assert.equal(id, complaintIdFor({ externalId } as never, undefined, undefined, externalIdKeyOf(stack)));
    });

    it('an external id recorded before ids were keyed finds the case it started then', async () => {
      // A case as intake made it before: under the plain hash of its external id.
      const externalId = `crm-old-${Date.now()}`;
      const template = await startCase();
      const handle = stack.client.workflow.getHandle(complaintWorkflowId(template.id));
      const history = await handle.fetchHistory();
      const converter = stack.client.options.loadedDataConverter;
      const [decoded] = await converter.payloadCodecs[0].decode([
        history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0],
      ]);
      const input = converter.payloadConverter.fromPayload<Record<string, unknown>>(decoded);
      const oldId = legacyExternalComplaintId(externalId);
      await stack.client.workflow.start('complaintWorkflowV2', {
        workflowId: complaintWorkflowId(oldId),
        taskQueue: stack.taskQueue,
        args: [{ ...input, complaintId: oldId, externalId, reference: 'CD-2026-OLDEXT' }],
        memo: { reference: 'CD-2026-OLDEXT', language: 'en' },
      });
      const repeat = await call('POST', '/complaints', {
        key: supervisor(),
        body: complaintBody({ externalId }),
      });
      assert.equal(repeat.status, 200, repeat.text);
      assert.equal(intakeResponseSchema.parse(repeat.json).id, oldId);
      assert.equal(intakeResponseSchema.parse(repeat.json).reference, 'CD-2026-OLDEXT');
    });

    it('a repeated intake shows the customer link only to who may see the case; Idempotency-Keys are per caller', async () => {
      const externalId = `crm-leak-${Date.now()}`;
      const original = complaintBody({ externalId });
      const first = await call('POST', '/complaints', { key: supervisor(), body: original });
      assert.equal(first.status, 201, first.text);
      const created = intakeResponseSchema.parse(first.json);
      assert.ok(created.owner);
      const stranger = otherAgent(created.owner.id);
      // Another agent, another customer, the same external id: the case is named, nothing of it shown.
      const other = complaintBody({
        externalId,
        customer: { name: 'Jan Obcy', email: 'jan.obcy@example.com', language: 'pl' },
      });
      const repeat = await call('POST', '/complaints', { key: stranger, body: other });
      assert.equal(repeat.status, 200, repeat.text);
      const answer = intakeResponseSchema.parse(repeat.json);
      assert.equal(answer.id, created.id);
      assert.equal(answer.created, false);
      assert.equal(answer.links.customerStatusPage, undefined, 'no customer link for a stranger');
      for (const personal of [original.customer.name, original.customer.email, 'Jan Obcy', 'jan.obcy'])
        assert.ok(!repeat.text.includes(personal), `no "${personal}" in ${repeat.text}`);
      // The case is still the first customer's.
      assert.equal((await fullCase(created.id)).customer.email, original.customer.email);
      // Its owner and supervisors see the link, as on GET /complaints/:id.
      for (const key of [agent(created.owner.id), supervisor()]) {
        const again = intakeResponseSchema.parse(
          (await call('POST', '/complaints', { key, body: original })).json,
        );
        assert.equal(again.id, created.id);
        assert.ok(again.links.customerStatusPage, 'the owner and supervisors get the link');
      }
      // An Idempotency-Key is the caller's own: the same key from another caller is another complaint.
      const key = `intake-scope-${Date.now()}`;
      const mine = await call('POST', '/complaints', {
        key: supervisor(),
        body: complaintBody(),
        headers: { 'idempotency-key': key },
      });
      const theirs = await call('POST', '/complaints', {
        key: stranger,
        body: complaintBody(),
        headers: { 'idempotency-key': key },
      });
      assert.deepEqual([mine.status, theirs.status], [201, 201], theirs.text);
      assert.notEqual(intakeResponseSchema.parse(mine.json).id, intakeResponseSchema.parse(theirs.json).id);
    });

    it('applies a retried action once (Temporal de-duplicates by update id)', async () => {
      const started = await startCase();
      const owner = agent(started.owner.id);
      await call('POST', `/complaints/${started.id}/diagnosis`, { key: owner, body: diagnosis() });
      const progress = { message: 'The courier confirmed the damage.', customerVisible: true };
      const replies = await Promise.all(
        [0, 1, 2].map(() =>
          call('POST', `/complaints/${started.id}/progress`, {
            key: owner,
            body: progress,
            headers: { 'idempotency-key': 'progress-1' },
          }),
        ),
      );
      assert.deepEqual(
        replies.map((r) => r.status),
        [200, 200, 200],
      );
      // A retry after the first has completed gets the first answer, and changes nothing.
      const later = await call('POST', `/complaints/${started.id}/progress`, {
        key: owner,
        body: progress,
        headers: { 'idempotency-key': 'progress-1' },
      });
      assert.equal(later.status, 200);
      assert.deepEqual(
        caseFullSchema.parse(later.json).timeline,
        caseFullSchema.parse(replies[0].json).timeline,
      );
      const c = await fullCase(started.id);
      assert.equal(c.timeline.internal.filter((e) => e.kind === 'progress').length, 1);
      // The e-mail leaves the case's outbox after the answer: wait for it, then make sure it is one.
      await mailsExactly(stack, { caseId: started.id, kind: 'progressUpdate' }, 1);
      // Without a key the same request is a second update.
      await call('POST', `/complaints/${started.id}/progress`, { key: owner, body: progress });
      assert.equal(
        (await fullCase(started.id)).timeline.internal.filter((e) => e.kind === 'progress').length,
        2,
      );
      // The key with another body: refused, not applied.
      expectProblem(
        await call('POST', `/complaints/${started.id}/progress`, {
          key: owner,
          body: { ...progress, message: 'other' },
          headers: { 'idempotency-key': 'progress-1' },
        }),
        422,
      );
    });
    it('scopes a key to its case: the same key on two cases is two requests', async () => {
      const [a, b] = [await startCase(), await startCase()];
      for (const c of [a, b]) {
        const reply = await call('POST', `/complaints/${c.id}/notes`, {
          key: supervisor(),
          body: { text: 'Checked.' },
          headers: { 'idempotency-key': 'same-key' },
        });
        assert.equal(reply.status, 200, reply.text);
        assert.equal(
          caseFullSchema.parse(reply.json).timeline.internal.filter((e) => e.kind === 'note').length,
          1,
        );
      }
    });
  });

  describe('role boundaries', () => {
    let id: string;
    let owner: string;
    before(async () => {
      const started = await startCase();
      id = started.id;
      owner = started.owner.id;
    });

    it('401 without a key or with a wrong one', async () => {
      const none = await call('GET', `/complaints/${id}`);
      expectProblem(none, 401);
      assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
      expectProblem(await call('GET', `/complaints/${id}`, { key: 'cd_agent_not-a-real-key' }), 401);
      expectProblem(await call('POST', '/complaints', { body: complaintBody() }), 401);
    });

    it('operators read (without personal data) and change nothing', async () => {
      const seen = await caseOf(id, operator());
      assert.equal(caseRestrictedSchema.parse(seen).view, 'restricted');
      const raw = (await call('GET', `/complaints/${id}`, { key: operator() })).text;
      assert.ok(!raw.includes('Maria'), 'no customer name');
      assert.ok(!raw.includes('@example.com'), 'no customer e-mail');
      assert.ok(!raw.includes('lamp'), 'no description');
      assert.deepEqual(seen.allowedActions, []);
      expectProblem(await call('POST', '/complaints', { key: operator(), body: complaintBody() }), 403);
      for (const [action, body] of [
        ['notes', { text: 'x' }],
        ['diagnosis', diagnosis()],
        ['approval', { decision: 'approve' }],
        ['reassignment', { ownerId: owner, reason: 'x' }],
      ] as const) {
        expectProblem(await call('POST', `/complaints/${id}/${action}`, { key: operator(), body }), 403);
      }
    });

    it('agents read other owners’ cases restricted, act only on their own, and never approve or reassign', async () => {
      const other = otherAgent(owner);
      const before = (await fullCase(id)).timeline.internal.length;
      assert.equal((await caseOf(id, other)).view, 'restricted');
      assert.equal((await caseOf(id, agent(owner))).view, 'full');
      expectProblem(
        await call('POST', `/complaints/${id}/notes`, { key: other, body: { text: 'not mine' } }),
        403,
      );
      expectProblem(
        await call('POST', `/complaints/${id}/approval`, {
          key: agent(owner),
          body: { decision: 'approve' },
        }),
        403,
      );
      expectProblem(
        await call('POST', `/complaints/${id}/reassignment`, {
          key: agent(owner),
          body: { ownerId: owner, reason: 'x' },
        }),
        403,
      );
      assert.equal((await fullCase(id)).timeline.internal.length, before, 'nothing changed');
    });

    it('supervisors act on any case; the owner’s view offers only the owner’s actions', async () => {
      const noted = await call('POST', `/complaints/${id}/notes`, {
        key: supervisor(),
        body: { text: 'Checked by a supervisor.' },
      });
      assert.equal(noted.status, 200);
      const ownerView = caseFullSchema.parse(
        (await call('GET', `/complaints/${id}`, { key: agent(owner) })).json,
      );
      assert.ok(!ownerView.allowedActions.includes('reassignment'));
      const supervisorView = caseFullSchema.parse(
        (await call('GET', `/complaints/${id}`, { key: supervisor() })).json,
      );
      assert.ok(supervisorView.allowedActions.includes('reassignment'));
    });

    it('health details are for operator keys only; /healthz itself needs no key', async () => {
      assert.equal((await call('GET', '/healthz')).status, 200);
      expectProblem(await call('GET', '/healthz/details'), 401);
      expectProblem(await call('GET', '/healthz/details', { key: 'cd_operator_not-a-real-key' }), 401);
      expectProblem(await call('GET', '/healthz/details', { key: agent(owner) }), 403);
      expectProblem(await call('GET', '/healthz/details', { key: supervisor() }), 403);
      const details = await call('GET', '/healthz/details', { key: operator() });
      assert.equal(details.status, 200, details.text);
      assert.deepEqual(
        { ...(details.json as Record<string, unknown>), latencyMs: 0, checkedAt: '' },
        {
          status: 'ok',
          temporal: 'reachable',
          namespace: stack.namespace,
          latencyMs: 0,
          checkedAt: '',
          calendar: { clock: 'calendar', warnings: [] },
        },
      );
    });

    it('404 for an unknown case, whoever asks', async () => {
      expectProblem(await call('GET', '/complaints/cffffffffffffffffffff', { key: supervisor() }), 404);
      expectProblem(
        await call('POST', '/complaints/cffffffffffffffffffff/notes', {
          key: supervisor(),
          body: { text: 'x' },
        }),
        404,
      );
      expectProblem(
        await call('POST', '/complaints/cffffffffffffffffffff/notes', {
          key: agent(owner),
          body: { text: 'x' },
        }),
        404,
      );
    });
  });

  describe('erasure of personal data', () => {
    /** A case closed by the customer's withdrawal, once its e-mails are out. */
    async function closedCase() {
      const started = await startCase();
      await mailsOf(started.id, 'acknowledgement');
      await withdrawAndComplete(stack, stack.client.workflow.getHandle(complaintWorkflowId(started.id)));
      return started;
    }
    /** The e-mail ledger's entries (in the case store every worker and API shares), as text. */
    const ledgerText = async () =>
      (await stack.store.query('SELECT * FROM email_ledger')).rows.map((r) => JSON.stringify(r));

    it('a supervisor erases a closed case: the ledger forgets the address, the case view says erased, again is the same record', async () => {
      const started = await closedCase();
      const email = caseFullSchema.parse(
        (await call('GET', `/complaints/${started.id}`, { key: supervisor() })).json,
      ).customer.email!;
      assert.ok(
        (await ledgerText()).some((t) => t.includes(email)),
        'the ledger held the address before',
      );
      const path_ = `/complaints/${started.id}/erasure`;
      expectProblem(await call('POST', path_, { key: agent(started.owner.id), body: { reason: 'x' } }), 403);
      expectProblem(await call('POST', path_, { key: operator(), body: { reason: 'x' } }), 403);
      expectProblem(await call('POST', path_, { body: { reason: 'x' } }), 401);
      expectProblem(await call('POST', path_, { key: supervisor(), body: {} }), 400);
      const first = await call('POST', path_, {
        key: supervisor(),
        body: { reason: 'The customer asked us to erase their data (GDPR art. 17).' },
      });
      assert.equal(first.status, 201, first.text);
      const record = caseResponseSchema.parse(first.json);
      assert.equal(record.view, 'erased');
      assert.ok(
        !(await ledgerText()).some((t) => t.includes(email)),
        'the ledger no longer holds the address',
      );
      // Crypto-shredding: the case's history is still there, but the codec can no longer read it.
      const history = await stack.client.workflow.getHandle(complaintWorkflowId(started.id)).fetchHistory();
      const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
      assert.ok(input, 'the history stays');
      await assert.rejects(
        stack.client.options.loadedDataConverter.payloadCodecs[0].decode([input]),
        /destroyed|erased/i,
      );
      const seen = caseResponseSchema.parse(
        (await call('GET', `/complaints/${started.id}`, { key: supervisor() })).json,
      );
      assert.equal(seen.view, 'erased');
      assert.ok(!JSON.stringify(seen).includes(email));
      const again = await call('POST', path_, { key: supervisor(), body: { reason: 'twice' } });
      assert.equal(again.status, 200);
      assert.deepEqual(caseResponseSchema.parse(again.json), record, 'the first record, unchanged');
    });

    it('an open case is not erased (409), an unknown one is 404, never a 5xx', async () => {
      const open = await startCase();
      const reply = await call('POST', `/complaints/${open.id}/erasure`, {
        key: supervisor(),
        body: { reason: 'x' },
      });
      expectProblem(reply, 409);
      assert.match(reply.text, /close it first/i);
      expectProblem(
        await call('POST', '/complaints/zzzzzzzzzz/erasure', { key: supervisor(), body: { reason: 'x' } }),
        404,
      );
      expectProblem(
        await call('POST', `/complaints/${open.id}/erasure`, {
          key: supervisor(),
          body: 'nope',
          headers: { 'content-type': 'text/plain' },
        }),
        415,
      );
    });
  });

  describe('Postmark down on the dev server (the promise engine)', () => {
    const outage = (mode: number | null) =>
      fetch(`${stack.sandbox.url}/sandbox/outage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mode }),
      });

    it('the case is listed overdue and escalated on time while no e-mail gets out; an action answers at once; after recovery the acknowledgement goes first', async () => {
      // The demo policy: acknowledgement in 10 s, the diagnosis in 20 s, retries every 5 s at most.
      const demo = shippedPolicy('demo');
      const demoUrl = await stack.serve((url) => ({
        keys: () => [
          {
            hash: hashKey('demo-supervisor'),
            role: 'supervisor',
            subject: roster.supervisors[0].id,
            name: 'S',
          },
        ],
        publicBaseUrl: url,
        snapshot: () => ({ policy: demo, roster }),
      }));
      const demoCall = (method: string, path: string, body?: unknown) =>
        send(`${demoUrl}${path}`, {
          method,
          key: 'demo-supervisor',
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      expectOk((await outage(503)).status);
      try {
        const reply = await demoCall('POST', '/complaints', complaintBody());
        assert.equal(reply.status, 201, reply.text);
        const id = intakeResponseSchema.parse(reply.json).id;
        // Within the acknowledgement deadline plus a little, the listing of overdue cases has it.
        await eventually(
          async () => {
            const list = caseListSchema.parse(
              (await demoCall('GET', '/complaints?overdue=true&owner=any')).json,
            );
            return list.items.some((i) => i.id === id && (i.escalationLevel ?? 0) >= 1);
          },
          'the case among the overdue, escalated',
          40_000,
        );
        const during = caseFullSchema.parse((await demoCall('GET', `/complaints/${id}`)).json);
        assert.ok(during.deliveries?.some((d) => d.purpose === 'acknowledgement' && d.status === 'pending'));
        assert.equal((await mails(stack, { caseId: id })).length, 0, 'nothing got through');
        // An owner's action during the outage is applied and answered at once (not a 504).
        const asked = Date.now();
        const questions = await demoCall('POST', `/complaints/${id}/questions`, {
          questions: ['When did the parcel arrive?'],
        });
        assert.equal(questions.status, 200, questions.text);
        assert.ok(Date.now() - asked < 5_000, 'answered without waiting for Postmark');
        expectOk((await outage(null)).status);
        const sent = await eventually(
          async () => {
            const m = await mails(stack, { caseId: id, audience: 'customer' });
            return m.length >= 2 ? m : undefined;
          },
          'the customer e-mails after recovery',
          60_000,
        );
        assert.equal(sent[0].Metadata?.kind, 'acknowledgement', 'the acknowledgement is the first e-mail');
        await demoCall('POST', `/complaints/${id}/notes`, { text: 'outage test done' });
      } finally {
        await outage(null);
      }
    });
  });

  describe('tasks, references and deliveries (the lifecycle engine’s case view)', () => {
    it('the owner completes the acknowledgement letter of a fax complaint (faxed, a printable letter): the acknowledgement is met', async () => {
      const started = await startCase({
        channel: 'fax',
        customer: { name: 'Jan Nowak', phone: '+48 22 555 01 23', fax: '+48 22 555 01 99', language: 'en' },
      });
      const id = started.id;
      const owner = started.owner.id;
      const letter = await eventually(async () => {
        const c = await fullCase(id);
        return c.tasks.find((t) => t.kind === 'write' && t.purpose === 'acknowledgement');
      }, 'the acknowledgement letter task');
      assert.equal(letter.closedAt, undefined);
      assert.equal(letter.reason, 'paper');
      assert.match(letter.note ?? '', /faxed/);
      assert.equal(letter.letter, `/complaints/${id}/letters/${letter.id}`, 'its printable letter');
      assert.ok(
        !(await fullCase(id)).tasks.some((t) => t.purpose === 'formal-acknowledgement'),
        'one letter: the acknowledgement is the formal letter',
      );
      const path = `/complaints/${id}/tasks/${letter.id}/completion`;
      const openBefore = caseRestrictedSchema.parse(await caseOf(id, operator())).openTasks;
      assert.ok(openBefore >= 1);

      // Only the owner or a supervisor; operators and other agents change nothing.
      expectProblem(await call('POST', path, { key: otherAgent(owner), body: { note: 'mine?' } }), 403);
      expectProblem(await call('POST', path, { key: operator(), body: {} }), 403);
      // One way to do it: the generic action route does not know it.
      expectProblem(
        await call('POST', `/complaints/${id}/task-completion`, {
          key: agent(owner),
          body: { taskId: letter.id },
        }),
        404,
      );
      // An unknown task: 404, and nothing changes.
      const unknown = expectProblem(
        await call('POST', `/complaints/${id}/tasks/T999/completion`, { key: agent(owner) }),
        404,
      );
      assert.match(unknown.detail, /T999/);

      const headers = { 'idempotency-key': `letter-${id}` };
      const note = 'Posted first class on Monday.';
      const done = await call('POST', path, { key: agent(owner), body: { note }, headers });
      assert.equal(done.status, 200, done.text);
      const after = caseFullSchema.parse(done.json);
      const closed = after.tasks.find((t) => t.id === letter.id)!;
      assert.equal(closed.closedAs, 'done');
      assert.equal(closed.closedBy, owner, 'the key’s person, not the body');
      assert.equal(closed.closingNote, note);
      assert.ok(closed.closedAt && closed.doneAt);
      const ack = after.deadlines.find((d) => d.name === 'acknowledgement')!;
      assert.equal(ack.state, 'met');
      assert.ok(after.timeline.customer.some((e) => e.kind === 'acknowledged'));

      // A retry with the key answers as the first time; without it, the task is already closed.
      const retried = await call('POST', path, { key: agent(owner), body: { note }, headers });
      assert.equal(retried.status, 200, retried.text);
      assert.equal(
        caseFullSchema.parse(retried.json).timeline.internal.length,
        after.timeline.internal.length,
      );
      const twice = expectProblem(await call('POST', path, { key: supervisor() }), 409);
      assert.match(twice.detail, /already closed/);
      assert.equal(
        caseRestrictedSchema.parse(await caseOf(id, operator())).openTasks,
        openBefore - 1,
        'the restricted view counts it closed',
      );
    });

    it('a letter marked sent: the case says so in its words; marked again by its kind or its task’s id, the same 409 naming what it is', async () => {
      const started = await startCase({
        channel: 'fax',
        customer: { name: 'Ola Wróbel', phone: '+48 22 555 01 25', fax: '+48 22 555 01 97', language: 'en' },
      });
      const id = started.id;
      const letter = await eventually(async () => {
        const c = await fullCase(id);
        return c.tasks.find((t) => t.kind === 'write' && t.purpose === 'acknowledgement');
      }, 'the acknowledgement letter task');
      const sent = await call('POST', `/complaints/${id}/letters/acknowledgement/sent`, {
        key: agent(started.owner.id),
      });
      assert.equal(sent.status, 200, sent.text);
      const after = caseFullSchema.parse(sent.json);
      const closed = after.tasks.find((t) => t.id === letter.id)!;
      assert.equal(closed.closedAs, 'done', 'the task that carries the acknowledgement letter');
      assert.equal(closed.closingNote, undefined, 'no note a person did not write');
      assert.ok(
        after.timeline.internal.some((e) => e.text === `Task ${letter.id} done: the letter was sent.`),
        JSON.stringify(after.timeline.internal.map((e) => e.text)),
      );
      // Asked again by either name: one answer, the letter by what it is, never the task's id.
      const details: string[] = [];
      for (const name of ['acknowledgement', letter.id]) {
        const again = expectProblem(
          await call('POST', `/complaints/${id}/letters/${name}/sent`, { key: supervisor() }),
          409,
        );
        assert.equal(again.detail, 'The acknowledgement letter was already marked sent.', name);
        assert.doesNotMatch(again.detail, /\bT\d+\b/);
        details.push(again.detail);
      }
      assert.equal(new Set(details).size, 1);
    });

    it('a supervisor completes a task without a body; the owner’s view shows it', async () => {
      const started = await startCase({
        channel: 'fax',
        customer: { name: 'Ewa Lis', phone: '+48 22 555 01 24', fax: '+48 22 555 01 98', language: 'en' },
      });
      const task = await eventually(
        async () => (await fullCase(started.id)).tasks.find((t) => !t.closedAt),
        'an open task',
      );
      const done = await call('POST', `/complaints/${started.id}/tasks/${task.id}/completion`, {
        key: supervisor(),
      });
      assert.equal(done.status, 200, done.text);
      const seen = caseFullSchema.parse(await caseOf(started.id, agent(started.owner.id)));
      const closed = seen.tasks.find((t) => t.id === task.id)!;
      assert.equal(closed.closedBy, roster.supervisors[0].id);
      assert.equal(closed.closingNote, undefined);
    });

    it('finds exactly the case of a reference, for any caller; a malformed reference is a 400', async () => {
      const [a, b] = [await startCase(), await startCase()];
      for (const key of [supervisor(), operator(), otherAgent(a.owner.id)]) {
        const found = await eventually(async () => {
          const r = caseListSchema.parse(
            (await call('GET', `/complaints?reference=${a.reference}`, { key })).json,
          );
          return r.items.length ? r : undefined;
        }, 'the case by its reference');
        assert.deepEqual(
          found.items.map((i) => i.id),
          [a.id],
        );
        assert.equal(found.items[0].reference, a.reference);
        assert.equal(found.filters.reference, a.reference);
        assert.ok(!found.items.some((i) => i.id === b.id));
      }
      // Read out on the phone in lower case: the same case.
      const lower = caseListSchema.parse(
        (await call('GET', `/complaints?reference=${a.reference.toLowerCase()}`, { key: supervisor() })).json,
      );
      assert.deepEqual(
        lower.items.map((i) => i.id),
        [a.id],
      );
      const none = caseListSchema.parse(
        (await call('GET', '/complaints?reference=CD-1999-ZZZZZZ', { key: supervisor() })).json,
      );
      assert.deepEqual(none.items, []);
      expectProblem(await call('GET', '/complaints?reference=12345', { key: supervisor() }), 400);
    });

    it('shows every deadline ahead, the next contact and the deliveries; the restricted view without names or details', async () => {
      const started = await startCase();
      await mailsOf(started.id, 'acknowledgement');
      const full = await eventually(async () => {
        const c = await fullCase(started.id);
        return c.deliveries?.some((d) => d.purpose === 'acknowledgement' && d.status === 'sent')
          ? c
          : undefined;
      }, 'the acknowledgement delivered');
      assert.ok(full.upcoming?.length, 'deadlines ahead');
      assert.ok(full.upcoming.some((u) => u.name === 'diagnosis' && u.waitingFor === 'owner'));
      assert.ok(full.nextCustomerContactBy && Date.parse(full.nextCustomerContactBy) > Date.now());
      const ack = full.deliveries!.find((d) => d.purpose === 'acknowledgement')!;
      assert.equal(ack.audience, 'customer');
      assert.equal(ack.to, 'customer');
      const raw = (await call('GET', `/complaints/${started.id}`, { key: supervisor() })).text;
      assert.ok(!/"messageId"/.test(raw), 'no Postmark ids');

      const restricted = caseRestrictedSchema.parse(await caseOf(started.id, operator()));
      assert.equal(restricted.nextCustomerContactBy, full.nextCustomerContactBy);
      assert.deepEqual(restricted.upcoming, full.upcoming);
      assert.deepEqual(
        restricted.deliveries?.map((d) => [d.id, d.purpose, d.status]),
        full.deliveries?.map((d) => [d.id, d.purpose, d.status]),
      );
      const restrictedRaw = (await call('GET', `/complaints/${started.id}`, { key: operator() })).text;
      assert.ok(!restrictedRaw.includes('@'), 'no e-mail addresses at all');
      assert.ok(!/"to"|"detail"/.test(restrictedRaw), 'no recipients or failure details');
    });
  });

  describe('customer links: purposes and lifetime after closing', () => {
    const signer = () => createLinkSigner(linkSecret(stack.dataDir));

    it('a survey link opens the survey only; a status link opens both', async () => {
      const started = await startCase();
      const survey = signer().sign(started.id, undefined, undefined, 'survey');
      const status = signer().sign(started.id);
      const json = { accept: 'application/json' };
      expectProblem(await call('GET', `/c/${survey}`, { headers: json }), 404);
      const page = await call('GET', `/c/${survey}`);
      assert.equal(page.status, 404);
      assert.ok(!page.text.includes(started.reference), 'nothing of the case on a refused page');
      expectProblem(
        await call('POST', `/c/${survey}/messages`, { body: { text: 'hello' }, headers: json }),
        404,
      );
      expectProblem(
        await call('POST', `/c/${survey}/withdrawal`, { body: { confirm: true }, headers: json }),
        404,
      );
      const form = await call('GET', `/c/${survey}/survey`);
      assert.equal(form.status, 200, form.text);
      assert.ok(!form.text.includes(`href="/c/${survey}"`), 'no way from the survey to the status page');
      const viaStatus = await call('GET', `/c/${status}/survey`);
      assert.equal(viaStatus.status, 200);
      assert.ok(viaStatus.text.includes(`href="/c/${status}"`), 'a status link leads back to the page');
      assert.equal((await call('GET', `/c/${status}`)).status, 200);
      assert.equal((await fullCase(started.id)).stage, 'diagnosis', 'nothing changed the case');
    });

    it('a link stops working a set time after its case closed, whatever its own expiry', async () => {
      const started = await startCase();
      const status = signer().sign(started.id);
      const survey = signer().sign(started.id, undefined, undefined, 'survey');
      // Set up first (its acknowledgement out): a case ended before its first step has no view to show.
      await mailsOf(started.id, 'acknowledgement');
      await stack.client.workflow
        .getHandle(complaintWorkflowId(started.id))
        .terminate('test: the case closed');
      // The default keeps the page readable for a while after closing...
      assert.equal((await call('GET', `/c/${status}`)).status, 200);
      // ...and an API configured with no time after closing refuses it as expired.
      const strictUrl = await stack.serve((url) => ({
        publicBaseUrl: url,
        limits: { linkLifetimeAfterCloseMs: 0 },
      }));
      await new Promise((r) => setTimeout(r, 20));
      for (const path of [`/c/${status}`, `/c/${status}/survey`, `/c/${survey}/survey`]) {
        const reply = await send(`${strictUrl}${path}`, { method: 'GET' });
        assert.equal(reply.status, 410, `${path}: ${reply.text.slice(0, 200)}`);
      }
      const posted = await send(`${strictUrl}/c/${status}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ text: 'hello' }),
      });
      expectProblem(posted, 410);
    });
  });

  describe('customer status page dates', () => {
    it('says when we contact the customer next (the case’s nextCustomerContactBy), in every language', async () => {
      const started = await startCase();
      const [ack] = await mailsOf(started.id, 'acknowledgement');
      const view = await stack.client.workflow
        .getHandle(complaintWorkflowId(started.id))
        .query(caseViewQuery);
      assert.ok(view.nextCustomerContactBy);
      const page = await call('GET', `/c/${tokenIn(ack)}`);
      assert.ok(page.text.includes(pageStrings.en.nextUpdateBy));
      assert.ok(page.text.includes(`<time datetime="${view.nextCustomerContactBy}">`));
    });

    it('never shows a next contact or an expected resolution that has passed', async () => {
      const started = await startCase();
      await call('POST', `/complaints/${started.id}/diagnosis`, {
        key: agent(started.owner.id),
        body: diagnosis(),
      });
      const real = await stack.client.workflow
        .getHandle(complaintWorkflowId(started.id))
        .query(caseViewQuery);
      assert.equal(real.clocks.resolution?.state, 'pending');
      const hour = 3_600_000;
      const at = (ms: number) => new Date(Date.now() + ms).toISOString();
      const withDates = (contact: string, resolution: string): CaseView => ({
        ...real,
        nextCustomerContactBy: contact,
        clocks: { ...real.clocks, resolution: { ...real.clocks.resolution, dueAt: resolution } },
      });
      const ctx = undefined as never; // engine cases answer for themselves: no policy needed
      for (const language of languages) {
        const s = pageStrings[language];
        const render = (view: CaseView) =>
          renderStatusPage({
            view: { ...view, customer: { ...view.customer, language } },
            base: '/c/x',
            nextUpdateBy: nextUpdateBy(view, ctx),
            nonce: 'nonce-0000001',
          });
        const past = render(withDates(at(-hour), at(-hour)));
        assert.ok(!past.includes(escapeHtml(s.nextUpdateBy)), `${language}: no past next contact`);
        assert.ok(!past.includes(escapeHtml(s.expectedBy)), `${language}: no past resolution date`);
        const future = render(withDates(at(hour), at(48 * hour)));
        assert.ok(future.includes(escapeHtml(s.nextUpdateBy)), `${language}: the next contact`);
        assert.ok(future.includes(escapeHtml(s.expectedBy)), `${language}: the resolution date`);
      }
      // A view rendered a moment after it was read: the page's own clock decides.
      const stale = renderStatusPage({
        view: withDates(at(hour), at(hour)),
        base: '/c/x',
        nextUpdateBy: at(hour),
        nonce: 'nonce-0000001',
        now: Date.now() + 2 * hour,
      });
      assert.ok(!stale.includes(pageStrings.en.nextUpdateBy));
      assert.ok(!stale.includes(pageStrings.en.expectedBy));
    });
  });

  describe('Postmark webhooks (documented payloads)', () => {
    const fixture = (name: string) =>
      JSON.parse(fs.readFileSync(fromRoot('test', 'fixtures', 'postmark', name), 'utf8')) as Record<
        string,
        unknown
      >;
    const basic = (user: string, password: string) => ({
      authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    });
    const auth = basic(WEBHOOK.user, WEBHOOK.password);
    const uniqueId = () =>
      `${Date.now().toString(16)}-${Math.random().toString(16).slice(2, 10)}-4000-8000-000000000000`;

    it('refuses posts without the right basic-auth credentials', async () => {
      expectProblem(await call('POST', '/webhooks/postmark/inbound', { body: fixture('inbound.json') }), 401);
      expectProblem(
        await call('POST', '/webhooks/postmark/inbound', {
          body: fixture('inbound.json'),
          headers: basic(WEBHOOK.user, 'wrong-password'),
        }),
        401,
      );
      expectProblem(
        await call('POST', '/webhooks/postmark/bounce', {
          body: fixture('bounce.json'),
          headers: basic('someone', WEBHOOK.password),
        }),
        401,
      );
    });

    /** The token after the "+" of the Reply-To of the case's latest e-mail to the customer. */
    async function replyToken(caseId: string, kind = 'acknowledgement'): Promise<string> {
      const [mail] = (await mailsOf(caseId, kind)).slice(-1);
      const token = /\+([^@]+)@/.exec(mail.ReplyTo ?? '')?.[1];
      assert.ok(token, `a reply token in ${mail.ReplyTo}`);
      return token;
    }
    const customerOf = async (id: string) => (await fullCase(id)).customer.email!;
    const reply = (hash: string, from: string, text: string) => ({
      ...fixture('inbound.json'),
      MailboxHash: hash,
      MessageID: uniqueId(),
      From: from,
      FromFull: { Email: from, Name: 'Someone', MailboxHash: '' },
      ReplyTo: from,
      StrippedTextReply: text,
    });

    it('a reply through the case’s reply token, from the customer’s address, is one customer message, text and attachment names only', async () => {
      const started = await startCase();
      const token = await replyToken(started.id);
      assert.match(token, /^[a-z2-7]{26}$/, 'an unguessable token');
      assert.ok(!token.includes(started.id), 'not the case id');
      const mail = reply(token, (await customerOf(started.id)).toUpperCase(), 'This is the reply text');
      const first = await call('POST', '/webhooks/postmark/inbound', { body: mail, headers: auth });
      assert.equal(first.status, 200, first.text);
      assert.deepEqual(first.json, { result: 'customer-message', complaintId: started.id });
      // Postmark delivers again (a retry): still one message.
      assert.equal(
        (await call('POST', '/webhooks/postmark/inbound', { body: mail, headers: auth })).status,
        200,
      );
      const messages = await eventually(async () => {
        const c = await fullCase(started.id);
        const found = c.timeline.internal.filter((e) => e.kind === 'customer-message');
        return found.length ? found : undefined;
      }, 'the reply on the case');
      await new Promise((r) => setTimeout(r, 500));
      const c = await fullCase(started.id);
      assert.equal(c.timeline.internal.filter((e) => e.kind === 'customer-message').length, 1);
      assert.ok(c.timeline.customer.some((e) => e.kind === 'customer-answer'));
      assert.match(messages[0].text, /^This is the reply text/);
      assert.match(messages[0].text, /test\.txt \(45 bytes\)/);
      assert.ok(!messages[0].text.includes('VGhpcyBpcyBhdHRhY2htZW50'), 'no attachment content');
    });

    it('a reply from another address is held for the owner as unverified, never the customer’s; the owner can confirm the sender', async () => {
      const started = await startCase();
      const token = await replyToken(started.id);
      const phishing = 'Your refund is ready: confirm your card at http://refund.evil.example today.';
      const answer = await call('POST', '/webhooks/postmark/inbound', {
        body: reply(token, 'attacker@evil.example', phishing),
        headers: auth,
      });
      assert.equal(answer.status, 200, answer.text);
      const held = await eventually(async () => {
        const v = await fullCase(started.id);
        return v.unverifiedMessages?.length ? v : undefined;
      }, 'the held message');
      assert.deepEqual(
        held.unverifiedMessages?.map((m) => [m.from, m.reason]),
        [['attacker@evil.example', 'other-sender']],
      );
      assert.ok(
        !JSON.stringify(held.timeline.customer).includes('evil.example'),
        'not on the customer’s timeline',
      );
      assert.ok(!held.timeline.internal.some((e) => e.kind === 'customer-message'), 'not recorded as theirs');
      const notice = await mailsOf(started.id, 'unverifiedMessageNotice');
      assert.equal(notice[0].To, held.owner.email, 'to the owner');
      assert.match(notice[0].TextBody, /attacker@evil\.example/);
      assert.equal((await mails(stack, { caseId: started.id, kind: 'customerMessageNotice' })).length, 0);
      // Nothing to the customer quotes it.
      const toCustomer = await mails(stack, { caseId: started.id, audience: 'customer' });
      assert.ok(
        !toCustomer.some((m) => m.TextBody.includes('evil.example') || m.HtmlBody.includes('evil.example')),
      );
      // The operator's view of the case names no sender and no words.
      assert.ok(
        !(await call('GET', `/complaints/${started.id}`, { key: operator() })).text.includes('evil.example'),
      );
      // Only an address that wrote can be confirmed; this one can, by the owner.
      expectProblem(
        await call('POST', `/complaints/${started.id}/sender-confirmation`, {
          key: supervisor(),
          body: { address: 'nobody@example.net' },
        }),
        422,
      );
      const confirmed = await call('POST', `/complaints/${started.id}/sender-confirmation`, {
        key: supervisor(),
        body: { address: 'attacker@evil.example' },
      });
      assert.equal(confirmed.status, 200, confirmed.text);
      const after = await fullCase(started.id);
      assert.deepEqual(after.confirmedSenders, ['attacker@evil.example']);
      assert.ok(
        after.timeline.internal.some((e) => e.kind === 'customer-message' && e.text.includes('refund')),
      );
    });

    it('the old "+<case id>" address holds what comes through it for a case that never issued one, even from the customer; a case with e-mail from before tokens still takes it from the customer', async () => {
      const started = await startCase();
      await replyToken(started.id); // the acknowledgement went out with a token
      const email = await customerOf(started.id);
      const byId = await call('POST', '/webhooks/postmark/inbound', {
        body: reply(started.id, email, 'Through the case id.'),
        headers: auth,
      });
      assert.deepEqual(byId.json, { result: 'customer-message', complaintId: started.id });
      const held = await eventually(async () => {
        const v = await fullCase(started.id);
        return v.unverifiedMessages?.length ? v : undefined;
      }, 'the held message');
      assert.equal(held.unverifiedMessages?.[0]?.reason, 'retired-address');
      // A case whose e-mails all went out before tokens (no token issued since): its case-id address
      // is what the customer has, and it still works for them — and only for them.
      const old = await startCase();
      await replyToken(old.id);
      await stack.store.query('DELETE FROM reply_addresses WHERE complaint_id = $1', [old.id]);
      const oldEmail = await customerOf(old.id);
      await call('POST', '/webhooks/postmark/inbound', {
        body: reply(old.id, oldEmail, 'Old address, me.'),
        headers: auth,
      });
      await call('POST', '/webhooks/postmark/inbound', {
        body: reply(old.id, 'someone@else.example', 'Old address, not me.'),
        headers: auth,
      });
      const v = await eventually(async () => {
        const c = await fullCase(old.id);
        return c.unverifiedMessages?.length && c.timeline.internal.some((e) => e.kind === 'customer-message')
          ? c
          : undefined;
      }, 'both on the old case');
      assert.ok(
        v.timeline.internal.some(
          (e) => e.kind === 'customer-message' && e.text.startsWith('Old address, me.'),
        ),
      );
      assert.deepEqual(
        v.unverifiedMessages?.map((m) => m.from),
        ['someone@else.example'],
      );
    });

    it('rotating a case’s reply address: the next e-mail carries a new token, the old one holds what comes through it', async () => {
      const started = await startCase();
      const old = await replyToken(started.id);
      expectProblem(
        await call('POST', `/complaints/${started.id}/reply-address/rotation`, {
          key: otherAgent(started.owner.id),
        }),
        403,
      );
      const rotated = await call('POST', `/complaints/${started.id}/reply-address/rotation`, {
        key: supervisor(),
      });
      assert.equal(rotated.status, 200, rotated.text);
      assert.deepEqual((rotated.json as { retired: boolean }).retired, true);
      const progress = await call('POST', `/complaints/${started.id}/progress`, {
        key: supervisor(),
        body: { message: 'We asked the courier.', customerVisible: true },
      });
      assert.equal(progress.status, 200, progress.text);
      const fresh = await eventually(async () => {
        const found = await mails(stack, { caseId: started.id, kind: 'progressUpdate' });
        return found.length ? found : undefined;
      }, 'the progress e-mail').then(() => replyToken(started.id, 'progressUpdate'));
      assert.match(fresh, /^[a-z2-7]{26}$/);
      assert.notEqual(fresh, old);
      await call('POST', '/webhooks/postmark/inbound', {
        body: reply(old, await customerOf(started.id), 'Through the old token.'),
        headers: auth,
      });
      const held = await eventually(async () => {
        const v = await fullCase(started.id);
        return v.unverifiedMessages?.length ? v : undefined;
      }, 'the held message');
      assert.equal(held.unverifiedMessages?.[0]?.reason, 'retired-address');
    });

    it('a new e-mail to the complaints address starts a complaint, idempotent on MessageID', async () => {
      const mail = { ...fixture('inbound.json'), MailboxHash: '', MessageID: uniqueId() };
      const first = await call('POST', '/webhooks/postmark/inbound', { body: mail, headers: auth });
      assert.equal(first.status, 200, first.text);
      const result = first.json as { result: string; complaintId: string; created: boolean };
      assert.equal(result.result, 'new-complaint');
      assert.equal(result.created, true);
      const second = (await call('POST', '/webhooks/postmark/inbound', { body: mail, headers: auth }))
        .json as typeof result;
      assert.equal(second.complaintId, result.complaintId);
      assert.equal(second.created, false);
      const c = await eventually(async () => {
        const v = await fullCase(result.complaintId);
        return v.stage === 'diagnosis' ? v : undefined;
      }, 'the new case');
      assert.equal(c.channel, 'email');
      assert.equal(c.customer.email, 'alanturing@computers.com');
      assert.equal(c.customer.name, 'Alan Turing');
      assert.equal(c.subject, 'Saying Hello!');
      assert.match(c.description, /This is a test text body\./);
    });

    it('an e-mail is received when Postmark delivers it: the 2014 example opens a case now, at level 0, escalating nobody', async () => {
      const documented = fixture('inbound.json');
      assert.match(String(documented.Date), /2014/, 'Postmark’s documented example, dated as documented');
      const mail = { ...documented, MailboxHash: '', MessageID: uniqueId() };
      const before = Date.now();
      const reply = await call('POST', '/webhooks/postmark/inbound', { body: mail, headers: auth });
      assert.equal(reply.status, 200, reply.text);
      const result = reply.json as { result: string; complaintId: string; reference: string };
      assert.equal(result.result, 'new-complaint');
      assert.match(result.reference, new RegExp(`^CD-${new Date(before).getUTCFullYear()}-`));
      const c = await eventually(async () => {
        const v = await fullCase(result.complaintId);
        return v.stage === 'diagnosis' ? v : undefined;
      }, 'the new case in diagnosis');
      assert.ok(
        Math.abs(Date.parse(c.receivedAt) - before) < 5 * 60_000,
        `received now, not ${c.receivedAt}`,
      );
      assert.equal(c.escalationLevel, 0);
      // The sender's Date is kept, as information only, beside the customer's words, not in them.
      assert.equal(c.senderDate, 'Fri, 1 Aug 2014 16:45:32 -04:00');
      assert.doesNotMatch(c.description, /16:45:32|Date header/);
      await new Promise((r) => setTimeout(r, 1500));
      assert.deepEqual(
        (await mails(stack, { caseId: result.complaintId, audience: 'staff' }))
          .filter((m) => m.Metadata.kind !== 'newCase')
          .map((m) => m.Subject),
        [],
        'no staff e-mail but the new-case notice (no escalation) for a case received now',
      );
      assert.equal((await fullCase(result.complaintId)).escalationLevel, 0);
    });

    it('an e-mail whose Date is an hour ahead opens a case; Postmark’s retry finds the same case', async () => {
      const mail = {
        ...fixture('inbound.json'),
        MailboxHash: '',
        MessageID: uniqueId(),
        Date: new Date(Date.now() + 3_600_000).toUTCString(),
      };
      const first = await call('POST', '/webhooks/postmark/inbound', { body: mail, headers: auth });
      assert.equal(first.status, 200, first.text);
      const result = first.json as { result: string; complaintId: string; created: boolean };
      assert.equal(result.result, 'new-complaint', first.text);
      assert.equal(result.created, true);
      const retry = await call('POST', '/webhooks/postmark/inbound', { body: mail, headers: auth });
      assert.equal(retry.status, 200, retry.text);
      assert.deepEqual(
        { ...(retry.json as typeof result), created: true },
        { ...result },
        'the same case, not created again',
      );
      assert.equal((retry.json as typeof result).created, false);
      const c = await eventually(async () => {
        const v = await fullCase(result.complaintId);
        return v.stage === 'diagnosis' ? v : undefined;
      }, 'the new case in diagnosis');
      assert.ok(Date.parse(c.receivedAt) <= Date.now(), 'received now, not in the future');
    });

    it('a sender with a blank display name and a bracketed From still opens a case (nothing dropped)', async () => {
      const mail = {
        ...fixture('inbound.json'),
        MailboxHash: '',
        MessageID: uniqueId(),
        FromName: '  ',
        FromFull: { Email: '', Name: '   ', MailboxHash: '' },
        From: 'Grace Hopper <grace@navy.example.com>',
      };
      const reply = await call('POST', '/webhooks/postmark/inbound', { body: mail, headers: auth });
      assert.equal(reply.status, 200, reply.text);
      const result = reply.json as { result: string; complaintId: string };
      assert.equal(result.result, 'new-complaint', reply.text);
      const c = await eventually(async () => {
        const v = await fullCase(result.complaintId);
        return v.stage === 'diagnosis' ? v : undefined;
      }, 'the new case');
      assert.equal(c.customer.email, 'grace@navy.example.com');
      assert.equal(c.customer.name, 'grace');
    });

    it('ignores auto-replies and our own mail (200, so Postmark does not retry)', async () => {
      const auto = {
        ...fixture('inbound.json'),
        MailboxHash: '',
        MessageID: uniqueId(),
        Headers: [{ Name: 'Auto-Submitted', Value: 'auto-replied' }],
      };
      const reply = await call('POST', '/webhooks/postmark/inbound', { body: auto, headers: auth });
      assert.deepEqual(reply.json, { result: 'ignored', reason: 'auto-reply' });
      const own = {
        ...fixture('inbound.json'),
        MailboxHash: '',
        MessageID: uniqueId(),
        FromFull: { Email: 'complaints@complaint-desk.test', Name: 'Complaint Desk', MailboxHash: '' },
      };
      assert.deepEqual(
        (await call('POST', '/webhooks/postmark/inbound', { body: own, headers: auth })).json,
        {
          result: 'ignored',
          reason: 'our-own-mail',
        },
      );
    });

    it('a hard bounce reaches the case by Metadata.caseId, or by Postmark’s record of the message', async () => {
      const a = await startCase();
      const aCase = await fullCase(a.id);
      const viaMetadata = {
        ...fixture('bounce.json'),
        Email: aCase.customer.email,
        Metadata: { caseId: a.id },
      };
      const reply = await call('POST', '/webhooks/postmark/bounce', { body: viaMetadata, headers: auth });
      assert.deepEqual(reply.json, { matched: [a.id] });
      await eventually(async () => (await fullCase(a.id)).customerEmailBounced, 'the bounce on the case');

      const b = await startCase();
      const bCase = await fullCase(b.id);
      const [ack] = await mailsOf(b.id, 'acknowledgement');
      const viaLookup = {
        ...fixture('bounce.json'),
        Email: bCase.customer.email,
        MessageID: ack.MessageID,
        Metadata: {},
      };
      assert.deepEqual(
        (await call('POST', '/webhooks/postmark/bounce', { body: viaLookup, headers: auth })).json,
        { matched: [b.id] },
      );
      await eventually(
        async () => (await fullCase(b.id)).customerEmailBounced,
        'the looked-up bounce on the case',
      );

      const transient = {
        ...fixture('bounce.json'),
        Type: 'Transient',
        TypeCode: 2,
        Inactive: false,
        Email: bCase.customer.email,
      };
      assert.deepEqual(
        (await call('POST', '/webhooks/postmark/bounce', { body: transient, headers: auth })).json,
        {
          matched: [],
          ignored: 'transient (Transient)',
        },
      );
    });

    it('passes the bounced MessageID on: the case marks that e-mail failed and owes the acknowledgement again', async () => {
      const started = await startCase();
      const c = await fullCase(started.id);
      const [ack] = await mailsOf(started.id, 'acknowledgement');
      await eventually(async () => {
        const v = await fullCase(started.id);
        return v.deliveries?.find((d) => d.purpose === 'acknowledgement')?.status === 'sent';
      }, 'the acknowledgement recorded as sent');
      const bounce = {
        ...fixture('bounce.json'),
        Email: c.customer.email,
        MessageID: ack.MessageID,
        Metadata: { caseId: started.id },
      };
      const reply = await call('POST', '/webhooks/postmark/bounce', { body: bounce, headers: auth });
      assert.deepEqual(reply.json, { matched: [started.id] });
      const bounced = await eventually(async () => {
        const v = await fullCase(started.id);
        return v.deliveries?.find((d) => d.purpose === 'acknowledgement')?.status === 'failed'
          ? v
          : undefined;
      }, 'the acknowledgement marked failed');
      assert.ok(bounced.customerEmailBounced);
      assert.equal(
        bounced.deliveries!.find((d) => d.purpose === 'acknowledgement')!.detail,
        'bounced (HardBounce)',
      );
      assert.notEqual(bounced.deadlines.find((d) => d.name === 'acknowledgement')?.state, 'met');
      // The owner is asked to tell the customer another way; doing so keeps the promise.
      const task = bounced.tasks.find((t) => t.purpose === 'acknowledgement' && !t.closedAt);
      assert.ok(task, 'a task for the bounced acknowledgement');
      const done = await call('POST', `/complaints/${started.id}/tasks/${task.id}/completion`, {
        key: agent(started.owner.id),
        body: { note: 'Called; the customer knows the reference.' },
      });
      assert.equal(done.status, 200, done.text);
      assert.equal(
        caseFullSchema.parse(done.json).deadlines.find((d) => d.name === 'acknowledgement')?.state,
        'met',
      );
    });

    it('takes a large inbound e-mail on the inbound route only', async () => {
      const big = 'A'.repeat(5 * 1024 * 1024);
      const mail = {
        ...fixture('inbound.json'),
        MailboxHash: '',
        MessageID: uniqueId(),
        Attachments: [
          { Name: 'photo.jpg', Content: big, ContentType: 'image/jpeg', ContentLength: 3_900_000 },
        ],
      };
      const reply = await call('POST', '/webhooks/postmark/inbound', { body: mail, headers: auth });
      assert.equal(reply.status, 200, reply.text);
      expectProblem(
        await call('POST', '/webhooks/postmark/bounce', {
          body: { ...fixture('bounce.json'), Content: big },
          headers: auth,
        }),
        413,
      );
      expectProblem(
        await call('POST', '/complaints', { key: supervisor(), body: complaintBody({ description: big }) }),
        413,
      );
    });
  });
});
