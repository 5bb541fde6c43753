// Satisfaction: a poor score or "I still need help" opens a follow-up (customer told, owner and
// supervisor told), after which one more survey goes out and its answer, whatever it is, finishes
// the case; no answer at all finishes it after the survey wait, with one reminder. Documentation
// closes the case. Real time-skipping server, worker and Postmark sandbox.
import assert from 'node:assert/strict';
import type { DocumentationInput } from '../../domain/case';
import { formatDay } from '../../domain/messages/format';
import { supervisorOf } from '../../domain/owner';
import * as defs from '../../workflows/definitions';
import {
  closedRecord,
  DAY,
  HOUR,
  mails,
  mailsExactly,
  settled,
  shippedRoster,
  stageIs,
  startDiagnosed,
  view,
  tellOutcomeByPhone,
} from '../helpers/complaints';
import { timeSkippingSuite } from '../helpers/stack';

describe('the satisfaction survey (time-skipping server)', function () {
  const suite = timeSkippingSuite();
  const roster = shippedRoster();
  const documentation: DocumentationInput = {
    rootCause: 'Parcel crushed at the depot',
    contributingFactors: ['packaging'],
    responsibleParty: 'FastCourier',
    correctiveAction: 'Replacement sent',
    preventiveAction: 'Double boxes for lamps',
  };

  /** A case resolved in the customer's favour: the letter and the first survey have gone out. */
  async function surveyedCase(promiseInMs = 5 * DAY) {
    const { c } = await startDiagnosed(suite.stack, promiseInMs, { roster });
    await c.handle.executeUpdate(defs.resolutionUpdate, {
      args: [
        {
          outcome: 'upheld',
          explanation: 'The lamp was broken in transit.',
          apology: 'We are sorry.',
          remedy: { kind: 'replacement' },
        },
      ],
    });
    const v = await tellOutcomeByPhone(c.handle); // every outcome by phone first (seed 003)
    assert.equal(v.stage, 'survey');
    assert.equal(v.survey?.round, 1);
    await mailsExactly(suite.stack, { caseId: c.id, kind: 'surveyInvitation', audience: 'customer' }, 1);
    return { c, owner: v.owner, supervisor: supervisorOf(roster, v.owner.id)! };
  }

  it('a low score opens the follow-up; after it a second survey, whose poor answer still finishes the case', async () => {
    const { c, owner, supervisor } = await surveyedCase();

    await c.handle.signal(defs.surveyAnswerSignal, {
      score: 2,
      comment: 'The replacement took ages.',
      stillNeedHelp: false,
    });
    let v = await stageIs(c.handle, 'follow-up');
    const answeredAt = Date.parse(v.surveyAnswers[0].at);
    assert.equal(v.surveyAnswers[0].round, 1);
    assert.equal(Date.parse(v.followUp!.dueBy) - answeredAt, 3 * DAY);
    assert.equal(v.clocks['follow-up']?.state, 'pending');
    assert.ok(v.allowedActions.includes('follow-up'));
    const [notice] = await mailsExactly(
      suite.stack,
      { caseId: c.id, kind: 'followUpNotice', audience: 'customer' },
      1,
    );
    assert.equal(notice.To, c.email);
    const opened = await mailsExactly(
      suite.stack,
      { caseId: c.id, kind: 'followUpOpened', audience: 'staff' },
      2,
    );
    assert.deepEqual(opened.map((m) => m.To).sort(), [owner.email, supervisor.email].sort());
    for (const m of opened)
      assert.ok(m.TextBody.includes('The replacement took ages.'), 'staff see the comment');

    await suite.env.sleep(HOUR);
    v = await c.handle.executeUpdate(defs.followUpUpdate, {
      args: [{ note: 'Called the customer: the new lamp works, the wait is explained.' }],
    });
    assert.equal(v.stage, 'survey');
    assert.equal(v.survey?.round, 2);
    assert.equal(v.clocks['follow-up'].state, 'met');
    assert.ok(v.followUp?.doneAt);
    await mailsExactly(suite.stack, { caseId: c.id, kind: 'surveyInvitation', audience: 'customer' }, 2);

    // A second poor answer does not open another follow-up: the case goes to documentation.
    await c.handle.signal(defs.surveyAnswerSignal, {
      score: 1,
      comment: 'Still unhappy.',
      stillNeedHelp: true,
    });
    v = await stageIs(c.handle, 'documentation');
    assert.deepEqual(
      v.surveyAnswers.map((a) => [a.round, a.score]),
      [
        [1, 2],
        [2, 1],
      ],
    );
    await settled(c.handle);
    await mailsExactly(suite.stack, { caseId: c.id, kind: 'followUpNotice' }, 1);
    await mailsExactly(suite.stack, { caseId: c.id, kind: 'followUpOpened' }, 2);

    await c.handle.executeUpdate(defs.documentationUpdate, { args: [documentation] });
    const record = await closedRecord(suite.stack, c.handle);
    assert.equal(record.stage, 'closed');
    assert.equal(record.closure, 'resolved');
    assert.ok(record.clocksMet.includes('follow-up'));
    assert.equal(record.surveyAnswers.length, 2);
    assert.equal(record.documentation?.rootCause, documentation.rootCause);
  });

  it('no answer: a reminder after 3 days, the survey ends after 7, and documentation closes the case', async () => {
    const { c, owner } = await surveyedCase();
    const sentAt = Date.parse((await view(c.handle)).survey!.sentAt);

    await suite.env.sleep(3 * DAY - 10 * 60_000);
    await settled(c.handle);
    assert.equal((await mails(suite.stack, { caseId: c.id, kind: 'surveyReminder' })).length, 0);
    await suite.env.sleep(20 * 60_000);
    const [reminder] = await mailsExactly(
      suite.stack,
      { caseId: c.id, kind: 'surveyReminder', audience: 'customer' },
      1,
    );
    assert.equal(reminder.To, c.email);

    await suite.env.sleep(4 * DAY - 20 * 60_000);
    await settled(c.handle);
    assert.equal((await view(c.handle)).stage, 'survey', 'still waiting just before 7 days');
    const tasksBefore = (await mails(suite.stack, { caseId: c.id, kind: 'callTask', to: owner.email }))
      .length;

    await suite.env.sleep(20 * 60_000);
    const v = await stageIs(c.handle, 'documentation');
    assert.equal(v.surveyAnswers.length, 0);
    assert.ok(v.allowedActions.includes('documentation'));
    const tasks = await mailsExactly(
      suite.stack,
      { caseId: c.id, kind: 'callTask', to: owner.email },
      tasksBefore + 1,
      'the documentation task',
    );
    // The owner reads Polish (the roster): the case's own task text in Polish too.
    assert.match(tasks[tasks.length - 1].TextBody, /Udokumentuj sprawę/);
    await mailsExactly(suite.stack, { caseId: c.id, kind: 'surveyReminder' }, 1, 'one reminder only');
    await mailsExactly(suite.stack, { caseId: c.id, kind: 'followUpNotice' }, 0);

    await c.handle.executeUpdate(defs.documentationUpdate, { args: [documentation] });
    const record = await closedRecord(suite.stack, c.handle);
    assert.equal(record.closure, 'resolved');
    assert.equal(record.surveyAnswers.length, 0);
    assert.ok(Date.parse(record.closedAt!) - sentAt >= 7 * DAY);
  });

  it('an update during the follow-up gives the follow-up date, not the passed resolution date', async () => {
    // Promised in 2 days, resolved at once; the customer answers poorly 3 days later.
    const { c } = await surveyedCase(2 * DAY);
    const promised = (await view(c.handle)).clocks.resolution.dueAt;
    await suite.env.sleep(3 * DAY);
    await c.handle.signal(defs.surveyAnswerSignal, { score: 1, comment: 'Not fixed.', stillNeedHelp: true });
    const v = await stageIs(c.handle, 'follow-up');
    const followUpBy = v.followUp!.dueBy;

    // The owner is silent for 48 hours: the system writes.
    await suite.env.sleep(48 * HOUR + 10 * 60_000);
    const [update] = await mailsExactly(
      suite.stack,
      { caseId: c.id, kind: 'progressUpdate', audience: 'customer' },
      1,
    );
    const day = (iso: string) => formatDay(iso, 'en', 'Europe/London');
    assert.ok(
      !update.TextBody.includes(day(promised)),
      `the update promises an answer by ${day(promised)}, which passed days ago`,
    );
    assert.ok(update.TextBody.includes(day(followUpBy)), 'the update names the follow-up date');
    await c.handle.signal(defs.withdrawalSignal, {});
  });
});
