// The operator's view of a case as pure rules: why it needs attention (ComplaintAttention), what it
// really waits for and who must act (the Web UI's current details), and what a decision counts
// (the domain's metrics). Cases are opened and driven through the lifecycle core, no server.
import { strict as assert } from 'node:assert';
import type { ComplaintInput } from '../../domain/case';
import { categorise } from '../../domain/categorise';
import {
  decide,
  nextEffect,
  openCase,
  type CaseEvent,
  type DecisionContext,
  type LifecycleState,
} from '../../domain/lifecycle';
import { attention, defaultAttentionPolicy } from '../../domain/lifecycle/attention';
import { observe, purposeLabel } from '../../domain/lifecycle/observations';
import { describeWaiting, waitingFor } from '../../domain/lifecycle/waiting';
import { chooseOwner } from '../../domain/owner';
import { statutoryDeadline } from '../../domain/rules';
import type { Policy } from '../../domain/types';
import { DAY, HOUR, policyWith, shippedPolicy, shippedRoster } from '../helpers/complaints';

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const MIN = 60_000;
const roster = shippedRoster();

function open(policy: Policy = shippedPolicy(), now = T0): LifecycleState {
  const input: ComplaintInput = {
    complaintId: 'c-attention',
    reference: 'CD-2026-ATTN01',
    receivedAt: new Date(now).toISOString(),
    customer: { name: 'Maria Kowalska', email: 'maria@example.com', language: 'en' },
    channel: 'email',
    subject: 'Parcel late',
    description: 'The parcel has not arrived and the tracking shows nothing.',
    policy,
    roster,
  };
  const categorisation = categorise(
    { subject: input.subject, description: input.description, channel: 'email', language: 'en' },
    policy,
  );
  const choice = chooseOwner(roster, { language: 'en', category: categorisation.category }, {});
  return openCase(input, { categorisation, choice }, ctx(policy, now)).state;
}
const ctx = (policy: Policy, now: number): DecisionContext => ({ policy, roster, now });

/** Sends every e-mail in the outbox at `now`. */
function deliverAll(s: LifecycleState, policy: Policy, now: number): LifecycleState {
  for (let e = nextEffect(s); e; e = nextEffect(s))
    s = decide(
      s,
      { type: 'delivered', effectId: e.id, outcome: 'sent', messageId: `m-${e.id}` },
      ctx(policy, now),
    ).state;
  return s;
}

describe('attention: why a case needs an operator (ComplaintAttention)', () => {
  const policy = shippedPolicy();
  const limit = policy.attention.undeliveredAfterMs;

  it('shipped policies set the thresholds; the demo policy in seconds', () => {
    assert.equal(limit, 15 * MIN);
    assert.equal(policy.attention.approvalWaitingAfterMs, DAY);
    const demo = shippedPolicy('demo');
    assert.ok(demo.attention.undeliveredAfterMs <= 15_000, 'seconds-long in the demo');
    assert.ok(shippedPolicy('business-hours').attention.undeliveredAfterMs > 0);
  });

  it('an e-mail not out within attention.undeliveredAfter flags the case, and it clears once sent', () => {
    const s = open();
    assert.deepEqual(attention(s, policy, T0 + limit - 1).reasons, [], 'not yet: within the threshold');
    assert.equal(attention(s, policy, T0).changesAt, T0 + limit, 'the workflow wakes at the threshold');
    assert.deepEqual(attention(s, policy, T0 + limit).reasons, ['email-undelivered']);
    // Postmark answered "later" (an attempt window ran out): still not out, still flagged.
    const ack = nextEffect(s)!;
    const delayed = decide(
      s,
      { type: 'delivered', effectId: ack.id, outcome: 'delayed', error: 'Postmark is down' },
      ctx(policy, T0 + limit + HOUR),
    ).state;
    assert.deepEqual(attention(delayed, policy, T0 + limit + HOUR).reasons, ['email-undelivered']);
    const sent = deliverAll(delayed, policy, T0 + limit + 2 * HOUR);
    assert.deepEqual(attention(sent, policy, T0 + limit + 2 * HOUR).reasons, []);
  });

  it('a policy snapshot from before the thresholds existed uses the defaults', () => {
    const old = policyWith((p) => delete (p as Partial<Policy>).attention);
    const s = open(old);
    assert.equal(attention(s, old, T0).changesAt, T0 + defaultAttentionPolicy.undeliveredAfterMs);
  });

  it('an e-mail that failed for good flags the case while the task standing in for it is open', () => {
    const s = open();
    const ack = nextEffect(s)!;
    const failed = decide(
      s,
      {
        type: 'delivered',
        effectId: ack.id,
        outcome: 'permanent-failure',
        errorType: 'InactiveRecipient',
        error: 'inactive',
      },
      ctx(policy, T0 + MIN),
    ).state;
    const task = failed.tasks.find((t) => t.purpose === 'acknowledgement');
    assert.ok(task, 'a task stands in for the acknowledgement');
    assert.ok(attention(failed, policy, T0 + MIN).reasons.includes('email-failed'));
    const done = decide(
      deliverAll(failed, policy, T0 + MIN),
      { type: 'action', action: 'task-completion', input: { taskId: task.id, by: failed.owner.id } },
      ctx(policy, T0 + 2 * MIN),
    ).state;
    assert.ok(!attention(done, policy, T0 + 2 * MIN).reasons.includes('email-failed'));
  });

  it('a task past its due time, an approval waiting too long, a statutory deadline near or missed', () => {
    const s = deliverAll(open(), policy, T0);
    const due = T0 + 2 * HOUR;
    const withTask: LifecycleState = {
      ...s,
      tasks: [
        ...s.tasks,
        {
          id: 'T9',
          kind: 'call',
          reason: 'other',
          createdAt: new Date(T0).toISOString(),
          dueBy: new Date(due).toISOString(),
        },
      ],
    };
    assert.deepEqual(attention(withTask, policy, due - 1).reasons, []);
    assert.ok((attention(withTask, policy, T0).changesAt ?? Infinity) <= due);
    assert.deepEqual(attention(withTask, policy, due).reasons, ['task-overdue']);

    const waiting: LifecycleState = {
      ...s,
      stage: 'awaiting-approval',
      pendingApproval: { kind: 'remedy', requestedAt: new Date(T0).toISOString(), summary: 'refund 900 PLN' },
    };
    assert.deepEqual(attention(waiting, policy, T0 + DAY - 1).reasons, []);
    assert.deepEqual(attention(waiting, policy, T0 + DAY).reasons, ['approval-waiting']);

    const legal = statutoryDeadline(T0, policy)!;
    assert.deepEqual(attention(s, policy, legal.warnAtMs - 1).reasons, []);
    assert.deepEqual(attention(s, policy, legal.warnAtMs).reasons, ['statutory-at-risk']);
    const breached: LifecycleState = {
      ...s,
      clocks: { ...s.clocks, statutory: { ...s.clocks.statutory, state: 'missed', missedAt: 'x' } },
    };
    assert.deepEqual(attention(breached, policy, legal.dueMs + 1).reasons, ['statutory-breached']);
    assert.deepEqual(attention({ ...breached, stage: 'closed' }, policy, legal.dueMs + 1).reasons, []);
  });
});

describe('what the case waits for (the Web UI’s current details)', () => {
  const policy = shippedPolicy();

  it('in diagnosis: the owner’s diagnosis, by name and due time — not a background warning', () => {
    const s = deliverAll(open(), policy, T0);
    const w = waitingFor(s, policy, T0 + MIN)!;
    assert.equal(w.who, s.owner.name);
    assert.equal(w.by, Date.parse(s.clocks.diagnosis.dueAt));
    assert.equal(
      describeWaiting(w),
      `waiting for the owner’s preliminary diagnosis or questions (${s.owner.name}) by 2026-03-03 08:00:00 UTC`,
    );
  });

  it('waiting on the customer names the customer; awaiting approval names the approval', () => {
    const s = deliverAll(open(), policy, T0);
    const asked = decide(
      s,
      { type: 'action', action: 'questions', input: { questions: ['Which parcel?'] } },
      ctx(policy, T0 + MIN),
    ).state;
    assert.equal(waitingFor(asked, policy, T0 + MIN)?.who, 'the customer');
    const approval = waitingFor(
      {
        ...s,
        stage: 'awaiting-approval',
        pendingApproval: {
          kind: 'remedy',
          requestedAt: new Date(T0).toISOString(),
          summary: 'refund 900 PLN',
        },
      },
      policy,
      T0,
    )!;
    assert.equal(approval.who, 'a supervisor');
    assert.match(approval.what, /refund 900 PLN/);
    assert.equal(waitingFor({ ...s, stage: 'closed' }, policy, T0), undefined);
  });
});

describe('what a decision counts (the domain’s metrics)', () => {
  const policy = shippedPolicy();

  it('the acknowledgement sent: one e-mail sent, one promise kept', () => {
    const s = open();
    const ack = nextEffect(s)!;
    const event: CaseEvent = { type: 'delivered', effectId: ack.id, outcome: 'sent', messageId: 'm1' };
    const after = decide(s, event, ctx(policy, T0 + MIN)).state;
    assert.deepEqual(observe(s, after, event), [
      { counter: 'promises', labels: { promise: 'acknowledgement', outcome: 'kept' } },
      { counter: 'emails', labels: { purpose: 'acknowledgement', outcome: 'sent' } },
    ]);
  });

  it('a missed diagnosis deadline: a promise missed; an escalation counts its level; an action its kind', () => {
    const s = deliverAll(open(), policy, T0);
    const due = Date.parse(s.clocks.diagnosis.dueAt);
    const missed = decide(s, { type: 'deadline', name: 'diagnosis' }, ctx(policy, due)).state;
    assert.deepEqual(observe(s, missed, { type: 'deadline', name: 'diagnosis' }), [
      { counter: 'promises', labels: { promise: 'diagnosis', outcome: 'missed' } },
    ]);
    const escalated = decide(missed, { type: 'deadline', name: 'escalation' }, ctx(policy, due + DAY)).state;
    assert.ok(escalated.escalationLevel > missed.escalationLevel);
    assert.deepEqual(
      observe(missed, escalated).filter((o) => o.counter === 'escalations'),
      [{ counter: 'escalations', labels: { level: '1' } }],
    );
    const note: CaseEvent = { type: 'action', action: 'notes', input: { text: 'called the courier' } };
    const noted = decide(escalated, note, ctx(policy, due + DAY)).state;
    assert.deepEqual(observe(escalated, noted, note), [{ counter: 'actions', labels: { action: 'notes' } }]);
  });

  it('purposes become a bounded label set', () => {
    assert.equal(purposeLabel('escalation-2'), 'escalation');
    assert.equal(purposeLabel('survey-reminder-1'), 'survey-reminder');
    assert.equal(purposeLabel('acknowledgement'), 'acknowledgement');
  });
});
