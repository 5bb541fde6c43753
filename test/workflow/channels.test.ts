// Complaints without an e-mail address (phone, letter, fax) are acknowledged by the owner in person,
// and a case stops being overdue once its late promise is kept. Each case keeps the policy it started
// with, whatever happens to the policy file afterwards.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { policySnapshot } from '../../api/policy-snapshot';
import { fromRoot } from '../../infra/paths';
import type { WorkflowHandle } from '@temporalio/client';
import * as defs from '../../workflows/definitions';
import {
  closedRecord,
  complaintRequest,
  DAY,
  diagnosisIn,
  eventually,
  HOUR,
  mails,
  requestNow,
  shippedRoster,
  stageIs,
  start,
  view,
} from '../helpers/complaints';
import { tempDir, timeSkippingSuite } from '../helpers/stack';
import { startComplaint } from '../../api/intake';

describe('complaint lifecycle: channels, overdue, policy snapshots', function () {
  const suite = timeSkippingSuite();

  // Ends a case the way a customer can; terminating one with an e-mail in flight would stop the
  // time-skipping server's clock for the rest of the file.
  const close = async (handle: WorkflowHandle) => {
    await handle.signal(defs.withdrawalSignal, {});
    await closedRecord(suite.stack, handle);
  };

  it('acknowledges a letter without an e-mail address through tasks for the owner: a call and the formal letter', async () => {
    const request = await requestNow(suite.stack, {
      channel: 'letter',
      customer: { name: 'Jan Nowak', phone: '+48 600 200 300', language: 'pl' },
    });
    const c = await start(suite.stack, request);
    const v = await eventually(async () => {
      const x = await view(c.handle);
      return x.stage === 'diagnosis' && x.tasks.length >= 2 ? x : undefined;
    }, 'the intake tasks');
    // No e-mail: nothing goes to the customer by e-mail, the owner gets tasks instead.
    assert.equal((await mails(suite.stack, { caseId: c.id, audience: 'customer' })).length, 0);
    assert.equal(v.clocks.acknowledgement.state, 'pending', 'not acknowledged until the owner calls');
    const kinds = v.tasks.map((t) => `${t.kind}:${t.reason}`);
    assert.ok(
      kinds.includes('call:no-email'),
      `a call instead of the acknowledgement e-mail (${kinds.join(', ')})`,
    );
    assert.ok(
      v.tasks.some((t) => t.kind === 'write' && /formal acknowledgement letter/.test(t.note ?? '')),
      'a letter complaint also gets a formal acknowledgement letter',
    );
    const owner = shippedRoster().owners.find((o) => o.id === v.owner.id)!;
    await eventually(
      async () => (await mails(suite.stack, { caseId: c.id, kind: 'callTask', to: owner.email })).length >= 2,
      'the task e-mails to the owner',
    );
    // The owner calls within the deadline: the acknowledgement promise is kept.
    const callTask = v.tasks.find((t) => t.reason === 'no-email')!;
    const after = await c.handle.executeUpdate(defs.callUpdate, {
      args: [{ reached: true, taskId: callTask.id, note: 'Introduced myself' }],
    });
    assert.equal(after.clocks.acknowledgement.state, 'met');
    const done = after.tasks.find((t) => t.id === callTask.id)!;
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

  it('is overdue while the diagnosis is late, and no longer once it is given', async () => {
    const c = await start(suite.stack, await requestNow(suite.stack));
    await stageIs(c.handle, 'diagnosis');
    await suite.env.sleep(DAY + HOUR);
    const late = await eventually(async () => {
      const x = await view(c.handle);
      return x.clocks.diagnosis.state === 'missed' ? x : undefined;
    }, 'the missed diagnosis');
    assert.equal(late.overdue, true);
    const done = await c.handle.executeUpdate(defs.diagnosisUpdate, {
      args: [await diagnosisIn(suite.stack, 10 * DAY)],
    });
    assert.equal(done.clocks.diagnosis.state, 'missed', 'it was still late');
    assert.ok(done.clocks.diagnosis.metAt, 'and it is recorded when it was done');
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
