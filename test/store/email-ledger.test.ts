// The e-mail ledger in the case store, with the real sendEmail activity and the Postmark sandbox over
// HTTP: two workers (two pools, two activity instances) sending the same e-mail at once send it once;
// a send whose outcome was never recorded is found through Postmark's outbound search instead of being
// sent again — also from another worker; erasure forgets recipients; pruning deletes old entries. And
// the measure of the issue (#16): duplicates when a worker dies after Postmark accepted a message,
// with a ledger folder per worker (before) and the ledger in the case store (after).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import type { ServerClient } from 'postmark';
import { createEmailActivities, createPostmarkClient } from '../../activities/email';
import type { EmailActivities, SendEmailInput, SendEmailResult } from '../../activities/email';
import { FileEmailLedger, type EmailLedger } from '../../activities/email-ledger';
import { pgEmailLedger, type PgEmailLedger } from '../../activities/email-ledger-pg';
import { createStore, migrate, type Store } from '../../infra/store';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';
import type { StoredMessage } from '../../sandbox/store';
import { freshDatabase, storeBackends, type TestDatabase } from '../helpers/postgres';
import { tempDir } from '../helpers/stack';

const FROM = 'Complaint Desk <complaints@complaint-desk.test>';

/** A ledger whose worker "dies" right after Postmark accepted the message: markSent never happens. */
function dyingAfterSend(ledger: EmailLedger): EmailLedger {
  const dying = (locked: EmailLedger): EmailLedger => ({
    get: (k) => locked.get(k),
    markSending: (k, i) => locked.markSending(k, i),
    markSent: () => Promise.reject(new Error('worker killed after the send')),
    markRejected: (k, e, i) => locked.markRejected(k, e, i),
    forgetCase: (c) => locked.forgetCase(c),
    withLock: (k, fn) => locked.withLock(k, fn),
  });
  return { ...dying(ledger), withLock: (k, fn) => ledger.withLock(k, (locked) => fn(dying(locked))) };
}

for (const backend of storeBackends) {
  describe(`the e-mail ledger on ${backend === 'embedded' ? 'the embedded database (PGlite)' : 'PostgreSQL'}`, function () {
    this.timeout(120_000);
    let db: TestDatabase;
    let stores: Store[] = [];
    let ledgers: PgEmailLedger[];
    let dir: string;
    let sandbox: RunningSandbox;
    let postmark: ServerClient;
    let env: MockActivityEnvironment;
    let seq = 0;

    const input = (caseId = `C-${backend}-${++seq}`): SendEmailInput => ({
      idempotencyKey: `${caseId}:acknowledgement:1`,
      caseId,
      to: 'Dana Levi <dana@example.com>',
      subject: 'We received your complaint',
      htmlBody: `<p>Case ${caseId} is open.</p>`,
      textBody: `Case ${caseId} is open.`,
      tag: 'acknowledgement',
    });
    const activities = (ledger: EmailLedger) =>
      createEmailActivities({ postmark, ledger, defaultFrom: FROM });
    const send = (a: EmailActivities, i: SendEmailInput) =>
      env.run<[SendEmailInput], SendEmailResult, EmailActivities['sendEmail']>(a.sendEmail, i);
    async function inSandbox(idempotencyKey: string): Promise<StoredMessage[]> {
      const res = await fetch(
        `${sandbox.url}/sandbox/messages?metadata_idempotencyKey=${encodeURIComponent(idempotencyKey)}`,
      );
      return ((await res.json()) as { messages: StoredMessage[] }).messages;
    }

    before(async function () {
      db = await freshDatabase(backend);
      // Two workers: each its own pool.
      stores = [createStore(db.url, { max: 4 }), createStore(db.url, { max: 4 })];
      await migrate(stores[0]);
      ledgers = stores.map((s) => pgEmailLedger(() => Promise.resolve(s)));
      dir = tempDir('ledger-store');
      sandbox = await startSandbox({ port: 0, dataDir: path.join(dir, 'sandbox') });
      postmark = createPostmarkClient({ sandboxUrl: sandbox.url, timeoutSeconds: 5 });
      env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
    });
    after(async function () {
      await sandbox?.close();
      await Promise.all(stores.map((s) => s.end()));
      await db?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('records sending, then sent, with attempts, across ledger instances', async () => {
      const info = { caseId: 'C-rec', to: 'dana@example.com', tag: 'acknowledgement', subject: 'Hi' };
      const [one, two] = ledgers;
      assert.equal(await one.get('C-rec:ack:1'), undefined);
      const sending = await one.markSending('C-rec:ack:1', info);
      assert.equal(sending.status, 'sending');
      assert.equal(sending.attempts, 1);
      assert.equal((await two.markSending('C-rec:ack:1', info)).attempts, 2);
      await two.markSent('C-rec:ack:1', 'msg-1', info);
      const entry = await one.get('C-rec:ack:1');
      assert.equal(entry?.status, 'sent');
      assert.equal(entry?.messageId, 'msg-1');
      assert.equal(entry?.attempts, 2);
      assert.equal(entry?.firstAttemptAt, sending.firstAttemptAt);
      const rejected = await one.markRejected('C-rec:ack:2', 'inactive', info);
      assert.equal(rejected.status, 'rejected');
      assert.equal(rejected.lastError, 'inactive');
    });

    // The embedded store serves every connection from one session, where advisory locks exclude no
    // one (it runs one worker); across processes the lock is PostgreSQL's.
    if (backend === 'postgresql')
      it('two workers sending the same e-mails at once send each exactly once', async () => {
        const [w1, w2] = [activities(ledgers[0]), activities(ledgers[1])];
        const inputs = Array.from({ length: 8 }, () => input());
        const results = await Promise.all(
          inputs.flatMap((i) => [send(w1, i), send(w2, i), send(w1, i), send(w2, i)]),
        );
        for (const [n, i] of inputs.entries()) {
          const four = results.slice(n * 4, n * 4 + 4);
          assert.deepEqual(four.map((r) => r.status).sort(), [
            'already-sent',
            'already-sent',
            'already-sent',
            'sent',
          ]);
          assert.equal(new Set(four.map((r) => r.messageId)).size, 1);
          assert.equal((await inSandbox(i.idempotencyKey)).length, 1, `one message for ${i.idempotencyKey}`);
        }
      });

    it("a 'sending' entry whose message Postmark holds is recorded as sent from the search, never sent again", async () => {
      const i = input();
      const info = { caseId: i.caseId, to: i.to, tag: i.tag, subject: i.subject };
      // A worker marked it, Postmark accepted it, and the worker died before recording the outcome.
      await ledgers[0].markSending(i.idempotencyKey, info);
      const accepted = await postmark.sendEmail({
        From: FROM,
        To: i.to,
        Subject: i.subject,
        TextBody: i.textBody,
        Tag: i.tag,
        Metadata: { caseId: i.caseId, idempotencyKey: i.idempotencyKey },
        MessageStream: 'outbound',
      });
      // The retry runs on the other worker.
      const result = await send(activities(ledgers[1]), i);
      assert.deepEqual(result, { messageId: accepted.MessageID, status: 'already-sent' });
      assert.equal((await inSandbox(i.idempotencyKey)).length, 1);
      const entry = await ledgers[0].get(i.idempotencyKey);
      assert.equal(entry?.status, 'sent');
      assert.equal(entry?.messageId, accepted.MessageID);
      // A 'sending' entry with nothing at Postmark (the worker died before the send): sent once now.
      const j = input();
      await ledgers[0].markSending(j.idempotencyKey, { ...info, caseId: j.caseId });
      assert.equal((await send(activities(ledgers[1]), j)).status, 'sent');
      assert.equal((await inSandbox(j.idempotencyKey)).length, 1);
    });

    it('erasure forgets the recipients and subjects of one case, in every worker’s view', async () => {
      const info = (caseId: string) => ({
        caseId,
        to: 'dana@example.com',
        tag: 'acknowledgement',
        subject: 'Hi Dana',
      });
      await ledgers[0].markSent('C-erase:ack:1', 'm1', info('C-erase'));
      await ledgers[1].markSending('C-erase:update:1', info('C-erase'));
      await ledgers[0].markSent('C-keep:ack:1', 'm2', info('C-keep'));
      assert.equal(await ledgers[1].forgetCase('C-erase'), 2);
      assert.equal(await ledgers[0].forgetCase('C-erase'), 0); // already forgotten
      const erased = await ledgers[0].get('C-erase:ack:1');
      assert.equal(erased?.to, '[erased]');
      assert.equal(erased?.subject, '[erased]');
      assert.equal(erased?.status, 'sent'); // a late retry still never sends twice
      assert.equal((await ledgers[0].get('C-keep:ack:1'))?.to, 'dana@example.com');
      const { rows } = await stores[0].query<{ n: number }>(
        `SELECT count(*)::int AS n FROM email_ledger WHERE recipient LIKE '%dana%' AND case_id = 'C-erase'`,
      );
      assert.equal(rows[0].n, 0);
    });

    it('pruning deletes entries last touched before the retention', async () => {
      const info = { caseId: 'C-prune', to: 'dana@example.com', tag: 'acknowledgement', subject: 'Hi' };
      await ledgers[0].markSent('C-prune:old', 'm-old', info);
      await ledgers[0].markSent('C-prune:new', 'm-new', info);
      await stores[0].query(
        `UPDATE email_ledger SET updated_at = now() - interval '31 days' WHERE idempotency_key = 'C-prune:old'`,
      );
      assert.equal(await ledgers[1].prune(30 * 86_400_000), 1);
      assert.equal(await ledgers[0].get('C-prune:old'), undefined);
      assert.equal((await ledgers[0].get('C-prune:new'))?.messageId, 'm-new');
    });

    it('measure: duplicates when a worker dies after Postmark accepted, retried on another worker', async () => {
      const N = 20;
      const duplicates = async (first: EmailLedger, second: EmailLedger) => {
        let extra = 0;
        for (let n = 0; n < N; n++) {
          const i = input();
          await assert.rejects(send(activities(dyingAfterSend(first)), i), /worker killed/);
          await send(activities(second), i); // the retry, on the other worker
          extra += (await inSandbox(i.idempotencyKey)).length - 1;
        }
        return extra;
      };
      // Before: a ledger folder per worker (the DATA_DIR of each machine).
      const before = await duplicates(
        new FileEmailLedger(path.join(dir, `worker-a-${backend}`)),
        new FileEmailLedger(path.join(dir, `worker-b-${backend}`)),
      );
      // After: one ledger in the case store, two workers.
      const after = await duplicates(ledgers[0], ledgers[1]);
      console.log(
        `      interrupted sends retried on another worker: ${N}; duplicates with a ledger per worker: ${before}, with the ledger in the case store: ${after}`,
      );
      assert.equal(before, N, 'a ledger per worker sends every interrupted e-mail again');
      assert.equal(after, 0);
    });
  });
}
