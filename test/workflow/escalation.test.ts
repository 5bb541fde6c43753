// A missed diagnosis climbs the escalation chain one level at a time, each level exactly once, and
// the right people are e-mailed at each level (real time-skipping server, worker and sandbox).
import assert from 'node:assert/strict';
import { escalationRecipients } from '../../domain/escalation';
import {
  DAY,
  HOUR,
  acknowledgedCase,
  escalationMails,
  eventually,
  mails,
  policyWith,
  settled,
  shippedRoster,
  view,
} from '../helpers/complaints';
import { timeSkippingSuite } from '../helpers/stack';

describe('escalation: a missed diagnosis (time-skipping server)', function () {
  const suite = timeSkippingSuite();
  // The statutory clock would escalate to the top on its own: keep it out of this scenario.
  const policy = policyWith((p) => {
    delete p.statutory;
  });
  const roster = shippedRoster();

  it('escalates once per level: team lead at 24h, supervisor 24h overdue, head 48h overdue, then nothing more', async () => {
    {
      const c = await acknowledgedCase(suite.stack, { policy, roster });
      const before = await view(c.handle);
      assert.equal(before.stage, 'diagnosis');
      assert.equal(before.escalationLevel, 0);
      const diagnosisDue = Date.parse(before.clocks.diagnosis.dueAt);
      assert.equal(diagnosisDue - Date.parse(before.receivedAt), 24 * HOUR);

      const escalationMailsAt = (level: number) => escalationMails(suite.stack, c.id, level);
      const expectLevel = async (level: number) => {
        await settled(c.handle);
        const expected = escalationRecipients(level, before.owner.id, roster, policy).map((r) => r.email);
        await eventually(
          async () => (await escalationMailsAt(level)).length >= expected.length,
          `level ${level} e-mails`,
        );
        const sent = await escalationMailsAt(level);
        assert.deepEqual(sent.map((m) => m.To).sort(), [...expected].sort(), `level ${level} recipients`);
        return sent;
      };

      // Just before the deadline: nothing yet.
      await suite.env.sleep(24 * HOUR - 10 * 60_000);
      await settled(c.handle);
      let v = await view(c.handle);
      assert.equal(v.escalationLevel, 0);
      assert.equal(v.overdue, false);
      assert.equal(v.clocks.diagnosis.state, 'pending');
      assert.equal((await mails(suite.stack, { caseId: c.id, kind: 'escalation' })).length, 0);

      // 24h without a diagnosis: level 1, the owner and the team lead are told.
      await suite.env.sleep(20 * 60_000);
      await eventually(async () => (await view(c.handle)).escalationLevel === 1, 'level 1');
      const level1 = await expectLevel(1);
      const lead = roster.teamLeads.find(
        (l) => l.id === roster.owners.find((o) => o.id === before.owner.id)!.teamLead,
      )!;
      assert.ok(
        level1.some((m) => m.To === lead.email),
        'the team lead is e-mailed at level 1',
      );
      v = await view(c.handle);
      assert.equal(v.overdue, true);
      assert.equal(v.clocks.diagnosis.state, 'missed');
      assert.equal(v.escalations.length, 1);
      assert.equal(v.escalations[0].level, 1);

      // Not yet 24h overdue: still level 1.
      await suite.env.sleep(23 * HOUR);
      await settled(c.handle);
      assert.equal((await view(c.handle)).escalationLevel, 1);

      // 24h overdue: level 2 (the supervisor joins).
      await suite.env.sleep(2 * HOUR);
      await eventually(async () => (await view(c.handle)).escalationLevel === 2, 'level 2');
      await expectLevel(2);

      // Not yet 48h overdue: still level 2.
      await suite.env.sleep(22 * HOUR);
      await settled(c.handle);
      assert.equal((await view(c.handle)).escalationLevel, 2);

      // 48h overdue: level 3, the top of the chain.
      await suite.env.sleep(2 * HOUR);
      await eventually(async () => (await view(c.handle)).escalationLevel === 3, 'level 3');
      await expectLevel(3);

      // However long the case now sits, nobody is escalated to again; instead the owner and the top
      // of the chain are reminded every reminder interval, and the customer keeps hearing from us.
      await suite.env.sleep(3 * DAY);
      await settled(c.handle);
      v = await view(c.handle);
      assert.equal(v.escalationLevel, 3);
      assert.deepEqual(
        v.escalations.map((e) => e.level),
        [1, 2, 3],
      );
      assert.equal(v.stage, 'diagnosis');
      assert.ok(v.nextDeadline, 'an open case always waits for something');
      for (const level of [1, 2, 3]) {
        const expected = escalationRecipients(level, before.owner.id, roster, policy).length;
        assert.equal((await escalationMailsAt(level)).length, expected, `level ${level} sent once`);
      }
      const reminders = await mails(suite.stack, { caseId: c.id, kind: 'overdueReminder' });
      const topPeople = new Set([
        before.owner.email,
        ...escalationRecipients(3, before.owner.id, roster, policy).map((r) => r.email),
      ]);
      assert.ok(reminders.length >= 2 * topPeople.size, `reminders go on (${reminders.length})`);
      assert.ok(reminders.every((m) => topPeople.has(m.To)));
      // The customer hears of each missed time at once, with an apology and a new time (seed 000 "Po
      // drugie"), so they are never silent for the 48-hour update interval.
      const notices = await mails(suite.stack, {
        caseId: c.id,
        kind: 'diagnosisDelay',
        audience: 'customer',
      });
      assert.ok(notices.length >= 4, `a new time each time one passes (${notices.length})`);
    }
  });
});
