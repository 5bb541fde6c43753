// The Telegram messages' table on both databases the product runs on (the embedded one `npm run up`
// serves, and PostgreSQL): each update is stored once, whichever process receives it, in any order.
import assert from 'node:assert/strict';
import {
  createStore,
  migrate,
  recordTelegramMessage,
  type ReceivedTelegramMessage,
  type Store,
} from '../../infra/store';
import { freshDatabase, storeBackends, type TestDatabase } from '../helpers/postgres';

const message = (updateId: number, text: string, botId = 7000000001): ReceivedTelegramMessage => ({
  botId,
  updateId,
  chat: { id: 5000000001, type: 'private' },
  messageId: updateId - 100,
  sentAt: '2026-01-01T00:00:00.000Z',
  from: { id: 5000000001, firstName: 'Anna', languageCode: 'pl' },
  kind: 'text',
  text,
  files: [],
});

for (const backend of storeBackends) {
  describe(`Telegram messages on ${backend === 'embedded' ? 'the embedded database (PGlite)' : 'PostgreSQL'}`, function () {
    let db: TestDatabase;
    let stores: Store[] = [];

    before(async function () {
      db = await freshDatabase(backend);
      // Two pools: two API processes on the same database.
      stores = [createStore(db.url, { max: 2 }), createStore(db.url, { max: 2 })];
      await migrate(stores[0]);
    });
    after(async function () {
      await Promise.all(stores.map((s) => s.end()));
      await db?.drop();
    });

    it('stores an update once, whichever process and however often it arrives', async function () {
      const results = await Promise.all(
        [0, 1, 0, 1].map((i) => recordTelegramMessage(stores[i], message(101, 'Twice'), new Date())),
      );
      assert.equal(results.filter((r) => r.inserted).length, 1);
      assert.ok(results.every((r) => r.state === 'received'));
      const { rows } = await stores[0].query<{ message: unknown }>(
        'SELECT message FROM telegram_messages WHERE update_id = 101',
      );
      assert.equal(rows.length, 1);
      assert.deepEqual(rows[0].message, message(101, 'Twice'));
    });

    it('takes updates in any order, and counts update ids per bot', async function () {
      for (const id of [105, 103, 104]) {
        assert.equal(
          (await recordTelegramMessage(stores[1], message(id, `m${id}`), new Date())).inserted,
          true,
        );
      }
      // Another bot's update 103 is another update.
      assert.equal(
        (await recordTelegramMessage(stores[0], message(103, 'other bot', 42), new Date())).inserted,
        true,
      );
      const { rows } = await stores[0].query<{ bot_id: number; update_id: number }>(
        `SELECT bot_id, update_id FROM telegram_messages WHERE state = 'received' ORDER BY bot_id, update_id`,
      );
      assert.deepEqual(
        rows.map((r) => `${r.bot_id}/${r.update_id}`),
        ['42/103', '7000000001/101', '7000000001/103', '7000000001/104', '7000000001/105'],
      );
    });
  });
}
