// The promised date: one that passes without a resolution tells the customer about the delay and
// escalates (what an extension does is a rule: test/unit/lifecycle-rules.test.ts).
// Real time-skipping server, worker and Postmark sandbox.
import assert from 'node:assert/strict';
import { escalationRecipients } from '../../domain/escalation';
import { formatDay } from '../../domain/messages/format';
import * as defs from '../../workflows/definitions';
import {
  DAY,
  HOUR,
  engineNow,
  escalationMails,
  eventually,
  isoAt,
  mails,
  mailsExactly,
  policyWith,
  settled,
  shippedRoster,
  startDiagnosed,
  view,
} from '../helpers/complaints';
import { timeSkippingSuite } from '../helpers/stack';

const day = (iso: string) => formatDay(iso, 'en', 'Europe/London');

describe('extensions and the promised date (time-skipping server)', function () {
  const suite = timeSkippingSuite();
  // The statutory clock would escalate to the top on its own: keep it out of these scenarios.
  const policy = policyWith((p) => {
    delete p.statutory;
  });
  const roster = shippedRoster();

  async function diagnosedCase(promiseInMs: number) {
    const { c, v, diagnosis } = await startDiagnosed(suite.stack, promiseInMs, { policy, roster });
    assert.equal(v.stage, 'in-progress');
    return { c, promised: diagnosis.expectedResolutionBy, owner: v.owner };
  }

  it('a promised date that passes without a resolution sends a delay notice and escalates', async () => {
    const { c, promised, owner } = await diagnosedCase(3 * DAY);

    await suite.env.sleep(3 * DAY - 10 * 60_000);
    await settled(c.handle);
    assert.equal((await mails(suite.stack, { caseId: c.id, kind: 'delayNotice' })).length, 0);
    assert.equal((await view(c.handle)).escalationLevel, 0);

    await suite.env.sleep(20 * 60_000);
    await eventually(async () => ((await view(c.handle)).previousClocks ?? []).length === 1, 'the miss');
    const [delay] = await mailsExactly(
      suite.stack,
      { caseId: c.id, kind: 'delayNotice', audience: 'customer' },
      1,
    );
    assert.equal(delay.To, c.email);
    assert.ok(delay.TextBody.includes(day(promised)), 'the notice names the date we missed');
    let v = await view(c.handle);
    assert.equal(v.escalationLevel, 1);
    assert.ok(v.timeline.some((e) => e.kind === 'delay' && e.customerVisible));
    await settled(c.handle);
    const expected = escalationRecipients(1, owner.id, roster, policy).map((r) => r.email);
    assert.deepEqual(
      (await escalationMails(suite.stack, c.id, 1)).map((m) => m.To).sort(),
      [...expected].sort(),
    );

    // The customer was told a new date (one update interval on), never a date already past.
    assert.equal(v.previousClocks?.[0].dueAt, promised);
    const given = v.clocks.resolution.dueAt;
    assert.ok(Date.parse(given) > Date.parse(promised));
    assert.ok(delay.TextBody.includes(day(given)), 'the notice names the new date');

    // That date passes too: a second notice with a newer date, and one more level (not a jump).
    await suite.env.sleep(2 * DAY + HOUR);
    await settled(c.handle);
    const notices = await mailsExactly(suite.stack, { caseId: c.id, kind: 'delayNotice' }, 2);
    v = await view(c.handle);
    assert.equal(v.escalationLevel, 2);
    assert.ok(Date.parse(v.clocks.resolution.dueAt) > Date.parse(given));
    assert.ok(notices[1].TextBody.includes(day(v.clocks.resolution.dueAt)));

    // A new date from the owner: the customer hears it, the case is no longer overdue.
    const newDate = isoAt((await engineNow(suite.stack)) + 7 * DAY);
    v = await c.handle.executeUpdate(defs.extensionUpdate, {
      args: [{ newExpectedBy: newDate, reason: 'The courier has finally sent its report.' }],
    });
    assert.equal(v.overdue, false);
    assert.equal(v.escalationLevel, 3, 'every extension escalates one level');
    assert.equal(v.clocks.resolution.state, 'pending');
    const [notice] = await mailsExactly(suite.stack, { caseId: c.id, kind: 'extensionNotice' }, 1);
    assert.ok(notice.TextBody.includes(day(newDate)));
  });
});
