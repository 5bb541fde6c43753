// The store's tests run on both databases the product supports: the embedded one (PGlite behind
// infra/store/embedded.ts, as `npm run up` serves it) and a real PostgreSQL server from Debian's
// packages, which this helper starts once per test process on a free port in a temporary folder
// (initdb and pg_ctl run as the `postgres` user when the tests run as root: PostgreSQL refuses root).
// Each test file gets a fresh database on either.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedStore } from '../../infra/store/embedded';
import { freePort } from '../../infra/ports';

export type StoreBackend = 'embedded' | 'postgresql';
export const storeBackends: StoreBackend[] = ['embedded', 'postgresql'];

import { postgresBinDir } from '../../infra/postgres-binaries';

interface Server {
  port: number;
  stop(): void;
  /** Stops the server, keeping its data (pg_ctl stop -m immediate: as a crash or a pulled cable). */
  pause(): void;
  /** Starts it again on the same port and data. */
  resume(): void;
}
let server: Promise<Server> | undefined;

async function startPostgres(): Promise<Server> {
  const bin = postgresBinDir();
  if (!bin)
    throw new Error(
      'The store tests need PostgreSQL: `npm test` installs Debian\'s "postgresql" package (as root); or install it yourself.',
    );
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'complaint-desk-pg-'));
  fs.chmodSync(dir, 0o755);
  const dataDir = path.join(dir, 'data');
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
    const res = spawnSync(file, argv, { encoding: 'utf8', cwd: dir });
    if (res.status !== 0)
      throw new Error(`${path.basename(cmd)} failed: ${res.stderr || res.stdout || res.error?.message}`);
  };
  if (asRoot) spawnSync('chown', ['postgres:postgres', dir]);
  run(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const start = () =>
    run(path.join(bin, 'pg_ctl'), [
      '-D',
      dataDir,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  start();
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']);
    } catch {
      // already gone
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  return {
    port,
    stop,
    pause: () => run(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']),
    resume: start,
  };
}

/** A PostgreSQL server of the caller's own, to stop and start again (outage tests); `database` is empty. */
export interface RestartablePostgres {
  port: number;
  url: string;
  pause(): void;
  resume(): void;
  stop(): void;
}

export async function restartablePostgres(): Promise<RestartablePostgres> {
  const own = await startPostgres();
  const admin = new Client({ connectionString: `postgres://postgres@127.0.0.1:${own.port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE complaint_desk');
  await admin.end();
  return { ...own, url: `postgres://postgres@127.0.0.1:${own.port}/complaint_desk` };
}

export interface TestDatabase {
  url: string;
  backend: StoreBackend;
  drop(): Promise<void>;
}

let counter = 0;

/** A new, empty database on the backend. */
export async function freshDatabase(backend: StoreBackend): Promise<TestDatabase> {
  if (backend === 'embedded') {
    const store = await startEmbeddedStore({});
    return { url: store.url, backend, drop: () => store.stop() };
  }
  server ??= startPostgres();
  const { port } = await server;
  const name = `test_${process.pid}_${++counter}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${name}`,
    backend,
    async drop() {
      const c = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
