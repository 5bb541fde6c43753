// The public form's used tokens live in the case store, on both databases it runs on: a token is
// claimed once however many API processes (pools) try at the same moment, a repeat learns whether
// its content was the first's, and old claims go.
import assert from 'node:assert/strict';
import { claimFormToken, createStore, migrate, type Store } from '../../infra/store';
import { freshDatabase, storeBackends, type TestDatabase } from '../helpers/postgres';

for (const backend of storeBackends) {
  describe(`form tokens on ${backend === 'embedded' ? 'the embedded database (PGlite)' : 'PostgreSQL'}`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let pools: Store[];

    before(async () => {
      db = await freshDatabase(backend);
      // Three API processes: three pools on one database.
      pools = [0, 1, 2].map(() => createStore(db.url, { max: 3 }));
      await migrate(pools[0]);
    });
    after(async () => {
      for (const p of pools ?? []) await p.end();
      await db?.drop();
    });

    it('lets exactly one of many simultaneous submissions of a token be the first', async () => {
      const claims = await Promise.all(
        Array.from({ length: 9 }, (_, i) =>
          claimFormToken(pools[i % 3], { nonce: 'n-race', fingerprint: 'content-a', complaintId: 'kcase1' }),
        ),
      );
      assert.equal(claims.filter((c) => c.first).length, 1);
      assert.ok(claims.every((c) => c.first || (c.sameContent && c.complaintId === 'kcase1')));
    });

    it('tells a repeat with other content from one with the same content', async () => {
      assert.deepEqual(
        await claimFormToken(pools[0], { nonce: 'n-2', fingerprint: 'a', complaintId: 'kcase2' }),
        { first: true },
      );
      assert.deepEqual(
        await claimFormToken(pools[1], { nonce: 'n-2', fingerprint: 'a', complaintId: 'kcase2' }),
        { first: false, sameContent: true, complaintId: 'kcase2' },
      );
      assert.deepEqual(
        await claimFormToken(pools[2], { nonce: 'n-2', fingerprint: 'b', complaintId: 'kcase2' }),
        { first: false, sameContent: false, complaintId: 'kcase2' },
      );
    });

    it('forgets claims older than any token lives', async () => {
      await pools[0].query(
        `INSERT INTO form_submissions (nonce, fingerprint, complaint_id, submitted_at)
         VALUES ('n-old', 'x', 'kold', now() - interval '3 days')`,
      );
      await claimFormToken(pools[0], { nonce: 'n-3', fingerprint: 'x', complaintId: 'kcase3' });
      const { rowCount } = await pools[0].query(`SELECT 1 FROM form_submissions WHERE nonce = 'n-old'`);
      assert.equal(rowCount, 0);
    });
  });
}
