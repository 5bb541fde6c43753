// A complaint becomes a case: categorised, prioritised, given its one owner, its clocks started and
// its acknowledgement decided, all at once (the e-mail follows through the outbox).
import type { ComplaintInput } from '../case';
import type { Categorisation } from '../categorise';
import type { OwnerChoice } from '../owner';
import { formalAcknowledgementRequired, statutoryDeadline } from '../rules';
import { nextContactBy, routeFor } from './contact';
import { Draft } from './draft';
import type { DecisionContext, Decision, LifecycleState, OutgoingMessage } from './model';

export function openCase(
  input: ComplaintInput,
  how: {
    categorisation: Categorisation;
    choice: OwnerChoice;
    /** Tell the owner about the new case by e-mail; false for cases started before that notice existed. */
    noticeOwner?: boolean;
    /** The rules the case keeps (2: every seed promise as written); absent for the workflow's older runs. */
    ruleset?: 2;
  },
  ctx: DecisionContext,
): Decision {
  const { category, priority, reasons } = how.categorisation;
  const owner = how.choice.owner;
  const startedAt = new Date(ctx.now).toISOString();
  const received = input.receivedAt ? Date.parse(input.receivedAt) : ctx.now;
  const receivedAt = new Date(received).toISOString();
  const blank: LifecycleState = {
    complaintId: input.complaintId,
    reference: input.reference,
    policyVersion: ctx.policy.version,
    stage: 'intake',
    receivedAt,
    startedAt,
    channel: input.channel,
    subject: input.subject,
    description: input.description,
    customer: input.customer,
    order: input.order,
    facts: input.facts,
    externalId: input.externalId,
    ...(input.senderDate ? { senderDate: input.senderDate } : {}),
    category,
    priority,
    categoryReasons: reasons,
    owner: { id: owner.id, name: owner.name, email: owner.email },
    ownerHistory: [{ ownerId: owner.id, from: startedAt, reason: how.choice.reason }],
    escalationLevel: 0,
    escalations: [],
    overdue: false,
    clocks: {},
    lastCustomerContactAt: receivedAt,
    updatesSent: { byOwner: 0, bySystem: 0 },
    missedUpdates: {},
    extensions: [],
    rejectedResolutions: [],
    surveyAnswers: [],
    tasks: [],
    timeline: [],
    customerEmailBounced: false,
    seenMessageIds: [],
    messageSeq: 0,
    continuedAsNew: 0,
    outbox: [],
    deliveries: [],
    settledEffects: 0,
    ...(how.ruleset ? { ruleset: how.ruleset } : {}),
    ...(input.files?.length
      ? { pendingFiles: [{ key: `intake-${input.complaintId}`, files: input.files }] }
      : {}),
  };
  const d = new Draft(blank, ctx);
  const s = d.state;
  const t = d.timings();
  d.startClock('acknowledgement', d.after(received, t.acknowledgementMs));
  d.startClock('diagnosis', d.after(received, t.diagnosisMs));
  d.startClock('resolution', d.after(received, t.targetResolutionMs));
  const legal = statutoryDeadline(received, ctx.policy);
  if (legal) {
    d.startClock('statutory', legal.dueMs);
    s.statutory = { dueAt: d.iso(legal.dueMs) };
  }
  s.timeline.push({
    at: receivedAt,
    kind: 'received',
    text: `Complaint received by ${input.channel}.`,
    customerVisible: true,
    customerKind: 'received',
  });
  d.note(
    'intake',
    `Category ${category}, priority ${priority} (${reasons.join('; ') || 'defaults'}); owner ${owner.name} (${how.choice.reason}).`,
  );
  s.stage = 'diagnosis';
  const acknowledgement: OutgoingMessage = {
    kind: 'acknowledgement',
    customerName: s.customer.name,
    reference: s.reference,
    ownerName: s.owner.name,
    // The one next-contact date: what the status page and the case view show from now on.
    nextContactBy: d.iso(nextContactBy(s, ctx.policy, ctx.now) ?? Date.parse(s.clocks.diagnosis.dueAt)),
    receivedAt: s.receivedAt,
  };
  if (d.ruleset === 2) acknowledgeAndCallBack(d, acknowledgement);
  else {
    // Without an address the acknowledgement becomes a task (a call, or a letter).
    d.tellCustomer('acknowledgement', acknowledgement);
    if (formalAcknowledgementRequired(input.channel, ctx.policy))
      d.openTask('write', 'other', 'Send the formal acknowledgement letter.', {
        dueBy: s.clocks.acknowledgement.dueAt,
        purpose: 'formal-acknowledgement',
      });
    if (ctx.policy.resolutionCall.callBackOnIntake && s.customer.phone)
      d.openTask('call', 'callback-on-intake', 'Call the customer back about the complaint.', {
        dueBy: s.clocks.diagnosis.dueAt,
      });
  }
  // Last, so the effects before it keep the ids they had before the notice existed.
  if (how.noticeOwner)
    d.notifyStaff('new-case', s.owner, {
      kind: 'newCase',
      ownerName: s.owner.name,
      reference: s.reference,
      customerName: s.customer.name,
      category,
      // The policy's words for it, so the notice names the category as people do.
      categoryLabels: ctx.policy.categories.find((c) => c.id === category)?.labels,
      priority,
      channel: input.channel,
      customerLanguage: s.customer.language,
      receivedAt: s.receivedAt,
      acknowledgementDueBy: s.clocks.acknowledgement.dueAt,
      diagnosisDueBy: s.clocks.diagnosis.dueAt,
    });
  return { state: d.state, effects: d.effects };
}

/**
 * Ruleset 2 (seed 003, 001 §1): a complaint taken by phone is acknowledged by that incoming call;
 * any other is acknowledged by its route (an e-mail, a printed letter for a paper complainant, a
 * call) and, where there is a phone, called back by a due time that escalates — with one call task
 * at most: when the acknowledgement itself must be a call, that call is the call back too.
 */
function acknowledgeAndCallBack(d: Draft, acknowledgement: OutgoingMessage): void {
  const s = d.state;
  const ackDue = s.clocks.acknowledgement.dueAt;
  if (s.channel === 'phone') {
    const ack = s.clocks.acknowledgement;
    ack.state = 'met';
    ack.metAt = s.receivedAt;
    s.timeline.push({
      at: s.receivedAt,
      kind: 'acknowledgement',
      text: `Acknowledged on the incoming call; ${s.owner.name} handles the complaint.`,
      customerVisible: true,
      customerKind: 'acknowledged',
    });
    // The call was the acknowledgement; an address that works still gets it in writing (the
    // reference, the owner, the status link).
    if (routeFor(s, d.policy, 'acknowledgement').by === 'email')
      d.sendEmail('acknowledgement', acknowledgement);
    return;
  }
  const task = d.tellCustomer('acknowledgement', acknowledgement, {
    dueBy: ackDue,
    clock: 'acknowledgement',
  });
  // A channel that also takes the formal letter (seed 003: fax, letter) gets it, unless the
  // acknowledgement already is that letter.
  if (formalAcknowledgementRequired(s.channel, d.policy) && task?.kind !== 'write')
    d.openTask('write', 'other', 'Send the formal acknowledgement letter.', {
      dueBy: ackDue,
      purpose: 'formal-acknowledgement',
      clock: 'acknowledgement',
      message: acknowledgement,
    });
  if (!d.policy.resolutionCall.callBackOnIntake || !s.customer.phone || task?.kind === 'call') return;
  const due = s.clocks.diagnosis.dueAt;
  d.startClock('call-back', Date.parse(due));
  d.openTask(
    'call',
    'callback-on-intake',
    'Call the customer back about the complaint: a call settles things faster than writing.',
    { dueBy: due, clock: 'call-back' },
  );
}
