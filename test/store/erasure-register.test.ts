// The erasure register in the case store, on both databases: an erasure through one API is in the
// register every other process reads, the first erasure's entry stays (also when two run at once),
// and the steps are done in the shared state — the case key a tombstone for every key store, the
// ledger's entries without the customer's address.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { defaultPayloadConverter } from '@temporalio/common';
import { pgEmailLedger } from '../../activities/email-ledger-pg';
import {
  CaseKeyDestroyedError,
  EncryptionCodec,
  caseKeys,
  pgCaseKeyStore,
  type KeySettings,
} from '../../infra/codec';
import { fixedKeyring, parseKeks } from '../../infra/codec/keyring';
import { eraseCase, erasureDeps } from '../../infra/erasure';
import { createStore, migrate, type Store } from '../../infra/store';
import { complaintWorkflowId } from '../../workflows/definitions';
import { freshDatabase, storeBackends, type TestDatabase } from '../helpers/postgres';
import { tempDir } from '../helpers/stack';

for (const backend of storeBackends) {
  describe(`the erasure register on ${backend === 'embedded' ? 'the embedded database (PGlite)' : 'PostgreSQL'}`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let stores: Store[] = [];
    let dir: string;
    let keys: KeySettings;

    before(async function () {
      db = await freshDatabase(backend);
      stores = [createStore(db.url, { max: 3 }), createStore(db.url, { max: 3 })];
      await migrate(stores[0]);
      dir = tempDir('erasure-register');
      // As in production: the KEK from the configuration, the keys in the case store.
      keys = {
        keysDir: dir,
        keks: `kek-1:${crypto.randomBytes(32).toString('base64')}`,
        databaseUrl: db.url,
      };
    });
    after(async function () {
      await Promise.all(stores.map((s) => s.end()));
      await db?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('an erasure through one API is seen by the other, with its steps done in the shared state', async () => {
      const [apiA, apiB] = [erasureDeps(keys, stores[0]), erasureDeps(keys, stores[1])];
      const id = `CD-${backend}-1`;
      // The case has a key and a sent e-mail naming the customer.
      const codec = new EncryptionCodec(caseKeys(keys));
      const [sealed] = await codec.encode([defaultPayloadConverter.toPayload({ name: 'Dana' })], {
        type: 'workflow',
        namespace: 'default',
        workflowId: complaintWorkflowId(id),
      });
      await pgEmailLedger(() => Promise.resolve(stores[1])).markSent(`${id}:ack:1`, 'm-1', {
        caseId: id,
        to: 'dana@example.com',
        tag: 'acknowledgement',
        subject: 'Your complaint',
      });
      assert.equal(await apiB.register.get(id), undefined);

      const { record, first } = await eraseCase(apiA, {
        complaintId: id,
        by: 'sup-1',
        reason: 'asked by the customer',
      });
      assert.ok(first);
      assert.equal(record.keyDestroyed, true);
      assert.equal(record.ledgerEntries, 1);

      // The other API reads the same entry, and erasing there again keeps it.
      assert.deepEqual(await apiB.register.get(id), record);
      const again = await eraseCase(apiB, { complaintId: id, by: 'sup-2', reason: 'again' });
      assert.equal(again.first, false);
      assert.deepEqual(again.record, record);

      // The key is a tombstone for a key store that never saw it; the ledger forgot the address.
      const elsewhere = pgCaseKeyStore(() => Promise.resolve(stores[1]), fixedKeyring(parseKeks(keys.keks!)));
      await assert.rejects(new EncryptionCodec(elsewhere).decode([sealed]), CaseKeyDestroyedError);
      const { rows } = await stores[0].query<{ recipient: string }>(
        'SELECT recipient FROM email_ledger WHERE case_id = $1',
        [id],
      );
      assert.deepEqual(
        rows.map((r) => r.recipient),
        ['[erased]'],
      );
    });

    it('two erasures of one case at once leave one entry, the first', async () => {
      const [apiA, apiB] = [erasureDeps(keys, stores[0]), erasureDeps(keys, stores[1])];
      const id = `CD-${backend}-2`;
      const results = await Promise.all([
        eraseCase(apiA, { complaintId: id, by: 'sup-1', reason: 'one' }),
        eraseCase(apiB, { complaintId: id, by: 'retention', reason: 'two' }),
      ]);
      assert.deepEqual(results.map((r) => r.first).sort(), [false, true]);
      assert.deepEqual(results[0].record, results[1].record);
      const { rows } = await stores[0].query<{ n: number }>(
        'SELECT count(*)::int AS n FROM erasures WHERE complaint_id = $1',
        [id],
      );
      assert.equal(rows[0].n, 1);
    });
  });
}
