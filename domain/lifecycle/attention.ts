// Why a case needs an operator's attention now, computed from the state alone: what the workflow
// publishes as the ComplaintAttention search attribute, the API filters on and /ops/summary counts.
// "Overdue" says a promise to the customer is late; attention also catches what is stuck before a
// promise is late (an e-mail that cannot get out) or what a person must unblock.
import { statutoryDeadline } from '../rules';
import type { Policy } from '../types';
import type { LifecycleState } from './model';

export const attentionReasons = [
  /** An e-mail the case decided to send is not out after `attention.undeliveredAfter` (Postmark down). */
  'email-undelivered',
  /** An e-mail failed for good (invalid or inactive address): a task for the owner stands in for it. */
  'email-failed',
  /** A task for a person (a call, a letter) is past its due time. */
  'task-overdue',
  /** A supervisor's approval has been waited for longer than `attention.approvalWaitingAfter`. */
  'approval-waiting',
  /** The statutory deadline is within the policy's warning time and the case is still open. */
  'statutory-at-risk',
  /** The statutory deadline passed without an answer. */
  'statutory-breached',
  /** A message waits for a channel whose connection is down (Telegram: the bot's token was revoked). */
  'channel-unhealthy',
] as const;
export type AttentionReason = (typeof attentionReasons)[number];

/** For cases whose policy snapshot predates `attention` (started before it existed). */
export const defaultAttentionPolicy = {
  undeliveredAfterMs: 15 * 60_000,
  approvalWaitingAfterMs: 24 * 3_600_000,
};

export interface Attention {
  /** In the order of attentionReasons; empty when nothing needs attention. */
  reasons: AttentionReason[];
  /**
   * The next time a reason appears without any event (a threshold passes), epoch ms: the workflow
   * wakes then to publish it. Reasons go away only through events (an e-mail sent, a task done).
   */
  changesAt?: number;
}

export function attention(s: LifecycleState, policy: Policy, now: number): Attention {
  // Snapshots taken before the field existed lack it, whatever the type says.
  const snapshot: Policy['attention'] | undefined = policy.attention;
  const limits = snapshot ?? defaultAttentionPolicy;
  const found = new Set<AttentionReason>();
  let changesAt: number | undefined;
  /** Whether `at` has come; a future `at` is remembered as the next change. */
  const reached = (at: number): boolean => {
    if (at <= now) return true;
    if (changesAt === undefined || at < changesAt) changesAt = at;
    return false;
  };

  // After the close the outbox still sends what was decided before it: watched too.
  for (const d of s.deliveries) {
    if (d.status === 'pending' && reached(Date.parse(d.decidedAt) + limits.undeliveredAfterMs))
      found.add('email-undelivered');
    // No threshold: nothing goes out on the channel until an operator sets a new token.
    if (d.status === 'pending' && d.delayedBy === 'TelegramTokenRevoked') found.add('channel-unhealthy');
  }
  if (s.stage !== 'closed') {
    // A failed e-mail matters while the task standing in for it is open.
    const open = s.tasks.filter((t) => !t.closedAt && !t.doneAt);
    const failedPurposes = new Set(s.deliveries.filter((d) => d.status === 'failed').map((d) => d.purpose));
    if (open.some((t) => t.purpose !== undefined && failedPurposes.has(t.purpose))) found.add('email-failed');
    for (const t of open) if (t.dueBy && reached(Date.parse(t.dueBy))) found.add('task-overdue');
    if (
      s.pendingApproval &&
      reached(Date.parse(s.pendingApproval.requestedAt) + limits.approvalWaitingAfterMs)
    )
      found.add('approval-waiting');
    const statutory = s.clocks.statutory;
    if (s.statutory && statutory?.state === 'pending') {
      const legal = statutoryDeadline(Date.parse(s.receivedAt), policy);
      if (legal && reached(legal.warnAtMs)) found.add('statutory-at-risk');
    }
    if (statutory?.state === 'missed' && !statutory.metAt) found.add('statutory-breached');
  }
  return { reasons: attentionReasons.filter((r) => found.has(r)), ...(changesAt ? { changesAt } : {}) };
}
