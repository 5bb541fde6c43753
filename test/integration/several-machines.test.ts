// Two workers and two APIs as on four machines (test/helpers/cluster.ts): each its own data folder,
// sharing one Temporal server, one real PostgreSQL and the secrets. Complaints go in through API A;
// every action and the customer's status link go through API B; meanwhile workers are SIGKILLed —
// the moment the Postmark sandbox receives an e-mail (so the sender dies between Postmark's answer
// and its ledger write, or just after) and at random — and restarted. No e-mail may go out twice for
// the same (case, purpose): the ledger is in PostgreSQL, so a retry on the other worker sees the
// first worker's entry (and asks Postmark's outbound search when the outcome was never recorded).
import assert from 'node:assert/strict';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { Client, Connection } from '@temporalio/client';
import { complaintWorkflowId } from '../../workflows/definitions';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';
import { testNamespace, type TestNamespace } from '../helpers/dev-server';
import { freshDatabase, type TestDatabase } from '../helpers/postgres';
import { complaintRequest, eventually } from '../helpers/complaints';
import { tempDir } from '../helpers/stack';
import {
  callApi,
  duplicates,
  sandboxMails,
  startCluster,
  type Cluster,
  type ClusterProcess,
  type SentMail,
} from '../helpers/cluster';

const CASES = 10;
const TARGETED_KILLS = 4;
const RANDOM_KILLS = 3;
const SUPERVISOR = `test_supervisor_machines_${Math.random().toString(36).slice(2)}`;
/** A killed worker's send is retried after its start-to-close timeout (30 s): wait past it. */
const RETRY_WINDOW_MS = 35_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until none of the cases has an activity pending (an attempt a killed worker started stays
 * pending until its start-to-close timeout, then retries), twice in a row a second apart (a task that
 * just completed may schedule the next one); at most until `latest`, as a fixed wait would.
 */
async function untilNoActivityPending(address: string, namespace: string, ids: string[], latest: number) {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, namespace });
    let quiet = 0;
    while (Date.now() < latest && quiet < 2) {
      const pending = await Promise.all(
        ids.map(async (id) => {
          const d = await client.workflow.getHandle(complaintWorkflowId(id)).describe();
          return d.raw.pendingActivities?.length ?? 0;
        }),
      );
      quiet = pending.every((n) => n === 0) ? quiet + 1 : 0;
      if (quiet < 2) await sleep(Math.min(1000, Math.max(0, latest - Date.now())));
    }
  } finally {
    await connection.close();
  }
}

describe('several machines: two workers and two APIs, each with its own data folder', function () {
  this.timeout(600_000);
  let dev: TestNamespace;
  let database: TestDatabase;
  let sandbox: RunningSandbox;
  let cluster: Cluster;

  before(async function () {
    this.timeout(240_000);
    dev = await testNamespace();
    database = await freshDatabase('postgresql');
    sandbox = await startSandbox({ port: 0, dataDir: path.join(tempDir('machines-sandbox'), 'postmark') });
    cluster = await startCluster({
      workers: 2,
      apis: 2,
      temporalAddress: dev.address,
      namespace: dev.namespace,
      databaseUrl: database.url,
      sandboxPort: sandbox.port,
      keys: [{ key: SUPERVISOR, role: 'supervisor', subject: 'sam', name: 'Sam' }],
    });
  });
  after(async () => {
    await cluster?.stop();
    await sandbox?.close();
    await database?.drop();
  });

  it('takes in on API A, acts and serves the customer link on API B; SIGKILLed workers send no e-mail twice', async () => {
    const [apiA, apiB] = cluster.apis;
    const kills = { targeted: 0, random: 0 };
    let lastKill = 0;
    let stop = false;
    const restarts: number[] = [];
    let restarting: Promise<void> | undefined;
    // Killed at once; started again in the background (a few seconds, from the prebuilt workflow
    // bundle: startCluster), so the killer keeps watching meanwhile.
    const restart = (workers: ClusterProcess[]) => {
      const killedAt = Date.now();
      restarting = (async () => {
        await Promise.all(workers.map((w) => w.kill()));
        lastKill = Date.now();
        await Promise.all(workers.map((w) => w.restart()));
        restarts.push(Date.now() - killedAt);
      })().finally(() => (restarting = undefined));
    };
    // Targeted: both workers die the moment a new e-mail reaches the sandbox (the sender among them).
    // Random: one worker at a random moment. One kill at a time, each after the last restart.
    const killer = (async () => {
      let seen = (await sandboxMails(sandbox.url)).length;
      let nextRandom = Date.now() + 20_000 + Math.random() * 10_000;
      while (!stop) {
        await sleep(15);
        const count = (await sandboxMails(sandbox.url).catch(() => [])).length;
        const now = Date.now();
        if (!restarting && count > seen && kills.targeted < TARGETED_KILLS) {
          kills.targeted++;
          restart(cluster.workers);
        } else if (!restarting && now > nextRandom && kills.random < RANDOM_KILLS) {
          kills.random++;
          restart([cluster.workers[Math.floor(Math.random() * cluster.workers.length)]]);
          nextRandom = Date.now() + 5000 + Math.random() * 10_000;
        }
        seen = Math.max(seen, count);
      }
      await restarting;
    })();

    try {
      // Intake through A (two at a time), each with an Idempotency-Key a client would retry with.
      const started: { id: string; reference: string; email: string }[] = [];
      for (let i = 0; i < CASES; i += 2) {
        if (i > 0) await sleep(2000); // spread out, so e-mails keep coming while workers die
        await Promise.all(
          [i, i + 1].map(async () => {
            const request = complaintRequest({ channel: 'web' });
            const key = `machines-${process.pid}-${Math.random().toString(36).slice(2)}`;
            const answer = await eventually(
              async () => {
                const r = await callApi(apiA.url!, 'POST', '/complaints', {
                  key: SUPERVISOR,
                  body: request,
                  headers: { 'Idempotency-Key': key },
                });
                if (r.status >= 500) return undefined; // a client retries with the same key
                return r;
              },
              'intake through API A',
              60_000,
            );
            assert.equal(answer.status, 201, answer.text);
            const body = answer.json as { id: string; reference: string };
            started.push({ id: body.id, reference: body.reference, email: request.customer.email! });
          }),
        );
      }
      assert.equal(new Set(started.map((s) => s.id)).size, CASES);

      // The customer's link (signed by a worker) opens on API B; the supervisor diagnoses through B.
      const mailOf = (all: SentMail[], caseId: string, kind: string) =>
        all.filter((m) => m.Metadata?.caseId === caseId && m.Metadata?.kind === kind);
      for (const s of started) {
        const [ack] = await eventually(
          async () => {
            const found = mailOf(await sandboxMails(sandbox.url), s.id, 'acknowledgement');
            return found.length > 0 ? found : undefined;
          },
          `the acknowledgement of ${s.id}`,
          180_000,
        );
        const token = /\/c\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(`${ack.TextBody}\n${ack.HtmlBody}`)?.[1];
        assert.ok(token, 'a customer link in the acknowledgement');
        // While both workers restart the page cannot ask the case (504), or a case replaying on a
        // fresh worker answers "being set up" (409 with Retry-After): the customer reloads.
        const page = await eventually(
          async () => {
            const r = await callApi(apiB.url!, 'GET', `/c/${token}`);
            return r.status >= 500 || r.status === 409 ? undefined : r;
          },
          'the status page on API B',
          60_000,
        );
        assert.equal(page.status, 200, `the status link on API B: ${page.text.slice(0, 300)}`);
        assert.ok(page.text.includes(s.reference));
        // The same body on every retry: the key's fingerprint is shared by both APIs (422 otherwise).
        const diagnosis = {
          summary: 'The parcel was crushed in transit.',
          probableCause: 'Handling at the courier depot',
          responsibleParty: { kind: 'third-party', name: 'FastCourier' },
          expectedResolutionBy: new Date(Date.now() + 5 * 86_400_000).toISOString(),
        };
        const diagnosed = await eventually(
          async () => {
            const r = await callApi(apiB.url!, 'POST', `/complaints/${s.id}/diagnosis`, {
              key: SUPERVISOR,
              headers: { 'Idempotency-Key': `diagnosis-${s.id}` },
              body: diagnosis,
            });
            // No worker for a moment (5xx), or "being set up" (409 case-starting, Retry-After):
            // retried with the same key and body.
            const starting = r.status === 409 && /case-starting/.test(r.text);
            return r.status >= 500 || starting ? undefined : r;
          },
          `the diagnosis of ${s.id} through API B`,
          120_000,
        );
        assert.equal(diagnosed.status, 200, diagnosed.text);
        assert.equal((diagnosed.json as { stage: string }).stage, 'in-progress');
      }

      // Every case's diagnosis e-mail arrives, whatever was killed on the way.
      await eventually(
        async () => {
          const all = await sandboxMails(sandbox.url);
          return started.every((s) => mailOf(all, s.id, 'diagnosis').length > 0);
        },
        'a diagnosis e-mail for every case',
        240_000,
      );
      stop = true;
      await killer;
      // A send that a killed worker left unfinished stays pending until its timeout, then is retried:
      // wait until no case has an activity in flight (every retry done), or past the timeout.
      const settling = Date.now();
      await untilNoActivityPending(
        dev.address,
        dev.namespace,
        started.map((s) => s.id),
        lastKill + RETRY_WINDOW_MS,
      );

      const all = await sandboxMails(sandbox.url);
      const twice = duplicates(all);
      console.log(
        `      [several machines] ${all.length} e-mails, ${kills.targeted} targeted and ${kills.random} random worker kills: ` +
          `${twice.length} sent twice (${((1000 * twice.reduce((n, d) => n + d.count - 1, 0)) / all.length).toFixed(1)} per 1,000); ` +
          `workers back in ${restarts.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s; ` +
          `no activity pending ${((Date.now() - settling) / 1000).toFixed(1)} s after the last diagnosis e-mail`,
      );
      // Each targeted kill stops the e-mails until a worker is back: at least three bursts happen.
      assert.ok(kills.targeted >= 3, `only ${kills.targeted} targeted kills`);
      assert.deepEqual(twice, [], 'no e-mail twice for the same case and purpose');
      for (const s of started) {
        assert.equal(mailOf(all, s.id, 'acknowledgement').length, 1, `${s.id}: one acknowledgement`);
        assert.equal(mailOf(all, s.id, 'diagnosis').length, 1, `${s.id}: one diagnosis e-mail`);
        assert.equal(mailOf(all, s.id, 'acknowledgement')[0].To, s.email);
        // Either API tells the same case. A case last run on a worker killed a moment ago answers
        // once Temporal gives up that worker's queue (WORKER_STICKY_TIMEOUT_MS, 3 s), and no case
        // answers while both workers restart (504).
        for (const api of cluster.apis) {
          const c = await eventually(
            async () => {
              const r = await callApi(api.url!, 'GET', `/complaints/${s.id}`, { key: SUPERVISOR });
              return r.status === 504 ? undefined : r;
            },
            `${s.id} read through ${api.name}`,
            45_000,
          );
          assert.equal(c.status, 200, c.text);
          assert.equal((c.json as { stage: string }).stage, 'in-progress');
        }
      }
      // Every case has its record in the one store, at its current stage.
      const pg = new PgClient({ connectionString: database.url });
      await pg.connect();
      try {
        await eventually(
          async () => {
            const { rows } = await pg.query<{ complaint_id: string; stage: string }>(
              'SELECT complaint_id, stage FROM case_records WHERE complaint_id = ANY($1)',
              [started.map((s) => s.id)],
            );
            return rows.length === CASES && rows.every((r) => r.stage === 'in-progress');
          },
          'a record of every case at in-progress',
          120_000,
        );
      } finally {
        await pg.end();
      }
    } finally {
      stop = true;
      await killer;
    }
  });
});
