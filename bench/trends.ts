// Trend detection's promises, measured: how many hours after a planted change the hourly detection
// (domain/insights/trends.ts, run as the Schedule runs it) alerts, and how many false alarms it raises
// on 90 days of flat Poisson complaints — each next to what the Poisson CUSUM promises.
//
//   npm run build && node dist/bench/trends.js
import { performance } from 'node:perf_hooks';
import { flatFalseAlarms, plantedCarrier, plantedHour } from '../test/helpers/trend-scenarios';

function main(): void {
  const t0 = performance.now();
  const carrier = plantedCarrier();
  console.log(
    `carrier tripling for two days (0.5 → 1.5 complaints an hour): detected after ${carrier.delayHours} h; promised within ${carrier.promisedHours} h (95 %), mean ${carrier.meanHours.toFixed(1)} h`,
  );
  const hour = plantedHour();
  console.log(
    `14:00 every day tripling for a week (2.5 → 7.5 a day at that hour): detected after ${hour.delayHours} h; promised within ${hour.promisedHours} h (95 %)`,
  );
  const flat = flatFalseAlarms();
  console.log(
    `flat Poisson, 90 days, ${flat.series} series, detection every hour: ${flat.falseAlarms} false alarms; expected ${flat.expected.toFixed(2)}, promised at most ${flat.bound} (99.9 %)`,
  );
  console.log(`(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

main();
