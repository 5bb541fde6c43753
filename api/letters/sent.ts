// Marking a printed letter sent: the API's route and the console both complete the case's write
// task(s) for it through here.
import type { CaseView, Task } from '../../domain/case';
import { letterKinds, letterOfTask, letterTaskPurposes, type LetterKind } from '../../domain/letters';
import type { AppContext } from '../context';
import type { Principal } from '../keys';
import { problems } from '../problems';

/**
 * The letter went out: completes the case's open write task(s) for it (the task-completion action),
 * each once however often this is retried. 404 when the case has no task for the letter, 409 when
 * every one is already closed — whichever name the letter was asked by (its kind or its task's id).
 * Used by the API and the console.
 */
export async function markLetterSent(
  ctx: AppContext,
  principal: Principal,
  id: string,
  view: CaseView,
  kind: string,
  note?: string,
): Promise<CaseView> {
  // The acknowledgement (or resolution) letter is also the one a write task of that purpose carries
  // (named "T3" on its page): marking it sent by either name finds the same task.
  const purposes: readonly string[] = (letterKinds as readonly string[]).includes(kind)
    ? letterTaskPurposes[kind as LetterKind]
    : [];
  const forLetter = view.tasks.filter(
    (t) => letterOfTask(t) === kind || (t.kind === 'write' && purposes.includes(t.purpose ?? '')),
  );
  const open = forLetter.filter((t) => !t.closedAt && !t.doneAt);
  if (!forLetter.length) throw problems.notFound(`The case has no task to send the ${kind} letter.`);
  if (!open.length) throw problems.taskClosed(`${letterWords(forLetter[0])} was already marked sent.`);
  let after = view;
  for (const task of open) {
    after = await ctx.cases.act(
      id,
      'task-completion',
      // The case writes "the letter was sent" itself (in its words, which every reader's language
      // has); a person's note goes with it as written.
      { taskId: task.id, letterSent: true, ...(note ? { note } : {}), by: principal.subject },
      // A retried request completes each task once.
      `letter-sent:${id}:${task.id}`,
    );
  }
  return after;
}

/**
 * A letter by what it is for ("The formal acknowledgement letter"): a task's id ("T3") means nothing
 * to the person who asked, whichever name they used.
 */
function letterWords(task: Pick<Task, 'purpose'>): string {
  const purpose = task.purpose?.replace(/-\d+$/, '').replace(/-letter$/, '');
  return purpose ? `The ${purpose.replace(/-/g, ' ')} letter` : 'The letter';
}
