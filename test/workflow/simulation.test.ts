// `npm run simulate` at a small size: complaints run through the real workflow, worker and activities
// on the time-skipping server with the simulated team and customers, records in the case store, and
// the run's summary line. The extended tier adds a longer month of more cases, in more slices.
import assert from 'node:assert/strict';
import { summaryLine } from '../../domain/simulation/report';
import { simulate } from '../../scripts/simulation/run';
import { EXTENDED } from '../helpers/tier';

async function month(cases: number, days: number, sliceSize: number, seed: string): Promise<void> {
  // Slices of `sliceSize` cases, each on its own server, added up into one report (as a large month runs).
  const { report, moves, emails, records, withFacts, categorised, slices, unlocks, timeouts, rerun } =
    await simulate({
      cases,
      days,
      seed,
      sliceSize,
    });
  assert.equal(slices, Math.ceil(cases / sliceSize));
  const line = summaryLine(report, days);
  // A seed is the same month in every run (case ids derive from it); a mended stall or an unanswered
  // call is where a run could part from it, so they are printed beside the line.
  console.log(`      ${line} (stalls mended ${unlocks}, calls timed out ${timeouts}, slices rerun ${rerun})`);
  const m = new RegExp(
    `^simulated ${cases} cases over ${days} days: (\\d+) of (\\d+) customer-facing promises kept \\((\\d+\\.\\d)%\\); (\\d+) missed \\(owner (\\d+), system (\\d+), customer (\\d+)\\); (\\d+) update intervals covered by the system; (\\d+) cases closed$`,
  ).exec(line);
  assert.ok(m, line);
  const [kept, total, share, missed, owner, system, customer, , closed] = m.slice(1).map(Number);
  assert.equal(kept + missed, total);
  assert.equal(owner + system + customer, missed);
  assert.equal(share, Number(((100 * kept) / total).toFixed(1)));
  // Every case was acknowledged (the acknowledgement clock of each is settled in the month).
  assert.equal(report.byClock.acknowledgement.kept + report.byClock.acknowledgement.missed, cases);
  // The workflow's record activity wrote every case to the store (an embedded one for the run).
  assert.equal(records, cases);
  assert.ok(closed >= 1, 'some cases run to their close within the month');
  // Intake facts on the cases whose story has them; documented cases name a root-cause category.
  assert.ok(withFacts >= 1 && withFacts <= cases, `${withFacts} records with intake facts`);
  assert.ok(categorised >= 1 && categorised <= closed, `${categorised} categorised, ${closed} closed`);
  assert.ok(moves > cases && emails > cases, `${moves} moves, ${emails} e-mails`);
  assert.equal(report.misses.length, missed, 'every miss is listed with its attribution');
}

describe('a simulated month (time-skipping server)', function () {
  this.timeout(300_000);

  it('runs the cases through the real workflow and reports the promises kept and every miss', async () => {
    await month(6, 20, 3, 'ci');
  });

  it(`runs a longer month of more cases in more slices ${EXTENDED}`, async function () {
    this.timeout(1_200_000);
    await month(40, 45, 10, 'ci-extended');
  });
});
