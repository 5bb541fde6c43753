// The outcome is told by a person (seed 003: every outcome by phone; seed 000 "Po czwarte": above all
// an unfavourable one). The owner's call has a deadline; a call names its task and settles only it;
// after the policy's attempts (3, retried every 4 hours) unreached, the outcome goes out in writing;
// an owner who does not call is a recorded miss that escalates, and the letter waits for the call or
// a supervisor's decision. Real time-skipping server, worker, sandbox.
import assert from 'node:assert/strict';
import type { ResolutionInput } from '../../domain/case';
import * as defs from '../../workflows/definitions';
import {
  DAY,
  HOUR,
  eventually,
  mails,
  mailsExactly,
  openTask,
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
  async function decidedCase(resolution: ResolutionInput, callBack = true) {
    const { c } = await startDiagnosed(suite.stack, 7 * DAY, {
      callBack,
      details: {
        summary: 'We are checking the courier’s delivery photographs.',
        probableCause: 'Unknown yet',
      },
    });
    await settled(c.handle);
    const v = await c.handle.executeUpdate(defs.resolutionUpdate, { args: [resolution] });
    const task = await openTask(c.handle, 'resolution-call');
    return { c, v, owner: v.owner, task };
  }

  const resolutionCallMails = async (caseId: string, ownerEmail: string) =>
    (await mails(suite.stack, { caseId, kind: 'callTask', audience: 'staff', to: ownerEmail })).filter((m) =>
      // In the owner's language (policy/roster.json): English or Polish.
      /explain the decision|wyjaśnij decyzję/.test(m.Subject),
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
    const { c, v, task } = await decidedCase(partial);
    assert.equal(v.stage, 'resolution-call');
    await settled(c.handle);
    assert.equal((await letters(c.id)).length, 0);

    const after = await c.handle.executeUpdate(defs.callUpdate, {
      args: [
        { reached: true, note: 'Explained the partial refund; the customer understood.', taskId: task.id },
      ],
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

  it('an upheld outcome is told by phone too (seed 003: every outcome)', async () => {
    const { v } = await decidedCase({ ...rejected, outcome: 'upheld', remedy: { kind: 'replacement' } });
    assert.equal(v.stage, 'resolution-call');
  });

  it('a reached call on another call task settles that task alone: the outcome’s call stays open', async () => {
    const { c, task } = await decidedCase(rejected, false); // the call back still to make
    const callBack = await openTask(c.handle, 'callback-on-intake');
    const after = await c.handle.executeUpdate(defs.callUpdate, {
      args: [{ reached: true, note: 'Called back about the parcel.', taskId: callBack.id }],
    });
    assert.ok(after.tasks.find((t) => t.id === callBack.id)?.closedAt, 'the call back is done');
    assert.equal(after.stage, 'resolution-call', 'the outcome was not told on that call');
    assert.ok(!after.tasks.find((t) => t.id === task.id)?.closedAt);
    await settled(c.handle);
    assert.equal((await letters(c.id)).length, 0);
    // A call without its task is refused and names the open call tasks.
    await assert.rejects(
      c.handle.executeUpdate(defs.callUpdate, { args: [{ reached: true, note: 'x' }] }),
      (err: Error) => /taskId/.test(String((err as { cause?: Error }).cause?.message ?? err.message)),
    );
  });

  it('when the owner records no call at all: a recorded miss, an escalation and a supervisor asked; the letter waits for a supervisor’s decision', async () => {
    const { c, owner } = await decidedCase(rejected);
    const decidedAt = Date.parse((await view(c.handle)).resolution!.at);

    await suite.env.sleep(4 * HOUR + 5 * 60_000);
    await settled(c.handle);
    let v = await view(c.handle);
    assert.equal(v.clocks['resolution-call'].state, 'missed', 'the missed call is on record');
    assert.equal(v.overdue, true);
    assert.ok(v.escalationLevel >= 1, 'escalated');
    assert.ok(v.escalations.some((e) => /resolution-call/.test(e.reason)));
    assert.equal(v.pendingApproval?.kind, 'letter-without-call');
    await eventually(
      async () => (await mails(suite.stack, { caseId: c.id, kind: 'approvalRequest' })).length === 1,
      'the supervisor is asked',
    );
    await eventually(
      async () => (await mails(suite.stack, { caseId: c.id, kind: 'escalation' })).length > 0,
      'the escalation e-mails',
    );

    // A day later the outcome still has not gone out alone.
    await suite.env.sleep(DAY);
    await settled(c.handle);
    v = await view(c.handle);
    assert.equal(v.stage, 'resolution-call');
    assert.equal((await letters(c.id)).length, 0, 'no letter without the call');
    assert.ok((await resolutionCallMails(c.id, owner.email)).length >= 2, 'the owner was reminded');

    // The supervisor decides: the outcome goes out in writing without the call.
    v = await c.handle.executeUpdate(defs.approvalUpdate, {
      args: [{ decision: 'approve', supervisorId: 'ewa-nowak', note: 'The customer cannot be reached.' }],
    });
    assert.equal(v.stage, 'survey');
    assert.equal(v.resolutionCall?.waivedBy, 'ewa-nowak');
    const [letter] = await mailsExactly(suite.stack, { caseId: c.id, kind: 'resolutionLetter' }, 1);
    assert.ok(letter.TextBody.includes(rejected.explanation));
    assert.ok(
      Date.parse(v.letterSentAt!) - decidedAt > DAY,
      'only after the decision, not after 3 intervals',
    );
  });
});
