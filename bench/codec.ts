// What payload encryption costs, in one run on this machine: the same stack twice on one Temporal
// dev server (free port, headless, in memory), once with the production data converter (AES-256-GCM,
// a data key per case, failures encoded) and once with Temporal's default (clear). Each variant has
// its own task queue and in-process worker with the project's real bundle and activities. Rounds
// alternate the variants so drift on a shared machine hits both alike.
//   intake    startComplaint() (the API's intake path: key creation included) by 10 clients
//   action    a note (an Update, the API's action path) and the case view it answers, one at a time
//
//   npx tsc -p tsconfig.json && node dist/bench/codec.js [--starts 150] [--actions 100] [--rounds 3]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { startComplaint, type IntakeRequest } from '../api/intake';
import { policySnapshot } from '../api/policy-snapshot';
import { complaintDataConverter } from '../infra/codec';
import { loadConfig } from '../infra/config';
import { startDevServer } from '../infra/dev-server';
import { fromRoot } from '../infra/paths';
import { freePort } from '../infra/ports';
import { startSandbox } from '../sandbox/server';
import { activitiesFor } from '../worker';
import { workflowBundle } from '../test/helpers/stack';
import { caseViewQuery, complaintWorkflowId, noteUpdate } from '../workflows/definitions';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const STARTS = arg('starts', 150);
const ACTIONS = arg('actions', 100);
const ROUNDS = arg('rounds', 3);
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
  order: { reference: `ORD-${counter}`, amount: 120, currency: 'EUR' },
});

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

interface Variant {
  name: string;
  client: Client;
  taskQueue: string;
  intake: number[]; // starts per second, per round
  action: number[]; // round-trip latencies, ms
}

async function main(): Promise<void> {
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'complaint-desk-bench-codec-'));
  const dev = await startDevServer({
    host: '127.0.0.1',
    port: await freePort(),
    namespace: 'default',
    retentionSeconds: 86400,
  });
  const sandbox = await startSandbox({ port: 0, dataDir: path.join(tmp, 'sandbox') });
  const connection = await Connection.connect({ address: dev.address });
  const native = await NativeConnection.connect({ address: dev.address });
  const snapshot = policySnapshot(fromRoot('policy', 'default.json'), fromRoot('policy', 'roster.json'));
  const bundle = await workflowBundle();
  const workers: Promise<void>[] = [];
  const stoppers: (() => void)[] = [];
  try {
    const variants: Variant[] = [];
    for (const [name, dataConverter] of [
      ['clear', undefined],
      ['encrypted', complaintDataConverter({ keysDir: path.join(tmp, 'keys') })],
    ] as [string, DataConverter | undefined][]) {
      const taskQueue = `bench-codec-${name}`;
      const config = loadConfig({
        DATA_DIR: path.join(tmp, name),
        TEMPORAL_TASK_QUEUE: taskQueue,
        POSTMARK_SANDBOX_PORT: String(sandbox.port),
        PUBLIC_BASE_URL: 'http://localhost:3999',
        COMPLAINT_KEYS_DIR: path.join(tmp, 'keys'),
      });
      const client = new Client({ connection, dataConverter });
      const worker = await Worker.create({
        connection: native,
        taskQueue,
        workflowBundle: bundle,
        dataConverter,
        activities: activitiesFor(config, client),
      });
      workers.push(worker.run());
      stoppers.push(() => worker.shutdown());
      variants.push({ name, client, taskQueue, intake: [], action: [] });
    }

    // One case per variant for the actions, past intake; a warm-up of every path.
    const actionCase = new Map<string, string>();
    for (const v of variants) {
      const deps = { client: v.client, taskQueue: v.taskQueue, snapshot };
      for (let i = 0; i < 10; i++) await startComplaint(deps, complaint());
      const started = await startComplaint(deps, complaint());
      const id = complaintWorkflowId(started.complaintId);
      for (let i = 0; i < 100; i++) {
        const view = await v.client.workflow
          .getHandle(id)
          .query(caseViewQuery)
          .catch(() => undefined);
        if (view && view.stage !== 'intake') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      actionCase.set(v.name, id);
    }

    // The workers' backlog from one variant's starts (acknowledgements, owner choice) would slow the
    // next measurement on a small machine: wait until every case started so far is past intake.
    const settle = async () => {
      for (let i = 0; i < 600; i++) {
        const { count } = await variants[0].client.workflow.count(
          `ExecutionStatus = 'Running' AND ComplaintStage = 'intake'`,
        );
        if (count === 0) return;
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    for (let round = 1; round <= ROUNDS; round++) {
      for (const v of round % 2 ? variants : [...variants].reverse()) {
        await settle();
        const deps = { client: v.client, taskQueue: v.taskQueue, snapshot };
        let issued = 0;
        const t0 = performance.now();
        await Promise.all(
          Array.from({ length: CLIENTS }, async () => {
            while (issued++ < STARTS) await startComplaint(deps, complaint());
          }),
        );
        v.intake.push(STARTS / ((performance.now() - t0) / 1000));
        await settle();
        const handle = v.client.workflow.getHandle(actionCase.get(v.name)!);
        for (let i = 0; i < ACTIONS / ROUNDS; i++) {
          const t1 = performance.now();
          await handle.executeUpdate(noteUpdate, { args: [{ text: `Bench note ${round}.${i}` }] });
          v.action.push(performance.now() - t1);
        }
        console.error(`[bench] round ${round} ${v.name}: ${v.intake.at(-1)!.toFixed(1)} starts/s`);
      }
    }

    console.log(
      `\nPayload encryption on ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, dev server in memory`,
    );
    console.log(
      `intake: ${STARTS} startComplaint() by ${CLIENTS} clients, ${ROUNDS} rounds; action: a note Update, one at a time\n`,
    );
    console.log('variant     intake/s (median of rounds)   action p50 ms   action p99 ms');
    const rows = variants.map((v) => {
      const intake = [...v.intake].sort((a, b) => a - b)[Math.floor(v.intake.length / 2)];
      const action = [...v.action].sort((a, b) => a - b);
      console.log(
        `${v.name.padEnd(12)}${intake.toFixed(1).padStart(8)}                      ${pct(action, 50).toFixed(1).padStart(8)}        ${pct(action, 99).toFixed(1).padStart(8)}`,
      );
      return { intake, p50: pct(action, 50) };
    });
    console.log(
      `\nencrypted vs clear: intake ${((rows[1].intake / rows[0].intake - 1) * 100).toFixed(1)} %, action p50 ${((rows[1].p50 / rows[0].p50 - 1) * 100).toFixed(1)} %`,
    );
  } finally {
    stoppers.forEach((s) => s());
    await Promise.allSettled(workers);
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
