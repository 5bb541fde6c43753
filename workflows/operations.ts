// What the complaint workflow shows operators besides its state: the domain's counters (through the
// SDK's workflow metric meter, which emits nothing while a case replays) and the Web UI's current
// details. Workflow code: no Node built-ins, no zod.
import { metricMeter, workflowInfo } from '@temporalio/workflow';
import type { Attention } from '../domain/lifecycle/attention';
import type { Deadline, LifecycleState } from '../domain/lifecycle/model';
import type { Observation } from '../domain/lifecycle/observations';
import { utc } from '../domain/durations';
import { describeWaiting, type Waiting } from '../domain/lifecycle/waiting';

const counters = {
  promises: metricMeter.createCounter(
    'complaint_promises',
    undefined,
    'Promises to customers settled, by promise and outcome (kept, missed)',
  ),
  emails: metricMeter.createCounter(
    'complaint_emails',
    undefined,
    'E-mails settled, by purpose and outcome (sent, failed, delayed, dropped)',
  ),
  escalations: metricMeter.createCounter('complaint_escalations', undefined, 'Escalations, by level reached'),
  actions: metricMeter.createCounter('complaint_actions', undefined, 'Staff actions applied, by action'),
};

/** Adds what a decision means to the counters; not even computed while a case replays (nothing is emitted then). */
export function count(observations: () => Observation[]): void {
  if (workflowInfo().unsafe.isReplaying) return;
  for (const o of observations()) counters[o.counter].add(1, o.labels);
}

/** The Web UI's current details: what the case waits for and who must act, then what needs attention. */
export function currentDetails(
  s: LifecycleState,
  waiting: Waiting | undefined,
  next: Deadline | undefined,
  attention: Attention | undefined,
): string {
  const pending = s.deliveries.filter((x) => x.status === 'pending');
  const delayed = pending.filter((x) => x.delayedSince);
  const open = s.tasks.filter((t) => !t.closedAt && !t.doneAt);
  return [
    `**${s.reference}** · stage **${s.stage}** · owner ${s.owner.name} (${s.owner.id})`,
    waiting ? describeWaiting(waiting) : s.stage === 'closed' ? `closed: ${s.closure}` : '',
    attention?.reasons.length ? `**needs attention: ${attention.reasons.join(', ')}**` : '',
    `priority ${s.priority} · category ${s.category} · escalation level ${s.escalationLevel}${s.overdue ? ' · **OVERDUE**' : ''}`,
    open.length
      ? `open tasks: ${open.map((t) => `${t.id} ${t.kind}${t.purpose ? ` (${t.purpose})` : ''}${t.dueBy ? ` due ${utc(Date.parse(t.dueBy))}` : ''}`).join('; ')}`
      : '',
    pending.length
      ? `e-mails not yet out: ${pending.map((x) => `${x.purpose} to ${x.audience === 'customer' ? 'the customer' : x.to} (decided ${utc(Date.parse(x.decidedAt))})`).join(', ')}${delayed.length ? ` — **delayed since ${delayed[0].delayedSince}**` : ''}`
      : '',
    next ? `next deadline: ${next.summary} at ${utc(next.at)}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}
