// The one worker entry point: runs complaint workflows and their activities on the task queue.
import path from 'node:path';
import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { ensureSchedule } from './schedules';
import { createErasureActivities } from '../activities/erasure';
import { loadPolicy } from '../infra/policy-files';
import { erasureDeps } from '../infra/erasure';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createLogger, temporalLogger, type Log } from '../infra/logging';
import { createActivities } from '../activities';
import { createTelegramClient } from '../infra/telegram';
import { storeAttachmentStore } from '../infra/attachments';
import { createFileEmailLedger, createPostmarkClient } from '../activities/email';
import { pgEmailLedger, scheduleEmailLedgerPruning } from '../activities/email-ledger-pg';
import { caseKeys, complaintDataConverter, keySettings } from '../infra/codec';
import { loadConfig, type Config } from '../infra/config';
import { createLinkSigner, linkSecret } from '../infra/links';
import { connectionOptions, lazyClient } from '../infra/temporal-connection';
import {
  openStoreWaiting,
  retryUntilReady,
  storeProbe,
  temporalProbe,
  watchDependency,
} from '../infra/resilience';
import { serveWorkerHealth } from '../infra/worker-health';
import { assertSecrets } from '../infra/secrets';
import { ensureInsightsSchedules, insightsActivitiesFor } from './insights';
import { createRecordActivities } from '../activities/records';
import { encryptionCodec } from '../infra/codec';
import { currentReplyToken, type Store } from '../infra/store';
import { lazyStore } from '../infra/store/lazy';
import { ensureArchiveSchedule } from './archive-schedule';
import { watchCalendars } from '../infra/calendar-watch';
import { forgetUnclaimedPublicMessages } from '../infra/store/telegram-cases';
import { PUBLIC_MESSAGE_WAIT_MS } from '../domain/channels';

export const workflowsPath = require.resolve('../workflows');
/** Bundled with the workflows wherever they run: the guard against a stale task clock. */
export const workflowInterceptorModules = [require.resolve('../workflows/clock-guard')];

/** `store`: the case store (absent in workflow tests that keep no records). */
export function activitiesFor(config: Config, client?: Client, store?: Store) {
  const fromAddress = /<([^>]+)>/.exec(config.POSTMARK_FROM)?.[1] ?? config.POSTMARK_FROM;
  const erasure = createErasureActivities({
    client,
    erasure: erasureDeps(keySettings(config), store ?? lazyStore(config)),
    store,
    afterCloseMs: () => loadPolicy(config.COMPLAINT_POLICY).erasure.afterCloseMs,
  });
  return {
    ...erasure,
    ...insightsActivitiesFor(config, store && (() => Promise.resolve(store))),
    ...createRecordActivities({
      store,
      client,
      codec: encryptionCodec(keySettings(config)),
      taskQueue: config.TEMPORAL_TASK_QUEUE,
    }),
    ...complaintActivitiesFor(config, fromAddress, client, store),
  };
}

function complaintActivitiesFor(config: Config, fromAddress: string, client?: Client, store?: Store) {
  return createActivities({
    postmark: createPostmarkClient({
      serverToken: config.POSTMARK_SERVER_TOKEN,
      sandboxUrl: config.postmarkSandboxUrl,
    }),
    ledger: emailLedgerFor(config, store),
    from: config.POSTMARK_FROM,
    replyToAddress: config.POSTMARK_INBOUND_ADDRESS ?? fromAddress,
    replyToken: store && ((caseId, purpose) => currentReplyToken(store, caseId, purpose)),
    links: createLinkSigner(linkSecret(config.DATA_DIR)),
    publicBaseUrl: config.publicBaseUrl,
    client,
    // #20: the bot (the sandbox without TELEGRAM_BOT_TOKEN), the store for its send ledger, and the
    // case's attachments (the same sealed store as the public form's: infra/attachments.ts).
    telegram: {
      client: createTelegramClient({ token: config.TELEGRAM_BOT_TOKEN, apiUrl: config.telegramApiUrl }),
      store,
      ...(store ? { attachments: storeAttachmentStore(store, caseKeys(keySettings(config))) } : {}),
    },
  });
}

/**
 * The e-mail ledger in the case store (every worker on every machine sees every send). Without a
 * case store and DATABASE_URL — a single process: workflow tests, benchmarks — a folder in DATA_DIR.
 */
function emailLedgerFor(config: Config, store?: Store) {
  if (store) return pgEmailLedger(() => Promise.resolve(store));
  if (config.DATABASE_URL) return pgEmailLedger(lazyStore(config));
  return createFileEmailLedger(path.join(config.DATA_DIR, 'email-ledger'));
}

export async function createComplaintWorker(
  config: Config,
  connection: NativeConnection,
  client?: Client,
  store?: Store,
): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    // A bundle built beforehand holds the interceptors too; otherwise the Worker bundles them here.
    ...(config.WORKFLOW_BUNDLE_PATH
      ? { workflowBundle: { codePath: config.WORKFLOW_BUNDLE_PATH } }
      : { workflowsPath, interceptors: { workflowModules: workflowInterceptorModules } }),
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    // Short, so a read or a due timer of a case whose worker died moves to another worker in 3 s.
    stickyQueueScheduleToStartTimeout: config.WORKER_STICKY_TIMEOUT_MS,
    // Decrypts what the worker reads and encrypts what it writes; the failure converter goes into the
    // workflow bundle too (the Worker bundles workflowsPath with it).
    dataConverter: complaintDataConverter(keySettings(config)),
    activities: activitiesFor(config, client, store),
  });
}

/** The Schedule that runs the automatic erasure; created once, brought up to date on every start. */
export async function ensureErasureSchedule(client: Client, config: Config): Promise<void> {
  const options = {
    scheduleId: 'complaint-desk-erasure-sweep',
    spec: { intervals: [{ every: config.ERASURE_SWEEP_EVERY as `${number}${'s' | 'm' | 'h' | 'd'}` }] },
    action: {
      type: 'startWorkflow' as const,
      workflowType: 'erasureSweepWorkflow',
      workflowId: 'complaint-desk-erasure-sweep',
      taskQueue: config.TEMPORAL_TASK_QUEUE,
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1h' as const },
    memo: { purpose: 'Erases the personal data of closed cases past the policy’s erasure.afterClose.' },
  };
  await ensureSchedule(client, options);
}

/**
 * The SDK's runtime, once per process before any connection: its logs (workflow, activity and core)
 * go into the process's JSON log, and its metrics — the SDK's own (temporal_…) and the domain's
 * counters from the workflow metric meter (complaint_…) — to a Prometheus endpoint.
 */
export function installRuntime(log: Log, metricsBindAddress?: string): string | undefined {
  const options = {
    logger: temporalLogger(log),
    telemetryOptions: { logging: { filter: { core: 'WARN' as const, other: 'WARN' as const }, forward: {} } },
  };
  if (metricsBindAddress) {
    try {
      Runtime.install({
        ...options,
        telemetryOptions: {
          ...options.telemetryOptions,
          metrics: { prometheus: { bindAddress: metricsBindAddress } },
        },
      });
      return metricsBindAddress;
    } catch (err) {
      // A taken port (another worker on this host) costs the metrics, never the cases.
      log.warn(
        { err: err instanceof Error ? err.message : String(err) },
        `metrics endpoint ${metricsBindAddress} not started; running without it (set METRICS_PORT)`,
      );
    }
  }
  Runtime.install(options);
  return undefined;
}

const log = createLogger('worker');

async function main(): Promise<void> {
  assertSecrets('worker'); // production: every secret from the environment, all missing ones named at once
  const config = loadConfig();
  // METRICS_PORT=0 turns the endpoint off (the intake benchmark compares with and without it).
  const metricsAddress = installRuntime(
    log,
    config.METRICS_PORT ? `${config.METRICS_HOST}:${config.METRICS_PORT}` : undefined,
  );
  const options = connectionOptions(config);
  // Neither an outage of PostgreSQL nor one of Temporal stops the worker: it waits for them at start
  // and reconnects after (infra/resilience.ts). The pool connects per query; activities that need the
  // store fail while it is down and Temporal retries them, so every record is written when it returns.
  const { store } = openStoreWaiting(config, log); // applies the store's migrations once it answers
  const client = lazyClient(config);
  const watches = [
    watchDependency('PostgreSQL', storeProbe(store), log),
    watchDependency('Temporal', temporalProbe(client), log),
  ];
  // In the background: the Schedules' memos need the shared case key, which lives in PostgreSQL; a
  // worker started while it is down polls meanwhile (cases whose keys it cannot read wait and retry).
  void retryUntilReady(
    'Temporal: the Schedules',
    async () => {
      await ensureErasureSchedule(client, config);
      await ensureArchiveSchedule(client, config);
      await ensureInsightsSchedules(client, config.TEMPORAL_TASK_QUEUE, loadPolicy(config.COMPLAINT_POLICY));
    },
    log,
  );
  // Ledger entries name recipients and subjects: pruned at start and hourly, after the retention.
  const stopPruning = scheduleEmailLedgerPruning(
    pgEmailLedger(() => Promise.resolve(store)),
    config.emailLedgerRetentionMs,
    { log: (m) => log.info(m) },
  );
  // Complaints written in a Telegram group whose authors never came to the private chat: their words
  // are cleared once the wait is over (hourly; every worker may run it, the statement is idempotent).
  const forgetPublic = setInterval(() => {
    forgetUnclaimedPublicMessages(store, new Date(Date.now() - PUBLIC_MESSAGE_WAIT_MS)).then(
      (n) => void (n && log.info(`Telegram: cleared ${n} group messages nobody continued in private`)),
      (err: unknown) => log.warn({ err: String(err) }, 'Telegram: clearing old group messages failed'),
    );
  }, 3_600_000);
  forgetPublic.unref();
  // A business-hours calendar whose data ends within a year: said at start and daily.
  const stopCalendarWatch = watchCalendars(
    () => loadPolicy(config.COMPLAINT_POLICY),
    (fields, m) => log.warn(fields, m),
  );
  let stopping = false;
  let running = false;
  const health = config.WORKER_HEALTH_PORT
    ? await serveWorkerHealth(
        { polling: () => running, store: watches[0], temporal: watches[1] },
        config.METRICS_HOST,
        config.WORKER_HEALTH_PORT,
      ).catch((err: unknown) => {
        // A taken port must not keep the worker from its work: said once, then it runs without.
        log.error(
          { err: err instanceof Error ? err.message : String(err) },
          'the health endpoint could not start',
        );
        return undefined;
      })
    : undefined;
  if (health) log.info({ health: health.url }, `health at ${health.url}/healthz/details`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      stopping = true;
      // Waiting for Temporal, nothing is in flight: stop now. A running worker drains (the SDK's own handler).
      if (!running) process.exit(0);
    });
  // The SDK's worker survives short outages by itself; if it gives up (Temporal gone too long), a new
  // connection and worker take over rather than the process exiting.
  while (!stopping) {
    const connection = await retryUntilReady(
      'Temporal: connecting',
      () => NativeConnection.connect(options),
      log,
    );
    try {
      const worker = await retryUntilReady(
        'Temporal: the worker',
        () => createComplaintWorker(config, connection, client, store),
        log,
      );
      log.info(
        { taskQueue: config.TEMPORAL_TASK_QUEUE, temporal: config.temporalAddress, metrics: metricsAddress },
        `polling task queue "${config.TEMPORAL_TASK_QUEUE}" on ${config.temporalAddress}${metricsAddress ? `; metrics at http://${metricsAddress}/metrics` : ''}`,
      );
      // Worker.run() shuts down gracefully on SIGINT/SIGTERM and resolves when done.
      running = true;
      await worker.run();
      break;
    } catch (err) {
      if (stopping) break;
      log.error(
        { err: err instanceof Error ? err.message : String(err) },
        'the worker stopped on an error; reconnecting to Temporal in 2 s',
      );
      await new Promise((r) => setTimeout(r, 2000));
    } finally {
      running = false;
      await connection.close().catch(() => undefined);
    }
  }
  for (const w of watches) w.stop();
  await health?.close();
  stopPruning();
  clearInterval(forgetPublic);
  stopCalendarWatch();
  await store.end();
  await client.connection.close().catch(() => undefined);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    log.fatal(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
