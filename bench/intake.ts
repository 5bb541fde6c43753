// Intake over HTTP, measured against the real stack on this machine (loopback only): a Temporal dev
// server on a free port, the Postmark sandbox, a worker process, and, in one server process, the HTTP
// API beside a plain node:http handler that starts the same workflow with the Temporal client. Each
// concurrency level runs every variant in the same run, so the ratio is the figure:
//   plain       node:http + startComplaint(): the workflow start alone
//   api-async   POST /complaints with "Prefer: respond-async": auth, zod, the same start
//   api         POST /complaints as specified: 201 with the case's owner (chosen by the API at intake)
//   api-async-bare  api-async without metrics and request log: the API's metrics overhead is the
//               ratio of api-async to it (the worker exports its metrics in every variant)
// Then an action's round trip (POST /complaints/:id/notes, an Update) beside the client's own
// executeUpdate. Bounded: a fixed number of requests per level.
//
//   npm run build && node dist/bench/intake.js [--levels 1:60,10:200,50:500] [--rounds 4] [--updates 200]
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { createApp, type ApiDeps } from '../api/app';
import { createLogger } from '../infra/logging';
import { startComplaint, type IntakeRequest } from '../api/intake';
import { hashKey } from '../api/keys';
import { policySnapshot } from '../api/policy-snapshot';
import { complaintDataConverter, keySettings } from '../infra/codec';
import { loadConfig } from '../infra/config';
import { startDevServer } from '../infra/dev-server';
import { createLinkSigner } from '../infra/links';
import { fromRoot } from '../infra/paths';
import { embeddedStoreProcess } from './store-process';
import { freePort } from '../infra/ports';
import { startSandbox } from '../sandbox/server';
import { caseViewQuery, complaintWorkflowId, noteUpdate } from '../workflows/definitions';

const TASK_QUEUE = 'bench-intake';
const KEY = 'bench_supervisor_key_0000000001';

interface Stats {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summarise(latencies: number[], errors: number, seconds: number): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
}

let counter = 0;
function complaint(): IntakeRequest {
  counter++;
  return {
    customer: {
      name: 'Bench Customer',
      email: `bench.${process.pid}.${counter}@example.com`,
      language: 'en',
    },
    channel: 'web',
    subject: 'Parcel arrived damaged',
    description: 'The courier left the parcel at the door and the box was crushed.',
    order: { reference: `ORD-${counter}`, amount: 120, currency: 'EUR' },
  };
}

interface Sample {
  latencies: number[];
  errors: number;
  seconds: number;
}

/** `clients` loops in parallel until `total` requests have been sent; each request's latency in ms. */
async function run(clients: number, total: number, send: () => Promise<boolean>): Promise<Sample> {
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (issued < total) {
        issued++;
        const t0 = performance.now();
        const ok = await send().catch(() => false);
        if (ok) latencies.push(performance.now() - t0);
        else errors++;
      }
    }),
  );
  return { latencies, errors, seconds: (performance.now() - started) / 1000 };
}

async function load(clients: number, total: number, send: () => Promise<boolean>): Promise<Stats> {
  const s = await run(clients, total, send);
  return summarise(s.latencies, s.errors, s.seconds);
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

// ---------------------------------------------------------------------------------------------
// The server process: the API and the plain handler side by side, on one event loop each way.

async function serve(): Promise<void> {
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const client = new Client({ connection, dataConverter: complaintDataConverter(keySettings(loadConfig())) });
  const snapshot = policySnapshot(fromRoot('policy', 'default.json'), fromRoot('policy', 'roster.json'));
  const { roster } = snapshot();
  const intake = { client, taskQueue: TASK_QUEUE, snapshot };
  const apiDeps: ApiDeps = {
    client,
    namespace: 'default',
    taskQueue: TASK_QUEUE,
    snapshot,
    keys: () => [
      {
        hash: hashKey(KEY),
        role: 'supervisor',
        subject: roster.supervisors[0].id,
        name: roster.supervisors[0].name,
      },
    ],
    links: createLinkSigner('bench'),
    publicBaseUrl: 'http://127.0.0.1',
    // One key sends every request here: the per-key limit would measure itself, not intake.
    limits: { staffPerMinute: 1_000_000 },
  };
  const api = http.createServer(
    createApp({
      ...apiDeps,
      logger: createLogger(
        'api',
        pino.destination({ dest: path.join(process.env.DATA_DIR!, 'api.log'), sync: true }),
      ),
    }),
  );
  const plain = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      startComplaint(intake, JSON.parse(Buffer.concat(chunks).toString('utf8')) as IntakeRequest).then(
        (r) => {
          res.writeHead(201, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: r.complaintId, reference: r.reference }));
        },
        (err: unknown) => {
          res.writeHead(500);
          res.end(String(err));
        },
      );
    });
  });
  // The same API with its metrics and request log off (the API above has both, logging to a file).
  const bare = http.createServer(createApp({ ...apiDeps, metrics: false }));
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
  console.log(
    `READY ${JSON.stringify({ api: (api.address() as AddressInfo).port, plain: (plain.address() as AddressInfo).port, bare: (bare.address() as AddressInfo).port })}`,
  );
}

// ---------------------------------------------------------------------------------------------

let stopping = false;

/** A child process whose log is kept quiet unless it dies during the run. */
function child(script: string, args: string[], env: NodeJS.ProcessEnv, name: string): ChildProcess {
  const proc = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  proc.stderr?.on('data', (c: Buffer) => (tail = (tail + c.toString()).slice(-4000)));
  // Read what it logs (JSON lines on stdout): a full pipe would block a process that writes its log.
  proc.stdout?.on('data', (c: Buffer) => (tail = (tail + c.toString()).slice(-4000)));
  proc.once('exit', (code) => {
    if (!stopping) console.error(`[${name}] exited (${code}):\n${tail}`);
  });
  return proc;
}

function ready(proc: ChildProcess): Promise<{ api: number; plain: number; bare: number }> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('READY '))
        resolve(JSON.parse(line.slice(6)) as { api: number; plain: number; bare: number });
    });
    proc.once('exit', (code) => reject(new Error(`the server process exited (${code})`)));
  });
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

async function main(): Promise<void> {
  const levels = arg('levels', '1:60,10:200,50:500')
    .split(',')
    .map((l) => l.split(':').map(Number) as [number, number]);
  const updates = Number(arg('updates', '200'));
  const rounds = Math.max(1, Number(arg('rounds', '4')));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'complaint-desk-bench-'));
  const dev = await startDevServer({
    host: '127.0.0.1',
    port: await freePort(),
    namespace: 'default',
    retentionSeconds: 86400,
  });
  const sandbox = await startSandbox({ port: 0, dataDir: path.join(dataDir, 'sandbox') });
  const store = await embeddedStoreProcess(path.join(dataDir, 'store'));
  const env = {
    ...process.env,
    DATABASE_URL: store.url,
    TEMPORAL_ADDRESS: dev.address,
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    DATA_DIR: dataDir,
    POSTMARK_SANDBOX_PORT: String(sandbox.port),
    PUBLIC_BASE_URL: 'http://127.0.0.1',
    METRICS_PORT: String(await freePort()), // the worker's Prometheus endpoint, never a fixed port
  };
  const worker = child(fromRoot('dist', 'worker', 'index.js'), [], env, 'worker');
  const servers = child(__filename, ['--serve'], env, 'servers');
  const connection = await Connection.connect({ address: dev.address });
  const client = new Client({
    connection,
    dataConverter: complaintDataConverter(keySettings(loadConfig(env))),
  });
  try {
    const ports = await ready(servers);
    const apiUrl = `http://127.0.0.1:${ports.api}/complaints`;
    const plainUrl = `http://127.0.0.1:${ports.plain}/`;
    const auth = { authorization: `Bearer ${KEY}` };
    const variants: Record<string, () => Promise<boolean>> = {
      plain: async () => (await post(plainUrl, complaint())) === 201,
      'api-async': async () =>
        (await post(apiUrl, complaint(), { ...auth, prefer: 'respond-async' })) === 201,
      'api-async-bare': async () =>
        (await post(`http://127.0.0.1:${ports.bare}/complaints`, complaint(), {
          ...auth,
          prefer: 'respond-async',
        })) === 201,
      api: async () => {
        const res = await fetch(apiUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...auth },
          body: JSON.stringify(complaint()),
        });
        const body = (await res.json()) as { owner: unknown };
        if (body.owner === null) unassigned[currentClients] = (unassigned[currentClients] ?? 0) + 1;
        return res.status === 201;
      },
    };
    // The api variant waits for the owner up to the API's limit, then answers without one.
    const unassigned: Record<number, number> = {};
    let currentClients = 0;
    console.log(
      `Temporal dev server ${dev.address} (in memory); ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}); Node ${process.version}`,
    );
    // Warm up every path (connections, the worker's bundle, the first workflow tasks).
    for (const send of Object.values(variants)) await load(2, 20, send);

    // On a small machine the worker's backlog from one variant would slow the next: wait until every
    // case started so far is past intake (acknowledged, owner assigned) before measuring again.
    const settle = async () => {
      for (let i = 0; i < 600; i++) {
        const { count } = await client.workflow.count(
          `ExecutionStatus = 'Running' AND ComplaintStage = 'intake'`,
        );
        if (count === 0) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error('the worker did not catch up within two minutes');
    };
    await settle();
    const rows: string[][] = [];
    const results: Record<string, Record<string, Stats>> = {};
    // Each level runs in rounds, the variants in a rotating order, so drift over the run (a growing
    // database, a warming JIT) and being first or last fall on every variant alike.
    const names = Object.keys(variants);
    for (const [clients, total] of levels) {
      currentClients = clients;
      const samples: Record<string, Sample> = Object.fromEntries(
        names.map((n) => [n, { latencies: [], errors: 0, seconds: 0 }]),
      );
      for (let round = 0; round < rounds; round++) {
        for (let k = 0; k < names.length; k++) {
          const name = names[(round + k) % names.length];
          const part = await run(clients, Math.ceil(total / rounds), variants[name]);
          await settle();
          samples[name].latencies.push(...part.latencies);
          samples[name].errors += part.errors;
          samples[name].seconds += part.seconds;
        }
      }
      results[clients] = {};
      for (const name of names) {
        const s = summarise(samples[name].latencies, samples[name].errors, samples[name].seconds);
        results[clients][name] = s;
        rows.push([
          String(clients),
          name,
          String(s.requests),
          String(s.errors),
          fmt(s.perSecond),
          fmt(s.p50),
          fmt(s.p99),
        ]);
      }
    }
    console.log('\nIntake (POST a new complaint), per concurrency level:');
    console.log(table(['clients', 'variant', 'ok', 'errors', 'per s', 'p50 ms', 'p99 ms'], rows));
    console.log('\nRatios against the plain handler (throughput; p50 latency; p99 latency):');
    for (const [clients] of levels) {
      const r = results[clients];
      console.log(
        `  ${String(clients).padStart(2)} clients: api-async ${fmt(r['api-async'].perSecond / r.plain.perSecond, 2)}x, ${fmt(r['api-async'].p50 / r.plain.p50, 2)}x, ${fmt(r['api-async'].p99 / r.plain.p99, 2)}x;` +
          `  api ${fmt(r.api.perSecond / r.plain.perSecond, 2)}x, ${fmt(r.api.p50 / r.plain.p50, 2)}x, ${fmt(r.api.p99 / r.plain.p99, 2)}x` +
          (unassigned[clients]
            ? ` (${unassigned[clients]} api answers came before an owner was assigned)`
            : ''),
      );
    }

    console.log('\nThe API’s metrics and request log (api-async with them against api-async-bare without):');
    for (const [clients] of levels) {
      const r = results[clients];
      console.log(
        `  ${String(clients).padStart(2)} clients: ${fmt(r['api-async'].perSecond)}/s with, ${fmt(r['api-async-bare'].perSecond)}/s without: ` +
          `${fmt(r['api-async'].perSecond / r['api-async-bare'].perSecond, 2)}x the rate; p99 ${fmt(r['api-async'].p99)} vs ${fmt(r['api-async-bare'].p99)} ms`,
      );
    }

    // Update round trips on cases that are settled in diagnosis.
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await fetch(plainUrl, { method: 'POST', body: JSON.stringify(complaint()) });
      ids.push(((await res.json()) as { id: string }).id);
    }
    for (const id of ids) {
      const handle = client.workflow.getHandle(complaintWorkflowId(id));
      for (let i = 0; i < 300; i++) {
        const v = await handle.query(caseViewQuery).catch(() => undefined);
        if (v?.stage === 'diagnosis') break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    let n = 0;
    const viaApi = await load(1, updates, async () => {
      const id = ids[n++ % ids.length];
      return (
        (await post(
          `http://127.0.0.1:${ports.api}/complaints/${id}/notes`,
          { text: `bench note ${n}` },
          auth,
        )) === 200
      );
    });
    const viaClient = await load(1, updates, async () => {
      const id = ids[n++ % ids.length];
      await client.workflow
        .getHandle(complaintWorkflowId(id))
        .executeUpdate(noteUpdate, { args: [{ text: `bench note ${n}` }] });
      return true;
    });
    console.log('\nAction round trip (an Update: notes), one client:');
    console.log(
      table(
        ['path', 'ok', 'errors', 'per s', 'p50 ms', 'p99 ms'],
        [
          [
            'POST /complaints/:id/notes',
            String(viaApi.requests),
            String(viaApi.errors),
            fmt(viaApi.perSecond),
            fmt(viaApi.p50),
            fmt(viaApi.p99),
          ],
          [
            'client executeUpdate',
            String(viaClient.requests),
            String(viaClient.errors),
            fmt(viaClient.perSecond),
            fmt(viaClient.p50),
            fmt(viaClient.p99),
          ],
        ],
      ),
    );
  } finally {
    stopping = true;
    servers.kill('SIGTERM');
    worker.kill('SIGTERM');
    await Promise.all(
      [worker, servers].map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)))),
    );
    await connection.close();
    await sandbox.close();
    store.stop();
    await dev.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    '  ' + cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

if (process.argv.includes('--serve')) {
  serve().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
