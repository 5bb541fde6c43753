// A real stack for tests: a Temporal engine (the time-skipping test server, or a dev server on free
// ports), the Postmark and Telegram sandboxes on free ports with a temporary data folder, and a worker
// running the project's real workflow bundle and activities.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import { complaintDataConverter, keySettings } from '../../infra/codec';
import { loadConfig, type Config } from '../../infra/config';
import { fromRoot } from '../../infra/paths';
import { startTimeSkipping } from '../../infra/time-skipping';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';
import { startTelegramSandbox, type RunningTelegramSandbox } from '../../sandbox/telegram/server';
import { activitiesFor } from '../../worker';
import { workflowBundle } from '../../worker/bundle';
import { workerThroughout } from './complaints';
import type { Store } from '../../infra/store';

export { workflowBundle };

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `complaint-desk-${prefix}-`));
}

let keysDir: string | undefined;

/**
 * The key folder of this test process: every test client and worker encrypts, as in production, and
 * shares the keys (a test's plain client, made without the codec, sees only ciphertext).
 */
export function testKeysDir(): string {
  // Kept (not deleted) when given: test/record-histories.ts records with the fixtures' keys.
  const kept = process.env.COMPLAINT_TEST_KEYS_DIR;
  if (!keysDir && kept) {
    fs.mkdirSync(kept, { recursive: true, mode: 0o700 });
    keysDir = kept;
  }
  if (!keysDir) {
    const dir = tempDir('keys');
    keysDir = dir;
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return keysDir;
}

/**
 * The data converter the recorded histories (test/fixtures/histories) decrypt with: the keys they were
 * recorded with, from a copy (a replay writes keys for the cases it encodes for).
 */
export function historyDataConverter(): DataConverter {
  const dir = tempDir('history-keys');
  fs.cpSync(fromRoot('test', 'fixtures', 'history-keys'), dir, { recursive: true });
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return complaintDataConverter({ keysDir: dir });
}

/**
 * The data converter of every test client and worker (see testKeysDir). With `databaseUrl` (what
 * worker and API processes get as DATABASE_URL), the keys of that case store, as those processes use.
 */
export function testDataConverter(databaseUrl?: string): DataConverter {
  return complaintDataConverter({ keysDir: testKeysDir(), databaseUrl });
}

export function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  return startTimeSkipping(testDataConverter());
}

export interface TestStack {
  env?: TestWorkflowEnvironment;
  client: Client;
  sandbox: RunningSandbox;
  /** The Telegram sandbox: the Bot API at its url (config.telegramApiUrl), customers' chats. */
  telegram: RunningTelegramSandbox;
  config: Config;
  taskQueue: string;
  dataDir: string;
  /** Runs fn while the worker polls. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

let queueCounter = 0;

export async function workerStack(opts: {
  env?: TestWorkflowEnvironment;
  client: Client;
  nativeConnection: NativeConnection;
  namespace?: string;
  /** The case store the worker records cases in; none: records are not kept. */
  store?: Store;
  /**
   * DATABASE_URL of the stack's config (as worker processes on the stack get it): case keys and the
   * e-mail ledger in that store; none: in the keys folder and the data folder.
   */
  databaseUrl?: string;
}): Promise<TestStack> {
  const dataDir = tempDir('data');
  const sandbox = await startSandbox({ port: 0, dataDir: path.join(dataDir, 'postmark-sandbox') });
  const telegram = await startTelegramSandbox({ port: 0, dataDir: path.join(dataDir, 'telegram-sandbox') });
  const taskQueue = `complaints-test-${process.pid}-${++queueCounter}`;
  const config = loadConfig({
    DATA_DIR: dataDir,
    POSTMARK_SANDBOX_PORT: String(sandbox.port),
    TELEGRAM_SANDBOX_PORT: String(telegram.port),
    TEMPORAL_TASK_QUEUE: taskQueue,
    TEMPORAL_NAMESPACE: opts.namespace ?? 'default',
    PUBLIC_BASE_URL: 'http://localhost:3999',
    COMPLAINT_KEYS_DIR: testKeysDir(),
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
  });
  const activities = activitiesFor(config, opts.client, opts.store);
  // A worker runs once: each run() gets a fresh one on the same task queue.
  const newWorker = async () =>
    Worker.create({
      connection: opts.nativeConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue,
      workflowBundle: await workflowBundle(),
      dataConverter: complaintDataConverter(keySettings(config)),
      activities,
    });
  return {
    env: opts.env,
    client: opts.client,
    sandbox,
    telegram,
    config,
    taskQueue,
    dataDir,
    run: async (fn) => (await newWorker()).runUntil(fn),
    close: async () => {
      await sandbox.close();
      await telegram.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The time-skipping environment and worker stack of a test file (see timeSkippingSuite). */
export interface TimeSkippingSuite {
  readonly env: TestWorkflowEnvironment;
  readonly stack: TestStack;
}

/**
 * Call inside `describe`: registers mocha hooks that start a time-skipping environment and a worker
 * stack before the file's tests, keep one worker polling throughout (see workerThroughout), and tear
 * it all down after them. Read `env` and `stack` from the result inside tests and hooks.
 */
export function timeSkippingSuite(): TimeSkippingSuite {
  let env: TestWorkflowEnvironment | undefined;
  let stack: TestStack | undefined;
  let worker: { stop(): Promise<void> } | undefined;
  before(async function () {
    env = await timeSkippingEnvironment();
    stack = await workerStack({ env, client: env.client, nativeConnection: env.nativeConnection });
    worker = workerThroughout(stack);
  });
  after(async () => {
    await worker?.stop();
    await stack?.close();
    await env?.teardown();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new Error(`the time-skipping ${what} is not started (read it in a test or hook)`);
    return value;
  };
  return {
    get env() {
      return started(env, 'environment');
    },
    get stack() {
      return started(stack, 'stack');
    },
  };
}
