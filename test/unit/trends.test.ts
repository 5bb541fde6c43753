// Trend detection (domain/insights/trends.ts) on synthetic complaint streams: a planted change is found
// within the hours the Poisson CUSUM promises, and flat data raises no more false alarms than it promises.
import assert from 'node:assert/strict';
import { cusumRunLength, detectTrends, referenceValue, type TrendSignal } from '../../domain/insights/trends';
import { DAY, HOUR } from '../../domain/durations';
import {
  flatFalseAlarms,
  generate,
  plantedCarrier,
  plantedHour,
  start,
  trendPolicy,
} from '../helpers/trend-scenarios';
import { extendedTier } from '../helpers/tier';

describe('trend detection (Poisson CUSUM)', function () {
  this.timeout(300_000);

  it('the Markov chain agrees with the textbook: ARL of a CUSUM that signals on any count is 1/P(X>0)', () => {
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
    assert.ok(r.signal, 'the change was not detected');
    assert.ok(r.delayHours <= r.promisedHours, `${r.delayHours} h > ${r.promisedHours} h`);
    // The evidence: counts well above the baseline, the cases named.
    const e = r.signal.evidence;
    assert.ok(e.count > e.expected, JSON.stringify(e));
    assert.equal(e.cases.length, Math.min(100, e.count));
    assert.equal(
      e.counts.reduce((a, b) => a + b, 0),
      e.count,
    );
    assert.equal(r.signal.id, `carrier:dhl:${r.signal.startedAt}`);
    // Once: the series never opens a second signal while the first is open.
    assert.equal(r.others.filter((s) => s.dimension === 'carrier' && s.key === 'dhl').length, 0);
  });

  it('finds a spike at 14:00 every day within the promised hours', () => {
    const r = plantedHour();
    console.log(
      `      14:00 spike: detected after ${r.delayHours} h (promised: within ${r.promisedHours} h with 95 %)`,
    );
    assert.ok(r.signal, 'the spike was not detected');
    assert.ok(r.delayHours <= r.promisedHours, `${r.delayHours} h > ${r.promisedHours} h`);
    assert.equal(r.signal.evidence.bucket, 'day');
  });

  // 30 days in `npm test`, the 90 of the README's figures in `npm run test:extended`.
  const flatDays = extendedTier ? 90 : 30;
  it(`raises no more false alarms on ${flatDays} days of flat Poisson data than it promises`, () => {
    const r = flatFalseAlarms(3, flatDays);
    console.log(
      `      flat ${flatDays} days: ${r.falseAlarms} false alarms (expected ${r.expected.toFixed(2)}, promised at most ${r.bound})`,
    );
    assert.ok(r.falseAlarms <= r.bound, `${r.falseAlarms} > ${r.bound}`);
  });

  it('a signal keeps its identity while open, ends when the statistic falls back, and never alerts twice', () => {
    const changeAt = start + 35 * DAY;
    const cases = generate(7, 45, (t, carrier) =>
      carrier === 'DPD' && t >= changeAt && t < changeAt + DAY ? 3 : 0,
    );
    let open: TrendSignal[] = [];
    const opened: TrendSignal[] = [];
    const ended: TrendSignal[] = [];
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
        assert.ok(before, 'a continuing signal was open before');
        assert.equal(c.startedAt, before.startedAt);
      }
      opened.push(...run.opened);
      ended.push(...run.ended);
      open = [...run.opened, ...run.continuing];
    }
    const dpd = opened.filter((s) => s.dimension === 'carrier' && s.key === 'dpd');
    assert.equal(dpd.length, 1, 'one signal for the one change');
    const end = ended.find((s) => s.id === dpd[0].id);
    assert.ok(end?.endedAt, 'the signal ended once the rate was back');
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
