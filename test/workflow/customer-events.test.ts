// Things that can happen at any time: the customer withdraws, an e-mail bounces, a supervisor
// reassigns the case. Real time-skipping server, real worker and activities, the Postmark sandbox.
import assert from 'node:assert/strict';
import * as defs from '../../workflows/definitions';
import {
  acknowledgement,
  complaintRequest,
  DAY,
  diagnoseWhenReady,
  diagnosisIn,
  eventually,
  mails,
  shippedRoster,
  stageIs,
  start,
  updateRejection,
  view,
  withdrawAndDocument,
} from '../helpers/complaints';
import { timeSkippingSuite } from '../helpers/stack';

describe('complaint lifecycle: customer events and reassignment', function () {
  const suite = timeSkippingSuite();

  // The owner's diagnosis in these cases (the courier, an answer promised in 10 days: see diagnosisIn).
  const diagnosis = {
    summary: 'We are checking the parcel with the courier.',
    probableCause: 'Transport damage',
  };

  it('closes politely when the customer withdraws mid-investigation', async () => {
    const c = await start(suite.stack);
    await diagnoseWhenReady(suite.stack, c.handle, 10 * DAY, diagnosis);
    await suite.env.sleep(DAY);
    await c.handle.signal(defs.withdrawalSignal, { reason: 'The shop refunded me directly.' });
    // Settled, not closed: a withdrawn case is documented too (seed 004), then it closes.
    const settledCase = await stageIs(c.handle, 'documentation');
    assert.equal(settledCase.closing, 'withdrawn');
    assert.ok(settledCase.tasks.some((t) => t.purpose === 'documentation' && !t.closedAt));
    const record = await withdrawAndDocument(suite.stack, c.handle);
    assert.equal(record.closure, 'withdrawn');
    assert.ok(record.documentation);
    const confirmation = await mails(suite.stack, { caseId: c.id, kind: 'withdrawalConfirmation' });
    assert.equal(confirmation.length, 1);
    assert.equal(confirmation[0].To, c.email);
    // Nothing else is promised after a withdrawal: no survey, no letter.
    assert.equal((await mails(suite.stack, { caseId: c.id, kind: 'surveyInvitation' })).length, 0);
    assert.equal((await mails(suite.stack, { caseId: c.id, kind: 'resolutionLetter' })).length, 0);
  });

  it('turns a bounce of the acknowledgement into a call task, and contacts by phone from then on', async () => {
    const c = await start(suite.stack);
    await acknowledgement(suite.stack, c.id, 'acknowledgement');
    // Intake may have made tasks too (a call-back on intake): wait until each has its e-mail.
    const before = await eventually(async () => {
      const [m, v0] = [await mails(suite.stack, { caseId: c.id, kind: 'callTask' }), await view(c.handle)];
      return v0.stage === 'diagnosis' && m.length === v0.tasks.length ? m : undefined;
    }, 'intake tasks');
    // Postmark reports the bounce later, by webhook, naming the bounced e-mail's MessageID; the API
    // turns it into this signal.
    const ack = (await view(c.handle)).deliveries!.find((x) => x.purpose === 'acknowledgement')!;
    await c.handle.signal(defs.bounceSignal, {
      email: c.email!.toUpperCase(),
      type: 'HardBounce',
      inactive: true,
      messageId: ack.messageId,
    });
    const v = await eventually(async () => {
      const x = await view(c.handle);
      return x.customerEmailBounced && x.tasks.some((t) => t.reason === 'bounced') ? x : undefined;
    }, 'the bounce to be handled');
    const bouncedTask = v.tasks.find((t) => t.reason === 'bounced')!;
    assert.equal(bouncedTask.kind, 'call', 'the customer has a phone: the owner calls');
    const tasks = await eventually(async () => {
      const m = await mails(suite.stack, { caseId: c.id, kind: 'callTask' });
      return m.length > before.length ? m : undefined;
    }, 'the call task e-mail');
    assert.equal(tasks.length, before.length + 1, 'the owner got one new call task');
    assert.equal(tasks[tasks.length - 1].To, shippedRoster().owners.find((o) => o.id === v.owner.id)!.email);
    // The acknowledgement never arrived, so its promise is open again until the owner calls.
    assert.equal(v.clocks.acknowledgement.state, 'pending');

    // The diagnosis now goes to the owner as a task, not to the dead address.
    await c.handle.executeUpdate(defs.diagnosisUpdate, {
      args: [await diagnosisIn(suite.stack, 10 * DAY, diagnosis)],
    });
    assert.equal((await mails(suite.stack, { caseId: c.id, kind: 'diagnosis' })).length, 0);
    const after = await view(c.handle);
    assert.ok(after.tasks.length > v.tasks.length);
    await c.handle.executeUpdate(defs.callUpdate, {
      args: [{ reached: true, note: 'Explained by phone', taskId: bouncedTask.id }],
    });
    assert.equal((await view(c.handle)).clocks.acknowledgement.state, 'met');
  });

  it('tells the customer who their new contact is when a supervisor reassigns the case', async () => {
    const c = await start(suite.stack);
    const v0 = await stageIs(c.handle, 'diagnosis');
    const roster = shippedRoster();
    const other = roster.owners.find((o) => o.id !== v0.owner.id && o.languages.includes('en'))!;
    const v = await c.handle.executeUpdate(defs.reassignmentUpdate, {
      args: [{ ownerId: other.id, reason: 'Workload balancing', supervisorId: 'ewa-nowak' }],
    });
    assert.equal(v.owner.id, other.id);
    assert.equal(v.ownerHistory.length, 2);
    const notice = await mails(suite.stack, { caseId: c.id, kind: 'reassignmentNotice' });
    assert.equal(notice.length, 1);
    assert.equal(notice[0].To, c.email);
    assert.ok(notice[0].TextBody.includes(other.name), 'the notice names the new owner');
    assert.ok(notice[0].TextBody.includes(v0.owner.name), 'and the previous one');
    const toNewOwner = (await mails(suite.stack, { caseId: c.id, to: other.email })).filter(
      (m) => m.Metadata.audience === 'staff',
    );
    assert.ok(toNewOwner.length >= 1, 'the new owner is told');
    // Reassigning to the same owner is refused and changes nothing.
    const refusal = await updateRejection(
      c.handle.executeUpdate(defs.reassignmentUpdate, { args: [{ ownerId: other.id, reason: 'again' }] }),
    );
    assert.match(refusal, /already owns/);
    assert.equal((await view(c.handle)).ownerHistory.length, 2);
  });

  it('keeps a customer message that arrives twice (same message id) once', async () => {
    const c = await start(suite.stack, complaintRequest());
    await stageIs(c.handle, 'diagnosis');
    await c.handle.signal(defs.customerMessageSignal, {
      text: 'Any news?',
      via: 'email',
      messageId: 'pm-1',
    });
    await c.handle.signal(defs.customerMessageSignal, {
      text: 'Any news?',
      via: 'email',
      messageId: 'pm-1',
    });
    const v = await eventually(async () => {
      const x = await view(c.handle);
      return x.timeline.some((e) => e.kind === 'customer-message') ? x : undefined;
    }, 'the customer message');
    assert.equal(v.timeline.filter((e) => e.kind === 'customer-message').length, 1);
    const notices = await eventually(async () => {
      const m = await mails(suite.stack, { caseId: c.id, kind: 'customerMessageNotice' });
      return m.length ? m : undefined;
    }, 'owner notice');
    assert.equal(notices.length, 1);
  });
});
