// A week of cases of every shape, run through the real lifecycle core (test/helpers/case-driver.ts):
// ISO week 2026-W10 (Monday 2 March to Monday 9 March 2026, UTC under the default policy).
import type { CaseSummary } from '../../domain/archive/summary';
import { CaseDriver } from './case-driver';
import { DAY, HOUR } from './complaints';

export const reviewWeek = '2026-W10';
export const weekStart = Date.parse('2026-03-02T00:00:00Z');
export const weekEnd = weekStart + 7 * DAY;

export interface ShapedCases {
  kept: CaseSummary;
  missed: CaseSummary;
  extended: CaseSummary;
  withdrawn: CaseSummary;
  followUp: CaseSummary;
  statutory: CaseSummary;
  before: CaseSummary;
  after: CaseSummary;
  all: CaseSummary[];
}

/** The cases, for the week starting at `start` (a Monday 00:00 UTC; default 2026-W10). */
export function weekOfCases(start = weekStart): ShapedCases {
  const at = (day: number, hour: number) => start + day * DAY + hour * HOUR;
  const weekEnd = start + 7 * DAY;
  // Kept: every promise on time, refunded, a good score, documented and closed on Thursday.
  const kept = new CaseDriver({
    at: at(0, 8),
    ownerId: 'anna-kowalska',
    facts: { carrier: 'FastParcel', product: { sku: 'LAMP-1' } },
  })
    .diagnose(at(0, 10), at(3, 12))
    .progress(at(1, 12))
    .resolve(at(2, 9), { kind: 'refund', amount: 50, currency: 'PLN' })
    .call(at(2, 10))
    .survey(at(2, 15), 5)
    .document(at(3, 9), 'transport-damage', 'carrier');

  // Missed: the owner is silent past the diagnosis deadline and the promised date, never updates.
  const missed = new CaseDriver({ at: at(1, 9), ownerId: 'piotr-wisniewski' })
    .to(at(2, 12))
    .diagnose(at(2, 12), at(4, 12))
    .to(weekEnd + 12 * HOUR);

  // Extended: the promised date moves (an extension raises the escalation level), a voucher, a poor
  // score: the survey opens a follow-up (reopened); still open at the week's end.
  const extended = new CaseDriver({ at: at(0, 9), ownerId: 'sara-lindqvist' })
    .diagnose(at(0, 11), at(2, 12))
    .act(at(1, 10), 'extension', {
      newExpectedBy: new Date(at(3, 12)).toISOString(),
      reason: 'Waiting for the supplier.',
    })
    .resolve(at(3, 10), { kind: 'voucher', percent: 10, validityDays: 90 })
    .call(at(3, 11))
    .survey(at(4, 9), 2)
    .to(weekEnd + HOUR);

  // Withdrawn by the customer on Thursday.
  const withdrawn = new CaseDriver({ at: at(2, 14), ownerId: 'kadri-tamm' })
    .diagnose(at(2, 16), at(5, 12))
    .to(at(3, 10))
    .apply({ type: 'withdrawal', withdrawal: { reason: 'Sorted it out myself.' } });

  // Follow-up: received the week before; resolved, "still need help", the follow-up done, closed.
  const followUp = new CaseDriver({ at: at(-4, 10), ownerId: 'noa-levi' })
    .diagnose(at(-4, 12), at(1, 12))
    .resolve(at(0, 10), { kind: 'replacement' })
    .call(at(0, 11))
    .survey(at(0, 14), 4, true)
    .act(at(1, 10), 'follow-up', { note: 'Replacement confirmed with the customer.' })
    .document(at(1, 12), 'product-defect', 'supplier');

  // Statutory: received two weeks earlier and left after the diagnosis; the 14-day limit passes on
  // Monday of the week.
  const statutory = new CaseDriver({ at: at(-14, 6), ownerId: 'james-whitaker' })
    .diagnose(at(-14, 8), at(-10, 12))
    .to(weekEnd + HOUR);

  // Closed before the week and received after it: not part of it.
  const before = new CaseDriver({ at: at(-10, 8), ownerId: 'anna-kowalska' })
    .to(at(-10, 9))
    .apply({ type: 'withdrawal', withdrawal: {} });
  const after = new CaseDriver({ at: weekEnd + 2 * HOUR, ownerId: 'anna-kowalska' });

  const cases = { kept, missed, extended, withdrawn, followUp, statutory, before, after };
  const summaries = Object.fromEntries(Object.entries(cases).map(([k, d]) => [k, d.summary()])) as Omit<
    ShapedCases,
    'all'
  >;
  return { ...summaries, all: Object.values(summaries) };
}
