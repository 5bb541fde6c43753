// Two worker processes and two API processes (node dist/worker/index.js, node dist/api/server.js) on
// one Temporal dev server, sharing a data folder as on one host: a batch of complaints goes in through
// both APIs while one worker is SIGKILLed midway. No case is lost, every customer gets exactly one
// acknowledgement, and both APIs choose owners by the same rules from their own counts.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { hashKey, keysFile } from '../../api/keys';
import { intakeResponseSchema } from '../../api/complaints/schemas';
import { fromRoot } from '../../infra/paths';
import { freePort } from '../../infra/ports';
import { caseViewQuery, complaintWorkflowId } from '../../workflows/definitions';
import { complaintRequest, eventually, mails } from '../helpers/complaints';
import { freshDatabase, type TestDatabase } from '../helpers/postgres';
import { testNamespace, type TestNamespace } from '../helpers/dev-server';
import { testDataConverter, workerStack, type TestStack } from '../helpers/stack';

const CASES = 24;
const KEY = `test_supervisor_several_${Math.random().toString(36).slice(2)}`;

describe('two workers and two APIs on one dev server (processes)', function () {
  this.timeout(300_000);
  let dev: TestNamespace;
  let connection: Connection;
  let database: TestDatabase | undefined;
  let native: NativeConnection;
  let stack: TestStack;
  const children: ChildProcess[] = [];

  before(async function () {
    this.timeout(180_000);
    dev = await testNamespace();
    connection = await Connection.connect({ address: dev.address });
    native = await NativeConnection.connect({ address: dev.address });
    // Every process keeps case records and case keys in one store (the embedded one, as `npm run up` serves it).
    database = await freshDatabase('embedded');
    // The sandbox, data folder and task queue; its in-process worker is never run here.
    stack = await workerStack({
      client: new Client({
        connection,
        namespace: dev.namespace,
        dataConverter: testDataConverter(database.url),
      }),
      nativeConnection: native,
      namespace: dev.namespace,
      databaseUrl: database.url,
    });
  });
  after(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await stack?.close();
    await native?.close();
    await connection?.close();
    await dev?.stop();
    await database?.drop();
  });

  const env = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
    ...process.env,
    TEMPORAL_ADDRESS: dev.address,
    TEMPORAL_NAMESPACE: dev.namespace,
    TEMPORAL_TASK_QUEUE: stack.taskQueue,
    DATA_DIR: stack.dataDir,
    COMPLAINT_KEYS_DIR: stack.config.keysDir, // the test client's case keys
    POSTMARK_SANDBOX_PORT: String(stack.sandbox.port),
    PUBLIC_BASE_URL: 'http://localhost:3999',
    DATABASE_URL: database!.url,
    ...extra,
  });

  /** Starts `node <script>` and resolves once its output contains `ready`. */
  async function processUntil(script: string, extra: Record<string, string>, ready: string) {
    const child = spawn(process.execPath, [fromRoot('dist', ...script.split('/'))], {
      env: env(extra),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    await eventually(
      () => {
        if (child.exitCode !== null) throw new Error(`${script} exited: ${output}`);
        return Promise.resolve(output.includes(ready));
      },
      `${script} to be ready`,
      120_000,
    );
    return child;
  }

  it('loses no case and acknowledges each exactly once when one worker is SIGKILLed midway; intake goes through both APIs; a case read right after its worker died answers at once', async () => {
    const keyFile = `${stack.dataDir}/several-api-keys.json`;
    fs.writeFileSync(
      keyFile,
      JSON.stringify({ keys: [{ hash: hashKey(KEY), role: 'supervisor', subject: 'sup', name: 'Sup' }] }),
    );
    assert.notEqual(keyFile, keysFile(stack.dataDir));
    const [portA, portB] = [await freePort(), await freePort()];
    const apiEnv = (port: number) => ({
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      API_KEYS_FILE: keyFile,
      API_METRICS_PORT: '0',
    });
    const [workerA, workerB] = await Promise.all([
      processUntil('worker/index.js', { METRICS_PORT: '0' }, 'polling task queue'),
      processUntil('worker/index.js', { METRICS_PORT: '0' }, 'polling task queue'),
      processUntil('api/server.js', apiEnv(portA), 'listening on http'),
      processUntil('api/server.js', apiEnv(portB), 'listening on http'),
    ]);
    const apis = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];

    const started: { id: string; owner: string; api: number; email: string }[] = [];
    const intake = async (i: number) => {
      const api = i % 2;
      const request = complaintRequest({ channel: 'web' });
      const res = await fetch(`${apis[api]}/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        body: JSON.stringify(request),
      });
      const text = await res.text();
      assert.equal(res.status, 201, text);
      const body = intakeResponseSchema.parse(JSON.parse(text));
      assert.ok(body.owner, 'the owner is chosen at intake');
      started.push({ id: body.id, owner: body.owner.id, api, email: request.customer.email! });
    };
    // Four at a time; the first worker dies once half the batch is in.
    for (let i = 0; i < CASES; i += 4) {
      if (i === CASES / 2) {
        workerA.kill('SIGKILL');
        await new Promise((r) => workerA.once('exit', r));
      }
      await Promise.all([i, i + 1, i + 2, i + 3].map(intake));
    }

    assert.equal(started.length, CASES);
    assert.equal(new Set(started.map((s) => s.id)).size, CASES, 'one case per intake');
    assert.equal(started.filter((s) => s.api === 0).length, CASES / 2, 'half through each API');

    // Every case is acknowledged, by the surviving worker where the first one died with it.
    await eventually(
      async () => (await mails(stack, { kind: 'acknowledgement' })).length >= CASES,
      'an acknowledgement for every case',
      180_000,
    );
    for (const s of started) {
      const acks = await mails(stack, { caseId: s.id, kind: 'acknowledgement' });
      assert.equal(acks.length, 1, `case ${s.id}: ${acks.length} acknowledgements`);
      assert.equal(acks[0].To, s.email);
      const view = await stack.client.workflow.getHandle(complaintWorkflowId(s.id)).query(caseViewQuery);
      assert.equal(view.stage, 'diagnosis');
      assert.equal(view.owner.id, s.owner, 'the case keeps the owner the API chose');
    }
    assert.equal((await mails(stack, { kind: 'acknowledgement' })).length, CASES, 'no acknowledgement twice');
    const { count } = await stack.client.workflow.count(
      `TaskQueue = '${stack.taskQueue}' AND ExecutionStatus = 'Running'`,
    );
    assert.equal(count, CASES, 'every case is running');

    // Both APIs balance by open cases: the four English-speaking delivery owners share the batch.
    const perOwner = new Map<string, number>();
    for (const s of started) perOwner.set(s.owner, (perOwner.get(s.owner) ?? 0) + 1);
    assert.deepEqual(
      [...perOwner.keys()].sort(),
      ['anna-kowalska', 'kadri-tamm', 'noa-levi', 'sara-lindqvist'],
      'only owners who speak English and handle delivery',
    );
    const loads = [...perOwner.values()];
    assert.ok(
      Math.max(...loads) - Math.min(...loads) <= CASES / 4,
      `uneven: ${JSON.stringify([...perOwner])}`,
    );

    // The second worker dies too, with a fresh one polling. Every case was last run on the second
    // worker, so Temporal first offers a read to that worker's own (sticky) queue; it gives the read
    // to the fresh worker after WORKER_STICKY_TIMEOUT_MS (3 s). With the SDK's 10 s, the API's read
    // budget (10 s) ran out first: the first read answered 504.
    await processUntil('worker/index.js', { METRICS_PORT: '0' }, 'polling task queue');
    const last = started[started.length - 1];
    const read = (id: string) =>
      fetch(`${apis[0]}/complaints/${id}`, { headers: { authorization: `Bearer ${KEY}` } });
    // A read just before the kill: the worker answers it and polls its queue again, so Temporal has
    // seen it a moment ago (a worker idle for 10 s is given up at once, and no wait shows).
    assert.equal((await read(last.id)).status, 200);
    workerB.kill('SIGKILL');
    await new Promise((r) => workerB.once('exit', r));
    const asked = Date.now();
    const after = await read(last.id);
    const readText = await after.text();
    assert.equal(after.status, 200, `the first read after the worker died: ${readText.slice(0, 300)}`);
    assert.equal((JSON.parse(readText) as { stage: string }).stage, 'diagnosis');
    console.log(`      a case read ${Date.now() - asked} ms after its worker was SIGKILLed`);
  });
});
