// The product's rules (shared/principles.md and the product summary) as specs of the pure lifecycle
// core: openCase / decide / deadlines, no server. Each `it` names the rule it checks. E-mails are
// "sent" by feeding the core `delivered` events, as the workflow's outbox loop does, and deadlines
// fire at their time, as the workflow's main loop does.
import { strict as assert } from 'node:assert';
import type { Stage } from '../../domain/case';
import { addClockTime } from '../../domain/clock';
import { escalationRecipients, topEscalationLevel } from '../../domain/escalation';
import { letterMessage } from '../../domain/letters';
import { RefusedError, nextDeadline, nextEffect, type DeadlineName } from '../../domain/lifecycle';
import { timingsFor } from '../../domain/rules';
import type { Language, Policy } from '../../domain/types';
import { DAY, HOUR, policyWith, shippedPolicy } from '../helpers/complaints';
import { Case, T0, caseIn, iso, ms } from '../helpers/lifecycle-case';
import { staffReaderOf } from '../../domain/staff-reader';

const policy = shippedPolicy();
const normal = timingsFor('normal', policy);
const top = topEscalationLevel(policy);

describe('lifecycle rules (shared/principles.md, the product summary)', () => {
  describe('1. acknowledge at once and personally', () => {
    it('principle 1: the first thing a new case decides is the acknowledgement, naming the owner, the reference and when the customer hears next', () => {
      const c = new Case({ autoDeliver: false });
      const first = c.decided[0]?.effect;
      assert.ok(first && first.do === 'tell-customer', 'the first effect is to the customer');
      assert.equal(first.purpose, 'acknowledgement');
      assert.equal(first.message.kind, 'acknowledgement');
      if (first.message.kind !== 'acknowledgement') return;
      assert.equal(first.message.ownerName, c.state.owner.name);
      assert.equal(first.message.reference, 'CD-2026-RULES1');
      assert.equal(first.message.nextContactBy, iso(T0 + normal.diagnosisMs));
      assert.equal(c.state.clocks.acknowledgement.dueAt, iso(T0 + normal.acknowledgementMs));
    });

    it('one owner, told at once: the owner gets a new-case e-mail with what the case is and when it is due, after the acknowledgement and without the customer’s address or phone', () => {
      const c = new Case({ autoDeliver: false, noticeOwner: true, channel: 'fax', language: 'pl' });
      const effects = c.decided.map((d) => d.effect);
      assert.equal(effects[0].purpose, 'acknowledgement', 'the customer still comes first');
      const notice = effects.find((e) => e.purpose === 'new-case');
      assert.ok(notice && notice.do === 'notify-staff', 'a staff notice');
      assert.equal(effects[effects.length - 1], notice, 'decided last (earlier effects keep their ids)');
      assert.deepEqual(notice.to, {
        name: c.state.owner.name,
        email: c.state.owner.email,
        ...staffReaderOf(c.roster, c.state.owner.email, c.policy), // in the owner's language and zone
      });
      assert.deepEqual(notice.message, {
        kind: 'newCase',
        ownerName: c.state.owner.name,
        reference: 'CD-2026-RULES1',
        customerName: 'Maria Kowalska',
        category: c.state.category,
        categoryLabels: c.policy.categories.find((x) => x.id === c.state.category)?.labels,
        priority: c.state.priority,
        channel: 'fax',
        customerLanguage: 'pl',
        receivedAt: iso(T0),
        acknowledgementDueBy: c.state.clocks.acknowledgement.dueAt,
        diagnosisDueBy: c.state.clocks.diagnosis.dueAt,
      });
      assert.ok(!JSON.stringify(notice.message).includes('maria@example.com'));
      assert.ok(!JSON.stringify(notice.message).includes('600 100 200'));
      assert.ok(c.state.deliveries.some((d) => d.purpose === 'new-case' && d.audience === 'staff'));
      // Cases started before the notice existed (the workflow's patch not taken) decide the same effects as ever.
      const old = new Case({ autoDeliver: false, channel: 'fax', language: 'pl' });
      assert.equal(
        old.decided.some((d) => d.effect.purpose === 'new-case'),
        false,
      );
      assert.deepEqual(
        old.decided.map((d) => d.effect.id),
        effects.filter((e) => e !== notice).map((e) => e.id),
      );
    });

    const owners: [Language, string, string][] = [
      ['pl', 'Paczka nie dotarła, kurier jej nie dostarczył.', 'anna-kowalska'],
      ['sv', 'Paketet har inte kommit, leveransen är sen.', 'sara-lindqvist'],
      ['et', 'Pakk ei jõudnud kohale, tarne on hiljaks jäänud.', 'kadri-tamm'],
      ['he', 'החבילה לא הגיעה, המשלוח מאוחר.', 'noa-levi'],
    ];
    for (const [language, description, owner] of owners)
      it(`principle 1 / one owner: a ${language} delivery complaint gets one named owner who speaks ${language} and handles deliveries (${owner})`, () => {
        const c = new Case({ language, subject: '-', description });
        assert.equal(c.state.category, 'delivery');
        assert.equal(c.state.owner.id, owner);
        assert.equal(c.state.ownerHistory.length, 1);
      });

    it('principle 1: the acknowledgement delivered in time keeps the acknowledgement promise', () => {
      const c = new Case();
      assert.equal(c.state.clocks.acknowledgement.state, 'met');
      assert.equal(c.performed[0].effect.purpose, 'acknowledgement');
      assert.ok(c.state.timeline.some((e) => e.customerKind === 'acknowledged'));
    });

    it('principle 1 (seed 003): a letter or fax complaint is also acknowledged with a formal letter, due within the acknowledgement time', () => {
      for (const channel of ['letter', 'fax'] as const) {
        const c = new Case({ channel });
        const task = c.openTasks().find((t) => t.purpose === 'formal-acknowledgement');
        assert.ok(task, `${channel}: a formal acknowledgement task`);
        assert.equal(task.dueBy, c.state.clocks.acknowledgement.dueAt);
      }
      assert.equal(
        new Case({ channel: 'email' }).openTasks().some((t) => t.purpose === 'formal-acknowledgement'),
        false,
      );
    });

    it('principle 1: without an e-mail address the acknowledgement is a task for the owner, and a reached call keeps it', () => {
      const c = new Case({ customer: { email: undefined } });
      assert.equal(c.toCustomer().length, 0);
      const task = c.openTasks().find((t) => t.purpose === 'acknowledgement');
      assert.ok(task);
      assert.equal(task.kind, 'call');
      assert.equal(task.reason, 'no-email');
      c.now += 30 * 60_000;
      c.act('calls', { reached: true, taskId: task.id });
      assert.equal(c.state.clocks.acknowledgement.state, 'met');
    });

    it('principle 6: the customer is called back whatever the channel (a call task at intake when there is a phone)', () => {
      const c = new Case({ channel: 'web' });
      assert.ok(c.openTasks().some((t) => t.reason === 'callback-on-intake'));
      const noPhone = new Case({ channel: 'web', customer: { phone: undefined } });
      assert.equal(
        noPhone.openTasks().some((t) => t.reason === 'callback-on-intake'),
        false,
      );
    });

    it('principle 1 + escalation: an acknowledgement not delivered in time is missed, and the case goes to level 1 at once (afterOverdue 0)', () => {
      const c = new Case({ autoDeliver: false });
      c.deliverNext('delayed'); // Postmark is down
      c.advanceTo(T0 + normal.acknowledgementMs);
      assert.equal(c.state.clocks.acknowledgement.state, 'missed');
      assert.equal(c.state.escalationLevel, 1);
      assert.equal(c.state.escalations[0].at, iso(T0 + normal.acknowledgementMs));
      assert.equal(c.state.overdue, true);
      // Postmark is back: the late acknowledgement ends the overdue, but stays a miss.
      c.now += HOUR;
      c.deliverAll();
      assert.equal(c.state.clocks.acknowledgement.state, 'missed');
      assert.ok(c.state.clocks.acknowledgement.metAt);
      assert.equal(c.state.overdue, false);
    });

    it('principle 1: a complaint recorded after the fact (a letter received earlier) keeps its clocks from receipt', () => {
      const received = T0 - 3 * HOUR;
      const c = new Case({ channel: 'letter', receivedAt: received });
      assert.equal(c.state.receivedAt, iso(received));
      assert.equal(c.state.clocks.diagnosis.dueAt, iso(received + normal.diagnosisMs));
      // Acknowledged at once, yet later than promised counting from receipt: recorded as such.
      assert.equal(c.state.clocks.acknowledgement.state, 'missed');
      assert.equal(c.state.clocks.acknowledgement.metAt, iso(T0));
    });
  });

  describe('2. within 24 hours a preliminary diagnosis or questions', () => {
    it('principle 2: a diagnosis within 24h keeps the promise, moves the work on and tells the customer the promised date', () => {
      const c = new Case();
      c.now = T0 + 5 * HOUR;
      c.diagnose(7 * DAY);
      assert.equal(c.state.stage, 'in-progress');
      assert.equal(c.state.clocks.diagnosis.state, 'met');
      const told = c.toCustomer('diagnosis');
      assert.equal(told.length, 1);
      assert.equal(told[0].message.kind, 'diagnosis');
      if (told[0].message.kind === 'diagnosis')
        assert.equal(told[0].message.expectedResolutionBy, iso(T0 + 5 * HOUR + 7 * DAY));
      assert.equal(c.state.clocks.resolution.dueAt, iso(T0 + 5 * HOUR + 7 * DAY));
    });

    it('principle 2: questions within 24h keep the promise too, and the case waits for the customer', () => {
      const c = new Case();
      c.now = T0 + 3 * HOUR;
      c.ask();
      assert.equal(c.state.stage, 'waiting-on-customer');
      assert.equal(c.state.clocks.diagnosis.state, 'met');
      assert.equal(c.toCustomer('questions').length, 1);
    });

    // Today's rule (ruleset 2) also tells the customer: test/unit/seed-rules.test.ts, seed 000 "Po drugie".
    it('cases opened before ruleset 2: without a diagnosis or questions in 24h the promise is missed, the case is overdue and goes one level up at once', () => {
      const c = new Case({ ruleset: 1 });
      c.advanceTo(T0 + normal.diagnosisMs);
      assert.equal(c.state.clocks.diagnosis.state, 'missed');
      assert.equal(c.state.clocks.diagnosis.missedAt, iso(T0 + normal.diagnosisMs));
      assert.equal(c.state.overdue, true);
      assert.deepEqual(
        c.state.escalations.map((e) => [e.level, e.at]),
        [[1, iso(T0 + normal.diagnosisMs)]],
      );
    });

    it('cases opened before ruleset 2: the late diagnosis is recorded late (still a miss) and ends the overdue', () => {
      const c = new Case({ ruleset: 1 });
      c.advanceTo(T0 + 30 * HOUR);
      c.diagnose();
      assert.equal(c.state.clocks.diagnosis.state, 'missed');
      assert.equal(c.state.clocks.diagnosis.metAt, iso(T0 + 30 * HOUR));
      assert.equal(c.state.overdue, false);
    });

    const refused: [string, (c: Case) => void, RefusedError['refusal']['kind']][] = [
      ['a diagnosis promising a past date', (c) => c.diagnose(-HOUR), 'invalid'],
      [
        'a diagnosis promising an unreadable date',
        (c) => c.act('diagnosis', { expectedResolutionBy: 'soon' }),
        'invalid',
      ],
      ['questions without a question', (c) => c.act('questions', { questions: [] }), 'invalid'],
      ['a resolution before the diagnosis', (c) => c.resolve('upheld'), 'not-allowed'],
      ['documentation before the outcome is told', (c) => c.document(), 'not-allowed'],
      [
        'an approval when nothing awaits one',
        (c) => c.act('approval', { decision: 'approve', supervisorId: 'ewa-nowak' }),
        'not-allowed',
      ],
      [
        'a reassignment to an unknown owner',
        (c) => c.act('reassignment', { ownerId: 'nobody', reason: 'x' }),
        'invalid',
      ],
    ];
    for (const [what, attempt, kind] of refused)
      it(`principle 2 (stage rules): ${what} is refused (${kind}) and changes nothing`, () => {
        const c = new Case();
        c.now += HOUR;
        const before = JSON.stringify(c.state);
        assert.throws(
          () => attempt(c),
          (err: unknown) => err instanceof RefusedError && err.refusal.kind === kind,
        );
        assert.equal(JSON.stringify(c.state), before);
      });

    it('principle 2: the customer’s answer to questions asked before any diagnosis gives the owner a fresh diagnosis time', () => {
      const c = new Case();
      c.now = T0 + 2 * HOUR;
      c.ask();
      c.now = T0 + 2 * DAY;
      c.customerWrites();
      assert.equal(c.state.stage, 'diagnosis');
      assert.equal(c.state.clocks['diagnosis-after-answer'].dueAt, iso(T0 + 2 * DAY + normal.diagnosisMs));
      assert.equal(c.deadline('diagnosis-after-answer'), T0 + 2 * DAY + normal.diagnosisMs);
    });

    it('principle 2 (pause while waiting): the promised date moves by the time spent waiting for the customer', () => {
      const c = caseIn('in-progress');
      const due = ms(c.state.clocks.resolution.dueAt);
      const asked = c.now;
      c.ask();
      assert.equal(c.deadline('resolution'), undefined, 'the resolution clock is paused');
      c.now = asked + 2 * DAY;
      c.customerWrites();
      assert.equal(c.state.stage, 'in-progress');
      assert.equal(c.state.clocks.resolution.dueAt, iso(due + 2 * DAY));
    });

    it('a deadline event counts only when its time has come (at <= now)', () => {
      const c = new Case();
      c.now = T0 + HOUR;
      const before = JSON.stringify(c.state);
      for (const name of ['diagnosis', 'customer-update', 'resolution', 'statutory'] as const)
        c.apply({ type: 'deadline', name });
      assert.equal(JSON.stringify(c.state), before);
      c.now = T0 + normal.diagnosisMs;
      c.apply({ type: 'deadline', name: 'diagnosis' });
      assert.equal(c.state.clocks.diagnosis.state, 'missed');
    });

    it('a deadline the case no longer waits for does nothing (the diagnosis deadline after the diagnosis)', () => {
      const c = caseIn('in-progress');
      c.now = T0 + 2 * normal.diagnosisMs;
      c.apply({ type: 'deadline', name: 'diagnosis' });
      assert.equal(c.state.clocks.diagnosis.state, 'met');
    });
  });

  describe('3. the customer hears from us at least every update interval, whatever the stage', () => {
    // The work stages. A resolution call retried every 2 days keeps the case in its stage past one
    // interval (the shipped 4h retries put the outcome in writing first).
    const slowCalls = policyWith((p) => (p.priorities.normal.resolutionCallRetryMs = 2 * DAY));
    // In diagnosis the promised diagnosis (24 h) comes before the 48 h update: a diagnosis due in
    // three days leaves the update interval to pass first.
    const slowDiagnosis = policyWith((p) => (p.priorities.normal.diagnosisMs = 3 * DAY));
    const updateStages: [Stage, Policy][] = [
      ['diagnosis', slowDiagnosis],
      ['in-progress', policy],
      ['awaiting-approval', policy],
      ['resolution-call', slowCalls],
      ['follow-up', policy],
    ];
    for (const [stage, stagePolicy] of updateStages)
      it(`principle 3: in ${stage}, an owner silent for the update interval gets a system update sent for them, and the miss is recorded against the owner`, () => {
        const c = caseIn(stage, { policy: stagePolicy });
        const lastContact = Math.max(
          ...c.decided.filter((x) => x.effect.do === 'tell-customer').map((x) => x.at),
        );
        const dueAt = lastContact + normal.customerUpdateIntervalMs;
        assert.equal(c.deadline('customer-update'), dueAt);
        const owner = c.state.owner.id;
        c.advanceTo(dueAt - 1);
        assert.equal(c.toCustomer('system-update').length, 0, 'not before the interval');
        c.advanceTo(dueAt);
        assert.equal(c.state.stage, stage);
        const updates = c.decided.filter(
          (x) => x.effect.do === 'tell-customer' && x.effect.purpose === 'system-update',
        );
        assert.equal(updates.length, 1);
        assert.equal(updates[0].at, dueAt);
        assert.equal(c.state.missedUpdates[owner], 1);
        assert.equal(c.state.updatesSent.bySystem, 1);
        assert.ok(c.state.timeline.some((e) => e.kind === 'update' && e.text.includes('miss recorded')));
        assert.equal(c.deadline('customer-update'), dueAt + normal.customerUpdateIntervalMs);
      });

    it('principle 3 while the case waits on the customer: every update interval a reminder of our questions (nobody’s miss), then the answer limit', () => {
      // The customer hears from us at least every interval whatever the stage; while they owe us an
      // answer, what we send is a reminder of our questions, not a progress update.
      const c = caseIn('waiting-on-customer');
      const asked = c.now;
      const every = normal.customerUpdateIntervalMs;
      assert.equal(c.deadline('customer-update'), asked + every);
      c.advanceTo(asked + normal.customerReplyLimitMs);
      const reminders = Array.from(
        { length: Math.floor((normal.customerReplyLimitMs - 1) / every) },
        (_, i) => ['questions-reminder', asked + (i + 1) * every],
      );
      assert.deepEqual(
        c.decided
          .filter((x) => x.effect.do === 'tell-customer' && x.at > asked)
          .map((x) => [x.effect.purpose, x.at]),
        [...reminders, ['no-response', asked + normal.customerReplyLimitMs]],
      );
      assert.equal(c.state.missedUpdates[c.state.owner.id] ?? 0, 0);
    });

    it('principle 3: the customer’s answer restarts the update interval when the work resumes', () => {
      const c = caseIn('waiting-on-customer', { autoDeliver: true });
      c.now += 2 * DAY;
      c.customerWrites();
      assert.equal(c.deadline('customer-update'), c.now + normal.customerUpdateIntervalMs);
    });

    for (const stage of ['survey', 'documentation', 'closed'] as Stage[])
      it(`principle 3: in ${stage} the case waits for the customer or the owner, not for a progress update`, () => {
        const c = caseIn(stage);
        assert.equal(c.deadline('customer-update'), undefined);
      });

    it('principle 3: the owner’s customer-visible progress restarts the interval; an internal note does not', () => {
      const c = caseIn('in-progress');
      const diagnosedAt = c.now;
      c.now += 20 * HOUR;
      c.act('progress', { message: 'Checked with the depot.', customerVisible: false });
      assert.equal(c.deadline('customer-update'), diagnosedAt + normal.customerUpdateIntervalMs);
      c.now += 10 * HOUR;
      c.act('progress', { message: 'The courier is searching.', customerVisible: true });
      assert.equal(c.deadline('customer-update'), c.now + normal.customerUpdateIntervalMs);
      assert.equal(c.state.updatesSent.byOwner, 1);
      assert.equal(c.toCustomer('progress').length, 1);
    });

    it('principle 3: the interval follows the priority — a safety complaint is urgent and hears from us every 12 hours', () => {
      const c = new Case({ description: 'The heater caught fire in the kitchen.' });
      assert.equal(c.state.priority, 'urgent');
      const urgent = timingsFor('urgent', policy);
      assert.equal(urgent.customerUpdateIntervalMs, 12 * HOUR);
      c.now += HOUR;
      c.diagnose(2 * DAY);
      assert.equal(c.deadline('customer-update'), c.now + 12 * HOUR);
    });

    it('principle 3: a missed promised date means a new date told to the customer, and an escalation', () => {
      const c = caseIn('in-progress');
      c.act('progress', { message: 'x', customerVisible: false });
      const promised = ms(c.state.clocks.resolution.dueAt);
      // Keep the owner talking so only the promised date is missed.
      while (c.now + DAY < promised) {
        c.now += DAY;
        c.act('progress', { message: 'Still on it.', customerVisible: true });
      }
      c.advanceTo(promised);
      const delay = c.toCustomer('delay');
      assert.equal(delay.length, 1);
      const newDate = promised + normal.customerUpdateIntervalMs;
      assert.equal(delay[0].message.kind, 'delayNotice');
      if (delay[0].message.kind === 'delayNotice') {
        assert.equal(delay[0].message.promisedBy, iso(promised));
        assert.equal(delay[0].message.newExpectedBy, iso(newDate));
      }
      assert.equal(c.state.clocks.resolution.dueAt, iso(newDate));
      assert.equal(c.state.previousClocks?.[0].state, 'missed');
      assert.deepEqual(
        c.state.escalations.map((e) => e.level),
        [1],
      );
      assert.equal(c.state.missedUpdates[c.state.owner.id] ?? 0, 0);
    });

    it('principle 3: an extension tells the customer the new date and raises one level; past the owner’s limit a supervisor approves first', () => {
      const c = caseIn('in-progress');
      const extend = (days: number) =>
        c.act('extension', {
          newExpectedBy: iso(ms(c.state.clocks.resolution.dueAt) + days * DAY),
          reason: 'Waiting for the courier.',
        });
      extend(3);
      extend(3);
      assert.equal(c.toCustomer('extension').length, 2);
      assert.deepEqual(
        c.state.escalations.map((e) => e.level),
        [1, 2],
      );
      extend(3); // the third extension: beyond maxWithoutApproval (2)
      assert.equal(c.state.pendingApproval?.kind, 'extension');
      assert.equal(c.toCustomer('extension').length, 2, 'not told before it is approved');
      assert.equal(c.state.escalationLevel, 2);
      assert.equal(c.toStaff('approval-request').length, 1);
      c.act('approval', { decision: 'approve', supervisorId: 'ewa-nowak' });
      assert.equal(c.toCustomer('extension').length, 3);
      assert.equal(c.state.escalationLevel, 3);
    });

    it('principle 3: an extension longer than the policy’s longest needs a supervisor even the first time', () => {
      const c = caseIn('in-progress');
      c.act('extension', {
        newExpectedBy: iso(ms(c.state.clocks.resolution.dueAt) + 20 * DAY),
        reason: 'Waiting for the manufacturer.',
      });
      assert.equal(c.state.pendingApproval?.kind, 'extension');
      assert.equal(c.state.escalationLevel, 0);
    });
  });

  describe('4. the outcome is told by a person; a written summary follows', () => {
    for (const outcome of ['rejected', 'partially-upheld'] as const)
      it(`principle 4: a ${outcome} outcome waits for the owner’s call — no letter before it`, () => {
        const c = caseIn('in-progress');
        c.resolve(outcome);
        assert.equal(c.state.stage, 'resolution-call');
        assert.ok(c.openTasks().some((t) => t.reason === 'resolution-call' && t.kind === 'call'));
        assert.equal(c.toCustomer('resolution-letter').length, 0);
        assert.equal(c.state.clocks.resolution.state, 'met');
      });

    it('principle 4: a reached resolution call is followed by the written summary and the survey; the call task is done', () => {
      const c = caseIn('resolution-call');
      c.now += 2 * HOUR;
      c.call(true);
      assert.equal(c.toCustomer('resolution-letter').length, 1);
      assert.equal(c.toCustomer('survey-1').length, 1);
      assert.equal(c.state.stage, 'survey');
      assert.equal(c.state.resolutionCall?.reached, true);
      assert.equal(c.openTasks().filter((t) => t.reason === 'resolution-call').length, 0);
      const letter = c.toCustomer('resolution-letter')[0].message;
      assert.ok(letter.kind === 'resolutionLetter' && letter.callAttempts === undefined);
      assert.ok(letter.kind === 'resolutionLetter' && letter.receivedAt === c.state.receivedAt);
    });

    it('principle 4: when the calls fail, the letter lists the date of each attempt', () => {
      const c = caseIn('resolution-call');
      const attempts: number[] = [];
      for (let i = 0; i < normal.resolutionCallAttempts; i++) {
        c.now += HOUR;
        attempts.push(c.now);
        c.call(false);
      }
      const letters = c.toCustomer('resolution-letter');
      assert.equal(letters.length, 1);
      const letter = letters[0].message;
      assert.ok(letter.kind === 'resolutionLetter');
      assert.deepEqual(letter.callAttempts, attempts.map(iso));
      assert.equal(c.state.resolutionCall?.gaveUp, true);
      assert.equal(c.openTasks().filter((t) => t.reason === 'resolution-call').length, 0);
    });

    // Cases opened before ruleset 2 keep the rule they started with (see test/unit/seed-rules.test.ts
    // for today's: the letter waits for a call or a supervisor, and the silent owner is a recorded miss).
    it('cases opened before ruleset 2: a silent owner is reminded to call at the retry time; after the set attempts the outcome goes out in writing and the reminders close themselves', () => {
      const c = caseIn('resolution-call', { ruleset: 1 });
      const decidedAt = c.now;
      const fired: [DeadlineName, number][] = [];
      while (c.state.stage === 'resolution-call' && fired.length < 20) {
        const name = c.fireNext();
        fired.push([name, c.now]);
      }
      const calls = fired.filter(([n]) => n === 'resolution-call').map(([, at]) => at);
      assert.deepEqual(
        calls,
        Array.from(
          { length: normal.resolutionCallAttempts },
          (_, i) => decidedAt + (i + 1) * normal.resolutionCallRetryMs,
        ),
      );
      assert.equal(c.toCustomer('resolution-letter').length, 1);
      assert.equal(c.openTasks().filter((t) => t.reason === 'resolution-call').length, 0);
      assert.ok(c.state.tasks.filter((t) => t.reason === 'resolution-call').every((t) => t.closedAs));
    });

    it('principle 4 (policy "when-not-upheld"): an upheld outcome goes out as the letter at once', () => {
      const c = caseIn('in-progress', {
        policy: policyWith((p) => (p.resolutionCall.when = 'when-not-upheld')),
      });
      c.resolve('upheld', { kind: 'refund', amount: 100, currency: 'PLN' });
      assert.equal(c.state.stage, 'survey');
      assert.equal(c.toCustomer('resolution-letter').length, 1);
    });

    it('principle 4 (seed 003, the default policy "always"): even an upheld outcome is told by phone first', () => {
      const c = caseIn('in-progress');
      c.resolve('upheld');
      assert.equal(c.state.stage, 'resolution-call');
    });

    it('compensation within policy: a remedy above the caps waits for a supervisor; approved, it is told to the customer', () => {
      const c = caseIn('awaiting-approval');
      assert.equal(c.toCustomer('resolution-letter').length, 0);
      assert.equal(c.toStaff('approval-request').length, 1);
      assert.throws(() => c.act('extension', { newExpectedBy: iso(c.now + DAY), reason: 'x' }), RefusedError);
      c.now += HOUR;
      c.act('approval', { decision: 'approve', supervisorId: 'ewa-nowak' });
      assert.equal(c.state.resolution?.approvedBy, 'ewa-nowak');
      assert.equal(c.state.stage, 'resolution-call', 'told by phone first (seed 003)');
      c.call(true);
      assert.equal(c.toCustomer('resolution-letter').length, 1);
    });

    it('compensation within policy: a rejected remedy goes back to the owner to revise', () => {
      const c = caseIn('awaiting-approval');
      c.act('approval', { decision: 'reject', note: 'too generous', supervisorId: 'ewa-nowak' });
      assert.equal(c.state.stage, 'in-progress');
      assert.equal(c.state.resolution, undefined);
      assert.equal(c.toCustomer('resolution-letter').length, 0);
      assert.ok(c.openTasks().some((t) => t.note?.includes('Revise')));
    });
  });

  describe('5. survey; a poor score or "still need help" opens a follow-up', () => {
    it('principle 5: the letter is followed by one survey invitation', () => {
      const c = caseIn('survey');
      assert.equal(c.toCustomer('survey-1').length, 1);
      const [letter, survey] = c.toCustomer().slice(-2);
      assert.equal(letter.purpose, 'resolution-letter');
      assert.equal(survey.purpose, 'survey-1');
    });

    const answers: [number, boolean, Stage][] = [
      [1, false, 'follow-up'],
      [2, false, 'follow-up'],
      [3, true, 'follow-up'],
      [5, true, 'follow-up'],
      [3, false, 'documentation'],
      [5, false, 'documentation'],
    ];
    for (const [score, stillNeedHelp, stage] of answers)
      it(`principle 5: survey ${score}/5${stillNeedHelp ? ' + still need help' : ''} → ${stage}`, () => {
        const c = caseIn('survey');
        c.now += DAY;
        c.answerSurvey(score, stillNeedHelp);
        assert.equal(c.state.stage, stage);
        if (stage === 'follow-up') {
          assert.equal(c.toCustomer('follow-up').length, 1);
          const told = c.toStaff('follow-up-opened').map((e) => e.to.name);
          assert.deepEqual(told, [c.state.owner.name, 'Ewa Nowak']);
          assert.equal(c.deadline('follow-up'), c.now + normal.followUpMs);
        }
      });

    it('principle 5: the follow-up ends with a second survey, whose poor answer does not open another follow-up', () => {
      const c = caseIn('follow-up');
      c.now += DAY;
      c.act('follow-up', { note: 'Replacement sent.' });
      assert.equal(c.state.stage, 'survey');
      assert.equal(c.toCustomer('survey-2').length, 1);
      assert.equal(c.state.clocks['follow-up'].state, 'met');
      c.answerSurvey(1, true);
      assert.equal(c.state.stage, 'documentation');
      assert.equal(c.toCustomer('follow-up').length, 1);
    });

    it('principle 5: a follow-up not done in time is missed, told to the customer with a new time, and escalates', () => {
      const c = caseIn('follow-up');
      const due = c.now + normal.followUpMs;
      c.act('progress', { message: 'Looking into it.', customerVisible: true });
      c.advanceTo(due);
      assert.equal(c.state.clocks['follow-up'].state, 'missed');
      assert.equal(c.state.clocks['follow-up-new-time'].dueAt, iso(due + normal.followUpMs));
      assert.equal(c.toCustomer('follow-up-delay').length, 1);
      assert.equal(c.state.escalationLevel, 1);
    });

    it('principle 5: an unanswered survey is reminded once, then the survey closes', () => {
      const c = caseIn('survey');
      const sent = c.now;
      c.advanceTo(sent + normal.surveyWaitMs);
      const reminders = c.decided.filter((x) => x.effect.purpose === 'survey-reminder-1');
      assert.deepEqual(
        reminders.map((x) => x.at),
        [sent + normal.surveyReminderMs],
      );
      assert.equal(c.state.stage, 'documentation');
    });

    it('principle 5: an answer outside the survey stage is not a survey answer', () => {
      const c = caseIn('in-progress');
      const before = JSON.stringify(c.state);
      c.answerSurvey(1, true);
      assert.equal(JSON.stringify(c.state), before);
    });
  });

  describe('6. documentation before close', () => {
    it('principle 6 (seed 004): a case closes only once documented; until then the owner is reminded at the reminder interval', () => {
      const c = caseIn('documentation');
      const entered = c.now;
      assert.ok(c.openTasks().some((t) => t.purpose === 'documentation'));
      c.advanceTo(entered + 3 * policy.escalation.reminderIntervalMs);
      const reminders = c.decided
        .filter((x) => x.effect.purpose === 'documentation-reminder')
        .map((x) => x.at);
      assert.deepEqual(
        reminders,
        [1, 2, 3].map((i) => entered + i * policy.escalation.reminderIntervalMs),
      );
      assert.equal(c.state.stage, 'documentation');
      c.document();
      assert.equal(c.state.stage, 'closed');
      assert.equal(c.state.closure, 'resolved');
      assert.equal(c.openTasks().length, 0);
    });

    it('principle 6: documented before the survey ends, the case closes when it ends', () => {
      const c = caseIn('survey');
      c.document();
      assert.equal(c.state.stage, 'survey');
      c.answerSurvey(4);
      assert.equal(c.state.stage, 'closed');
    });
  });

  describe('one owner from start to end, and the record names who acted', () => {
    it('a supervisor’s action on an owner’s case is recorded as theirs; the customer still hears from the owner', () => {
      const c = new Case({});
      const owner = c.state.owner.name;
      c.act('progress', { message: 'Chased the carrier.', customerVisible: true, actedBy: 'Ewa Nowak' });
      c.act('contact-details', { phone: '+48 600 100 200', actedBy: 'Ewa Nowak' });
      c.act('notes', { text: 'Owner on leave today.' });
      const [progress, recorded, note] = c.state.timeline.slice(-3);
      assert.equal(progress.kind, 'progress');
      assert.equal(progress.by, 'Ewa Nowak');
      assert.equal(recorded.kind, 'contact-details');
      assert.equal(recorded.text, "Ewa Nowak recorded the customer's phone number.");
      assert.equal(note.by, owner, 'an action without a named actor (recorded before) is the owner’s');
      const update = c.decided.map((x) => x.effect).find((e) => e.purpose === 'progress');
      assert.ok(update && update.do === 'tell-customer' && update.message.kind === 'progressUpdate');
      if (update.message.kind === 'progressUpdate') assert.equal(update.message.ownerName, owner);
    });
  });

  describe('escalation: one level at a time along the policy chain', () => {
    it('each level at its afterOverdue after the oldest unkept missed promise, never skipped, the top never passed', () => {
      const c = new Case();
      c.advanceTo(T0 + 10 * DAY);
      const missed = T0 + normal.diagnosisMs;
      assert.deepEqual(
        c.state.escalations.map((e) => [e.level, e.at]),
        policy.escalation.levels.map((l) => [l.level, iso(missed + l.afterOverdueMs)]),
      );
      assert.equal(c.state.escalationLevel, top);
    });

    it('each level notifies its own people', () => {
      const c = new Case();
      c.advanceTo(T0 + 4 * DAY);
      for (const level of [1, 2, 3]) {
        const told = c.toStaff(`escalation-${level}`).map((e) => e.to.email);
        const expected = escalationRecipients(level, c.state.owner.id, c.roster, policy).map((r) => r.email);
        assert.deepEqual(told, expected, `level ${level}`);
      }
    });

    it('at the top, an overdue case reminds the owner and the top of the chain every reminder interval', () => {
      const c = new Case();
      const missed = T0 + normal.diagnosisMs;
      const reachedTop = missed + policy.escalation.levels[top - 1].afterOverdueMs;
      const every = policy.escalation.reminderIntervalMs;
      c.advanceTo(reachedTop + 3 * every);
      const reminders = c.decided.filter((x) => x.effect.purpose === 'top-reminder');
      const times = [...new Set(reminders.map((x) => x.at))];
      assert.deepEqual(
        times,
        [1, 2, 3].map((i) => reachedTop + i * every),
      );
      const firstRound = reminders
        .filter((x) => x.at === times[0])
        .map((x) => (x.effect.do === 'notify-staff' ? x.effect.to.email : ''));
      const expected = [
        c.state.owner.email,
        ...escalationRecipients(top, c.state.owner.id, c.roster, policy).map((r) => r.email),
      ];
      assert.deepEqual(firstRound, [...new Set(expected)]);
      assert.equal(c.state.escalationLevel, top);
    });

    it('never lowered: keeping the late promise ends the overdue, not the level', () => {
      const c = new Case();
      c.advanceTo(T0 + normal.diagnosisMs + 30 * HOUR);
      assert.equal(c.state.escalationLevel, 2);
      c.callBack(); // the late call back (the promise that stayed overdue)
      c.diagnose();
      assert.equal(c.state.overdue, false);
      assert.equal(c.state.escalationLevel, 2);
      assert.equal(c.deadline('escalation'), undefined);
      assert.equal(c.deadline('top-reminder'), undefined);
    });

    it('a passed promised date while already overdue raises one level, not two', () => {
      const c = new Case();
      c.now = T0 + HOUR;
      c.callBack();
      c.diagnose(2 * DAY);
      c.now = T0 + 2 * HOUR;
      c.ask(); // the case waits on the customer; the promise stays paused...
      c.now = T0 + 3 * HOUR;
      c.customerWrites(); // ...and resumes.
      const promised = ms(c.state.clocks.resolution.dueAt);
      c.advanceTo(promised);
      assert.deepEqual(
        c.state.escalations.map((e) => e.level),
        [1],
      );
    });

    it('a promise paused while the case waits on the customer is not overdue and does not escalate', () => {
      const c = caseIn('in-progress');
      c.act('progress', { message: 'x', customerVisible: false });
      const promised = ms(c.state.clocks.resolution.dueAt);
      c.now = promised - DAY;
      c.ask(); // the resolution clock pauses (pauseWhileWaitingOnCustomer)
      c.advanceTo(promised + 2 * DAY);
      assert.equal(c.state.stage, 'waiting-on-customer');
      assert.equal(c.state.overdue, false, 'a paused promise is not late');
      assert.deepEqual(
        c.state.escalations.map((e) => e.reason),
        [],
      );
      c.customerWrites();
      assert.equal(c.state.clocks.resolution.dueAt, iso(promised + 3 * DAY));
    });

    it('a statutory breach raises one level and tells the top of the chain; the statutory clock is never paused', () => {
      const c = new Case();
      c.now += HOUR;
      c.callBack();
      c.diagnose(20 * DAY); // promises beyond the legal 14 days
      const legal = ms(c.state.statutory?.dueAt);
      assert.equal(legal, T0 + 14 * DAY);
      c.ask(); // waiting on the customer does not pause the legal clock
      assert.equal(c.deadline('statutory'), legal);
      c.customerWrites();
      // The owner keeps the customer informed, so nothing else is missed.
      while (c.now + DAY < legal) {
        c.now += DAY;
        c.act('progress', { message: 'Still on it.', customerVisible: true });
      }
      c.advanceTo(legal);
      assert.equal(
        c.toStaff('statutory-warning').length,
        1,
        'the owner was warned before the legal deadline',
      );
      assert.ok(c.state.statutory?.breachedAt);
      assert.equal(c.state.statutory?.consequence, 'deemed-accepted');
      assert.deepEqual(
        c.state.escalations.map((e) => e.level),
        [1],
      );
      assert.deepEqual(
        c.toStaff('statutory-breach').map((e) => e.to.email),
        escalationRecipients(top, c.state.owner.id, c.roster, policy).map((r) => r.email),
      );
    });

    it('each level is reached once: extensions past the top leave it at the top', () => {
      const c = caseIn('in-progress');
      for (let i = 0; i < 5; i++) {
        c.act('extension', {
          newExpectedBy: iso(ms(c.state.clocks.resolution.dueAt) + DAY),
          reason: `reason ${i}`,
        });
        if (c.state.pendingApproval) c.act('approval', { decision: 'approve', supervisorId: 'ewa-nowak' });
      }
      assert.equal(c.state.extensions.length, 5);
      assert.deepEqual(
        c.state.escalations.map((e) => e.level),
        [1, 2, 3],
      );
    });
  });

  describe('the policy clock: every policy time counts working time on a business-hours policy', () => {
    const business = shippedPolicy('business-hours');
    const t = timingsFor('normal', business);
    // Friday 15:00 in Warsaw: two working hours left in the week.
    const friday = Date.parse('2026-03-06T14:00:00.000Z');
    const working = (from: number, ms: number) => addClockTime(from, ms, business.clock);

    it('principle 4: the owner’s call with the outcome is due after the retry time in working hours, and its reminder after another', () => {
      const c = new Case({ policy: business });
      c.now = friday;
      c.callBack();
      c.diagnose(10 * DAY);
      c.resolve('rejected');
      assert.equal(c.deadline('resolution-call'), working(friday, t.resolutionCallRetryMs));
      while (c.fireNext() !== 'resolution-call');
      assert.equal(c.now, working(friday, t.resolutionCallRetryMs));
      assert.equal(c.state.stage, 'resolution-call', 'the letter waits for the call');
      assert.equal(c.deadline('resolution-call'), working(c.now, t.resolutionCallRetryMs));
    });

    it('principle 5: the survey stays open, and is reminded, in working time', () => {
      const c = new Case({ policy: business });
      c.now = friday;
      c.callBack();
      c.diagnose(10 * DAY);
      c.resolveAndCall('upheld');
      assert.equal(c.state.stage, 'survey');
      assert.equal(c.deadline('survey-reminder'), working(friday, t.surveyReminderMs));
      assert.equal(c.deadline('survey'), working(friday, t.surveyWaitMs));
    });

    it('principle 3: the update interval is working time too', () => {
      const c = new Case({ policy: business });
      c.now = friday;
      c.diagnose(10 * DAY);
      assert.equal(c.deadline('customer-update'), working(friday, t.customerUpdateIntervalMs));
    });
  });

  describe('every open case always has a next deadline', () => {
    const stages: Stage[] = [
      'diagnosis',
      'waiting-on-customer',
      'in-progress',
      'awaiting-approval',
      'resolution-call',
      'survey',
      'follow-up',
      'documentation',
    ];
    for (const stage of stages)
      it(`an open case in ${stage} waits for something`, () => {
        const c = caseIn(stage);
        assert.ok(nextDeadline(c.state, policy, c.now));
        // ...also with the policy's most relaxed settings: no statutory clock, no pause.
        const relaxed = policyWith((p) => {
          p.statutory = undefined;
          p.pauseWhileWaitingOnCustomer = true;
        });
        const r = caseIn(stage, { policy: relaxed });
        assert.ok(nextDeadline(r.state, relaxed, r.now));
      });

    it('a closed case waits for nothing', () => {
      const c = caseIn('closed');
      assert.equal(nextDeadline(c.state, policy, c.now), undefined);
    });
  });

  describe('tasks made moot close themselves; a closed case has no open task', () => {
    it('a withdrawal is confirmed to the customer and settles the case: only its documentation stays open, then it closes', () => {
      const c = new Case({
        channel: 'letter',
        customer: { postalAddress: { lines: ['ul. Długa 1', '00-001 Warszawa'] } },
      });
      assert.ok(c.openTasks().length >= 2, 'the acknowledgement letter and the call back are open');
      c.now += HOUR;
      c.apply({ type: 'withdrawal', withdrawal: { reason: 'sorted out' } });
      assert.equal(c.state.stage, 'documentation');
      assert.equal(c.state.closing, 'withdrawn');
      assert.equal(
        c.openTasks().filter((t) => t.purpose === 'withdrawal').length,
        1,
        'the confirmation letter',
      );
      assert.deepEqual(
        c
          .openTasks()
          .filter((t) => t.purpose !== 'withdrawal')
          .map((t) => t.purpose),
        ['documentation'],
      );
      assert.ok(Object.values(c.state.clocks).every((k) => k.state !== 'pending'));
      assert.throws(() => c.document(), RefusedError, 'not before the customer is told');
      const letter = c.openTasks().find((t) => t.purpose === 'withdrawal')!;
      c.act('task-completion', { taskId: letter.id, by: c.state.owner.id, note: 'Posted.' });
      c.document();
      assert.equal(c.state.stage, 'closed');
      assert.equal(c.state.closure, 'withdrawn');
      assert.equal(c.openTasks().length, 0);
    });

    it('a customer who never answers our questions is reminded, then the case closes as no-response with nothing left open', () => {
      const c = new Case();
      c.now += HOUR;
      const asked = c.now;
      c.ask();
      c.advanceTo(asked + normal.customerReplyLimitMs);
      assert.deepEqual(
        c.decided.filter((x) => x.effect.purpose === 'questions-reminder').map((x) => x.at),
        // Every update interval (48 h) before the 7-day limit.
        [1, 2, 3].map((i) => asked + i * normal.customerUpdateIntervalMs),
      );
      assert.equal(c.state.stage, 'documentation');
      assert.equal(c.state.closing, 'no-response');
      assert.equal(c.toCustomer('no-response').length, 1);
      c.document();
      assert.equal(c.state.stage, 'closed');
      assert.equal(c.state.closure, 'no-response');
      assert.equal(c.openTasks().length, 0);
    });

    it('after close (and past the reopen window) nothing new is told to the customer: a late message, survey answer or bounce only leaves a note', () => {
      const c = caseIn('closed');
      const told = c.toCustomer().length;
      c.now += policy.reopen.windowMs + DAY;
      c.customerWrites('Thanks anyway');
      c.answerSurvey(1, true);
      c.apply({ type: 'bounce', bounce: { email: 'maria@example.com', type: 'HardBounce', inactive: true } });
      c.advance(30 * DAY);
      assert.equal(c.toCustomer().length, told);
      assert.equal(c.openTasks().length, 0);
    });
  });

  describe('tasks that stand in for an e-mail close themselves once moot', () => {
    it('the questions reminder owed by phone closes itself when the customer answers', () => {
      const c = new Case({ customer: { email: undefined } });
      c.now += HOUR;
      c.ask();
      c.advance(normal.customerReplyReminderMs);
      const reminder = c.openTasks().find((t) => t.purpose === 'questions-reminder');
      assert.ok(reminder, 'the reminder is a task for the owner');
      c.now += HOUR;
      c.customerWrites();
      assert.equal(c.state.stage, 'diagnosis');
      assert.deepEqual(
        c
          .openTasks()
          .filter((t) => t.purpose === 'questions-reminder' || t.purpose === 'questions')
          .map((t) => t.note),
        [],
      );
    });

    it('a bounce of the questions e-mail after the customer answered asks nothing more of the owner about the questions', () => {
      const c = new Case();
      c.now += HOUR;
      c.ask();
      const sent = c.performed.find((p) => p.effect.purpose === 'questions')!;
      c.now += HOUR;
      c.customerWrites();
      c.apply({
        type: 'bounce',
        bounce: {
          email: 'maria@example.com',
          messageId: sent.messageId,
          type: 'HardBounce',
          inactive: false,
        },
      });
      assert.equal(c.openTasks().filter((t) => t.purpose === 'questions').length, 0);
      assert.ok(
        c.openTasks().some((t) => t.reason === 'bounced'),
        'the owner is told the address bounced',
      );
    });

    it('the survey reminder owed by phone closes itself when the survey is over', () => {
      const c = new Case({ customer: { email: undefined } });
      c.now += HOUR;
      c.diagnose();
      c.resolveAndCall('upheld');
      c.advance(normal.surveyReminderMs);
      assert.ok(c.openTasks().some((t) => t.purpose === 'survey-reminder-1'));
      c.answerSurvey(5);
      assert.deepEqual(
        c
          .openTasks()
          .filter((t) => t.purpose?.startsWith('survey'))
          .map((t) => t.note),
        [],
      );
    });
  });

  describe('a bounce matched by messageId changes only what that e-mail was for', () => {
    it('a bounced diagnosis e-mail leaves the acknowledgement kept and becomes a task to tell the diagnosis', () => {
      const c = caseIn('in-progress');
      const sent = c.performed.find((p) => p.effect.purpose === 'diagnosis');
      assert.ok(sent);
      c.now += HOUR;
      c.apply({
        type: 'bounce',
        bounce: {
          email: 'maria@example.com',
          messageId: sent.messageId,
          type: 'HardBounce',
          inactive: false,
        },
      });
      assert.equal(c.state.clocks.acknowledgement.state, 'met');
      assert.equal(c.state.clocks.diagnosis.state, 'met');
      assert.equal(c.state.deliveries.find((d) => d.id === sent.effect.id)?.status, 'failed');
      assert.equal(c.state.deliveries.find((d) => d.purpose === 'acknowledgement')?.status, 'sent');
      const task = c.openTasks().find((t) => t.purpose === 'diagnosis');
      assert.ok(task && task.kind === 'call' && task.reason === 'bounced');
      assert.equal(c.state.customerEmailBounced, true);
    });

    it('a bounced acknowledgement makes the acknowledgement owed again, as a task', () => {
      const c = new Case();
      const ack = c.performed[0];
      c.now += 30 * 60_000;
      c.apply({
        type: 'bounce',
        bounce: { email: 'MARIA@example.com', messageId: ack.messageId, type: 'HardBounce', inactive: false },
      });
      assert.equal(c.state.clocks.acknowledgement.state, 'pending');
      assert.ok(c.openTasks().some((t) => t.purpose === 'acknowledgement'));
      c.advanceTo(T0 + normal.acknowledgementMs);
      assert.equal(c.state.clocks.acknowledgement.state, 'missed');
    });

    it('the same bounce twice, or a bounce for another address, changes nothing more', () => {
      const c = caseIn('in-progress');
      const sent = c.performed.find((p) => p.effect.purpose === 'diagnosis')!;
      const bounce = {
        email: 'maria@example.com',
        messageId: sent.messageId,
        type: 'HardBounce',
        inactive: false,
      };
      c.apply({ type: 'bounce', bounce });
      const once = JSON.stringify(c.state);
      c.apply({ type: 'bounce', bounce });
      assert.equal(JSON.stringify(c.state), once);
      c.apply({ type: 'bounce', bounce: { ...bounce, email: 'someone.else@example.com' } });
      assert.equal(JSON.stringify(c.state), once);
    });

    it('after a hard bounce, customer e-mails still waiting become tasks, and later messages go to the owner as tasks', () => {
      const c = caseIn('in-progress', { autoDeliver: false });
      c.deliverAll();
      c.autoDeliver = false;
      c.act('progress', { message: 'News.', customerVisible: true }); // waiting in the outbox
      c.apply({ type: 'bounce', bounce: { email: 'maria@example.com', type: 'HardBounce', inactive: true } });
      assert.equal(c.state.outbox.filter((e) => e.do === 'tell-customer').length, 0);
      assert.ok(c.openTasks().some((t) => t.purpose === 'progress'));
      c.act('progress', { message: 'More news.', customerVisible: true });
      assert.equal(c.state.outbox.filter((e) => e.do === 'tell-customer').length, 0);
      assert.ok(c.openTasks().filter((t) => t.reason === 'bounced').length >= 2);
    });
  });

  describe('inbound e-mail is the customer’s only from the customer (issue #19)', () => {
    const mail = (text: string, from: string, address: 'current' | 'retired' = 'current', id?: string) =>
      ({
        type: 'customer-message',
        message: { text, via: 'email', from, address, messageId: id ?? `m-${text.length}-${from}` },
      }) as const;
    const customerSide = (c: Case) =>
      JSON.stringify([
        c.state.timeline.filter((e) => e.customerVisible || e.customerKind),
        c.toCustomer(),
        letterMessage(c.state as never, 'resolution'),
      ]);

    it('an e-mail from the customer’s own address (any case) is theirs: on their timeline, and it answers the questions', () => {
      const c = caseIn('waiting-on-customer');
      c.apply(mail('The address was Main Street 1.', 'MARIA@example.com'));
      assert.equal(c.state.stage, 'diagnosis', 'the answer resumes the case');
      assert.ok(
        c.state.timeline.some(
          (e) => e.customerKind === 'customer-answer' && e.customerText?.includes('Main Street'),
        ),
      );
      assert.equal(c.toStaff('customer-message').length, 1);
    });

    it('an e-mail from another address is held for the owner as unverified: never the customer’s words, in nothing the customer sees', () => {
      const c = caseIn('waiting-on-customer');
      const phishing = 'Pay the fee at http://evil.example to get your refund.';
      c.apply(mail(phishing, 'attacker@evil.example'));
      assert.equal(c.state.stage, 'waiting-on-customer', 'it answers no question');
      const notice = c.toStaff('unverified-message');
      assert.equal(notice.length, 1);
      assert.equal(notice[0].to.email, c.state.owner.email);
      assert.match(JSON.stringify(notice[0].message), /attacker@evil\.example/);
      assert.equal(c.toStaff('customer-message').length, 0, 'not announced as the customer’s');
      assert.deepEqual(
        c.state.unverifiedMessages?.map((m) => [m.from, m.reason]),
        [['attacker@evil.example', 'other-sender']],
      );
      // Then the case goes on to its outcome and letter: the phishing text is quoted nowhere.
      c.apply(mail('I gave Main Street 1.', 'maria@example.com'));
      c.diagnose();
      c.resolve('upheld');
      assert.ok(!customerSide(c).includes('evil.example'), 'nothing of it reaches the customer');
      assert.ok(!customerSide(c).includes('Pay the fee'));
      // A repeated delivery of the same mail is held once.
      c.apply(mail(phishing, 'attacker@evil.example'));
      assert.equal(c.state.unverifiedMessages?.length, 1);
    });

    it('an e-mail through a reply address the case no longer uses is held, even from the customer’s address', () => {
      const c = caseIn('waiting-on-customer');
      c.apply(mail('Answer via an old address.', 'maria@example.com', 'retired'));
      assert.equal(c.state.stage, 'waiting-on-customer');
      assert.equal(c.state.unverifiedMessages?.[0]?.reason, 'retired-address');
      assert.equal(c.toStaff('unverified-message').length, 1);
    });

    it('the owner confirms a sender: what it sent is accepted as the customer’s, and so is what it sends later', () => {
      const c = caseIn('waiting-on-customer');
      c.apply(mail('Writing from my work address: the address was Main Street 1.', 'maria.k@work.example'));
      assert.equal(c.state.stage, 'waiting-on-customer');
      assert.throws(
        () => c.act('sender-confirmation', { address: 'nobody@example.com' }),
        RefusedError,
        'only an address that wrote can be confirmed',
      );
      assert.throws(() => c.act('sender-confirmation', { address: 'maria@example.com' }), RefusedError);
      c.act('sender-confirmation', { address: 'Maria.K@work.example' });
      assert.equal(c.state.stage, 'diagnosis', 'the held answer resumes the case');
      assert.deepEqual(c.state.unverifiedMessages, []);
      assert.deepEqual(c.state.confirmedSenders, ['maria.k@work.example']);
      assert.ok(
        c.state.timeline.some(
          (e) => e.customerKind === 'customer-answer' && e.customerText?.includes('Main Street'),
        ),
      );
      c.apply(mail('And one more thing.', 'maria.k@work.example'));
      assert.ok(c.state.timeline.some((e) => e.customerText === 'And one more thing.'));
    });

    it('messages without a sender stand as before: the portal (the signed link) and signals recorded before senders were checked', () => {
      const c = caseIn('waiting-on-customer');
      c.apply({
        type: 'customer-message',
        message: { text: 'Via the status page.', via: 'portal', messageId: 'p1' },
      });
      assert.equal(c.state.stage, 'diagnosis');
      c.customerWrites('An old e-mail signal without a sender.', 'old-1');
      assert.ok(c.state.timeline.some((e) => e.customerText === 'An old e-mail signal without a sender.'));
    });
  });

  describe('the outbox', () => {
    it('an effect is performed once: a repeated outcome changes nothing', () => {
      const c = new Case({ autoDeliver: false });
      const ack = c.deliverNext('sent')!;
      const once = JSON.stringify(c.state);
      c.apply({ type: 'delivered', effectId: ack.id, outcome: 'sent', messageId: 'again' });
      assert.equal(JSON.stringify(c.state), once);
      assert.notEqual(nextEffect(c.state)?.id, ack.id);
    });

    it('a catch-up after an outage does not send a superseded "still working on it" update', () => {
      const c = caseIn('in-progress', { autoDeliver: false });
      c.deliverAll();
      c.autoDeliver = false;
      c.advance(normal.customerUpdateIntervalMs); // the system update waits in the outbox (outage)
      assert.ok(c.state.outbox.some((e) => e.purpose === 'system-update'));
      c.act('progress', { message: 'The courier found it.', customerVisible: true });
      c.deliverAll();
      const sent = c.performed.map((p) => p.effect.purpose);
      assert.ok(!sent.includes('system-update'));
      assert.ok(sent.includes('progress'));
      assert.equal(c.state.deliveries.find((d) => d.purpose === 'system-update')?.status, 'dropped');
    });
  });
});
