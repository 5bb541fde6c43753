// The steps several rules share: deciding the outcome, the resolution letter, the survey, the
// follow-up, an extension, asking a supervisor. Each one changes the draft and decides effects.
import type { ClosureReason, ExtensionInput, IssuedVoucher, SurveyAnswerSignal } from '../case';
import { voucherValue } from '../compensation';
import { utc } from '../durations';
import { disagreementRoute } from '../locale-defaults';
import { approverFor } from '../owner';
import { reopenWindowMs, resolutionCallRequired, voucherCodePolicy } from '../rules';
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
  if (resolutionCallRequired(s.resolution!.outcome, d.policy) && d.ruleset === 2) {
    // The call has a deadline of its own (a promise kept or missed, which escalates); the letter
    // waits for the call (resolution-call.ts, deadlines.ts).
    s.stage = 'resolution-call';
    s.resolutionCall = { attempts: 0, reminders: 0, reached: false, gaveUp: false, log: [] };
    const due = d.after(d.now, d.timings().resolutionCallRetryMs);
    d.startClock('resolution-call', due);
    // Without a number the owner cannot call: the task says what to do instead (an e-mail customer).
    const noPhone = s.customer.phone
      ? ''
      : ' No phone number is on file: ask the customer for one and record it (contact details); without a call by the deadline, a supervisor decides whether the outcome goes out in writing.';
    d.openTask(
      'call',
      'resolution-call',
      `Call the customer with the outcome (${s.resolution!.outcome}); the written outcome follows the call.${noPhone}`,
      { dueBy: d.iso(due), clock: 'resolution-call' },
    );
  } else if (resolutionCallRequired(s.resolution!.outcome, d.policy)) {
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
  // Calls are settled: reminders to call are moot now, and so is a question to a supervisor about them.
  d.closeMootTasks(['resolution-call']);
  if (s.pendingApproval?.kind === 'letter-without-call') s.pendingApproval = undefined;
  const unreached = s.resolutionCall && !s.resolutionCall.reached ? (s.resolutionCall.log ?? []) : [];
  d.note('decision', `Outcome communicated in writing: ${r.outcome}.`, {
    kind: 'decision',
    text: r.explanation,
  });
  if (r.remedy.kind === 'voucher') r.voucher = issueVoucher(d, r.remedy.percent, r.remedy.validityDays);
  const remedy =
    r.remedy.kind === 'voucher'
      ? {
          ...r.remedy,
          validUntil: r.voucher!.validUntil,
          ...(r.voucher!.code !== undefined ? { code: r.voucher!.code } : {}),
          ...(r.voucher!.value ? { value: r.voucher!.value } : {}),
        }
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
    ...(round > 1 ? { round } : {}),
  });
}

/** The survey is over (answered or closed): an invitation or reminder still owed by phone or letter is moot. */
function endSurvey(d: Draft): void {
  const round = d.state.survey?.round;
  if (round !== undefined) d.closeMootTasks([], [`survey-${round}`, `survey-reminder-${round}`]);
}

export function finishAfterSurvey(d: Draft): void {
  endSurvey(d);
  if (d.ruleset === 2) return settle(d, 'resolved');
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

/**
 * Ruleset 2 (seed 004 "dokument": every settled case is documented, withdrawn and unanswered ones
 * too): the case is settled — the customer has been told — and closes as `closure` once it is
 * documented (at once when it already is). Until then it waits in "documentation": the promises to
 * the customer are set aside, the owner has a task and is reminded, and a reply from the customer
 * reopens it (customer.ts), as the closing messages promise.
 */
export function settle(d: Draft, closure: ClosureReason): void {
  const s = d.state;
  if (d.ruleset !== 2 || s.documentation) {
    d.close(closure); // cases begun before ruleset 2 close at once, as they always did
    return;
  }
  s.closing = closure;
  s.stageBeforeClosing = s.stage;
  d.suspendClocks();
  // What the customer was owed is moot now, except the message that tells them it is settled.
  const closingMessage =
    closure === 'withdrawn' ? 'withdrawal' : closure === 'no-response' ? 'no-response' : '';
  for (const t of d.openTasks()) if (t.purpose !== closingMessage) d.closeTask(t, 'moot');
  s.pendingApproval = undefined;
  s.pendingExtension = undefined;
  s.stage = 'documentation';
  s.documentationReminderAt = d.iso();
  d.note('closing', `Settled (${closure}): the case closes once it is documented.`);
  d.openTask(
    'write',
    'other',
    'Document the case (root cause, factors, responsible party, actions) to close it.',
    {
      purpose: 'documentation',
    },
  );
}

/** Ruleset 2: until when a reply reopens a case settled at `settledAt` (for the messages that say so). */
export function reopenPromise(d: Draft, settledAt: number): { reopenUntil?: string } {
  const window = reopenWindowMs(d.policy);
  return d.ruleset === 2 && window > 0 ? { reopenUntil: d.iso(settledAt + window) } : {};
}

/**
 * The voucher as it goes out (seed 003: a percentage of the purchase, for a limited time): a code
 * from the policy's generator, its expiry, its value when the order's amount is known.
 */
function issueVoucher(d: Draft, percent: number, validityDays: number): IssuedVoucher {
  const voucher: IssuedVoucher = { validUntil: d.iso(d.now + validityDays * 86_400_000) };
  const code = voucherCode(d);
  if (code) voucher.code = code;
  const value = voucherValue(percent, d.state.order);
  if (value) voucher.value = value;
  return voucher;
}

/** A code from the policy's generator (none on a policy snapshot without one). */
function voucherCode(d: Draft): string | undefined {
  const spec = voucherCodePolicy(d.policy);
  if (!spec) return undefined;
  const random = d.ctx.random ?? caseRandom(`${d.state.complaintId}:${d.state.messageSeq}`);
  let code = spec.prefix;
  for (let i = 0; i < spec.length; i++) code += spec.alphabet[Math.floor(random() * spec.alphabet.length)];
  return code;
}

/** A deterministic stand-in when the caller gives no random source (xorshift from a string). */
function caseRandom(seed: string): () => number {
  let x = 2166136261;
  for (const ch of seed) x = Math.imul(x ^ ch.charCodeAt(0), 16777619);
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

export function openFollowUp(d: Draft, a: SurveyAnswerSignal): void {
  const s = d.state;
  const dueBy = d.iso(d.after(d.now, d.timings().followUpMs));
  endSurvey(d);
  s.stage = 'follow-up';
  s.followUp = { openedAt: d.iso(), dueBy };
  d.startClock('follow-up', Date.parse(dueBy));
  d.note('follow-up', `Follow-up opened after the survey; due ${utc(Date.parse(dueBy))}.`, { kind: 'other' });
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
