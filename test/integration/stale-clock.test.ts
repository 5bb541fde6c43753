// Reproduces the engine test's sporadic non-determinism every run, without load. A worker process
// dies while a case sleeps until a deadline; the timer fires and the task on the dead worker's sticky
// queue times out. Meanwhile a query has made the next worker replay the case into its cache. That
// worker's live task then runs with the previous task's time (Date.now() 5–15 s stale), while a replay
// of the same history reads the task's own time: complaintWorkflowV2 decides deadlines and search
// attribute upserts from Date.now(), so replay issued other commands ("Nondeterminism error:
// UpsertWorkflowSearchAttributesMachine does not handle HistoryEvent(TimerStarted)"). The clock
// guard (workflows/clock-guard.ts) fails that task; its retry replays with the task's own time.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { NativeConnection, Worker } from '@temporalio/worker';
import { complaintRequest, eventually, shippedPolicy, start, view } from '../helpers/complaints';
import { freshDatabase, type TestDatabase } from '../helpers/postgres';
import { spawnWorkerProcess, workerProcessEnv } from '../helpers/worker-process';
import { testNamespace, type TestNamespace } from '../helpers/dev-server';
import { EXTENDED } from '../helpers/tier';
import { testDataConverter, workerStack, workflowBundle, type TestStack } from '../helpers/stack';

type Event = temporal.api.history.v1.IHistoryEvent;
const T = temporal.api.enums.v1.EventType;
const EventType = {
  timerStarted: T.EVENT_TYPE_TIMER_STARTED,
  timerFired: T.EVENT_TYPE_TIMER_FIRED,
  taskTimedOut: T.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT,
  taskCompleted: T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
};

// Half a minute and more of worker kills and sticky-task timeouts: the extended tier (in the standard
// one, several-processes.test.ts kills a worker mid-batch).
describe(`a deadline that fires while no worker runs (dev server) ${EXTENDED}`, function () {
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
    await stack?.close();
    await database?.drop();
    await native?.close();
    await connection?.close();
    await dev?.stop();
  });

  it('replays the case the next worker took over with a stale clock', async function () {
    this.timeout(240_000);
    const workerEnv = workerProcessEnv(stack, dev.address, database!.url);
    let workerLog = ''; // the workers' JSON log lines
    const spawnWorker = () => spawnWorkerProcess(workerEnv, (text) => (workerLog += text));
    const stop = async (w: ChildProcess) => {
      if (w.exitCode !== null || w.signalCode !== null) return;
      w.kill('SIGKILL');
      await new Promise((r) => w.once('exit', r));
    };
    // Postmark stays down throughout: no activity completes, only timers move the case.
    await fetch(`${stack.sandbox.url}/sandbox/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"mode":503}',
    });
    const c = await start(stack, complaintRequest(), { policy: shippedPolicy('demo') });
    const events = async (): Promise<Event[]> => (await c.handle.fetchHistory()).events ?? [];
    const is = (e: Event, type: temporal.api.enums.v1.EventType) => e.eventType === type;
    const count = (list: Event[], type: temporal.api.enums.v1.EventType) =>
      list.filter((e) => is(e, type)).length;
    const workers: ChildProcess[] = [];
    try {
      workers.push(spawnWorker());
      // The acknowledgement deadline (10 s) has fired and the case sleeps on its next deadline's timer.
      await eventually(
        async () => count(await events(), EventType.timerStarted) >= 2,
        'a second deadline timer',
        90_000,
      );
      await stop(workers[0]);
      // A new worker answers a query (so it holds the case in its cache) while the task on the dead
      // worker's sticky queue waits for its timeout: that cached case is the one given a stale time.
      const killedAt = (await events()).length;
      workers.push(spawnWorker());
      await eventually(() => view(c.handle).catch(() => undefined), 'a query on the new worker', 60_000);
      const fired = await eventually(
        async () => {
          const list = await events();
          return list.slice(killedAt).some((e) => is(e, EventType.taskTimedOut)) ? list.length : undefined;
        },
        'the timed-out sticky task',
        90_000,
      );
      await eventually(
        async () => (await events()).slice(fired).some((e) => is(e, EventType.taskCompleted)),
        'the next worker completing the task',
        90_000,
      );
      const history = await c.handle.fetchHistory();
      await Worker.runReplayHistory(
        { workflowBundle: await workflowBundle(), dataConverter: testDataConverter(database!.url) },
        history,
        c.handle.workflowId,
      );
      assert.ok(count(history.events ?? [], EventType.timerFired) >= 2);
      // Whether this run met the hazard depends on timing (the query caching the case before the
      // sticky task's timeout); when it did, the guard (workflows/clock-guard.ts) failed the stale
      // task and the worker ran it again with its own time. Either way the history must replay.
      if (/stale workflow clock/.test(workerLog))
        console.log('      (the clock guard refused a task with a stale clock in this run)');
    } finally {
      for (const w of workers) await stop(w);
      await c.handle.terminate('test over').catch(() => undefined);
    }
  });
});
