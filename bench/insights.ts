// The weekly team review and one trend detection run over a large archive (issue #9: 100,000 cases):
// the store is filled with bench/fill-archive.ts, then each is timed as its activity runs it — the
// store's query, the pure build, the rendering (review) or the recording of the run (trends).
//
//   npm run build && node dist/bench/insights.js [--count 100000] [--days 365] [--runs 3]
//     [--database-url postgres://…]     (default: an embedded in-memory store, like `npm run up`'s)
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DAY, HOUR } from '../domain/durations';
import { detectTrends } from '../domain/insights/trends';
import { previousIsoWeek } from '../domain/insights/week';
import { buildWeeklyReview } from '../domain/insights/weekly';
import { weeklyReviewCsv, weeklyReviewHtml, weeklyReviewText } from '../domain/insights/weekly-render';
import { loadPolicy } from '../infra/policy-files';
import { fromRoot } from '../infra/paths';
import { createStore, migrate } from '../infra/store';
import { startEmbeddedStore } from '../infra/store/embedded';
import { loadTrendCases, loadWeekCases, openTrendAlerts, saveTrendRun } from '../infra/store/insights';
import { fillArchive } from './fill-archive';

const ms = (t: number) => `${t.toFixed(0)} ms`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '100000' },
      days: { type: 'string', default: '365' },
      runs: { type: 'string', default: '3' },
      'database-url': { type: 'string' },
    },
  });
  const count = Number(values.count);
  const runs = Number(values.runs);
  const embedded = values['database-url'] ? undefined : await startEmbeddedStore({});
  const url = values['database-url'] ?? embedded!.url;
  const store = createStore(url, { max: 4 });
  try {
    await migrate(store);
    const policy = loadPolicy(fromRoot('policy', 'default.json'));
    const zone = 'UTC';
    const until = new Date();
    const fill = await fillArchive(store, { count, days: Number(values.days), until });
    console.log(
      `store: ${embedded ? 'embedded (PGlite)' : 'PostgreSQL'}; filled ${count} cases over ${values.days} days in ${ms(fill.ms)}`,
    );

    const week = previousIsoWeek(until.getTime(), zone);
    for (let i = 1; i <= runs; i++) {
      const t0 = performance.now();
      const cases = await loadWeekCases(store, week.from, week.to);
      const t1 = performance.now();
      const review = buildWeeklyReview({
        week,
        timeZone: zone,
        cases,
        names: {},
        lowScoreThreshold: 2,
        now: until.getTime(),
      });
      const t2 = performance.now();
      weeklyReviewHtml(review);
      weeklyReviewText(review);
      weeklyReviewCsv(review);
      const t3 = performance.now();
      console.log(
        `weekly review ${week.week} (run ${i}): ${ms(t3 - t0)} — query ${ms(t1 - t0)} (${cases.length} cases), build ${ms(t2 - t1)}, render HTML+text+CSV ${ms(t3 - t2)}; ${review.totals.opened} opened, ${review.totals.closed} closed`,
      );
    }

    for (let i = 1; i <= runs; i++) {
      const now = until.getTime() + (i - 1) * HOUR;
      const t0 = performance.now();
      const since = new Date(now - policy.trends.baselineWindowMs - policy.trends.monitorWindowMs - HOUR);
      const [cases, open] = await Promise.all([loadTrendCases(store, since), openTrendAlerts(store)]);
      const t1 = performance.now();
      const run = detectTrends({ cases, now, policy: policy.trends, timeZone: zone, open });
      const t2 = performance.now();
      await saveTrendRun(store, run, new Date(now));
      const t3 = performance.now();
      console.log(
        `trend run (run ${i}${i === 1 ? ', thresholds not yet memoised' : ''}): ${ms(t3 - t0)} — query ${ms(t1 - t0)} (${cases.length} cases in ${Math.round((policy.trends.baselineWindowMs + policy.trends.monitorWindowMs) / DAY)} days), detect ${ms(t2 - t1)} (${run.series} series), record ${ms(t3 - t2)}; ${run.opened.length} opened, ${run.continuing.length} continuing`,
      );
    }
  } finally {
    await store.end();
    await embedded?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
