// Complaints on paper (letter, fax) are answered on paper: printable letter tasks for the owner; a
// late diagnosis is told to the customer with an apology and a new time. Each case keeps the policy it
// started with, whatever happens to the policy file afterwards.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { policySnapshot } from '../../api/policy-snapshot';
import { fromRoot } from '../../infra/paths';
import type { WorkflowHandle } from '@temporalio/client';
import * as defs from '../../workflows/definitions';
import {
  acknowledgedCase,
  complaintRequest,
  DAY,
  diagnosisIn,
  eventually,
  HOUR,
  mails,
  mailsExactly,
  requestNow,
  shippedRoster,
  stageIs,
  start,
  view,
  withdrawAndDocument,
} from '../helpers/complaints';
import { tempDir, timeSkippingSuite } from '../helpers/stack';
import { startComplaint } from '../../api/intake';

describe('complaint lifecycle: channels, overdue, policy snapshots', function () {
  const suite = timeSkippingSuite();

  const close = (handle: WorkflowHandle) => withdrawAndDocument(suite.stack, handle);

  it('answers a letter complaint on paper: the acknowledgement a printable letter to the postal address (even with an e-mail address on file), and a call back', async () => {
    const request = await requestNow(suite.stack, {
      channel: 'letter',
      customer: {
        name: 'Jan Nowak',
        email: 'jan.nowak@example.com',
        phone: '+48 600 200 300',
        postalAddress: { lines: ['ul. Długa 1', '00-001 Warszawa'] },
        language: 'pl',
      },
    });
    const c = await start(suite.stack, request);
    const v = await eventually(async () => {
      const x = await view(c.handle);
      return x.stage === 'diagnosis' && x.tasks.length >= 2 ? x : undefined;
    }, 'the intake tasks');
    // On paper: nothing goes to the customer by e-mail, the owner gets the letter to print instead.
    assert.equal((await mails(suite.stack, { caseId: c.id, audience: 'customer' })).length, 0);
    assert.equal(v.clocks.acknowledgement.state, 'pending', 'not acknowledged until the letter goes out');
    const kinds = v.tasks.map((t) => `${t.kind}:${t.reason}`);
    assert.deepEqual(kinds.sort(), ['call:callback-on-intake', 'write:paper'], 'one letter, one call');
    const letter = v.tasks.find((t) => t.kind === 'write')!;
    assert.equal(letter.purpose, 'acknowledgement');
    assert.equal(letter.message?.kind, 'acknowledgement');
    const owner = shippedRoster().owners.find((o) => o.id === v.owner.id)!;
    await eventually(
      async () => (await mails(suite.stack, { caseId: c.id, kind: 'callTask', to: owner.email })).length >= 2,
      'the task e-mails to the owner',
    );
    // The owner posts the letter within the deadline: the acknowledgement promise is kept.
    const after = await c.handle.executeUpdate(defs.taskCompletionUpdate, {
      args: [{ taskId: letter.id, note: 'Posted first class', by: owner.id }],
    });
    assert.equal(after.clocks.acknowledgement.state, 'met');
    const done = after.tasks.find((t) => t.id === letter.id)!;
    assert.ok(done.closedAt && done.closedAs === 'done');
    await close(c.handle);
  });

  it('turns an inactive recipient (Postmark 406, not retried) into a call task instead of the acknowledgement', async () => {
    const request = await requestNow(suite.stack);
    const email = request.customer.email!;
    await fetch(`${suite.stack.sandbox.url}/sandbox/inactive-recipients`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    const c = await start(suite.stack, request);
    const v = await eventually(async () => {
      const x = await view(c.handle);
      return x.customerEmailBounced && x.tasks.some((t) => t.reason === 'bounced') ? x : undefined;
    }, 'the failed acknowledgement to become a task');
    assert.equal(v.stage, 'diagnosis');
    assert.equal(v.clocks.acknowledgement.state, 'pending', 'the owner still has to acknowledge');
    assert.equal(
      (await mails(suite.stack, { caseId: c.id, audience: 'customer' })).length,
      0,
      'nothing reached the customer',
    );
    const history = await c.handle.fetchHistory();
    const failed = (history.events ?? []).filter((e) => e.activityTaskFailedEventAttributes);
    assert.equal(failed.length, 1, 'tried once: a permanent error is not retried');
    assert.equal(
      failed[0].activityTaskFailedEventAttributes?.failure?.applicationFailureInfo?.type,
      'InactiveRecipient',
    );
    await close(c.handle);
  });

  it('tells the customer at once when the diagnosis is late — an apology and a new time — and escalates; the diagnosis by then keeps it', async () => {
    const c = await acknowledgedCase(suite.stack);
    const promised = (await view(c.handle)).clocks.diagnosis.dueAt;
    await suite.env.sleep(DAY + HOUR);
    const late = await eventually(async () => {
      const x = await view(c.handle);
      return x.clocks.diagnosis.state === 'missed' ? x : undefined;
    }, 'the missed diagnosis');
    assert.equal(late.escalationLevel, 1);
    assert.equal(late.overdue, true, 'overdue until the owner acts');
    const [notice] = await mailsExactly(suite.stack, { caseId: c.id, kind: 'diagnosisDelay' }, 1);
    assert.equal(notice.To, c.email);
    const newTime = late.clocks['diagnosis-new-time'].dueAt;
    assert.equal(late.nextCustomerContactBy, newTime, 'the new time is the one date');
    assert.ok(Date.parse(newTime) > Date.parse(promised));
    const done = await c.handle.executeUpdate(defs.diagnosisUpdate, {
      args: [await diagnosisIn(suite.stack, 10 * DAY)],
    });
    assert.equal(done.clocks['diagnosis-new-time'].state, 'met', 'the new time was kept');
    assert.equal(done.clocks.diagnosis.state, 'missed', 'the first promise stays a miss');
    assert.ok(done.clocks.diagnosis.metAt, 'recorded when it was kept late');
    assert.equal(done.overdue, false);
    await close(c.handle);
  });

  it('keeps the policy a case started with when the policy file changes', async () => {
    const dir = tempDir('policy');
    const file = path.join(dir, 'policy.json');
    const base = JSON.parse(fs.readFileSync(fromRoot('policy', 'default.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const write = (version: string, diagnosis: string) => {
      const p = JSON.parse(JSON.stringify(base)) as {
        version: string;
        extends?: string;
        priorities: Record<string, Record<string, unknown>>;
      };
      p.version = version;
      p.priorities.normal.diagnosis = diagnosis;
      fs.writeFileSync(file, JSON.stringify(p));
    };
    write('test-v1', '24h');
    const snapshot = policySnapshot(file, fromRoot('policy', 'roster.json'), { maxAgeMs: 0 });
    const deps = { client: suite.stack.client, taskQueue: suite.stack.taskQueue, snapshot };
    const first = await startComplaint(deps, await requestNow(suite.stack));
    const firstHandle = suite.stack.client.workflow.getHandle(first.workflowId);
    const before = await stageIs(firstHandle, 'diagnosis');

    write('test-v2', '2h');
    const second = await startComplaint(deps, await requestNow(suite.stack, complaintRequest()));
    const secondView = await stageIs(suite.stack.client.workflow.getHandle(second.workflowId), 'diagnosis');
    assert.equal(secondView.policyVersion, 'test-v2', 'a new case takes the policy as it is now');

    const after = await view(firstHandle);
    assert.equal(after.policyVersion, 'test-v1', 'the running case keeps its policy');
    assert.equal(after.clocks.diagnosis.dueAt, before.clocks.diagnosis.dueAt, 'and its deadlines');
    await close(firstHandle);
    await close(suite.stack.client.workflow.getHandle(second.workflowId));
  });
});
