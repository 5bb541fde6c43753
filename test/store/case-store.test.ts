// The case store on both databases it runs on: the embedded one (PGlite served by
// infra/store/embedded.ts, as `npm run up` does) and a real PostgreSQL server. Migrations from an
// empty database, idempotent writes, and ordered writes under retries and races.
import assert from 'node:assert/strict';
import {
  createStore,
  eraseCaseRecord,
  listClosedRecords,
  migrate,
  readCaseRecord,
  readMigrations,
  writeCaseRecord,
  type Store,
} from '../../infra/store';
import { openedCase } from '../helpers/case-summaries';
import { freshDatabase, storeBackends, type TestDatabase } from '../helpers/postgres';

for (const backend of storeBackends) {
  describe(`case store on ${backend === 'embedded' ? 'the embedded database (PGlite)' : 'PostgreSQL'}`, function () {
    let db: TestDatabase;
    let store: Store;

    before(async function () {
      db = await freshDatabase(backend);
      store = createStore(db.url, { max: 4 });
    });
    after(async function () {
      await store?.end();
      await db?.drop();
    });

    it('migrates an empty database, once, even when several processes start together', async function () {
      const tables = async () =>
        (
          await store.query(
            `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
          )
        ).rows.map((r: { table_name: string }) => r.table_name);
      assert.deepEqual(await tables(), []);
      // Three pools, as the worker, the API and a second worker starting at the same time.
      const others = [createStore(db.url, { max: 2 }), createStore(db.url, { max: 2 })];
      const applied = await Promise.all([store, ...others].map((s) => migrate(s)));
      await Promise.all(others.map((s) => s.end()));
      const all = readMigrations().map((m) => m.version);
      assert.deepEqual(
        applied.flat().sort((a, b) => a - b),
        all,
        'each migration applied exactly once',
      );
      assert.deepEqual(await tables(), [
        'api_keys',
        'case_attachments',
        'case_histories',
        'case_keys',
        'case_records',
        'channel_health',
        'console_sessions',
        'email_ledger',
        'erasures',
        'form_submissions',
        'idempotency_keys',
        'rate_buckets',
        'reply_addresses',
        'schema_migrations',
        'telegram_chats',
        'telegram_messages',
        'telegram_sends',
        'trend_alerts',
        // A view, not a table: the old name for processes of the release before migration 700.
        'trend_signals',
      ]);
      assert.deepEqual(await migrate(store), [], 'nothing left to apply');
      const { rows } = await store.query('SELECT version FROM schema_migrations ORDER BY version');
      assert.deepEqual(
        rows.map((r: { version: number }) => r.version),
        all,
      );
    });

    it('writes a record once: the same write again changes nothing', async function () {
      const c = openedCase('store-idem-1');
      const summary = c.summary(10);
      assert.equal(await writeCaseRecord(store, summary, Buffer.from('sealed-1')), true);
      const first = await readCaseRecord(store, 'store-idem-1');
      assert.equal(await writeCaseRecord(store, summary, Buffer.from('sealed-1')), false);
      const again = await readCaseRecord(store, 'store-idem-1');
      assert.deepEqual(again, first);
      assert.equal(first!.version, 10);
      assert.equal(first!.stage, 'diagnosis');
      assert.deepEqual(first!.summary, JSON.parse(JSON.stringify(summary)));
      const cols = await store.query(
        'SELECT product_sku, product_name, carrier, location, category, language FROM case_records WHERE complaint_id = $1',
        ['store-idem-1'],
      );
      assert.deepEqual(cols.rows[0], {
        product_sku: 'LAMP-1',
        product_name: 'Desk lamp',
        carrier: 'FastParcel',
        location: 'Warsaw',
        category: summary.category,
        language: 'en',
      });
    });

    it('never lets an older version overwrite a newer one, whatever order retries arrive in', async function () {
      const c = openedCase('store-order-1');
      const diagnosed = c.diagnosed();
      const older = c.summary(5);
      const newer = c.summary(9, diagnosed);
      assert.equal(await writeCaseRecord(store, newer, Buffer.from('new')), true);
      assert.equal(await writeCaseRecord(store, older, Buffer.from('old')), false, 'a late retry of v5');
      const row = await readCaseRecord(store, 'store-order-1');
      assert.equal(row!.version, 9);
      assert.equal(row!.stage, 'in-progress');
      assert.equal(row!.personal!.toString(), 'new');

      // 40 writes of 8 versions, each retried 5 times, all at once from two pools: the newest wins.
      const other = createStore(db.url, { max: 3 });
      const writes = [];
      for (let v = 11; v <= 18; v++)
        for (let retry = 0; retry < 5; retry++)
          writes.push(
            writeCaseRecord(
              v % 2 ? store : other,
              c.summary(v, v > 14 ? diagnosed : c.state),
              Buffer.from(`v${v}`),
            ),
          );
      const wrote = await Promise.all(writes.sort(() => Math.random() - 0.5));
      await other.end();
      const last = await readCaseRecord(store, 'store-order-1');
      assert.equal(last!.version, 18);
      assert.equal(last!.personal!.toString(), 'v18');
      assert.ok(wrote.filter(Boolean).length <= 8, 'each version wrote at most once');
    });

    it('keeps an erased case erased: a late write brings no personal data back', async function () {
      const c = openedCase('store-erased-1');
      await writeCaseRecord(store, c.summary(3), Buffer.from('sealed'));
      await eraseCaseRecord(store, 'store-erased-1');
      await eraseCaseRecord(store, 'store-erased-1'); // idempotent
      const erased = await readCaseRecord(store, 'store-erased-1');
      assert.equal(erased!.personal, undefined);
      assert.ok(erased!.erasedAt);
      assert.equal(await writeCaseRecord(store, c.summary(4), Buffer.from('late')), true);
      const after = await readCaseRecord(store, 'store-erased-1');
      assert.equal(after!.version, 4, 'the countable part still follows the case');
      assert.equal(after!.personal, undefined);
      assert.equal(after!.erasedAt, erased!.erasedAt);
    });

    it('lists closed records newest first, page by page', async function () {
      for (let i = 0; i < 5; i++) {
        const c = openedCase(`store-closed-${i}`, `2026-03-0${i + 1}T08:00:00.000Z`);
        const s = c.summary(1);
        s.stage = 'closed';
        s.closure = 'resolved';
        s.closedAt = `2026-03-1${i}T08:00:00.000Z`;
        await writeCaseRecord(store, s, undefined);
      }
      const first = await listClosedRecords(store, {}, { size: 3 });
      assert.deepEqual(
        first.records.map((r) => r.complaintId),
        ['store-closed-4', 'store-closed-3', 'store-closed-2'],
      );
      const second = await listClosedRecords(store, {}, { size: 3, after: first.next });
      assert.deepEqual(
        second.records.map((r) => r.complaintId),
        ['store-closed-1', 'store-closed-0'],
      );
      assert.equal(second.next, undefined);
    });
  });
}
