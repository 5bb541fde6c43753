// complaint-desk as an operator runs it on several machines: N worker processes and M API processes
// (`node dist/worker/index.js`, `node dist/api/server.js`), each with its OWN data folder (as on its
// own machine), sharing only one Temporal server, one PostgreSQL, one Postmark sandbox and the
// secrets a secret manager would hand out (KEKs, link secret, codec-token secret, webhook password),
// given to every process through its environment. Processes can be SIGKILLed and started again on
// the same data folder (a machine rebooting); their JSON log lines are kept for the assertions.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { hashKey, keysFile, type Role } from '../../api/keys';
import { fromRoot } from '../../infra/paths';
import { freePort } from '../../infra/ports';
import path from 'node:path';
import { tempDir, workflowBundle } from './stack';

export interface ClusterKey {
  key: string;
  role: Role;
  subject: string;
  name: string;
}

export interface ClusterOptions {
  workers: number;
  apis: number;
  temporalAddress: string;
  namespace: string;
  taskQueue?: string;
  databaseUrl: string;
  /** The Postmark sandbox's port (every worker sends there). */
  sandboxPort: number;
  /** Staff keys every API accepts. */
  keys: ClusterKey[];
  /** More environment for every process. */
  env?: Record<string, string>;
}

export interface LogLine {
  at: number;
  level?: string;
  msg?: string;
  [field: string]: unknown;
}

export interface ClusterProcess {
  kind: 'worker' | 'api';
  name: string;
  dataDir: string;
  /** The API's base URL. */
  url?: string;
  /** The worker's health endpoint (WORKER_HEALTH_PORT). */
  healthUrl?: string;
  child: ChildProcess;
  logs: LogLine[];
  /** The process is running (not killed, not exited). */
  alive(): boolean;
  /** SIGKILL, and wait for the exit. */
  kill(): Promise<void>;
  /** Starts it again on the same data folder and port; resolves when it is ready. */
  restart(): Promise<void>;
  /** The first log line after `since` whose msg matches. */
  waitForLog(pattern: RegExp, since?: number, timeoutMs?: number): Promise<LogLine>;
}

export interface Cluster {
  workers: ClusterProcess[];
  apis: ClusterProcess[];
  taskQueue: string;
  /** The shared secrets (the same in every process's environment). */
  secrets: Record<string, string>;
  stop(): Promise<void>;
}

const READY = { worker: 'polling task queue', api: 'listening on http' };

/** The secrets a secret manager gives every process, fresh for each cluster. */
export function clusterSecrets(): Record<string, string> {
  const random = (bytes: number) => crypto.randomBytes(bytes).toString('base64url');
  return {
    COMPLAINT_KEKS: `cluster-1:${crypto.randomBytes(32).toString('base64')}`,
    COMPLAINT_KEK_ID: 'cluster-1',
    LINK_SECRET: random(32),
    CODEC_TOKEN_SECRET: random(32),
    POSTMARK_WEBHOOK_USER: 'postmark',
    POSTMARK_WEBHOOK_PASSWORD: random(18),
  };
}

let bundleFile: Promise<string> | undefined;

/**
 * The test process's workflow bundle (worker/bundle.ts, built once per process) in a file, for every
 * cluster worker's WORKFLOW_BUNDLE_PATH: a worker (re)starts in about a second instead of bundling its
 * own for 5-20 s. The worker's own bundling is still run by the processes of several-processes.test.ts
 * and operations.test.ts.
 */
function workflowBundleFile(): Promise<string> {
  bundleFile ??= (async () => {
    const { code } = await workflowBundle();
    const dir = tempDir('workflow-bundle');
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'workflow-bundle.js');
    fs.writeFileSync(file, code);
    return file;
  })();
  return bundleFile;
}

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const taskQueue = opts.taskQueue ?? `cluster-${process.pid}-${crypto.randomUUID().slice(0, 8)}`;
  const secrets = clusterSecrets();
  const processes: ClusterProcess[] = [];
  const bundlePath = await workflowBundleFile();

  const shared = (): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    // Nothing from the test process's own settings leaks in (a keys folder, a data folder).
    for (const name of ['COMPLAINT_KEYS_DIR', 'API_KEYS_FILE', 'DATA_DIR', 'COMPLAINT_TEST_KEYS_DIR'])
      delete env[name];
    return {
      ...env,
      ...secrets,
      COMPLAINT_DESK_ENV: 'development', // the sandbox, not real Postmark; the secrets are given anyway
      LOG_FORMAT: 'json',
      TEMPORAL_ADDRESS: opts.temporalAddress,
      TEMPORAL_NAMESPACE: opts.namespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
      DATABASE_URL: opts.databaseUrl,
      POSTMARK_SANDBOX_PORT: String(opts.sandboxPort),
      PUBLIC_BASE_URL: 'http://localhost:3999',
      METRICS_PORT: '0',
      API_METRICS_PORT: '0',
      WORKFLOW_BUNDLE_PATH: bundlePath,
      ...opts.env,
    };
  };

  async function launch(kind: 'worker' | 'api', index: number): Promise<ClusterProcess> {
    const name = `${kind}-${index + 1}`;
    const dataDir = tempDir(`cluster-${name}`);
    const port = kind === 'api' ? await freePort() : undefined;
    const healthPort = kind === 'worker' ? await freePort() : undefined;
    if (kind === 'api') {
      // Each API's own copy of the key list (as a deployment would write it on each machine).
      fs.writeFileSync(
        keysFile(dataDir),
        JSON.stringify({
          keys: opts.keys.map((k) => ({
            hash: hashKey(k.key),
            role: k.role,
            subject: k.subject,
            name: k.name,
          })),
        }),
        { mode: 0o600 },
      );
    }
    const env: NodeJS.ProcessEnv = {
      ...shared(),
      DATA_DIR: dataDir,
      ...(port ? { API_HOST: '127.0.0.1', API_PORT: String(port) } : {}),
      ...(healthPort ? { WORKER_HEALTH_PORT: String(healthPort), METRICS_HOST: '127.0.0.1' } : {}),
    };
    const logs: LogLine[] = [];
    let child!: ChildProcess;
    let exited = true;
    const spawnIt = () => {
      child = spawn(
        process.execPath,
        [fromRoot('dist', kind === 'worker' ? 'worker/index.js' : 'api/server.js')],
        {
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      exited = false;
      child.once('exit', () => (exited = true));
      let pending = '';
      const take = (chunk: Buffer) => {
        pending += chunk.toString();
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.trim()) continue;
          try {
            const parsed = JSON.parse(line) as Record<string, unknown>;
            logs.push({ ...parsed, at: Date.now() });
          } catch {
            logs.push({ at: Date.now(), msg: line });
          }
        }
      };
      child.stdout!.on('data', take);
      child.stderr!.on('data', take);
      proc.child = child;
    };
    const waitForLog = async (pattern: RegExp, since = 0, timeoutMs = 120_000): Promise<LogLine> => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = logs.find((l) => l.at >= since && typeof l.msg === 'string' && pattern.test(l.msg));
        if (found) return found;
        if (Date.now() > until)
          throw new Error(
            `${name}: no log line ${pattern} within ${timeoutMs} ms; last lines:\n${logs
              .slice(-15)
              .map((l) => `  ${l.level ?? ''} ${l.msg ?? ''} ${typeof l.err === 'string' ? l.err : ''}`)
              .join('\n')}`,
          );
        if (
          exited &&
          !logs.some((l) => l.at >= since && l.msg && pattern.test(l.msg)) &&
          child.exitCode !== null
        )
          throw new Error(
            `${name} exited (${child.exitCode}) before logging ${pattern}; last lines:\n${logs
              .slice(-15)
              .map((l) => `  ${l.level ?? ''} ${l.msg ?? ''} ${typeof l.err === 'string' ? l.err : ''}`)
              .join('\n')}`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const start = async () => {
      const since = Date.now();
      spawnIt();
      await waitForLog(new RegExp(READY[kind]), since);
    };
    const proc: ClusterProcess = {
      kind,
      name,
      dataDir,
      url: port ? `http://127.0.0.1:${port}` : undefined,
      healthUrl: healthPort ? `http://127.0.0.1:${healthPort}` : undefined,
      child,
      logs,
      alive: () => !exited,
      async kill() {
        if (exited) return;
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await gone;
      },
      restart: start,
      waitForLog,
    };
    await start();
    return proc;
  }

  const [workers, apis] = await Promise.all([
    Promise.all(Array.from({ length: opts.workers }, (_, i) => launch('worker', i))),
    Promise.all(Array.from({ length: opts.apis }, (_, i) => launch('api', i))),
  ]);
  processes.push(...workers, ...apis);
  return {
    workers,
    apis,
    taskQueue,
    secrets,
    async stop() {
      await Promise.all(processes.map((p) => p.kill()));
      for (const p of processes) fs.rmSync(p.dataDir, { recursive: true, force: true });
    },
  };
}

/** An API call with a staff key; the JSON answer (or text) and the status. */
export async function callApi(
  base: string,
  method: string,
  path: string,
  opts: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; json: unknown; text: string }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}),
      ...opts.headers,
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

export interface SentMail {
  MessageID: string;
  To: string;
  Subject: string;
  TextBody?: string;
  HtmlBody?: string;
  ReceivedAt: string;
  Metadata?: Record<string, string>;
}

/** Every e-mail the sandbox received. */
export async function sandboxMails(sandboxUrl: string): Promise<SentMail[]> {
  const res = await fetch(`${sandboxUrl}/sandbox/messages`);
  const body = (await res.json()) as { messages: SentMail[] };
  return body.messages;
}

/** E-mails sent more than once for the same (case, idempotency key): the key names the purpose. */
export function duplicates(mails: SentMail[]): { key: string; count: number; subject: string }[] {
  const byKey = new Map<string, SentMail[]>();
  for (const m of mails) {
    const key = `${m.Metadata?.caseId ?? '?'} ${m.Metadata?.idempotencyKey ?? m.MessageID}`;
    byKey.set(key, [...(byKey.get(key) ?? []), m]);
  }
  return [...byKey]
    .filter(([, list]) => list.length > 1)
    .map(([key, list]) => ({ key, count: list.length, subject: list[0].Subject }));
}
