// The reopen promise on the real engine: the closing messages say "reply by <date> and I will reopen
// your complaint", so a closed case's workflow stays open to the customer's reply for the policy's
// reopen window — the same case, the same owner, one history — and completes once it has passed.
// Real time-skipping server, worker and Postmark sandbox.
import assert from 'node:assert/strict';
import * as defs from '../../workflows/definitions';
import {
  DAY,
  HOUR,
  acknowledgedCase,
  closedRecord,
  eventually,
  mailsExactly,
  policyWith,
  settled,
  stageIs,
  view,
  workflowResult,
} from '../helpers/complaints';
import { timeSkippingSuite } from '../helpers/stack';

describe('the reopen window (time-skipping server)', function () {
  const suite = timeSkippingSuite();
  const policy = policyWith((p) => {
    delete p.statutory;
    p.reopen.windowMs = 3 * DAY;
  });
  const documentation = {
    rootCause: 'The customer did not answer our questions.',
    contributingFactors: [],
    responsibleParty: 'unknown',
    correctiveAction: 'None',
    preventiveAction: 'None',
  };

  /** A case closed as unanswered: questions, seven silent days, documented. */
  async function unansweredAndClosed() {
    const c = await acknowledgedCase(suite.stack, { policy });
    await c.handle.executeUpdate(defs.questionsUpdate, {
      args: [{ questions: ['Which day did it arrive?'] }],
    });
    await suite.env.sleep(7 * DAY + HOUR);
    await stageIs(c.handle, 'documentation');
    await c.handle.executeUpdate(defs.documentationUpdate, { args: [documentation] });
    const record = await closedRecord(suite.stack, c.handle);
    return { c, record };
  }

  it('a reply within the window reopens the same case with the same owner, in the same workflow run', async () => {
    const { c, record } = await unansweredAndClosed();
    assert.equal(record.closure, 'no-response');
    const [notice] = await mailsExactly(suite.stack, { caseId: c.id, kind: 'noResponseClosure' }, 1);
    assert.match(notice.TextBody, /reply to this e-mail by/, 'the closing message says until when');
    const run = (await c.handle.describe()).runId;
    assert.equal((await c.handle.describe()).status.name, 'RUNNING', 'waiting out the reopen window');

    await suite.env.sleep(DAY);
    await c.handle.signal(defs.customerMessageSignal, {
      text: 'Sorry, I was away: it arrived on the 3rd.',
      via: 'email',
      messageId: 'reply-after-close',
    });
    const v = await eventually(async () => {
      const x = await view(c.handle);
      return x.stage !== 'closed' && x;
    }, 'the reopening');
    assert.equal(v.stage, 'diagnosis', 'carrying on where it left off: the diagnosis, with the answer');
    assert.equal(v.owner.id, record.owner.id, 'the same owner');
    assert.equal(v.reference, record.reference);
    assert.equal(v.reopenings?.[0].closure, 'no-response');
    assert.equal(v.closure, undefined);
    assert.equal((await c.handle.describe()).runId, run, 'one history: the same run');
    await mailsExactly(suite.stack, { caseId: c.id, kind: 'reopenNotice' }, 1);
    await settled(c.handle);
  });

  it('after the window the workflow completes; the case stays closed', async () => {
    const { c } = await unansweredAndClosed();
    assert.ok((await view(c.handle)).reopenableUntil, 'the case view says until when');
    await suite.env.sleep(3 * DAY + HOUR);
    const result = await workflowResult(suite.stack, c.handle);
    assert.equal(result.stage, 'closed');
    assert.equal(result.closure, 'no-response');
    assert.equal((await c.handle.describe()).status.name, 'COMPLETED');
  });
});
