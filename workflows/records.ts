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
 * With patch 'record-queue', what the console's worklist shows makes a record too: the next deadline,
 * the open tasks and their due times, a pending approval, the customer's last message, staff's last
 * action, and the attention reasons (domain/archive/worklist.ts).
 */
function worklistKey(s: LifecycleState, nextDeadlineAt: number | undefined): string {
  const open = s.tasks.filter((t) => !t.closedAt && !t.doneAt);
  return [
    nextDeadlineAt ?? '',
    open.map((t) => `${t.id}:${t.dueBy ?? ''}`).join(','),
    s.pendingApproval?.requestedAt ?? '',
    s.timeline.filter((e) => e.kind === 'customer-message').length,
    s.lastStaffActionAt ?? '',
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
  /**
   * Call after every change of the case: schedules a record when its record key changed. The next
   * deadline and the attention reasons are the ones just published (search attributes).
   */
  changed(
    s: LifecycleState,
    view: () => CaseView,
    published: { nextDeadlineAt?: number; attention?: readonly string[] },
  ): void;
  /**
   * Call when only the attention reasons changed (a threshold passed, no event): a record when the
   * worklist shows them. Reads nothing of the clock, so a replay decides the same.
   */
  attentionChanged(s: LifecycleState, view: () => CaseView, attention: readonly string[]): void;
  /** Resolves once every record scheduled so far is written. */
  settled(): Promise<void>;
}

export function caseRecorder(): CaseRecorder {
  let enabled: boolean | undefined;
  let clocks: boolean | undefined;
  let queue: boolean | undefined;
  let lastKey = '';
  let lastAttention = '';
  let nth = 0;
  let written: Promise<void> = Promise.resolve();
  function write(s: LifecycleState, view: () => CaseView, attention: readonly string[] | undefined): void {
    const record = recordCase({
      view: view(),
      version: recordVersion(s.continuedAsNew, ++nth),
      ...(attention ? { attention: [...attention] } : {}),
    }).then(
      () => undefined,
      // Only a permanent error ends the retries (a bad version: a bug): the case goes on.
      (err: unknown) => log.error('the case record could not be written', { error: String(err) }),
    );
    written = Promise.all([written, record]).then(() => undefined);
  }
  return {
    changed(s, view, published) {
      enabled ??= patched('record-case');
      if (!enabled) return;
      clocks ??= patched('record-clocks');
      queue ??= patched('record-queue');
      const attention = queue ? (published.attention ?? []) : undefined;
      const key = [
        recordKey(s, clocks),
        ...(queue ? [worklistKey(s, published.nextDeadlineAt), attention!.join(',')] : []),
      ].join('#');
      if (key === lastKey) return;
      lastKey = key;
      lastAttention = attention?.join(',') ?? '';
      write(s, view, attention);
    },
    attentionChanged(s, view, attention) {
      // Only once the case records its worklist (the patch was met at the first change).
      if (!enabled || !queue) return;
      const text = attention.join(',');
      if (text === lastAttention) return;
      lastAttention = text;
      // The next change's key must see these reasons as written.
      lastKey = `${lastKey.slice(0, lastKey.lastIndexOf('#') + 1)}${text}`;
      write(s, view, attention);
    },
    settled: () => written,
  };
}
