// Questions instead of a diagnosis: the customer is asked, reminded, and either answers (the case
// resumes) or does not (the case closes as "no response"). Real time-skipping server, worker, sandbox.
import assert from 'node:assert/strict';
import * as defs from '../../workflows/definitions';
import {
  closedRecord,
  DAY,
  HOUR,
  acknowledgedCase,
  eventually,
  mails,
  mailsExactly,
  settled,
  stageIs,
  view,
} from '../helpers/complaints';
import { timeSkippingSuite } from '../helpers/stack';

describe('questions to the customer (time-skipping server)', function () {
  const suite = timeSkippingSuite();
  const questions = ['On which day did the parcel arrive?', 'Could you send us a photo of the box?'];

  async function startAndAsk() {
    const c = await acknowledgedCase(suite.stack);
    const before = await view(c.handle);
    await suite.env.sleep(3 * HOUR);
    const v = await c.handle.executeUpdate(defs.questionsUpdate, { args: [{ questions }] });
    return { c, before, v };
  }

  it('asks, reminds after 48 hours (the update interval), and resumes the diagnosis when the customer answers', async () => {
    {
      const { c, before, v } = await startAndAsk();
      // Questions meet the diagnosis clock and put the case on the customer.
      assert.equal(v.stage, 'waiting-on-customer');
      assert.equal(v.clocks.diagnosis.state, 'met');
      assert.equal(v.overdue, false);
      const [asked] = await mailsExactly(
        suite.stack,
        { caseId: c.id, kind: 'questions', audience: 'customer' },
        1,
      );
      assert.equal(asked.To, c.email);
      for (const q of questions) assert.ok(asked.TextBody.includes(q), `the e-mail asks "${q}"`);

      // Nothing before 48 hours; then the reminder, once, repeating the questions (the customer hears
      // from us every update interval, and while they owe us an answer that is what we send).
      await suite.env.sleep(2 * DAY - 10 * 60_000);
      await settled(c.handle);
      assert.equal((await mails(suite.stack, { caseId: c.id, kind: 'questionsReminder' })).length, 0);
      await suite.env.sleep(20 * 60_000);
      const [reminder] = await mailsExactly(suite.stack, { caseId: c.id, kind: 'questionsReminder' }, 1);
      assert.equal(reminder.To, c.email);
      for (const q of questions) assert.ok(reminder.TextBody.includes(q));
      assert.ok((await view(c.handle)).questions?.reminderSentAt, 'the reminder is recorded');
      // Still waiting: the diagnosis deadline does not run while the customer has our questions.
      assert.equal((await view(c.handle)).escalationLevel, 0);

      // The customer answers (delivered twice, as an inbound webhook may be): the owner hears once.
      const answer = { text: 'It came on Monday; photo attached.', via: 'email' as const, messageId: 'pm-1' };
      await c.handle.signal(defs.customerMessageSignal, answer);
      await c.handle.signal(defs.customerMessageSignal, answer);
      const resumed = await stageIs(c.handle, 'diagnosis');
      const [notice] = await mailsExactly(
        suite.stack,
        { caseId: c.id, kind: 'customerMessageNotice', audience: 'staff' },
        1,
      );
      assert.equal(notice.To, resumed.owner.email);
      assert.ok(notice.TextBody.includes(answer.text), 'the owner sees what the customer wrote');
      assert.ok(resumed.questions?.answeredAt);
      assert.ok(resumed.timeline.some((e) => e.kind === 'customer-message' && e.text === answer.text));
      // A fresh diagnosis deadline runs from the answer.
      const again = resumed.clocks['diagnosis-after-answer'];
      assert.equal(again?.state, 'pending');
      assert.equal(Date.parse(again.dueAt) - Date.parse(resumed.questions.answeredAt), 24 * HOUR);
      // The waiting time did not count against the resolution target (the default policy pauses it).
      const waited = Date.parse(resumed.questions.answeredAt) - Date.parse(resumed.questions.at);
      assert.equal(
        Date.parse(resumed.clocks.resolution.dueAt) - Date.parse(before.clocks.resolution.dueAt),
        waited,
      );

      // The owner diagnoses; the old answer limit (7 days after asking) passes without a closure.
      const promised = Date.parse(resumed.clocks.resolution.dueAt);
      await c.handle.executeUpdate(defs.diagnosisUpdate, {
        args: [
          {
            summary: 'The courier crushed the parcel.',
            probableCause: 'Depot handling',
            responsibleParty: { kind: 'third-party', name: 'FastCourier' },
            expectedResolutionBy: new Date(promised).toISOString(),
          },
        ],
      });
      await suite.env.sleep(5 * DAY);
      await settled(c.handle);
      const later = await view(c.handle);
      assert.equal(later.stage, 'in-progress');
      assert.equal(later.clocks['diagnosis-after-answer'].state, 'met');
      assert.equal((await mails(suite.stack, { caseId: c.id, kind: 'noResponseClosure' })).length, 0);
      assert.equal((await mails(suite.stack, { caseId: c.id, kind: 'questionsReminder' })).length, 1);
    }
  });

  it('questions during work in progress: the answer resumes the work with a fresh update interval', async () => {
    const c = await acknowledgedCase(suite.stack);
    const diagnosed = await c.handle.executeUpdate(defs.diagnosisUpdate, {
      args: [
        {
          summary: 'The lamp was damaged in transit.',
          probableCause: 'Depot handling',
          responsibleParty: { kind: 'third-party', name: 'FastCourier' },
          // The policy's 14-day target, as promised at intake.
          expectedResolutionBy: (await view(c.handle)).clocks.resolution.dueAt,
        },
      ],
    });
    assert.equal(diagnosed.stage, 'in-progress');
    await suite.env.sleep(HOUR);
    let v = await c.handle.executeUpdate(defs.questionsUpdate, { args: [{ questions }] });
    assert.equal(v.stage, 'waiting-on-customer');
    assert.equal(v.resumeStage, 'in-progress');

    // The customer takes five days (a reminder every 48 hours); nothing else is sent meanwhile.
    await suite.env.sleep(5 * DAY);
    await settled(c.handle);
    await mailsExactly(suite.stack, { caseId: c.id, kind: 'questionsReminder' }, 2);
    assert.equal((await mails(suite.stack, { caseId: c.id, kind: 'progressUpdate' })).length, 0);

    await c.handle.signal(defs.customerMessageSignal, { text: 'Monday; photo attached.', via: 'portal' });
    v = await stageIs(c.handle, 'in-progress');
    const answeredAt = Date.parse(v.questions!.answeredAt!);
    await mailsExactly(suite.stack, { caseId: c.id, kind: 'customerMessageNotice' }, 1);
    // The customer just wrote to us: no automatic "still working on it" in reply, and no miss for the
    // owner, who could not have written while we waited for the answer.
    await settled(c.handle);
    v = await view(c.handle);
    assert.equal(
      (await mails(suite.stack, { caseId: c.id, kind: 'progressUpdate' })).length,
      0,
      'no system update right after the customer’s answer',
    );
    assert.deepEqual(v.missedUpdates, {});

    // The owner has a whole interval from the answer; then the system writes.
    await suite.env.sleep(47 * HOUR);
    await settled(c.handle);
    assert.equal((await mails(suite.stack, { caseId: c.id, kind: 'progressUpdate' })).length, 0);
    await suite.env.sleep(2 * HOUR);
    await eventually(async () => (await view(c.handle)).updatesSent.bySystem === 1, 'a system update');
    const [update] = await mailsExactly(suite.stack, { caseId: c.id, kind: 'progressUpdate' }, 1);
    assert.equal(update.To, c.email);
    const sentAt = Date.parse((await view(c.handle)).lastCustomerContactAt);
    assert.ok(sentAt - answeredAt >= 48 * HOUR);
  });

  it('closes the case as "no response" when nobody answers within 7 days', async () => {
    {
      const { c, v } = await startAndAsk();
      const askedAt = Date.parse(v.questions!.at);
      await mailsExactly(suite.stack, { caseId: c.id, kind: 'questions', audience: 'customer' }, 1);

      // The customer hears from us every 48 hours while we wait: a reminder of our questions each time.
      await suite.env.sleep(2 * DAY + 10 * 60_000);
      await mailsExactly(suite.stack, { caseId: c.id, kind: 'questionsReminder', audience: 'customer' }, 1);
      await suite.env.sleep(DAY);

      // One minute short of the limit the case is still open.
      await suite.env.sleep(4 * DAY - 20 * 60_000);
      await settled(c.handle);
      assert.equal((await view(c.handle)).stage, 'waiting-on-customer');
      assert.equal((await mails(suite.stack, { caseId: c.id, kind: 'noResponseClosure' })).length, 0);

      await suite.env.sleep(20 * 60_000);
      // Settled at the limit (plus the moment it takes to decide the notice): the customer is told it
      // is closed, and the case waits for its documentation (seed 004: unanswered cases too).
      const settledCase = await stageIs(c.handle, 'documentation');
      assert.equal(settledCase.closing, 'no-response');
      const settledAfter = Date.parse(settledCase.timeline.at(-1)!.at) - askedAt;
      assert.ok(
        settledAfter >= 7 * DAY && settledAfter < 7 * DAY + 60_000,
        `settled after ${settledAfter} ms`,
      );
      await c.handle.executeUpdate(defs.documentationUpdate, {
        args: [
          {
            rootCause: 'The customer did not answer our questions.',
            contributingFactors: [],
            responsibleParty: 'unknown',
            correctiveAction: 'None',
            preventiveAction: 'Ask fewer, clearer questions',
          },
        ],
      });
      const record = await closedRecord(suite.stack, c.handle);
      assert.equal(record.stage, 'closed');
      assert.equal(record.closure, 'no-response');
      assert.ok(record.documentation, 'documented');
      const [closure] = await mailsExactly(
        suite.stack,
        { caseId: c.id, kind: 'noResponseClosure', audience: 'customer' },
        1,
      );
      assert.equal(closure.To, c.email);
      assert.ok(closure.TextBody.includes(c.reference), 'the notice quotes the reference');
      // The customer's whole story: acknowledgement, questions, a reminder every 48 hours, closure.
      const toCustomer = await mails(suite.stack, { caseId: c.id, audience: 'customer' });
      assert.deepEqual(
        toCustomer.map((m) => m.Metadata.kind),
        [
          'acknowledgement',
          'questions',
          'questionsReminder',
          'questionsReminder',
          'questionsReminder',
          'noResponseClosure',
        ],
      );
      assert.deepEqual(record.missedUpdates, {}, 'waiting on the customer is nobody’s miss');
      // Nobody was escalated to: answering with questions met the diagnosis clock.
      assert.equal((await mails(suite.stack, { caseId: c.id, kind: 'escalation' })).length, 0);
      assert.ok(record.clocksMet.includes('diagnosis'));
    }
  });
});
