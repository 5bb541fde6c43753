// The real stack on a real Temporal dev server (a namespace of the tests' shared one): a complaint
// running to its end on the fast demo policy, the search attributes operators use, and a worker
// process killed mid-case and replaced without a second acknowledgement.
import assert from 'node:assert/strict';
import { freshDatabase, type TestDatabase } from '../helpers/postgres';
import { spawnWorkerProcess, workerProcessEnv } from '../helpers/worker-process';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { CaseRecord } from '../../domain/case';
import * as defs from '../../workflows/definitions';
import {
  complaintRequest,
  eventually,
  mails,
  policyWith,
  shippedPolicy,
  stageIs,
  start,
  tellOutcomeByPhone,
  view,
  withdrawAndComplete,
} from '../helpers/complaints';
import { testNamespace, type TestNamespace } from '../helpers/dev-server';
import { EXTENDED } from '../helpers/tier';
import { testDataConverter, workerStack, workflowBundle, type TestStack } from '../helpers/stack';

describe('the real stack on a Temporal dev server', function () {
  let dev: TestNamespace;
  let connection: Connection;
  let client: Client;
  let native: NativeConnection;
  let stack: TestStack;
  let database: TestDatabase | undefined;

  before(async function () {
    dev = await testNamespace();
    connection = await Connection.connect({ address: dev.address });
    // Worker processes keep case keys in the case store: the test's client reads them there too.
    database = await freshDatabase('embedded');
    client = new Client({
      connection,
      namespace: dev.namespace,
      dataConverter: testDataConverter(database.url),
    });
    native = await NativeConnection.connect({ address: dev.address });
    stack = await workerStack({
      client,
      nativeConnection: native,
      namespace: dev.namespace,
      databaseUrl: database.url,
    });
  });
  after(async () => {
    await database?.drop();
    await stack?.close();
    await native?.close();
    await connection?.close();
    await dev?.stop();
  });

  it('runs a complaint to its end on the demo policy, visible to operators by its search attributes', async function () {
    this.timeout(180_000);
    // A closed case waits out its reopen window before it completes: seconds here.
    const policy = policyWith((p) => (p.reopen.windowMs = 2_000), shippedPolicy('demo'));
    await stack.run(async () => {
      const c = await start(stack, complaintRequest(), { policy });
      await stageIs(c.handle, 'diagnosis');
      const found = await eventually(async () => {
        const list = [];
        for await (const wf of client.workflow.list({
          query: `ComplaintStage = 'diagnosis' AND WorkflowId = '${c.handle.workflowId}'`,
        }))
          list.push(wf);
        return list.length === 1 ? list : undefined;
      }, 'the case in visibility by ComplaintStage');
      assert.equal(found[0].workflowId, c.handle.workflowId);
      const description = await c.handle.describe();
      assert.match((await description.staticSummary()) ?? '', new RegExp(c.reference));

      await c.handle.executeUpdate(defs.diagnosisUpdate, {
        args: [
          {
            summary: 'Checking the parcel.',
            probableCause: 'Transport',
            responsibleParty: { kind: 'third-party', name: 'FastCourier' },
            expectedResolutionBy: new Date(Date.now() + 60_000).toISOString(),
          },
        ],
      });
      await c.handle.executeUpdate(defs.resolutionUpdate, {
        args: [
          {
            outcome: 'upheld',
            explanation: 'Broken in transit.',
            apology: 'Sorry!',
            remedy: { kind: 'voucher', percent: 10, validityDays: 90 },
          },
        ],
      });
      await tellOutcomeByPhone(c.handle);
      await c.handle.executeUpdate(defs.documentationUpdate, {
        args: [
          {
            rootCause: 'Depot',
            contributingFactors: [],
            responsibleParty: 'FastCourier',
            correctiveAction: 'Voucher',
            preventiveAction: 'Packaging',
          },
        ],
      });
      await c.handle.signal(defs.surveyAnswerSignal, { score: 4, stillNeedHelp: false });
      const record = (await c.handle.result()) as CaseRecord;
      assert.equal(record.closure, 'resolved');
      assert.equal(record.policyVersion, policy.version);
      assert.equal((await mails(stack, { caseId: c.id, kind: 'resolutionLetter' })).length, 1);

      // Operators read the history in the Web UI: every activity and timer says what it is.
      const history = await c.handle.fetchHistory();
      // Summaries are encrypted like every payload: the UI decodes them through the codec endpoint.
      const codec = client.options.loadedDataConverter.payloadCodecs[0];
      const summaryOf = async (e: NonNullable<typeof history.events>[number]) => {
        const payload = e?.userMetadata?.summary;
        if (!payload?.data) return undefined;
        const [decoded] = await codec.decode([payload]);
        return JSON.parse(Buffer.from(decoded.data!).toString('utf8')) as string;
      };
      const events = history.events ?? [];
      const activities = await Promise.all(
        events.filter((e) => e.activityTaskScheduledEventAttributes).map(summaryOf),
      );
      const timers = await Promise.all(events.filter((e) => e.timerStartedEventAttributes).map(summaryOf));
      assert.ok(
        activities.includes('send acknowledgement to the customer'),
        `activity summaries: ${activities.join(', ')}`,
      );
      assert.ok(
        activities.every((a) => !!a),
        'every activity has a summary',
      );
      assert.ok(timers.includes('acknowledgement deadline'), `timer summaries: ${timers.join(', ')}`);
      assert.ok(
        timers.every((t) => !!t),
        'every timer has a summary',
      );
    });
  });

  // Its constant case queries while the killed worker's sticky task times out meet SDK core's stale
  // clock (stale-clock.test.ts): the workflow must replay anyway, and the test's final replay checks it.
  // The extended tier: half a minute of real retries and timeouts; several-processes.test kills a
  // worker mid-batch in the standard tier.
  it(`completes a case whose worker process was killed mid-case, without a second acknowledgement ${EXTENDED}`, async function () {
    this.timeout(180_000);
    const policy = policyWith((p) => (p.reopen.windowMs = 2_000), shippedPolicy('demo'));
    const workerEnv = workerProcessEnv(stack, dev.address, database!.url);
    const spawnWorker = () => spawnWorkerProcess(workerEnv);
    // Postmark is down: the acknowledgement activity keeps failing and retrying on the first worker.
    await fetch(`${stack.sandbox.url}/sandbox/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"mode":503}',
    });
    const first = spawnWorker();
    const c = await start(stack, complaintRequest(), { policy });
    await eventually(
      async () => {
        const d = await c.handle.describe();
        const pending = (d.raw.pendingActivities ?? []).find(
          (a) => a.activityType?.name === 'sendCustomerMessage',
        );
        return pending && (pending.attempt ?? 0) >= 2 ? pending : undefined;
      },
      'a retried acknowledgement',
      60_000,
    );
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    // Postmark is back; a new worker process takes over the case from its history.
    await fetch(`${stack.sandbox.url}/sandbox/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"mode":null}',
    });
    const second = spawnWorker();
    try {
      await eventually(
        async () => (await mails(stack, { caseId: c.id, kind: 'acknowledgement' })).length === 1,
        'the acknowledgement',
        90_000,
      );
      const v = await stageIs(c.handle, 'diagnosis');
      assert.equal(
        v.clocks.acknowledgement.state === 'met' || v.clocks.acknowledgement.state === 'missed',
        true,
      );
      const record = await withdrawAndComplete(stack, c.handle);
      assert.equal(record.closure, 'withdrawn');
      assert.equal(
        (await mails(stack, { caseId: c.id, kind: 'acknowledgement' })).length,
        1,
        'acknowledged exactly once',
      );
      assert.equal((await view(c.handle)).stage, 'closed');
      // The whole history, both workers' tasks included, replays (a stale clock would fail here).
      await Worker.runReplayHistory(
        { workflowBundle: await workflowBundle(), dataConverter: testDataConverter(database!.url) },
        await c.handle.fetchHistory(),
        c.handle.workflowId,
      );
    } finally {
      second.kill('SIGTERM');
      await new Promise((r) => second.once('exit', r));
    }
    assert.ok(path.isAbsolute(stack.dataDir));
  });
});
