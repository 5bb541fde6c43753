// Runs the Temporal CLI's dev server (SQLite persistence + Web UI) as a child process. Used by the
// "up" command on the standard ports and by integration tests on free ports, so a test run never
// touches a developer's running instance.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { temporalCli } from './temporal-binaries';
import { ensureRetention, ensureSearchAttributes } from './namespace-setup';
import { searchAttributeCliFlags } from './search-attributes';
import { ensurePrivateDir } from './files';
import { assertPortFree, freePort } from './ports';
import { startHostGuard, type HostGuard } from './host-guard';

export interface DevServerOptions {
  host: string;
  port: number;
  uiPort?: number; // omitted: headless
  /**
   * Host names the Web UI answers besides loopback ones. The UI itself has no Host check and hands
   * its settings (the codec URL with its token) to anyone: it listens on a loopback port of its own,
   * and a guard on `uiPort` (loopback too) passes only allowed Host headers on (421 otherwise).
   */
  uiAllowedHosts?: string[];
  /** The Web UI decodes payloads through this codec endpoint (ours carries a token in its path). */
  uiCodecEndpoint?: string;
  dbFile?: string; // omitted: in memory
  namespace: string;
  retentionSeconds: number;
  logFile?: string;
  startTimeoutMs?: number;
}

export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startDevServer(opts: DevServerOptions): Promise<RunningDevServer> {
  await assertPortFree(opts.port, opts.host, 'Temporal frontend', 'TEMPORAL_DEV_PORT');
  // The UI runs only with our codec endpoint (without it the cases would show as ciphertext).
  const withUi = opts.uiPort !== undefined && !!opts.uiCodecEndpoint;
  if (withUi) await assertPortFree(opts.uiPort!, '127.0.0.1', 'Temporal Web UI', 'TEMPORAL_UI_PORT');
  const cli = temporalCli();
  const args = ['server', 'start-dev', '--ip', opts.host, '--port', String(opts.port), '--log-level', 'warn'];
  args.push('--namespace', opts.namespace, ...searchAttributeCliFlags());
  // The UI on a loopback port behind the host guard (started once the server answers).
  const uiInternalPort = withUi ? await freePort('127.0.0.1') : undefined;
  if (uiInternalPort !== undefined)
    args.push(
      '--ui-ip',
      '127.0.0.1',
      '--ui-port',
      String(uiInternalPort),
      '--ui-codec-endpoint',
      opts.uiCodecEndpoint!,
    );
  else args.push('--headless');
  if (opts.dbFile) {
    ensurePrivateDir(path.dirname(opts.dbFile));
    args.push('--db-filename', opts.dbFile);
  }
  const child = spawn(cli.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const log = opts.logFile ? fs.createWriteStream(opts.logFile, { flags: 'a' }) : undefined;
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
    log?.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));

  const address = `${opts.host}:${opts.port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  let connection: Connection | undefined;
  while (!connection) {
    if (exited !== undefined) throw new Error(`Temporal dev server exited (code ${exited}):\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Temporal dev server did not answer on ${address} in time:\n${output}`);
    }
    try {
      const c = await Connection.connect({ address, connectTimeout: 1000 });
      await c.workflowService.describeNamespace({ namespace: opts.namespace });
      connection = c;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    await ensureSearchAttributes(connection, opts.namespace);
    await ensureRetention(connection, opts.namespace, opts.retentionSeconds);
  } finally {
    await connection.close();
  }
  let guard: HostGuard | undefined;
  if (opts.uiPort !== undefined && uiInternalPort !== undefined) {
    try {
      guard = await startHostGuard({
        host: '127.0.0.1',
        port: opts.uiPort,
        target: { host: '127.0.0.1', port: uiInternalPort },
        allowedHosts: opts.uiAllowedHosts ?? [],
      });
    } catch (err) {
      child.kill('SIGKILL');
      throw err;
    }
  }

  const stop = async () => {
    await guard?.close();
    if (exited !== undefined) return;
    const done = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(timer);
    log?.end();
  };
  return {
    address,
    uiUrl: guard ? `http://localhost:${guard.port}` : undefined,
    process: child,
    stop,
  };
}
