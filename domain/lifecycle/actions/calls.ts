// A phone call the owner logged. Reaching the customer keeps the promise the call was for: the
// acknowledgement, the resolution call (then the letter follows). Unreached calls are kept for the letter.
import type { CallInput } from '../../case';
import { sendResolutionLetter } from '../steps';
import { openStages, type ActionRule } from './rule';

export const calls: ActionRule<CallInput> = {
  who: 'owner',
  stages: openStages,
  check: (s, c) =>
    c.taskId && !s.tasks.some((t) => t.id === c.taskId) ? `calls: no task ${c.taskId}.` : undefined,
  apply(d, c) {
    const s = d.state;
    const open = d.openTasks().filter((t) => t.kind === 'call');
    const task = c.taskId ? s.tasks.find((t) => t.id === c.taskId) : open[open.length - 1];
    const outcome = c.reached ? 'reached the customer' : 'did not reach the customer';
    d.note('call', `Call ${outcome}${c.note ? `: ${c.note}` : ''}.`, undefined, s.owner.name);
    if (c.reached && task) d.closeTask(task, 'done', s.owner.id, c.note);
    if (c.reached && s.clocks.acknowledgement.state !== 'met' && !s.clocks.acknowledgement.metAt) {
      d.meet('acknowledgement');
      d.note('acknowledgement', `Acknowledged by phone by ${s.owner.name}.`, { kind: 'acknowledged' });
    }
    if (s.stage !== 'resolution-call') return;
    const rc = s.resolutionCall!;
    rc.attempts++;
    rc.reminders = 0;
    rc.lastAttemptAt = d.iso();
    rc.log = [...(rc.log ?? []), { at: d.iso(), reached: c.reached }];
    if (c.reached) {
      rc.reached = true;
      d.note('call', `${s.owner.name} told the customer the outcome by phone.`, { kind: 'call' });
      sendResolutionLetter(d);
    } else if (rc.attempts >= d.timings().resolutionCallAttempts) {
      rc.gaveUp = true;
      d.note('call', `Customer not reached after ${rc.attempts} attempts; the outcome goes out in writing.`);
      sendResolutionLetter(d);
    }
  },
};
