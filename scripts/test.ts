// The test command: lint and format check, then the unit, store, workflow (time-skipping server) and
// integration (a dev server the tests start on free ports) suites. Nothing is skipped because a tool
// is missing: what can be installed is installed, anything else fails with a clear message.
//
// Two tiers (test/helpers/tier.ts): `npm test` runs every suite that guards a promise, leaving out the
// tests tagged @extended; `npm run test:extended` (`--extended`) runs those too, and the larger samples.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fromRoot, projectRoot } from '../infra/paths';
import { temporalCli, temporalTestServer } from '../infra/temporal-binaries';
import { chromiumPath } from '../infra/chromium';
import { postgresBinDir } from '../infra/postgres-binaries';

interface Totals {
  passed: number;
  failed: number;
  pending: number;
}

// Hebrew (and Polish, Estonian) text in screenshots needs real fonts, not the fallback boxes.
const fontsDir = '/usr/share/fonts/truetype/noto';

function ensureChromium(): void {
  if (chromiumPath() && fs.existsSync(fontsDir)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || spawnSync('apt-get', ['--version']).status !== 0) {
    throw new Error(
      'The browser tests need Chromium: install Debian\'s "chromium" package or set CHROMIUM_PATH.',
    );
  }
  console.log('[test] installing Chromium for the browser tests (apt-get install chromium)');
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core', 'fonts-noto-core'],
  ]) {
    const res = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (res.status !== 0)
      throw new Error(`apt-get ${args.join(' ')} failed: install Chromium or set CHROMIUM_PATH.`);
  }
  if (!chromiumPath()) throw new Error('Chromium was installed but /usr/bin/chromium is missing.');
  if (!fs.existsSync(fontsDir))
    console.warn(`[test] fonts-noto-core did not install ${fontsDir}: screenshots may show boxes.`);
}

/** The store tests run on a real PostgreSQL too: Debian's server, started by the tests themselves. */
function ensurePostgres(): void {
  if (postgresBinDir()) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || spawnSync('apt-get', ['--version']).status !== 0)
    throw new Error('The store tests need PostgreSQL: install Debian\'s "postgresql" package.');
  console.log('[test] installing PostgreSQL for the store tests (apt-get install postgresql)');
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'],
  ]) {
    const res = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (res.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed: install PostgreSQL yourself.`);
  }
  if (!postgresBinDir())
    throw new Error('PostgreSQL was installed but /usr/lib/postgresql/*/bin is missing.');
}

/**
 * Runs a command; its output goes to the terminal as it comes (`live`) or all at once when it is done,
 * so that two lanes running side by side never interleave their lines.
 */
function run(cmd: string, args: string[], live: boolean, env?: NodeJS.ProcessEnv) {
  return new Promise<{ code: number; out: string; secs: string }>((resolve, reject) => {
    const started = Date.now();
    const child = spawn(cmd, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    const take = (to: NodeJS.WriteStream) => (chunk: Buffer) => {
      if (live) to.write(chunk);
      out += chunk.toString();
    };
    child.stdout.on('data', take(process.stdout));
    child.stderr.on('data', take(process.stderr));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!live) process.stdout.write(out);
      resolve({ code: code ?? 1, out, secs: ((Date.now() - started) / 1000).toFixed(1) });
    });
  });
}

/** Each step's time, for the summary at the end (the lanes' lines interleave). */
const phases: string[] = [];

async function step(name: string, cmd: string, args: string[], live: boolean): Promise<Totals> {
  const { code, secs } = await run(cmd, args, live);
  console.log(`[test] ${name}: ${code === 0 ? 'ok' : 'FAILED'} (${secs} s)`);
  phases.push(`${name} ${secs} s`);
  return { passed: 0, failed: code === 0 ? 0 : 1, pending: 0 };
}

/** What --extended adds, for the output. */
const extendedAdds =
  'the tests tagged @extended (long simulations, the browser matrix, the kill/restart engine tests) ' +
  'and larger samples (20,000 lifecycle property sequences, 90 days of flat trend data)';

async function mocha(suite: string, files: string[], extended: boolean, live: boolean): Promise<Totals> {
  const args = [
    fromRoot('node_modules', 'mocha', 'bin', 'mocha.js'),
    '--exit',
    '--require',
    'dist/test/setup.js',
    '--reporter',
    'spec',
    '--timeout',
    '120000',
    // The standard tier leaves the slow tests out; the extended tier runs everything.
    ...(extended ? [] : ['--grep', '@extended', '--invert']),
    ...files,
  ];
  const env = { ...process.env, COMPLAINT_TEST_TIER: extended ? 'extended' : 'standard' };
  const { code, out, secs } = await run(process.execPath, args, live, env);
  const count = (re: RegExp) => Number(re.exec(out)?.[1] ?? 0);
  const totals = {
    passed: count(/(\d+) passing/),
    failed: count(/(\d+) failing/),
    pending: count(/(\d+) pending/),
  };
  if (code !== 0 && totals.failed === 0) totals.failed = 1; // mocha itself failed (e.g. a load error)
  console.log(`[test] ${suite}: ${totals.passed} passed, ${totals.failed} failed (${secs} s)`);
  phases.push(`${suite} ${secs} s (${totals.passed} passed)`);
  return totals;
}

/**
 * The integration files that mostly wait (outages, killed and restarted processes, deadlines of the
 * demo policy, the archive's settle time, a dev server of their own): a test process of their own
 * beside the rest, which mostly computes (browsers, the API). A file not named here goes to the rest.
 * Side by side on a busy 2-core machine they took 449 s and 402 s (load 9-11), 475 s and 470 s (an
 * estimate from a run at load 10-19, where the computing lane slowed more): keep them even.
 */
const waitingIntegrationFiles = [
  'several-machines',
  'outages',
  'several-processes',
  'operations',
  'persistence',
  'erased-case',
  'erasure-schedule',
  'engine',
  'stale-clock',
  'demo',
  'privacy',
  'codec-browser',
];

function integrationLanes(files: string[]): { name: string; files: string[] }[] {
  const waits = (f: string) => waitingIntegrationFiles.some((name) => f.endsWith(`/${name}.test.js`));
  return [
    { name: 'integration (waiting)', files: files.filter(waits) },
    { name: 'integration', files: files.filter((f) => !waits(f)) },
  ].filter((lane) => lane.files.length > 0);
}

function testFiles(dir: string): string[] {
  const root = fromRoot('dist', 'test', dir);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => `dist/test/${dir}/${f}`);
}

async function main(): Promise<number> {
  const extended = process.argv.includes('--extended');
  // e.g. `npm test -- unit workflow`; flags: --extended (the extended tier), --serial (one lane)
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const wanted = (s: string) => only.length === 0 || only.includes(s);
  // Fail early, with the reason, if an engine binary is missing.
  console.log(
    `[test] Node ${process.versions.node}; Temporal CLI: ${temporalCli().path}; test server: ${temporalTestServer().path}`,
  );
  console.log(
    extended
      ? `[test] extended tier: every test, with ${extendedAdds}`
      : `[test] standard tier (\`npm run test:extended\` adds ${extendedAdds})`,
  );
  if (wanted('integration')) ensureChromium();
  if (wanted('store')) ensurePostgres();
  const suiteFiles = (suite: string) => {
    const files = testFiles(suite);
    if (files.length === 0)
      throw new Error(`No ${suite} tests found under dist/test/${suite}: did the build run?`);
    return files;
  };
  // Three lanes side by side on two cores: lint and the unit and store suites; and the integration
  // suite in two test processes (each with its own dev server; the workflow suite follows the
  // computing one), which spend much of their time waiting on servers, timers, outages and browsers. The first integration lane's output
  // streams; the others' is shown per step, when the step is done (`--serial`: one lane, everything
  // streamed).
  const serial = process.argv.includes('--serial');
  const integration = wanted('integration') ? integrationLanes(suiteFiles('integration')) : [];
  const lanes: (() => Promise<Totals>)[][] = [
    [
      ...(wanted('lint')
        ? [
            () =>
              step(
                'eslint',
                fromRoot('node_modules', '.bin', 'eslint'),
                ['--max-warnings', '0', '.'],
                serial,
              ),
            () =>
              step(
                'prettier',
                fromRoot('node_modules', '.bin', 'prettier'),
                ['--check', '--log-level', 'warn', '.'],
                serial,
              ),
          ]
        : []),
      ...['unit', 'store']
        .filter(wanted)
        .map((suite) => () => mocha(suite, suiteFiles(suite), extended, serial)),
    ],
    ...integration.map((lane, i) => [() => mocha(lane.name, lane.files, extended, i === 0 || serial)]),
  ];
  // The workflow suite follows the computing integration lane: after lint, unit and store the first
  // lane was the longest (483 s of 483 s in one CI run, the integration lanes 343 s and 386 s).
  if (wanted('workflow')) {
    const after = lanes.length > 2 ? lanes[2] : lanes[0];
    after.push(() => mocha('workflow', suiteFiles('workflow'), extended, serial));
  }
  const totals: Totals = { passed: 0, failed: 0, pending: 0 };
  const runLane = async (lane: (() => Promise<Totals>)[]) => {
    for (const next of lane) {
      const t = await next();
      totals.passed += t.passed;
      totals.failed += t.failed;
      totals.pending += t.pending;
    }
  };
  const started = Date.now();
  if (serial) for (const lane of lanes) await runLane(lane);
  else await Promise.all(lanes.map(runLane));
  console.log(`\n[test] ${phases.join(', ')}; all in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`[test] ${extended ? 'extended tier: every test' : 'standard tier: @extended tests left out'}`);
  // The plain closing line CI reads.
  console.log(
    `${totals.passed} passed, ${totals.failed} failed${totals.pending ? `, ${totals.pending} skipped` : ''}`,
  );
  return totals.failed > 0 || totals.passed === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[test] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
