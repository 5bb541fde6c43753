// The permanent case archive end to end, on the embedded database and on PostgreSQL: a real worker
// records the case at every stage change and at close; the archive Schedule stores the complete
// history once the workflow has completed; after `temporal workflow delete` the API still answers
// from the archive (saying so), lists the case among archived ones, and an erasure erases it there.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Worker } from '@temporalio/worker';
import { WorkflowNotFoundError } from '@temporalio/client';
import { hashKey } from '../../api/keys';
import { caseListSchema, caseResponseSchema } from '../../api/complaints/schemas';
import { encryptionCodec } from '../../infra/codec';
import { erasureDeps } from '../../infra/erasure';
import {
  createStore,
  migrate,
  readCaseHistory,
  readCaseRecord,
  sealView,
  writeCaseRecord,
  type Store,
} from '../../infra/store';
import { openedCase } from '../helpers/case-summaries';
import { temporalCli } from '../../infra/temporal-binaries';
import { archiveScheduleId, ensureArchiveSchedule } from '../../worker/archive-schedule';
import { complaintWorkflowId } from '../../workflows/definitions';
import { send, startApiStack, type ApiStack } from '../helpers/api-stack';
import { complaintRequest, eventually, start, withdrawAndComplete } from '../helpers/complaints';
import { freshDatabase, storeBackends, type TestDatabase } from '../helpers/postgres';
import { testDataConverter, testKeysDir, workflowBundle } from '../helpers/stack';

const SUPERVISOR = 'archive-supervisor-key';
const OPERATOR = 'archive-operator-key';

for (const backend of storeBackends) {
  describe(`case archive on ${backend === 'embedded' ? 'the embedded database' : 'PostgreSQL'} (integration)`, function () {
    this.timeout(120_000);
    let db: TestDatabase;
    let store: Store;
    let stack: ApiStack;
    let baseUrl: string;

    before(async function () {
      this.timeout(240_000);
      db = await freshDatabase(backend);
      store = createStore(db.url, { max: 4 });
      await migrate(store);
      stack = await startApiStack({ store });
      baseUrl = await stack.serve({
        keys: () => [
          { hash: hashKey(SUPERVISOR), role: 'supervisor', subject: 'ewa-nowak', name: 'S' },
          { hash: hashKey(OPERATOR), role: 'operator', subject: 'operator', name: 'O' },
        ],
        archive: { store, codec: encryptionCodec({ keysDir: testKeysDir() }) },
        erasure: erasureDeps({ keysDir: testKeysDir() }, store),
      });
    });
    after(async function () {
      await stack?.close();
      await store?.end();
      await db?.drop();
    });

    const get = (path: string, key = SUPERVISOR) => send(`${baseUrl}${path}`, { method: 'GET', key });

    it('records the case, archives its history after it completes, and answers from the archive once Temporal forgot it', async function () {
      const c = await start(stack, complaintRequest(), { policy: stack.policy });
      const opened = await eventually(
        async () => (await readCaseRecord(store, c.id))?.stage === 'diagnosis' && readCaseRecord(store, c.id),
        'the record of the opened case',
      );
      assert.ok(opened);
      assert.equal(opened.reference, c.reference);
      assert.ok(opened.personal && !opened.personal.includes(Buffer.from('Maria')), 'the view is sealed');
      // A promise kept without a stage change is recorded too ('record-clocks'): the weekly review
      // counts the acknowledgement from this record, not from the next stage's.
      const acknowledged = await eventually(async () => {
        const r = await readCaseRecord(store, c.id);
        const ack = r?.summary.clocks.find((k) => k.name === 'acknowledgement');
        return ack?.state === 'met' && r;
      }, 'the record of the kept acknowledgement');
      assert.equal(acknowledged.stage, 'diagnosis');

      await withdrawAndComplete(stack, c.handle);
      // The closing record is in before the workflow completes.
      const closed = await readCaseRecord(store, c.id);
      assert.equal(closed!.stage, 'closed');
      assert.equal(closed!.summary.closure, 'withdrawn');
      assert.ok(closed!.version > opened.version, `version ${closed!.version} after ${opened.version}`);

      // The Schedule's sweep archives the now complete history.
      await ensureArchiveSchedule(stack.client, { ...stack.config, ARCHIVE_SWEEP_EVERY: '1h' });
      const schedule = stack.client.schedule.getHandle(archiveScheduleId);
      try {
        await schedule.trigger();
        await eventually(async () => readCaseHistory(store, c.id), 'the archived history', 60_000);
      } finally {
        await schedule.delete();
      }
      const archived = await readCaseHistory(store, c.id);
      const last = archived!.runs[archived!.runs.length - 1].history.events!;
      assert.ok(last[last.length - 1].workflowExecutionCompletedEventAttributes, 'ends with the completion');
      // It replays: the archive is a complete history, for audit and replay.
      await Worker.runReplayHistory(
        { workflowBundle: await workflowBundle(), dataConverter: testDataConverter() },
        archived!.runs[0].history,
        complaintWorkflowId(c.id),
      );

      // Temporal forgets the case.
      const cli = spawnSync(
        temporalCli().path,
        [
          'workflow',
          'delete',
          '--address',
          stack.address,
          '--namespace',
          stack.namespace,
          '-w',
          complaintWorkflowId(c.id),
          '--yes',
        ],
        { encoding: 'utf8' },
      );
      assert.equal(cli.status, 0, cli.stderr);
      await eventually(
        () =>
          stack.client.workflow
            .getHandle(complaintWorkflowId(c.id))
            .describe()
            .then(
              () => false,
              (err: unknown) => err instanceof WorkflowNotFoundError,
            ),
        'the deletion',
        90_000,
      );

      const full = caseResponseSchema.parse((await get(`/complaints/${c.id}`)).json);
      assert.equal(full.view, 'full');
      if (full.view !== 'full') return;
      assert.equal(full.source, 'archive');
      assert.ok(full.recordedAt);
      assert.equal(full.stage, 'closed');
      assert.equal(full.closure, 'withdrawn');
      assert.equal(full.customer.name, 'Maria Kowalska');
      const restricted = caseResponseSchema.parse((await get(`/complaints/${c.id}`, OPERATOR)).json);
      assert.equal(restricted.view, 'restricted');
      assert.ok(!JSON.stringify(restricted).includes('Maria'), 'no personal data for an operator');

      const list = caseListSchema.parse((await get('/complaints?archived=true&owner=any')).json);
      const item = list.items.find((i) => i.id === c.id);
      assert.equal(item?.source, 'archive');
      assert.equal(item?.stage, 'closed');

      // Erased from the archive: it stays erased.
      const erasure = await send(`${baseUrl}/complaints/${c.id}/erasure`, {
        method: 'POST',
        key: SUPERVISOR,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'customer asked' }),
      });
      assert.equal(erasure.status, 201, erasure.text);
      const after = caseResponseSchema.parse((await get(`/complaints/${c.id}`)).json);
      assert.equal(after.view, 'erased');
      const row = await readCaseRecord(store, c.id);
      assert.equal(row!.personal, undefined);
      assert.ok(row!.erasedAt);
    });

    it('takes the intake facts and the documentation’s categories through the API into the record', async function () {
      const post = (path: string, body: unknown) =>
        send(`${baseUrl}${path}`, {
          method: 'POST',
          key: SUPERVISOR,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const facts = {
        product: { sku: 'LAMP-7', name: 'Desk lamp' },
        supplier: 'Nordic Supply',
        carrier: 'FastParcel',
        location: 'Warsaw store',
        incidentAt: '2026-01-05T14:00:00.000Z',
      };
      const badFacts = await post('/complaints', { ...complaintRequest(), facts: { product: {} } });
      assert.equal(badFacts.status, 400, badFacts.text);
      const created = await post('/complaints', { ...complaintRequest(), facts });
      assert.equal(created.status, 201, created.text);
      const id = (created.json as { id: string }).id;
      const shown = caseResponseSchema.parse((await get(`/complaints/${id}`, OPERATOR)).json);
      assert.ok(shown.view === 'restricted');
      assert.deepEqual(shown.facts, facts, 'facts are not personal: every role sees them');
      assert.equal(shown.source, 'workflow');

      const diagnosed = await post(`/complaints/${id}/diagnosis`, {
        summary: 'Crushed in transit.',
        probableCause: 'Depot handling',
        responsibleParty: { kind: 'third-party', name: 'FastParcel' },
        expectedResolutionBy: new Date(Date.now() + 5 * 86_400_000).toISOString(),
      });
      assert.equal(diagnosed.status, 200, diagnosed.text);
      const resolved = await post(`/complaints/${id}/resolution`, {
        outcome: 'upheld',
        explanation: 'The lamp was broken in transit.',
        apology: 'We are sorry.',
        remedy: { kind: 'voucher', percent: 10, validityDays: 90 },
      });
      assert.equal(resolved.status, 200, resolved.text);
      const documentation = {
        rootCause: 'Crushed in the depot',
        rootCauseCategory: 'transport-damage',
        contributingFactors: ['packaging', 'carrier-handling'],
        responsibleParty: 'FastParcel',
        responsiblePartyKind: 'carrier',
        correctiveAction: 'Replacement sent',
        preventiveAction: 'Double boxes',
      };
      const refused = await post(`/complaints/${id}/documentation`, {
        ...documentation,
        rootCauseCategory: 'gremlins',
      });
      assert.equal(refused.status, 422, refused.text);
      assert.match(
        (refused.json as { detail: string }).detail,
        /rootCauseCategory: "gremlins" is not a root-cause category of this case's policy/,
      );
      const badKind = await post(`/complaints/${id}/documentation`, {
        ...documentation,
        responsiblePartyKind: 'robot',
      });
      assert.equal(badKind.status, 400, badKind.text);
      const documented = await post(`/complaints/${id}/documentation`, documentation);
      assert.equal(documented.status, 200, documented.text);

      const row = await eventually(async () => {
        const { rows } = await store.query(
          `SELECT product_sku, product_name, supplier, carrier, location, incident_at,
                  root_cause_category, responsible_party_kind FROM case_records WHERE complaint_id = $1`,
          [id],
        );
        const first = rows[0] as Record<string, unknown> | undefined;
        return first?.root_cause_category ? first : undefined;
      }, 'the documented record');
      assert.deepEqual(
        { ...row, incident_at: (row.incident_at as Date).toISOString() },
        {
          product_sku: 'LAMP-7',
          product_name: 'Desk lamp',
          supplier: 'Nordic Supply',
          carrier: 'FastParcel',
          location: 'Warsaw store',
          incident_at: '2026-01-05T14:00:00.000Z',
          root_cause_category: 'transport-damage',
          responsible_party_kind: 'carrier',
        },
      );
      const summary = (await readCaseRecord(store, id))!.summary;
      assert.deepEqual(summary.documentation?.contributingFactors, ['packaging', 'carrier-handling']);
    });

    it('the retention erasure reaches cases only the archive still knows', async function () {
      // A case closed long ago, forgotten by Temporal: its record is all that is left.
      const c = openedCase(`longgone${backend.slice(0, 3)}`, '2020-01-06T09:00:00.000Z');
      const summary = c.summary(7);
      Object.assign(summary, { stage: 'closed', closure: 'resolved', closedAt: '2020-02-01T09:00:00.000Z' });
      const codec = encryptionCodec({ keysDir: testKeysDir() });
      await writeCaseRecord(
        store,
        summary,
        await sealView(codec, complaintWorkflowId(summary.complaintId), c.view()),
      );
      const before = caseResponseSchema.parse((await get(`/complaints/${summary.complaintId}`)).json);
      assert.equal(before.view === 'full' && before.source, 'archive');

      await stack.client.workflow.execute('erasureSweepWorkflow', {
        taskQueue: stack.taskQueue,
        workflowId: `erasure-sweep-${backend}-${Date.now()}`,
        args: [{ afterCloseMs: 365 * 86_400_000 }],
      });
      const row = await readCaseRecord(store, summary.complaintId);
      assert.equal(row!.personal, undefined);
      assert.ok(row!.erasedAt);
      const after = caseResponseSchema.parse((await get(`/complaints/${summary.complaintId}`)).json);
      assert.equal(after.view, 'erased');
      assert.equal(after.view === 'erased' && after.erasure.erasedBy, 'retention');
    });

    it('answers 404 for a case neither Temporal nor the archive knows', async function () {
      assert.equal((await get('/complaints/never-was-a-case')).status, 404);
    });
  });
}
