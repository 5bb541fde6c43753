// The outcome is told by a person: a decision that is not fully upheld needs the owner's call before
// the letter. Calls are recorded as reached or not; after the policy's attempts (3, retried every
// 4 hours) the outcome goes out in writing alone, noted. Real time-skipping server, worker, sandbox.
import assert from 'node:assert/strict';
import type { ResolutionInput } from '../../domain/case';
import * as defs from '../../workflows/definitions';
import {
  DAY,
  HOUR,
  eventually,
  mails,
  mailsExactly,
  settled,
  startDiagnosed,
  view,
} from '../helpers/complaints';
import { timeSkippingSuite } from '../helpers/stack';

describe('the resolution call (time-skipping server)', function () {
  const suite = timeSkippingSuite();

  const rejected: ResolutionInput = {
    outcome: 'rejected',
    explanation:
      'The courier’s photographs show the box intact at delivery, and the lamp’s base was cracked from a fall afterwards.',
    apology: 'I am sorry this is not the answer you hoped for.',
    remedy: { kind: 'none' },
  };

  /** A diagnosed case that has just been decided with `resolution`. */
  async function decidedCase(resolution: ResolutionInput) {
    const { c } = await startDiagnosed(suite.stack, 7 * DAY, {
      details: {
        summary: 'We are checking the courier’s delivery photographs.',
        probableCause: 'Unknown yet',
      },
    });
    await settled(c.handle);
    const v = await c.handle.executeUpdate(defs.resolutionUpdate, { args: [resolution] });
    return { c, v, owner: v.owner };
  }

  const resolutionCallTasks = async (caseId: string, ownerEmail: string) =>
    (await mails(suite.stack, { caseId, kind: 'callTask', audience: 'staff', to: ownerEmail })).filter((m) =>
      /explain the decision/.test(m.Subject),
    );
  const letters = (caseId: string) =>
    mails(suite.stack, { caseId, kind: 'resolutionLetter', audience: 'customer' });

  it('a reached call leads to the letter, which confirms the call', async () => {
    const partial: ResolutionInput = {
      outcome: 'partially-upheld',
      explanation: 'The lamp was damaged in transit, but the bulb was not part of the order.',
      apology: 'I am sorry for the trouble with your delivery.',
      remedy: { kind: 'refund', amount: 150, currency: 'PLN' },
    };
    const { c, v, owner } = await decidedCase(partial);
    assert.equal(v.stage, 'resolution-call');
    await eventually(
      async () => (await resolutionCallTasks(c.id, owner.email)).length === 1,
      'the call task',
    );
    await settled(c.handle);
    assert.equal((await letters(c.id)).length, 0);

    const after = await c.handle.executeUpdate(defs.callUpdate, {
      args: [{ reached: true, note: 'Explained the partial refund; the customer understood.' }],
    });
    assert.equal(after.stage, 'survey');
    assert.equal(after.resolutionCall?.reached, true);
    assert.equal(after.resolutionCall?.attempts, 1);
    assert.equal(after.resolutionCall?.gaveUp, false);
    const [letter] = await mailsExactly(suite.stack, { caseId: c.id, kind: 'resolutionLetter' }, 1);
    assert.ok(letter.TextBody.includes(partial.explanation));
    assert.match(letter.TextBody, /discussed on the phone/, 'the letter confirms the call in writing');
    assert.match(letter.TextBody, /150/);
    await mailsExactly(suite.stack, { caseId: c.id, kind: 'surveyInvitation' }, 1);
  });

  it('when the owner records no call at all, reminders come every 4 hours and the letter goes out after 3 intervals', async () => {
    const { c, owner } = await decidedCase(rejected);
    const decidedAt = Date.parse((await view(c.handle)).resolution!.at);

    await suite.env.sleep(12 * HOUR - 10 * 60_000);
    await settled(c.handle);
    assert.equal((await letters(c.id)).length, 0);
    // The task at the decision and a reminder at 4 and 8 hours.
    assert.equal((await resolutionCallTasks(c.id, owner.email)).length, 3);

    await suite.env.sleep(20 * 60_000);
    await eventually(async () => (await view(c.handle)).stage === 'survey', 'the letter in writing');
    const v = await view(c.handle);
    assert.equal(v.resolutionCall?.gaveUp, true);
    assert.equal(v.resolutionCall?.attempts, 0);
    assert.ok(v.timeline.some((e) => e.kind === 'call' && /No resolution call was recorded/.test(e.text)));
    const [letter] = await mailsExactly(suite.stack, { caseId: c.id, kind: 'resolutionLetter' }, 1);
    const sentAfter = Date.parse(v.letterSentAt!) - decidedAt;
    assert.ok(sentAfter >= 12 * HOUR && sentAfter < 12 * HOUR + 60_000, `letter after ${sentAfter / HOUR}h`);
    assert.ok(letter.TextBody.includes(rejected.explanation));
  });
});
