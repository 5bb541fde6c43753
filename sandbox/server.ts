// Runs the Postmark sandbox: `node dist/sandbox/server.js` (npm run sandbox), or in-process through
// startSandbox() from the project's "up" command and from tests.
import { createLogger } from '../infra/logging';
import http from 'node:http';
import path from 'node:path';
import { fromRoot } from '../infra/paths';
import { PortInUseError } from '../infra/ports';
import { createSandboxApp } from './app';
import type { SandboxApp, SandboxOptions } from './app';
import { DEFAULT_SANDBOX_HOST, DEFAULT_SANDBOX_PORT } from './constants';

export interface StartSandboxOptions extends Partial<SandboxOptions> {
  /** Default 3001; 0 picks a free port (tests). */
  port?: number;
  /** Default 127.0.0.1: the sandbox is for this machine only. */
  host?: string;
}

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:3001 */
  url: string;
  port: number;
  host: string;
  /** The in-process handle: store, inactive list, setOutage(). */
  sandbox: SandboxApp;
  close(): Promise<void>;
}

export const defaultSandboxDataDir = (env: NodeJS.ProcessEnv = process.env): string =>
  env.DATA_DIR ? path.join(env.DATA_DIR, 'postmark-sandbox') : fromRoot('data', 'postmark-sandbox');

const list = (value: string | undefined): string[] | undefined => {
  const items = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
};

/**
 * Reads POSTMARK_SANDBOX_HOST, _PORT, _DATA_DIR (default $DATA_DIR/postmark-sandbox or data/postmark-sandbox),
 * _INACTIVE (comma-separated addresses), _INACTIVE_FILE (default <data dir>/inactive-recipients.txt) and
 * _TOKENS (comma-separated accepted server tokens; '*' accepts any).
 */
export function sandboxOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StartSandboxOptions {
  const rawPort = env.POSTMARK_SANDBOX_PORT?.trim();
  const port = rawPort ? Number(rawPort) : DEFAULT_SANDBOX_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`POSTMARK_SANDBOX_PORT must be a port number (0-65535), got "${rawPort}"`);
  }
  return {
    port,
    host: env.POSTMARK_SANDBOX_HOST?.trim() || DEFAULT_SANDBOX_HOST,
    dataDir: env.POSTMARK_SANDBOX_DATA_DIR?.trim() || defaultSandboxDataDir(env),
    inactiveRecipients: list(env.POSTMARK_SANDBOX_INACTIVE),
    inactiveRecipientsFile: env.POSTMARK_SANDBOX_INACTIVE_FILE?.trim() || undefined,
    serverTokens: list(env.POSTMARK_SANDBOX_TOKENS),
    allowedHosts: list(env.ALLOWED_HOSTS),
  };
}

export async function startSandbox(opts: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const host = opts.host ?? DEFAULT_SANDBOX_HOST;
  const requestedPort = opts.port ?? DEFAULT_SANDBOX_PORT;
  const sandbox = createSandboxApp({ ...opts, dataDir: opts.dataDir ?? defaultSandboxDataDir() });
  const server = http.createServer(sandbox.app);

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') {
        reject(new PortInUseError(requestedPort, 'Postmark sandbox', 'POSTMARK_SANDBOX_PORT'));
      } else if (err.code === 'EACCES' || err.code === 'EADDRNOTAVAIL') {
        reject(new Error(`The Postmark sandbox cannot listen on ${host}:${requestedPort} (${err.code}).`));
      } else {
        reject(err);
      }
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(requestedPort, host);
  });

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : requestedPort;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    sandbox,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // fetch() keeps connections alive; without this close() would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}

const log = createLogger('postmark-sandbox');

async function main(): Promise<void> {
  const opts = sandboxOptionsFromEnv();
  const running = await startSandbox({
    ...opts,
    log: (line) => log.info(line),
  });
  log.info(`inbox at ${running.url}/  (data in ${opts.dataDir})`);
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    // Expected start-up problems (port taken, bad setting) print one clear line, not a stack trace.
    log.fatal(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
