// The API's state in the case store (migration 130), on both databases it runs on, seen by several
// API processes at once (a pool each): API keys and their revocation, console sessions, idempotency
// fingerprints, failed-auth windows and attachments behave the same whichever process asks.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StoreSessions } from '../../api/console/session';
import { authenticate, hashKey, importKeyFile, keyIdOf, storeKeys } from '../../api/keys';
import { SharedLimits } from '../../api/rate-limit';
import { importAttachmentFiles, storeAttachmentStore } from '../../infra/attachments';
import { caseKeys } from '../../infra/codec';
import {
  addApiKeys,
  allApiKeys,
  claimIdempotencyKey,
  createStore,
  migrate,
  revokeApiKey,
  type Store,
} from '../../infra/store';
import { runKeys } from '../../scripts/keys';
import { freshDatabase, storeBackends, type TestDatabase } from '../helpers/postgres';

for (const backend of storeBackends) {
  describe(`the API's shared state on ${backend === 'embedded' ? 'the embedded database (PGlite)' : 'PostgreSQL'}`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let pools: Store[];
    let tmp: string;

    before(async () => {
      db = await freshDatabase(backend);
      // Two API processes: two pools on one database.
      pools = [0, 1].map(() => createStore(db.url, { max: 3 }));
      await migrate(pools[0]);
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shared-state-'));
    });
    after(async () => {
      for (const p of pools ?? []) await p.end();
      await db?.drop();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    it('imports a keys file once: a key revoked since stays revoked, and its sessions end', async () => {
      const key = 'import-me-supervisor-key';
      const file = path.join(tmp, 'api-keys.json');
      fs.writeFileSync(
        file,
        JSON.stringify({ keys: [{ hash: hashKey(key), role: 'supervisor', subject: 'sam', name: 'Sam' }] }),
      );
      assert.equal(await importKeyFile(pools[0], file), 1);
      assert.equal(await importKeyFile(pools[1], file), 0, 'a second import adds nothing');
      const keysA = storeKeys(pools[0], { ttlMs: 0 });
      const keysB = storeKeys(pools[1], { ttlMs: 0 });
      const principal = authenticate(await keysB(), key);
      assert.equal(principal?.subject, 'sam');

      const sessionsA = new StoreSessions(pools[0]);
      const sessionsB = new StoreSessions(pools[1]);
      const cookie = await sessionsA.create(principal);
      assert.equal((await sessionsB.get(cookie))?.principal.subject, 'sam', 'B knows A’s session');

      const revoked = await revokeApiKey(pools[1], keyIdOf(hashKey(key)));
      assert.ok('revoked' in revoked && revoked.sessionsEnded === 1, JSON.stringify(revoked));
      assert.equal(authenticate(await keysA(), key), undefined, 'A refuses the revoked key');
      assert.equal(await sessionsA.get(cookie), undefined, 'its session is gone');
      assert.equal(await importKeyFile(pools[0], file), 0);
      assert.equal(authenticate(await keysA(), key), undefined, 'importing again does not revive it');
    });

    it('npm run keys adds a key shown once, lists it, and revokes it by its id', async () => {
      const added = await runKeys(['add', 'operator', 'olga', 'Olga', 'Ops'], pools[0]);
      const key = added[1];
      assert.match(key, /^cd_operator_/);
      const id = keyIdOf(hashKey(key));
      const listed = (await runKeys(['list'], pools[1])).join('\n');
      assert.match(listed, new RegExp(`${id}\\s+operator\\s+olga\\s+Olga Ops\\s+live`));
      assert.ok(!listed.includes(key), 'the list never shows a key');
      await runKeys(['revoke', id], pools[1]);
      assert.match((await runKeys(['list'], pools[0])).join('\n'), new RegExp(`${id}.*revoked`));
      await assert.rejects(runKeys(['revoke', 'zz'], pools[0]), /hex digits/);
      // An agent key is for an owner of the roster; a typo is refused, naming who there is.
      await assert.rejects(
        runKeys(['add', 'agent', 'nobody-here'], pools[0]),
        /not an owner in the roster.*anna-kowalska/,
      );
      assert.match((await runKeys(['add', 'agent', 'anna-kowalska'], pools[0]))[1], /^cd_agent_/);
      assert.ok((await allApiKeys(pools[0])).some((k) => k.hash === hashKey(key) && k.revokedAt));
    });

    it('a key cache serves a revoked key for at most its ttl', async () => {
      const key = 'cached-agent-key';
      await addApiKeys(pools[0], [{ hash: hashKey(key), role: 'agent', subject: 'ann', name: 'Ann' }]);
      let now = 1_000_000;
      const keys = storeKeys(pools[1], { ttlMs: 1000, now: () => now });
      assert.ok(authenticate(await keys(), key));
      await revokeApiKey(pools[0], keyIdOf(hashKey(key)));
      now += 500;
      assert.ok(authenticate(await keys(), key), 'within the second: the cached list');
      now += 600;
      assert.equal(authenticate(await keys(), key), undefined, 'after it: refused');
    });

    it('ends a session after its idle time and at its absolute expiry, on every process', async () => {
      let now = 5_000_000;
      const limits = { idleMs: 100, absoluteMs: 250, maxSessions: 10 };
      const [a, b] = pools.map((p) => new StoreSessions(p, limits, () => now));
      const principal = { role: 'agent' as const, subject: 'a', name: 'A', keyId: '0123456789abcdef' };
      const idle = await a.create(principal);
      now += 101;
      assert.equal(await b.get(idle), undefined);
      const busy = await a.create(principal, { language: 'pl' });
      await b.update(busy, { timeZone: 'Europe/Warsaw' });
      for (let t = 50; t <= 240; t += 50) {
        now += 50;
        const s = await (t % 100 ? a : b).get(busy);
        assert.ok(s, `alive after ${t} ms`);
        assert.equal(s.language, 'pl');
        assert.equal(s.timeZone, 'Europe/Warsaw');
      }
      now += 60; // 260 ms after it began: seen 60 ms ago, but past its absolute 250 ms
      assert.equal(await a.get(busy), undefined, 'past its absolute time');
      const out = await b.create(principal);
      await a.destroy(out);
      assert.equal(await b.get(out), undefined, 'signed out on A: gone on B');
    });

    it('keeps the first body of an idempotency key: one winner among simultaneous claims', async () => {
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          claimIdempotencyKey(pools[i % 2], 'action:k1', 'u1', `body-${i % 4}`),
        ),
      );
      // Exactly the claims with the winner's body are accepted.
      assert.ok(claims.filter(Boolean).length === 2, JSON.stringify(claims));
      assert.equal(await claimIdempotencyKey(pools[1], 'action:k1', 'u2', 'body-0'), true, 'another key');
      assert.equal(await claimIdempotencyKey(pools[0], 'action:k2', 'u1', 'body-9'), true, 'another scope');
    });

    it('counts failed authentication once for every process (an atomic UPSERT per window)', async () => {
      const now = Date.UTC(2026, 11, 1, 12, 0, 10);
      const [a, b] = pools.map(
        (p) => new SharedLimits(p, 'auth-failures-test', { burst: 10, perMinute: 10 }, { now: () => now }),
      );
      const waits = await Promise.all(
        Array.from({ length: 14 }, (_, i) => (i % 2 ? a : b).take('auth:10.0.0.1')),
      );
      assert.equal(waits.filter((w) => w === 0).length, 10, JSON.stringify(waits));
      assert.ok(
        waits.filter((w) => w > 0).every((w) => w === 50),
        'until the window ends',
      );
      assert.equal(await a.take('auth:10.0.0.2'), 0, 'another address has its own count');
    });

    it('serves an attachment sealed through one process from another, nothing of it readable in the table', async () => {
      const keysDir = path.join(tmp, 'keys');
      const [a, b] = pools.map((p) => storeAttachmentStore(p, caseKeys({ keysDir })));
      const workflowId = `complaint-k${crypto.randomBytes(10).toString('hex')}`;
      const meta = await a.put(workflowId, {
        name: 'photo.png',
        type: 'image/png',
        data: Buffer.from('PNG…'),
      });
      assert.equal(
        await a
          .put(workflowId, { name: 'photo.png', type: 'image/png', data: Buffer.from('PNG…') })
          .then((m) => m.id),
        meta.id,
      );
      const got = await b.get(workflowId, meta.id);
      assert.equal(got?.meta.name, 'photo.png');
      assert.ok(got?.data.equals(Buffer.from('PNG…')));
      assert.equal(await b.get(workflowId, `a${'f'.repeat(32)}`), undefined);
      const { rows } = await pools[0].query<{ sealed: Buffer }>(
        'SELECT sealed FROM case_attachments WHERE id = $1',
        [meta.id],
      );
      assert.ok(!rows[0].sealed.includes('photo'), 'nothing readable in the table');
    });

    it('imports the attachment files of earlier versions as they are', async () => {
      const dir = path.join(tmp, 'attachments');
      const keyId = 'case-0123456789abcdef0123456789abcdef';
      fs.mkdirSync(path.join(dir, keyId), { recursive: true });
      fs.writeFileSync(
        path.join(dir, keyId, `a${'1'.repeat(32)}`),
        Buffer.from('sealed bytes').toString('base64'),
      );
      assert.equal(await importAttachmentFiles(dir, pools[0]), 1);
      assert.equal(await importAttachmentFiles(dir, pools[1]), 1, 'again: read, nothing changed');
      const { rows } = await pools[1].query<{ sealed: Buffer }>(
        'SELECT sealed FROM case_attachments WHERE key_id = $1',
        [keyId],
      );
      assert.equal(rows.length, 1);
      assert.equal(rows[0].sealed.toString(), 'sealed bytes');
      assert.equal(await importAttachmentFiles(path.join(tmp, 'none'), pools[0]), 0);
    });
  });
}
