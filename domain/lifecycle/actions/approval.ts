// A supervisor's answer to what waits for approval: an extension beyond the limits, a remedy above the
// caps, or (ruleset 2) the outcome going out in writing although the owner has not called.
import type { ApprovalInput } from '../../case';
import { applyExtension, communicateDecision, sendResolutionLetter } from '../steps';
import type { ActionRule } from './rule';

export const approval: ActionRule<ApprovalInput> = {
  who: 'supervisor',
  stages: ['in-progress', 'awaiting-approval', 'resolution-call'],
  requires: (s) => (s.pendingApproval ? undefined : 'nothing awaits approval'),
  apply(d, a) {
    const s = d.state;
    const pending = s.pendingApproval!;
    s.pendingApproval = undefined;
    const approved = a.decision === 'approve';
    const because = a.note ? ` (${a.note})` : '';
    d.note(
      'approval',
      `${approved ? 'Approved' : 'Rejected'} by ${a.supervisorId}: ${pending.summary}${because}`,
    );
    if (pending.kind === 'letter-without-call') {
      const rc = s.resolutionCall!;
      if (!approved) {
        d.note('call', `The supervisor wants the call made before the written outcome${because}.`);
        return;
      }
      rc.gaveUp = true;
      rc.waivedBy = a.supervisorId;
      d.note(
        'call',
        `Without the owner’s call, the outcome goes out in writing (decided by ${a.supervisorId}).`,
      );
      sendResolutionLetter(d);
      return;
    }
    if (pending.kind === 'extension') {
      const e = s.pendingExtension!;
      s.pendingExtension = undefined;
      if (approved) applyExtension(d, e, a.supervisorId);
      else
        d.openTask(
          'write',
          'other',
          `The extension to ${e.newExpectedBy} was not approved${because}: resolve by the promised date.`,
        );
      return;
    }
    if (approved) {
      s.resolution!.approvedBy = a.supervisorId;
      communicateDecision(d);
      return;
    }
    s.rejectedResolutions.push({ at: d.iso(), note: a.note, supervisorId: a.supervisorId });
    s.resolution = undefined;
    s.stage = 'in-progress';
    d.openTask('write', 'other', `Revise the resolution: the supervisor rejected it${because}.`);
  },
};
