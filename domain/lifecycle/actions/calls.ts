// A phone call the owner logged. Reaching the customer keeps the promise the call was for: the
// acknowledgement, the resolution call (then the letter follows). Unreached calls are kept for the letter.
// On ruleset 2 a call names its task and settles that task alone (a call on the diagnosis task never
// tells the outcome); cases opened before keep the older rule below.
import type { CallInput, Task } from '../../case';
import type { Draft } from '../draft';
import { sendResolutionLetter } from '../steps';
import { sentence } from '../words';
import { openStages, type ActionRule } from './rule';

export const calls: ActionRule<CallInput> = {
  who: 'owner',
  stages: openStages,
  check: (s, c) => {
    if (c.taskId && !s.tasks.some((t) => t.id === c.taskId)) return `calls: no task ${c.taskId}.`;
    if (s.ruleset !== 2) return undefined;
    const open = s.tasks.filter((t) => t.kind === 'call' && !t.closedAt && !t.doneAt).map((t) => t.id);
    if (!c.taskId)
      return open.length
        ? `taskId: name the call task this call was for (open call tasks: ${open.join(', ')}).`
        : 'taskId: the case has no open call task; record a call without one as a note.';
    const task = s.tasks.find((t) => t.id === c.taskId)!;
    if (task.kind !== 'call') return `taskId: task ${task.id} is a letter to write, not a call.`;
    if (task.closedAt || task.doneAt) return `taskId: task ${task.id} is already closed.`;
    return undefined;
  },
  apply(d, c) {
    if (d.ruleset === 2)
      callOnTask(
        d,
        d.state.tasks.find((t) => t.id === c.taskId)!,
        c,
      );
    else olderCall(d, c);
  },
};

/**
 * Ruleset 2: the call settles its own task. An attempt keeps the promise to call (the call back,
 * the resolution call's deadline); reaching the customer does the task: it acknowledges when it
 * stood in for the acknowledgement, tells the outcome when it was the resolution call.
 */
function callOnTask(d: Draft, task: Task, c: CallInput): void {
  const s = d.state;
  const outcome = c.reached ? 'reached the customer' : 'did not reach the customer';
  d.note('call', sentence(`Call on ${task.id} ${outcome}${c.note ? `: ${c.note}` : ''}`), undefined, d.actor);
  if (task.reason === 'resolution-call' && s.stage === 'resolution-call') return resolutionCall(d, task, c);
  if (task.clock && task.clock !== 'acknowledgement') d.meet(task.clock);
  if (!c.reached) return;
  d.closeTask(task, 'done', s.owner.id, c.note);
  // Reaching the customer is contact: an acknowledgement still owed is kept (its other tasks, a
  // formal letter, stay open: they are theirs to settle).
  const ack = s.clocks.acknowledgement;
  if (ack.state !== 'met' && !ack.metAt) {
    d.meet('acknowledgement');
    d.note('acknowledgement', `Acknowledged by phone by ${d.actor}.`, { kind: 'acknowledged' });
  }
}

/** The outcome's call: each attempt counts; reached, or after the policy's attempts, the letter follows. */
function resolutionCall(d: Draft, task: Task, c: CallInput): void {
  const s = d.state;
  const rc = s.resolutionCall!;
  rc.attempts++;
  rc.reminders = 0;
  rc.lastAttemptAt = d.iso();
  rc.log = [...(rc.log ?? []), { at: d.iso(), reached: c.reached }];
  d.meet('resolution-call'); // the owner called; after its deadline it stays a recorded miss
  if (c.reached) {
    rc.reached = true;
    d.closeTask(task, 'done', s.owner.id, c.note);
    d.note('call', `${d.actor} told the customer the outcome by phone.`, { kind: 'call' });
    sendResolutionLetter(d);
  } else if (rc.attempts >= d.timings().resolutionCallAttempts) {
    rc.gaveUp = true;
    d.closeTask(task, 'done', s.owner.id, c.note);
    d.note('call', `Customer not reached after ${rc.attempts} attempts; the outcome goes out in writing.`);
    sendResolutionLetter(d);
  } else task.dueBy = d.iso(d.after(d.now, d.timings().resolutionCallRetryMs));
}

/** Cases opened before ruleset 2: a call without a task counts for the last open call task. */
function olderCall(d: Draft, c: CallInput): void {
  const s = d.state;
  const open = d.openTasks().filter((t) => t.kind === 'call');
  const task = c.taskId ? s.tasks.find((t) => t.id === c.taskId) : open[open.length - 1];
  const outcome = c.reached ? 'reached the customer' : 'did not reach the customer';
  d.note('call', sentence(`Call ${outcome}${c.note ? `: ${c.note}` : ''}`), undefined, d.actor);
  if (c.reached && task) d.closeTask(task, 'done', s.owner.id, c.note);
  if (c.reached && s.clocks.acknowledgement.state !== 'met' && !s.clocks.acknowledgement.metAt) {
    d.meet('acknowledgement');
    d.note('acknowledgement', `Acknowledged by phone by ${d.actor}.`, { kind: 'acknowledged' });
  }
  if (s.stage !== 'resolution-call') return;
  const rc = s.resolutionCall!;
  rc.attempts++;
  rc.reminders = 0;
  rc.lastAttemptAt = d.iso();
  rc.log = [...(rc.log ?? []), { at: d.iso(), reached: c.reached }];
  if (c.reached) {
    rc.reached = true;
    d.note('call', `${d.actor} told the customer the outcome by phone.`, { kind: 'call' });
    sendResolutionLetter(d);
  } else if (rc.attempts >= d.timings().resolutionCallAttempts) {
    rc.gaveUp = true;
    d.note('call', `Customer not reached after ${rc.attempts} attempts; the outcome goes out in writing.`);
    sendResolutionLetter(d);
  }
}
