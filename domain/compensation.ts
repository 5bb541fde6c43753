// Is a proposed remedy within the compensation policy the decision-makers approved (seed 001 §2)?
// Above a cap, a supervisor must approve. Pure: runs inside the workflow.
import { voucherOutcomes } from './rules';
import type { Outcome, Policy, Remedy } from './types';

export interface Money {
  amount: number;
  currency: string;
}

export interface OrderAmount {
  amount?: number;
  currency?: string;
}

export interface RemedyCheck {
  withinPolicy: boolean;
  /** Every cap that was checked or could not be, in plain words (the approval request quotes them). */
  reasons: string[];
  /** What a voucher is worth, when the order amount is known. */
  voucherValue?: Money;
}

/** A voucher's value: `percent` of the order, rounded to cents; undefined when the amount is unknown. */
export function voucherValue(percent: number, order: OrderAmount | undefined): Money | undefined {
  if (order?.amount === undefined || !order.currency) return undefined;
  return { amount: Math.round(order.amount * percent) / 100, currency: order.currency };
}

/**
 * `outcome`: the decision the remedy goes with; a voucher goes only with the outcomes the policy names
 * without a supervisor (seed 003: only where the customer was wronged, so not with a rejection).
 */
export function checkRemedy(
  remedy: Remedy,
  order: OrderAmount | undefined,
  policy: Policy,
  outcome?: Outcome,
): RemedyCheck {
  const caps = policy.compensation;
  const problems: string[] = [];
  const notes: string[] = [];
  let value: Money | undefined;

  switch (remedy.kind) {
    case 'none':
      notes.push('no remedy');
      break;
    case 'replacement':
    case 'repair':
      if (caps[remedy.kind].allowed) notes.push(`${remedy.kind} is allowed`);
      else problems.push(`${remedy.kind} is not offered without approval`);
      break;
    case 'voucher': {
      const v = caps.voucher;
      if (!v.allowed) problems.push('vouchers are not offered without approval');
      if (outcome && !voucherOutcomes(policy).includes(outcome))
        problems.push(`a voucher with a ${outcome} outcome needs approval (the customer was not wronged)`);
      if (!(remedy.percent > 0)) problems.push('a voucher must be worth more than 0%');
      else if (remedy.percent > v.maxPercent)
        problems.push(`voucher ${remedy.percent}% is above the ${v.maxPercent}% cap`);
      else notes.push(`voucher ${remedy.percent}% is within the ${v.maxPercent}% cap`);
      if (!Number.isInteger(remedy.validityDays) || remedy.validityDays < 1) {
        problems.push('a voucher must be valid for at least one whole day');
      } else if (remedy.validityDays > v.maxValidityDays) {
        problems.push(
          `voucher validity ${remedy.validityDays} days is above the ${v.maxValidityDays}-day cap`,
        );
      }
      value = voucherValue(remedy.percent, order);
      if (value) notes.push(`voucher worth ${value.amount.toFixed(2)} ${value.currency}`);
      break;
    }
    case 'refund':
      checkRefund(remedy, order, policy, problems, notes);
      break;
  }

  const result: RemedyCheck = { withinPolicy: problems.length === 0, reasons: [...problems, ...notes] };
  if (value) result.voucherValue = value;
  return result;
}

function checkRefund(
  refund: Extract<Remedy, { kind: 'refund' }>,
  order: OrderAmount | undefined,
  policy: Policy,
  problems: string[],
  notes: string[],
): void {
  const caps = policy.compensation.refund;
  const currency = refund.currency.toUpperCase();
  const shown = `${refund.amount.toFixed(2)} ${currency}`;
  if (!caps.allowed) problems.push('refunds are not offered without approval');
  if (!(refund.amount > 0)) {
    problems.push('a refund must be more than zero');
    return;
  }

  if (caps.maxAmount) {
    const cap = caps.maxAmount[currency];
    if (cap === undefined) problems.push(`no refund cap is set for ${currency}`);
    else if (refund.amount > cap) problems.push(`refund ${shown} is above the ${cap} ${currency} cap`);
    else notes.push(`refund ${shown} is within the ${cap} ${currency} cap`);
  }

  // The order's value bounds a refund even when the policy sets no percentage cap.
  const percentCap = caps.maxPercentOfOrder ?? 100;
  const orderKnown =
    order?.amount !== undefined &&
    (order.currency === undefined || order.currency.toUpperCase() === currency);
  if (orderKnown) {
    const limit = Math.round(order.amount! * percentCap) / 100;
    if (refund.amount > limit)
      problems.push(`refund ${shown} is above ${percentCap}% of the order (${limit} ${currency})`);
    else notes.push(`refund ${shown} is within ${percentCap}% of the order`);
  } else if (caps.maxPercentOfOrder !== undefined && !caps.maxAmount) {
    // Only a percentage cap exists and it cannot be checked: someone has to look at the order.
    problems.push(`the order amount in ${currency} is unknown, so the ${percentCap}% cap cannot be checked`);
  } else if (caps.maxPercentOfOrder !== undefined) {
    notes.push(`order amount in ${currency} unknown: the ${percentCap}% cap was not checked`);
  } else if (!caps.maxAmount) {
    notes.push('the policy sets no refund cap');
  }
}
