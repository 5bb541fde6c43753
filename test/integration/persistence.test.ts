// The up command's dev server persists to a database file: cases survive a restart of the engine,
// and the search attributes and the retention it registers are there again after the restart.
import assert from 'node:assert/strict';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { activitiesFor } from '../../worker';
import { startDevServer } from '../../infra/dev-server';
import { freePort } from '../../infra/ports';
import { complaintRequest, eventually, stageIs, start, view } from '../helpers/complaints';
import { tempDir, testDataConverter, workflowBundle, workerStack } from '../helpers/stack';

describe('the dev server as the up command runs it', function () {
  it('keeps a running case across a restart of the engine (SQLite file)', async function () {
    this.timeout(180_000);
    const dbFile = path.join(tempDir('db'), 'complaints.db');
    const port = await freePort();
    const options = { host: '127.0.0.1', port, namespace: 'default', retentionSeconds: 30 * 86400, dbFile };

    let dev = await startDevServer(options);
    let connection = await Connection.connect({ address: dev.address });
    let native = await NativeConnection.connect({ address: dev.address });
    const stack = await workerStack({
      client: new Client({ connection, dataConverter: testDataConverter() }),
      nativeConnection: native,
    });
    let workflowId: string;
    let ownerBefore: string;
    try {
      workflowId = await stack.run(async () => {
        const c = await start(stack, complaintRequest());
        ownerBefore = (await stageIs(c.handle, 'diagnosis')).owner.id;
        return c.handle.workflowId;
      });
    } finally {
      await native.close();
      await connection.close();
      await dev.stop();
    }

    dev = await startDevServer(options);
    connection = await Connection.connect({ address: dev.address });
    native = await NativeConnection.connect({ address: dev.address });
    try {
      const client = new Client({ connection, dataConverter: testDataConverter() });
      const handle = client.workflow.getHandle(workflowId);
      assert.equal((await handle.describe()).status.name, 'RUNNING');
      // A new worker on the same task queue picks the case up from its persisted history.
      const worker = await Worker.create({
        connection: native,
        taskQueue: stack.taskQueue,
        workflowBundle: await workflowBundle(),
        dataConverter: testDataConverter(),
        activities: activitiesFor(stack.config, client),
      });
      // A workflow task the engine had handed out when it stopped is given again only once it times
      // out: until then a query can answer from the history before it (the case still "starting").
      const v = await worker.runUntil(() =>
        eventually(() => view(handle), 'the case answers after the restart', 60_000),
      );
      assert.equal(v.stage, 'diagnosis');
      assert.equal(v.owner.id, ownerBefore!);
      // What the up command registers is there again: the search attributes operators filter on and
      // the 30-day retention.
      const attrs = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      for (const name of [
        'ComplaintStage',
        'ComplaintOwner',
        'ComplaintOverdue',
        'ComplaintNextDeadline',
        'ComplaintEscalationLevel',
      ])
        assert.ok(attrs.customAttributes?.[name] !== undefined, `${name} registered`);
      const ns = await connection.workflowService.describeNamespace({ namespace: 'default' });
      assert.ok(Number(ns.config?.workflowExecutionRetentionTtl?.seconds) >= 30 * 86400);
      await handle.terminate('test done');
    } finally {
      await stack.close().catch(() => undefined);
      await native.close();
      await connection.close();
      await dev.stop();
    }
  });
});
