// An erased case blocks nothing: the retention and archive sweeps carry on past it, and its links,
// attachments and e-mail replies answer 410 or are taken and dropped — never 5xx. Cases started
// before memos were kept in clear (their memo encrypted with the now destroyed key) included.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Client } from '@temporalio/client';
import { hashKey } from '../../api/keys';
import { storeAttachmentStore, type AttachmentStore } from '../../infra/attachments';
import { CaseKeyDestroyedError } from '../../infra/codec/case-keys';
import { caseKeys } from '../../infra/codec';
import { createLinkSigner, linkSecret } from '../../infra/links';
import { fromRoot } from '../../infra/paths';
import { openStore, readCaseHistory, type Store } from '../../infra/store';
import { pgErasureRegister } from '../../infra/erasure';
import { Cases } from '../../api/cases';
import { ApiProblem } from '../../api/problems';
import { currentComplaintWorkflowType, complaintWorkflowId } from '../../workflows/definitions';
import type { archiveSweepWorkflow, erasureSweepWorkflow } from '../../workflows';
import { send, startApiStack, type ApiStack } from '../helpers/api-stack';
import {
  complaintRequest,
  eventually,
  start,
  withdrawAndDocument,
  workflowResult,
} from '../helpers/complaints';
import { freshDatabase, type TestDatabase } from '../helpers/postgres';
import { testKeysDir } from '../helpers/stack';

const SUPERVISOR = 'erased-case-supervisor';
const inboundFixture = () =>
  JSON.parse(fs.readFileSync(fromRoot('test', 'fixtures', 'postmark', 'inbound.json'), 'utf8')) as Record<
    string,
    unknown
  >;
const WEBHOOK = { user: 'postmark', password: 'erased-case-webhook' };

describe('an erased case blocks nothing (integration)', function () {
  this.timeout(180_000);
  let db: TestDatabase;
  let store: Store;
  let stack: ApiStack;
  let baseUrl: string;
  let attachments: AttachmentStore;

  before(async function () {
    this.timeout(240_000);
    db = await freshDatabase('embedded');
    store = await openStore({ DATABASE_URL: db.url, DATABASE_POOL_MAX: 4 });
    stack = await startApiStack({ store });
    attachments = storeAttachmentStore(store, caseKeys({ keysDir: testKeysDir() }));
    baseUrl = await stack.serve({
      keys: () => [{ hash: hashKey(SUPERVISOR), role: 'supervisor', subject: 'ewa-nowak', name: 'S' }],
      webhookCredentials: WEBHOOK,
      publicForm: { attachments },
    });
  });
  after(async () => {
    await stack?.close();
    await store?.end();
    await db?.drop();
  });

  const api = (
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    send(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      key: init.headers?.authorization ? undefined : SUPERVISOR,
      headers: { 'content-type': 'application/json', ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  /** A case on the stack's policy (a reopen window of seconds, so a closed case completes). */
  const started = () => start(stack, complaintRequest(), { policy: stack.policy, roster: stack.roster });

  /** Withdrawn, documented (seed 004), and through its (short, in this stack) reopen window. */
  async function closed(id: string): Promise<void> {
    const handle = stack.client.workflow.getHandle(complaintWorkflowId(id));
    await withdrawAndDocument(stack, handle);
    await workflowResult(stack, handle);
  }

  /** A case as the API started them before memos were kept in clear: its memo goes through the codec. */
  async function caseWithEncryptedMemo(): Promise<string> {
    const id = `x${Date.now().toString(16)}old`;
    const request = complaintRequest();
    await stack.client.workflow.start(currentComplaintWorkflowType, {
      workflowId: complaintWorkflowId(id),
      taskQueue: stack.taskQueue,
      args: [
        {
          ...request,
          complaintId: id,
          reference: `CD-OLD-${id.slice(-6)}`,
          policy: stack.policy,
          roster: stack.roster,
        },
      ],
      memo: { reference: `CD-OLD-${id.slice(-6)}`, language: 'en' },
    });
    return id;
  }

  it('keeps the memo of a new case in clear: a client without the codec reads it', async () => {
    const c = await started();
    const plain = new Client({ connection: stack.client.connection, namespace: stack.namespace });
    const d = await plain.workflow.getHandle(complaintWorkflowId(c.id)).describe();
    assert.equal(d.memo?.reference, c.reference);
    await closed(c.id);
  });

  it('after an erasure: links 410, attachments 410, replies taken and dropped, sweeps carry on', async () => {
    const fresh = await started();
    const old = await caseWithEncryptedMemo();
    // An attachment in the case store, sealed with the case's key: unreadable once the key is gone.
    const file = await attachments.put(complaintWorkflowId(fresh.id), {
      name: 'receipt.txt',
      type: 'text/plain',
      data: Buffer.from('paid 120 PLN'),
    });
    assert.equal((await api(`/complaints/${fresh.id}/attachments/${file.id}`)).status, 200);
    await closed(fresh.id);
    await closed(old);
    for (const id of [fresh.id, old]) {
      const erased = await api(`/complaints/${id}/erasure`, {
        method: 'POST',
        body: { reason: 'customer asked' },
      });
      assert.equal(erased.status, 201, erased.text);
    }

    const links = createLinkSigner(linkSecret(stack.dataDir));
    for (const id of [fresh.id, old]) {
      const page = await send(`${baseUrl}/c/${links.sign(id)}`, { method: 'GET' });
      assert.equal(page.status, 410, `status link of ${id}: ${page.status} ${page.text.slice(0, 200)}`);
      const attachmentId = id === fresh.id ? file.id : `a${'0'.repeat(32)}`;
      const attachment = await api(`/complaints/${id}/attachments/${attachmentId}`);
      assert.equal(attachment.status, 410, `attachment of ${id}: ${attachment.text.slice(0, 200)}`);
      const reply = await send(`${baseUrl}/webhooks/postmark/inbound`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Basic ${Buffer.from(`${WEBHOOK.user}:${WEBHOOK.password}`).toString('base64')}`,
        },
        body: JSON.stringify({
          ...inboundFixture(),
          MailboxHash: id,
          MessageID: `00000000-0000-4000-8000-${Date.now().toString(16).padStart(12, '0')}`,
        }),
      });
      assert.equal(reply.status, 200, reply.text);
      assert.equal((reply.json as { result: string }).result, 'ignored', reply.text);
    }

    // The sealed bytes cannot be opened any more, and a read removes them from the store.
    await assert.rejects(attachments.get(complaintWorkflowId(fresh.id), file.id), CaseKeyDestroyedError);
    const left = await store.query('SELECT 1 FROM case_attachments WHERE id = $1', [file.id]);
    assert.equal(left.rowCount, 0);

    // Another closed case: the retention sweep lists the erased ones first and must get past them.
    const later = await started();
    await closed(later.id);
    const sweep = await stack.client.workflow.execute<typeof erasureSweepWorkflow>('erasureSweepWorkflow', {
      workflowId: `erasure-sweep-test-${Date.now()}`,
      taskQueue: stack.taskQueue,
      args: [{ afterCloseMs: 1 }],
    });
    assert.ok(sweep.erased >= 1, JSON.stringify(sweep));
    const view = await api(`/complaints/${later.id}`);
    assert.equal((view.json as { view: string }).view, 'erased', view.text);

    // The archive runs past the erased cases too (the closing cases asked for it themselves).
    const archive = await stack.client.workflow.execute<typeof archiveSweepWorkflow>('archiveSweepWorkflow', {
      workflowId: `archive-sweep-test-${Date.now()}`,
      taskQueue: stack.taskQueue,
    });
    assert.equal(archive.waiting, 0, JSON.stringify(archive));
    for (const id of [fresh.id, old, later.id])
      assert.ok(await readCaseHistory(store, id), `the history of ${id} is archived`);
  });

  it('a case read in the middle of its erasure (key gone, register entry a moment later) answers erased, not 5xx', async () => {
    const c = await started();
    await closed(c.id);
    const register = pgErasureRegister(() => Promise.resolve(store));
    const cases = new Cases(stack.client, complaintWorkflowId, undefined, 'mid-erasure', register);
    // The first step of an erasure: the key goes, so no worker can replay the case any more.
    await caseKeys({ keysDir: testKeysDir() }).destroyCaseKey(complaintWorkflowId(c.id));
    const reading = cases.view(c.id).then(
      () => assert.fail('an erased case has no view'),
      (err: unknown) => err,
    );
    // The last step, a moment later: the register's entry.
    await new Promise((r) => setTimeout(r, 300));
    await register.add({
      complaintId: c.id,
      erasedAt: new Date().toISOString(),
      erasedBy: 'test',
      reason: 'mid-erasure read',
      keyDestroyed: true,
      ledgerEntries: 0,
    });
    const err = await reading;
    assert.ok(err instanceof ApiProblem, String(err));
    assert.equal(err.status, 410, `${err.status} ${err.message}`);
  });

  it('a closing case asks for its archive: one run on the archive-on-close id, no Schedule needed', async () => {
    const c = await started();
    await closed(c.id);
    await eventually(() => readCaseHistory(store, c.id), 'the archive of the closed case', 90_000);
    const runs = [];
    for await (const run of stack.client.workflow.list({
      query: `WorkflowId = 'complaint-desk-archive-on-close'`,
    }))
      runs.push(run);
    assert.ok(runs.length >= 1, 'the archive-on-close run');
  });
});
