// The embedded store in its own process, as `npm run up` runs it: the worker and the API of a
// benchmark need a store (DATABASE_URL), and a store in the benchmark's own process would compete
// with its load clients for the event loop.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fromRoot } from '../infra/paths';

/** Starts the embedded store on a free port with its data in `dataDir`; resolves with its URL. */
export async function embeddedStoreProcess(dataDir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `require(${JSON.stringify(fromRoot('dist', 'infra', 'store', 'embedded.js'))})
        .startEmbeddedStore({ dataDir: ${JSON.stringify(dataDir)} })
        .then((s) => console.log(s.url))`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the embedded store exited (${code})`)));
  });
  return { url: line.trim(), stop: () => child.kill() };
}
