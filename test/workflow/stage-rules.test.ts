// Actions are Updates with synchronous validators: an action the current stage does not allow is
// rejected with a message naming the stage and what is allowed, and changes nothing — not the case
// view, not the history, and no e-mail goes out. Real time-skipping server, worker and sandbox.
import assert from 'node:assert/strict';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { CaseView } from '../../domain/case';
import { allowedActions } from '../../domain/lifecycle';
import * as defs from '../../workflows/definitions';
import { acknowledgedCase, DAY, diagnosisIn, isoAt, mails, settled, view } from '../helpers/complaints';
import { timeSkippingSuite } from '../helpers/stack';

const EventType = temporal.api.enums.v1.EventType;
const workflowTaskOnly = [
  'EVENT_TYPE_WORKFLOW_TASK_SCHEDULED',
  'EVENT_TYPE_WORKFLOW_TASK_STARTED',
  'EVENT_TYPE_WORKFLOW_TASK_COMPLETED',
];

describe('stage rules: actions in the wrong stage (time-skipping server)', function () {
  const suite = timeSkippingSuite();

  async function settledCase() {
    const c = await acknowledgedCase(suite.stack);
    await settled(c.handle);
    return c;
  }

  /** A diagnosis taken for the warehouse's fault, promising an answer `promiseInMs` from now. */
  const warehouseDiagnosis = (promiseInMs: number) =>
    diagnosisIn(suite.stack, promiseInMs, {
      summary: 's',
      probableCause: 'p',
      responsibleParty: { kind: 'ours', name: 'Warehouse' },
    });

  const documentation = {
    rootCause: 'x',
    contributingFactors: [],
    responsibleParty: 'y',
    correctiveAction: 'z',
    preventiveAction: 'w',
  };

  /**
   * Runs a rejected action and proves it changed nothing: the error is a WorkflowUpdateFailedError
   * whose cause carries `message`, and the view, the history length and the e-mails are as before.
   */
  async function rejectedWithoutChange(
    c: { id: string; handle: WorkflowHandle },
    action: () => Promise<unknown>,
    message: RegExp,
  ): Promise<void> {
    await settled(c.handle);
    const before: CaseView = await view(c.handle);
    const historyBefore = (await c.handle.describe()).historyLength;
    const mailsBefore = (await mails(suite.stack, { caseId: c.id })).map((m) => m.MessageID);

    const err = await action().then(
      () => assert.fail('the action was accepted'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof WorkflowUpdateFailedError, `a WorkflowUpdateFailedError, got ${String(err)}`);
    assert.ok(err.cause instanceof ApplicationFailure, 'the cause is the validator’s failure');
    assert.match(err.cause.message, message);

    await settled(c.handle);
    assert.deepEqual(await view(c.handle), before, 'the case view is unchanged');
    // The real server drops the speculative workflow task of a rejected update; the test server
    // records it. Either way no command and no update event may follow the rejection.
    const added = (await c.handle.fetchHistory())
      .events!.slice(historyBefore)
      .map((e) => EventType[e.eventType!]);
    assert.deepEqual(
      added.filter((t) => !workflowTaskOnly.includes(t)),
      [],
      'nothing but an empty workflow task was written to history',
    );
    assert.deepEqual(
      (await mails(suite.stack, { caseId: c.id })).map((m) => m.MessageID),
      mailsBefore,
      'no e-mail went out',
    );
  }

  it('a resolution, an approval or documentation during diagnosis is rejected, naming the stage and the allowed actions', async () => {
    const c = await settledCase();
    const v = await view(c.handle);
    assert.equal(v.stage, 'diagnosis');
    const allowed = allowedActions('diagnosis', false).join(', ');
    assert.equal(
      allowed,
      'diagnosis, questions, progress, notes, reassignment, calls, task-completion, contact-details',
    );
    const names = (action: string) =>
      new RegExp(`"${action}" is not allowed while the case is in stage "diagnosis"; allowed: ${allowed}\\.`);

    await rejectedWithoutChange(
      c,
      () =>
        c.handle.executeUpdate(defs.resolutionUpdate, {
          args: [{ outcome: 'upheld', explanation: 'e', apology: 'a', remedy: { kind: 'replacement' } }],
        }),
      names('resolution'),
    );
    await rejectedWithoutChange(
      c,
      () =>
        c.handle.executeUpdate(defs.approvalUpdate, {
          args: [{ decision: 'approve', supervisorId: 'ewa-nowak' }],
        }),
      names('approval'),
    );
    await rejectedWithoutChange(
      c,
      () => c.handle.executeUpdate(defs.documentationUpdate, { args: [documentation] }),
      names('documentation'),
    );
    await rejectedWithoutChange(
      c,
      () =>
        c.handle.executeUpdate(defs.extensionUpdate, {
          args: [{ newExpectedBy: isoAt(Date.now() + 20 * DAY), reason: 'r' }],
        }),
      names('extension'),
    );
    await rejectedWithoutChange(
      c,
      () => c.handle.executeUpdate(defs.followUpUpdate, { args: [{ note: 'n' }] }),
      names('follow-up'),
    );
    // The case still works afterwards.
    const after = await c.handle.executeUpdate(defs.noteUpdate, { args: [{ text: 'Still here.' }] });
    assert.equal(after.stage, 'diagnosis');
  });

  it('an approval with nothing pending is rejected in progress, saying that nothing awaits approval', async () => {
    const c = await settledCase();
    await c.handle.executeUpdate(defs.diagnosisUpdate, {
      args: [await warehouseDiagnosis(5 * DAY)],
    });
    assert.equal((await view(c.handle)).stage, 'in-progress');
    const allowed = allowedActions('in-progress', false).join(', ');
    assert.ok(!allowed.includes('approval'));
    await rejectedWithoutChange(
      c,
      () =>
        c.handle.executeUpdate(defs.approvalUpdate, {
          args: [{ decision: 'reject', supervisorId: 'ewa-nowak' }],
        }),
      new RegExp(
        `nothing awaits approval, so "approval" is not allowed while the case is in stage "in-progress"; allowed: ${allowed}\\.`,
      ),
    );
    await rejectedWithoutChange(
      c,
      async () =>
        c.handle.executeUpdate(defs.diagnosisUpdate, {
          args: [await warehouseDiagnosis(5 * DAY)],
        }),
      /"diagnosis" is not allowed while the case is in stage "in-progress"/,
    );
  });
});
