// The formal letters a case can print (fax and letter complainants, or any case on request): the
// acknowledgement and the resolution letter, built from the case as it stands, with the same data
// the e-mails are written from (domain/lifecycle/intake.ts and steps.ts). Pure.
import type { CaseView } from './case';
import { disagreementRoute } from './locale-defaults';
import type { AcknowledgementMessage, LetterRemedy, ResolutionLetterMessage } from './messages/types';

export const letterKinds = ['acknowledgement', 'resolution'] as const;
export type LetterKind = (typeof letterKinds)[number];

/** The task purposes each letter fulfils: marking the letter sent completes such a task. */
export const letterTaskPurposes: Record<LetterKind, readonly string[]> = {
  acknowledgement: ['formal-acknowledgement', 'acknowledgement'],
  resolution: ['resolution-letter'],
};

/** The letter a write task is for, if it is for one. */
export function letterOfTask(task: { kind: string; purpose?: string }): LetterKind | undefined {
  if (task.kind !== 'write' || !task.purpose) return undefined;
  return letterKinds.find((k) => letterTaskPurposes[k].includes(task.purpose!));
}

export type LetterMessage = AcknowledgementMessage | ResolutionLetterMessage;

/** Why a letter cannot be written yet, or the letter's data. */
export function letterMessage(
  view: CaseView,
  kind: LetterKind,
): { ok: true; message: LetterMessage } | { ok: false; reason: string } {
  const base = { customerName: view.customer.name, reference: view.reference, ownerName: view.owner.name };
  if (kind === 'acknowledgement') {
    const nextContactBy = view.clocks.diagnosis?.dueAt ?? view.nextCustomerContactBy;
    if (!nextContactBy) return { ok: false, reason: 'The case has no diagnosis deadline to promise.' };
    return {
      ok: true,
      message: { kind: 'acknowledgement', ...base, receivedAt: view.receivedAt, nextContactBy },
    };
  }
  const r = view.resolution;
  if (!r) return { ok: false, reason: 'The case has no resolution yet: the letter states the decision.' };
  // A voucher's validity runs from the day the letter went out (as in the e-mail), or from today's print.
  const from = Date.parse(view.letterSentAt ?? r.at);
  const remedy: LetterRemedy =
    r.remedy.kind === 'voucher'
      ? { ...r.remedy, validUntil: new Date(from + r.remedy.validityDays * 86_400_000).toISOString() }
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
      disagreementRoute: disagreementRoute(view.customer.language, 'paper'),
      ...(unreached.length ? { callAttempts: unreached.map((a) => a.at) } : {}),
    },
  };
}
