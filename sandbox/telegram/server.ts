// Runs the Telegram sandbox in-process, from the project's "up" command and from tests (as
// sandbox/server.ts runs the Postmark sandbox).
import http from 'node:http';
import path from 'node:path';
import { fromRoot } from '../../infra/paths';
import { PortInUseError } from '../../infra/ports';
import { createTelegramSandboxApp, type TelegramSandboxApp, type TelegramSandboxOptions } from './app';
import { DEFAULT_TELEGRAM_SANDBOX_HOST, DEFAULT_TELEGRAM_SANDBOX_PORT } from './constants';

export interface StartTelegramSandboxOptions extends Partial<TelegramSandboxOptions> {
  /** Default 3002; 0 picks a free port (tests). */
  port?: number;
  /** Default 127.0.0.1: the sandbox is for this machine only. */
  host?: string;
}

export interface RunningTelegramSandbox {
  /** e.g. http://127.0.0.1:3002 — the Bot API's base URL and the inbox. */
  url: string;
  port: number;
  host: string;
  /** The in-process handle: post as a customer, switch failures, read the store. */
  sandbox: TelegramSandboxApp;
  close(): Promise<void>;
}

export const defaultTelegramSandboxDataDir = (env: NodeJS.ProcessEnv = process.env): string =>
  env.DATA_DIR ? path.join(env.DATA_DIR, 'telegram-sandbox') : fromRoot('data', 'telegram-sandbox');

export async function startTelegramSandbox(
  opts: StartTelegramSandboxOptions = {},
): Promise<RunningTelegramSandbox> {
  const host = opts.host ?? DEFAULT_TELEGRAM_SANDBOX_HOST;
  const requestedPort = opts.port ?? DEFAULT_TELEGRAM_SANDBOX_PORT;
  const sandbox = createTelegramSandboxApp({
    ...opts,
    dataDir: opts.dataDir ?? defaultTelegramSandboxDataDir(),
  });
  const server = http.createServer(sandbox.app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new PortInUseError(requestedPort, 'Telegram sandbox', 'TELEGRAM_SANDBOX_PORT')
          : err,
      ),
    );
    server.listen(requestedPort, host, () => resolve());
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
        server.closeAllConnections();
      }),
  };
}
