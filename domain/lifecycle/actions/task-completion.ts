// A task marked done by the owner or a supervisor (the formal letter sent, the customer told by
// phone). A task that stood in for an e-mail keeps that e-mail's promise: the acknowledgement.
import type { TaskCompletionInput } from '../../case';
import { sentence } from '../words';
import { openStages, type ActionRule } from './rule';

export const taskCompletion: ActionRule<TaskCompletionInput> = {
  who: 'owner',
  stages: openStages,
  check: (s, t) => {
    const task = s.tasks.find((x) => x.id === t.taskId);
    if (!task) return `taskId: no task ${t.taskId} on this case.`;
    if (task.closedAt || task.doneAt) return `taskId: task ${t.taskId} is already closed.`;
    if (s.ruleset === 2 && task.reason === 'resolution-call')
      return `taskId: task ${t.taskId} is the call with the outcome: log the call (calls, with its taskId); the written outcome follows it.`;
    return undefined;
  },
  apply(d, t) {
    const s = d.state;
    const task = s.tasks.find((x) => x.id === t.taskId)!;
    d.closeTask(task, 'done', t.by, t.note);
    // A letter marked sent (api/letters/sent.ts) says so in the case's own words; a person's note
    // follows as written.
    const head = `Task ${task.id} done${t.letterSent ? (t.note ? ' (the letter was sent)' : ': the letter was sent') : ''}`;
    d.note('task', sentence(`${head}${t.note ? `: ${t.note}` : ''}`), undefined, t.by);
    // Ruleset 2: the promise the task keeps (the call back) is kept by doing it.
    if (d.ruleset === 2 && task.clock && task.clock !== 'acknowledgement') d.meet(task.clock);
    if (task.purpose === 'acknowledgement' || task.purpose === 'formal-acknowledgement') {
      if (s.clocks.acknowledgement.state === 'pending' || !s.clocks.acknowledgement.metAt) {
        d.meet('acknowledgement');
        d.note('acknowledgement', `Acknowledged in writing by ${d.actor}.`, { kind: 'acknowledged' });
      }
    }
  },
};
