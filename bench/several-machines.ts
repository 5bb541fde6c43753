// Two workers and two APIs as on separate machines (test/helpers/cluster.ts: each its own data folder,
// one Temporal dev server, one Debian PostgreSQL, the same secrets), measured for issue #16:
//   1. intake rate through one API, then through two, in the same run;
//   2. duplicate e-mails per 1,000 under targeted kills (both workers SIGKILLed the moment the
//      Postmark sandbox receives an e-mail, then restarted), counted per (case, idempotency key);
//   3. each process's recovery time after a PostgreSQL outage (pg_ctl stop -m immediate, then start):
//      from the server's return to the process's "PostgreSQL reachable again" log line;
//   4. the same after the Temporal dev server is SIGKILLed and started again on its database file,
//      and the time until an intake through an API is taken again.
// Sizes: BENCH_INTAKES (200), BENCH_CONCURRENCY (20), BENCH_KILL_CASES (30), BENCH_KILLS (6),
// BENCH_PG_OUTAGE_S (30), BENCH_TEMPORAL_OUTAGE_S (15). Build first: node dist/bench/several-machines.js
import path from 'node:path';
import { startDevServer, type RunningDevServer } from '../infra/dev-server';
import { freePort } from '../infra/ports';
import { startSandbox } from '../sandbox/server';
import {
  callApi,
  duplicates,
  sandboxMails,
  startCluster,
  type ClusterProcess,
} from '../test/helpers/cluster';
import { complaintRequest } from '../test/helpers/complaints';
import { restartablePostgres } from '../test/helpers/postgres';
import { tempDir } from '../test/helpers/stack';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const INTAKES = num('BENCH_INTAKES', 200);
const CONCURRENCY = num('BENCH_CONCURRENCY', 20);
const KILL_CASES = num('BENCH_KILL_CASES', 30);
const KILLS = num('BENCH_KILLS', 6);
const PG_OUTAGE_MS = num('BENCH_PG_OUTAGE_S', 30) * 1000;
const TEMPORAL_OUTAGE_MS = num('BENCH_TEMPORAL_OUTAGE_S', 15) * 1000;
const KEY = `bench_supervisor_${Math.random().toString(36).slice(2)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function intakeOnce(api: ClusterProcess, key: string): Promise<string> {
  for (;;) {
    const r = await callApi(api.url!, 'POST', '/complaints', {
      key: KEY,
      body: complaintRequest({ channel: 'web' }),
      headers: { 'Idempotency-Key': key },
    }).catch(() => undefined);
    if (r && r.status < 300) return (r.json as { id: string }).id;
    if (r && r.status < 500) throw new Error(`intake refused: ${r.status} ${r.text}`);
    await sleep(250);
  }
}

/** Intakes per second through `apis` (round robin), `n` of them, `CONCURRENCY` at a time. */
async function intakeRate(apis: ClusterProcess[], n: number, label: string): Promise<number> {
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < n; i = next++) await intakeOnce(apis[i % apis.length], `${label}-${i}`);
    }),
  );
  return n / ((Date.now() - started) / 1000);
}

async function main(): Promise<void> {
  const dbFile = path.join(tempDir('bench-machines-temporal'), 'temporal.db');
  const port = await freePort();
  let dev: RunningDevServer = await startDevServer({
    host: '127.0.0.1',
    port,
    namespace: 'default',
    retentionSeconds: 86400,
    dbFile,
  });
  const pg = await restartablePostgres();
  const sandbox = await startSandbox({ port: 0, dataDir: path.join(tempDir('bench-machines'), 'postmark') });
  const cluster = await startCluster({
    workers: 2,
    apis: 2,
    temporalAddress: `127.0.0.1:${port}`,
    namespace: 'default',
    databaseUrl: pg.url,
    sandboxPort: sandbox.port,
    keys: [{ key: KEY, role: 'supervisor', subject: 'sam', name: 'Sam' }],
  });
  const all = [...cluster.workers, ...cluster.apis];
  const out: string[] = [];
  const say = (line: string) => {
    out.push(line);
    console.log(line);
  };
  try {
    // 1. Intake rate: one API, then two, then both again in the other order, same cluster and run;
    // between rounds the workers finish the last round's e-mails and records, so no round pays for
    // another's backlog. Each rate is the mean of its two rounds.
    const quiet = async () => {
      const count = async () => (await sandboxMails(sandbox.url)).length;
      for (let last = -1, now = await count(); now !== last; last = now, now = await count())
        await sleep(5000);
    };
    await intakeRate(cluster.apis.slice(0, 1), 20, 'warm');
    const rates = { one: [] as number[], two: [] as number[] };
    for (const [round, which] of (['one', 'two', 'two', 'one'] as const).entries()) {
      await quiet();
      rates[which].push(
        await intakeRate(
          which === 'one' ? cluster.apis.slice(0, 1) : cluster.apis,
          INTAKES,
          `${which}-${round}`,
        ),
      );
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const [one, two] = [mean(rates.one), mean(rates.two)];
    say(
      `intake, ${INTAKES} complaints at ${CONCURRENCY} clients (rounds one, two, two, one): one API ${one.toFixed(1)}/s ` +
        `(${rates.one.map((r) => r.toFixed(1)).join(', ')}), two APIs ${two.toFixed(1)}/s (${rates.two.map((r) => r.toFixed(1)).join(', ')}) — x${(two / one).toFixed(2)}`,
    );
    await quiet();

    // 2. Targeted kills during sends.
    const before = new Set((await sandboxMails(sandbox.url)).map((m) => m.MessageID));
    let kills = 0;
    let stop = false;
    let lastKill = 0;
    const killer = (async () => {
      let seen = (await sandboxMails(sandbox.url)).length;
      let quietUntil = 0;
      while (!stop) {
        await sleep(10);
        const count = (await sandboxMails(sandbox.url).catch(() => [])).length;
        if (count > seen && kills < KILLS && Date.now() > quietUntil) {
          kills++;
          await Promise.all(cluster.workers.map((w) => w.kill()));
          lastKill = Date.now();
          await Promise.all(cluster.workers.map((w) => w.restart()));
          quietUntil = Date.now() + 4000;
        }
        seen = Math.max(seen, count);
      }
    })();
    const ids: string[] = [];
    for (let i = 0; i < KILL_CASES; i++) {
      ids.push(await intakeOnce(cluster.apis[i % 2], `kill-${i}`));
      await sleep(300);
    }
    const acked = async () => {
      const mails = await sandboxMails(sandbox.url);
      return ids.every((id) =>
        mails.some((m) => m.Metadata?.caseId === id && m.Metadata?.kind === 'acknowledgement'),
      );
    };
    while (!(await acked())) await sleep(1000);
    stop = true;
    await killer;
    await sleep(Math.max(0, lastKill + 35_000 - Date.now())); // past a killed send's retry
    const mails = (await sandboxMails(sandbox.url)).filter((m) => !before.has(m.MessageID));
    const extra = duplicates(mails).reduce((n, d) => n + d.count - 1, 0);
    say(
      `targeted kills: ${kills} (both workers at each e-mail received), ${mails.length} e-mails, ${extra} sent twice: ` +
        `${((1000 * extra) / Math.max(1, mails.length)).toFixed(1)} duplicates per 1,000 e-mails`,
    );

    // 3. PostgreSQL outage.
    pg.pause();
    const pgDown = Date.now();
    await Promise.all(all.map((p) => p.waitForLog(/PostgreSQL unreachable/, pgDown, 30_000)));
    await sleep(Math.max(0, pgDown + PG_OUTAGE_MS - Date.now()));
    const pgUp = Date.now();
    pg.resume();
    const pgBack = await Promise.all(
      all.map(async (p) => {
        const line = await p.waitForLog(/PostgreSQL reachable/, pgUp, 120_000);
        return `${p.name} ${((line.at - pgUp) / 1000).toFixed(1)} s`;
      }),
    );
    say(
      `PostgreSQL down ${PG_OUTAGE_MS / 1000} s; back after (health checks every 2 s): ${pgBack.join(', ')}`,
    );

    // 4. Temporal outage: SIGKILL, then the same database file.
    const tDown = Date.now();
    dev.process.kill('SIGKILL');
    await new Promise((r) => dev.process.once('exit', r));
    await Promise.all(all.map((p) => p.waitForLog(/Temporal unreachable/, tDown, 30_000)));
    await sleep(Math.max(0, tDown + TEMPORAL_OUTAGE_MS - Date.now()));
    const tUp = Date.now();
    dev = await startDevServer({
      host: '127.0.0.1',
      port,
      namespace: 'default',
      retentionSeconds: 86400,
      dbFile,
    });
    const serverReady = Date.now() - tUp;
    const firstIntake = (async () => {
      await intakeOnce(cluster.apis[0], `after-temporal-${Date.now()}`);
      return Date.now() - tUp;
    })();
    const tBack = await Promise.all(
      all.map(
        async (p) =>
          `${p.name} ${(((await p.waitForLog(/Temporal reachable/, tUp, 180_000)).at - tUp) / 1000).toFixed(1)} s`,
      ),
    );
    say(
      `Temporal SIGKILLed, down ${TEMPORAL_OUTAGE_MS / 1000} s; the dev server answered after ${(serverReady / 1000).toFixed(1)} s; ` +
        `processes back after: ${tBack.join(', ')}; first intake taken ${((await firstIntake) / 1000).toFixed(1)} s after the restart`,
    );
  } finally {
    await cluster.stop();
    await sandbox.close();
    dev.process.kill('SIGKILL');
    pg.stop();
  }
  console.log('\n' + out.join('\n'));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
