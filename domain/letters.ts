// The letters a case can print: the acknowledgement and the resolution letter (fax and letter
// complainants, or any case on request), built from the case as it stands, and — since every message
// to a letter or fax complainant is a printed letter (ruleset 2) — the letter of any write task that
// carries its message (named by the task's id, "T3"). Pure.
import type { CaseView, Task } from './case';
import { disagreementRoute } from './locale-defaults';
import type { CustomerMessage, LetterRemedy } from './messages/types';

export const letterKinds = ['acknowledgement', 'resolution'] as const;
export type LetterKind = (typeof letterKinds)[number];

/** The task purposes each letter fulfils: marking the letter sent completes such a task. */
export const letterTaskPurposes: Record<LetterKind, readonly string[]> = {
  acknowledgement: ['formal-acknowledgement', 'acknowledgement'],
  resolution: ['resolution-letter'],
};

/** A task's letter is named by the task's id. */
export const isTaskLetter = (name: string): boolean => /^T[0-9]{1,6}$/.test(name);

/**
 * The letter a write task is for, if it is for one: its own (the task's id) when it carries its
 * message, else the acknowledgement or resolution letter its purpose names.
 */
export function letterOfTask(
  task: Pick<Task, 'kind' | 'purpose'> & Partial<Pick<Task, 'id' | 'message'>>,
): string | undefined {
  if (task.kind !== 'write') return undefined;
  if (task.message && task.id) return task.id;
  if (!task.purpose) return undefined;
  return letterKinds.find((k) => letterTaskPurposes[k].includes(task.purpose!));
}

/** Why a letter cannot be written yet, or the letter's data (without links: the caller adds them). */
export function letterMessage(
  view: CaseView,
  name: string,
): { ok: true; message: CustomerMessage } | { ok: false; reason: string } {
  if (isTaskLetter(name)) {
    const task = view.tasks.find((t) => t.id === name);
    if (!task || task.kind !== 'write' || !task.message)
      return { ok: false, reason: `Task ${name} has no letter to print.` };
    return { ok: true, message: task.message as CustomerMessage };
  }
  const base = { customerName: view.customer.name, reference: view.reference, ownerName: view.owner.name };
  if (name === 'acknowledgement') {
    // The words the case decided, when a task carries them: the letter promises what the case promised.
    const decided = view.tasks.find(
      (t) =>
        t.message?.kind === 'acknowledgement' && letterTaskPurposes.acknowledgement.includes(t.purpose ?? ''),
    )?.message;
    if (decided) return { ok: true, message: decided as CustomerMessage };
    const nextContactBy = view.nextCustomerContactBy ?? view.clocks.diagnosis?.dueAt;
    if (!nextContactBy) return { ok: false, reason: 'The case has no next contact to promise.' };
    return {
      ok: true,
      message: { kind: 'acknowledgement', ...base, receivedAt: view.receivedAt, nextContactBy },
    };
  }
  const r = view.resolution;
  if (!r) return { ok: false, reason: 'The case has no resolution yet: the letter states the decision.' };
  // A voucher as issued with the written outcome (its code and expiry); before that, from today's print.
  const from = Date.parse(view.letterSentAt ?? r.at);
  const remedy: LetterRemedy =
    r.remedy.kind === 'voucher'
      ? {
          ...r.remedy,
          validUntil:
            r.voucher?.validUntil ?? new Date(from + r.remedy.validityDays * 86_400_000).toISOString(),
          ...(r.voucher?.code !== undefined ? { code: r.voucher.code } : {}),
          ...(r.voucher?.value ? { value: r.voucher.value } : {}),
        }
      : r.remedy;
  const unreached =
    view.resolutionCall && !view.resolutionCall.reached ? (view.resolutionCall.log ?? []) : [];
  return {
    ok: true,
    message: {
      kind: 'resolutionLetter',
      ...base,
      receivedAt: view.receivedAt,
      outcome: r.outcome,
      explanation: r.explanation,
      apology: r.apology,
      remedy,
      howToUseRemedy: r.howToUseRemedy,
      timeline: view.timeline
        .filter((e) => e.customerKind)
        .map((e) => ({ at: e.at, kind: e.customerKind!, text: e.customerText })),
      disagreementRoute: disagreementRoute(view.customer.language),
      ...(unreached.length ? { callAttempts: unreached.map((a) => a.at) } : {}),
    },
  };
}
