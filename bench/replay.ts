// The cost of waking an evicted case: replaying its history. Every recorded complete case
// (test/fixtures/histories) is replayed with the production bundle and data converter by ONE replay
// worker per round (as a running worker replays an evicted case: bundle and worker exist already),
// timed from the moment the worker takes the history until it reports the result. Round 1 is "cold"
// (first use of the code paths); the figure is the median of the other rounds per complete case (all
// runs of a continued case summed). With --profile, the warm rounds run under the V8 profiler and the
// functions with the most self time are printed, so the figure can be explained.
//
//   npm run build && node dist/bench/replay.js [--rounds 12] [--profile]
import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { failureConverterPath } from '../infra/codec';
import { fromRoot } from '../infra/paths';
import {
  historyDataConverter,
  testDataConverter,
  timeSkippingEnvironment,
  workflowBundle,
} from '../test/helpers/stack';
import { workflowInterceptorModules, workflowsPath } from '../worker';
// Only for the experiment below: the SDK's hook that records a stack trace for every promise a
// workflow creates (for the Web UI's stack trace query). Never switched off in the product.
import { globalHandlers } from '@temporalio/worker/lib/workflow/vm-shared';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length
    ? s.length % 2
      ? s[(s.length - 1) / 2]
      : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
    : NaN;
};
const fmt = (n: number) => n.toFixed(1);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Self time per function and per place, summed over the profiles given; biggest first. */
class SelfTime {
  private readonly fns = new Map<string, number>();
  private readonly places = new Map<string, number>();
  private total = 0;

  add(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }): void {
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    profile.samples.forEach((id, i) => {
      const us = profile.timeDeltas[i];
      const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
      const file = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\//, '');
      const fn = `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
      const place = file.startsWith('@temporalio/')
        ? file.split('/').slice(0, 3).join('/')
        : file.startsWith('workflow-bundle')
          ? 'workflow bundle (the SDK inside the sandbox and our workflow code)'
          : file.startsWith('node:')
            ? 'Node internals'
            : functionName || file;
      this.fns.set(fn, (this.fns.get(fn) ?? 0) + us);
      this.places.set(place, (this.places.get(place) ?? 0) + us);
      this.total += us;
    });
  }

  report(n: number): string {
    const rows = (m: Map<string, number>) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(
          ([k, us]) =>
            `  ${fmt(us / 1000).padStart(8)} ms ${fmt((100 * us) / this.total).padStart(5)} %  ${k}`,
        )
        .join('\n');
    return `  ${fmt(this.total / 1000)} ms sampled. Self time by place:\n${rows(this.places)}\n  Top functions by self time:\n${rows(this.fns)}`;
  }
}

async function main(): Promise<void> {
  const rounds = Math.max(2, Number(arg('rounds', '12')));
  const profile = process.argv.includes('--profile');
  const dir = fromRoot('test', 'fixtures', 'histories');
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const histories = files.map((f) => ({
    workflowId: path.basename(f, '.json'),
    history: historyFromJSON(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))),
  }));
  // The production bundle, and an experiment: the workflows' pure modules preloaded once per
  // worker thread and shared by every case (the bundler's preloadModules). Measured, then withdrawn
  // from the worker: with it, a case taken over by a new worker process failed to replay on Node 24
  // (test/integration/engine.test.ts), and the cause is not understood yet.
  const shared = [
    '../domain/lifecycle',
    '../domain/categorise',
    '../domain/owner',
    '../domain/locale-defaults',
    '../domain/clock',
    '../domain/compensation',
    '../domain/escalation',
    '../domain/rules',
    '../domain/case',
    '../workflows/definitions',
    '../infra/search-attributes',
  ].map((m) => require.resolve(m));
  const variants: [string, WorkflowBundleWithSourceMap][] = [
    ['production bundle', await workflowBundle()],
    [
      'shared modules (experiment)',
      await bundleWorkflowCode({
        workflowsPath,
        workflowInterceptorModules,
        failureConverterPath,
        preloadModules: shared,
        logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} },
      }),
    ],
  ];
  // An experiment, not a product setting: what the SDK's per-promise stack traces cost in a replay.
  const withoutStackTraces = 'production, SDK promise stack traces off (experiment)';
  if (process.argv.includes('--no-stack-experiment') === false)
    variants.push([withoutStackTraces, variants[0][1]]);
  const install = globalHandlers.install.bind(globalHandlers);
  const stackTraces = (on: boolean) => {
    if (on) {
      globalHandlers.install = install;
      install();
    } else {
      globalHandlers.uninstall();
      globalHandlers.promiseHookInstalled = false;
      globalHandlers.install = () => undefined;
    }
  };
  const dataConverter = historyDataConverter();
  const times = new Map<string, number[]>();
  const profiles = new Map(variants.map(([name]) => [name, new SelfTime()]));
  const session = new inspector.Session();
  session.connect();
  if (profile) {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
  }
  for (let round = 0; round < rounds; round++) {
    // Alternating order, so drift (JIT, GC, a busy machine) falls on both variants alike.
    for (const [name, bundle] of round % 2 ? [...variants].reverse() : variants) {
      let handedAt = 0;
      function* feed() {
        for (const h of histories) {
          handedAt = performance.now();
          yield h;
        }
      }
      stackTraces(name !== withoutStackTraces);
      if (profile && round > 0) await session.post('Profiler.start');
      for await (const result of Worker.runReplayHistories(
        { workflowBundle: bundle, dataConverter },
        feed(),
      )) {
        const ms = performance.now() - handedAt;
        if (result.error) throw new Error(`replay of ${result.workflowId} failed: ${String(result.error)}`);
        const key = `${name}|${result.workflowId}`;
        times.set(key, [...(times.get(key) ?? []), ms]);
      }
      if (profile && round > 0) {
        const { profile: cpu } = await session.post('Profiler.stop');
        profiles.get(name)!.add(cpu as unknown as Parameters<SelfTime['add']>[0]);
      }
    }
  }
  console.log(
    `Replay of the recorded complete cases, one replay worker per round and variant, ${rounds} rounds; ` +
      `Node ${process.version}; cold = round 1, warm = median of rounds 2..${rounds}`,
  );
  const caseNames = [...new Set(histories.map((h) => h.workflowId.replace(/\.\d+$/, '')))];
  const summary: string[] = [];
  for (const [name] of variants) {
    console.log(`\n${name}`);
    console.log(
      `  ${'complete case'.padEnd(48)} ${'events'.padStart(6)} ${'cold ms'.padStart(8)} ${'warm ms'.padStart(8)}`,
    );
    const warm: number[] = [];
    for (const c of caseNames) {
      const runs = histories.filter((h) => h.workflowId.replace(/\.\d+$/, '') === c);
      const series = runs.map((h) => times.get(`${name}|${h.workflowId}`)!);
      const sums = series[0].map((_, i) => series.reduce((a, t) => a + t[i], 0));
      const events = runs.reduce((a, h) => a + (h.history.events?.length ?? 0), 0);
      const p50 = median(sums.slice(1));
      warm.push(p50);
      console.log(
        `  ${c.padEnd(48)} ${String(events).padStart(6)} ${fmt(sums[0]).padStart(8)} ${fmt(p50).padStart(8)}`,
      );
    }
    summary.push(
      `  ${name.padEnd(28)} median ${fmt(median(warm)).padStart(6)} ms, worst ${fmt(Math.max(...warm)).padStart(6)} ms per complete case`,
    );
  }
  console.log(`\nReplay time per complete case (warm):\n${summary.join('\n')}`);
  if (profile)
    for (const [name] of variants)
      console.log(`\nCPU profile of the warm rounds, ${name}:\n${profiles.get(name)!.report(15)}`);
  session.disconnect();
  console.log(`\n${await sdkFloor(rounds)}`);
}

/**
 * The SDK's own replay cost per workflow task: a workflow that only sleeps (bench/workflows.ts) for
 * as many tasks as a short and a long complete case have, recorded on the time-skipping server and
 * replayed like the cases above. What remains of a case's replay time beyond this is ours.
 */
async function sdkFloor(rounds: number): Promise<string> {
  const env = await timeSkippingEnvironment();
  const taskQueue = 'sdk-floor';
  const bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('./workflows'),
    workflowInterceptorModules,
    failureConverterPath,
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} },
  });
  const dataConverter = testDataConverter();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    dataConverter,
  });
  const lines = [
    'The SDK alone: a workflow that only sleeps, one workflow task per sleep (warm median of the rounds)',
  ];
  try {
    await worker.runUntil(async () => {
      for (const tasks of [20, 72]) {
        const handle = await env.client.workflow.start('sleeperWorkflow', {
          taskQueue,
          workflowId: `sleeper-${tasks}`,
          args: [tasks],
        });
        await handle.result();
        const history = await handle.fetchHistory();
        let handedAt = 0;
        function* feed() {
          for (let r = 0; r < rounds; r++) {
            handedAt = performance.now();
            yield { workflowId: `sleeper-${tasks}-${r}`, history };
          }
        }
        const times: number[] = [];
        for await (const result of Worker.runReplayHistories(
          { workflowBundle: bundle, dataConverter },
          feed(),
        )) {
          if (result.error) throw new Error(`replay of the sleeper failed: ${String(result.error)}`);
          times.push(performance.now() - handedAt);
        }
        const warm = median(times.slice(1));
        lines.push(
          `  ${String(tasks).padStart(3)} tasks (${history.events?.length ?? 0} events): ${fmt(warm)} ms, ${fmt(warm / tasks)} ms per task`,
        );
      }
    });
  } finally {
    await env.teardown();
  }
  return lines.join('\n');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
