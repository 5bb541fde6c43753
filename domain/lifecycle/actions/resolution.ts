// The decision on the complaint. A remedy above the policy's caps waits for a supervisor.
import type { ResolutionInput } from '../../case';
import type { Remedy } from '../../types';
import { checkRemedy } from '../../compensation';
import { askSupervisor, communicateDecision } from '../steps';
import type { ActionRule } from './rule';

export const resolution: ActionRule<ResolutionInput> = {
  who: 'owner',
  stages: ['in-progress'],
  requires: (s) =>
    s.pendingApproval ? `a ${s.pendingApproval.kind} awaits a supervisor's approval first` : undefined,
  apply(d, input) {
    const s = d.state;
    // A voucher without a validity gets the policy's default (seed 003: valid for a limited time).
    const remedy: Remedy =
      input.remedy.kind === 'voucher'
        ? {
            kind: 'voucher',
            percent: input.remedy.percent,
            validityDays: input.remedy.validityDays ?? d.policy.compensation.voucher.defaultValidityDays,
          }
        : input.remedy;
    const r = { ...input, remedy };
    s.resolution = { ...r, at: d.iso() };
    d.note('resolution', `Decision: ${r.outcome} (remedy: ${r.remedy.kind}).`, undefined, d.actor);
    const check = checkRemedy(r.remedy, s.order, d.policy, r.outcome);
    if (check.withinPolicy) {
      communicateDecision(d);
      return;
    }
    const reasons = check.reasons.join('; ');
    s.stage = 'awaiting-approval';
    s.pendingApproval = { kind: 'remedy', requestedAt: d.iso(), summary: reasons };
    d.note('approval', `Remedy above the policy awaits a supervisor: ${reasons}`);
    askSupervisor(d, `a remedy above the policy (${reasons})`);
  },
};
