// A complaint becomes a case: categorised, prioritised, given its one owner, its clocks started and
// its acknowledgement decided, all at once (the e-mail follows through the outbox).
import type { ComplaintInput } from '../case';
import type { Categorisation } from '../categorise';
import type { OwnerChoice } from '../owner';
import { formalAcknowledgementRequired, statutoryDeadline } from '../rules';
import { Draft } from './draft';
import type { DecisionContext, Decision, LifecycleState } from './model';

export function openCase(
  input: ComplaintInput,
  how: { categorisation: Categorisation; choice: OwnerChoice },
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
  // Without an address the acknowledgement becomes a task (a call, or a letter).
  d.tellCustomer('acknowledgement', {
    kind: 'acknowledgement',
    customerName: s.customer.name,
    reference: s.reference,
    ownerName: s.owner.name,
    nextContactBy: s.clocks.diagnosis.dueAt,
    receivedAt: s.receivedAt,
  });
  if (formalAcknowledgementRequired(input.channel, ctx.policy))
    d.openTask('write', 'other', 'Send the formal acknowledgement letter.', {
      dueBy: s.clocks.acknowledgement.dueAt,
      purpose: 'formal-acknowledgement',
    });
  if (ctx.policy.resolutionCall.callBackOnIntake && s.customer.phone)
    d.openTask('call', 'callback-on-intake', 'Call the customer back about the complaint.', {
      dueBy: s.clocks.diagnosis.dueAt,
    });
  return { state: d.state, effects: d.effects };
}
