// The case's record in the store (activities/records.ts), written by the complaint workflow at every
// stage change and at close — and when what reports count of an open case changes (owner, escalation,
// overdue). Behind the patch `record-case`: cases started before it replay without records.
import { condition, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { RecordActivities } from '../activities/records';
import type { CaseView } from '../domain/case';
import type { LifecycleState } from '../domain/lifecycle';

const { recordCase } = proxyActivities<RecordActivities>({
  startToCloseTimeout: '30s',
  // A store outage delays records, never the case; the close waits for its record (nothing lost).
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
  summary: 'record the case in the store',
});

/** A change of any of these makes a new record (the documentation can come before the last stage). */
export function recordKey(s: LifecycleState): string {
  return [
    s.stage,
    s.owner.id,
    s.escalationLevel,
    s.overdue,
    s.priority,
    s.category,
    s.documentation?.at,
  ].join('|');
}

/**
 * Grows with every record: within a run the history grows between two records (each waits for the
 * last one's activity to complete); each continue-as-new run starts above all of the previous one's
 * (a run is cut at 51,200 events, far below the step).
 */
export function recordVersion(continuedAsNew: number, historyLength: number): number {
  return continuedAsNew * 10_000_000 + historyLength;
}

/** Records the case whenever its record key changes; `settled` waits until the latest is written. */
export function recordCaseChanges(
  current: () => LifecycleState,
  view: () => CaseView,
): { settled(): Promise<void> } | undefined {
  if (!patched('record-case')) return undefined;
  let recorded = '';
  void (async () => {
    for (;;) {
      await condition(() => recordKey(current()) !== recorded);
      const key = recordKey(current());
      const version = recordVersion(current().continuedAsNew, workflowInfo().historyLength);
      await recordCase({ view: view(), version });
      recorded = key;
    }
  })();
  return { settled: () => condition(() => recorded === recordKey(current())) };
}
