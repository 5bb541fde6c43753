// The figures of issue #3 ("Figures to report"), measured on a real Temporal dev server that this
// script starts itself (free ports, headless, in memory) together with the Postmark sandbox:
//   1. history length of complete cases of different shapes (typical and longest);
//   2. replay time per complete case (the committed histories in test/fixtures/histories);
//   3. worker memory with 1,000 open cases waiting on timers (the worker in its own process);
//   4. complaints started per second versus a no-op workflow, on the same server in the same run.
// Run: npx tsc -p tsconfig.json && node dist/bench/lifecycle.js
// Sizes (environment): BENCH_STARTS (300), BENCH_START_CONCURRENCY (20), BENCH_OPEN_CASES (1000),
// BENCH_REPLAY_ROUNDS (10), BENCH_TIMEOUT_S (900: the whole run). Everything runs on loopback; the
// script stops what it started and exits 0, or 1 with the reason.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { complaintDataConverter } from '../infra/codec';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { startComplaint } from '../api/intake';
import type { CaseRecord, CaseView } from '../domain/case';
import type { Remedy } from '../domain/types';
import { ConfigSchema, loadConfig } from '../infra/config';
import { startDevServer } from '../infra/dev-server';
import { fromRoot } from '../infra/paths';
import { freePort } from '../infra/ports';
import { temporalCli } from '../infra/temporal-binaries';
import { startSandbox, type RunningSandbox } from '../sandbox/server';
import { complaintRequest, shippedPolicy, shippedRoster } from '../test/helpers/complaints';
import { workflowBundle } from '../test/helpers/stack';
import { activitiesFor, workflowInterceptorModules } from '../worker';
import { embeddedStoreProcess } from './store-process';
import * as defs from '../workflows/definitions';

// ---------------------------------------------------------------------------------------------
// Settings and small helpers

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

const STARTS = intEnv('BENCH_STARTS', 300);
const START_CONCURRENCY = intEnv('BENCH_START_CONCURRENCY', 20);
const OPEN_CASES = intEnv('BENCH_OPEN_CASES', 1000);
const REPLAY_ROUNDS = Math.max(2, intEnv('BENCH_REPLAY_ROUNDS', 10));
const TIMEOUT_MS = intEnv('BENCH_TIMEOUT_S', 900) * 1000;
const WARMUP_STARTS = 10;
const HOST = '127.0.0.1';
const NAMESPACE = 'default';

const benchStarted = Date.now();
/** Processes this script started, killed by the last-resort watchdog if the cleanup never runs. */
const startedPids = new Set<number>();
const deadline = benchStarted + TIMEOUT_MS;
let abortReason: string | undefined;

function checkAbort(): void {
  if (abortReason) throw new Error(abortReason);
  if (Date.now() > deadline)
    throw new Error(`the benchmark ran past BENCH_TIMEOUT_S (${TIMEOUT_MS / 1000}s)`);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function log(line: string): void {
  const t = ((Date.now() - benchStarted) / 1000).toFixed(1).padStart(6);
  console.log(`[bench ${t}s] ${line}`);
}

/** Polls until `check` returns a value; bounded by `timeoutMs` and the whole run's deadline. */
async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs: number,
  intervalMs = 200,
): Promise<T> {
  const until = Math.min(Date.now() + timeoutMs, deadline);
  let last: unknown;
  for (;;) {
    checkAbort();
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) {
      throw new Error(`timed out waiting for ${what}${last instanceof Error ? ` (${last.message})` : ''}`);
    }
    await sleep(intervalMs);
  }
}

/** Rejects after `ms` (and, unless `ignoreDeadline`, when the whole run's budget is spent). */
async function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
  ignoreDeadline = false,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = ignoreDeadline ? ms : Math.max(0, Math.min(ms, deadline - Date.now()));
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${limit} ms: ${what}`)), limit);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs fn for 0..count-1 with at most `concurrency` calls in flight; stops at the first failure. */
async function pool<T>(count: number, concurrency: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < count) {
      const i = next++;
      checkAbort();
      try {
        results[i] = await fn(i);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return results;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => (xs.length ? sum(xs) / xs.length : NaN);
/** Nearest-rank percentile (p50 of an odd count is the middle value). */
function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])));
      const text = `  ${line.join('  ')}`;
      return i === 0 ? `${text}\n  ${widths.map((w) => '-'.repeat(w)).join('  ')}` : text;
    })
    .join('\n');
}

interface Stack {
  client: Client;
  taskQueue: string;
  sandbox: RunningSandbox;
  address: string;
}

const count = async (client: Client, query: string) => (await client.workflow.count(query)).count;

async function view(handle: WorkflowHandle): Promise<CaseView> {
  return handle.query(defs.caseViewQuery);
}

function stageIs(handle: WorkflowHandle, stage: CaseView['stage'], timeoutMs = 30_000): Promise<CaseView> {
  return waitFor(
    async () => {
      const v = await view(handle);
      return v.stage === stage ? v : undefined;
    },
    `${handle.workflowId} to reach stage ${stage}`,
    timeoutMs,
  );
}

// ---------------------------------------------------------------------------------------------
// 1. History length of complete cases (demo policy: every duration in seconds, so timers fire)

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
const diagnosis = (resolveInSeconds: number) => ({
  summary: 'The courier damaged the parcel.',
  probableCause: 'Rough handling',
  responsibleParty: { kind: 'third-party' as const, name: 'FastCourier' },
  expectedResolutionBy: inSeconds(resolveInSeconds),
});
const documentation = {
  rootCause: 'Parcel crushed at the depot',
  contributingFactors: ['packaging'],
  responsibleParty: 'FastCourier',
  correctiveAction: 'Replacement sent',
  preventiveAction: 'Double boxing',
};
const upheld = (remedy: Remedy) => ({
  outcome: 'upheld' as const,
  explanation: 'Broken in transit.',
  apology: 'We are sorry.',
  remedy,
});

/** Ruleset 2: every outcome is told by phone on its own task before the letter (seed 003). */
async function tellByPhone(h: WorkflowHandle, reached = true): Promise<void> {
  const task = (await view(h)).tasks.find((t) => t.reason === 'resolution-call' && !t.closedAt)!;
  await h.executeUpdate(defs.callUpdate, { args: [{ reached, taskId: task.id }] });
}

/** Ruleset 2: a withdrawn case is documented too, once what the customer is owed was sent (seed 004). */
async function documentSettled(h: WorkflowHandle): Promise<void> {
  const v = await stageIs(h, 'documentation');
  for (const t of v.tasks.filter((x) => x.message && !x.closedAt))
    await h.executeUpdate(defs.taskCompletionUpdate, { args: [{ taskId: t.id, by: 'bench' }] });
  await h.executeUpdate(defs.documentationUpdate, { args: [documentation] });
}

interface Scenario {
  name: string;
  historyEventLimit?: number;
  run(handle: WorkflowHandle, email: string): Promise<void>;
}

const scenarios: Scenario[] = [
  {
    name: 'happy path: upheld, replacement',
    async run(h) {
      await stageIs(h, 'diagnosis');
      await h.executeUpdate(defs.diagnosisUpdate, { args: [diagnosis(50)] });
      await h.executeUpdate(defs.progressUpdate, {
        args: [{ message: 'A replacement is on its way.', customerVisible: true }],
      });
      await h.executeUpdate(defs.resolutionUpdate, { args: [upheld({ kind: 'replacement' })] });
      await tellByPhone(h);
      await h.executeUpdate(defs.documentationUpdate, { args: [documentation] });
      await h.signal(defs.surveyAnswerSignal, { score: 5, stillNeedHelp: false });
    },
  },
  {
    name: 'rejected, 3 unreachable calls, follow-up',
    async run(h) {
      await stageIs(h, 'diagnosis');
      await h.executeUpdate(defs.diagnosisUpdate, { args: [diagnosis(50)] });
      await h.executeUpdate(defs.resolutionUpdate, {
        args: [
          {
            outcome: 'rejected',
            explanation: 'The damage happened after delivery.',
            apology: 'We are sorry we cannot help more.',
            remedy: { kind: 'none' },
          },
        ],
      });
      for (let i = 0; i < 3; i++) await tellByPhone(h, false);
      await h.signal(defs.surveyAnswerSignal, { score: 1, comment: 'Unhappy', stillNeedHelp: true });
      await stageIs(h, 'follow-up');
      await h.executeUpdate(defs.followUpUpdate, { args: [{ note: 'Called again and explained.' }] });
      // The second survey goes unanswered: reminder after 15 s, closes after 30 s.
      await stageIs(h, 'documentation', 60_000);
      await h.executeUpdate(defs.documentationUpdate, { args: [documentation] });
    },
  },
  {
    name: 'questions, reminder, answer, extension',
    async run(h) {
      await stageIs(h, 'diagnosis');
      await h.executeUpdate(defs.questionsUpdate, { args: [{ questions: ['When did it arrive?'] }] });
      await waitFor(async () => (await view(h)).questions?.reminderSentAt, 'the questions reminder', 40_000);
      await h.signal(defs.customerMessageSignal, { text: 'On Monday.', via: 'email', messageId: 'r1' });
      await stageIs(h, 'diagnosis');
      await h.executeUpdate(defs.diagnosisUpdate, { args: [diagnosis(30)] });
      // Silent for one update interval (15 s): the system writes to the customer itself.
      await waitFor(async () => (await view(h)).updatesSent.bySystem >= 1, 'a system update', 40_000);
      const promised = Date.parse((await view(h)).clocks.resolution.dueAt);
      await h.executeUpdate(defs.extensionUpdate, {
        args: [
          { newExpectedBy: new Date(promised + 40_000).toISOString(), reason: 'Waiting for the courier' },
        ],
      });
      await h.executeUpdate(defs.resolutionUpdate, {
        args: [upheld({ kind: 'voucher', percent: 15, validityDays: 90 })],
      });
      await tellByPhone(h);
      await h.signal(defs.surveyAnswerSignal, { score: 4, stillNeedHelp: false });
      await stageIs(h, 'documentation');
      await h.executeUpdate(defs.documentationUpdate, { args: [documentation] });
    },
  },
  {
    name: 'withdrawn mid-investigation',
    async run(h) {
      await stageIs(h, 'diagnosis');
      await h.executeUpdate(defs.diagnosisUpdate, { args: [diagnosis(50)] });
      await h.executeUpdate(defs.progressUpdate, {
        args: [{ message: 'We asked the courier.', customerVisible: true }],
      });
      await h.signal(defs.withdrawalSignal, { reason: 'Solved elsewhere' });
      await documentSettled(h);
    },
  },
  {
    name: 'missed diagnosis, 3 escalations, approval',
    async run(h) {
      await stageIs(h, 'diagnosis');
      // Missed at 20 s, then up the chain at +20 s and +40 s.
      await waitFor(async () => (await view(h)).escalationLevel >= 3, 'three escalation levels', 90_000, 500);
      await h.executeUpdate(defs.diagnosisUpdate, { args: [diagnosis(50)] });
      await h.executeUpdate(defs.resolutionUpdate, {
        args: [upheld({ kind: 'voucher', percent: 50, validityDays: 90 })],
      });
      await h.executeUpdate(defs.approvalUpdate, {
        args: [{ decision: 'reject', note: 'Too much', supervisorId: 'ewa-nowak' }],
      });
      await h.executeUpdate(defs.resolutionUpdate, {
        args: [upheld({ kind: 'voucher', percent: 15, validityDays: 90 })],
      });
      await tellByPhone(h);
      // The survey goes unanswered (reminder after 15 s, closes after 30 s).
      await stageIs(h, 'documentation', 60_000);
      await h.executeUpdate(defs.documentationUpdate, { args: [documentation] });
    },
  },
  {
    name: 'silent in progress, promised date passes',
    async run(h) {
      await stageIs(h, 'diagnosis');
      await h.executeUpdate(defs.diagnosisUpdate, { args: [diagnosis(50)] });
      // System updates every 15 s; at 50 s the delay notice and an escalation.
      await waitFor(
        async () => (await view(h)).clocks.resolution.state === 'missed',
        'the promised date to pass',
        90_000,
        500,
      );
      await h.executeUpdate(defs.resolutionUpdate, { args: [upheld({ kind: 'replacement' })] });
      await tellByPhone(h);
      await h.executeUpdate(defs.documentationUpdate, { args: [documentation] });
      await h.signal(defs.surveyAnswerSignal, { score: 5, stillNeedHelp: false });
    },
  },
  {
    name: 'bounce, 20 messages, withdrawal (continues as new at 60 events)',
    historyEventLimit: 60,
    async run(h, email) {
      await stageIs(h, 'diagnosis');
      await h.signal(defs.bounceSignal, { email, type: 'HardBounce', inactive: true });
      for (let i = 0; i < 20; i++) {
        await h.signal(defs.customerMessageSignal, {
          text: `Message ${i}`,
          via: 'portal',
          messageId: `m${i}`,
        });
      }
      await waitFor(
        async () => (await view(h)).timeline.filter((e) => e.kind === 'customer-message').length >= 20,
        'the 20 customer messages to be handled',
        60_000,
      );
      // Past 60 events the case continues as new once its handlers are idle; then the withdrawal.
      await waitFor(async () => (await view(h)).continuedAsNew >= 1, 'continue-as-new', 15_000).catch(() =>
        log('  (the bounce case did not continue as new within 15 s; withdrawing anyway)'),
      );
      await h.signal(defs.withdrawalSignal, { reason: 'Solved elsewhere' });
      await documentSettled(h);
    },
  },
];

interface CaseFigure {
  name: string;
  runs: number;
  events: number;
  seconds: number;
  closure: string;
}

/** History length of every run of a workflow, walking back through continue-as-new. */
async function historyLength(client: Client, workflowId: string): Promise<{ runs: number; events: number }> {
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  let runs = 0;
  let events = 0;
  while (runId && runs < 100) {
    const handle: WorkflowHandle = client.workflow.getHandle(workflowId, runId);
    events += (await handle.describe()).historyLength;
    runs++;
    const history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>> = await handle.fetchHistory();
    runId =
      history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return { runs, events };
}

async function lifecyclePhase(stack: Stack): Promise<CaseFigure[]> {
  const policy = shippedPolicy('demo');
  const roster = shippedRoster();
  log(
    `history length: ${scenarios.length} complete cases on the demo policy (${policy.version}), in parallel`,
  );
  return Promise.all(
    scenarios.map(async (scenario) => {
      const began = Date.now();
      const request = complaintRequest();
      const started = await startComplaint(
        {
          client: stack.client,
          taskQueue: stack.taskQueue,
          snapshot: () => ({ policy, roster }),
          historyEventLimit: scenario.historyEventLimit,
        },
        request,
      );
      const handle = stack.client.workflow.getHandle(started.workflowId);
      await withTimeout(scenario.run(handle, request.customer.email ?? ''), 180_000, scenario.name);
      // A closed case completes after the demo policy's 30 s reopen window.
      const record = await withTimeout(
        handle.result() as Promise<CaseRecord>,
        90_000,
        `${scenario.name} result`,
      );
      const { runs, events } = await historyLength(stack.client, started.workflowId);
      const figure: CaseFigure = {
        name: scenario.name,
        runs,
        events,
        seconds: (Date.now() - began) / 1000,
        closure: record.closure ?? record.stage,
      };
      log(`  ${scenario.name}: ${events} events in ${runs} run(s), closed ${figure.closure}`);
      return figure;
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// 4. Starts per second: complaint vs no-op (same server, same worker, same run)

interface StartFigures {
  kind: string;
  n: number;
  seconds: number;
  perSecond: number;
  latencyP50: number;
  latencyP95: number;
  /** From the first start until every case acknowledged / every no-op completed. */
  doneSeconds: number;
}

async function timedStarts(n: number, start: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  const wallStart = Date.now();
  const t0 = performance.now();
  await pool(n, START_CONCURRENCY, async (i) => {
    const s = performance.now();
    await start(i);
    latencies.push(performance.now() - s);
  });
  const seconds = (performance.now() - t0) / 1000;
  return { wallStart, seconds, latencies };
}

function acknowledgementTimes(sandbox: RunningSandbox, caseIds: Set<string>): number[] {
  return sandbox.sandbox.store
    .list({ metadata: [['kind', 'acknowledgement']] })
    .filter((m) => caseIds.has(m.Metadata.caseId))
    .map((m) => Date.parse(m.ReceivedAt));
}

async function startsPhase(stack: Stack): Promise<StartFigures[]> {
  const { client, taskQueue, sandbox } = stack;
  const policy = shippedPolicy();
  const roster = shippedRoster();
  const deps = { client, taskQueue, snapshot: () => ({ policy, roster }) };
  const tag = `${process.pid}-${Date.now()}`;
  const waitingQuery = `TaskQueue = '${taskQueue}' AND WorkflowType = '${defs.currentComplaintWorkflowType}' AND ExecutionStatus = 'Running' AND ComplaintStage = 'diagnosis'`;
  const noopDoneQuery = `TaskQueue = '${taskQueue}' AND WorkflowType = 'noopWorkflow' AND ExecutionStatus = 'Completed'`;
  const startNoop = (id: string) => client.workflow.start('noopWorkflow', { taskQueue, workflowId: id });

  log(`starts: warm-up (${WARMUP_STARTS} of each)`);
  await pool(WARMUP_STARTS, 5, (i) => startComplaint(deps, complaintRequest()).then(() => i));
  await pool(WARMUP_STARTS, 5, (i) => startNoop(`bench-noop-warmup-${tag}-${i}`));
  await waitFor(async () => (await count(client, waitingQuery)) >= WARMUP_STARTS, 'warm-up cases', 120_000);
  await waitFor(async () => (await count(client, noopDoneQuery)) >= WARMUP_STARTS, 'warm-up no-ops', 60_000);

  // No-op workflows.
  log(`starts: ${STARTS} no-op workflows, ${START_CONCURRENCY} at a time`);
  const noopIds = Array.from({ length: STARTS }, (_, i) => `bench-noop-${tag}-${i}`);
  const noop = await timedStarts(STARTS, (i) => startNoop(noopIds[i]));
  await waitFor(
    async () => (await count(client, noopDoneQuery)) >= WARMUP_STARTS + STARTS,
    'every no-op to complete',
    180_000,
    100,
  );
  const idSet = new Set(noopIds);
  let noopLast = 0;
  for await (const wf of client.workflow.list({ query: noopDoneQuery })) {
    if (idSet.has(wf.workflowId) && wf.closeTime) noopLast = Math.max(noopLast, wf.closeTime.getTime());
  }

  // Complaints, through the real intake path (categorise, policy snapshot, search attributes, memo).
  log(`starts: ${STARTS} complaints, ${START_CONCURRENCY} at a time`);
  const caseIds = new Set<string>();
  const complaints = await timedStarts(STARTS, async () => {
    const r = await startComplaint(deps, complaintRequest());
    caseIds.add(r.complaintId);
  });
  const acks = await waitFor(
    () => {
      const times = acknowledgementTimes(sandbox, caseIds);
      return Promise.resolve(times.length >= STARTS ? times : undefined);
    },
    `${STARTS} acknowledgements`,
    300_000,
    100,
  );
  // Not timed: let every case settle on its diagnosis timer before the worker stops.
  await waitFor(
    async () => (await count(client, waitingQuery)) >= WARMUP_STARTS + STARTS,
    'every case to wait on its diagnosis timer',
    120_000,
  );

  const figures = (
    kind: string,
    r: { wallStart: number; seconds: number; latencies: number[] },
    lastDone: number,
  ) => ({
    kind,
    n: STARTS,
    seconds: r.seconds,
    perSecond: STARTS / r.seconds,
    latencyP50: percentile(r.latencies, 50),
    latencyP95: percentile(r.latencies, 95),
    doneSeconds: (lastDone - r.wallStart) / 1000,
  });
  return [figures('complaint', complaints, Math.max(...acks)), figures('no-op', noop, noopLast)];
}

// ---------------------------------------------------------------------------------------------
// 2. Replay time of the committed histories

interface ReplayFigures {
  bundleSeconds: number;
  files: Array<{ file: string; events: number; warm: number[]; cold: number }>;
  cases: Array<{ name: string; warm: number[] }>;
  workerStartMs: number[];
}

async function replayPhase(): Promise<ReplayFigures> {
  const dir = fromRoot('test', 'fixtures', 'histories');
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (!files.length) throw new Error(`no histories in ${dir}`);
  const histories = files.map((f) => ({
    workflowId: path.basename(f, '.json'),
    history: historyFromJSON(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))),
  }));
  const t0 = performance.now();
  const bundle = await workflowBundle();
  const bundleSeconds = (performance.now() - t0) / 1000;
  log(
    `replay: ${files.length} histories x ${REPLAY_ROUNDS} rounds (production bundle, built in ${fmt(bundleSeconds)} s)`,
  );

  const times = new Map<string, number[]>(histories.map((h) => [h.workflowId, []]));
  const workerStartMs: number[] = [];
  for (let round = 0; round < REPLAY_ROUNDS; round++) {
    checkAbort();
    let handedAt = 0;
    const called = performance.now();
    let first = true;
    // Timed from the moment the replay worker takes a history until it reports the result: the
    // bundle and the replay worker's creation are outside the figure.
    function* feed() {
      for (const h of histories) {
        if (first) workerStartMs.push(performance.now() - called);
        first = false;
        handedAt = performance.now();
        yield h;
      }
    }
    for await (const result of Worker.runReplayHistories({ workflowBundle: bundle }, feed())) {
      const ms = performance.now() - handedAt;
      if (result.error) throw new Error(`replay of ${result.workflowId} failed: ${String(result.error)}`);
      times.get(result.workflowId)!.push(ms);
    }
  }
  const perFile = histories.map((h) => {
    const all = times.get(h.workflowId)!;
    if (all.length !== REPLAY_ROUNDS)
      throw new Error(`${h.workflowId}: ${all.length} replays of ${REPLAY_ROUNDS}`);
    return { file: h.workflowId, events: h.history.events?.length ?? 0, cold: all[0], warm: all.slice(1) };
  });
  // A complete case is every run of it: "name.1", "name.2", ... summed per round.
  const caseNames = [...new Set(perFile.map((f) => f.file.replace(/\.\d+$/, '')))];
  const cases = caseNames.map((name) => {
    const runs = perFile.filter((f) => f.file.replace(/\.\d+$/, '') === name);
    return { name, warm: runs[0].warm.map((_, i) => sum(runs.map((r) => r.warm[i]))) };
  });
  return { bundleSeconds, files: perFile, cases, workerStartMs };
}

// ---------------------------------------------------------------------------------------------
// 3. Worker memory with open cases waiting on timers (the production worker in its own process)

// Preloaded (-r) into the worker process: in the main thread and in every worker thread (the
// workflows run in a worker thread), so the heap of each V8 isolate can be reported.
const PROBE_SOURCE = `'use strict';
const v8 = require('node:v8');
const wt = require('node:worker_threads');
const channel = new wt.BroadcastChannel('complaint-desk-bench-memory');
function heap() {
  if (typeof globalThis.gc === 'function') globalThis.gc();
  const h = v8.getHeapStatistics();
  return { threadId: wt.threadId, used: h.used_heap_size, total: h.total_heap_size, limit: h.heap_size_limit };
}
if (wt.isMainThread) {
  const replies = new Map();
  channel.onmessage = (event) => {
    const m = event.data;
    if (m && m.type === 'reply' && replies.has(m.id)) replies.get(m.id).push(m.heap);
  };
  process.on('message', (msg) => {
    if (!msg || msg.type !== 'bench-measure') return;
    const threads = [];
    replies.set(msg.id, threads);
    channel.postMessage({ type: 'request', id: msg.id });
    setTimeout(() => {
      replies.delete(msg.id);
      process.send({ type: 'bench-memory', id: msg.id, main: heap(), threads });
    }, 1500);
  });
  if (process.channel) process.channel.unref();
} else {
  channel.onmessage = (event) => {
    const m = event.data;
    if (m && m.type === 'request') channel.postMessage({ type: 'reply', id: m.id, heap: heap() });
  };
}
channel.unref();
`;

interface IsolateHeap {
  threadId: number;
  used: number;
  total: number;
  limit: number;
}
interface MemorySample {
  rss: number;
  hwm: number;
  main: IsolateHeap;
  threads: IsolateHeap[];
}
interface MemoryFigures {
  before: MemorySample;
  after: MemorySample;
  cases: number;
  startSeconds: number;
  waitingSeconds: number;
  defaultMaxCachedWorkflows: number;
}

/** The SDK's default (worker-options.js, reuseV8Context: true): from the main isolate's heap limit. */
const sdkDefaultMaxCachedWorkflows = (heapLimitBytes: number) =>
  Math.max(Math.floor((Math.max(heapLimitBytes / 1024 / 1024 - 200, 0) * 600) / 1024), 10);

function procStatusKb(pid: number, field: string): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(m[1]) * 1024;
}

class ChildWorker {
  private output = '';
  private exited: string | undefined;
  private nextId = 1;
  readonly process: ChildProcess;

  constructor(probe: string, env: NodeJS.ProcessEnv) {
    const entry = path.join(__dirname, '..', 'worker', 'index.js');
    this.process = spawn(process.execPath, ['--expose-gc', '-r', probe, entry], {
      cwd: fromRoot(),
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const collect = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-6000));
    this.process.stdout?.on('data', collect);
    this.process.stderr?.on('data', collect);
    this.process.on('exit', (code, signal) => (this.exited = `code ${code}, signal ${signal}`));
  }

  get pid(): number {
    return this.process.pid!;
  }

  alive(): void {
    if (this.exited) throw new Error(`the worker process exited (${this.exited}):\n${this.output}`);
  }

  async ready(timeoutMs: number): Promise<void> {
    await waitFor(
      () => {
        this.alive();
        return Promise.resolve(this.output.includes('polling task queue'));
      },
      'the worker process to poll',
      timeoutMs,
    );
  }

  async measure(): Promise<MemorySample> {
    this.alive();
    const rss = procStatusKb(this.pid, 'VmRSS');
    const hwm = procStatusKb(this.pid, 'VmHWM');
    const id = this.nextId++;
    const reply = new Promise<{ main: IsolateHeap; threads: IsolateHeap[] }>((resolve) => {
      const onMessage = (m: { type?: string; id?: number; main: IsolateHeap; threads: IsolateHeap[] }) => {
        if (m?.type === 'bench-memory' && m.id === id) {
          this.process.off('message', onMessage);
          resolve(m);
        }
      };
      this.process.on('message', onMessage);
    });
    this.process.send({ type: 'bench-measure', id });
    const { main, threads } = await withTimeout(reply, 15_000, 'the worker process to report its heap');
    return { rss, hwm, main, threads };
  }

  async stop(): Promise<void> {
    if (this.exited || this.process.exitCode !== null) return;
    const done = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    if (this.process.connected) this.process.disconnect();
    this.process.kill('SIGTERM'); // Worker.run() shuts down gracefully
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 20_000);
    await done;
    clearTimeout(timer);
  }
}

async function memoryPhase(stack: Stack, tmp: string, cleanups: Array<() => Promise<void>>) {
  const taskQueue = 'bench-memory';
  const probe = path.join(tmp, 'memory-probe.js');
  fs.writeFileSync(probe, PROBE_SOURCE);
  // Only our settings reach the worker: nothing from this shell (no real Postmark token, no policy).
  const configKeys = new Set(Object.keys(ConfigSchema.shape));
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !configKeys.has(k) && k !== 'NODE_OPTIONS'),
  );
  Object.assign(env, {
    TEMPORAL_ADDRESS: stack.address,
    TEMPORAL_NAMESPACE: NAMESPACE,
    TEMPORAL_TASK_QUEUE: taskQueue,
    DATA_DIR: path.join(tmp, 'data-worker-process'),
    COMPLAINT_KEYS_DIR: path.join(tmp, 'keys'), // the bench's client encrypts with the same keys
    POSTMARK_SANDBOX_HOST: HOST,
    POSTMARK_SANDBOX_PORT: String(stack.sandbox.port),
    PUBLIC_BASE_URL: 'http://localhost:3999',
  });
  const store = await embeddedStoreProcess(path.join(tmp, 'store')); // the worker needs its store
  cleanups.push(() => Promise.resolve(store.stop()));
  env.DATABASE_URL = store.url;
  // The worker keeps case keys in its case store: this phase's client encrypts with those.
  const client = new Client({
    connection: stack.client.connection,
    namespace: NAMESPACE,
    dataConverter: complaintDataConverter({ keysDir: path.join(tmp, 'keys'), databaseUrl: store.url }),
  });
  log('memory: starting the worker process (node dist/worker/index.js; it bundles the workflows)');
  const child = new ChildWorker(probe, env);
  startedPids.add(child.pid);
  cleanups.push(() => child.stop());
  await child.ready(180_000);
  await sleep(3000);
  const before = await child.measure();
  log(`memory: idle worker RSS ${mib(before.rss)}; starting ${OPEN_CASES} complaints (default policy)`);

  const policy = shippedPolicy();
  const roster = shippedRoster();
  const t0 = performance.now();
  await pool(OPEN_CASES, START_CONCURRENCY, (i) =>
    startComplaint(
      { client: client, taskQueue, snapshot: () => ({ policy, roster }) },
      complaintRequest(),
    ).then(() => i),
  );
  const startSeconds = (performance.now() - t0) / 1000;
  const query = `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running' AND ComplaintStage = 'diagnosis'`;
  let lastReport = 0;
  await waitFor(
    async () => {
      child.alive();
      const n = await count(client, query);
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        log(`memory: ${n}/${OPEN_CASES} cases acknowledged and waiting on the diagnosis timer`);
      }
      return n >= OPEN_CASES;
    },
    `${OPEN_CASES} cases in stage diagnosis`,
    480_000,
    1000,
  );
  const waitingSeconds = (performance.now() - t0) / 1000;
  await sleep(3000);
  const after = await child.measure();
  await child.stop();
  return {
    before,
    after,
    cases: OPEN_CASES,
    startSeconds,
    waitingSeconds,
    defaultMaxCachedWorkflows: sdkDefaultMaxCachedWorkflows(after.main.limit),
  } satisfies MemoryFigures;
}

// ---------------------------------------------------------------------------------------------
// Report

function cliVersion(): string {
  try {
    const r = spawnSync(temporalCli().path, ['--version'], { encoding: 'utf8', timeout: 10_000 });
    return (r.stdout || r.stderr || '').trim().split('\n')[0] || 'unknown';
  } catch {
    return 'unknown';
  }
}

function report(
  cases: CaseFigure[],
  starts: StartFigures[],
  replay: ReplayFigures,
  memory: MemoryFigures,
  inProcessCache: number,
): void {
  const cpus = os.cpus();
  console.log('\n=== complaint-desk lifecycle benchmark (issue #3) ===');
  console.log(
    `Machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${mib(os.totalmem())} RAM, ` +
      `${os.platform()} ${os.release()}, Node ${process.version}, ${cliVersion()} (dev server, in memory)`,
  );

  console.log('\n1. History length of complete cases (demo policy, dev server, summed over runs)');
  console.log(
    table([
      ['case', 'runs', 'events', 'wall s', 'closed'],
      ...cases.map((c) => [c.name, String(c.runs), String(c.events), fmt(c.seconds), c.closure]),
    ]),
  );
  const lengths = cases.map((c) => c.events);
  const longest = cases.reduce((a, b) => (b.events > a.events ? b : a));

  console.log('\n2. Replay of the committed histories (test/fixtures/histories)');
  console.log(
    table([
      ['history', 'events', 'cold ms', 'warm mean', 'warm p50', 'warm max'],
      ...replay.files.map((f) => [
        f.file,
        String(f.events),
        fmt(f.cold),
        fmt(mean(f.warm)),
        fmt(percentile(f.warm, 50)),
        fmt(Math.max(...f.warm)),
      ]),
    ]),
  );
  const warmAll = replay.files.flatMap((f) => f.warm);
  const caseAll = replay.cases.flatMap((c) => c.warm);
  console.log(
    `  cold = round 1 of ${REPLAY_ROUNDS}; warm = rounds 2..${REPLAY_ROUNDS}. Bundle built in ${fmt(replay.bundleSeconds)} s; ` +
      `replay worker creation ${fmt(mean(replay.workerStartMs))} ms mean per round (both excluded).`,
  );

  console.log(`\n3. Worker memory (separate process: node dist/worker/index.js, ${memory.cases} open cases)`);
  const heapUsed = (s: MemorySample) => s.main.used + sum(s.threads.map((t) => t.used));
  const heapTotal = (s: MemorySample) => s.main.total + sum(s.threads.map((t) => t.total));
  const threadsUsed = (s: MemorySample) => sum(s.threads.map((t) => t.used));
  console.log(
    table([
      ['', 'idle', `${memory.cases} waiting`, 'per case'],
      [
        'RSS (VmRSS)',
        mib(memory.before.rss),
        mib(memory.after.rss),
        `${fmt((memory.after.rss - memory.before.rss) / memory.cases / 1024)} KiB`,
      ],
      ['RSS peak (VmHWM)', mib(memory.before.hwm), mib(memory.after.hwm), ''],
      [
        'V8 heap used, all isolates, after GC',
        mib(heapUsed(memory.before)),
        mib(heapUsed(memory.after)),
        `${fmt((heapUsed(memory.after) - heapUsed(memory.before)) / memory.cases / 1024)} KiB`,
      ],
      ['  of which workflow thread(s)', mib(threadsUsed(memory.before)), mib(threadsUsed(memory.after)), ''],
      ['V8 heap total, all isolates', mib(heapTotal(memory.before)), mib(heapTotal(memory.after)), ''],
    ]),
  );
  console.log(
    `  Workflow cache: maxCachedWorkflows default = ${memory.defaultMaxCachedWorkflows} in the worker process ` +
      `(SDK: max(10, (heap limit MiB - 200) * 600 / 1024), heap limit ${mib(memory.after.main.limit)}; the ` +
      `in-process bench worker compiled ${inProcessCache}), so all ${memory.cases} cases stay cached` +
      `${memory.cases > memory.defaultMaxCachedWorkflows ? ' (NOT: more cases than the cache; evicted ones cost no worker memory)' : ''}. ` +
      `Beyond the cache, memory stops growing: evicted cases are replayed from history when they wake.`,
  );
  console.log(
    `  ${memory.cases} starts took ${fmt(memory.startSeconds)} s; all waiting on the diagnosis timer after ${fmt(memory.waitingSeconds)} s.`,
  );

  console.log(`\n4. Starts per second (same server, same in-process worker, ${START_CONCURRENCY} in flight)`);
  console.log(
    table([
      ['workflow', 'n', 'start s', 'starts/s', 'p50 ms', 'p95 ms', 'until all done s'],
      ...starts.map((s) => [
        s.kind,
        String(s.n),
        fmt(s.seconds, 2),
        fmt(s.perSecond),
        fmt(s.latencyP50),
        fmt(s.latencyP95),
        fmt(s.doneSeconds, 2),
      ]),
    ]),
  );
  const complaint = starts.find((s) => s.kind === 'complaint')!;
  const noop = starts.find((s) => s.kind === 'no-op')!;
  console.log(
    '  "until all done": complaint = every acknowledgement accepted by the Postmark sandbox; no-op = every workflow completed.',
  );

  console.log('\n=== Figures ===');
  console.log(
    table([
      ['figure', 'value'],
      ['History length, typical (median of complete cases)', `${fmt(median(lengths), 0)} events`],
      ['History length, longest', `${longest.events} events (${longest.name})`],
      [
        'Replay per history file (warm: mean / p50 / max)',
        `${fmt(mean(warmAll))} / ${fmt(percentile(warmAll, 50))} / ${fmt(Math.max(...warmAll))} ms`,
      ],
      [
        'Replay per complete case (runs summed; warm: mean / max)',
        `${fmt(mean(caseAll))} / ${fmt(Math.max(...caseAll))} ms`,
      ],
      [
        'Replay, cold first round (max per history)',
        `${fmt(Math.max(...replay.files.map((f) => f.cold)))} ms`,
      ],
      ['Worker RSS, idle', mib(memory.before.rss)],
      [`Worker RSS, ${memory.cases} open cases on timers`, mib(memory.after.rss)],
      [
        `Worker V8 heap used (after GC), idle -> ${memory.cases} cases`,
        `${mib(heapUsed(memory.before))} -> ${mib(heapUsed(memory.after))}`,
      ],
      ['Workflow cache size (maxCachedWorkflows default)', String(memory.defaultMaxCachedWorkflows)],
      ['Complaint starts/s', fmt(complaint.perSecond)],
      ['No-op starts/s', fmt(noop.perSecond)],
      ['Ratio complaint / no-op starts/s', fmt(complaint.perSecond / noop.perSecond, 2)],
      [
        `Until all ${STARTS} acknowledged vs all ${STARTS} no-ops completed`,
        `${fmt(complaint.doneSeconds, 2)} s vs ${fmt(noop.doneSeconds, 2)} s`,
      ],
      ['Benchmark wall time', `${fmt((Date.now() - benchStarted) / 1000)} s`],
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
  const cleanups: Array<() => Promise<void>> = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'complaint-desk-bench-'));
  cleanups.push(() => Promise.resolve(fs.rmSync(tmp, { recursive: true, force: true })));
  try {
    log(
      `settings: BENCH_STARTS=${STARTS} BENCH_START_CONCURRENCY=${START_CONCURRENCY} ` +
        `BENCH_OPEN_CASES=${OPEN_CASES} BENCH_REPLAY_ROUNDS=${REPLAY_ROUNDS} BENCH_TIMEOUT_S=${TIMEOUT_MS / 1000}`,
    );
    const port = await freePort(HOST);
    log(`starting the Temporal dev server on ${HOST}:${port} (headless, in memory)`);
    const server = await startDevServer({
      host: HOST,
      port,
      namespace: NAMESPACE,
      retentionSeconds: 24 * 3600,
      logFile: path.join(tmp, 'dev-server.log'),
    });
    if (server.process.pid) startedPids.add(server.process.pid);
    cleanups.push(() => server.stop());
    const sandbox = await startSandbox({ port: 0, host: HOST, dataDir: path.join(tmp, 'postmark-sandbox') });
    cleanups.push(() => sandbox.close());
    const connection = await Connection.connect({ address: server.address });
    cleanups.push(() => connection.close());
    // Encrypted, as in production (bench/codec.ts measures what that costs).
    const dataConverter = complaintDataConverter({ keysDir: path.join(tmp, 'keys') });
    const client = new Client({ connection, namespace: NAMESPACE, dataConverter });
    const nativeConnection = await NativeConnection.connect({ address: server.address });
    cleanups.push(() => nativeConnection.close());

    const taskQueue = 'bench-in-process';
    const config = loadConfig({
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_NAMESPACE: NAMESPACE,
      TEMPORAL_TASK_QUEUE: taskQueue,
      DATA_DIR: path.join(tmp, 'data-in-process'),
      POSTMARK_SANDBOX_HOST: HOST,
      POSTMARK_SANDBOX_PORT: String(sandbox.port),
      PUBLIC_BASE_URL: 'http://localhost:3999',
      COMPLAINT_KEYS_DIR: path.join(tmp, 'keys'),
    });
    const stack: Stack = { client, taskQueue, sandbox, address: server.address };

    log('bundling the bench workflows (complaint + no-op) for the in-process worker');
    const worker = await Worker.create({
      connection: nativeConnection,
      namespace: NAMESPACE,
      taskQueue,
      workflowsPath: require.resolve('./workflows'),
      interceptors: { workflowModules: workflowInterceptorModules },
      dataConverter,
      activities: activitiesFor(config, client),
    });
    const inProcessCache = worker.options.maxCachedWorkflows;
    const { cases, starts } = await worker.runUntil(async () => {
      const cases = await lifecyclePhase(stack);
      const starts = await startsPhase(stack);
      return { cases, starts };
    });
    const replay = await replayPhase();
    const memory = await memoryPhase(stack, tmp, cleanups);
    report(cases, starts, replay, memory, inProcessCache);
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await withTimeout(cleanup(), 30_000, 'cleanup', true);
      } catch (err) {
        console.error(`[bench] cleanup: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    abortReason = `interrupted by ${signal}`;
  });
}
// Last resort if something hangs past the budget and the cleanup: never leave the run open.
setTimeout(() => {
  console.error('[bench] failed: still running 60 s past BENCH_TIMEOUT_S');
  for (const pid of startedPids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  process.exit(1);
}, TIMEOUT_MS + 60_000).unref();

main().then(
  () => {
    log('done');
    process.exit(0);
  },
  (err: unknown) => {
    console.error(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
