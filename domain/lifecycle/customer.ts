// What the customer (or their mail server) does: write to us, withdraw, answer the survey, bounce.
import type { BounceSignal, CaseState, CustomerMessageSignal, SurveyAnswerSignal } from '../case';
import { clockTimeBetween } from '../clock';
import { surveyNeedsFollowUp } from '../rules';
import type { Draft } from './draft';
import { finishAfterSurvey, openFollowUp } from './steps';
import { mootPurpose, undeliverableToTasks } from './outbox';

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
  if (!fromTheCustomer(s, m)) return onUnverifiedMessage(d, m);
  if (s.stage === 'closed') {
    d.note('customer-message', 'A message arrived after the case closed.', undefined, s.customer.name);
    return;
  }
  if (m.messageId) s.seenMessageIds.push(m.messageId);
  acceptCustomerMessage(d, m.text, m.via);
}

/** The customer's words: on their timeline, to the owner, and an answer resumes a paused case. */
export function acceptCustomerMessage(d: Draft, text: string, via: CustomerMessageSignal['via']): void {
  const s = d.state;
  d.note('customer-message', text, { kind: 'customer-answer', text }, s.customer.name, via);
  d.notifyStaff('customer-message', s.owner, {
    kind: 'customerMessageNotice',
    ownerName: s.owner.name,
    reference: s.reference,
    excerpt: text.slice(0, 500),
  });
  if (s.stage === 'waiting-on-customer') resumeFromCustomer(d);
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

/** Answers resume a paused clock: the promised date moves by the working time spent waiting. */
function resumeFromCustomer(d: Draft): void {
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
    const paused = clockTimeBetween(Date.parse(q.at), d.now, d.policy.clock);
    const r = s.clocks.resolution;
    if (r.state === 'pending') r.dueAt = d.iso(d.after(Date.parse(r.dueAt), paused));
  }
  if (back === 'diagnosis') d.startClock('diagnosis-after-answer', d.after(d.now, d.timings().diagnosisMs));
}

export function onWithdrawal(d: Draft, reason: string | undefined): void {
  const s = d.state;
  if (s.stage === 'closed') return;
  d.note('withdrawal', `The customer withdrew the complaint${reason ? `: ${reason}` : ''}.`, {
    kind: 'other',
  });
  d.tellCustomer('withdrawal', {
    kind: 'withdrawalConfirmation',
    customerName: s.customer.name,
    reference: s.reference,
    ownerName: s.owner.name,
  });
  d.close('withdrawn');
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
    `E-mail to the customer bounced (${b.type}${b.inactive ? ', inactive' : ''})` +
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
