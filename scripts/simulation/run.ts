// A simulated month on the real engine: N complaints arrive over D days on the time-skipping test
// server, run by the real complaint workflow, worker and activities (e-mails through the real
// postmark client into a local sandbox), and a simulated team and customers (domain/simulation)
// act on them. Time is driven explicitly: the server skips ahead to the next moment any case needs a
// look (a move or a deadline), the team acts, and so on to the end of the period.
//
// A large month runs in slices: independent populations of at most `sliceSize` cases, each on a fresh
// time-skipping server, worker and store, with arrivals spread over the same days and seeds derived
// from the main seed; their reports are added up (domain/simulation/report.ts combinedReport). One
// time-skipping server with several hundred cases stalls (it records a workflow task as started that
// no worker holds, and time stays locked), at a rate that grows with the cases it holds; 100 do not.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { caseSummary } from '../../domain/archive/summary';
import { casePlan, defaultBehaviour, type Behaviour } from '../../domain/simulation/agents';
import { arrivals, simulatedComplaint } from '../../domain/simulation/complaints';
import {
  combinedReport,
  simulationReport,
  sliceSizes,
  type SimulationReport,
} from '../../domain/simulation/report';
import { startComplaint } from '../../api/intake';
import { loadPolicy, loadRoster } from '../../infra/policy-files';
import { fromRoot } from '../../infra/paths';
import { Worker } from '@temporalio/worker';
import { complaintDataConverter, keySettings } from '../../infra/codec';
import { loadConfig } from '../../infra/config';
import { openStore } from '../../infra/store';
import { startEmbeddedStore } from '../../infra/store/embedded';
import { startTimeSkipping } from '../../infra/time-skipping';
import { startSandbox } from '../../sandbox/server';
import { activitiesFor } from '../../worker';
import { workflowBundle } from '../../worker/bundle';
import { Team } from './team';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface SimulationOptions {
  cases: number;
  days: number;
  seed: string;
  behaviour?: Behaviour;
  /** The policy file the cases start on (default: policy/default.json). */
  policyFile?: string;
  /** The shortest step of simulated time: what falls due within it is handled together. */
  stepMs?: number;
  progress?: (line: string) => void;
  /** The case store the workflow records cases in; absent: an embedded one in memory for the run. */
  databaseUrl?: string;
  /** At most this many cases on one time-skipping server (default 100). */
  sliceSize?: number;
  /** Slices run at once (default 1). */
  parallel?: number;
}

interface SliceOptions extends Omit<SimulationOptions, 'sliceSize' | 'parallel'> {
  /** The number of the slice's first complaint in the whole month (names and references stay unique). */
  firstCase: number;
  /** Closing of wedged servers, done when the month is over. */
  later: (() => Promise<void>)[];
}

export interface SimulationResult {
  report: SimulationReport;
  wallMs: number;
  moves: number;
  refused: number;
  timeouts: number;
  reads: number;
  emails: number;
  /** Case records the workflow wrote to the store (one per case, at its latest version). */
  records: number;
  /** Of those, records with intake facts (a carrier, product or place), and with a root-cause category. */
  withFacts: number;
  categorised: number;
  /** How often the time-skipping server had to be mended (see mended). */
  unlocks: number;
  /** The independent slices the month ran as (1 up to sliceSize cases). */
  slices: number;
  /** Slices run again from the start because their test server wedged. */
  rerun: number;
}

export async function simulate(opts: SimulationOptions): Promise<SimulationResult> {
  const wallStart = Date.now();
  const sizes = sliceSizes(opts.cases, opts.sliceSize ?? 100);
  // Several slices share one embedded store (one PGlite each would start several WebAssembly databases
  // at once, which times out on a loaded machine); their cases never collide (ids are unique).
  const shared = opts.databaseUrl || sizes.length === 1 ? undefined : await startEmbeddedStore({});
  const later: (() => Promise<void>)[] = [];
  const slices = sizes.map((cases, i) => ({
    ...opts,
    later,
    databaseUrl: opts.databaseUrl ?? shared?.url,
    cases,
    // One slice keeps the main seed, so a small run is the same as before slicing.
    seed: sizes.length === 1 ? opts.seed : `${opts.seed}/${i + 1}`,
    firstCase: sizes.slice(0, i).reduce((a, b) => a + b, 0),
    progress: (line: string) =>
      opts.progress?.(sizes.length === 1 ? line : `slice ${i + 1}/${sizes.length}: ${line}`),
  }));
  const results: SimulationResult[] = [];
  let next = 0;
  let rerun = 0;
  const lane = async () => {
    while (next < slices.length) {
      const slice = slices[next++];
      // A wedged server loses the whole slice: it runs again from the start on a fresh server with a
      // seed derived from its own (a seed tends to wedge again at the same simulated moment), so the
      // slice's cases are drawn anew.
      for (let attempt = 1; ; attempt++) {
        try {
          const seed = attempt === 1 ? slice.seed : `${slice.seed}~${attempt}`;
          results.push(await simulateSlice({ ...slice, seed }));
          break;
        } catch (err) {
          if (!(err instanceof SliceWedged) || attempt >= 4) throw err;
          rerun++;
          slice.progress(`the test server wedged: running the slice again (attempt ${attempt + 1})`);
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(opts.parallel ?? 1, slices.length) }, lane));
  } finally {
    for (const close of later) await close().catch(() => undefined);
    await shared?.stop();
  }
  type Counted = 'moves' | 'refused' | 'timeouts' | 'reads' | 'emails' | 'records' | 'unlocks';
  const sum = (k: Counted | 'withFacts' | 'categorised') => results.reduce((a, r) => a + r[k], 0);
  return {
    report: combinedReport(results.map((r) => r.report)),
    wallMs: Date.now() - wallStart,
    moves: sum('moves'),
    refused: sum('refused'),
    timeouts: sum('timeouts'),
    reads: sum('reads'),
    emails: sum('emails'),
    records: sum('records'),
    withFacts: sum('withFacts'),
    categorised: sum('categorised'),
    unlocks: sum('unlocks'),
    slices: slices.length,
    rerun,
  };
}

/** The time-skipping server of a slice stays stalled whatever is unlocked. */
class SliceWedged extends Error {
  constructor() {
    super('the time-skipping test server stayed stalled with the worker idle');
  }
}

/**
 * A slice's engine: a time-skipping server, a Postmark sandbox and the worker's settings (task queue,
 * case keys) in a temporary folder; close() removes the sandbox and the folder, env.teardown() the server.
 */
async function sliceEngine() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'complaint-desk-simulation-'));
  const sandbox = await startSandbox({ port: 0, dataDir: path.join(dataDir, 'postmark-sandbox') });
  const config = loadConfig({
    DATA_DIR: dataDir,
    POSTMARK_SANDBOX_PORT: String(sandbox.port),
    TEMPORAL_TASK_QUEUE: 'complaints-simulation',
    PUBLIC_BASE_URL: 'http://localhost:3999',
  });
  const env = await startTimeSkipping(complaintDataConverter(keySettings(config)));
  return {
    env,
    sandbox,
    config,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    close: async () => {
      await sandbox.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function simulateSlice(opts: SliceOptions): Promise<SimulationResult> {
  let wedged = false;
  const wallStart = Date.now();
  const behaviour = opts.behaviour ?? defaultBehaviour;
  const policy = loadPolicy(opts.policyFile ?? fromRoot('policy', 'default.json'));
  const roster = loadRoster(fromRoot('policy', 'roster.json'));
  const stepMs = opts.stepMs ?? 10 * MINUTE;
  const embedded = opts.databaseUrl ? undefined : await startEmbeddedStore({});
  const store = await openStore({ DATABASE_URL: opts.databaseUrl ?? embedded!.url, DATABASE_POOL_MAX: 4 });
  const { env, ...stack } = await sliceEngine();
  // Derived from the seed: case ids, and with them each case's plan (casePlan is seeded by the case
  // id), are the same in every run of a seed — a random key made each run a different month.
  const externalIdKey = crypto.createHash('sha256').update(`simulation:${opts.seed}`).digest('base64url');
  const bundle = await workflowBundle();
  const startWorker = async () => {
    const w = await Worker.create({
      connection: env.nativeConnection,
      namespace: stack.config.TEMPORAL_NAMESPACE,
      taskQueue: stack.taskQueue,
      workflowBundle: bundle,
      dataConverter: complaintDataConverter(keySettings(stack.config)),
      activities: activitiesFor(stack.config, env.client, store),
    });
    const running = w.run();
    running.catch((err: unknown) => opts.progress?.(`the worker stopped: ${String(err)}`));
    return { w, running };
  };
  const worker = await startWorker();
  const recoveries = { unlocks: 0 };
  let lastAdvance = Date.now();
  /**
   * Waits for `work`, mending the time-skipping test server when it stalls. Under load the test server
   * now and then leaves a workflow task started that no worker holds, and time stays locked: the
   * workflow's next timer never fires and env.sleep never returns. When nothing moves for a while
   * with the worker idle, time skipping is unlocked (the stale task times out and is given again).
   */
  const mended = async <T>(work: Promise<T>): Promise<T> => {
    let stalls = 0;
    let unlocked = 0;
    for (;;) {
      const result = await Promise.race([
        work.then((value) => ({ value })),
        new Promise<undefined>((r) => setTimeout(() => r(undefined), 5_000)),
      ]);
      if (result) {
        // Locked again once the work is done: left unlocked, time would run free for the rest of the
        // slice and the month would depend on the machine's speed (the team misses what it skips).
        for (; unlocked > 0; unlocked--) await env.connection.testService?.lockTimeSkipping({});
        return result.value;
      }
      const status = worker.w.getStatus();
      if (status.numInFlightWorkflowActivations > 0 || status.numInFlightActivities > 0) continue;
      stalls++;
      // Stalled, and no new simulated day for two minutes across reads and sleeps: a run is wedged for
      // good (a refused completion leaves its workflow task started forever, sdk-java#3088), and
      // with time locked the server crawls at wall-clock speed; this server is lost.
      if (stalls >= 3 && Date.now() - lastAdvance > 120_000) {
        work.catch(() => undefined);
        throw new SliceWedged();
      }
      if (stalls % 3 === 1) {
        recoveries.unlocks++;
        opts.progress?.('time stalled with the worker idle: unlocking time skipping');
        await env.connection.testService?.unlockTimeSkipping({}).then(
          () => void unlocked++,
          () => undefined,
        );
      }
    }
  };
  try {
    const team = new Team({
      client: env.client,
      seed: opts.seed,
      behaviour,
      supervisorId: roster.supervisors[0].id,
      documentation: policy.documentation,
      recheckMs: stepMs,
      concurrency: 16,
      callTimeoutMs: 15_000,
    });
    const start = await env.currentTimeMs();
    const end = start + opts.days * DAY;
    const due = arrivals(opts.seed, opts.cases, start, opts.days * DAY);
    let next = 0;
    let lastDay = -1;
    let phase = 'starting';
    let phaseSince = Date.now();
    const setPhase = (p: string) => {
      phase = p;
      phaseSince = Date.now();
    };
    const watchdog = setInterval(() => {
      if (Date.now() - phaseSince > 15_000)
        opts.progress?.(`still ${phase} after ${((Date.now() - phaseSince) / 1000).toFixed(0)} s`);
    }, 15_000);
    watchdog.unref();
    for (;;) {
      const now = await env.currentTimeMs();
      const started: Promise<unknown>[] = [];
      for (; next < due.length && due[next] <= now; next++) {
        const complaint = simulatedComplaint(opts.seed, opts.firstCase + next, now);
        started.push(
          startComplaint(
            {
              client: env.client,
              taskQueue: stack.taskQueue,
              snapshot: () => ({ policy, roster }),
              // The simulated complaints carry external ids; their case ids are keyed (api/intake.ts).
              externalIdKey,
            },
            { ...complaint, receivedAt: new Date(now).toISOString() },
          ).then((r) => team.follow(r.workflowId, now + stepMs)),
        );
      }
      setPhase('starting complaints');
      await Promise.all(started);
      setPhase('acting');
      await mended(team.act(now));
      const day = Math.floor((now - start) / DAY);
      if (day !== lastDay) {
        lastDay = day;
        lastAdvance = Date.now();
        opts.progress?.(
          `day ${day}: ${next} cases started, ${team.counts.moves} moves, ${((Date.now() - wallStart) / 1000).toFixed(0)} s`,
        );
      }
      const wake = Math.min(team.nextWakeAt(), due[next] ?? Infinity, end);
      if (now >= end) break;
      setPhase('sleeping');
      // A minute past the moment, so what the engine does at that moment (a deadline fires, e-mails go
      // out) is over before the team reads the case: reading a case mid-task is what makes the
      // time-skipping server lose workflow tasks.
      await mended(env.sleep(Math.max(wake - now + MINUTE, stepMs)));
    }
    clearInterval(watchdog);
    const views = await team.refresh();
    const report = simulationReport(
      views.map((v) => {
        const plan = casePlan(opts.seed, v.complaintId, behaviour);
        return { summary: caseSummary(v, 0), owner: plan.owner, customer: plan.customer };
      }),
      { from: new Date(start).toISOString(), to: new Date(end).toISOString() },
    );
    const res = await fetch(`${stack.sandbox.url}/sandbox/messages`);
    const emails = ((await res.json()) as { messages: unknown[] }).messages.length;
    const ids = views.map((v) => v.complaintId);
    const counted = await store.query<{ n: string; facts: string; categorised: string }>(
      `SELECT count(*) AS n,
              count(*) FILTER (WHERE carrier IS NOT NULL OR product_sku IS NOT NULL OR location IS NOT NULL) AS facts,
              count(*) FILTER (WHERE root_cause_category IS NOT NULL) AS categorised
         FROM case_records WHERE complaint_id = ANY($1)`,
      [ids],
    );
    const records = Number(counted.rows[0].n);
    const withFacts = Number(counted.rows[0].facts);
    const categorised = Number(counted.rows[0].categorised);
    return {
      report,
      wallMs: Date.now() - wallStart,
      ...team.counts,
      emails,
      records,
      withFacts,
      categorised,
      ...recoveries,
      slices: 1,
      rerun: 0,
    };
  } catch (err) {
    wedged = err instanceof SliceWedged;
    throw err;
  } finally {
    worker.w.shutdown();
    await worker.running.catch(() => undefined);
    const close = async () => {
      await stack.close();
      await env.teardown();
      await store.end();
      await embedded?.stop();
    };
    // A wedged server still has the team's calls retrying against it: closing its connection now
    // would throw from their retry timers, so it is closed when the whole month is over.
    if (wedged) opts.later.push(close);
    else await close();
  }
}
