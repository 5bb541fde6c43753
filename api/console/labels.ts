// The console's words for the case's own vocabulary: stages, priorities, channels, deadlines, what an
// e-mail or a task is for, attention reasons, delivery states, timeline kinds, categories (from the
// policy's labels) and people (names from the roster, never ids). Anything the catalogue does not know
// yet (a purpose a newer workflow adds) reads as words, never as an id with dashes.
import type { Delivery } from '../../domain/lifecycle/model';
import type { Policy, Roster } from '../../domain/types';
import { isMessageKey, type ConsoleLanguage, type Translate } from './i18n';

/** "survey-reminder" → "survey reminder": the last resort for a value the catalogue lacks. */
export const humanise = (value: string): string => value.replace(/[-_]+/g, ' ').trim();

function family(t: Translate, prefix: string, value: string | undefined): string {
  if (!value) return '';
  const key = `${prefix}.${value}`;
  return isMessageKey(key) ? t(key) : humanise(value);
}

export const stageLabel = (t: Translate, stage: string | undefined) => family(t, 'stage', stage);
export const priorityLabel = (t: Translate, p: string | undefined) => family(t, 'priority', p);
export const channelLabel = (t: Translate, c: string | undefined) => family(t, 'channel', c);
export const languageLabel = (t: Translate, l: string | undefined) => family(t, 'lang', l);
export const deadlineLabel = (t: Translate, name: string | undefined) => family(t, 'deadline', name);
export const waitingLabel = (t: Translate, who: string | undefined) => family(t, 'waiting', who);
export const attentionLabel = (t: Translate, reason: string) => family(t, 'attention', reason);
export const timelineLabel = (t: Translate, kind: string) => family(t, 'timeline', kind);

/**
 * What an e-mail or a task is for. Numbered purposes are read without their number ("survey-1",
 * "task-T3", "escalation-2"): the number is the case's bookkeeping, not the staff's business.
 */
export function purposeLabel(t: Translate, purpose: string | undefined): string {
  if (!purpose) return '';
  const base = purpose
    .replace(/^(survey(?:-reminder)?)-\d+$/, '$1')
    .replace(/^task-T\d+$/, 'task')
    .replace(/^escalation-\d+$/, 'escalation');
  return family(t, 'purpose', base);
}

/** A task in words: what to do, for what, and why ("Write to the customer · for: Formal acknowledgement letter"). */
export function taskLabel(t: Translate, task: { kind: string; reason: string; purpose?: string }): string {
  const parts = [family(t, 'task', task.kind)];
  if (task.purpose) parts.push(t('taskFor', { purpose: purposeLabel(t, task.purpose) }));
  const why = family(t, 'task.reason', task.reason);
  if (why) parts.push(why);
  return parts.join(' · ');
}

export type DeliveryState = 'queued' | 'sent' | 'delayed' | 'bounced' | 'failed' | 'dropped';

/** What became of an e-mail, as staff say it. */
export function deliveryState(d: Pick<Delivery, 'status' | 'detail' | 'delayedSince'>): DeliveryState {
  if (d.status === 'pending') return d.delayedSince ? 'delayed' : 'queued';
  if (d.status === 'failed') return /^bounced|InactiveRecipient/.test(d.detail ?? '') ? 'bounced' : 'failed';
  return d.status;
}

/** The complaint category as the policy names it in the viewer's language. */
export function categoryLabel(
  policy: Policy | undefined,
  language: ConsoleLanguage,
  id: string | undefined,
): string {
  if (!id) return '';
  const category = policy?.categories.find((c) => c.id === id);
  return category?.labels[language] ?? category?.labels.en ?? humanise(id);
}

/** A person by name: an owner, team lead, supervisor or the head of customer service; else as given. */
export function personName(roster: Roster | undefined, idOrName: string | undefined): string {
  if (!idOrName) return '';
  if (!roster) return idOrName;
  const people = [...roster.owners, ...roster.teamLeads, ...roster.supervisors, roster.head];
  return people.find((p) => p.id === idOrName)?.name ?? idOrName;
}

/**
 * A sentence the case wrote (internal, in English) with its ids in words: people by name, a
 * root-cause category by the policy's name ("[no-fault-found]" → “No fault found”), what a task is
 * for ("(resolution-letter)" → "(Resolution letter)"), and the outcome.
 */
export function relabel(
  t: Translate,
  roster: Roster | undefined,
  policy: Policy | undefined,
  text: string,
  tasks: readonly TaskWords[] = [],
): string {
  const causes = policy?.documentation?.rootCauseCategories ?? [];
  return (
    withTasks(t, tasks, withNames(roster, text))
      .replace(/\[([a-z0-9-]+)\]/g, (m, id: string) => {
        const cause = causes.find((c) => c.id === id);
        return cause ? `“${cause.name}”` : m;
      })
      // One word or several ("(acknowledgement)", "(resolution-letter)"); only what names a purpose.
      .replace(/\(([a-z]+(?:-[a-z0-9]+)*)\)/g, (m, id: string) =>
        isMessageKey(`purpose.${id.replace(/-\d+$/, '')}`) ? `(${purposeLabel(t, id)})` : m,
      )
      .replace(/\b(partially-upheld)\b/g, () => t('partially-upheld'))
  );
}

/** What a task needs for its name in words. */
export type TaskWords = { id: string; kind: string; purpose?: string };

/**
 * The case's task ids inside its sentences ("Task T3 done", "Call on T2 reached the customer", "The
 * T3 letter was sent") as what each task is for: staff never see a task's id anywhere else, so "T3"
 * tells them nothing. Only ids of this case's tasks, and only where the case writes them.
 */
export function withTasks(t: Translate, tasks: readonly TaskWords[], text: string): string {
  const words = (id: string) => {
    const name = taskName(t, tasks, id);
    return name && `“${name}”`;
  };
  return text
    .replace(/\bThe (T\d+) letter\b/g, (m, id: string) => {
      const w = words(id);
      return w ? `The letter ${w}` : m;
    })
    .replace(/\b(Task|on) (T\d+)\b/g, (m, before: string, id: string) => {
      const w = words(id);
      return w ? `${before} ${w}` : m;
    });
}

/** A task of the case by what it is for (else what it is); undefined for an id the case lacks. */
export function taskName(t: Translate, tasks: readonly TaskWords[], id: string): string | undefined {
  const task = tasks.find((k) => k.id === id);
  if (!task) return undefined;
  return task.purpose ? purposeLabel(t, task.purpose) : family(t, 'task', task.kind);
}

/** Ids of roster people inside a sentence the case wrote ("Approved by ewa-nowak: …") as their names. */
export function withNames(roster: Roster | undefined, text: string): string {
  if (!roster) return text;
  let out = text;
  for (const p of [...roster.owners, ...roster.teamLeads, ...roster.supervisors, roster.head])
    if (p.id && out.includes(p.id)) out = out.split(p.id).join(p.name);
  return out;
}
