// Trend detection (domain/insights/trends.ts) on synthetic complaint streams: a planted change is found
// within the hours the Poisson CUSUM promises, and flat data raises no more false alarms than it promises.
import assert from 'node:assert/strict';
import { cusumRunLength, detectTrends, referenceValue, type TrendAlert } from '../../domain/insights/trends';
import { DAY, HOUR } from '../../domain/durations';
import {
  carrierRate,
  carriers,
  flatFalseAlarms,
  generate,
  newSupplierAcrossOwners,
  plantedCarrier,
  plantedHour,
  runHourly,
  sparseFalseAlarmsPerYear,
  sparsePromise,
  start,
  trendPolicy,
} from '../helpers/trend-scenarios';
import { extendedTier } from '../helpers/tier';

describe('trend detection (Poisson CUSUM)', function () {
  this.timeout(300_000);

  it('the Markov chain agrees with the textbook: ARL of a CUSUM that alarms on any count is 1/P(X>0)', () => {
    // With h just above 1 − K and one complaint enough, the run length is geometric.
    const lambda = 0.2;
    const k = 0.05;
    const { arl } = cusumRunLength(lambda, k, 0.9, []);
    assert.ok(Math.abs(arl - 1 / (1 - Math.exp(-lambda))) < 0.01, `ARL ${arl}`);
  });

  it('finds one carrier tripling for two days within the promised hours, and says so once', () => {
    const r = plantedCarrier();
    console.log(
      `      carrier tripling: detected after ${r.delayHours} h (promised: within ${r.promisedHours} h with 95 %, mean ${r.meanHours.toFixed(1)} h)`,
    );
    assert.ok(r.alert, 'the change was not detected');
    assert.ok(r.delayHours <= r.promisedHours, `${r.delayHours} h > ${r.promisedHours} h`);
    // The evidence: counts well above the baseline, the cases named.
    const e = r.alert.evidence;
    assert.ok(e.count > e.expected, JSON.stringify(e));
    assert.equal(e.cases.length, Math.min(100, e.count));
    assert.equal(
      e.counts.reduce((a, b) => a + b, 0),
      e.count,
    );
    assert.equal(r.alert.id, `carrier:dhl:${r.alert.startedAt}`);
    // Once: the series never opens a second alert while the first is open.
    assert.equal(r.others.filter((s) => s.dimension === 'carrier' && s.key === 'dhl').length, 0);
  });

  it('finds a spike at 14:00 every day within the promised hours', () => {
    const r = plantedHour();
    console.log(
      `      14:00 spike: detected after ${r.delayHours} h (promised: within ${r.promisedHours} h with 95 %)`,
    );
    assert.ok(r.alert, 'the spike was not detected');
    assert.ok(r.delayHours <= r.promisedHours, `${r.delayHours} h > ${r.promisedHours} h`);
    assert.equal(r.alert.evidence.bucket, 'day');
  });

  // 30 days in `npm test`, 90 (the figures in docs/insights.md) in `npm run test:extended`.
  const flatDays = extendedTier ? 90 : 30;
  it(`raises no more false alarms on ${flatDays} days of flat Poisson data than it promises, sparse series included`, () => {
    const r = flatFalseAlarms(3, flatDays);
    console.log(
      `      flat ${flatDays} days, ${r.series} series (${r.seriesYears.toFixed(1)} series-years): ${r.falseAlarms} false alarms, ${(r.falseAlarms / r.seriesYears).toFixed(3)} per series-year (expected ${r.expected.toFixed(2)}, promised at most ${r.bound}); sparse suppliers ${r.sparseFalseAlarms} (expected ${r.expectedBy['sparse suppliers'].toFixed(2)})`,
    );
    assert.ok(r.falseAlarms <= r.bound, `${r.falseAlarms} > ${r.bound}`);
    // The stated budget: each chain once per falseAlarmEvery (5 years) at its own rate.
    assert.ok(r.expected / r.seriesYears <= 2 / 5, `${r.expected / r.seriesYears} per series-year`);
  });

  it('an alert keeps its identity while open, ends when the statistic falls back, and never alerts twice', () => {
    const changeAt = start + 35 * DAY;
    const cases = generate(7, 45, (t, carrier) =>
      carrier === 'DPD' && t >= changeAt && t < changeAt + DAY ? 3 : 0,
    );
    let open: TrendAlert[] = [];
    const opened: TrendAlert[] = [];
    const ended: TrendAlert[] = [];
    for (let t = changeAt; t < changeAt + 10 * DAY; t += HOUR) {
      const run = detectTrends({
        cases: cases.filter((c) => Date.parse(c.receivedAt) < t),
        now: t,
        policy: trendPolicy,
        timeZone: 'UTC',
        open,
      });
      for (const c of run.continuing) {
        const before = open.find((o) => o.id === c.id);
        assert.ok(before, 'a continuing alert was open before');
        assert.equal(c.startedAt, before.startedAt);
      }
      opened.push(...run.opened);
      ended.push(...run.ended);
      open = [...run.opened, ...run.continuing];
    }
    const dpd = opened.filter((s) => s.dimension === 'carrier' && s.key === 'dpd');
    assert.equal(dpd.length, 1, 'one alert for the one change');
    const end = ended.find((s) => s.id === dpd[0].id);
    assert.ok(end?.endedAt, 'the alert ended once the rate was back');
    assert.ok(Date.parse(end.endedAt) > changeAt + DAY);
  });

  it('compares a series with no past with the floor, not with zero', () => {
    const now = start + 40 * DAY;
    const one = detectTrends({
      cases: [
        {
          reference: 'CD-1',
          receivedAt: new Date(now - HOUR).toISOString(),
          category: 'billing',
          facts: { supplier: 'New Co' },
        },
      ],
      now,
      policy: trendPolicy,
      timeZone: 'UTC',
      open: [],
    });
    assert.equal(one.opened.length, 0, 'one complaint is not a trend');
    assert.ok(referenceValue(trendPolicy.minBaselinePerDay / 24, 2) > 0);
  });
});

describe('seed 002: a new supplier seen across representatives', function () {
  this.timeout(300_000);

  it('one complaint each to four owners within 40 hours alarms within 2 days, as a sparse burst', () => {
    const r = newSupplierAcrossOwners([0, 9, 26, 40]);
    const p = r.promise;
    console.log(
      `      new supplier, 4 complaints in 40 h to 4 owners: detected ${r.delayHours.toFixed(1)} h after the first (burst chain K ${p.reference.toFixed(4)}, h ${p.threshold.toFixed(3)}; a steady 1.5 a day is detected after ${p.detectionMeanHours.toFixed(1)} h on average, 95 % within ${p.detectionWithin95Hours} h; in control once in ${(p.inControlDays / 365).toFixed(1)} years)`,
    );
    assert.ok(r.alert, 'the new supplier never alarmed');
    assert.ok(r.delayHours <= 48, `${r.delayHours} h`);
    assert.equal(r.alert.evidence.method, 'sparse');
    assert.ok((r.alert.evidence.owners ?? 0) >= 3, 'the evidence says how many owners it reached');
    assert.deepEqual(r.alert.evidence.cases.slice(0, 3), ['CD-NEW-1', 'CD-NEW-2', 'CD-NEW-3']);
  });

  for (const [label, offsets] of [
    ['3 within a day', [0, 7, 22]],
    ['3 within two days', [0, 20, 46]],
    ['6 within two days', [0, 8, 16, 24, 32, 44]],
  ] as const) {
    it(`${label} alarm within 2 days of the first`, () => {
      const r = newSupplierAcrossOwners([...offsets]);
      assert.ok(r.alert, 'no alarm');
      assert.ok(r.delayHours <= 48, `${r.delayHours} h`);
    });
  }

  it('one complaint, or two a week apart, is no trend', () => {
    assert.equal(newSupplierAcrossOwners([0]).alert, undefined);
    assert.equal(newSupplierAcrossOwners([0, 72]).alert, undefined);
  });

  it('the promise: the budget of any series — at most one false alarm per chain in five years — with the delay it buys', () => {
    // A new series: once in five years at the rate it is compared with.
    const p = sparsePromise(0);
    assert.ok(Math.abs(p.inControlDays - trendPolicy.falseAlarmEveryMs / DAY) / p.inControlDays < 0.15);
    assert.ok(p.detectionWithin95Hours < 7 * 24);
    // Any sparse series, the noise of its few baseline complaints included: under 1 in 5 years.
    const rates = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.49];
    const perYear = rates.map((r) => sparseFalseAlarmsPerYear(r));
    console.log(
      `      burst chain false alarms per series-year at ${rates.map((r, i) => `${r}/day: ${perYear[i].toFixed(3)}`).join(', ')}`,
    );
    for (const f of perYear) assert.ok(f <= 1 / 5, `${f} per series-year`);
  });
});

describe('seed 002: one employee’s complaints (the owner dimension)', function () {
  this.timeout(300_000);

  it('an owner whose complaints double is an alert of its own', () => {
    const changeAt = start + 35 * DAY;
    // Extra complaints on one carrier's stream, all owned by one person.
    const cases = generate(5, 38).concat(
      Array.from({ length: 36 }, (_, i) => ({
        reference: `CD-OWN-${i + 1}`,
        receivedAt: new Date(changeAt + i * 1.5 * HOUR).toISOString(),
        category: 'service',
        owner: 'piotr-wisniewski',
      })),
    );
    cases.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    const alerts = runHourly(cases, changeAt, changeAt + 3 * DAY);
    const hit = alerts.find((s) => s.dimension === 'owner' && s.key === 'piotr-wisniewski');
    assert.ok(hit, `no owner alert among ${alerts.map((s) => s.id).join(', ')}`);
    assert.ok(Date.parse(hit.detectedAt) - changeAt <= 2 * DAY);
    assert.ok(carriers.length * carrierRate > 0);
  });
});
