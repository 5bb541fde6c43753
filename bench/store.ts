// What writing case records costs intake, in one run on this machine: the same stack side by side on
// one Temporal dev server (free port, headless, in memory), each variant with its own task queue and
// in-process worker (the project's real bundle and activities):
//   no-records   no store: recordCase is still called (the patch is on) but writes nothing
//   embedded     records in the embedded store (PGlite served by infra/store/embedded.ts in its own
//                process, as `npm run up` runs it)
//   postgresql   records in a real PostgreSQL (only with --database-url)
// Intake rate: STARTS startComplaint() calls by 10 clients, timed until every one of them is past
// intake (owner chosen, acknowledgement decided) — the worker's share included, records too. Rounds
// alternate the variants so drift on a shared machine hits each alike.
//
//   npx tsc -p tsconfig.json && node dist/bench/store.js [--starts 100] [--rounds 3] [--database-url postgres://…]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { startComplaint, type IntakeRequest } from '../api/intake';
import { policySnapshot } from '../api/policy-snapshot';
import { complaintDataConverter } from '../infra/codec';
import { loadConfig } from '../infra/config';
import { startDevServer } from '../infra/dev-server';
import { fromRoot } from '../infra/paths';
import { embeddedStoreProcess } from './store-process';
import { freePort } from '../infra/ports';
import { createStore, migrate, type Store } from '../infra/store';
import { startSandbox } from '../sandbox/server';
import { activitiesFor } from '../worker';
import { workflowBundle } from '../test/helpers/stack';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const STARTS = Number(arg('starts') ?? 100);
const ROUNDS = Number(arg('rounds') ?? 3);
const DATABASE_URL = arg('database-url');
const CLIENTS = 10;

let counter = 0;
const complaint = (): IntakeRequest => ({
  customer: {
    name: 'Bench Customer',
    email: `bench.${process.pid}.${++counter}@example.com`,
    language: 'en',
  },
  channel: 'web',
  subject: 'Parcel arrived damaged',
  description: 'The courier left the parcel at the door and the box was crushed.',
  facts: { product: { sku: 'LAMP-1' }, carrier: 'FastParcel' },
});

interface Variant {
  name: string;
  taskQueue: string;
  store?: Store;
  rates: number[];
}

async function main(): Promise<void> {
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'complaint-desk-bench-store-'));
  const dev = await startDevServer({
    host: '127.0.0.1',
    port: await freePort(),
    namespace: 'default',
    retentionSeconds: 86400,
  });
  const sandbox = await startSandbox({ port: 0, dataDir: path.join(tmp, 'sandbox') });
  const embedded = await embeddedStoreProcess(path.join(tmp, 'store'));
  const connection = await Connection.connect({ address: dev.address });
  const native = await NativeConnection.connect({ address: dev.address });
  const keysDir = path.join(tmp, 'keys');
  const dataConverter = complaintDataConverter({ keysDir });
  const client = new Client({ connection, dataConverter });
  const snapshot = policySnapshot(fromRoot('policy', 'default.json'), fromRoot('policy', 'roster.json'));
  const bundle = await workflowBundle();
  const workers: Promise<void>[] = [];
  const stoppers: (() => void)[] = [];
  const stores: Store[] = [];
  try {
    const variants: Variant[] = [{ name: 'no-records', taskQueue: 'bench-store-none', rates: [] }];
    for (const [name, url] of [
      ['embedded', embedded.url],
      ...(DATABASE_URL ? [['postgresql', DATABASE_URL]] : []),
    ]) {
      const store = createStore(url, { max: 5 });
      await migrate(store);
      stores.push(store);
      variants.push({ name, taskQueue: `bench-store-${name}`, store, rates: [] });
    }
    for (const v of variants) {
      const config = loadConfig({
        DATA_DIR: path.join(tmp, v.name),
        TEMPORAL_TASK_QUEUE: v.taskQueue,
        POSTMARK_SANDBOX_PORT: String(sandbox.port),
        PUBLIC_BASE_URL: 'http://localhost:3999',
        COMPLAINT_KEYS_DIR: keysDir,
      });
      const worker = await Worker.create({
        connection: native,
        taskQueue: v.taskQueue,
        workflowBundle: bundle,
        dataConverter,
        activities: activitiesFor(config, client, v.store),
      });
      workers.push(worker.run());
      stoppers.push(() => worker.shutdown());
    }

    const pastIntake = async () => {
      for (let i = 0; i < 1200; i++) {
        const { count } = await client.workflow.count(
          `ExecutionStatus = 'Running' AND ComplaintStage = 'intake'`,
        );
        if (count === 0) return;
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error('cases stayed in intake for 5 minutes');
    };
    // Warm-up of every path.
    for (const v of variants)
      for (let i = 0; i < 10; i++)
        await startComplaint({ client, taskQueue: v.taskQueue, snapshot }, complaint());
    await pastIntake();

    for (let round = 1; round <= ROUNDS; round++) {
      const order = round % 2 ? variants : [...variants].reverse();
      for (const v of order) {
        const deps = { client, taskQueue: v.taskQueue, snapshot };
        let issued = 0;
        const t0 = performance.now();
        await Promise.all(
          Array.from({ length: CLIENTS }, async () => {
            while (issued++ < STARTS) await startComplaint(deps, complaint());
          }),
        );
        await pastIntake();
        v.rates.push(STARTS / ((performance.now() - t0) / 1000));
        console.error(`[bench] round ${round} ${v.name}: ${v.rates.at(-1)!.toFixed(1)} cases/s`);
      }
    }
    // Every case of a recording variant has its record (the write is not skipped under load).
    await new Promise((r) => setTimeout(r, 3000));
    const expected = 10 + STARTS * ROUNDS;
    for (const v of variants.filter((x) => x.store)) {
      const { rows } = await v.store!.query('SELECT count(*)::int AS n FROM case_records');
      console.error(`[bench] ${v.name}: ${(rows[0] as { n: number }).n} of ${expected} cases recorded`);
    }

    console.log(
      `\nRecord writing and intake on ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, dev server in memory`,
    );
    console.log(
      `${STARTS} startComplaint() by ${CLIENTS} clients until all are past intake, ${ROUNDS} rounds\n`,
    );
    console.log('variant       cases/s (median of rounds)   vs no-records');
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const base = median(variants[0].rates);
    for (const v of variants) {
      const m = median(v.rates);
      console.log(
        `${v.name.padEnd(14)}${m.toFixed(1).padStart(8)}                     ${((m / base - 1) * 100).toFixed(1).padStart(6)} %`,
      );
    }
  } finally {
    stoppers.forEach((s) => s());
    await Promise.allSettled(workers);
    await Promise.allSettled(stores.map((s) => s.end()));
    embedded.stop();
    await native.close();
    await connection.close();
    await sandbox.close();
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
