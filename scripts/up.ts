// The "up" command: the whole system on embedded defaults. The Temporal dev server (unless
// TEMPORAL_ADDRESS names a cluster), the Postmark sandbox (unless POSTMARK_SERVER_TOKEN is set),
// the Telegram sandbox (unless TELEGRAM_BOT_TOKEN is set), the worker and the HTTP API. Ctrl-C stops everything it started.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { loadConfig } from '../infra/config';
import { startDevServer, type RunningDevServer } from '../infra/dev-server';
import { ensureRetention, ensureSearchAttributes, parseRetention } from '../infra/namespace-setup';
import { codecTokenSecret, createCodecTokens } from '../infra/codec/token';
import { ensurePrivateDir, persistentSecret, PRIVATE_FILE_MODE } from '../infra/files';
import { fromRoot } from '../infra/paths';
import { createLogger, lineRelay, wantsPretty } from '../infra/logging';
import { operatorLinks, webUiListUrl } from './operator-links';
import { complaintTypesClause } from '../workflows/definitions';
import { assertPortFree, PortInUseError } from '../infra/ports';
import { connectionOptions } from '../infra/temporal-connection';
import { startSandbox, type RunningSandbox } from '../sandbox/server';
import { startTelegramSandbox, type RunningTelegramSandbox } from '../sandbox/telegram/server';
import { createTelegramClient } from '../infra/telegram';
import { startEmbeddedStore, storePassword } from '../infra/store/embedded';
import { liveApiKeys, openStore, redactUrl } from '../infra/store';
import { storeUrlFile } from './keys';
import {
  developmentKeyLines,
  hashKey,
  keyIdOf,
  maskSecret,
  prepareDevelopmentKeys,
  storeDevelopmentKeys,
} from '../api/keys';
import { loadPolicy } from '../infra/policy-files';
import { writeDevEnv } from '../infra/dev-env';
import { temporalCli } from '../infra/temporal-binaries';
import { workerHeapArgs } from '../infra/worker-heap';

const stoppers: (() => Promise<void>)[] = [];
let stopping = false;

function child(name: string, script: string, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): ChildProcess {
  const proc = spawn(process.execPath, [...nodeArgs, fromRoot('dist', script)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The children log JSON lines: shown readably in a terminal, passed on as JSON otherwise.
  proc.stdout?.on(
    'data',
    lineRelay(name, (t) => process.stdout.write(t), wantsPretty(process.stdout)),
  );
  proc.stderr?.on(
    'data',
    lineRelay(name, (t) => process.stderr.write(t), wantsPretty(process.stderr)),
  );
  proc.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(
      `[up] the ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping everything.`,
    );
    void shutdown(1);
  });
  stoppers.unshift(
    () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
        proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        proc.kill('SIGTERM');
      }),
  );
  return proc;
}

async function shutdown(code: number): Promise<never> {
  if (!stopping && stoppers.length > 0) {
    stopping = true;
    console.log('\n[up] stopping…');
    for (const stop of stoppers) await stop().catch((err: unknown) => console.error('[up]', err));
    console.log('[up] stopped.');
  }
  process.exit(code);
}

/** Relative to the current folder when inside it (data/dev.env), else absolute. */
function shortPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** The Temporal CLI as a newcomer can type it: the project's own copy unless TEMPORAL_CLI_PATH or PATH gives one. */
function temporalCliCommand(): string {
  try {
    const cli = temporalCli();
    return cli.source === 'PATH' ? 'temporal' : shortPath(cli.path);
  } catch {
    return 'temporal';
  }
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer 200 in time (last: ${last})`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  // Check every port first, so a second start says which port is taken and starts nothing.
  await assertPortFree(config.API_PORT, config.API_HOST, 'HTTP API', 'API_PORT');
  if (!config.usesRealPostmark) {
    await assertPortFree(
      config.POSTMARK_SANDBOX_PORT,
      config.POSTMARK_SANDBOX_HOST,
      'Postmark sandbox',
      'POSTMARK_SANDBOX_PORT',
    );
  }
  if (!config.usesRealTelegram) {
    await assertPortFree(
      config.TELEGRAM_SANDBOX_PORT,
      config.TELEGRAM_SANDBOX_HOST,
      'Telegram sandbox',
      'TELEGRAM_SANDBOX_PORT',
    );
  }

  const apiUrl = `http://${config.API_HOST === '0.0.0.0' ? 'localhost' : config.API_HOST}:${config.API_PORT}`;
  // The Web UI decodes cases through the API's codec endpoint; the browser cannot send an API key,
  // so the URL carries an operator's token, valid CODEC_TOKEN_TTL_HOURS (a restart mints a new one).
  // An operator's decode masks personal data: whoever reads the UI's settings gets no more than that.
  // The token names the development operator key: revoking that key (npm run keys revoke) ends it.
  const keys = prepareDevelopmentKeys(config.DATA_DIR);
  const operatorKey = keys.keys.find((k) => k.role === 'operator');
  const codecTokens = createCodecTokens(codecTokenSecret(config.DATA_DIR, config.CODEC_TOKEN_SECRET));
  const codec = codecTokens.mint(
    { subject: 'operator', role: 'operator', keyId: operatorKey ? keyIdOf(hashKey(operatorKey.key)) : '' },
    config.CODEC_TOKEN_TTL_HOURS * 3600_000,
  );
  const codecEndpoint = `${apiUrl}/codec/t/${codec.token}`;

  let devServer: RunningDevServer | undefined;
  if (config.embeddedTemporal) {
    ensurePrivateDir(config.DATA_DIR);
    devServer = await startDevServer({
      host: config.TEMPORAL_DEV_HOST,
      port: config.TEMPORAL_DEV_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      uiAllowedHosts: config.allowedHosts,
      uiCodecEndpoint: codecEndpoint,
      dbFile: path.join(config.DATA_DIR, 'temporal', 'complaints.db'),
      namespace: config.TEMPORAL_NAMESPACE,
      retentionSeconds: parseRetention(config.TEMPORAL_RETENTION),
      logFile: path.join(config.DATA_DIR, 'temporal', 'dev-server.log'),
    });
    stoppers.unshift(() => devServer!.stop());
  } else {
    // An existing cluster: register what we can; Temporal Cloud does this in its own console.
    const connection = await Connection.connect(connectionOptions(config));
    try {
      const added = await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
      if (added.length) console.log(`[up] registered search attributes: ${added.join(', ')}`);
    } catch (err) {
      console.warn(
        `[up] could not register search attributes (${String(err)}); see docs/deployment.md, "An existing Temporal cluster or Temporal Cloud".`,
      );
    }
    await ensureRetention(
      connection,
      config.TEMPORAL_NAMESPACE,
      parseRetention(config.TEMPORAL_RETENTION),
    ).catch(() => undefined);
    await connection.close();
  }

  let sandbox: RunningSandbox | undefined;
  if (!config.usesRealPostmark) {
    sandbox = await startSandbox({
      host: config.POSTMARK_SANDBOX_HOST,
      port: config.POSTMARK_SANDBOX_PORT,
      dataDir: path.join(config.DATA_DIR, 'postmark-sandbox'),
      log: sandboxLog(),
      allowedHosts: config.allowedHosts,
    });
    stoppers.unshift(() => sandbox!.close());
  }

  let telegramSandbox: RunningTelegramSandbox | undefined;
  if (!config.usesRealTelegram) {
    telegramSandbox = await startTelegramSandbox({
      host: config.TELEGRAM_SANDBOX_HOST,
      port: config.TELEGRAM_SANDBOX_PORT,
      dataDir: path.join(config.DATA_DIR, 'telegram-sandbox'),
      log: sandboxLog('telegram-sandbox'),
      allowedHosts: config.allowedHosts,
    });
    stoppers.unshift(() => telegramSandbox!.close());
  }

  // The case store: DATABASE_URL, or the embedded PostgreSQL-compatible one in the data folder (this
  // process owns its files; worker and API connect over the wire protocol, as to a real server).
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    ensurePrivateDir(config.DATA_DIR);
    const store = await startEmbeddedStore({
      dataDir: path.join(config.DATA_DIR, 'store'),
      port: config.STORE_DEV_PORT,
      // Clients prove it before PGlite (a superuser without a password of its own) sees them.
      password: storePassword(config.DATA_DIR),
    });
    stoppers.unshift(() => store.stop());
    databaseUrl = store.url;
    // For `npm run keys` while this runs (the port may be a new one at every start).
    fs.writeFileSync(storeUrlFile(config.DATA_DIR), store.url, { mode: PRIVATE_FILE_MODE });
  }

  // The development keys' hashes into the store, where every API process reads keys (migrating it
  // first: this may be the store's first start).
  const keyStore = await openStore({ DATABASE_URL: databaseUrl, DATABASE_POOL_MAX: 1 });
  try {
    await storeDevelopmentKeys(keyStore, keys);
    const live = new Set((await liveApiKeys(keyStore)).map((k) => k.hash));
    if (operatorKey && !live.has(hashKey(operatorKey.key)))
      console.warn(
        `[up] the development operator key was revoked: the Web UI's codec endpoint refuses its token. Delete ${keys.file} to make new keys.`,
      );
  } finally {
    await keyStore.end();
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // `up` is the development stack: it generates the secrets it lacks into DATA_DIR (infra/secrets.ts).
    COMPLAINT_DESK_ENV: 'development',
    TEMPORAL_ADDRESS: config.temporalAddress,
    DATA_DIR: config.DATA_DIR,
    DATABASE_URL: databaseUrl,
  };
  // Locally, the webhooks work out of the box with development credentials (kept in DATA_DIR);
  // with real Postmark the operator sets their own.
  const webhookPasswordFile = path.join(config.DATA_DIR, 'webhook-password');
  const webhookPasswordIsNew = !fs.existsSync(webhookPasswordFile);
  const webhooks =
    !config.POSTMARK_WEBHOOK_USER && !config.usesRealPostmark
      ? { user: 'postmark', password: persistentSecret(config.DATA_DIR, 'webhook-password', 18) }
      : undefined;
  if (webhooks)
    Object.assign(env, {
      POSTMARK_WEBHOOK_USER: webhooks.user,
      POSTMARK_WEBHOOK_PASSWORD: webhooks.password,
    });
  // Development: the Telegram webhook's secret is generated once into DATA_DIR (outside `up`, a
  // real bot requires TELEGRAM_WEBHOOK_SECRET; see infra/config.ts).
  const telegramSecret =
    config.TELEGRAM_WEBHOOK_SECRET ?? persistentSecret(config.DATA_DIR, 'telegram-webhook-secret', 32);
  Object.assign(env, {
    TELEGRAM_WEBHOOK_SECRET: telegramSecret,
    ...(telegramSandbox ? { TELEGRAM_SANDBOX_PORT: String(telegramSandbox.port) } : {}),
  });
  child('worker', 'worker/index.js', env, workerHeapArgs(env.WORKER_HEAP_MB));
  child('api', 'api/server.js', env);
  await waitForHealth(`${apiUrl}/healthz`, 60_000);
  const telegramLine = await registerTelegramWebhook(config, apiUrl, telegramSecret, telegramSandbox);
  const policy = loadPolicy(config.COMPLAINT_POLICY);
  const devEnv = writeDevEnv(config.DATA_DIR, {
    apiUrl,
    sandboxUrl: sandbox?.url,
    telegramSandboxUrl: telegramSandbox?.url,
    uiUrl: devServer?.uiUrl,
    temporal: { address: config.temporalAddress, namespace: config.TEMPORAL_NAMESPACE },
    ...(webhooks ? { postmarkWebhook: webhooks } : {}),
    keys: keys.keys,
  });

  const lines = [
    '',
    'complaint-desk is up:',
    `  HTTP API             ${apiUrl}   (GET /healthz, GET /openapi.json)`,
    `  Policy               ${policy.name}, version ${policy.version}   (${shortPath(config.COMPLAINT_POLICY)}; COMPLAINT_POLICY)`,
    `  Staff console        ${apiUrl}/console   (sign in with a development API key below)`,
    `  Temporal             ${config.temporalAddress}   namespace ${config.TEMPORAL_NAMESPACE}, task queue ${config.TEMPORAL_TASK_QUEUE}`,
    devServer?.uiUrl
      ? `  Temporal Web UI      ${webUiListUrl(devServer.uiUrl, config.TEMPORAL_NAMESPACE, complaintTypesClause)}   (the cases; the sweeps and reviews are listed without the query)`
      : '',
    `  Codec endpoint       ${codecEndpoint}`,
    `                       (operator: the Web UI decodes cases without their personal data, until ${new Date(codec.expiresAt).toISOString()};`,
    `                       a supervisor sees whole cases with their own token from POST /codec/tokens; treat both like passwords)`,
    `  Temporal CLI         ${temporalCliCommand()} workflow show --address ${config.temporalAddress} -w <workflow id> --codec-endpoint ${apiUrl}/codec --codec-auth "Bearer <operator key>"`,
    sandbox
      ? `  Postmark sandbox     ${sandbox.url}   (the inbox of every e-mail sent)`
      : '  Postmark             real Postmark (POSTMARK_SERVER_TOKEN is set)',
    webhooks
      ? `  Postmark webhooks    ${apiUrl}/webhooks/postmark/inbound and /bounce   (basic auth ${webhooks.user}:${
          // Shown in full on the first start only; it stays in the data folder.
          webhookPasswordIsNew
            ? webhooks.password
            : `${maskSecret(webhooks.password)}, in ${webhookPasswordFile}`
        })`
      : '',
    telegramLine,
    `  Case store           ${redactUrl(databaseUrl)}${config.DATABASE_URL ? '' : `   (embedded, files in ${path.join(config.DATA_DIR, 'store')})`}`,
    ...operatorLinks({
      apiUrl,
      uiUrl: devServer?.uiUrl,
      namespace: config.TEMPORAL_NAMESPACE,
      workerMetrics: config.METRICS_PORT
        ? `http://${config.METRICS_HOST}:${config.METRICS_PORT}/metrics`
        : undefined,
      apiMetrics: config.API_METRICS_PORT
        ? `http://${config.METRICS_HOST}:${config.API_METRICS_PORT}/metrics`
        : undefined,
    }),
    `  Data                 ${config.DATA_DIR}   (case keys in the case store, their development KEKs in ${config.keysDir}: back both up)`,
    ...developmentKeyLines(keys),
    `  For your shell       source ${shortPath(devEnv)}   (API_URL, SANDBOX_URL, TELEGRAM_SANDBOX_URL, UI_URL, TEMPORAL_ADDRESS, AGENT_KEY, SUPERVISOR_KEY, OPERATOR_KEY)`,
    '',
    `Started in ${((Date.now() - started) / 1000).toFixed(1)} s. Ctrl-C stops everything.`,
  ];
  console.log(lines.filter((l) => l !== '').join('\n'));
}

/** The in-process sandboxes log like the children: JSON lines, readable in a terminal. */
function sandboxLog(name = 'postmark-sandbox'): (line: string) => void {
  const relay = lineRelay(name, (t) => process.stdout.write(t), wantsPretty(process.stdout));
  const log = createLogger(name, { write: (line: string) => relay(Buffer.from(line)) });
  return (line) => log.info(line);
}

/**
 * Points the bot's webhook at this API, as an operator would with setWebhook, and says so in one
 * banner line. The sandbox takes the local URL; the real Bot API needs a public HTTPS address
 * (PUBLIC_BASE_URL, e.g. a tunnel), so without one the line says what to set instead.
 */
async function registerTelegramWebhook(
  config: ReturnType<typeof loadConfig>,
  apiUrl: string,
  secret: string,
  telegramSandbox: RunningTelegramSandbox | undefined,
): Promise<string> {
  const client = createTelegramClient({ token: config.TELEGRAM_BOT_TOKEN, apiUrl: config.telegramApiUrl });
  const base = telegramSandbox ? apiUrl : config.publicBaseUrl;
  const webhook = `${base}/webhooks/telegram`;
  try {
    const bot = await client.getMe();
    if (!telegramSandbox && !base.startsWith('https://'))
      return `  Telegram             real bot @${bot.username}; its webhook needs a public HTTPS PUBLIC_BASE_URL (docs/telegram.md)`;
    await client.setWebhook({ url: webhook, secretToken: secret });
    return telegramSandbox
      ? `  Telegram sandbox     ${telegramSandbox.url}   (write to @${bot.username} as a customer; it posts to ${webhook})`
      : `  Telegram             real bot @${bot.username}, webhook ${webhook}`;
  } catch (err) {
    return `  Telegram             the bot's webhook is not set: ${err instanceof Error ? err.message : String(err)}`;
  }
}

main().catch(async (err: unknown) => {
  if (err instanceof PortInUseError) console.error(`[up] ${err.message}`);
  else console.error('[up] failed to start:', err instanceof Error ? err.message : err);
  await shutdown(1);
});
