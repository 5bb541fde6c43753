// The test command: lint and format check, then the unit, workflow (time-skipping server) and
// integration (dev server started by the tests on free ports) suites. Nothing is skipped because a
// tool is missing: what can be installed is installed, anything else fails with a clear message.
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

function step(name: string, cmd: string, args: string[]): void {
  const started = Date.now();
  const res = spawnSync(cmd, args, { cwd: projectRoot, stdio: 'inherit' });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (res.status !== 0) throw new Error(`${name} failed (${secs} s).`);
  console.log(`[test] ${name}: ok (${secs} s)`);
}

function mocha(suite: string, files: string[]): Promise<Totals> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const args = [
      '--exit',
      '--require',
      'dist/test/setup.js',
      '--reporter',
      'spec',
      '--timeout',
      '120000',
      ...files,
    ];
    const child = spawn(process.execPath, [fromRoot('node_modules', 'mocha', 'bin', 'mocha.js'), ...args], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      out += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const count = (re: RegExp) => Number(re.exec(out)?.[1] ?? 0);
      const totals = {
        passed: count(/(\d+) passing/),
        failed: count(/(\d+) failing/),
        pending: count(/(\d+) pending/),
      };
      if (code !== 0 && totals.failed === 0) totals.failed = 1; // mocha itself failed (e.g. a load error)
      console.log(
        `[test] ${suite}: ${totals.passed} passed, ${totals.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
      resolve(totals);
    });
  });
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
  const only = process.argv.slice(2); // e.g. `npm test -- unit workflow`
  const wanted = (s: string) => only.length === 0 || only.includes(s);
  // Fail early, with the reason, if an engine binary is missing.
  console.log(
    `[test] Node ${process.versions.node}; Temporal CLI: ${temporalCli().path}; test server: ${temporalTestServer().path}`,
  );
  if (wanted('lint')) {
    step('eslint', fromRoot('node_modules', '.bin', 'eslint'), ['--max-warnings', '0', '.']);
    step('prettier', fromRoot('node_modules', '.bin', 'prettier'), ['--check', '--log-level', 'warn', '.']);
  }
  if (wanted('integration')) ensureChromium();
  if (wanted('store')) ensurePostgres();
  const totals: Totals = { passed: 0, failed: 0, pending: 0 };
  for (const suite of ['unit', 'store', 'workflow', 'integration']) {
    if (!wanted(suite)) continue;
    const files = testFiles(suite);
    if (files.length === 0)
      throw new Error(`No ${suite} tests found under dist/test/${suite}: did the build run?`);
    const t = await mocha(suite, files);
    totals.passed += t.passed;
    totals.failed += t.failed;
    totals.pending += t.pending;
  }
  // The plain closing line CI reads.
  console.log(
    `\n${totals.passed} passed, ${totals.failed} failed${totals.pending ? `, ${totals.pending} skipped` : ''}`,
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
