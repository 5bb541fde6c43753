// The seed documents' rules (../shared/seeds, principles.md) as specs of the pure lifecycle core,
// one describe per seed rule: every promise kept as written (issue #17). Cases keep ruleset 2 here,
// the rules every new case starts on; test/unit/lifecycle-rules.test.ts has the rest of the product's
// rules and what cases begun before keep.
import { strict as assert } from 'node:assert';
import { caseView, RefusedError, type Effect } from '../../domain/lifecycle';
import { caseWordsPl } from '../../domain/messages/case-words';
import { timingsFor } from '../../domain/rules';
import { DAY, HOUR, policyWith, shippedPolicy } from '../helpers/complaints';
import { Case, T0, caseIn, iso, ms } from '../helpers/lifecycle-case';

const policy = shippedPolicy();
const normal = timingsFor('normal', policy);
const letterCustomer = {
  channel: 'letter' as const,
  customer: { postalAddress: { lines: ['ul. Długa 1', '00-001 Warszawa'] } },
};
const faxCustomer = { channel: 'fax' as const, customer: { fax: '+48 22 555 01 23' } };
const message = (e: Effect | undefined) => e?.message;

describe('seed 003: every outcome told by phone (000 "Po czwarte": not hidden behind impersonal letters)', () => {
  it('the default policy calls the customer with every outcome, the upheld one too', () => {
    for (const outcome of ['upheld', 'partially-upheld', 'rejected'] as const) {
      const c = caseIn('in-progress');
      c.resolve(outcome);
      assert.equal(c.state.stage, 'resolution-call', outcome);
      assert.equal(c.toCustomer('resolution-letter').length, 0, `${outcome}: no letter before the call`);
      const task = c.openTasks().find((t) => t.reason === 'resolution-call');
      assert.equal(task?.clock, 'resolution-call');
      assert.equal(task?.dueBy, iso(c.now + normal.resolutionCallRetryMs), 'the call has a due time');
    }
  });

  it('an e-mail customer without a phone number: the call task says none is on file and what to do', () => {
    const noPhone = caseIn('resolution-call', { customer: { phone: undefined } });
    const task = noPhone.openTasks().find((t) => t.reason === 'resolution-call')!;
    assert.match(task.note ?? '', /No phone number is on file: ask the customer for one/);
    // A Polish owner reads it in Polish (the console and the staff e-mail share the translator).
    assert.match(
      caseWordsPl(task.note ?? '', { dateTime: (at) => at }),
      /W aktach nie ma numeru telefonu: poproś klienta o numer/,
    );
    const withPhone = caseIn('resolution-call');
    const called = withPhone.openTasks().find((t) => t.reason === 'resolution-call')!;
    assert.doesNotMatch(called.note ?? '', /No phone number/);
  });

  it('a call names its task: without one it is refused, naming the open call tasks', () => {
    const c = caseIn('resolution-call');
    const task = c.openTasks().find((t) => t.reason === 'resolution-call')!;
    assert.throws(
      () => c.act('calls', { reached: true }),
      (err: unknown) =>
        err instanceof RefusedError &&
        err.refusal.kind === 'invalid' &&
        err.refusal.message.includes(task.id),
    );
    assert.equal(c.state.stage, 'resolution-call');
  });

  it('a reached call on another call task (the diagnosis told by phone) settles that task alone: the outcome still waits for its own call', () => {
    const c = new Case({ customer: { email: undefined } }); // every message is a call
    c.now += HOUR;
    c.callBack();
    c.diagnose();
    const diagnosisCall = c.openTasks().find((t) => t.purpose === 'diagnosis')!;
    c.now += HOUR;
    c.resolve('rejected');
    const outcomeCall = c.openTasks().find((t) => t.reason === 'resolution-call')!;
    c.now += HOUR;
    c.call(true, diagnosisCall.id);
    assert.ok(c.state.tasks.find((t) => t.id === diagnosisCall.id)?.closedAt, 'its own task is done');
    assert.equal(c.state.stage, 'resolution-call', 'the outcome is not told by a call about the diagnosis');
    assert.ok(!c.state.tasks.find((t) => t.id === outcomeCall.id)?.closedAt, 'the outcome’s call stays open');
    assert.equal(c.state.letterSentAt, undefined);
    assert.equal(c.state.resolutionCall?.attempts, 0);
  });

  it('an owner who has not called by the deadline: a recorded miss, an escalation, a supervisor asked — and no letter', () => {
    const c = caseIn('resolution-call');
    const due = c.now + normal.resolutionCallRetryMs;
    const level = c.state.escalationLevel;
    c.advanceTo(due);
    assert.equal(c.state.clocks['resolution-call'].state, 'missed');
    assert.equal(c.state.overdue, true);
    assert.equal(c.state.escalationLevel, level + 1, 'escalated at once (level 1 after 0 s)');
    assert.ok(c.state.escalations.at(-1)!.reason.includes('resolution-call'));
    assert.equal(c.state.pendingApproval?.kind, 'letter-without-call');
    assert.equal(c.toStaff('approval-request').length, 1);
    assert.equal(c.toCustomer('resolution-letter').length, 0, 'the letter waits');
    // Days later, still no letter: reminders to call, the chain walks up, never the letter alone.
    c.advance(5 * DAY);
    assert.equal(c.state.stage, 'resolution-call');
    assert.equal(c.toCustomer('resolution-letter').length, 0);
    assert.equal(c.toStaff('call-reminder').length, 1 + normal.resolutionCallAttempts);
    assert.equal(c.state.escalationLevel, 3);
  });

  it('the letter waits for the attempts the policy requires; unreached, the letter lists each one', () => {
    const c = caseIn('resolution-call');
    const attempts: number[] = [];
    for (let i = 0; i < normal.resolutionCallAttempts; i++) {
      assert.equal(c.toCustomer('resolution-letter').length, 0, `no letter after ${i} attempt(s)`);
      c.now += HOUR;
      attempts.push(c.now);
      c.call(false);
    }
    const letter = message(c.toCustomer('resolution-letter')[0]);
    assert.ok(letter?.kind === 'resolutionLetter');
    assert.deepEqual(letter.callAttempts, attempts.map(iso));
    assert.equal(c.state.clocks['resolution-call'].state, 'met', 'the first attempt was in time');
  });

  it('a supervisor’s decision lets the outcome go out in writing without the call; refused, the case waits for the call', () => {
    const refused = caseIn('resolution-call');
    refused.advance(normal.resolutionCallRetryMs);
    refused.act('approval', { decision: 'reject', supervisorId: 'ewa-nowak', note: 'Call them.' });
    assert.equal(refused.state.stage, 'resolution-call');
    assert.equal(refused.toCustomer('resolution-letter').length, 0);
    const approved = caseIn('resolution-call');
    approved.advance(normal.resolutionCallRetryMs);
    approved.now += HOUR;
    approved.act('approval', { decision: 'approve', supervisorId: 'ewa-nowak' });
    assert.equal(approved.toCustomer('resolution-letter').length, 1);
    assert.equal(approved.state.resolutionCall?.waivedBy, 'ewa-nowak');
    assert.equal(approved.state.stage, 'survey');
    assert.equal(approved.openTasks().filter((t) => t.reason === 'resolution-call').length, 0);
  });

  it('the outcome’s call cannot be ticked off as done: it is a call, logged on its task', () => {
    const c = caseIn('resolution-call');
    const task = c.openTasks().find((t) => t.reason === 'resolution-call')!;
    assert.throws(() => c.act('task-completion', { taskId: task.id, by: 'x' }), RefusedError);
  });
});

describe('seed 000 "Po pierwsze" (principle 1): one next-contact date everywhere', () => {
  it('the acknowledgement promises the date the case view shows — the diagnosis deadline, not the later update deadline', () => {
    const c = new Case({ autoDeliver: false });
    const ack = message(c.toCustomer('acknowledgement')[0]);
    assert.ok(ack?.kind === 'acknowledgement');
    const view = caseView(c.state, c.ctx());
    assert.equal(ack.nextContactBy, view.nextCustomerContactBy);
    assert.equal(ack.nextContactBy, iso(T0 + normal.diagnosisMs));
    assert.ok(ms(view.nextCustomerContactBy) < c.deadline('customer-update')!, 'before the 48 h update');
  });

  it('after the diagnosis it is the next update; in a follow-up, the follow-up date when it comes first', () => {
    const c = caseIn('in-progress');
    assert.equal(caseView(c.state, c.ctx()).nextCustomerContactBy, iso(c.deadline('customer-update')!));
    const f = caseIn('follow-up');
    const first = Math.min(f.deadline('customer-update')!, ms(f.state.followUp!.dueBy));
    assert.equal(caseView(f.state, f.ctx()).nextCustomerContactBy, iso(first));
    const quick = caseIn('follow-up', { policy: policyWith((p) => (p.priorities.normal.followUpMs = DAY)) });
    assert.equal(caseView(quick.state, quick.ctx()).nextCustomerContactBy, quick.state.followUp!.dueBy);
  });
});

describe('seed 000 "Po drugie": a missed 24 hours is told to the customer, with an apology and a new time', () => {
  it('no diagnosis or questions in time: at once an apology and a new time, the miss recorded, one level up', () => {
    const c = new Case();
    c.now += HOUR;
    c.callBack();
    const due = T0 + normal.diagnosisMs;
    c.advanceTo(due);
    const notice = c.toCustomer('diagnosis-delay');
    assert.equal(notice.length, 1, 'told at the deadline, not at the next 48 h update');
    const m = message(notice[0]);
    assert.ok(m?.kind === 'diagnosisDelay');
    assert.equal(m.promisedBy, iso(due));
    assert.equal(m.newContactBy, iso(due + normal.diagnosisMs));
    assert.equal(c.state.clocks.diagnosis.state, 'missed', 'the miss is on record');
    assert.equal(c.state.clocks['diagnosis-new-time'].dueAt, m.newContactBy, 'the new time is a promise too');
    assert.equal(c.state.overdue, true, 'and the case walks up the chain until the owner acts');
    assert.equal(c.state.escalationLevel, 1);
    assert.equal(caseView(c.state, c.ctx()).nextCustomerContactBy, m.newContactBy, 'the one date moves too');
  });

  it('a diagnosis by the new time keeps it; the first stays a recorded miss', () => {
    const c = new Case();
    c.now += HOUR;
    c.callBack();
    c.advanceTo(T0 + normal.diagnosisMs + HOUR);
    c.diagnose();
    assert.equal(c.state.clocks['diagnosis-new-time'].state, 'met');
    assert.equal(c.state.clocks.diagnosis.state, 'missed', 'kept late: still a recorded miss');
    assert.ok(c.state.clocks.diagnosis.metAt);
    assert.equal(c.state.overdue, false);
  });

  it('the diagnosis owed after the customer’s answer is held to the same rule', () => {
    const c = new Case();
    c.now += HOUR;
    c.callBack();
    c.ask();
    c.now += HOUR;
    c.customerWrites();
    const due = ms(c.state.clocks['diagnosis-after-answer'].dueAt);
    c.advanceTo(due);
    assert.equal(c.toCustomer('diagnosis-delay').length, 1);
    assert.equal(c.state.clocks['diagnosis-after-answer'].state, 'missed');
    assert.equal(c.state.clocks['diagnosis-new-time'].state, 'pending');
  });
});

describe('seed 003: a complaint by phone — the incoming call is the first, direct contact', () => {
  it('the call acknowledges it at receipt: no acknowledgement task, no missed 2 hours; the e-mail confirms it in writing', () => {
    const c = new Case({ channel: 'phone' });
    assert.equal(c.state.clocks.acknowledgement.state, 'met');
    assert.equal(c.state.clocks.acknowledgement.metAt, iso(T0));
    assert.equal(
      c.openTasks().length,
      0,
      'no acknowledgement call and no call back: the customer just called',
    );
    assert.equal(c.toCustomer('acknowledgement').length, 1, 'a written confirmation');
    assert.ok(c.state.timeline.some((e) => e.customerKind === 'acknowledged'));
    c.advance(normal.acknowledgementMs + HOUR);
    assert.equal(c.state.escalationLevel, 0);
  });

  it('a phone complaint without an e-mail address opens no task for its acknowledgement', () => {
    const c = new Case({ channel: 'phone', customer: { email: undefined } });
    assert.equal(c.state.clocks.acknowledgement.state, 'met');
    assert.deepEqual(c.openTasks(), []);
  });
});

describe('seed 001 §1: call back, whatever the channel — one call task, with a due time that escalates', () => {
  it('without an e-mail address one call both acknowledges and calls back: one call task, never two', () => {
    const c = new Case({ customer: { email: undefined } });
    const calls = c.openTasks().filter((t) => t.kind === 'call');
    assert.equal(calls.length, 1);
    assert.equal(calls[0].purpose, 'acknowledgement');
    assert.equal(calls[0].dueBy, c.state.clocks.acknowledgement.dueAt);
    c.now += HOUR;
    c.call(true, calls[0].id);
    assert.equal(c.state.clocks.acknowledgement.state, 'met');
    assert.equal(c.openTasks().filter((t) => t.kind === 'call').length, 0);
  });

  it('the call back is due by the diagnosis deadline and escalates when missed', () => {
    const c = new Case();
    const task = c.openTasks().find((t) => t.reason === 'callback-on-intake')!;
    assert.equal(task.dueBy, c.state.clocks.diagnosis.dueAt);
    assert.equal(task.clock, 'call-back');
    c.now += HOUR;
    c.diagnose(); // the diagnosis in time: only the call back is late
    c.advanceTo(T0 + normal.diagnosisMs);
    assert.equal(c.state.clocks['call-back'].state, 'missed');
    assert.ok(c.state.escalations.some((e) => e.reason.includes('call-back')));
  });

  it('an attempt, or marking the call done, keeps the call-back promise', () => {
    const a = new Case();
    const task = a.openTasks().find((t) => t.reason === 'callback-on-intake')!;
    a.now += HOUR;
    a.call(false, task.id);
    assert.equal(a.state.clocks['call-back'].state, 'met');
    const b = new Case();
    b.now += HOUR;
    const t2 = b.openTasks().find((t) => t.reason === 'callback-on-intake')!;
    b.act('task-completion', { taskId: t2.id, by: b.state.owner.id, note: 'Spoke to her.' });
    assert.equal(b.state.clocks['call-back'].state, 'met');
  });
});

describe('seed 003: letter and fax complainants are answered on paper', () => {
  it('every message to a letter complainant is a printable letter task carrying it — no e-mail, even to an address on file', () => {
    const c = new Case(letterCustomer);
    assert.equal(c.toCustomer().length, 0);
    const ack = c.openTasks().find((t) => t.purpose === 'acknowledgement')!;
    assert.equal(ack.kind, 'write');
    assert.equal(ack.reason, 'paper');
    assert.equal(ack.message?.kind, 'acknowledgement');
    assert.equal(ack.dueBy, c.state.clocks.acknowledgement.dueAt);
    assert.equal(
      c.openTasks().filter((t) => t.purpose === 'formal-acknowledgement').length,
      0,
      'the acknowledgement is the formal letter: one letter',
    );
    c.now += HOUR;
    c.act('task-completion', { taskId: ack.id, by: c.state.owner.id, note: 'Posted.' });
    assert.equal(c.state.clocks.acknowledgement.state, 'met');
    c.callBack();
    c.diagnose();
    const diagnosis = c.openTasks().find((t) => t.purpose === 'diagnosis');
    assert.equal(diagnosis?.kind, 'write');
    assert.equal(diagnosis?.message?.kind, 'diagnosis');
  });

  it('a fax complainant’s letters are faxed', () => {
    const c = new Case(faxCustomer);
    const ack = c.openTasks().find((t) => t.purpose === 'acknowledgement')!;
    assert.equal(ack.kind, 'write');
    assert.match(ack.note!, /faxed/);
  });

  it('the outcome: by phone first, then the written summary as a letter; the survey as a letter, or by phone when the policy says', () => {
    const c = caseIn('in-progress', letterCustomer);
    c.resolveAndCall('rejected');
    const letter = c.openTasks().find((t) => t.purpose === 'resolution-letter');
    assert.equal(letter?.kind, 'write', 'the letter is a letter, not a phone task');
    assert.equal(letter?.message?.kind, 'resolutionLetter');
    assert.equal(c.openTasks().find((t) => t.purpose === 'survey-1')?.kind, 'write');

    const byPhone = caseIn('in-progress', {
      ...letterCustomer,
      policy: policyWith((p) => (p.paper.survey = 'phone')),
    });
    byPhone.resolveAndCall('upheld');
    const survey = byPhone.openTasks().find((t) => t.purpose === 'survey-1')!;
    assert.equal(survey.kind, 'call');
    byPhone.act('survey-answer', { score: 2, stillNeedHelp: false, via: 'phone' });
    assert.equal(byPhone.state.stage, 'follow-up', 'a poor score given by phone counts like any other');
    assert.equal(byPhone.state.tasks.find((t) => t.id === survey.id)?.closedAs, 'done');
  });
});

describe('the reopen promise: "reply and I will reopen your complaint" — rule and words agree', () => {
  it('a reply to an unanswered case reopens it with the same owner and carries on with the answer', () => {
    const c = caseIn('waiting-on-customer');
    const owner = c.state.owner.id;
    c.advance(normal.customerReplyLimitMs);
    assert.equal(c.state.closing, 'no-response');
    const closure = message(c.toCustomer('no-response')[0]);
    assert.ok(closure?.kind === 'noResponseClosure');
    assert.equal(closure.reopenUntil, iso(c.now + policy.reopen.windowMs), 'the message says until when');
    c.document();
    assert.equal(c.state.stage, 'closed');
    c.now += 3 * DAY;
    c.customerWrites('Sorry, I was away. The address was Długa 1.');
    assert.equal(c.state.stage, 'diagnosis', 'back where it left off: the diagnosis, now with the answer');
    assert.equal(c.state.owner.id, owner);
    assert.equal(c.state.reopenings?.[0].closure, 'no-response');
    assert.equal(c.state.clocks['diagnosis-after-answer'].state, 'pending');
    assert.equal(c.toCustomer('reopened').length, 1);
  });

  it('after the window a reply does not reopen the case', () => {
    const c = caseIn('closed');
    c.now += policy.reopen.windowMs + HOUR;
    c.customerWrites('Hello again');
    assert.equal(c.state.stage, 'closed');
    assert.equal(c.toCustomer('reopened').length, 0);
  });

  it('a withdrawn case reopens in its stage; a case whose outcome was told reopens as a follow-up', () => {
    const w = caseIn('in-progress');
    w.apply({ type: 'withdrawal', withdrawal: {} });
    const confirmation = message(w.toCustomer('withdrawal')[0]);
    assert.ok(confirmation?.kind === 'withdrawalConfirmation' && !!confirmation.reopenUntil);
    w.now += DAY;
    w.customerWrites('I changed my mind.');
    assert.equal(w.state.stage, 'in-progress');
    assert.equal(w.state.clocks.resolution.state, 'pending');
    const r = caseIn('documentation');
    r.document();
    r.now += DAY;
    r.customerWrites('The replacement is broken too.');
    assert.equal(r.state.stage, 'follow-up');
    assert.equal(r.state.clocks['follow-up'].state, 'pending');
  });
});

describe('seed 003: vouchers — a percentage of the purchase, for a limited time, where the customer was wronged', () => {
  it('a voucher with a rejection needs a supervisor', () => {
    const c = caseIn('in-progress');
    c.resolve('rejected', { kind: 'voucher', percent: 10 });
    assert.equal(c.state.stage, 'awaiting-approval');
    assert.match(c.state.pendingApproval!.summary, /rejected outcome needs approval/);
  });

  it('the voucher gets a code from the policy’s generator, its value and its validity (the policy’s default)', () => {
    const c = caseIn('in-progress');
    c.resolveAndCall('partially-upheld', { kind: 'voucher', percent: 10 });
    const letter = message(c.toCustomer('resolution-letter')[0]);
    assert.ok(letter?.kind === 'resolutionLetter' && letter.remedy.kind === 'voucher');
    const spec = policy.compensation.voucher.code;
    assert.match(letter.remedy.code!, new RegExp(`^${spec.prefix}[${spec.alphabet}]{${spec.length}}$`));
    assert.deepEqual(letter.remedy.value, { amount: 40, currency: 'PLN' }, '10% of the 400 PLN order');
    assert.equal(letter.remedy.validityDays, policy.compensation.voucher.defaultValidityDays);
    assert.equal(letter.remedy.validUntil, iso(c.now + 90 * DAY));
    assert.equal(c.state.resolution?.voucher?.code, letter.remedy.code);
  });
});

describe('seed 004 "dokument": every settled case is documented, withdrawn and unanswered ones too', () => {
  it('a withdrawn case waits for its documentation before it closes, and the owner is reminded', () => {
    const c = caseIn('in-progress');
    c.apply({ type: 'withdrawal', withdrawal: { reason: 'found it' } });
    assert.equal(c.state.stage, 'documentation');
    assert.ok(c.openTasks().some((t) => t.purpose === 'documentation'));
    assert.equal(c.deadline('documentation-reminder'), c.now + policy.escalation.reminderIntervalMs);
    c.document();
    assert.equal(c.state.closure, 'withdrawn');
    assert.ok(c.state.documentation);
  });

  it('an unanswered case too', () => {
    const c = caseIn('waiting-on-customer');
    c.advance(normal.customerReplyLimitMs);
    assert.equal(c.state.stage, 'documentation');
    c.document();
    assert.equal(c.state.closure, 'no-response');
    assert.ok(c.state.documentation);
  });
});

describe('seed 004 "be om ursäkt": a sincere apology in the owner’s own words, not a template', () => {
  it('the diagnosis carries the owner’s apology to the customer', () => {
    const c = caseIn('diagnosis');
    c.act('diagnosis', {
      summary: 'The courier dropped the parcel.',
      probableCause: 'Depot handling',
      responsibleParty: { kind: 'third-party', name: 'FastCourier' },
      expectedResolutionBy: iso(c.now + 5 * DAY),
      apology: 'I am so sorry your lamp arrived in pieces – I know you bought it as a gift.',
    });
    const m = message(c.toCustomer('diagnosis')[0]);
    assert.ok(m?.kind === 'diagnosis');
    assert.equal(m.apology, 'I am so sorry your lamp arrived in pieces – I know you bought it as a gift.');
  });
});
