// What one decision means for the domain's counters (promises kept and missed, e-mails sent and
// failed, escalations, staff actions), read from the state before and after it. Pure: the workflow
// adds them to its metric meter, which the SDK skips during replay, so a replayed case counts nothing twice.
import type { CaseEvent, LifecycleState } from './model';

export type Observation =
  | { counter: 'promises'; labels: { promise: string; outcome: 'kept' | 'missed' } }
  | { counter: 'emails'; labels: { purpose: string; outcome: 'sent' | 'failed' | 'delayed' | 'dropped' } }
  | { counter: 'escalations'; labels: { level: string } }
  | { counter: 'actions'; labels: { action: string } };

/** "escalation-2" → "escalation", "survey-reminder-1" → "survey-reminder": a bounded label set. */
export function purposeLabel(purpose: string): string {
  return purpose.replace(/-\d+$/, '');
}

export function observe(
  before: LifecycleState | undefined,
  after: LifecycleState,
  event?: CaseEvent,
): Observation[] {
  const out: Observation[] = [];
  const was = (name: string) => before?.clocks[name]?.state;
  // A replaced promised date moves to previousClocks: its outcome counts once, when it moves.
  const settled = [
    ...Object.values(after.clocks).filter((c) => c.state !== 'pending' && was(c.name) === 'pending'),
    ...(after.previousClocks ?? [])
      .slice(before?.previousClocks?.length ?? 0)
      .filter((c) => c.state !== 'pending'),
  ];
  for (const c of settled)
    out.push({
      counter: 'promises',
      labels: { promise: c.name, outcome: c.state === 'met' ? 'kept' : 'missed' },
    });
  for (let level = (before?.escalationLevel ?? 0) + 1; level <= after.escalationLevel; level++)
    out.push({ counter: 'escalations', labels: { level: String(level) } });
  if (event?.type === 'action') out.push({ counter: 'actions', labels: { action: event.action } });
  // E-mails: every delivery that left "pending" in this decision (sent, failed for good, dropped),
  // and an attempt window that ran out (delayed: still pending, tried again).
  const previously = new Map((before?.deliveries ?? []).map((d) => [d.id, d]));
  for (const d of after.deliveries) {
    const old = previously.get(d.id);
    const purpose = purposeLabel(d.purpose);
    if (old?.status === 'pending' && d.status !== 'pending')
      out.push({
        counter: 'emails',
        labels: {
          purpose,
          outcome: d.status === 'sent' ? 'sent' : d.status === 'failed' ? 'failed' : 'dropped',
        },
      });
  }
  if (event?.type === 'delivered' && event.outcome === 'delayed') {
    const d = after.deliveries.find((x) => x.id === event.effectId);
    if (d) out.push({ counter: 'emails', labels: { purpose: purposeLabel(d.purpose), outcome: 'delayed' } });
  }
  return out;
}
