// A remedy above the policy's cap waits for a supervisor: rejected with a note it goes back to the
// owner (the customer hears nothing of it), revised within the cap it goes through; approved it goes
// out as decided. Real time-skipping server, worker and Postmark sandbox.
import assert from 'node:assert/strict';
import { supervisorOf } from '../../domain/owner';
import * as defs from '../../workflows/definitions';
import {
  DAY,
  HOUR,
  mails,
  mailsExactly,
  settled,
  shippedRoster,
  startDiagnosed,
  tellOutcomeByPhone,
  view,
} from '../helpers/complaints';
import { timeSkippingSuite } from '../helpers/stack';

describe('remedy approval (time-skipping server)', function () {
  const suite = timeSkippingSuite();
  const roster = shippedRoster();

  async function diagnosedCase(promiseInMs = 10 * DAY) {
    // The default request: an order of 400 PLN, so a 50% voucher is 200 PLN against a 20% cap.
    const { c, v } = await startDiagnosed(suite.stack, promiseInMs, {
      roster,
      details: { summary: 'The lamp was broken in transit.' },
    });
    return { c, owner: v.owner, supervisor: supervisorOf(roster, v.owner.id)! };
  }

  const generous = {
    outcome: 'upheld' as const,
    explanation: 'The lamp was broken before it reached you.',
    apology: 'I am sorry you had to unpack a broken lamp.',
    remedy: { kind: 'voucher' as const, percent: 50, validityDays: 90 },
  };

  it('a voucher over the cap waits; rejection sends it back to the owner; a revised voucher goes through', async () => {
    const { c, owner, supervisor } = await diagnosedCase();

    let v = await c.handle.executeUpdate(defs.resolutionUpdate, { args: [generous] });
    assert.equal(v.stage, 'awaiting-approval');
    assert.equal(v.pendingApproval?.kind, 'remedy');
    assert.match(v.pendingApproval.summary, /50% is above the 20% cap/);
    assert.deepEqual([...v.allowedActions].sort(), [
      'approval',
      'calls',
      'contact-details',
      'notes',
      'reassignment',
      'task-completion',
    ]);
    const [request] = await mailsExactly(
      suite.stack,
      { caseId: c.id, kind: 'approvalRequest', audience: 'staff' },
      1,
    );
    assert.equal(request.To, supervisor.email);
    assert.match(request.TextBody, /50%/);
    assert.equal((await mails(suite.stack, { caseId: c.id, kind: 'resolutionLetter' })).length, 0);

    // The supervisor rejects with a note: back to the owner, with a task that carries the note.
    const tasksBefore = (await mails(suite.stack, { caseId: c.id, kind: 'callTask', to: owner.email }))
      .length;
    const note = 'Too generous for a lamp we are replacing anyway: 20% at most, please.';
    v = await c.handle.executeUpdate(defs.approvalUpdate, {
      args: [{ decision: 'reject', note, supervisorId: supervisor.id }],
    });
    assert.equal(v.stage, 'in-progress');
    assert.equal(v.pendingApproval, undefined);
    assert.equal(v.resolution, undefined);
    assert.equal(v.rejectedResolutions.length, 1);
    assert.equal(v.rejectedResolutions[0].note, note);
    assert.equal(v.rejectedResolutions[0].supervisorId, supervisor.id);
    assert.ok(v.allowedActions.includes('resolution'));
    const tasks = await mailsExactly(
      suite.stack,
      { caseId: c.id, kind: 'callTask', to: owner.email },
      tasksBefore + 1,
      'a task for the owner',
    );
    assert.ok(tasks[tasks.length - 1].TextBody.includes(note), 'the owner sees the supervisor’s note');
    await settled(c.handle);
    // The customer has heard nothing about the rejected proposal.
    assert.deepEqual(
      (await mails(suite.stack, { caseId: c.id, audience: 'customer' })).map((m) => m.Metadata.kind),
      ['acknowledgement', 'diagnosis'],
    );

    // Revised within the cap: no approval needed; told by phone, then the letter and the survey go out.
    v = await c.handle.executeUpdate(defs.resolutionUpdate, {
      args: [{ ...generous, remedy: { kind: 'voucher', percent: 15, validityDays: 90 } }],
    });
    assert.equal(v.stage, 'resolution-call');
    v = await tellOutcomeByPhone(c.handle);
    assert.equal(v.stage, 'survey');
    assert.equal(v.resolution?.approvedBy, undefined);
    const [letter] = await mailsExactly(
      suite.stack,
      { caseId: c.id, kind: 'resolutionLetter', audience: 'customer' },
      1,
    );
    assert.match(letter.TextBody, /15%/);
    assert.doesNotMatch(letter.TextBody, /50%/);
    assert.ok(letter.TextBody.includes(generous.explanation));
    await mailsExactly(suite.stack, { caseId: c.id, kind: 'surveyInvitation' }, 1);
    await mailsExactly(
      suite.stack,
      { caseId: c.id, kind: 'approvalRequest' },
      1,
      'no second approval request',
    );
  });

  it('the promised date passing while the supervisor decides still tells the customer about the delay', async () => {
    const { c } = await diagnosedCase(DAY);
    const promised = (await view(c.handle)).clocks.resolution.dueAt;
    await c.handle.executeUpdate(defs.resolutionUpdate, { args: [generous] });

    await suite.env.sleep(DAY + HOUR);
    await settled(c.handle);
    const v = await view(c.handle);
    assert.equal(v.stage, 'awaiting-approval');
    const delays = await mails(suite.stack, { caseId: c.id, kind: 'delayNotice', audience: 'customer' });
    assert.equal(delays.length, 1, `a delay notice once ${promised} has passed without an answer`);
    // The missed date is kept; the customer was given a new one, and the case went up a level.
    assert.equal(v.previousClocks?.[0].state, 'missed');
    assert.equal(v.previousClocks?.[0].dueAt, promised);
    assert.equal(v.clocks.resolution.state, 'pending');
    assert.ok(Date.parse(v.clocks.resolution.dueAt) > Date.parse(promised));
    assert.ok(delays[0].TextBody.length > 0);
    assert.equal(v.escalationLevel, 1);
  });
});
