// The promise engine on the real engine: deadlines never wait on e-mail, actions answer at once,
// double submissions apply once, bounces change only what the bounced e-mail was for. Each test is
// a regression test for a defect of the first workflow type (issue "The promise engine").
import assert from 'node:assert/strict';
import { ComplaintAttention, ComplaintOverdue } from '../../infra/search-attributes';
import * as defs from '../../workflows/definitions';
import {
  DAY,
  HOUR,
  diagnosisIn,
  engineNow,
  eventually,
  mails,
  mailsExactly,
  policyWith,
  requestNow,
  settled,
  start,
  startDiagnosed,
  tellOutcomeByPhone,
  openTask,
  withdrawAndDocument,
  callBackOnIntake,
  view,
} from '../helpers/complaints';
import { timeSkippingSuite } from '../helpers/stack';

describe('the promise engine (time-skipping server)', function () {
  const suite = timeSkippingSuite();
  // No statutory clock here (it would add its own escalation); retries at most hourly, so the
  // time-skipping server is not kept busy by a three-day outage.
  const policy = policyWith((p) => {
    delete p.statutory;
    p.delivery.maxRetryIntervalMs = HOUR;
  });
  const outage = async (mode: number | null) => {
    const res = await fetch(`${suite.stack.sandbox.url}/sandbox/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode }),
    });
    assert.equal(res.status, 200);
  };
  const customerMails = async (caseId: string) =>
    (await mails(suite.stack, { caseId, audience: 'customer' })).map((m) => m.Metadata?.kind ?? m.Subject);

  it('Postmark down for five days: deadlines fire and escalate on time, the case is overdue, and after recovery the acknowledgement goes first with no contradictory messages', async () => {
    await outage(503);
    try {
      const c = await start(suite.stack, await requestNow(suite.stack), { policy });
      // The acknowledgement deadline (2h) passes with the e-mail still undelivered: level 1 at once.
      await suite.env.sleep(3 * HOUR);
      let v = await eventually(async () => {
        const x = await view(c.handle);
        return x.escalationLevel >= 1 ? x : undefined;
      }, 'level 1 while Postmark is down');
      assert.equal(v.clocks.acknowledgement.state, 'missed');
      assert.equal(v.overdue, true);
      assert.equal(v.stage, 'diagnosis');
      assert.ok(v.deliveries!.some((x) => x.purpose === 'acknowledgement' && x.status === 'pending'));
      const sa = (await c.handle.describe()).typedSearchAttributes.get(ComplaintOverdue);
      assert.equal(sa, true, 'operators find it among the overdue cases');

      // Level 2 24h after the first miss, level 3 at 48h: the chain's own times, one level each.
      await suite.env.sleep(24 * HOUR);
      await eventually(async () => (await view(c.handle)).escalationLevel === 2, 'level 2 on time');
      // The attempt window ran out: the delivery says which e-mail failed, to whom, and why (no address).
      const ack = (await view(c.handle)).deliveries!.find((x) => x.purpose === 'acknowledgement')!;
      assert.match(ack.detail ?? '', /^the acknowledgement e-mail to the customer: Postmark/);
      assert.ok(!(ack.detail ?? '').includes('@'));
      assert.ok(
        (await c.handle.describe()).typedSearchAttributes
          .get(ComplaintAttention)
          ?.includes('email-undelivered'),
        'operators find it among the cases needing attention',
      );
      await suite.env.sleep(24 * HOUR);
      await eventually(async () => (await view(c.handle)).escalationLevel === 3, 'level 3 on time');
      // Two days more: a second system update is decided, superseding the first (still unsent).
      await suite.env.sleep(50 * HOUR);
      v = await view(c.handle);
      assert.deepEqual(
        v.escalations.map((e) => e.level),
        [1, 2, 3],
      );
      assert.equal((await mails(suite.stack, { caseId: c.id })).length, 0, 'nothing got through');

      // Postmark is back: the acknowledgement is the first e-mail the customer gets, and of the
      // updates decided meanwhile only the newest goes out.
      await outage(null);
      await suite.env.sleep(2 * HOUR);
      await eventually(
        async () => (await view(c.handle)).deliveries!.every((x) => x.status !== 'pending'),
        'the outbox to drain',
      );
      const sent = await customerMails(c.id);
      assert.equal(sent[0], 'acknowledgement', `first customer e-mail: ${sent.join(', ')}`);
      assert.ok(
        sent.filter((k) => k === 'progressUpdate').length <= 1,
        `no burst of superseded updates: ${sent.join(', ')}`,
      );
      assert.ok(
        sent.filter((k) => k === 'diagnosisDelay').length <= 1,
        `one new time for the late diagnosis, not one per day missed: ${sent.join(', ')}`,
      );
      v = await view(c.handle);
      assert.ok(v.deliveries!.some((x) => x.purpose === 'diagnosis-delay' && x.status === 'dropped'));
      assert.ok(v.clocks.acknowledgement.metAt, 'the late acknowledgement is recorded as kept late');
      assert.ok(
        !(await c.handle.describe()).typedSearchAttributes
          .get(ComplaintAttention)
          ?.includes('email-undelivered'),
        'the attention reason cleared once the e-mails went out',
      );
      await c.handle.signal(defs.withdrawalSignal, {});
    } finally {
      await outage(null);
    }
  });

  it('an action during a Postmark outage answers at once, with the e-mail pending', async () => {
    const { c } = await startDiagnosed(suite.stack, 10 * DAY, { policy });
    await settled(c.handle);
    await outage(503);
    try {
      const started = Date.now();
      const v = await c.handle.executeUpdate(defs.progressUpdate, {
        args: [{ message: 'The courier has opened an investigation.', customerVisible: true }],
      });
      assert.ok(Date.now() - started < 5_000, 'answered without waiting for the e-mail');
      assert.equal(v.updatesSent.byOwner, 1);
      assert.ok(v.deliveries!.some((x) => x.purpose === 'progress' && x.status === 'pending'));
    } finally {
      await outage(null);
    }
    await mailsExactly(suite.stack, { caseId: c.id, kind: 'progressUpdate' }, 1);
    await c.handle.signal(defs.withdrawalSignal, {});
  });

  it('two resolutions at once (a double click): one is applied, the other refused; one letter, one survey', async () => {
    const { c } = await startDiagnosed(suite.stack, 10 * DAY, { policy });
    const resolution = {
      outcome: 'upheld' as const,
      explanation: 'The lamp was broken before it reached you.',
      apology: 'I am sorry.',
      remedy: { kind: 'replacement' as const },
    };
    const results = await Promise.allSettled([
      c.handle.executeUpdate(defs.resolutionUpdate, { args: [resolution] }),
      c.handle.executeUpdate(defs.resolutionUpdate, { args: [resolution] }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const refused = results.find((r) => r.status === 'rejected')!;
    assert.match(
      String((refused.reason as Error).cause ?? refused.reason),
      /not allowed while the case is in stage/,
    );
    await tellOutcomeByPhone(c.handle);
    await settled(c.handle);
    await mailsExactly(suite.stack, { caseId: c.id, kind: 'resolutionLetter' }, 1);
    await mailsExactly(suite.stack, { caseId: c.id, kind: 'surveyInvitation' }, 1);
    await c.handle.signal(defs.withdrawalSignal, {});
  });

  it('a hard bounce of a later e-mail leaves a timely acknowledgement met and escalates nothing', async () => {
    const { c } = await startDiagnosed(suite.stack, 10 * DAY, { policy });
    await settled(c.handle);
    await suite.env.sleep(2 * DAY);
    await settled(c.handle);
    const before = await view(c.handle);
    assert.equal(before.clocks.acknowledgement.state, 'met');
    const diagnosisMail = before.deliveries!.find((x) => x.purpose === 'diagnosis')!;
    await c.handle.signal(defs.bounceSignal, {
      email: c.email!,
      type: 'HardBounce',
      inactive: true,
      messageId: diagnosisMail.messageId,
    });
    const v = await eventually(async () => {
      const x = await view(c.handle);
      return x.customerEmailBounced ? x : undefined;
    }, 'the bounce');
    assert.equal(v.clocks.acknowledgement.state, 'met', 'the acknowledgement arrived: still met');
    assert.equal(v.escalationLevel, 0);
    assert.equal(v.overdue, false);
    const task = v.tasks.find((t) => t.purpose === 'diagnosis');
    assert.ok(task, 'the owner is asked to tell the customer the diagnosis by phone');
    await c.handle.signal(defs.withdrawalSignal, {});
  });

  it('the replacement letter after unanswered calls lists each attempt; call tasks close themselves', async () => {
    const { c } = await startDiagnosed(suite.stack, 10 * DAY, { policy });
    await c.handle.executeUpdate(defs.resolutionUpdate, {
      args: [
        {
          outcome: 'rejected',
          explanation: 'The damage happened after delivery.',
          apology: 'I am sorry this is not the answer you hoped for.',
          remedy: { kind: 'none' },
        },
      ],
    });
    const attempts: string[] = [];
    const task = await openTask(c.handle, 'resolution-call');
    for (let i = 0; i < 3; i++) {
      attempts.push(new Date(await engineNow(suite.stack)).toISOString());
      await c.handle.executeUpdate(defs.callUpdate, {
        args: [{ reached: false, note: 'No answer', taskId: task.id }],
      });
      if (i < 2) await suite.env.sleep(HOUR);
    }
    const [letter] = await mailsExactly(suite.stack, { caseId: c.id, kind: 'resolutionLetter' }, 1);
    assert.match(letter.TextBody, /We tried to call you/);
    const v = await view(c.handle);
    assert.equal(v.resolutionCall?.log?.length, 3);
    assert.ok(
      v.tasks.filter((t) => t.reason === 'resolution-call').every((t) => t.closedAt),
      'no call task stays open once the letter replaced the call',
    );
    const record = await withdrawAndDocument(suite.stack, c.handle);
    assert.ok(
      record.tasks.every((t) => t.closedAt || t.doneAt),
      'a closed case has no open task',
    );
  });

  it('a written task (the formal letter to a fax complainant) can be marked done', async () => {
    const request = await requestNow(suite.stack);
    const c = await start(suite.stack, { ...request, channel: 'fax' }, { policy });
    const v0 = await eventually(async () => {
      const x = await view(c.handle).catch(() => undefined);
      return x?.tasks.some((t) => t.purpose === 'formal-acknowledgement') ? x : undefined;
    }, 'the formal letter task');
    const task = v0.tasks.find((t) => t.purpose === 'formal-acknowledgement')!;
    const v = await c.handle.executeUpdate(defs.taskCompletionUpdate, {
      args: [{ taskId: task.id, note: 'Posted first class', by: v0.owner.id }],
    });
    const done = v.tasks.find((t) => t.id === task.id)!;
    assert.equal(done.closedAs, 'done');
    assert.equal(done.closingNote, 'Posted first class');
    await assert.rejects(
      c.handle.executeUpdate(defs.taskCompletionUpdate, { args: [{ taskId: task.id }] }),
      (err: Error) => /already closed/.test(String((err.cause as Error | undefined)?.message)),
    );
    await c.handle.signal(defs.withdrawalSignal, {});
  });

  it('a diagnosis given later than promised answers at once and keeps the late promise recorded', async () => {
    const c = await start(suite.stack, await requestNow(suite.stack), { policy });
    await callBackOnIntake(c.handle);
    await suite.env.sleep(25 * HOUR);
    await settled(c.handle);
    const v = await c.handle.executeUpdate(defs.diagnosisUpdate, {
      args: [await diagnosisIn(suite.stack, 5 * DAY)],
    });
    assert.equal(v.clocks.diagnosis.state, 'missed');
    assert.ok(v.clocks.diagnosis.metAt);
    assert.equal(v.overdue, false);
    await c.handle.signal(defs.withdrawalSignal, {});
  });
});
