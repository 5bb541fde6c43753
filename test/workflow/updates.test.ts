// Work in progress: the customer hears from us at least every 48 hours. Silence from the owner makes
// the system write and records a miss against the owner (which progress resets the interval is a rule:
// test/unit/lifecycle-rules.test.ts). Real time-skipping server, worker and Postmark sandbox.
import assert from 'node:assert/strict';
import type { WorkflowHandle } from '@temporalio/client';
import { formatDay } from '../../domain/messages/format';
import {
  DAY,
  HOUR,
  eventually,
  mails,
  mailsExactly,
  policyWith,
  settled,
  startDiagnosed,
  view,
} from '../helpers/complaints';
import { timeSkippingSuite } from '../helpers/stack';

describe('customer updates while in progress (time-skipping server)', function () {
  const suite = timeSkippingSuite();
  // A 30-day target and no statutory clock: only the update interval speaks in these scenarios.
  const policy = policyWith((p) => {
    delete p.statutory;
    p.priorities.normal.targetResolutionMs = 30 * DAY;
  });

  /** A case diagnosed now, promising an answer in 25 days. */
  async function diagnosedCase() {
    const { c, v, diagnosis } = await startDiagnosed(suite.stack, 25 * DAY, {
      policy,
      details: { summary: 'The lamp was damaged in transit; we are claiming from the courier.' },
    });
    assert.equal(v.stage, 'in-progress');
    await mailsExactly(suite.stack, { caseId: c.id, kind: 'diagnosis', audience: 'customer' }, 1);
    const promised = diagnosis.expectedResolutionBy;
    return { c, promised, diagnosedAt: Date.parse(v.diagnosis!.at), ownerId: v.owner.id };
  }

  const updates = (caseId: string) =>
    mails(suite.stack, { caseId, kind: 'progressUpdate', audience: 'customer' });
  const systemUpdateTimes = async (handle: WorkflowHandle) =>
    (await view(handle)).timeline.filter((e) => e.kind === 'update').map((e) => Date.parse(e.at));

  it('ten silent days: exactly 5 system updates, one every 48 hours, and 5 misses for the owner', async () => {
    const { c, promised, diagnosedAt, ownerId } = await diagnosedCase();

    await suite.env.sleep(48 * HOUR - 10 * 60_000);
    await settled(c.handle);
    assert.equal((await updates(c.id)).length, 0, 'nothing before 48 hours');

    await suite.env.sleep(10 * DAY - 48 * HOUR + 10 * 60_000 + HOUR);
    await eventually(async () => (await view(c.handle)).updatesSent.bySystem >= 5, '5 system updates');
    await settled(c.handle);
    const sent = await mailsExactly(
      suite.stack,
      { caseId: c.id, kind: 'progressUpdate', audience: 'customer' },
      5,
    );
    for (const m of sent) {
      assert.equal(m.To, c.email);
      assert.match(m.TextBody, /still working on your complaint/);
      assert.ok(m.TextBody.includes(formatDay(promised, 'en', 'Europe/London')), 'names the expected date');
    }
    const v = await view(c.handle);
    assert.equal(v.updatesSent.bySystem, 5);
    assert.equal(v.updatesSent.byOwner, 0);
    assert.deepEqual(v.missedUpdates, { [ownerId]: 5 });
    // One every 48 hours from the diagnosis e-mail (plus the moment each e-mail takes to send).
    const times = [diagnosedAt, ...(await systemUpdateTimes(c.handle))];
    assert.equal(times.length, 6);
    for (let i = 1; i < times.length; i++) {
      const gap = times[i] - times[i - 1];
      assert.ok(
        gap >= 48 * HOUR && gap < 48 * HOUR + 60_000,
        `update ${i} came ${gap / HOUR}h after the last`,
      );
    }
    assert.equal(v.stage, 'in-progress');
    assert.equal(v.escalationLevel, 0, 'a missed update is recorded, not escalated');
  });
});
