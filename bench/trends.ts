// Trend detection's promises, measured: how many hours after a planted change the hourly detection
// (domain/insights/trends.ts, run as the Schedule runs it) alerts, and how many false alarms it raises
// on 90 days of flat Poisson complaints — each next to what the Poisson CUSUM promises.
//
//   npm run build && node dist/bench/trends.js
import { performance } from 'node:perf_hooks';
import {
  flatFalseAlarms,
  newSupplierAcrossOwners,
  plantedCarrier,
  plantedHour,
  sparseFalseAlarmsPerYear,
  sparsePromise,
} from '../test/helpers/trend-scenarios';

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
  for (const [label, offsets] of [
    ['4 complaints in 40 h, 4 owners', [0, 9, 26, 40]],
    ['3 complaints in 22 h', [0, 7, 22]],
    ['3 complaints in 46 h', [0, 20, 46]],
    ['6 complaints in 44 h', [0, 8, 16, 24, 32, 44]],
  ] as const) {
    const r = newSupplierAcrossOwners([...offsets]);
    console.log(
      `seed 002, a new supplier (${label}): detected ${r.delayHours.toFixed(1)} h after its first complaint (${r.alert?.evidence.method ?? 'no'} alert, ${r.alert?.evidence.owners ?? 0} owners)`,
    );
  }
  const p = sparsePromise(0);
  console.log(
    `sparse burst chain for a new series: K ${p.reference.toFixed(4)}/h, h ${p.threshold.toFixed(3)}; in control once in ${(p.inControlDays / 365).toFixed(1)} years; at 1.5 complaints a day detected after ${p.detectionMeanHours.toFixed(1)} h on average, 95 % within ${p.detectionWithin95Hours} h`,
  );
  console.log(
    `burst chain false alarms per series-year (baseline noise included): ${[0.02, 0.1, 0.2, 0.4]
      .map((r) => `${r}/day ${sparseFalseAlarmsPerYear(r).toFixed(3)}`)
      .join(', ')}`,
  );
  const flat = flatFalseAlarms();
  console.log(
    `flat Poisson, 90 days, ${flat.series} series (${flat.seriesYears.toFixed(1)} series-years), detection every hour: ${flat.falseAlarms} false alarms = ${(flat.falseAlarms / flat.seriesYears).toFixed(3)} per series-year (sparse suppliers ${flat.sparseFalseAlarms}); expected ${flat.expected.toFixed(2)} (${Object.entries(
      flat.expectedBy,
    )
      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
      .join(', ')}), promised at most ${flat.bound} (99.9 %)`,
  );
  console.log(`(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

main();
