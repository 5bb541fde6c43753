// A new promised date. The owner may extend alone a few times and by a limited length; beyond
// either limit a supervisor approves (extensionNeedsApproval). Every extension escalates one level.
import type { ExtensionInput } from '../../case';
import { formatDuration } from '../../durations';
import { extensionNeedsApproval } from '../../rules';
import { applyExtension, askSupervisor } from '../steps';
import { futureDate, type ActionRule } from './rule';

export const extension: ActionRule<ExtensionInput> = {
  who: 'owner',
  stages: ['in-progress'],
  requires: (s) =>
    s.pendingApproval ? `a ${s.pendingApproval.kind} already awaits a supervisor's approval` : undefined,
  check: (_s, e, ctx) => futureDate(e.newExpectedBy, 'newExpectedBy', ctx.now),
  apply(d, e) {
    const s = d.state;
    const current = Math.max(d.now, Date.parse(s.clocks.resolution.dueAt));
    const length = Date.parse(e.newExpectedBy) - current;
    if (!extensionNeedsApproval(s.extensions.length, d.policy, length)) {
      applyExtension(d, e);
      return;
    }
    const why =
      s.extensions.length >= d.policy.extensions.maxWithoutApproval
        ? `more than ${d.policy.extensions.maxWithoutApproval} extensions`
        : `longer than ${formatDuration(d.policy.extensions.maxLengthMs)}`;
    s.pendingExtension = e;
    s.pendingApproval = {
      kind: 'extension',
      requestedAt: d.iso(),
      summary: `Extension to ${e.newExpectedBy} (${why}): ${e.reason}`,
    };
    d.note('approval', `Extension beyond the policy (${why}) awaits a supervisor: ${e.reason}`);
    askSupervisor(d, `an extension to ${e.newExpectedBy}, ${why} (${e.reason})`);
  },
};
