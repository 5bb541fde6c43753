// How long a simulated month takes (scripts/simulation/run.ts): N cases × D days on the time-skipping
// server with the real workflow, worker, activities and an embedded store, per size.
// BENCH_SIM_SIZES (100,1000), BENCH_SIM_DAYS (30), BENCH_SIM_SEED (bench), BENCH_SIM_PARALLEL (slices at
// once, 1); months over 100 cases run as slices of at most 100 (see scripts/simulation/run.ts).
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { summaryLine } from '../domain/simulation/report';
import { simulate } from '../scripts/simulation/run';

async function main(): Promise<void> {
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
  const sizes = (process.env.BENCH_SIM_SIZES ?? '100,1000').split(',').map(Number);
  const days = Number(process.env.BENCH_SIM_DAYS ?? 30);
  const seed = process.env.BENCH_SIM_SEED ?? 'bench';
  const parallel = Number(process.env.BENCH_SIM_PARALLEL ?? 1);
  for (const cases of sizes) {
    const r = await simulate({
      cases,
      days,
      seed,
      parallel,
      progress: (line) => process.stderr.write(`[bench] ${cases} cases: ${line}\n`),
    });
    console.log(
      `${cases} cases × ${days} days: ${(r.wallMs / 1000).toFixed(1)} s wall time, ${r.slices} slices ` +
        `${parallel} at a time ` +
        `(${(r.wallMs / cases).toFixed(0)} ms per case); ${r.moves} moves, ${r.reads} case reads, ` +
        `${r.emails} e-mails, ${r.records} records; ${r.unlocks} stalls mended, ${r.timeouts} calls timed out`,
    );
    console.log(`  ${summaryLine(r.report, days)}`);
  }
}

main().catch((err: unknown) => {
  console.error('[bench] failed:', err);
  process.exit(1);
});
