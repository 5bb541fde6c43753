// Clocks: the statutory deadline warns ahead and escalates to the top when breached; a business-hours
// policy puts deadlines in working time; acknowledgements go out in the customer's own language.
import assert from 'node:assert/strict';
import { languages } from '../../domain/types';
import { topEscalationLevel } from '../../domain/escalation';
import {
  acknowledgement,
  complaintRequest,
  DAY,
  diagnoseWhenReady,
  eventually,
  mails,
  policyWith,
  shippedPolicy,
  shippedRoster,
  stageIs,
  start,
  view,
  callBackOnIntake,
} from '../helpers/complaints';
import { timeSkippingSuite } from '../helpers/stack';

describe('complaint lifecycle: clocks and languages', function () {
  const suite = timeSkippingSuite();

  it('warns the owner before the statutory deadline and escalates to the top when it passes', async () => {
    // Keep the promised date beyond the statutory 14 days, so only the statutory clock speaks.
    const policy = policyWith((p) => {
      p.priorities.normal.targetResolutionMs = 40 * DAY;
      p.priorities.normal.customerUpdateIntervalMs = 30 * DAY;
    });
    const c = await start(suite.stack, complaintRequest(), { policy });
    await callBackOnIntake(c.handle);
    await diagnoseWhenReady(suite.stack, c.handle, 35 * DAY, {
      summary: 'Waiting for the manufacturer’s report.',
      probableCause: 'Manufacturing defect',
      responsibleParty: { kind: 'third-party', name: 'LampWorks' },
    });
    const statutory = policy.statutory!;
    await suite.env.sleep(statutory.periodMs - statutory.warnBeforeMs + 60_000);
    const warning = await eventually(
      async () => (await mails(suite.stack, { caseId: c.id, kind: 'statutoryWarning' }))[0],
      'the warning',
    );
    const v1 = await view(c.handle);
    assert.equal(v1.owner.email, warning.To);
    assert.equal(v1.escalationLevel, 0, 'a warning is not an escalation');

    await suite.env.sleep(statutory.warnBeforeMs);
    const v2 = await eventually(async () => {
      const v = await view(c.handle);
      return v.statutory?.breachedAt ? v : undefined;
    }, 'the breach');
    assert.equal(v2.clocks.statutory.state, 'missed');
    assert.equal(v2.statutory!.consequence, 'deemed-accepted');
    // One level up, never a jump: the breach notices go to the top of the chain directly.
    assert.equal(v2.escalationLevel, v1.escalationLevel + 1);
    assert.ok(v2.escalationLevel <= topEscalationLevel(policy));
    assert.ok(v2.overdue);
    const breach = await eventually(async () => {
      const m = await mails(suite.stack, { caseId: c.id, kind: 'statutoryBreach' });
      return m.length ? m : undefined;
    }, 'breach notices');
    // The top of the chain includes the head of customer service.
    assert.ok(
      breach.some((m) => m.To === shippedRoster().head.email),
      'the head of customer service is told',
    );
    assert.equal(
      (await mails(suite.stack, { caseId: c.id, kind: 'statutoryWarning' })).length,
      1,
      'warned once',
    );
    await c.handle.terminate('test done');
  });

  it('with a business-hours policy, a complaint arriving Friday 17:00 gets its diagnosis deadline on the next working day', async () => {
    const policy = shippedPolicy('business-hours');
    // Friday 15 January 2027, 17:00 in Warsaw (CET, UTC+1).
    const c = await start(suite.stack, complaintRequest({ receivedAt: '2027-01-15T16:00:00.000Z' }), {
      policy,
    });
    const v = await stageIs(c.handle, 'diagnosis');
    // 8 working hours: nothing on the weekend, Monday 09:00–17:00.
    assert.equal(v.clocks.diagnosis.dueAt, '2027-01-18T16:00:00.000Z');
    assert.equal(v.policyVersion, policy.version);
    await c.handle.terminate('test done');
  });

  it('acknowledges in each of the five languages, Hebrew right to left, naming the owner and the reference', async () => {
    for (const language of languages) {
      const c = await start(
        suite.stack,
        complaintRequest({
          customer: { name: 'Customer', email: `lang-${language}-${Date.now()}@example.com`, language },
        }),
      );
      const ack = await acknowledgement(suite.stack, c.id, `${language} acknowledgement`);
      const v = await view(c.handle);
      assert.ok(v.owner.id, 'has an owner');
      assert.match(ack.Subject, new RegExp(c.reference));
      assert.ok(ack.TextBody.includes(v.owner.name), `${language}: names the owner`);
      assert.match(ack.HtmlBody, new RegExp(`lang="${language}"`));
      assert.match(ack.HtmlBody, language === 'he' ? /dir="rtl"/ : /dir="ltr"/);
      await c.handle.terminate('test done');
    }
  });
});
