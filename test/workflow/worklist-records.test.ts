// The console's worklist is read from the case store, so the workflow records what it shows (patch
// 'record-queue'): a real case on the time-skipping server with a real worker and the embedded store.
// A customer message and a staff action each make a record; a task's due time passing makes one with
// the attention reason, although no event happens then (the attention timer). The case's history
// then replays on the current code: the new records are deterministic.
import assert from 'node:assert/strict';
import { Worker } from '@temporalio/worker';
import * as defs from '../../workflows/definitions';
import { createStore, findByReference, migrate, type Store, type WorklistRow } from '../../infra/store';
import {
  complaintRequest,
  eventually,
  HOUR,
  outboxDrained,
  stageIs,
  start,
  view,
  withdrawAndDocument,
  workerThroughout,
} from '../helpers/complaints';
import { freshDatabase, type TestDatabase } from '../helpers/postgres';
import {
  testDataConverter,
  timeSkippingEnvironment,
  workerStack,
  workflowBundle,
  type TestStack,
} from '../helpers/stack';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

describe('complaint records for the console worklist (patch record-queue)', function () {
  let env: TestWorkflowEnvironment;
  let stack: TestStack;
  let worker: { stop(): Promise<void> };
  let db: TestDatabase;
  let store: Store;

  before(async function () {
    this.timeout(120_000);
    db = await freshDatabase('embedded');
    store = createStore(db.url, { max: 3 });
    await migrate(store);
    env = await timeSkippingEnvironment();
    stack = await workerStack({ env, client: env.client, nativeConnection: env.nativeConnection, store });
    worker = workerThroughout(stack);
  });
  after(async () => {
    await worker?.stop();
    await stack?.close();
    await env?.teardown();
    await store?.end();
    await db?.drop();
  });

  const row = async (reference: string): Promise<WorklistRow | undefined> =>
    (await findByReference(store, reference, { now: Date.now(), dueSoonMs: 0 }))[0];

  it('records the next deadline, tasks, messages, staff actions and attention reasons as they change', async () => {
    // A letter complaint: the formal acknowledgement letter is a task due with the acknowledgement.
    const c = await start(stack, complaintRequest({ channel: 'letter' }));
    await stageIs(c.handle, 'diagnosis');
    await outboxDrained(stack, c.id);
    const v = await view(c.handle);
    // The acknowledgement e-mail went out: the next deadline moved on to the diagnosis.
    assert.equal(v.nextDeadline!.name, 'diagnosis');
    const opened = await eventually(async () => {
      const r = await row(c.reference);
      return r?.nextDeadline?.at === v.nextDeadline!.at ? r : undefined;
    }, 'the record of the next deadline');
    assert.equal(opened.taskDueAt, v.tasks.find((t) => t.purpose === 'formal-acknowledgement')!.dueBy);
    assert.deepEqual(opened.attention, []);
    assert.ok(opened.brief, 'the brief is sealed in');

    await c.handle.signal(defs.customerMessageSignal, { text: 'Did my letter arrive?', via: 'portal' });
    const wrote = await eventually(async () => {
      const r = await row(c.reference);
      return r?.customerMessageAt ? r : undefined;
    }, 'the record of the customer’s message');
    assert.ok(wrote.badges.includes('message'), `badges: ${wrote.badges.join(', ')}`);
    await c.handle.executeUpdate(defs.actionUpdates.notes, { args: [{ text: 'Will answer by phone.' }] });
    const acted = await eventually(async () => {
      const r = await row(c.reference);
      return r?.staffActionAt ? r : undefined;
    }, 'the record of the staff action');
    assert.ok(!acted.badges.includes('message'), 'the message is no longer new');

    // Nothing happens when the letter's due time passes, but the case needs attention then.
    await outboxDrained(stack, c.id);
    await env.sleep(3 * HOUR);
    const late = await eventually(async () => {
      const r = await row(c.reference);
      return r?.attention?.includes('task-overdue') ? r : undefined;
    }, 'the record with the attention reason');
    assert.ok(late.badges.includes('attention'));

    // Withdrawn, the case is documented before it closes (seed 004: every case documented).
    await withdrawAndDocument(stack, c.handle);
    await eventually(async () => (await row(c.reference))?.stage === 'closed', 'the closing record');
    const history = await c.handle.fetchHistory();
    await Worker.runReplayHistory(
      { workflowBundle: await workflowBundle(), dataConverter: testDataConverter() },
      history,
      c.handle.workflowId,
    );
  });
});
