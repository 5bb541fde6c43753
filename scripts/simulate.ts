// `npm run simulate -- --cases 1000 --days 30 [--seed s] [--json report.json] [--slice-size 100] [--parallel 1]
//   [--owners prompt=0.75,late=0.18,silent=0.07] [--customers answers=0.85,silent=0.1,bounces=0.05]
//   [--survey good=0.6,poor=0.12,still-need-help=0.08,silent=0.2]`: a simulated month on the real
// engine (see simulation/run.ts); prints the promises kept and how every miss is attributed.
import fs from 'node:fs';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { defaultBehaviour, type Behaviour } from '../domain/simulation/agents';
import { reportLines } from '../domain/simulation/report';
import { simulate } from './simulation/run';

/** "prompt=0.7,late=0.3" as weights over exactly the known names (the others weigh 0). */
function rates<K extends string>(flag: string, text: string, names: Record<K, number>): Record<K, number> {
  const out = Object.fromEntries(Object.keys(names).map((k) => [k, 0])) as Record<K, number>;
  for (const part of text.split(',')) {
    const [name, value] = part.split('=');
    const w = Number(value);
    if (!(name in out) || value === undefined || !Number.isFinite(w) || w < 0)
      throw new Error(`${flag}: "${part}" is not name=weight with a name of ${Object.keys(out).join(', ')}`);
    out[name as K] = w;
  }
  if (Object.values<number>(out).every((w) => w === 0)) throw new Error(`${flag}: every weight is 0`);
  return out;
}

function options(argv: string[]): {
  cases: number;
  days: number;
  seed: string;
  json?: string;
  behaviour: Behaviour;
  sliceSize: number;
  parallel: number;
} {
  const out = {
    cases: 100,
    days: 30,
    seed: 'complaint-desk',
    json: undefined as string | undefined,
    behaviour: { ...defaultBehaviour },
    sliceSize: 100,
    parallel: 1,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    const counts = {
      '--cases': 'cases',
      '--days': 'days',
      '--slice-size': 'sliceSize',
      '--parallel': 'parallel',
    } as const;
    if (flag in counts) {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1)
        throw new Error(`${flag} must be a whole number of at least 1, not "${value}"`);
      out[counts[flag as keyof typeof counts]] = n;
    } else if (flag === '--seed') out.seed = value;
    else if (flag === '--json') out.json = value;
    else if (flag === '--owners') out.behaviour.owners = rates(flag, value, defaultBehaviour.owners);
    else if (flag === '--customers') out.behaviour.customers = rates(flag, value, defaultBehaviour.customers);
    else if (flag === '--survey') out.behaviour.survey = rates(flag, value, defaultBehaviour.survey);
    else
      throw new Error(
        `unknown option ${flag} (options: --cases N --days D --seed S --json FILE --slice-size N --parallel N --owners … --customers … --survey …)`,
      );
  }
  return out;
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
  const slices = Math.ceil(opts.cases / opts.sliceSize);
  console.log(
    `[simulate] ${opts.cases} cases over ${opts.days} days, seed "${opts.seed}", ` +
      `${slices} slice${slices === 1 ? '' : 's'} of at most ${opts.sliceSize} cases, ${opts.parallel} at a time`,
  );
  // With DATABASE_URL (a PostgreSQL database, or the store `npm run up` serves) the records stay there.
  const result = await simulate({
    ...opts,
    databaseUrl: process.env.DATABASE_URL || undefined,
    progress: (line) => console.log(`[simulate] ${line}`),
  });
  console.log(reportLines(result.report, opts.days).join('\n'));
  console.log(
    `\n[simulate] ${(result.wallMs / 1000).toFixed(1)} s wall time (${result.slices} slices, ${result.rerun} run again after a wedged server); ${result.moves} moves ` +
      `(${result.refused} refused), ${result.records} case records in the store (${result.withFacts} with intake facts, ${result.categorised} with a root-cause category), ${result.reads} case reads, ${result.timeouts} calls without an answer in time, ${result.emails} e-mails in the sandbox; ` +
      `time skipping unlocked ${result.unlocks} times after a stall`,
  );
  if (opts.json) fs.writeFileSync(opts.json, JSON.stringify(result, null, 2));
}

main().catch((err: unknown) => {
  console.error('[simulate] failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
