// The steps several rules share: deciding the outcome, the resolution letter, the survey, the
// follow-up, an extension, asking a supervisor. Each one changes the draft and decides effects.
import type { ExtensionInput, SurveyAnswerSignal } from '../case';
import { disagreementRoute } from '../locale-defaults';
import { approverFor } from '../owner';
import { resolutionCallRequired } from '../rules';
import type { Draft } from './draft';

/** The date an update may still promise: the follow-up's, the pending promise, or none once missed. */
export function promisedDate(d: Draft): string | undefined {
  const s = d.state;
  if (s.stage === 'follow-up' && s.followUp) return s.followUp.dueBy;
  const r = s.clocks.resolution;
  return r && r.state === 'pending' && Date.parse(r.dueAt) > d.now ? r.dueAt : undefined;
}

export function askSupervisor(d: Draft, what: string): void {
  const supervisor = approverFor(d.roster, d.state.owner.id);
  d.notifyStaff('approval-request', supervisor, {
    kind: 'approvalRequest',
    supervisorName: supervisor.name,
    reference: d.state.reference,
    ownerName: d.state.owner.name,
    what,
  });
}

/** A new promised date, told to the customer; every extension escalates one level. */
export function applyExtension(d: Draft, e: ExtensionInput, approvedBy?: string): void {
  const s = d.state;
  s.extensions.push({ at: d.iso(), newExpectedBy: e.newExpectedBy, reason: e.reason, approvedBy });
  const old = s.clocks.resolution;
  if (old && old.state === 'missed') s.previousClocks = [...(s.previousClocks ?? []), old];
  d.startClock('resolution', Date.parse(e.newExpectedBy));
  d.note(
    'extension',
    `New expected resolution date ${e.newExpectedBy}: ${e.reason}`,
    { kind: 'extension', text: e.reason },
    s.owner.name,
  );
  d.tellCustomer('extension', {
    kind: 'extensionNotice',
    customerName: s.customer.name,
    reference: s.reference,
    ownerName: s.owner.name,
    newExpectedBy: e.newExpectedBy,
    reason: e.reason,
  });
  d.escalate(`Resolution extended to ${e.newExpectedBy}: ${e.reason}`);
}

/** The decision is final (approved or within policy): tell the customer, by phone first if required. */
export function communicateDecision(d: Draft): void {
  const s = d.state;
  d.meet('resolution');
  d.meet('statutory');
  if (resolutionCallRequired(s.resolution!.outcome, d.policy)) {
    s.stage = 'resolution-call';
    s.resolutionCall = {
      attempts: 0,
      reminders: 0,
      reached: false,
      gaveUp: false,
      lastAttemptAt: d.iso(),
      log: [],
    };
    d.openTask('call', 'resolution-call', `Call the customer with the outcome (${s.resolution!.outcome}).`);
  } else {
    sendResolutionLetter(d);
  }
}

/** The written summary of the whole handling; after a call that never reached the customer it says so. */
export function sendResolutionLetter(d: Draft): void {
  const s = d.state;
  const r = s.resolution!;
  s.letterSentAt = d.iso();
  // Calls are settled: reminders to call are moot now.
  d.closeMootTasks(['resolution-call']);
  const unreached = s.resolutionCall && !s.resolutionCall.reached ? (s.resolutionCall.log ?? []) : [];
  d.note('decision', `Outcome communicated in writing: ${r.outcome}.`, {
    kind: 'decision',
    text: r.explanation,
  });
  const remedy =
    r.remedy.kind === 'voucher'
      ? { ...r.remedy, validUntil: d.iso(d.now + r.remedy.validityDays * 86_400_000) }
      : r.remedy;
  d.tellCustomer('resolution-letter', {
    kind: 'resolutionLetter',
    customerName: s.customer.name,
    reference: s.reference,
    ownerName: s.owner.name,
    receivedAt: s.receivedAt,
    outcome: r.outcome,
    explanation: r.explanation,
    apology: r.apology,
    remedy,
    howToUseRemedy: r.howToUseRemedy,
    timeline: s.timeline
      .filter((e) => e.customerKind)
      .map((e) => ({ at: e.at, kind: e.customerKind!, text: e.customerText })),
    disagreementRoute: disagreementRoute(s.customer.language),
    ...(unreached.length ? { callAttempts: unreached.map((a) => a.at) } : {}),
  });
  sendSurvey(d, 1);
}

export function sendSurvey(d: Draft, round: number): void {
  const s = d.state;
  s.stage = 'survey';
  s.survey = { round, sentAt: d.iso() };
  d.tellCustomer(`survey-${round}`, {
    kind: 'surveyInvitation',
    customerName: s.customer.name,
    reference: s.reference,
    ownerName: s.owner.name,
  });
}

/** The survey is over (answered or closed): an invitation or reminder still owed by phone or letter is moot. */
function endSurvey(d: Draft): void {
  const round = d.state.survey?.round;
  if (round !== undefined) d.closeMootTasks([], [`survey-${round}`, `survey-reminder-${round}`]);
}

export function finishAfterSurvey(d: Draft): void {
  endSurvey(d);
  if (d.state.documentation) {
    d.close('resolved');
    return;
  }
  d.state.stage = 'documentation';
  d.state.documentationReminderAt = d.iso();
  d.openTask(
    'write',
    'other',
    'Document the case (root cause, factors, responsible party, actions) to close it.',
    {
      purpose: 'documentation',
    },
  );
}

export function openFollowUp(d: Draft, a: SurveyAnswerSignal): void {
  const s = d.state;
  const dueBy = d.iso(d.after(d.now, d.timings().followUpMs));
  endSurvey(d);
  s.stage = 'follow-up';
  s.followUp = { openedAt: d.iso(), dueBy };
  d.startClock('follow-up', Date.parse(dueBy));
  d.note('follow-up', `Follow-up opened after the survey; due ${dueBy}.`, { kind: 'other' });
  d.tellCustomer('follow-up', {
    kind: 'followUpNotice',
    customerName: s.customer.name,
    reference: s.reference,
    ownerName: s.owner.name,
    followUpBy: dueBy,
  });
  for (const person of [s.owner, approverFor(d.roster, s.owner.id)]) {
    d.notifyStaff('follow-up-opened', person, {
      kind: 'followUpOpened',
      recipientName: person.name,
      reference: s.reference,
      ownerName: s.owner.name,
      score: a.score,
      comment: a.comment,
      followUpBy: dueBy,
    });
  }
}
