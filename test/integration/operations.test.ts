// What operators see, on the real processes: a namespace on the tests' shared dev server, and the Postmark
// sandbox, the worker and the API started as `up` starts them (node dist/…), on the demo policy,
// with their output captured. Postmark goes down during a case: within the policy's threshold the
// case carries the attention reason, the listing and /ops/summary show it, and it clears after
// recovery. Both metrics endpoints answer in Prometheus text and count the case; the captured logs
// are JSON lines with complaint ids and carry neither the customer's address nor their name.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { hashKey } from '../../api/keys';
import { caseListSchema, intakeResponseSchema } from '../../api/complaints/schemas';
import { opsSummarySchema } from '../../api/ops/schemas';
import { complaintDataConverter } from '../../infra/codec';
import { fromRoot } from '../../infra/paths';
import { freePort } from '../../infra/ports';
import { complaintWorkflowId } from '../../workflows/definitions';
import { send, type Reply } from '../helpers/api-stack';
import { eventually, shippedRoster } from '../helpers/complaints';
import { testNamespace, type TestNamespace } from '../helpers/dev-server';
import { freshDatabase, type TestDatabase } from '../helpers/postgres';
import { tempDir } from '../helpers/stack';

interface Proc {
  name: string;
  child: ChildProcess;
  output: string[];
}

describe('operations on the real processes: attention, /ops/summary, metrics, logs (integration)', function () {
  this.timeout(180_000);
  const roster = shippedRoster();
  const supervisorKey = 'ops-test-supervisor-key';
  const operatorKey = 'ops-test-operator-key';
  const customer = { name: 'Zuzanna Przybylska', email: `zuzanna.${process.pid}@example.com` };
  let dataDir: string;
  let dev: TestNamespace;
  const procs: Proc[] = [];
  let apiUrl: string;
  let sandboxUrl: string;
  let workerMetricsUrl: string;
  let apiMetricsUrl: string;
  let env: NodeJS.ProcessEnv;
  let database: TestDatabase | undefined;

  function start(name: string, script: string, extra: NodeJS.ProcessEnv = {}): Proc {
    const child = spawn(process.execPath, [fromRoot('dist', script)], {
      env: { ...env, ...extra },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc: Proc = { name, child, output: [] };
    let pending = '';
    const collect = (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      proc.output.push(...lines.filter((l) => l.trim()));
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    procs.push(proc);
    return proc;
  }

  async function up(url: string, what: string): Promise<void> {
    await eventually(
      async () =>
        (await fetch(url)
          .then((r) => r.status === 200)
          .catch(() => false)) || undefined,
      `${what} answers (${procs.map((p) => `${p.name}: ${p.output.slice(-3).join(' | ')}`).join('; ')})`,
      60_000,
    );
  }

  before(async function () {
    this.timeout(240_000);
    dataDir = tempDir('ops');
    dev = await testNamespace();
    const [sandboxPort, apiPort, metricsPort, apiMetricsPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    apiMetricsUrl = `http://127.0.0.1:${apiMetricsPort}/metrics`;
    sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    apiUrl = `http://127.0.0.1:${apiPort}`;
    workerMetricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    const keysFile = path.join(dataDir, 'api-keys.json');
    fs.writeFileSync(
      keysFile,
      JSON.stringify({
        keys: [
          { hash: hashKey(supervisorKey), role: 'supervisor', subject: roster.supervisors[0].id, name: 'S' },
          { hash: hashKey(operatorKey), role: 'operator', subject: 'operator', name: 'O' },
        ],
      }),
    );
    // Worker and API keep case records: the embedded store, as `npm run up` serves it.
    database = await freshDatabase('embedded');
    env = {
      PATH: process.env.PATH,
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: dev.address,
      TEMPORAL_NAMESPACE: dev.namespace,
      TEMPORAL_TASK_QUEUE: `ops-${process.pid}`,
      DATA_DIR: dataDir,
      POSTMARK_SANDBOX_PORT: String(sandboxPort),
      API_PORT: String(apiPort),
      API_KEYS_FILE: keysFile,
      METRICS_PORT: String(metricsPort),
      API_METRICS_PORT: String(apiMetricsPort),
      COMPLAINT_POLICY: fromRoot('policy', 'demo.json'),
      LOG_LEVEL: 'info',
    };
    start('postmark-sandbox', 'sandbox/server.js');
    await up(`${sandboxUrl}/`, 'the sandbox');
    start('worker', 'worker/index.js');
    start('api', 'api/server.js');
    await up(`${apiUrl}/healthz`, 'the API');
    await up(workerMetricsUrl, 'the worker’s metrics');
  });

  after(async () => {
    for (const p of procs.reverse()) {
      if (p.child.exitCode !== null) continue;
      const exited = new Promise((r) => p.child.once('exit', r));
      p.child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (p.child.exitCode === null) p.child.kill('SIGKILL');
    }
    await dev?.stop();
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const call = (method: string, url: string, key: string, body?: unknown): Promise<Reply> =>
    send(`${apiUrl}${url}`, {
      method,
      key,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const outage = async (mode: number | null) =>
    assert.equal(
      (
        await fetch(`${sandboxUrl}/sandbox/outage`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ mode }),
        })
      ).status,
      200,
    );
  const listed = async (query: string) =>
    caseListSchema.parse((await call('GET', `/complaints?owner=any&${query}`, supervisorKey)).json).items;
  const summary = async () => {
    const reply = await call('GET', '/ops/summary', operatorKey);
    assert.equal(reply.status, 200, reply.text);
    return opsSummarySchema.parse(reply.json);
  };

  let caseId: string;

  it('Postmark down: the case needs attention (email-undelivered) within the threshold, listed and counted; it clears after recovery', async () => {
    await outage(503);
    try {
      const reply = await call('POST', '/complaints', supervisorKey, {
        customer: { ...customer, language: 'pl' },
        channel: 'email',
        subject: 'Paczka dotarła uszkodzona',
        description: 'Kurier zostawił zgniecioną paczkę, lampa jest rozbita.',
      });
      assert.equal(reply.status, 201, reply.text);
      caseId = intakeResponseSchema.parse(reply.json).id;
      const started = Date.now();
      // The demo policy: an e-mail not out after 12 s needs attention (longer than the 10 s
      // acknowledgement deadline, so the case's timer shows that deadline first).
      const item = await eventually(
        async () => (await listed('attention=email-undelivered')).find((i) => i.id === caseId),
        'the case listed as needing attention',
        40_000,
      );
      assert.ok(Date.now() - started >= 11_000, 'not before the threshold');
      assert.ok(item.attention?.includes('email-undelivered'));
      assert.ok((await listed('attention=true')).some((i) => i.id === caseId));
      const during = await summary();
      assert.ok(during.attention['email-undelivered'] >= 1, JSON.stringify(during));
      assert.ok(during.needingAttention >= 1 && during.open >= 1);
      assert.equal(
        typeof during.workflowTaskProblems,
        'number',
        'the dev server knows TemporalReportedProblems',
      );

      // The Web UI's current details say what the case waits for, who must act, and what is stuck.
      const client = new Client({
        connection: await Connection.connect({ address: dev.address }),
        namespace: dev.namespace,
        dataConverter: complaintDataConverter({
          keysDir: path.join(dataDir, 'keys'),
          databaseUrl: database!.url,
        }),
      });
      try {
        const meta = await client.workflow
          .getHandle(complaintWorkflowId(caseId))
          .query<{ currentDetails?: string }>('__temporal_workflow_metadata');
        assert.match(
          meta.currentDetails ?? '',
          /waiting for .+ \(.+\) by \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/,
        );
        assert.match(meta.currentDetails ?? '', /needs attention: .*email-undelivered/);
        assert.match(meta.currentDetails ?? '', /acknowledgement to the customer/);
        assert.ok(!(meta.currentDetails ?? '').includes(customer.name));
      } finally {
        await client.connection.close();
      }
    } finally {
      await outage(null);
    }
    await eventually(
      async () => !(await listed('attention=email-undelivered')).some((i) => i.id === caseId) || undefined,
      'the attention reason cleared after recovery',
      60_000,
    );
    const item = (
      await listed(`reference=${(await listed('')).find((i) => i.id === caseId)?.reference ?? ''}`)
    )[0];
    assert.ok(!(item?.attention ?? []).includes('email-undelivered'));
    const after = await summary();
    assert.equal(after.attention['email-undelivered'], 0, JSON.stringify(after));
  });

  it('metrics: the worker and the API answer in Prometheus text with the named series, counting the case', async () => {
    assert.ok(caseId, 'runs after the case above');
    // A refusal to count: an unknown stage is a 400.
    assert.equal((await call('GET', '/complaints?stage=nope', supervisorKey)).status, 400);
    // On the API's own port there are none, in any spelling (the compose proxy forwards that port).
    for (const path of ['/metrics', '/metrics/', '/Metrics'])
      assert.equal((await fetch(`${apiUrl}${path}`)).status, 404, path);
    const api = await fetch(apiMetricsUrl);
    assert.equal(api.status, 200);
    assert.match(api.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const apiText = await api.text();
    assert.match(apiText, /^# TYPE complaint_api_request_duration_seconds histogram$/m);
    assert.match(
      apiText,
      /complaint_api_request_duration_seconds_count\{method="POST",route="\/complaints",status="201"\} [1-9]/,
    );
    assert.match(apiText, /complaint_api_intakes_total\{outcome="created"\} [1-9]/);
    assert.match(apiText, /complaint_api_refusals_total\{route="\/complaints",status="400"\} [1-9]/);
    assert.match(apiText, /^process_resident_memory_bytes \d+/m);

    const worker = await eventually(
      async () => {
        const text = await (await fetch(workerMetricsUrl)).text();
        return /complaint_emails\w*\{[^}]*purpose="acknowledgement"/.test(text) ? text : undefined;
      },
      'the acknowledgement counted on the worker',
      30_000,
    );
    assert.match(worker, /^# TYPE temporal_\w+ /m, 'the SDK’s runtime metrics');
    assert.match(worker, /temporal_workflow_task_execution_latency/);
    assert.match(
      worker,
      /complaint_emails\w*\{[^}]*outcome="sent"[^}]*purpose="acknowledgement"[^}]*\} [1-9]|complaint_emails\w*\{[^}]*purpose="acknowledgement"[^}]*outcome="sent"[^}]*\} [1-9]/,
    );
    assert.match(worker, /complaint_promises\w*\{[^}]*promise="acknowledgement"/);
  });

  it('npm run patches: the running cases per patch, and those of the retired workflow type', async () => {
    assert.ok(caseId, 'runs after the case above');
    // A case of the retired type, as one left from before its retirement: no worker here runs it.
    const connection = await Connection.connect({ address: dev.address });
    const plain = new Client({ connection, namespace: dev.namespace });
    const retired = await plain.workflow.start('complaintWorkflow', {
      workflowId: `retired-${process.pid}`,
      taskQueue: `retired-${process.pid}`, // no worker polls it: the case just waits, as it would
      args: [],
    });
    try {
      const report = await eventually(async () => {
        const out = await new Promise<{ code: number | null; text: string }>((resolve) => {
          const child = spawn(process.execPath, [fromRoot('dist', 'scripts', 'patches.js')], { env });
          let text = '';
          child.stdout.on('data', (c: Buffer) => (text += c.toString()));
          child.stderr.on('data', (c: Buffer) => (text += c.toString()));
          child.on('exit', (code) => resolve({ code, text }));
        });
        assert.equal(out.code, 0, out.text);
        // Visibility is eventually consistent: wait until the retired case is counted.
        return /complaintWorkflow \(retired\): 1 running/.test(out.text) ? out.text : undefined;
      }, 'the retired case counted');
      const running = Number(/Running complaintWorkflowV2 cases in namespace \S+: (\d+)/.exec(report)?.[1]);
      assert.ok(running >= 1, report);
      // The case above started on today's code: it took the new path of every patch it met.
      for (const id of ['attention', 'steady-timers', 'seed-promises', 'record-case', 'record-queue'])
        assert.match(report, new RegExp(`^${id} +${running} +0 +yes`, 'm'), report);
    } finally {
      await retired.terminate('test over');
      await connection.close();
    }
  });

  it('logs: every process writes JSON lines with complaint and request ids, and no customer address or name', () => {
    assert.ok(caseId, 'runs after the case above');
    const lines = procs.flatMap((p) => p.output.map((line) => ({ proc: p.name, line })));
    assert.ok(lines.length > 5, 'something was logged');
    const parsed = lines.map(({ proc, line }) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        assert.fail(`${proc} wrote a line that is not JSON: ${line.slice(0, 200)}`);
      }
    });
    for (const name of ['api', 'worker', 'postmark-sandbox'])
      assert.ok(
        parsed.some((l) => l.service === name),
        `${name} logged`,
      );
    assert.ok(
      parsed.some((l) => l.service === 'api' && l.complaintId === caseId && typeof l.reqId === 'string'),
    );
    assert.ok(
      parsed.some(
        (l) =>
          l.service === 'worker' && l.complaintId === caseId && l.workflowId === complaintWorkflowId(caseId),
      ),
      'the worker’s Temporal logs name the case',
    );
    for (const { proc, line } of lines) {
      for (const secret of [customer.email, customer.name, 'Przybylska', 'Zuzanna', 'zgniecioną'])
        assert.ok(!line.includes(secret), `${proc} logged personal data (${secret}): ${line.slice(0, 300)}`);
    }
  });
});
