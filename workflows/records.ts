// The case's record in the store (activities/records.ts), written by the complaint workflow at every
// stage change and at close — and when what reports count of an open case changes (owner, escalation,
// overdue, documentation, a promise kept or missed). Behind the patch `record-case`: cases started
// before it replay without records. A record is scheduled from publish(), in the same synchronous step as the search attribute
// upserts, so its command always takes the same place among the workflow's commands on replay.
import { log, patched, proxyActivities } from '@temporalio/workflow';
import type { RecordActivities } from '../activities/records';
import type { CaseView } from '../domain/case';
import type { LifecycleState } from '../domain/lifecycle';

const { recordCase } = proxyActivities<RecordActivities>({
  startToCloseTimeout: '30s',
  // A store outage delays records, never the case; the close waits for its record (nothing lost).
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
  summary: 'record the case in the store',
});

/**
 * A change of any of these makes a new record (the documentation can come before the last stage).
 * With `clocks` (patch 'record-clocks'), a promise kept or missed does too: the weekly review counts
 * promises from the records, and a case can keep its acknowledgement without changing stage.
 */
function recordKey(s: LifecycleState, clocks: boolean): string {
  return [
    s.stage,
    s.owner.id,
    s.escalationLevel,
    s.overdue,
    s.priority,
    s.category,
    s.documentation?.at,
    ...(clocks ? Object.values(s.clocks).map((c) => `${c.name}:${c.state}:${c.metAt ? 'met' : ''}`) : []),
  ].join('|');
}

/**
 * Grows with every record: the n-th record of a run, each continue-as-new run above all of the
 * previous one's (a run holds at most 51,200 events, so far fewer records than the step).
 */
export function recordVersion(continuedAsNew: number, nth: number): number {
  return continuedAsNew * 10_000_000 + nth;
}

export interface CaseRecorder {
  /** Call after every change of the case: schedules a record when its record key changed. */
  changed(s: LifecycleState, view: () => CaseView): void;
  /** Resolves once every record scheduled so far is written. */
  settled(): Promise<void>;
}

export function caseRecorder(): CaseRecorder {
  let enabled: boolean | undefined;
  let clocks: boolean | undefined;
  let lastKey = '';
  let nth = 0;
  let written: Promise<void> = Promise.resolve();
  return {
    changed(s, view) {
      enabled ??= patched('record-case');
      if (!enabled) return;
      clocks ??= patched('record-clocks');
      const key = recordKey(s, clocks);
      if (key === lastKey) return;
      lastKey = key;
      const write = recordCase({ view: view(), version: recordVersion(s.continuedAsNew, ++nth) }).then(
        () => undefined,
        // Only a permanent error ends the retries (a bad version: a bug): the case goes on.
        (err: unknown) => log.error('the case record could not be written', { error: String(err) }),
      );
      written = Promise.all([written, write]).then(() => undefined);
    },
    settled: () => written,
  };
}
