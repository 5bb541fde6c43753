// History stays bounded: a chatty case continues as new and keeps its whole state.
import assert from 'node:assert/strict';
import * as defs from '../../workflows/definitions';
import {
  complaintRequest,
  DAY,
  diagnosisIn,
  eventually,
  mails,
  stageIs,
  start,
  view,
  withdrawAndDocument,
} from '../helpers/complaints';
import { timeSkippingSuite } from '../helpers/stack';

describe('complaint lifecycle: continue-as-new', function () {
  const suite = timeSkippingSuite();

  it('continues as new when the history grows, without losing messages, clocks or an action in flight', async () => {
    // A low limit so a test needs tens of events, not thousands.
    const c = await start(suite.stack, complaintRequest(), { historyEventLimit: 60 });
    await stageIs(c.handle, 'diagnosis');
    const firstRun = (await c.handle.describe()).runId;
    const diagnosis = c.handle.executeUpdate(defs.diagnosisUpdate, {
      args: [
        await diagnosisIn(suite.stack, 10 * DAY, {
          summary: 'Checking with the courier.',
          probableCause: 'Transport',
        }),
      ],
    });
    for (let i = 1; i <= 30; i++) {
      await c.handle.signal(defs.customerMessageSignal, {
        text: `Message ${i}`,
        via: 'portal',
        messageId: `m-${i}`,
      });
    }
    const afterUpdate = await diagnosis;
    assert.equal(afterUpdate.clocks.diagnosis.state, 'met');
    const v = await eventually(
      async () => {
        const x = await view(c.handle);
        return x.timeline.filter((e) => e.kind === 'customer-message').length === 30 && x.continuedAsNew > 0
          ? x
          : undefined;
      },
      'all 30 messages after continue-as-new',
      60_000,
    );
    assert.notEqual((await c.handle.describe()).runId, firstRun, 'a new run carries the case');
    assert.equal(v.stage, 'in-progress');
    assert.equal(v.clocks.diagnosis.state, 'met');
    assert.equal(v.clocks.acknowledgement.state, 'met');
    assert.ok(v.diagnosis, 'the diagnosis survived');
    // A message repeated after continue-as-new is still recognised.
    await c.handle.signal(defs.customerMessageSignal, {
      text: 'Message 1',
      via: 'portal',
      messageId: 'm-1',
    });
    await eventually(
      async () => (await mails(suite.stack, { caseId: c.id, kind: 'customerMessageNotice' })).length === 30,
      'owner notices',
    );
    assert.equal((await view(c.handle)).timeline.filter((e) => e.kind === 'customer-message').length, 30);
    // The customer was acknowledged once, whatever the number of runs.
    assert.equal((await mails(suite.stack, { caseId: c.id, kind: 'acknowledgement' })).length, 1);
    const record = await withdrawAndDocument(suite.stack, c.handle);
    assert.equal(record.closure, 'withdrawn');
  });
});
