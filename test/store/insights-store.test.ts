// Trend alerts and the weekly review on the case store, on the embedded database and on PostgreSQL:
// the review built from stored records equals the one built from the summaries themselves, and a
// detection run recorded twice opens each alert once.
import assert from 'node:assert/strict';
import type { CaseSummary } from '../../domain/archive/summary';
import { detectTrends } from '../../domain/insights/trends';
import { parseIsoWeek } from '../../domain/insights/week';
import { buildWeeklyReview } from '../../domain/insights/weekly';
import { DAY, HOUR } from '../../domain/durations';
import { createStore, migrate, writeCaseRecord, type Store } from '../../infra/store';
import { readMigrations } from '../../infra/store/migrate';
import {
  loadTrendCases,
  loadWeekCases,
  markTrendAlerted,
  openTrendAlerts,
  readTrendAlert,
  saveTrendRun,
} from '../../infra/store/insights';
import { freshDatabase, storeBackends, type TestDatabase } from '../helpers/postgres';
import { generate, start, trendPolicy } from '../helpers/trend-scenarios';
import { reviewWeek, weekEnd, weekOfCases } from '../helpers/weekly-cases';

for (const backend of storeBackends) {
  describe(`insights on the store (${backend === 'embedded' ? 'embedded database' : 'PostgreSQL'})`, function () {
    this.timeout(180_000);
    let db: TestDatabase;
    let store: Store;

    before(async function () {
      db = await freshDatabase(backend);
      store = createStore(db.url, { max: 4 });
      await migrate(store);
    });
    after(async function () {
      await store?.end();
      await db?.drop();
    });

    it('builds the weekly review from the stored records, the same as from the summaries', async () => {
      const cases = weekOfCases();
      for (const c of cases.all) await writeCaseRecord(store, c, undefined);
      const week = parseIsoWeek(reviewWeek, 'UTC');
      const stored = await loadWeekCases(store, week.from, week.to);
      const expected = cases.all.filter((c) => c !== cases.before && c !== cases.after);
      assert.deepEqual(stored.map((c) => c.reference).sort(), expected.map((c) => c.reference).sort());
      const build = (list: readonly CaseSummary[]) =>
        buildWeeklyReview({
          week,
          timeZone: 'UTC',
          cases: list,
          names: {},
          lowScoreThreshold: 2,
          now: weekEnd,
        });
      assert.deepEqual(build(stored), build(cases.all));
    });

    it('records a detection run once: a repeat opens nothing, one alert per series stays open', async () => {
      // Synthetic records: one carrier triples for a day after 35 quiet days.
      const template = weekOfCases().kept;
      const changeAt = start + 35 * DAY;
      const synthetic = generate(11, 36, (t, carrier) => (carrier === 'DHL' && t >= changeAt ? 1 : 0));
      for (const [i, c] of synthetic.entries())
        await writeCaseRecord(
          store,
          {
            ...template,
            complaintId: `trend-${i}`,
            reference: c.reference,
            receivedAt: c.receivedAt,
            category: c.category,
            facts: c.facts,
            closedAt: undefined,
          },
          undefined,
        );

      const now = changeAt + DAY;
      const since = new Date(now - trendPolicy.baselineWindowMs - trendPolicy.monitorWindowMs - HOUR);
      const loaded = await loadTrendCases(store, since);
      const run = () =>
        openTrendAlerts(store).then((open) =>
          detectTrends({ cases: loaded, now, policy: trendPolicy, timeZone: 'UTC', open }),
        );
      const first = await run();
      const dhl = first.opened.find((s) => s.dimension === 'carrier' && s.key === 'dhl');
      assert.ok(dhl, 'the stored records show the change');
      const toAlert = await saveTrendRun(store, first, new Date(now));
      assert.ok(toAlert.includes(dhl.id));
      // The same run recorded again (a retried activity) changes nothing.
      assert.deepEqual(await saveTrendRun(store, first, new Date(now)), toAlert);
      // The next run sees the open alert and continues it.
      const second = await run();
      assert.equal(second.opened.filter((s) => s.key === 'dhl').length, 0);
      assert.ok(second.continuing.some((s) => s.id === dhl.id));
      // Even a run that would open the same series again (another start) cannot: one open per series.
      await saveTrendRun(
        store,
        { ...first, opened: [{ ...dhl, id: `${dhl.id}-other`, startedAt: new Date(now).toISOString() }] },
        new Date(now),
      );
      assert.equal((await openTrendAlerts(store)).filter((s) => s.key === 'dhl').length, 1);
      await markTrendAlerted(store, dhl.id, new Date(now));
      assert.ok(!(await saveTrendRun(store, second, new Date(now + HOUR))).includes(dhl.id));
      // Ended: gone from the open list.
      await saveTrendRun(
        store,
        {
          opened: [],
          continuing: [],
          ended: [{ ...dhl, endedAt: new Date(now + 2 * HOUR).toISOString() }],
          series: 1,
        },
        new Date(now + 2 * HOUR),
      );
      assert.ok(!(await openTrendAlerts(store)).some((s) => s.id === dhl.id));
    });

    it('migration 700 renames trend_signals to trend_alerts keeping every row; the old name still works', async () => {
      const old = await freshDatabase(backend);
      const oldStore = createStore(old.url, { max: 2 });
      try {
        const all = readMigrations();
        await migrate(
          oldStore,
          all.filter((m) => m.version < 700),
        );
        const evidence = JSON.stringify({ count: 9, cases: ['CD-1'] });
        // An alert recorded and e-mailed under the old name, and one still to e-mail.
        await oldStore.query(
          `INSERT INTO trend_signals (id, dimension, key, value, started_at, detected_at, updated_at, alerted_at, evidence)
           VALUES ('carrier:dhl:2026-11-30T10:00:00.000Z', 'carrier', 'dhl', 'DHL', '2026-11-30T10:00Z', '2026-11-30T12:00Z', '2026-11-30T12:00Z', '2026-11-30T12:01Z', $1),
                  ('supplier:acme:2026-11-30T08:00:00.000Z', 'supplier', 'acme', 'ACME', '2026-11-30T08:00Z', '2026-11-30T12:00Z', '2026-11-30T12:00Z', NULL, $1)`,
          [evidence],
        );
        assert.deepEqual(await migrate(oldStore), [700]);
        const open = await openTrendAlerts(oldStore);
        assert.deepEqual(
          open.map((a) => [a.id, a.alertedAt]),
          [
            ['carrier:dhl:2026-11-30T10:00:00.000Z', '2026-11-30T12:01:00.000Z'],
            ['supplier:acme:2026-11-30T08:00:00.000Z', undefined],
          ],
        );
        // A process of the release before writes through the old name, as its saveTrendRun did,
        // and the one-open-per-series index still holds behind the view.
        await oldStore.query(
          `INSERT INTO trend_signals (id, dimension, key, value, started_at, detected_at, updated_at, evidence)
           VALUES ('carrier:dhl:2026-11-30T11:00:00.000Z', 'carrier', 'dhl', 'DHL', '2026-11-30T11:00Z', '2026-11-30T13:00Z', '2026-11-30T13:00Z', $1)
           ON CONFLICT DO NOTHING`,
          [evidence],
        );
        await oldStore.query(`UPDATE trend_signals SET alerted_at = '2026-11-30T13:05Z' WHERE id = $1`, [
          'supplier:acme:2026-11-30T08:00:00.000Z',
        ]);
        assert.equal((await openTrendAlerts(oldStore)).length, 2);
        assert.equal(
          (await readTrendAlert(oldStore, 'supplier:acme:2026-11-30T08:00:00.000Z'))?.alertedAt,
          '2026-11-30T13:05:00.000Z',
        );
      } finally {
        await oldStore.end();
        await old.drop();
      }
    });
  });
}
