// What the customer (or their mail server) does: write to us, withdraw, answer the survey, bounce.
import type {
  BounceSignal,
  CaseState,
  ClosureReason,
  CustomerMessageSignal,
  SurveyAnswerSignal,
} from '../case';
import { failureWords, inactiveWords } from '../delivery-failures';
import { clockTimeBetween } from '../clock';
import { reopenWindowMs, surveyNeedsFollowUp } from '../rules';
import { nextContactBy } from './contact';
import { sentence } from './words';
import type { Draft } from './draft';
import { finishAfterSurvey, openFollowUp, reopenPromise, settle } from './steps';
import { deliverableAgain, mootPurpose, undeliverableToTasks } from './outbox';

/**
 * Whether a message is the customer's. An e-mail is, when it came through the case's current reply
 * address from the customer's own address or one the owner confirmed; the portal's messages come
 * through the customer's signed link, and messages without a sender (recorded before senders were
 * checked) stand as they were.
 */
export function fromTheCustomer(s: CaseState, m: CustomerMessageSignal): boolean {
  if (m.via !== 'email' || m.from === undefined) return true;
  if (m.address === 'retired') return false;
  const from = m.from.trim().toLowerCase();
  return from === s.customer.email?.trim().toLowerCase() || (s.confirmedSenders ?? []).includes(from);
}

/** Unverified messages a case keeps for its owner (the e-mail to the owner carries each one too). */
const UNVERIFIED_KEPT = 20;

export function onCustomerMessage(d: Draft, m: CustomerMessageSignal): void {
  const s = d.state;
  // Postmark retries webhooks and customers double-click: one message id, one message.
  if (m.messageId && s.seenMessageIds.includes(m.messageId)) return;
  // Someone else's words never reopen, resume or reach the customer's record.
  if (!fromTheCustomer(s, m)) return onUnverifiedMessage(d, m);
  const settled = s.stage === 'closed' || (s.stage === 'documentation' && settledForCustomer(s.closing));
  const reopening = settled && reopenable(d);
  if (s.stage === 'closed' && !reopening) {
    d.note('customer-message', 'A message arrived after the case closed.', undefined, s.customer.name);
    return;
  }
  if (m.messageId) s.seenMessageIds.push(m.messageId);
  // A customer who blocked the bot cannot write in the chat: writing there again means it takes our
  // messages again, so the case answers in the chat once more.
  if (m.via === 'telegram' && s.telegramUnreachableAt) {
    s.telegramUnreachableAt = undefined;
    d.note('contact', 'The customer wrote in the Telegram chat again: our messages go there again.');
    deliverableAgain(d, 'the customer’s Telegram chat takes our messages again');
  }
  acceptCustomerMessage(d, m.text, m.via, reopening);
  if (m.files?.length) queueFiles(d, m.messageId ?? `files-${s.messageSeq}`, m.files);
}

/** Files of a messenger message wait for the case to fetch them (the workflow's file loop). */
export function queueFiles(d: Draft, key: string, files: NonNullable<CustomerMessageSignal['files']>): void {
  const s = d.state;
  if ((s.pendingFiles ?? []).some((p) => p.key === key)) return;
  s.pendingFiles = [...(s.pendingFiles ?? []), { key, files }];
}

/** The files are sealed with the case key: the case names them (the console links them), once. */
export function onFilesFetched(
  d: Draft,
  key: string,
  attachments: { id: string; name: string; type: string; size: number }[],
  failed?: string,
): void {
  const s = d.state;
  if (!(s.pendingFiles ?? []).some((p) => p.key === key)) return;
  s.pendingFiles = s.pendingFiles!.filter((p) => p.key !== key);
  const known = new Set((s.attachments ?? []).map((a) => a.id));
  const added = attachments.filter((a) => !known.has(a.id));
  s.attachments = [...(s.attachments ?? []), ...added.map((a) => ({ ...a, at: d.iso() }))];
  if (added.length)
    d.note(
      'customer-message',
      `The customer sent ${added.map((a) => `${a.name} (${a.type}, ${Math.ceil(a.size / 1024)} KB; id ${a.id})`).join(', ')}.`,
      undefined,
      s.customer.name,
    );
  if (failed) d.note('customer-message', `A file the customer sent could not be fetched: ${failed}.`);
}

/**
 * The customer's words: on their timeline, to the owner; an answer resumes a paused case, and a reply
 * to a settled case within the reopen window reopens it (ruleset 2).
 */
export function acceptCustomerMessage(
  d: Draft,
  text: string,
  via: CustomerMessageSignal['via'],
  reopening = false,
): void {
  const s = d.state;
  d.note('customer-message', text, { kind: 'customer-answer', text }, s.customer.name, via);
  d.notifyStaff('customer-message', s.owner, {
    kind: 'customerMessageNotice',
    ownerName: s.owner.name,
    reference: s.reference,
    excerpt: text.slice(0, 500),
  });
  if (reopening) reopen(d);
  else if (s.stage === 'waiting-on-customer') resumeFromCustomer(d);
}

/**
 * An e-mail that is not the customer's (someone else's address, or a reply address the case no
 * longer accepts): held for the owner and told to them as unverified; never on the customer's
 * timeline, in their letters or e-mails, and it answers no question. The owner can confirm the
 * sender (the sender-confirmation action), which accepts what was held from that address.
 */
function onUnverifiedMessage(d: Draft, m: CustomerMessageSignal): void {
  const s = d.state;
  if (m.messageId) s.seenMessageIds.push(m.messageId);
  const from = (m.from ?? '').trim().toLowerCase();
  const reason = m.address === 'retired' ? 'retired-address' : 'other-sender';
  s.unverifiedMessages = [
    ...(s.unverifiedMessages ?? []),
    { from, at: d.iso(), text: m.text, reason } as const,
  ].slice(-UNVERIFIED_KEPT);
  d.note(
    'unverified-message',
    `Unverified e-mail from ${from} (${reason === 'retired-address' ? 'through a reply address this case no longer uses' : 'not the customer’s address'}); not part of the customer’s record unless the owner confirms the sender:\n${m.text}`,
    undefined,
    from,
  );
  // A closed case tells nobody anything more (it is recorded on the case, as the customer's would be).
  if (s.stage === 'closed') return;
  d.notifyStaff('unverified-message', s.owner, {
    kind: 'unverifiedMessageNotice',
    ownerName: s.owner.name,
    reference: s.reference,
    sender: from,
    reason,
    excerpt: m.text.slice(0, 500),
  });
}

/** Answers resume a paused clock: the promised date moves by the working time spent waiting (until `until`). */
function resumeFromCustomer(d: Draft, until: number = d.now): void {
  const s = d.state;
  const q = s.questions!;
  q.answeredAt = d.iso();
  const back = s.resumeStage ?? 'in-progress';
  s.stage = back;
  s.resumeStage = undefined;
  s.lastCustomerContactAt = d.iso(); // the update interval starts afresh when the work resumes
  // Telling them the questions (or reminding them) by phone or letter is moot once they answered.
  d.closeMootTasks([], ['questions', 'questions-reminder']);
  if (d.policy.pauseWhileWaitingOnCustomer) {
    const paused = clockTimeBetween(Date.parse(q.at), Math.max(until, Date.parse(q.at)), d.policy.clock);
    const r = s.clocks.resolution;
    if (r.state === 'pending') r.dueAt = d.iso(d.after(Date.parse(r.dueAt), paused));
  }
  if (back === 'diagnosis') d.startClock('diagnosis-after-answer', d.after(d.now, d.timings().diagnosisMs));
}

export function onWithdrawal(d: Draft, reason: string | undefined): void {
  const s = d.state;
  if (s.stage === 'closed') return;
  if (d.ruleset === 2 && s.stage === 'documentation') {
    // The case is settled already (resolved, withdrawn or unanswered): only its documentation is owed.
    d.note(
      'withdrawal',
      sentence(`The customer asked to withdraw the settled complaint${reason ? `: ${reason}` : ''}`),
    );
    return;
  }
  d.note('withdrawal', sentence(`The customer withdrew the complaint${reason ? `: ${reason}` : ''}`), {
    kind: 'other',
  });
  d.tellCustomer('withdrawal', {
    kind: 'withdrawalConfirmation',
    customerName: s.customer.name,
    reference: s.reference,
    ownerName: s.owner.name,
    ...reopenPromise(d, d.now),
  });
  if (d.ruleset === 2) settle(d, 'withdrawn');
  else d.close('withdrawn');
}

/** Closures the customer was told about as the end of the case (a reply reopens them, ruleset 2). */
const settledForCustomer = (closing: ClosureReason | undefined): boolean =>
  closing === 'withdrawn' || closing === 'no-response';

/**
 * Ruleset 2: a reply reopens a case the customer was told is closed — while it waits for its
 * documentation, or within the policy's reopen window after the close (the messages say until when).
 */
function reopenable(d: Draft): boolean {
  const s = d.state;
  if (d.ruleset !== 2) return false;
  if (s.stage === 'documentation') return settledForCustomer(s.closing);
  const window = reopenWindowMs(d.policy);
  return s.stage === 'closed' && window > 0 && !!s.closedAt && d.now <= Date.parse(s.closedAt) + window;
}

/**
 * The customer's reply reopens the same case, with the same owner, where it left off: an answer to
 * the questions carries the work on; a withdrawn complaint goes back to its stage; one whose outcome
 * was told becomes a follow-up (principle 5: is there anything else we can do). The promises set
 * aside when it was settled are owed again, moved on by the time it was settled (the statutory clock
 * is not: the law's time ran on). The customer is told who carries on and by when they hear next.
 */
function reopen(d: Draft): void {
  const s = d.state;
  const closure = s.stage === 'closed' ? s.closure! : s.closing!;
  const before = s.stageBeforeClosing;
  const suspended = s.suspended;
  s.reopenings = [...(s.reopenings ?? []), { at: d.iso(), closure }];
  s.closure = undefined;
  s.closedAt = undefined;
  s.closing = undefined;
  s.stageBeforeClosing = undefined;
  s.suspended = undefined;
  d.closeMootTasks([], ['documentation']);
  const since = suspended ? Date.parse(suspended.at) : d.now;
  const away = clockTimeBetween(since, d.now, d.policy.clock);
  for (const name of suspended?.clocks ?? []) {
    const c = s.clocks[name];
    if (!c || c.state !== 'cancelled' || name === 'statutory' || name === 'resolution-call') continue;
    c.state = 'pending';
    c.dueAt = d.iso(d.after(Date.parse(c.dueAt), away));
  }
  d.note('reopened', `Reopened by the customer's reply (it was ${closure}); ${s.owner.name} carries on.`, {
    kind: 'other',
  });
  const told = !!s.letterSentAt || closure === 'resolved';
  if (told || !before || ['survey', 'follow-up', 'documentation', 'closed'].includes(before)) {
    const dueBy = d.iso(d.after(d.now, d.timings().followUpMs));
    s.stage = 'follow-up';
    s.followUp = { openedAt: d.iso(), dueBy };
    d.startClock('follow-up', Date.parse(dueBy));
  } else if (before === 'waiting-on-customer' && s.questions) {
    s.stage = 'waiting-on-customer';
    resumeFromCustomer(d, since);
  } else if (before === 'awaiting-approval' || before === 'resolution-call') {
    // The decision was not told yet: it is made again.
    s.stage = 'in-progress';
    s.resolution = undefined;
    s.resolutionCall = undefined;
  } else s.stage = before;
  d.tellCustomer('reopened', {
    kind: 'reopenNotice',
    customerName: s.customer.name,
    reference: s.reference,
    ownerName: s.owner.name,
    nextContactBy: d.iso(
      nextContactBy(s, d.policy, d.now) ?? d.after(d.now, d.timings().customerUpdateIntervalMs),
    ),
  });
}

export function onSurveyAnswer(d: Draft, a: SurveyAnswerSignal): void {
  const s = d.state;
  // An answer outside the survey stage (a second submission, a stale form) is not a survey answer.
  if (s.stage !== 'survey' || !s.survey) return;
  const round = s.survey.round;
  s.surveyAnswers.push({ ...a, at: d.iso(), round });
  d.note('survey', `Survey answered: ${a.score}/5${a.stillNeedHelp ? ', still needs help' : ''}.`);
  if (round === 1 && surveyNeedsFollowUp(a, d.policy)) openFollowUp(d, a);
  else finishAfterSurvey(d);
}

/**
 * A bounce changes only what the bounced e-mail was for: matched by Postmark's MessageID, a bounced
 * acknowledgement means the customer was not acknowledged; any hard bounce means the address no
 * longer works, so what still waits to be sent becomes tasks for the owner.
 */
export function onBounce(d: Draft, b: BounceSignal): void {
  const s = d.state;
  if (!s.customer.email || b.email.toLowerCase() !== s.customer.email.toLowerCase()) return;
  const bounced = b.messageId ? s.deliveries.find((x) => x.messageId === b.messageId) : undefined;
  if (bounced?.status === 'failed') return; // the same bounce again
  if (bounced) {
    bounced.status = 'failed';
    bounced.detail = `bounced (${b.type})`;
  }
  const first = !s.customerEmailBounced;
  s.customerEmailBounced = true;
  d.note(
    'bounce',
    `E-mail to the customer bounced (${failureWords(b.type).en}${b.inactive ? `; ${inactiveWords.en}` : ''})` +
      `${bounced ? ` — the ${bounced.purpose} e-mail` : ''}; further contact by phone or letter.`,
  );
  if (bounced?.purpose === 'acknowledgement' && s.stage !== 'closed') {
    // The acknowledgement never arrived: it is owed again, by phone or letter.
    const ack = s.clocks.acknowledgement;
    ack.metAt = undefined;
    if (d.now > Date.parse(ack.dueAt)) {
      ack.state = 'missed';
      ack.missedAt = ack.dueAt;
    } else {
      ack.state = 'pending';
      ack.missedAt = undefined;
    }
  }
  if (s.stage === 'closed') return;
  if (bounced && !mootPurpose(s, bounced.purpose))
    d.openTask(
      s.customer.phone ? 'call' : 'write',
      'bounced',
      `The ${bounced.purpose} e-mail bounced: tell the customer by ${s.customer.phone ? 'phone' : 'letter'}.`,
      { purpose: bounced.purpose },
    );
  else if (first)
    d.openTask(
      s.customer.phone ? 'call' : 'write',
      'bounced',
      'The customer’s e-mail bounced: contact them by phone or letter instead.',
    );
  undeliverableToTasks(d);
}
