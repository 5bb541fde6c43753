// FROZEN: the first complaint workflow type ("complaintWorkflow"). Cases started before the promise
// engine (complaintWorkflowV2, workflows/complaint.ts) keep running on this code until they close;
// the recorded histories in test/fixtures/histories replay against it. Change nothing here that
// alters its commands; delete the file once no "complaintWorkflow" case is running.
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { ComplaintActivities, OutgoingMessage, Recipient } from '../activities/types';
import type { TimelineKind } from '../domain/messages/types';
import {
  caseRecord,
  type Action,
  type CaseRecord,
  type CaseState,
  type CaseView,
  type Clock,
  type ClosureReason,
  type ComplaintInput,
  type Task,
  type BounceSignal,
  type CustomerMessageSignal,
  type SurveyAnswerSignal,
  type Stage,
} from '../domain/case';
import { addClockTime, clockTimeBetween, formatDuration } from '../domain/clock';
import { categorise } from '../domain/categorise';
import { approverFor, chooseOwner } from '../domain/owner';
import { checkRemedy } from '../domain/compensation';
import { escalationRecipients, topEscalationLevel } from '../domain/escalation';
import { extensionNeedsApproval, resolutionCallRequired, surveyNeedsFollowUp } from '../domain/rules';
import { defaultTimeZone, disagreementRoute } from '../domain/locale-defaults';
import {
  ComplaintCategory,
  ComplaintEscalationLevel,
  ComplaintNextDeadline,
  ComplaintOverdue,
  ComplaintOwner,
  ComplaintPriority,
  ComplaintStage,
} from '../infra/search-attributes';
import * as defs from './definitions';

// The first workflow type's stage rules, kept with it (the promise engine's live in domain/lifecycle/actions).
const everywhereOpen: Action[] = ['notes', 'reassignment', 'calls'];

/** Which actions each stage accepts. `approval` also needs something pending (checked separately). */
const allowedByStage: Record<Stage, Action[]> = {
  intake: ['notes'],
  diagnosis: ['diagnosis', 'questions', 'progress', ...everywhereOpen],
  'waiting-on-customer': ['progress', ...everywhereOpen],
  'in-progress': ['questions', 'progress', 'extension', 'resolution', 'approval', ...everywhereOpen],
  'awaiting-approval': ['approval', ...everywhereOpen],
  'resolution-call': ['documentation', ...everywhereOpen],
  survey: ['documentation', ...everywhereOpen],
  'follow-up': ['follow-up', 'progress', 'documentation', ...everywhereOpen],
  documentation: ['documentation', 'notes', 'calls'],
  closed: [],
};

function allowedActions(stage: Stage, pendingApproval: boolean): Action[] {
  return allowedByStage[stage].filter((a) => a !== 'approval' || pendingApproval);
}

/** The message a rejected action carries: it names the stage and what is allowed there. */
function notAllowedMessage(action: Action, stage: Stage, pendingApproval: boolean): string {
  const allowed = allowedActions(stage, pendingApproval);
  const what =
    action === 'approval' && allowedByStage[stage].includes('approval') ? 'nothing awaits approval, so ' : '';
  return (
    `${what}"${action}" is not allowed while the case is in stage "${stage}"; ` +
    (allowed.length ? `allowed: ${allowed.join(', ')}.` : 'the case is closed.')
  );
}

const retry = { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '2m' } as const;

// E-mail keeps retrying transient failures (Postmark down, rate limits) for a day; permanent
// ones (invalid or inactive address) are non-retryable and become tasks for the owner.
const mailOptions = { startToCloseTimeout: '30s', scheduleToCloseTimeout: '1 day', retry } as const;
/** The e-mail activities, with a summary the Web UI shows for this one call ("send acknowledgement"). */
const mail = (summary: string) => proxyActivities<ComplaintActivities>({ ...mailOptions, summary });
const lookups = proxyActivities<ComplaintActivities>({
  startToCloseTimeout: '10s',
  retry: { ...retry, maximumAttempts: 5 },
  summary: 'count open cases per owner',
});

/** Carried across continue-as-new so a long case keeps its whole state. */
export interface ComplaintWorkflowArgs extends ComplaintInput {
  resume?: CaseState;
}

export async function complaintWorkflow(args: ComplaintWorkflowArgs): Promise<CaseRecord> {
  const { policy, roster } = args;
  const now = () => Date.now();
  const iso = (ms: number = now()) => new Date(ms).toISOString();
  const clock = policy.clock;
  // Assigned once intake is done. Handlers are registered before that (below), so that actions and
  // queries arriving while the owner is being chosen get a clear "starting" answer, not "no handler".
  // eslint-disable-next-line prefer-const -- assigned after the handlers that read it are registered
  let state!: CaseState;
  const timings = () => policy.priorities[state.priority];
  const timeZone = () => state.customer.timeZone ?? defaultTimeZone(state.customer.language);
  let dirty = false;

  // ---------------------------------------------------------------------------------------------
  // Intake: categorise, prioritise, choose the owner, start the clocks.

  async function intake(): Promise<CaseState> {
    const received = args.receivedAt ? Date.parse(args.receivedAt) : now();
    const { category, priority, reasons } = categorise(
      {
        subject: args.subject,
        description: args.description,
        channel: args.channel,
        language: args.customer.language,
      },
      policy,
    );
    const ownerIds = roster.owners.map((o) => o.id);
    const openCases = await lookups.countOpenCases({ ownerIds });
    const choice = chooseOwner(roster, { language: args.customer.language, category }, openCases);
    const owner = choice.owner;
    const t = policy.priorities[priority];
    const startedAt = iso();
    const s: CaseState = {
      complaintId: args.complaintId,
      reference: args.reference,
      policyVersion: policy.version,
      stage: 'intake',
      receivedAt: iso(received),
      startedAt,
      channel: args.channel,
      subject: args.subject,
      description: args.description,
      customer: args.customer,
      order: args.order,
      externalId: args.externalId,
      category,
      priority,
      categoryReasons: reasons,
      owner: { id: owner.id, name: owner.name, email: owner.email },
      ownerHistory: [{ ownerId: owner.id, from: startedAt, reason: choice.reason }],
      escalationLevel: 0,
      escalations: [],
      overdue: false,
      clocks: {
        acknowledgement: pendingClock('acknowledgement', addClockTime(received, t.acknowledgementMs, clock)),
        diagnosis: pendingClock('diagnosis', addClockTime(received, t.diagnosisMs, clock)),
        resolution: pendingClock('resolution', addClockTime(received, t.targetResolutionMs, clock)),
      },
      lastCustomerContactAt: iso(received),
      updatesSent: { byOwner: 0, bySystem: 0 },
      missedUpdates: {},
      extensions: [],
      rejectedResolutions: [],
      surveyAnswers: [],
      tasks: [],
      timeline: [
        {
          at: iso(received),
          kind: 'received',
          text: `Complaint received by ${args.channel}.`,
          customerVisible: true,
          customerKind: 'received',
        },
        {
          at: startedAt,
          kind: 'intake',
          text: `Category ${category}, priority ${priority} (${reasons.join('; ') || 'defaults'}); owner ${owner.name} (${choice.reason}).`,
          customerVisible: false,
        },
      ],
      customerEmailBounced: false,
      seenMessageIds: [],
      messageSeq: 0,
      continuedAsNew: 0,
    };
    if (policy.statutory) {
      const due = received + policy.statutory.periodMs; // statutory time is calendar time, never paused
      s.clocks.statutory = pendingClock('statutory', due);
      s.statutory = { dueAt: iso(due) };
    }
    return s;
  }

  function pendingClock(name: string, dueMs: number): Clock {
    return { name, dueAt: iso(dueMs), state: 'pending' };
  }
  /** The promise was kept; done after its deadline it counts as missed (with when it was done). */
  function meet(name: string): void {
    const c = state.clocks[name];
    // Done after the deadline already fired: keep it missed, but record when it was done.
    if (c && c.state === 'missed' && !c.metAt) c.metAt = iso();
    if (c && c.state === 'pending') {
      c.metAt = iso();
      if (now() > Date.parse(c.dueAt)) {
        c.state = 'missed';
        c.missedAt = c.dueAt;
      } else {
        c.state = 'met';
      }
    }
  }
  function miss(name: string): void {
    const c = state.clocks[name];
    if (c && c.state === 'pending') {
      c.state = 'missed';
      c.missedAt = iso();
    }
  }
  /** Records an event; `customer` makes it part of the customer's timeline (status page, letter). */
  function note(
    kind: string,
    text: string,
    customer?: { kind: TimelineKind; text?: string },
    by?: string,
  ): void {
    state.timeline.push({
      at: iso(),
      kind,
      text,
      customerVisible: !!customer,
      customerKind: customer?.kind,
      customerText: customer?.text,
      by,
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Side effects: every message goes through an activity with a deterministic idempotency key.

  const customerRecipient = (): Recipient | undefined =>
    state.customer.email && !state.customerEmailBounced
      ? { name: state.customer.name, email: state.customer.email }
      : undefined;

  /** Tells the customer in writing, or, without a working address, asks the owner to. Returns true if e-mailed. */
  async function tellCustomer(purpose: string, message: OutgoingMessage): Promise<boolean> {
    const to = customerRecipient();
    const key = `${state.complaintId}:${purpose}:${++state.messageSeq}`;
    if (to) {
      try {
        await mail(`send ${purpose}`).sendCustomerMessage({
          caseId: state.complaintId,
          idempotencyKey: key,
          to,
          language: state.customer.language,
          timeZone: timeZone(),
          message,
        });
        state.lastCustomerContactAt = iso();
        return true;
      } catch (err) {
        const type = failureType(err);
        if (type === 'InactiveRecipient' || type === 'InvalidEmailRequest') {
          state.customerEmailBounced = true;
          note(
            'bounce',
            `E-mail to the customer failed permanently (${type}); further contact by phone or letter.`,
          );
        } else {
          note('email-failed', `Could not e-mail the customer (${purpose}): ${errorMessage(err)}.`);
        }
      }
    }
    await createTask(
      state.customer.phone ? 'call' : 'write',
      state.customer.email ? 'bounced' : 'no-email',
      `Tell the customer (${purpose}) by ${state.customer.phone ? 'phone' : 'letter'}.`,
    );
    return false;
  }

  async function notifyStaff(purpose: string, to: Recipient, message: OutgoingMessage): Promise<void> {
    const key = `${state.complaintId}:${purpose}:${++state.messageSeq}`;
    try {
      await mail(`notify ${to.name}: ${purpose}`).sendStaffMessage({
        caseId: state.complaintId,
        idempotencyKey: key,
        to,
        message,
      });
    } catch (err) {
      // Staff addresses come from the roster: a failure here is logged on the case, never fatal.
      note('email-failed', `Could not e-mail ${to.name} (${purpose}): ${errorMessage(err)}.`);
    }
  }

  async function createTask(
    kind: Task['kind'],
    reason: Task['reason'],
    text: string,
    dueBy?: string,
  ): Promise<Task> {
    const task: Task = {
      id: `T${state.tasks.length + 1}`,
      kind,
      reason,
      createdAt: iso(),
      dueBy,
      note: text,
    };
    state.tasks.push(task);
    note('task', `Task ${task.id} for ${state.owner.name}: ${text}`);
    await notifyStaff(`task-${task.id}`, state.owner, {
      kind: 'callTask',
      ownerName: state.owner.name,
      reference: state.reference,
      reason,
      taskKind: kind,
      customerName: state.customer.name,
      customerPhone: state.customer.phone,
      dueBy,
      note: text,
    });
    return task;
  }

  async function escalate(toLevel: number, reason: string): Promise<void> {
    const level = Math.min(toLevel, topEscalationLevel(policy));
    if (level <= state.escalationLevel) return;
    state.escalationLevel = level;
    state.escalations.push({ at: iso(), level, reason });
    const levelName = policy.escalation.levels.find((l) => l.level === level)?.name ?? `level ${level}`;
    note('escalation', `Escalated to ${levelName} (level ${level}): ${reason}`);
    for (const person of escalationRecipients(level, state.owner.id, roster, policy)) {
      await notifyStaff(`escalation-${level}`, person, {
        kind: 'escalation',
        recipientName: person.name,
        reference: state.reference,
        level,
        levelName,
        reason,
        ownerName: state.owner.name,
      });
    }
  }

  function promisedDate(): string {
    return state.clocks.resolution.dueAt;
  }
  /** The date an update may still promise: the follow-up's, the pending promise, or none once missed. */
  function updateDate(): string | undefined {
    if (state.stage === 'follow-up' && state.followUp) return state.followUp.dueBy;
    return state.clocks.resolution.state === 'missed' ? undefined : promisedDate();
  }

  // ---------------------------------------------------------------------------------------------
  // The stages

  async function acknowledge(): Promise<void> {
    state.stage = 'diagnosis';
    const emailed = await tellCustomer('acknowledgement', {
      kind: 'acknowledgement',
      customerName: state.customer.name,
      reference: state.reference,
      ownerName: state.owner.name,
      nextContactBy: state.clocks.diagnosis.dueAt,
      receivedAt: state.receivedAt,
    });
    if (emailed) {
      meet('acknowledgement');
      note('acknowledgement', `Acknowledged by e-mail; ${state.owner.name} handles the complaint.`, {
        kind: 'acknowledged',
      });
    }
    if (policy.formalAcknowledgementChannels.includes(state.channel)) {
      await createTask(
        'write',
        'other',
        'Send the formal acknowledgement letter.',
        state.clocks.acknowledgement.dueAt,
      );
    }
    if (policy.resolutionCall.callBackOnIntake && state.customer.phone) {
      await createTask(
        'call',
        'callback-on-intake',
        'Call the customer back about the complaint.',
        state.clocks.diagnosis.dueAt,
      );
    }
  }

  function close(reason: ClosureReason): void {
    state.stage = 'closed';
    state.closure = reason;
    state.closedAt = iso();
    for (const c of Object.values(state.clocks)) if (c.state === 'pending') c.state = 'cancelled';
    note('closed', `Case closed: ${reason}.`);
  }

  async function finishAfterSurvey(): Promise<void> {
    if (state.documentation) {
      close('resolved');
      return;
    }
    state.stage = 'documentation';
    await createTask(
      'write',
      'other',
      'Document the case (root cause, factors, responsible party, actions) to close it.',
    );
  }

  async function sendSurvey(round: number): Promise<void> {
    state.stage = 'survey';
    state.survey = { round, sentAt: iso() };
    await tellCustomer(`survey-${round}`, {
      kind: 'surveyInvitation',
      customerName: state.customer.name,
      reference: state.reference,
      ownerName: state.owner.name,
    });
  }

  async function sendResolutionLetter(): Promise<void> {
    const r = state.resolution!;
    state.letterSentAt = iso();
    note('decision', `Outcome communicated in writing: ${r.outcome}.`, {
      kind: 'decision',
      text: r.explanation,
    });
    await tellCustomer('resolution-letter', {
      kind: 'resolutionLetter',
      customerName: state.customer.name,
      reference: state.reference,
      ownerName: state.owner.name,
      receivedAt: state.receivedAt,
      outcome: r.outcome,
      explanation: r.explanation,
      apology: r.apology,
      remedy: letterRemedy(),
      howToUseRemedy: r.howToUseRemedy,
      timeline: state.timeline
        .filter((e) => e.customerKind)
        .map((e) => ({ at: e.at, kind: e.customerKind!, text: e.customerText })),
      disagreementRoute: disagreementRoute(state.customer.language),
    });
    await sendSurvey(1);
  }

  function letterRemedy() {
    const remedy = state.resolution!.remedy;
    if (remedy.kind === 'voucher') {
      return { ...remedy, validUntil: iso(now() + remedy.validityDays * 86_400_000) };
    }
    return remedy;
  }

  /** The decision is final (approved or within policy): tell the customer, by phone first if required. */
  async function communicateDecision(): Promise<void> {
    meet('resolution');
    meet('statutory');
    if (resolutionCallRequired(state.resolution!.outcome, policy)) {
      state.stage = 'resolution-call';
      state.resolutionCall = {
        attempts: 0,
        reminders: 0,
        reached: false,
        gaveUp: false,
        lastAttemptAt: iso(),
      };
      await createTask(
        'call',
        'resolution-call',
        `Call the customer with the outcome (${state.resolution!.outcome}).`,
      );
    } else {
      await sendResolutionLetter();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Deadlines: the main loop waits for the earliest of these.

  interface Due {
    name: string;
    at: number;
    summary: string;
    fire: () => Promise<void>;
  }

  function dueList(): Due[] {
    const list: Due[] = [];
    const c = state.clocks;
    const t = timings();
    const pending = (name: string) => c[name]?.state === 'pending';
    const at = (name: string) => Date.parse(c[name].dueAt);
    if (pending('acknowledgement')) {
      list.push({
        name: 'acknowledgement',
        at: at('acknowledgement'),
        summary: 'acknowledgement deadline',
        fire: async () => {
          miss('acknowledgement');
          state.overdue = true;
          await escalate(state.escalationLevel + 1, 'The complaint was not acknowledged in time.');
        },
      });
    }
    for (const name of ['diagnosis', 'diagnosis-after-answer']) {
      if (pending(name) && (state.stage === 'diagnosis' || state.stage === 'waiting-on-customer')) {
        if (state.stage === 'waiting-on-customer' && name === 'diagnosis') continue;
        list.push({
          name,
          at: at(name),
          summary: 'diagnosis deadline',
          fire: async () => {
            miss(name);
            state.overdue = true;
            await escalate(1, 'No preliminary diagnosis or questions by the diagnosis deadline.');
          },
        });
      }
    }
    // An unanswered diagnosis keeps climbing the chain, one level at a time, each level once.
    const missedDiagnosis = ['diagnosis', 'diagnosis-after-answer']
      .map((n) => c[n])
      .find((x) => x?.state === 'missed');
    if (
      state.stage === 'diagnosis' &&
      missedDiagnosis &&
      state.escalationLevel < topEscalationLevel(policy)
    ) {
      const next = policy.escalation.levels.find((l) => l.level === state.escalationLevel + 1);
      if (next) {
        list.push({
          name: 'diagnosis-overdue',
          at: addClockTime(Date.parse(missedDiagnosis.missedAt!), next.afterOverdueMs, clock),
          summary: `diagnosis overdue: escalate to ${next.name}`,
          fire: () => escalate(next.level, 'The diagnosis is still overdue.'),
        });
      }
    }
    if (state.stage === 'in-progress' || state.stage === 'awaiting-approval' || state.stage === 'follow-up') {
      list.push({
        name: 'customer-update',
        at: addClockTime(Date.parse(state.lastCustomerContactAt), t.customerUpdateIntervalMs, clock),
        summary: `${formatDuration(t.customerUpdateIntervalMs)} customer update`,
        fire: systemUpdate,
      });
    }
    if ((state.stage === 'in-progress' || state.stage === 'awaiting-approval') && pending('resolution')) {
      list.push({
        name: 'resolution',
        at: at('resolution'),
        summary: 'promised resolution date',
        fire: promisedDatePassed,
      });
    }
    if (pending('statutory') && state.statutory && policy.statutory) {
      const s = state.statutory;
      if (!s.warnedAt) {
        list.push({
          name: 'statutory-warning',
          at: at('statutory') - policy.statutory.warnBeforeMs,
          summary: 'statutory deadline warning',
          fire: statutoryWarning,
        });
      }
      list.push({
        name: 'statutory',
        at: at('statutory'),
        summary: 'statutory deadline',
        fire: statutoryBreach,
      });
    }
    if (state.stage === 'waiting-on-customer' && state.questions) {
      const asked = Date.parse(state.questions.at);
      if (!state.questions.reminderSentAt) {
        list.push({
          name: 'questions-reminder',
          at: addClockTime(asked, t.customerReplyReminderMs, clock),
          summary: 'reminder about our questions',
          fire: questionsReminder,
        });
      }
      list.push({
        name: 'customer-answer',
        at: addClockTime(asked, t.customerReplyLimitMs, clock),
        summary: 'limit for the customer’s answer',
        fire: noAnswer,
      });
    }
    if (state.stage === 'resolution-call' && state.resolutionCall) {
      list.push({
        name: 'resolution-call',
        at: Date.parse(state.resolutionCall.lastAttemptAt!) + t.resolutionCallRetryMs,
        summary: 'resolution call retry',
        fire: resolutionCallDue,
      });
    }
    if (state.stage === 'survey' && state.survey) {
      const sent = Date.parse(state.survey.sentAt);
      if (!state.survey.reminderSentAt) {
        list.push({
          name: 'survey-reminder',
          at: sent + t.surveyReminderMs,
          summary: 'survey reminder',
          fire: surveyReminder,
        });
      }
      list.push({
        name: 'survey',
        at: sent + t.surveyWaitMs,
        summary: 'survey closes',
        fire: finishAfterSurvey,
      });
    }
    if (state.stage === 'follow-up' && pending('follow-up')) {
      list.push({
        name: 'follow-up',
        at: at('follow-up'),
        summary: 'follow-up deadline',
        fire: async () => {
          miss('follow-up');
          state.overdue = true;
          await escalate(state.escalationLevel + 1, 'The follow-up after the survey is overdue.');
        },
      });
    }
    return list;
  }

  function nextDue(): Due | undefined {
    return dueList().reduce<Due | undefined>((best, d) => (!best || d.at < best.at ? d : best), undefined);
  }

  async function systemUpdate(): Promise<void> {
    const missedBy = state.owner.id;
    state.missedUpdates[missedBy] = (state.missedUpdates[missedBy] ?? 0) + 1;
    state.updatesSent.bySystem++;
    const latest = [...state.timeline].reverse().find((e) => e.customerVisible && e.kind === 'progress');
    note(
      'update',
      `No update from the owner in time: the system sent one (miss recorded for ${state.owner.name}).`,
      { kind: 'update' },
    );
    const emailed = await tellCustomer('system-update', {
      kind: 'progressUpdate',
      customerName: state.customer.name,
      reference: state.reference,
      ownerName: state.owner.name,
      message: latest && Date.parse(latest.at) > Date.parse(state.lastCustomerContactAt) ? latest.text : '',
      expectedResolutionBy: updateDate(),
      sentBy: 'system',
    });
    // A task instead of an e-mail still counts as the contact being due: don't fire again at once.
    if (!emailed) state.lastCustomerContactAt = iso();
  }

  async function promisedDatePassed(): Promise<void> {
    miss('resolution');
    state.overdue = true;
    note('delay', 'The promised resolution date passed without a resolution.', { kind: 'delay' });
    await tellCustomer('delay', {
      kind: 'delayNotice',
      customerName: state.customer.name,
      reference: state.reference,
      ownerName: state.owner.name,
      promisedBy: promisedDate(),
    });
    await escalate(state.escalationLevel + 1, 'The promised resolution date passed.');
  }

  async function statutoryWarning(): Promise<void> {
    state.statutory!.warnedAt = iso();
    note('statutory', `Statutory deadline ${state.statutory!.dueAt} approaching.`);
    await notifyStaff('statutory-warning', state.owner, {
      kind: 'statutoryWarning',
      ownerName: state.owner.name,
      reference: state.reference,
      deadline: state.statutory!.dueAt,
    });
  }

  async function statutoryBreach(): Promise<void> {
    miss('statutory');
    const consequence = policy.statutory!.consequence;
    state.statutory!.breachedAt = iso();
    state.statutory!.consequence = consequence;
    state.overdue = true;
    note('statutory', `Statutory deadline missed: ${consequence}.`);
    const top = topEscalationLevel(policy);
    await escalate(top, `Statutory deadline missed (${consequence}).`);
    for (const person of escalationRecipients(top, state.owner.id, roster, policy)) {
      await notifyStaff('statutory-breach', person, {
        kind: 'statutoryBreach',
        recipientName: person.name,
        reference: state.reference,
        deadline: state.statutory!.dueAt,
        consequence,
      });
    }
  }

  async function questionsReminder(): Promise<void> {
    state.questions!.reminderSentAt = iso();
    await tellCustomer('questions-reminder', {
      kind: 'questionsReminder',
      customerName: state.customer.name,
      reference: state.reference,
      ownerName: state.owner.name,
      questions: state.questions!.questions,
      answerBy: iso(addClockTime(Date.parse(state.questions!.at), timings().customerReplyLimitMs, clock)),
    });
  }

  async function noAnswer(): Promise<void> {
    note('no-response', 'The customer did not answer our questions in time.', { kind: 'other' });
    await tellCustomer('no-response', {
      kind: 'noResponseClosure',
      customerName: state.customer.name,
      reference: state.reference,
      ownerName: state.owner.name,
    });
    close('no-response');
  }

  async function resolutionCallDue(): Promise<void> {
    const rc = state.resolutionCall!;
    rc.reminders++;
    rc.lastAttemptAt = iso();
    if (rc.reminders >= timings().resolutionCallAttempts) {
      rc.gaveUp = true;
      note('call', 'No resolution call was recorded in time; the outcome goes out in writing.');
      await sendResolutionLetter();
      return;
    }
    await createTask('call', 'resolution-call', 'Reminder: call the customer with the outcome.');
  }

  async function surveyReminder(): Promise<void> {
    state.survey!.reminderSentAt = iso();
    await tellCustomer(`survey-reminder-${state.survey!.round}`, {
      kind: 'surveyReminder',
      customerName: state.customer.name,
      reference: state.reference,
      ownerName: state.owner.name,
    });
  }

  /** Answers resume a paused clock: deadlines move by the working time spent waiting. */
  function resumeFromCustomer(): void {
    const q = state.questions!;
    q.answeredAt = iso();
    const back = state.resumeStage ?? 'in-progress';
    state.stage = back;
    state.lastCustomerContactAt = iso(); // the update interval starts afresh when the work resumes
    state.resumeStage = undefined;
    if (policy.pauseWhileWaitingOnCustomer) {
      const paused = clockTimeBetween(Date.parse(q.at), now(), clock);
      const r = state.clocks.resolution;
      if (r.state === 'pending') r.dueAt = iso(addClockTime(Date.parse(r.dueAt), paused, clock));
    }
    if (back === 'diagnosis') {
      state.clocks['diagnosis-after-answer'] = pendingClock(
        'diagnosis-after-answer',
        addClockTime(now(), timings().diagnosisMs, clock),
      );
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Handlers

  function view(): CaseView {
    if (state === undefined)
      throw new Error('The case is starting (choosing its owner): try again in a moment.');
    const next = state.stage === 'closed' ? undefined : nextDue();
    return {
      ...state,
      allowedActions: allowedActions(state.stage, !!state.pendingApproval),
      nextDeadline: next ? { name: next.name, at: iso(next.at) } : undefined,
      surveyScale: { min: policy.survey.minScore, max: policy.survey.maxScore },
    };
  }

  function requireAction(action: Action): void {
    if (state === undefined)
      throw notAllowed('The case is starting (choosing its owner): try again in a moment.', 'intake', []);
    if (!allowedActions(state.stage, !!state.pendingApproval).includes(action)) {
      const allowed = allowedActions(state.stage, !!state.pendingApproval);
      throw notAllowed(notAllowedMessage(action, state.stage, !!state.pendingApproval), state.stage, allowed);
    }
  }

  /** Registers an Update whose validator checks the stage (plus `check`), and whose handler publishes. */
  function onAction<A>(
    update: UpdateDefinition<CaseView, [A]>,
    action: Action,
    handle: (input: A) => Promise<void>,
    check?: (input: A) => void,
  ): void {
    setHandler(
      update,
      async (input: A) => {
        try {
          await handle(input);
        } catch (err) {
          if (err instanceof ApplicationFailure) throw err;
          // Anything else would fail the workflow task and retry forever: turn it into an answer.
          throw ApplicationFailure.nonRetryable(errorMessage(err), 'ActionFailed');
        } finally {
          dirty = true;
          publish();
        }
        return view();
      },
      {
        validator: (input: A) => {
          requireAction(action);
          check?.(input);
        },
      },
    );
  }

  onAction(
    defs.diagnosisUpdate,
    'diagnosis',
    async (d) => {
      state.diagnosis = { ...d, at: iso() };
      meet('diagnosis');
      meet('diagnosis-after-answer');
      state.stage = 'in-progress';
      state.clocks.resolution = pendingClock('resolution', Date.parse(d.expectedResolutionBy));
      note(
        'diagnosis',
        `Preliminary diagnosis: ${d.summary}`,
        { kind: 'diagnosis', text: d.customerVisibleNote ?? d.summary },
        state.owner.name,
      );
      await tellCustomer('diagnosis', {
        kind: 'diagnosis',
        customerName: state.customer.name,
        reference: state.reference,
        ownerName: state.owner.name,
        summary: d.customerVisibleNote ?? d.summary,
        expectedResolutionBy: d.expectedResolutionBy,
      });
    },
    (d) => futureDate(d.expectedResolutionBy, 'expectedResolutionBy'),
  );

  onAction(
    defs.questionsUpdate,
    'questions',
    async (q) => {
      meet('diagnosis');
      meet('diagnosis-after-answer');
      state.resumeStage = state.stage === 'diagnosis' && !state.diagnosis ? 'diagnosis' : 'in-progress';
      state.stage = 'waiting-on-customer';
      state.questions = { ...q, at: iso() };
      note(
        'questions',
        `Questions to the customer: ${q.questions.join(' / ')}`,
        { kind: 'questions', text: q.questions.join(' / ') },
        state.owner.name,
      );
      await tellCustomer('questions', {
        kind: 'questions',
        customerName: state.customer.name,
        reference: state.reference,
        ownerName: state.owner.name,
        questions: q.questions,
        answerBy: iso(addClockTime(now(), timings().customerReplyLimitMs, clock)),
      });
    },
    (q) => {
      if (q.questions.length === 0) throw new Error('questions: ask at least one question.');
    },
  );

  onAction(defs.progressUpdate, 'progress', async (p) => {
    if (!p.customerVisible) {
      note('note', p.message, undefined, state.owner.name);
      return;
    }
    state.updatesSent.byOwner++;
    note('progress', p.message, { kind: 'update', text: p.message }, state.owner.name);
    await tellCustomer('progress', {
      kind: 'progressUpdate',
      customerName: state.customer.name,
      reference: state.reference,
      ownerName: state.owner.name,
      message: p.message,
      expectedResolutionBy: updateDate(),
      sentBy: 'owner',
    });
  });

  async function applyExtension(
    e: { newExpectedBy: string; reason: string },
    approvedBy?: string,
  ): Promise<void> {
    state.extensions.push({ at: iso(), newExpectedBy: e.newExpectedBy, reason: e.reason, approvedBy });
    state.clocks.resolution = pendingClock('resolution', Date.parse(e.newExpectedBy));
    state.overdue = Object.values(state.clocks).some(
      (c) => c.state === 'pending' && Date.parse(c.dueAt) < now(),
    );
    note(
      'extension',
      `New expected resolution date ${e.newExpectedBy}: ${e.reason}`,
      { kind: 'extension', text: e.reason },
      state.owner.name,
    );
    await tellCustomer('extension', {
      kind: 'extensionNotice',
      customerName: state.customer.name,
      reference: state.reference,
      ownerName: state.owner.name,
      newExpectedBy: e.newExpectedBy,
      reason: e.reason,
    });
    await escalate(state.escalationLevel + 1, `Resolution extended to ${e.newExpectedBy}: ${e.reason}`);
  }

  async function askSupervisors(what: string): Promise<void> {
    const supervisor = approverFor(roster, state.owner.id);
    await notifyStaff('approval-request', supervisor, {
      kind: 'approvalRequest',
      supervisorName: supervisor.name,
      reference: state.reference,
      ownerName: state.owner.name,
      what,
    });
  }

  onAction(
    defs.extensionUpdate,
    'extension',
    async (e) => {
      if (extensionNeedsApproval(state.extensions.length, policy)) {
        state.pendingExtension = e;
        state.pendingApproval = {
          kind: 'extension',
          requestedAt: iso(),
          summary: `Extension to ${e.newExpectedBy}: ${e.reason}`,
        };
        note('approval', `Extension beyond the policy limit awaits a supervisor: ${e.reason}`);
        await askSupervisors(`an extension to ${e.newExpectedBy} (${e.reason})`);
        return;
      }
      await applyExtension(e);
    },
    (e) => {
      futureDate(e.newExpectedBy, 'newExpectedBy');
      if (state.pendingApproval)
        throw new Error(`extension: a ${state.pendingApproval.kind} already awaits approval.`);
      const longest = policy.extensions.maxLengthMs;
      if (Date.parse(e.newExpectedBy) - Math.max(now(), Date.parse(promisedDate())) > longest) {
        throw new Error(`extension: at most ${formatDuration(longest)} beyond the current promised date.`);
      }
    },
  );

  onAction(
    defs.resolutionUpdate,
    'resolution',
    async (input) => {
      // A voucher without a validity (the API allows it since #17) gets the policy's default.
      const r = {
        ...input,
        remedy:
          input.remedy.kind === 'voucher'
            ? {
                ...input.remedy,
                validityDays: input.remedy.validityDays ?? policy.compensation.voucher.defaultValidityDays,
              }
            : input.remedy,
      };
      state.resolution = { ...r, at: iso() };
      note('resolution', `Decision: ${r.outcome} (remedy: ${r.remedy.kind}).`, undefined, state.owner.name);
      const check = checkRemedy(r.remedy, state.order, policy);
      if (!check.withinPolicy) {
        state.stage = 'awaiting-approval';
        state.pendingApproval = { kind: 'remedy', requestedAt: iso(), summary: check.reasons.join('; ') };
        note('approval', `Remedy above the policy awaits a supervisor: ${check.reasons.join('; ')}`);
        await askSupervisors(`a remedy above the policy (${check.reasons.join('; ')})`);
        return;
      }
      await communicateDecision();
    },
    () => {
      // One decision at a time: a supervisor is still deciding on an extension.
      if (state.pendingApproval)
        throw new Error(`resolution: a ${state.pendingApproval.kind} awaits a supervisor's approval first.`);
    },
  );

  onAction(
    defs.approvalUpdate,
    'approval',
    async (a) => {
      const pending = state.pendingApproval!;
      state.pendingApproval = undefined;
      note(
        'approval',
        `${a.decision === 'approve' ? 'Approved' : 'Rejected'} by ${a.supervisorId}: ${pending.summary}${a.note ? ` (${a.note})` : ''}`,
      );
      if (pending.kind === 'extension') {
        const e = state.pendingExtension!;
        state.pendingExtension = undefined;
        if (a.decision === 'approve') await applyExtension(e, a.supervisorId);
        else
          await createTask(
            'write',
            'other',
            `The extension to ${e.newExpectedBy} was not approved${a.note ? ` (${a.note})` : ''}: resolve by the promised date.`,
          );
        return;
      }
      if (a.decision === 'approve') {
        state.resolution!.approvedBy = a.supervisorId;
        await communicateDecision();
      } else {
        state.rejectedResolutions.push({ at: iso(), note: a.note, supervisorId: a.supervisorId });
        state.resolution = undefined;
        state.stage = 'in-progress';
        await createTask(
          'write',
          'other',
          `Revise the resolution: the supervisor rejected it${a.note ? ` (${a.note})` : ''}.`,
        );
      }
    },
    () => {
      if (!state.pendingApproval) throw new Error('approval: nothing awaits approval.');
    },
  );

  onAction(
    defs.callUpdate,
    'calls',
    async (c) => {
      const open = state.tasks.filter((t) => t.kind === 'call' && !t.doneAt);
      const task = c.taskId ? state.tasks.find((t) => t.id === c.taskId) : open[open.length - 1];
      note(
        'call',
        `Call ${c.reached ? 'reached the customer' : 'did not reach the customer'}${c.note ? `: ${c.note}` : ''}.`,
        undefined,
        state.owner.name,
      );
      if (c.reached && task) task.doneAt = iso();
      if (c.reached && state.clocks.acknowledgement.state === 'pending') {
        meet('acknowledgement');
        note('acknowledgement', `Acknowledged by phone by ${state.owner.name}.`, { kind: 'acknowledged' });
      }
      if (state.stage !== 'resolution-call') return;
      const rc = state.resolutionCall!;
      rc.attempts++;
      rc.reminders = 0;
      rc.lastAttemptAt = iso();
      if (c.reached) {
        rc.reached = true;
        note('call', `${state.owner.name} told the customer the outcome by phone.`, { kind: 'call' });
        await sendResolutionLetter();
      } else if (rc.attempts >= timings().resolutionCallAttempts) {
        rc.gaveUp = true;
        note('call', `Customer not reached after ${rc.attempts} attempts; the outcome goes out in writing.`);
        await sendResolutionLetter();
      }
    },
    (c) => {
      if (c.taskId && !state.tasks.some((t) => t.id === c.taskId))
        throw new Error(`calls: no task ${c.taskId}.`);
    },
  );

  onAction(
    defs.reassignmentUpdate,
    'reassignment',
    async (r) => {
      const next = roster.owners.find((o) => o.id === r.ownerId)!;
      const previous = state.owner;
      state.owner = { id: next.id, name: next.name, email: next.email };
      state.ownerHistory.push({ ownerId: next.id, from: iso(), reason: r.reason });
      note(
        'reassignment',
        `${next.name} now handles the complaint (was ${previous.name}).`,
        { kind: 'reassignment' },
        r.supervisorId,
      );
      await tellCustomer('reassignment', {
        kind: 'reassignmentNotice',
        customerName: state.customer.name,
        reference: state.reference,
        newOwnerName: next.name,
        previousOwnerName: previous.name,
      });
      await notifyStaff('reassignment', state.owner, {
        kind: 'callTask',
        ownerName: next.name,
        reference: state.reference,
        reason: 'other',
        customerName: state.customer.name,
        customerPhone: state.customer.phone,
        note: `The case was reassigned to you: ${r.reason}. Introduce yourself to the customer.`,
      });
    },
    (r) => {
      if (!roster.owners.some((o) => o.id === r.ownerId))
        throw new Error(`reassignment: unknown owner "${r.ownerId}".`);
      if (r.ownerId === state.owner.id) throw new Error(`reassignment: ${r.ownerId} already owns the case.`);
    },
  );

  onAction(defs.noteUpdate, 'notes', async (n) => {
    note('note', n.text, undefined, n.author ?? state.owner.name);
    return Promise.resolve();
  });

  onAction(defs.documentationUpdate, 'documentation', (d) => {
    state.documentation = { ...d, at: iso() };
    note('documentation', `Documented: root cause ${d.rootCause}; responsible ${d.responsibleParty}.`);
    if (state.stage === 'documentation') close('resolved');
    return Promise.resolve();
  });

  onAction(defs.followUpUpdate, 'follow-up', async (f) => {
    meet('follow-up');
    state.followUp!.doneAt = iso();
    state.followUp!.note = f.note;
    note('follow-up', f.note, { kind: 'other', text: f.note }, state.owner.name);
    await sendSurvey(2);
  });

  setHandler(defs.customerMessageSignal, (m) => {
    pendingCustomerMessages.push(m);
    dirty = true;
  });
  setHandler(defs.withdrawalSignal, (w) => {
    withdrawal = w;
    dirty = true;
  });
  setHandler(defs.bounceSignal, (b) => {
    if (args.customer.email && b.email.toLowerCase() === args.customer.email.toLowerCase()) bounces.push(b);
    dirty = true;
  });
  setHandler(defs.surveyAnswerSignal, (a) => {
    surveyAnswers.push(a);
    dirty = true;
  });
  setHandler(defs.caseViewQuery, view);

  // Signals queue their work; the main loop does it, so side effects never interleave with a timer.
  const pendingCustomerMessages: CustomerMessageSignal[] = [];
  const bounces: BounceSignal[] = [];
  const surveyAnswers: SurveyAnswerSignal[] = [];
  let withdrawal: { reason?: string } | undefined;

  async function handleSignals(): Promise<void> {
    while (bounces.length) {
      const b = bounces.shift()!;
      if (state.customerEmailBounced) continue;
      state.customerEmailBounced = true;
      note(
        'bounce',
        `E-mail to the customer bounced (${b.type}${b.inactive ? ', inactive' : ''}); further contact by phone or letter.`,
      );
      const ack = state.clocks.acknowledgement;
      if (
        ack.state !== 'pending' &&
        state.timeline.filter((e) => e.kind === 'acknowledgement').length === 1
      ) {
        // The acknowledgement never arrived: the call task replaces it.
        ack.state = 'pending';
        ack.metAt = undefined;
        ack.missedAt = undefined;
      }

      await createTask(
        state.customer.phone ? 'call' : 'write',
        'bounced',
        'The customer’s e-mail bounced: contact them by phone or letter instead.',
      );
    }
    while (pendingCustomerMessages.length) {
      const m = pendingCustomerMessages.shift()!;
      // Postmark retries webhooks and customers double-click: one message id, one message.
      if (m.messageId && state.seenMessageIds.includes(m.messageId)) continue;
      if (m.messageId) state.seenMessageIds.push(m.messageId);
      note('customer-message', m.text, { kind: 'customer-answer', text: m.text }, state.customer.name);
      await notifyStaff('customer-message', state.owner, {
        kind: 'customerMessageNotice',
        ownerName: state.owner.name,
        reference: state.reference,
        excerpt: m.text.slice(0, 500),
      });
      if (state.stage === 'waiting-on-customer') resumeFromCustomer();
    }
    if (withdrawal && state.stage !== 'closed') {
      note(
        'withdrawal',
        `The customer withdrew the complaint${withdrawal.reason ? `: ${withdrawal.reason}` : ''}.`,
        { kind: 'other' },
      );
      withdrawal = undefined;
      await tellCustomer('withdrawal', {
        kind: 'withdrawalConfirmation',
        customerName: state.customer.name,
        reference: state.reference,
        ownerName: state.owner.name,
      });
      close('withdrawn');
    }
    // An answer outside the survey stage (a second submission, a stale form) is not a survey answer.
    if (state.stage !== 'survey') surveyAnswers.length = 0;
    while (surveyAnswers.length && state.stage === 'survey') {
      const a = surveyAnswers.shift()!;
      const round = state.survey!.round;
      state.surveyAnswers.push({ ...a, at: iso(), round });
      note('survey', `Survey answered: ${a.score}/5${a.stillNeedHelp ? ', still needs help' : ''}.`);
      if (round === 1 && surveyNeedsFollowUp(a, policy)) {
        await openFollowUp(a);
      } else {
        await finishAfterSurvey();
      }
    }
  }

  async function openFollowUp(a: { score: number; comment?: string; stillNeedHelp: boolean }): Promise<void> {
    const dueBy = iso(addClockTime(now(), timings().followUpMs, clock));
    state.stage = 'follow-up';
    state.followUp = { openedAt: iso(), dueBy };
    state.clocks['follow-up'] = pendingClock('follow-up', Date.parse(dueBy));
    note('follow-up', `Follow-up opened after the survey; due ${dueBy}.`, { kind: 'other' });
    await tellCustomer('follow-up', {
      kind: 'followUpNotice',
      customerName: state.customer.name,
      reference: state.reference,
      ownerName: state.owner.name,
      followUpBy: dueBy,
    });
    for (const person of [state.owner, approverFor(roster, state.owner.id)]) {
      await notifyStaff('follow-up-opened', person, {
        kind: 'followUpOpened',
        recipientName: person.name,
        reference: state.reference,
        ownerName: state.owner.name,
        score: a.score,
        comment: a.comment,
        followUpBy: dueBy,
      });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Visibility for operators: search attributes and the Web UI's current details.

  /** Overdue while a promise is late and still not kept: a deadline passed, the thing not yet done. */
  function isOverdue(): boolean {
    if (state.stage === 'closed') return false;
    return Object.values(state.clocks).some(
      (c) => (c.state === 'pending' && Date.parse(c.dueAt) < now()) || (c.state === 'missed' && !c.metAt),
    );
  }

  function publish(): void {
    state.overdue = isOverdue();
    const next = state.stage === 'closed' ? undefined : nextDue();
    upsertSearchAttributes([
      { key: ComplaintStage, value: state.stage },
      { key: ComplaintPriority, value: state.priority },
      { key: ComplaintCategory, value: state.category },
      { key: ComplaintOwner, value: state.owner.id },
      { key: ComplaintEscalationLevel, value: state.escalationLevel },
      { key: ComplaintOverdue, value: state.overdue },
      { key: ComplaintNextDeadline, value: next ? new Date(next.at) : null },
    ]);
    setCurrentDetails(
      [
        `**${state.reference}** · stage **${state.stage}** · owner ${state.owner.name} (${state.owner.id})`,
        `priority ${state.priority} · category ${state.category} · escalation level ${state.escalationLevel}${state.overdue ? ' · **OVERDUE**' : ''}`,
        next
          ? `waiting for: ${next.summary} until ${iso(next.at)}`
          : state.stage === 'closed'
            ? `closed: ${state.closure}`
            : 'waiting for the owner',
        state.pendingApproval ? `awaiting approval: ${state.pendingApproval.summary}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Main loop

  state = args.resume ?? (await intake());
  if (!args.resume) {
    publish(); // operators see the owner while the acknowledgement goes out
    await acknowledge();
  } else state.continuedAsNew++;
  publish();

  const historyLimit = args.historyEventLimit ?? 10_000;
  while (!isClosed()) {
    await handleSignals();
    if (isClosed()) break;
    publish();
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > historyLimit) {
      await condition(allHandlersFinished);
      await handleSignals();
      if (!isClosed()) {
        return continueAsNew<typeof complaintWorkflow>({ ...args, resume: state });
      }
      break;
    }
    const next = nextDue();
    dirty = false;
    if (!next) {
      await condition(() => dirty);
      continue;
    }
    const wait = next.at - now();
    const woken = wait > 0 ? await condition(() => dirty, wait, { summary: next.summary }) : false;
    if (!woken && !dirty) {
      log.info('deadline reached', { deadline: next.name, reference: state.reference });
      await next.fire();
    }
  }
  publish();
  await condition(allHandlersFinished);
  return caseRecord(state);

  function isClosed(): boolean {
    return state.stage === 'closed';
  }

  function futureDate(value: string, field: string): void {
    const t = Date.parse(value);
    if (Number.isNaN(t)) throw new Error(`${field}: not a date-time.`);
    if (t <= now()) throw new Error(`${field}: must be in the future.`);
  }
}

/** A refusal the API can read without parsing text: the stage and what it allows travel as details. */
function notAllowed(message: string, stage: string, allowed: string[]): ApplicationFailure {
  return ApplicationFailure.create({
    message,
    type: 'ActionNotAllowed',
    nonRetryable: true,
    details: [{ stage, allowed }],
  });
}

function failureType(err: unknown): string | undefined {
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure)
    return err.cause.type ?? undefined;
  return undefined;
}

function errorMessage(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause) return err.cause.message;
  return err instanceof Error ? err.message : String(err);
}
