// The production worker (`node dist/worker/index.js`) in a process of its own, on a test stack's task
// queue, case keys, Postmark sandbox and case store: for the tests that kill a worker or run two.
import { spawn, type ChildProcess } from 'node:child_process';
import { fromRoot } from '../../infra/paths';
import type { TestStack } from './stack';

export function workerProcessEnv(stack: TestStack, temporalAddress: string, databaseUrl: string) {
  return {
    ...process.env,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: stack.taskQueue,
    TEMPORAL_NAMESPACE: stack.config.TEMPORAL_NAMESPACE,
    DATA_DIR: stack.dataDir,
    COMPLAINT_KEYS_DIR: stack.config.keysDir, // the test client's case keys
    POSTMARK_SANDBOX_PORT: String(stack.sandbox.port),
    PUBLIC_BASE_URL: 'http://localhost:3999',
    DATABASE_URL: databaseUrl, // the worker needs its case store, as in production
  };
}

/** Starts a worker process; its JSON log lines go to `onLog` when given. */
export function spawnWorkerProcess(env: NodeJS.ProcessEnv, onLog?: (text: string) => void): ChildProcess {
  const w = spawn(process.execPath, [fromRoot('dist', 'worker', 'index.js')], {
    env,
    stdio: ['ignore', onLog ? 'pipe' : 'ignore', 'ignore'],
  });
  if (onLog) w.stdout!.on('data', (chunk: Buffer) => onLog(chunk.toString()));
  return w;
}
