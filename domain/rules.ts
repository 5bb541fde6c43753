// Small policy rules the workflow asks at decision points. Pure: runs inside the workflow.
import { outcomes } from './types';
import type {
  Channel,
  Outcome,
  Policy,
  Priority,
  PriorityTimings,
  StatutoryConsequence,
  VoucherCodePolicy,
  VoucherPolicy,
} from './types';

/** The times that apply to a case of this priority. */
export function timingsFor(priority: Priority, policy: Policy): PriorityTimings {
  return policy.priorities[priority];
}

/**
 * Must the owner phone the customer with the outcome? By default always (seed 003: every outcome by
 * phone); "when-not-upheld" keeps at least the bad news personal (seed 000: not hidden in a letter).
 */
export function resolutionCallRequired(outcome: Outcome, policy: Policy): boolean {
  switch (policy.resolutionCall.when) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'when-not-upheld':
      return outcome !== 'upheld';
  }
}

/** A score at or below the threshold is poor (on the default 1-5 scale, 1 and 2). */
export function isPoorScore(score: number, policy: Policy): boolean {
  return score <= policy.survey.lowScoreThreshold;
}

/** A poor score or "I still need help" means the owner follows up (seed 000 "Po piąte", 004). */
export function surveyNeedsFollowUp(
  answer: { score?: number; stillNeedHelp?: boolean },
  policy: Policy,
): boolean {
  return answer.stillNeedHelp === true || (answer.score !== undefined && isPoorScore(answer.score, policy));
}

/**
 * Does the next extension need a supervisor? `extensionsSoFar` counts extensions already made;
 * with the default limit of 2 the first two are the owner's call and the third needs approval.
 * An extension longer than the policy's longest single extension needs approval too.
 */
export function extensionNeedsApproval(extensionsSoFar: number, policy: Policy, lengthMs?: number): boolean {
  return (
    extensionsSoFar >= policy.extensions.maxWithoutApproval ||
    (lengthMs !== undefined && lengthMs > policy.extensions.maxLengthMs)
  );
}

/** Fax and letter complaints also get a formal acknowledgement letter (seed 003). */
export function formalAcknowledgementRequired(channel: Channel, policy: Policy): boolean {
  return policy.formalAcknowledgementChannels.includes(channel);
}

/**
 * The statutory deadline, in calendar time from receipt and never paused, and when to warn the
 * owner; undefined when the policy has no statutory clock.
 */
export function statutoryDeadline(
  receivedMs: number,
  policy: Policy,
): { dueMs: number; warnAtMs: number; consequence: StatutoryConsequence } | undefined {
  const s = policy.statutory;
  if (!s) return undefined;
  const dueMs = receivedMs + s.periodMs;
  return { dueMs, warnAtMs: dueMs - s.warnBeforeMs, consequence: s.consequence };
}

// Policy snapshots taken before a field existed lack it, whatever the type says: these read such
// fields with the behaviour the case had before.

/** Which complainants correspond on paper, and how their survey goes (letter and fax by default). */
export function paperPolicy(policy: Policy): Policy['paper'] {
  return (policy as Partial<Policy>).paper ?? { channels: ['letter', 'fax'], survey: 'letter' };
}

/** How long after the close a customer's reply reopens the case (0: never, as before the rule). */
export function reopenWindowMs(policy: Policy): number {
  return (policy as Partial<Policy>).reopen?.windowMs ?? 0;
}

/** The outcomes a voucher may go with without a supervisor (all of them on older snapshots). */
export function voucherOutcomes(policy: Policy): readonly Outcome[] {
  return (policy.compensation.voucher as Partial<VoucherPolicy>).outcomes ?? outcomes;
}

/** How voucher codes are made, when the policy says (older snapshots issue none). */
export function voucherCodePolicy(policy: Policy): VoucherCodePolicy | undefined {
  return (policy.compensation.voucher as Partial<VoucherPolicy>).code;
}
