// Case data keys in the case store, on both databases the product runs on: two processes (two pools)
// creating a case's key at once end up with one key; a destroy by one is seen by the other within a
// second; a destroyed key never decodes again; the keys folder of the file store is imported; and a
// store that is down is a retryable error, not a crash.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import {
  CaseKeyDestroyedError,
  CaseKeyStoreUnavailableError,
  EncryptionCodec,
  caseKeyId,
  fileCaseKeyStore,
  importKeyFolder,
  pgCaseKeyStore,
  type CaseKeyStore,
} from '../../infra/codec';
import { fixedKeyring, type Keyring } from '../../infra/codec/keyring';
import { createStore, migrate, type Store } from '../../infra/store';
import { freshDatabase, storeBackends, type TestDatabase } from '../helpers/postgres';
import { tempDir } from '../helpers/stack';

const ctx = (workflowId: string) => ({ type: 'workflow' as const, namespace: 'default', workflowId });
const value = { name: 'Zofia Wiśniewska', email: 'zofia@example.com' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const backend of storeBackends) {
  describe(`case keys on ${backend === 'embedded' ? 'the embedded database (PGlite)' : 'PostgreSQL'}`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let stores: Store[] = [];
    let keyring: Keyring;
    // Two processes: each its own pool and its own key store (its own cache).
    let a: CaseKeyStore;
    let b: CaseKeyStore;

    before(async function () {
      db = await freshDatabase(backend);
      stores = [createStore(db.url, { max: 3 }), createStore(db.url, { max: 3 })];
      await migrate(stores[0]);
      keyring = fixedKeyring(new Map([['kek-1', crypto.randomBytes(32)]]));
      a = pgCaseKeyStore(() => Promise.resolve(stores[0]), keyring);
      b = pgCaseKeyStore(() => Promise.resolve(stores[1]), keyring);
    });
    after(async function () {
      await Promise.all(stores.map((s) => s.end()));
      await db?.drop();
    });

    it('first writer wins: two processes creating the same keys at once get one key each', async () => {
      const ids = Array.from({ length: 10 }, (_, i) => `complaint-race-${i}`);
      const keys = await Promise.all(
        ids.flatMap((id) => [a.keyForEncode(id), b.keyForEncode(id), a.keyForEncode(id), b.keyForEncode(id)]),
      );
      for (let i = 0; i < ids.length; i++) {
        const four = keys.slice(i * 4, i * 4 + 4);
        assert.equal(new Set(four.map((k) => k.key.toString('hex'))).size, 1, `one key for ${ids[i]}`);
        assert.equal(four[0].id, caseKeyId(ids[i]));
      }
      const { rows } = await stores[0].query<{ n: number }>(
        `SELECT count(*)::int AS n FROM case_keys WHERE key_id = ANY($1)`,
        [ids.map(caseKeyId)],
      );
      assert.equal(rows[0].n, ids.length);
      // The store holds them wrapped: no row holds the key itself.
      const stored = await stores[0].query<{ wrapped: Buffer }>(
        'SELECT wrapped FROM case_keys WHERE key_id = $1',
        [caseKeyId(ids[0])],
      );
      assert.ok(!stored.rows[0].wrapped.includes(keys[0].key));
      // The shared key (no workflow) is one for everyone too.
      const [s1, s2] = await Promise.all([a.keyForEncode(undefined), b.keyForEncode(undefined)]);
      assert.equal(s1.id, 'shared');
      assert.deepEqual(s1.key, s2.key);
    });

    it('a destroy in one process stops decodes in another within a second; the destroyed key never decodes again', async () => {
      const codecA = new EncryptionCodec(a);
      const codecB = new EncryptionCodec(b);
      const [sealed] = await codecA.encode([defaultPayloadConverter.toPayload(value)], ctx('complaint-gone'));
      // B reads (and caches) the key.
      const [opened] = await codecB.decode([sealed]);
      assert.deepEqual(defaultPayloadConverter.fromPayload(opened), value);

      const destroyedAt = Date.now();
      await a.destroyCaseKey('complaint-gone');
      // At once in the destroying process.
      await assert.rejects(codecA.decode([sealed]), CaseKeyDestroyedError);
      // In the other within about a second (its cache), never later.
      let seenAfter = -1;
      while (Date.now() - destroyedAt < 3000) {
        try {
          await codecB.decode([sealed]);
        } catch (err) {
          assert.ok(err instanceof CaseKeyDestroyedError, String(err));
          seenAfter = Date.now() - destroyedAt;
          break;
        }
        await sleep(25);
      }
      assert.ok(
        seenAfter >= 0 && seenAfter <= 1200,
        `the other process saw the destroy after ${seenAfter} ms`,
      );
      // A third process that never saw the key, and an encode for the erased case, fail too.
      const c = pgCaseKeyStore(() => Promise.resolve(stores[1]), keyring);
      await assert.rejects(new EncryptionCodec(c).decode([sealed]), CaseKeyDestroyedError);
      await assert.rejects(c.keyForEncode('complaint-gone'), CaseKeyDestroyedError);
      // Idempotent, and the first destroy's time stays.
      const first = await stores[0].query<{ destroyed_at: Date }>(
        'SELECT destroyed_at FROM case_keys WHERE key_id = $1',
        [caseKeyId('complaint-gone')],
      );
      await b.destroyCaseKey('complaint-gone');
      const again = await stores[0].query<{ destroyed_at: Date; wrapped: Buffer | null }>(
        'SELECT destroyed_at, wrapped FROM case_keys WHERE key_id = $1',
        [caseKeyId('complaint-gone')],
      );
      assert.deepEqual(again.rows[0].destroyed_at, first.rows[0].destroyed_at);
      assert.equal(again.rows[0].wrapped, null);
    });

    it("imports a keys folder's keys and tombstones once (idempotent), so its cases stay readable", async () => {
      const dir = tempDir('key-import');
      try {
        const devKeyring = fixedKeyring(new Map([['dev-1', crypto.randomBytes(32)]]));
        const files = new EncryptionCodec(fileCaseKeyStore(dir, devKeyring));
        const [sealed] = await files.encode([defaultPayloadConverter.toPayload(value)], ctx('complaint-old'));
        await files.encode([defaultPayloadConverter.toPayload(value)], ctx('complaint-erased-before'));
        await files.keys.destroyCaseKey('complaint-erased-before');
        fs.writeFileSync(path.join(dir, 'cases', 'not-a-key.json'), '{}');

        const store = stores[0];
        const imported = pgCaseKeyStore(() => Promise.resolve(store), devKeyring, {
          importFrom: path.join(dir, 'cases'),
        });
        const [opened] = await new EncryptionCodec(imported).decode([sealed]);
        assert.deepEqual(defaultPayloadConverter.fromPayload(opened), value);
        await assert.rejects(imported.keyForEncode('complaint-erased-before'), CaseKeyDestroyedError);
        // Again (another process starting): nothing changes.
        assert.equal(await importKeyFolder(store, path.join(dir, 'cases')), 0);
        assert.equal(await importKeyFolder(store, path.join(dir, 'no-such-folder')), 0);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a store that is down is a retryable error, and the keys come back with it', async () => {
      let up = false;
      const flaky = pgCaseKeyStore(
        () => (up ? Promise.resolve(stores[0]) : Promise.reject(new Error('connect ECONNREFUSED'))),
        keyring,
      );
      await assert.rejects(flaky.keyForEncode('complaint-while-down'), CaseKeyStoreUnavailableError);
      await assert.rejects(flaky.keyForDecode(caseKeyId('complaint-race-0')), CaseKeyStoreUnavailableError);
      up = true;
      const key = await flaky.keyForDecode(caseKeyId('complaint-race-0'));
      assert.deepEqual(key, (await a.keyForEncode('complaint-race-0')).key);
    });
  });
}
