// Worker memory with many open cases waiting on timers, and the wake-up of an evicted case, in one
// run: a Temporal dev server (free port, headless, in memory), the Postmark sandbox and the
// production worker in its own process (node dist/worker/index.js, only this run's settings). Cases
// start through the real intake (startComplaint with the API's owner choice) on the default policy;
// at each size the figure is taken once every case is acknowledged and waits on its 24 h diagnosis
// timer. Then a note (an Update) is sent, one at a time, to the oldest cases (evicted from the
// worker's cache once there are more open cases than it holds: the worker replays the history first)
// and to the newest (still cached): the difference is the cost of waking an evicted case.
//
//   npm run build && node dist/bench/memory.js [--sizes 1000,10000] [--cache N] [--wakes 30]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { startComplaint } from '../api/intake';
import { OwnerLoad } from '../api/owner-load';
import { complaintDataConverter } from '../infra/codec';
import { ConfigSchema } from '../infra/config';
import { startDevServer } from '../infra/dev-server';
import { freePort } from '../infra/ports';
import { defaultWorkerHeapMb, workerHeapArgs } from '../infra/worker-heap';
import { embeddedStoreProcess } from './store-process';
import { startSandbox } from '../sandbox/server';
import { complaintRequest, shippedPolicy, shippedRoster } from '../test/helpers/complaints';
import { complaintWorkflowId, noteUpdate } from '../workflows/definitions';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const mib = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MiB`;
const fmt = (n: number) => n.toFixed(1);
const log = (m: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function procStatus(pid: number, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? NaN) * 1024;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

async function main(): Promise<void> {
  const sizes = arg('sizes', '1000,10000').split(',').map(Number);
  const cache = process.argv.includes('--cache') ? arg('cache', '') : undefined;
  // The worker's V8 old-space limit, as `npm run up` gives it (WORKER_HEAP_MB); 0 = Node's default.
  const heapMb = arg('heap-mb', String(defaultWorkerHeapMb));
  const wakes = Number(arg('wakes', '30'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'complaint-desk-memory-'));
  const dev = await startDevServer({
    host: '127.0.0.1',
    port: await freePort(),
    namespace: 'default',
    retentionSeconds: 86400,
    logFile: path.join(tmp, 'dev-server.log'),
  });
  const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', dataDir: path.join(tmp, 'sandbox') });
  const store = await embeddedStoreProcess(path.join(tmp, 'store'));
  const taskQueue = 'bench-memory';
  // Only this run's settings reach the worker: nothing from the shell (no real Postmark token).
  const configKeys = new Set(Object.keys(ConfigSchema.shape));
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !configKeys.has(k) && k !== 'NODE_OPTIONS'),
    ),
    TEMPORAL_ADDRESS: dev.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    DATA_DIR: path.join(tmp, 'data'),
    COMPLAINT_KEYS_DIR: path.join(tmp, 'keys'),
    POSTMARK_SANDBOX_HOST: '127.0.0.1',
    POSTMARK_SANDBOX_PORT: String(sandbox.port),
    PUBLIC_BASE_URL: 'http://localhost:3999',
    DATABASE_URL: store.url,
    ...(cache !== undefined ? { WORKER_MAX_CACHED_WORKFLOWS: cache } : {}),
  };
  const nodeArgs = workerHeapArgs(heapMb);
  const worker = spawn(process.execPath, [...nodeArgs, path.join(__dirname, '..', 'worker', 'index.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (c: Buffer) => (output = (output + c.toString()).slice(-8000));
  worker.stdout.on('data', collect);
  worker.stderr.on('data', collect);
  let exited: string | undefined;
  worker.on('exit', (code, signal) => (exited = `code ${code}, signal ${signal}`));
  const alive = () => {
    if (exited) throw new Error(`the worker exited (${exited}):\n${output}`);
  };
  const connection = await Connection.connect({ address: dev.address });
  const client = new Client({
    connection,
    // The worker keeps case keys in its case store: the bench's client reads them there too.
    dataConverter: complaintDataConverter({ keysDir: path.join(tmp, 'keys'), databaseUrl: store.url }),
  });
  const rows: string[] = [];
  try {
    for (let i = 0; !output.includes('polling task queue'); i++) {
      alive();
      if (i > 1800) throw new Error('the worker did not start polling in 3 minutes');
      await sleep(100);
    }
    await sleep(3000);
    const idle = procStatus(worker.pid!, 'VmRSS');
    rows.push(`  idle worker                      RSS ${mib(idle).padStart(9)}`);
    log(`idle worker RSS ${mib(idle)}`);
    const policy = shippedPolicy();
    const roster = shippedRoster();
    const owners = new OwnerLoad(client);
    const ids: string[] = [];
    let started = 0;
    for (const size of sizes) {
      const t0 = performance.now();
      let next = started;
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          while (next < size) {
            next++;
            const r = await startComplaint(
              { client, taskQueue, snapshot: () => ({ policy, roster }), owners },
              complaintRequest({ channel: 'web' }),
            );
            ids.push(r.complaintId);
          }
        }),
      );
      started = size;
      log(
        `${size} cases started in ${fmt((performance.now() - t0) / 1000)} s; waiting for the acknowledgements`,
      );
      const query = `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running' AND ComplaintStage = 'diagnosis'`;
      for (let last = 0; ;) {
        alive();
        const { count } = await client.workflow.count(query);
        if (count >= size) break;
        if (Date.now() - last > 20_000) {
          last = Date.now();
          log(`${count}/${size} acknowledged and waiting on the diagnosis timer`);
        }
        await sleep(1000);
      }
      await sleep(3000);
      const rss = procStatus(worker.pid!, 'VmRSS');
      const line = `  ${String(size).padStart(6)} open cases on timers   RSS ${mib(rss).padStart(9)}  (${fmt((rss - idle) / size / 1024)} KiB per open case over idle; peak ${mib(procStatus(worker.pid!, 'VmHWM'))}; all acknowledged ${fmt((performance.now() - t0) / 1000)} s after the first start)`;
      rows.push(line);
      log(line.trim());
    }
    // Wake-ups: a note to the oldest cases (evicted once open cases exceed the cache) and the newest.
    const wake = async (subset: string[]) => {
      const ms: number[] = [];
      for (const id of subset) {
        const t = performance.now();
        await client.workflow
          .getHandle(complaintWorkflowId(id))
          .executeUpdate(noteUpdate, { args: [{ text: 'bench wake-up' }] });
        ms.push(performance.now() - t);
      }
      return ms;
    };
    const oldest = await wake(ids.slice(0, wakes));
    const newest = await wake(ids.slice(-wakes));
    const again = await wake(ids.slice(0, wakes)); // now cached: the same cases a second time
    rows.push(
      '',
      `  Action round trip (a note Update, one at a time, ${wakes} cases each):`,
      `    oldest cases (evicted: replayed first)   p50 ${fmt(percentile(oldest, 50)).padStart(7)} ms  p99 ${fmt(percentile(oldest, 99)).padStart(7)} ms`,
      `    the same cases again (cached now)        p50 ${fmt(percentile(again, 50)).padStart(7)} ms  p99 ${fmt(percentile(again, 99)).padStart(7)} ms`,
      `    newest cases (cached)                    p50 ${fmt(percentile(newest, 50)).padStart(7)} ms  p99 ${fmt(percentile(newest, 99)).padStart(7)} ms`,
      `    wake-up cost of an evicted case (p50 oldest - p50 cached again): ${fmt(percentile(oldest, 50) - percentile(again, 50))} ms`,
    );
    console.log(
      `Worker memory and wake-up (production worker process; Node ${process.version}; ${os.cpus().length} CPUs; ` +
        `maxCachedWorkflows ${cache ?? 'the worker default (WORKER_MAX_CACHED_WORKFLOWS)'}; ` +
        `V8 old space ${nodeArgs.length ? `${heapMb} MB (--max-old-space-size)` : 'Node default'})`,
    );
    console.log(rows.join('\n'));
  } finally {
    worker.kill('SIGTERM');
    await Promise.race([new Promise((r) => worker.once('exit', r)), sleep(20_000)]);
    if (!exited) worker.kill('SIGKILL');
    await connection.close();
    await sandbox.close();
    store.stop();
    await dev.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
