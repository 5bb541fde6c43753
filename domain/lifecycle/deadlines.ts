// What a case waits for next, computed from the state alone (never from what has been sent), and
// what happens when each deadline passes. The workflow sleeps until the earliest one.
import { formatDuration, utc } from '../durations';
import { escalationLevel, escalationRecipients, topEscalationLevel } from '../escalation';
import { addClockTime } from '../clock';
import { statutoryDeadline, timingsFor } from '../rules';
import type { Draft } from './draft';
import type { Deadline, DeadlineName, LifecycleState } from './model';
import type { Policy } from '../types';
import {
  askSupervisor,
  finishAfterSurvey,
  promisedDate,
  reopenPromise,
  sendResolutionLetter,
  settle,
} from './steps';

/**
 * Stages in which the customer hears from us at least once per update interval (while we wait for
 * their answer, that message is a reminder of our questions). Not once the outcome is out (survey,
 * documentation): then the survey's own reminder speaks to them.
 */
const updateStages = new Set([
  'diagnosis',
  'waiting-on-customer',
  'in-progress',
  'awaiting-approval',
  'resolution-call',
  'follow-up',
]);

/** Overdue: a promise whose deadline passed and that is still not kept. The one definition. */
export function isOverdue(s: LifecycleState, now: number): boolean {
  return overdueSince(s, now) !== undefined;
}

/** Since when the oldest unkept, late promise has been late (epoch ms), or undefined. */
export function overdueSince(s: LifecycleState, now: number): number | undefined {
  if (s.stage === 'closed') return undefined;
  let since: number | undefined;
  for (const c of Object.values(s.clocks)) {
    // The promised date does not run while the case waits on the customer (it is paused, or, when the
    // policy does not pause, its own deadline re-promises it the moment it passes): not late meanwhile.
    if (c.name === 'resolution' && c.state === 'pending' && s.stage === 'waiting-on-customer') continue;
    const late =
      c.state === 'missed' && !c.metAt
        ? Date.parse(c.missedAt ?? c.dueAt)
        : c.state === 'pending' && Date.parse(c.dueAt) < now
          ? Date.parse(c.dueAt)
          : undefined;
    if (late !== undefined && (since === undefined || late < since)) since = late;
  }
  return since;
}

/** When the next level of the chain is due for an overdue case: its afterOverdue after the oldest miss. */
export function nextEscalationAt(s: LifecycleState, policy: Policy, now: number): number | undefined {
  const since = overdueSince(s, now);
  if (since === undefined) return undefined;
  const next = escalationLevel(s.escalationLevel + 1, policy);
  return next ? addClockTime(since, next.afterOverdueMs, policy.clock) : undefined;
}

export function deadlines(s: LifecycleState, policy: Policy, now: number): Deadline[] {
  if (s.stage === 'closed' || s.stage === 'intake') return [];
  const t = timingsFor(s.priority, policy);
  const after = (from: string, ms: number) => addClockTime(Date.parse(from), ms, policy.clock);
  const pending = (name: string) => s.clocks[name]?.state === 'pending';
  const due = (name: string) => Date.parse(s.clocks[name].dueAt);
  const list: Deadline[] = [];
  const add = (name: DeadlineName, at: number, summary: string, waitingFor: Deadline['waitingFor']) =>
    list.push({ name, at, summary, waitingFor });

  if (pending('acknowledgement'))
    add('acknowledgement', due('acknowledgement'), 'acknowledgement deadline', 'system');
  if (s.stage === 'diagnosis') {
    for (const name of ['diagnosis', 'diagnosis-after-answer', 'diagnosis-new-time'] as const)
      if (pending(name)) add(name, due(name), 'the owner’s preliminary diagnosis or questions', 'owner');
  }
  const escalateAt = nextEscalationAt(s, policy, now);
  if (escalateAt !== undefined) {
    const name = escalationLevel(s.escalationLevel + 1, policy)?.name ?? 'the next level';
    add('escalation', escalateAt, `still overdue: escalate to ${name}`, 'owner');
  }
  if (s.escalationLevel >= topEscalationLevel(policy) && escalateAt === undefined && isOverdue(s, now)) {
    const from = [s.topReminderAt, s.escalations.at(-1)?.at, s.lastStaffActionAt]
      .filter((x): x is string => !!x)
      .reduce((a, b) => (Date.parse(a) > Date.parse(b) ? a : b), s.startedAt);
    add(
      'top-reminder',
      after(from, policy.escalation.reminderIntervalMs),
      'remind the owner and the top of the chain',
      'owner',
    );
  }
  if (updateStages.has(s.stage))
    add(
      'customer-update',
      after(s.lastCustomerContactAt, t.customerUpdateIntervalMs),
      `${formatDuration(t.customerUpdateIntervalMs)} customer update`,
      'owner',
    );
  const paused = s.stage === 'waiting-on-customer' && policy.pauseWhileWaitingOnCustomer;
  if (
    pending('resolution') &&
    !paused &&
    ['diagnosis', 'waiting-on-customer', 'in-progress', 'awaiting-approval'].includes(s.stage)
  )
    add(
      'resolution',
      due('resolution'),
      'promised resolution date',
      s.stage === 'awaiting-approval' ? 'supervisor' : 'owner',
    );
  if (pending('statutory') && s.statutory) {
    const legal = statutoryDeadline(Date.parse(s.receivedAt), policy);
    if (legal && !s.statutory.warnedAt)
      add('statutory-warning', legal.warnAtMs, 'statutory deadline warning', 'owner');
    add('statutory', due('statutory'), 'statutory deadline', 'owner');
  }
  if (s.stage === 'waiting-on-customer' && s.questions) {
    if (!s.questions.reminderSentAt)
      add(
        'questions-reminder',
        after(s.questions.at, t.customerReplyReminderMs),
        'reminder about our questions',
        'customer',
      );
    add(
      'customer-answer',
      after(s.questions.at, t.customerReplyLimitMs),
      'limit for the customer’s answer',
      'customer',
    );
  }
  if (s.stage === 'resolution-call' && s.resolutionCall) {
    const rc = s.resolutionCall;
    if (s.ruleset !== 2)
      add(
        'resolution-call',
        after(rc.lastAttemptAt!, t.resolutionCallRetryMs),
        'the owner’s resolution call',
        'owner',
      );
    else if (pending('resolution-call'))
      add('resolution-call', due('resolution-call'), 'the owner’s call with the outcome', 'owner');
    else if (rc.reminders < t.resolutionCallAttempts) {
      // After the first deadline (kept or missed): a reminder per retry interval without a call,
      // counted from the last attempt, reminder, or the miss itself (which reminded the owner too).
      const call = s.clocks['resolution-call'];
      const last = [rc.lastAttemptAt, rc.lastReminderAt, call?.state === 'missed' ? call.missedAt : undefined]
        .filter((x): x is string => !!x)
        .reduce((a, b) => (Date.parse(a) > Date.parse(b) ? a : b));
      add(
        'resolution-call',
        after(last, t.resolutionCallRetryMs),
        'remind the owner to call with the outcome',
        'owner',
      );
    }
  }
  if (pending('call-back')) add('call-back', due('call-back'), 'the owner’s call back', 'owner');
  if (s.stage === 'survey' && s.survey) {
    // Like every policy time, on the policy clock (working time on a business-hours policy).
    if (!s.survey.reminderSentAt)
      add('survey-reminder', after(s.survey.sentAt, t.surveyReminderMs), 'survey reminder', 'customer');
    add('survey', after(s.survey.sentAt, t.surveyWaitMs), 'survey closes', 'customer');
  }
  if (s.stage === 'follow-up')
    for (const name of ['follow-up', 'follow-up-new-time'] as const)
      if (pending(name)) add(name, due(name), 'the owner’s follow-up', 'owner');
  if (s.stage === 'documentation')
    add(
      'documentation-reminder',
      after(s.documentationReminderAt ?? s.timeline.at(-1)!.at, policy.escalation.reminderIntervalMs),
      'the owner documents the case',
      'owner',
    );
  return list;
}

/** The earliest deadline (ties: the order above, so the acknowledgement comes before the escalation). */
export function nextDeadline(s: LifecycleState, policy: Policy, now: number): Deadline | undefined {
  return deadlines(s, policy, now).reduce<Deadline | undefined>(
    (best, d) => (!best || d.at < best.at ? d : best),
    undefined,
  );
}

/** A deadline passed: what the case does about it. */
export function onDeadline(d: Draft, name: DeadlineName): void {
  const s = d.state;
  const t = d.timings();
  switch (name) {
    case 'diagnosis':
    case 'diagnosis-after-answer':
    case 'follow-up':
      if (d.ruleset === 2) return toldPromiseMissed(d, name);
      d.miss(name);
      return; // the escalation deadline takes it from here, on the chain's own times
    case 'diagnosis-new-time':
    case 'follow-up-new-time':
      return toldPromiseMissed(d, name);
    case 'acknowledgement':
    case 'call-back':
      d.miss(name);
      return; // the escalation deadline takes it from here, on the chain's own times
    case 'escalation':
      d.escalate(`${describeOverdue(s)} overdue.`);
      return;
    case 'top-reminder': {
      s.topReminderAt = d.iso();
      const top = topEscalationLevel(d.policy);
      d.note('escalation', `Reminder at the top of the chain: ${describeOverdue(s)} still overdue.`);
      const people = [s.owner, ...escalationRecipients(top, s.owner.id, d.roster, d.policy)];
      const seen = new Set<string>();
      for (const p of people) {
        if (seen.has(p.email.toLowerCase())) continue;
        seen.add(p.email.toLowerCase());
        d.notifyStaff('top-reminder', p, {
          kind: 'overdueReminder',
          recipientName: p.name,
          reference: s.reference,
          ownerName: s.owner.name,
          what: describeOverdue(s),
          overdueSince: d.iso(overdueSince(s, d.now) ?? d.now),
        });
      }
      return;
    }
    case 'customer-update':
      // Waiting for the customer's answer, the message that keeps in touch is a reminder; not a miss.
      if (s.stage === 'waiting-on-customer') questionsReminder(d);
      else systemUpdate(d);
      return;
    case 'resolution':
      promisedDatePassed(d);
      return;
    case 'statutory-warning':
      s.statutory!.warnedAt = d.iso();
      d.note('statutory', `Statutory deadline ${s.statutory!.dueAt} approaching.`);
      d.notifyStaff('statutory-warning', s.owner, {
        kind: 'statutoryWarning',
        ownerName: s.owner.name,
        reference: s.reference,
        deadline: s.statutory!.dueAt,
      });
      return;
    case 'statutory':
      statutoryBreach(d);
      return;
    case 'questions-reminder':
      questionsReminder(d);
      return;
    case 'customer-answer':
      d.note('no-response', 'The customer did not answer our questions in time.', { kind: 'other' });
      d.tellCustomer('no-response', {
        kind: 'noResponseClosure',
        customerName: s.customer.name,
        reference: s.reference,
        ownerName: s.owner.name,
        ...reopenPromise(d, d.now),
      });
      settle(d, 'no-response');
      return;
    case 'resolution-call': {
      if (d.ruleset === 2) return resolutionCallDue(d);
      const rc = s.resolutionCall!;
      rc.reminders++;
      rc.lastAttemptAt = d.iso();
      if (rc.reminders >= t.resolutionCallAttempts) {
        rc.gaveUp = true;
        d.note('call', 'No resolution call was recorded in time; the outcome goes out in writing.');
        sendResolutionLetter(d);
        return;
      }
      d.closeMootTasks(['resolution-call']);
      d.openTask('call', 'resolution-call', 'Reminder: call the customer with the outcome.');
      return;
    }
    case 'survey-reminder':
      s.survey!.reminderSentAt = d.iso();
      d.tellCustomer(`survey-reminder-${s.survey!.round}`, {
        kind: 'surveyReminder',
        customerName: s.customer.name,
        reference: s.reference,
        ownerName: s.owner.name,
      });
      return;
    case 'survey':
      finishAfterSurvey(d);
      return;
    case 'documentation-reminder':
      s.documentationReminderAt = d.iso();
      d.notifyStaff('documentation-reminder', s.owner, {
        kind: 'callTask',
        ownerName: s.owner.name,
        reference: s.reference,
        reason: 'other',
        taskKind: 'write',
        customerName: s.customer.name,
        note: 'Reminder: document the case (root cause, factors, responsible party, actions) to close it.',
      });
      return;
  }
}

function describeOverdue(s: LifecycleState): string {
  const late = Object.values(s.clocks)
    .filter((c) => c.state === 'missed' && !c.metAt)
    .map((c) => c.name);
  return late.length ? `the ${late.join(', ')} promise${late.length > 1 ? 's are' : ' is'}` : 'the case is';
}

/**
 * Ruleset 2 (seed 000 "Po drugie", principles 2 and 3): a promise whose time the customer was told
 * (the preliminary diagnosis, the follow-up) passed unkept. The miss stays on record and the case
 * overdue (so it walks up the escalation chain, and at the top reminds, until the owner acts), and
 * the customer is told at once — an apology and a new time, a promise of its own (the "…-new-time"
 * clock) — never left to wait for the next routine update. A new time that passes too is told again.
 */
function toldPromiseMissed(d: Draft, name: DeadlineName): void {
  const s = d.state;
  const t = d.timings();
  const followUp = name === 'follow-up' || name === 'follow-up-new-time';
  const renewed = followUp ? 'follow-up-new-time' : 'diagnosis-new-time';
  const promisedBy = s.clocks[name].dueAt;
  d.miss(name);
  // A new time that passed moves to the history; the first promise stays missed (and overdue).
  if (name === renewed) s.previousClocks = [...(s.previousClocks ?? []), { ...s.clocks[name] }];
  const next = d.after(d.now, followUp ? t.followUpMs : t.diagnosisMs);
  d.startClock(renewed, next);
  const what = followUp ? 'follow-up' : 'preliminary diagnosis';
  d.note('delay', `The ${what} promised by ${promisedBy} was missed; the customer was told ${utc(next)}.`, {
    kind: 'delay',
  });
  if (followUp)
    d.tellCustomer('follow-up-delay', {
      kind: 'delayNotice',
      customerName: s.customer.name,
      reference: s.reference,
      ownerName: s.owner.name,
      promisedBy,
      newExpectedBy: d.iso(next),
    });
  else
    d.tellCustomer('diagnosis-delay', {
      kind: 'diagnosisDelay',
      customerName: s.customer.name,
      reference: s.reference,
      ownerName: s.owner.name,
      promisedBy,
      newContactBy: d.iso(next),
    });
}

/**
 * Ruleset 2 (seed 003: every outcome by phone; principle 4: an owner who does not call is a missed
 * promise and escalates). At the call's deadline without a call the miss is recorded, the case is
 * overdue (so it walks up the chain) and a supervisor is asked whether the outcome may go out in
 * writing without the call; the letter waits for that decision or for the attempts the policy
 * requires. Later, the owner is reminded once per retry interval without a call.
 */
function resolutionCallDue(d: Draft): void {
  const s = d.state;
  const rc = s.resolutionCall!;
  if (s.clocks['resolution-call']?.state === 'pending') {
    d.miss('resolution-call');
    d.note(
      'call',
      `${s.owner.name} did not call the customer with the outcome by ${s.clocks['resolution-call'].dueAt}: missed; the letter waits for the call or a supervisor’s decision.`,
    );
    if (!s.pendingApproval) {
      s.pendingApproval = {
        kind: 'letter-without-call',
        requestedAt: d.iso(),
        summary:
          'No call with the outcome was made in time: may the outcome go out in writing without the call?',
      };
      askSupervisor(
        d,
        'the outcome going out in writing without the owner’s call (no call was made by its deadline)',
      );
    }
  } else {
    rc.reminders++;
    rc.lastReminderAt = d.iso();
  }
  const task = d.openTasks().find((x) => x.reason === 'resolution-call');
  d.notifyStaff('call-reminder', s.owner, {
    kind: 'callTask',
    ownerName: s.owner.name,
    reference: s.reference,
    reason: 'resolution-call',
    taskKind: 'call',
    customerName: s.customer.name,
    customerPhone: s.customer.phone,
    dueBy: task?.dueBy,
    note: `Reminder${task ? ` (task ${task.id})` : ''}: call the customer with the outcome (${s.resolution!.outcome}); the written outcome waits for your call.`,
  });
}

function questionsReminder(d: Draft): void {
  const s = d.state;
  const answerBy = d.after(Date.parse(s.questions!.at), d.timings().customerReplyLimitMs);
  s.questions!.reminderSentAt = d.iso();
  d.tellCustomer('questions-reminder', {
    kind: 'questionsReminder',
    customerName: s.customer.name,
    reference: s.reference,
    ownerName: s.owner.name,
    questions: s.questions!.questions,
    answerBy: d.iso(answerBy),
    ...reopenPromise(d, answerBy),
  });
}

/** The owner was silent for a whole update interval: the system writes, and the miss is the owner's. */
function systemUpdate(d: Draft): void {
  const s = d.state;
  s.missedUpdates[s.owner.id] = (s.missedUpdates[s.owner.id] ?? 0) + 1;
  s.updatesSent.bySystem++;
  d.note(
    'update',
    `No update from the owner in time: the system sent one (miss recorded for ${s.owner.name}).`,
    { kind: 'update' },
  );
  d.tellCustomer('system-update', {
    kind: 'progressUpdate',
    customerName: s.customer.name,
    reference: s.reference,
    ownerName: s.owner.name,
    message: '',
    expectedResolutionBy: promisedDate(d),
    sentBy: 'system',
  });
}

/**
 * The promised date passed: the customer is told a new date (one update interval on; the owner
 * confirms or extends it), and the case goes one level up the chain.
 */
function promisedDatePassed(d: Draft): void {
  const s = d.state;
  const missed = s.clocks.resolution;
  d.miss('resolution');
  s.previousClocks = [...(s.previousClocks ?? []), { ...missed }];
  const newDate = d.after(d.now, d.timings().customerUpdateIntervalMs);
  d.startClock('resolution', newDate);
  d.note('delay', `The promised resolution date passed; the customer was given ${d.iso(newDate)}.`, {
    kind: 'delay',
  });
  d.tellCustomer('delay', {
    kind: 'delayNotice',
    customerName: s.customer.name,
    reference: s.reference,
    ownerName: s.owner.name,
    promisedBy: missed.dueAt,
    newExpectedBy: d.iso(newDate),
  });
  d.escalate('The promised resolution date passed.');
}

function statutoryBreach(d: Draft): void {
  const s = d.state;
  d.miss('statutory');
  const consequence = d.policy.statutory!.consequence;
  s.statutory!.breachedAt = d.iso();
  s.statutory!.consequence = consequence;
  d.note('statutory', `Statutory deadline missed: ${consequence}.`);
  d.escalate(`Statutory deadline missed (${consequence}).`);
  const top = topEscalationLevel(d.policy);
  for (const person of escalationRecipients(top, s.owner.id, d.roster, d.policy)) {
    d.notifyStaff('statutory-breach', person, {
      kind: 'statutoryBreach',
      recipientName: person.name,
      reference: s.reference,
      deadline: s.statutory!.dueAt,
      consequence,
    });
  }
}
