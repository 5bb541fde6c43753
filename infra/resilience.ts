// What a process does when PostgreSQL or Temporal is not there: it waits and tries again, says so in
// its log, and serves what it can meanwhile — never exits for an outage (a supervisor restarting it
// in a loop would not bring the dependency back, and an exited process is one more thing to restart).
// Configuration mistakes (no DATABASE_URL, a bad KEK) still stop the start: waiting cannot fix them.
import type { Client } from '@temporalio/client';
import type { Config } from './config';
import type { Log } from './logging';
import { createStore, migrate, redactUrl, type Store } from './store';

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 500);

export interface RetryOptions {
  /** The first wait; doubled after each failure up to maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Stops waiting (the process is shutting down): the promise rejects with the last error. */
  signal?: AbortSignal;
}

/**
 * `attempt()` until it succeeds, with a log line per failure ("<what>: not done yet (…); retrying in
 * 2 s") and one when it finally works after failures. For start-up steps that need a dependency.
 */
export async function retryUntilReady<T>(
  what: string,
  attempt: () => Promise<T>,
  log: Pick<Log, 'info' | 'warn'>,
  options: RetryOptions = {},
): Promise<T> {
  const first = options.firstDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 10_000;
  const started = Date.now();
  let delay = first;
  for (let failures = 0; ; failures++) {
    try {
      const result = await attempt();
      if (failures > 0)
        log.info(
          { dependency: what, waitedMs: Date.now() - started },
          `${what}: done after ${Math.round((Date.now() - started) / 1000)} s of waiting`,
        );
      return result;
    } catch (err) {
      if (options.signal?.aborted) throw err;
      log.warn(
        { dependency: what, err: message(err), attempt: failures + 1 },
        `${what}: not done yet (${message(err)}); retrying in ${Math.round(delay / 1000)} s`,
      );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        options.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (options.signal?.aborted) throw err;
      delay = Math.min(delay * 2, max);
    }
  }
}

/** A dependency's state as a watcher last saw it. */
export interface DependencyState {
  /** undefined before the first check ends. */
  up: boolean | undefined;
  /** When it last changed (ISO). */
  since: string;
  checkedAt?: string;
  error?: string;
}

export interface DependencyWatch {
  state(): DependencyState;
  /** Checks now (the health endpoint's probe), updating the state and logging a change. */
  check(): Promise<DependencyState>;
  stop(): void;
}

/**
 * Checks a dependency every `everyMs` and logs each change once: "PostgreSQL unreachable: …" (warn)
 * when it goes, "PostgreSQL reachable again after 41 s" (info) when it returns — the lines an
 * operator greps for, and the ones the outage tests and bench/several-machines.ts measure.
 */
export function watchDependency(
  what: string,
  probe: () => Promise<void>,
  log: Pick<Log, 'info' | 'warn'>,
  options: { everyMs?: number; timeoutMs?: number } = {},
): DependencyWatch {
  const timeoutMs = options.timeoutMs ?? 3000;
  let state: DependencyState = { up: undefined, since: new Date().toISOString() };
  let downSince: number | undefined;
  let running: Promise<DependencyState> | undefined;
  const check = (): Promise<DependencyState> =>
    (running ??= (async () => {
      let error: string | undefined;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          probe(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
      } catch (err) {
        error = message(err);
      } finally {
        clearTimeout(timer);
      }
      const now = Date.now();
      const up = error === undefined;
      if (up !== state.up) {
        if (!up) {
          downSince = now;
          log.warn(
            { dependency: what, up, err: error },
            `${what} unreachable (${error}); serving what does not need it and retrying`,
          );
        } else if (state.up === false && downSince !== undefined) {
          log.info(
            { dependency: what, up, downMs: now - downSince },
            `${what} reachable again after ${Math.round((now - downSince) / 1000)} s`,
          );
        } else log.info({ dependency: what, up }, `${what} reachable`);
        state = { up, since: new Date(now).toISOString() };
      }
      state = { ...state, checkedAt: new Date(now).toISOString(), ...(error ? { error } : {}) };
      if (up) delete state.error;
      return state;
    })().finally(() => (running = undefined)));
  void check();
  const timer = setInterval(() => void check(), options.everyMs ?? 2000);
  timer.unref();
  return { state: () => state, check, stop: () => clearInterval(timer) };
}

/** PostgreSQL answers a query (a connection from the pool, so the pool's reconnection is exercised too). */
export const storeProbe = (store: Store) => async (): Promise<void> => {
  await store.query('SELECT 1');
};

/** Temporal's frontend answers (the cheapest call there is). */
export const temporalProbe = (client: Client) => async (): Promise<void> => {
  await client.withDeadline(Date.now() + 3000, () => client.connection.workflowService.getSystemInfo({}));
};

/**
 * The case store without waiting for it: the pool is created at once (it connects per query, so it
 * reconnects by itself), and the migrations run in the background until PostgreSQL answers — a
 * process started during an outage comes up, serves what needs no store, and is complete when
 * PostgreSQL returns. Throws only for what waiting cannot fix (DATABASE_URL unset).
 */
export function openStoreWaiting(
  config: Pick<Config, 'DATABASE_URL' | 'DATABASE_POOL_MAX'>,
  log: Pick<Log, 'info' | 'warn'>,
  signal?: AbortSignal,
): { store: Store; migrated: Promise<void> } {
  if (!config.DATABASE_URL)
    throw new Error(
      'DATABASE_URL is not set: start everything with `npm run up` (it serves the embedded store), or set it to a PostgreSQL database.',
    );
  const store = createStore(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX });
  const migrated = retryUntilReady(
    `PostgreSQL: the case store's migrations at ${redactUrl(config.DATABASE_URL)}`,
    async () => {
      await migrate(store);
    },
    log,
    { signal },
  );
  migrated.catch(() => undefined); // only a shutdown stops it; callers await it where they need it
  return { store, migrated };
}
