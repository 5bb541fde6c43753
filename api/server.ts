// Starts the HTTP API on API_HOST:API_PORT.
import http from 'node:http';
import { createPostmarkClient } from '../activities/email';
import { codecTokenSecret, createCodecTokens } from '../infra/codec/token';
import { loadConfig, telegramWebhookSecret } from '../infra/config';
import { botIdOfToken, createTelegramClient } from '../infra/telegram';
import { DEFAULT_TELEGRAM_SANDBOX_TOKEN } from '../sandbox/telegram/constants';
import path from 'node:path';
import { caseKeys, encryptionCodec, keySettings } from '../infra/codec';
import { importAttachmentFiles, storeAttachmentStore } from '../infra/attachments';
import type { Store } from '../infra/store';
import { erasureDeps } from '../infra/erasure';
import { createLinkSigner, linkSecret } from '../infra/links';
import { assertPortFree } from '../infra/ports';
import { lazyClient } from '../infra/temporal-connection';
import { openStoreWaiting, storeProbe, temporalProbe, watchDependency } from '../infra/resilience';
import { assertSecrets } from '../infra/secrets';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createLogger } from '../infra/logging';
import { createApp } from './app';
import { apiMetrics, serveMetrics } from './observability';
import { importKeyFile, keysFile, storeKeys } from './keys';
import { policySnapshot } from './policy-snapshot';
import { watchCalendars } from '../infra/calendar-watch';

const logger = createLogger('api');

async function main(): Promise<void> {
  assertSecrets('api'); // production: every secret from the environment, all missing ones named at once
  const config = loadConfig();
  const telegramSecret = telegramWebhookSecret(config); // a real bot needs its secret: checked first
  await assertPortFree(config.API_PORT, config.API_HOST, 'HTTP API', 'API_PORT');
  const snapshot = policySnapshot(config.COMPLAINT_POLICY, config.COMPLAINT_ROSTER, {
    log: (m) => logger.error(m),
  });
  snapshot(); // a broken policy or roster stops the start, with the file and field named
  if (!snapshot().policy.organisation?.postalAddress?.length)
    logger.warn(
      'the policy has no organisation.postalAddress: printed letters carry no postal address of ours, so they ask letter complainants to write to us without naming where',
    );
  watchCalendars(
    () => snapshot().policy,
    (fields, m) => logger.warn(fields, m),
  );
  // Neither PostgreSQL nor Temporal has to be up for the API to start: it connects to both lazily,
  // reconnects by itself, serves what does not need the one that is down, and tells in its log and
  // in /healthz/details (infra/resilience.ts). Migrations run as soon as PostgreSQL answers.
  const client = lazyClient(config);
  const { store, migrated } = openStoreWaiting(config, logger); // the worker may migrate first
  const dependencies = {
    store: watchDependency('PostgreSQL', storeProbe(store), logger),
    temporal: watchDependency('Temporal', temporalProbe(client), logger),
  };
  const fromAddress = /<([^>]+)>/.exec(config.POSTMARK_FROM)?.[1] ?? config.POSTMARK_FROM;
  // API keys, sessions, idempotency keys, rate limits and attachments live in the case store; what
  // earlier versions kept in files is imported once (idempotent: a key revoked since stays revoked).
  const keyFile = config.API_KEYS_FILE ?? keysFile(config.DATA_DIR);
  // Once the tables exist. PostgreSQL may be down: the API waits for it a few seconds, then starts
  // without, and the import runs when the store answers.
  const imported = migrated.then(() =>
    importLegacyState(store, keyFile, path.join(config.DATA_DIR, 'attachments')),
  );
  await Promise.race([imported, new Promise((r) => setTimeout(r, 5000).unref())]);
  const secret = linkSecret(config.DATA_DIR);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry }); // the process: CPU, memory, event loop lag
  const metrics = apiMetrics(registry);
  const app = createApp({
    logger,
    metrics,
    allowedHosts: config.allowedHosts,
    log: (message, err) => logger.error({ err }, message),
    client,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    snapshot,
    keys: storeKeys(store, { warn: (m) => logger.warn(m) }),
    links: createLinkSigner(secret),
    pageTokenSecret: secret,
    externalIdSecret: secret,
    publicBaseUrl: config.publicBaseUrl,
    erasure: erasureDeps(keySettings(config), store),
    archive: { store, codec: encryptionCodec(keySettings(config)) },
    store,
    storeHealth: dependencies.store,
    webhookCredentials:
      config.POSTMARK_WEBHOOK_USER && config.POSTMARK_WEBHOOK_PASSWORD
        ? { user: config.POSTMARK_WEBHOOK_USER, password: config.POSTMARK_WEBHOOK_PASSWORD }
        : undefined,
    postmark: createPostmarkClient({
      serverToken: config.POSTMARK_SERVER_TOKEN,
      sandboxUrl: config.postmarkSandboxUrl,
    }),
    ownAddresses: [
      fromAddress,
      ...(config.POSTMARK_INBOUND_ADDRESS ? [config.POSTMARK_INBOUND_ADDRESS] : []),
    ],
    limits: {
      customerPerMinute: config.CUSTOMER_RATE_LIMIT_PER_MINUTE,
      webhookPerMinute: config.WEBHOOK_RATE_LIMIT_PER_MINUTE,
      staffPerMinute: config.STAFF_RATE_LIMIT_PER_MINUTE,
      authFailuresPerMinute: config.AUTH_FAILURE_LIMIT_PER_MINUTE,
      linkLifetimeAfterCloseMs: config.customerLinkLifetimeAfterCloseMs,
    },
    trustProxy: config.API_TRUST_PROXY,
    console: { temporalUiUrl: config.temporalUiUrl },
    // Attachments from the public form, sealed with each case's data key (erased with it).
    publicForm: {
      attachments: storeAttachmentStore(store, caseKeys(keySettings(config))),
    },
    letters: { letterhead: config.letterhead },
    telegram: {
      webhookSecret: telegramSecret,
      botId: botIdOfToken(config.TELEGRAM_BOT_TOKEN ?? DEFAULT_TELEGRAM_SANDBOX_TOKEN)!,
      store,
      // The public answer under a group message and the welcome after /start (the worker sends the rest).
      client: createTelegramClient({ token: config.TELEGRAM_BOT_TOKEN, apiUrl: config.telegramApiUrl }),
    },
    codec: {
      tokens: createCodecTokens(codecTokenSecret(config.DATA_DIR, config.CODEC_TOKEN_SECRET)),
      corsOrigins: config.codecCorsOrigins,
      tokenTtlMs: config.CODEC_TOKEN_TTL_HOURS * 3600_000,
    },
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(config.API_PORT, config.API_HOST, resolve));
  // Metrics on their own port: a taken port (another API on this host) costs the metrics, never the API.
  let metricsUrl: string | undefined;
  if (config.API_METRICS_PORT) {
    try {
      await serveMetrics(metrics, config.METRICS_HOST, config.API_METRICS_PORT);
      metricsUrl = `http://${config.METRICS_HOST}:${config.API_METRICS_PORT}/metrics`;
    } catch (err) {
      logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        `metrics endpoint ${config.METRICS_HOST}:${config.API_METRICS_PORT} not started; running without it (set API_METRICS_PORT)`,
      );
    }
  }
  logger.info(
    { url: `http://${config.API_HOST}:${config.API_PORT}`, metrics: metricsUrl },
    `listening on http://${config.API_HOST}:${config.API_PORT}${metricsUrl ? `; metrics at ${metricsUrl}` : ''}`,
  );
  if (!config.POSTMARK_WEBHOOK_USER || !config.POSTMARK_WEBHOOK_PASSWORD) {
    logger.warn(
      'Postmark webhooks are off until POSTMARK_WEBHOOK_USER and POSTMARK_WEBHOOK_PASSWORD are set.',
    );
  }
  if (!telegramSecret) logger.warn('The Telegram webhook is off until TELEGRAM_WEBHOOK_SECRET is set.');
  const stop = () => {
    for (const watch of Object.values(dependencies)) watch.stop();
    server.close(
      () => void Promise.allSettled([client.connection.close(), store.end()]).finally(() => process.exit(0)),
    );
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** The keys file and attachment folder of earlier versions, into the store (logged; never fatal). */
async function importLegacyState(store: Store, keyFile: string, attachmentsDir: string): Promise<void> {
  try {
    const keys = await importKeyFile(store, keyFile);
    if (keys)
      logger.info({ file: keyFile, keys }, `imported ${keys} API key(s) from ${keyFile} into the case store`);
    const files = await importAttachmentFiles(attachmentsDir, store);
    if (files)
      logger.info({ dir: attachmentsDir, files }, `imported ${files} attachment(s) into the case store`);
  } catch (err) {
    logger.warn(
      { err: err instanceof Error ? err.message : String(err) },
      'importing earlier files failed; will retry at the next start',
    );
  }
}

main().catch((err: unknown) => {
  logger.fatal(err instanceof Error ? err.message : String(err));
  logger.flush();
  setTimeout(() => process.exit(1), 100);
});
