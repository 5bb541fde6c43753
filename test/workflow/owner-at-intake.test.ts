// The owner chosen at intake (api/owner-load.ts) travels in the workflow input: the case takes it
// without counting open cases; an input without it (every case started before) still counts.
import assert from 'node:assert/strict';
import { chooseOwner } from '../../domain/owner';
import { acknowledgement, complaintRequest, start, view } from '../helpers/complaints';
import { Worker } from '@temporalio/worker';
import { testDataConverter, timeSkippingSuite, workflowBundle } from '../helpers/stack';

describe('owner chosen at intake (time-skipping server)', function () {
  const suite = timeSkippingSuite();

  async function historyOf(handle: { fetchHistory(): Promise<{ events?: unknown[] | null }> }) {
    return JSON.stringify((await handle.fetchHistory()).events ?? []);
  }

  /** The ids of the patches a history recorded (the SDK writes a marker's details past the codec). */
  async function patchIds(handle: {
    fetchHistory(): Promise<{
      events?:
        | {
            markerRecordedEventAttributes?: {
              markerName?: string | null;
              details?: Record<string, { payloads?: { data?: Uint8Array | null }[] | null }> | null;
            } | null;
          }[]
        | null;
    }>;
  }): Promise<string[]> {
    const ids: string[] = [];
    for (const e of (await handle.fetchHistory()).events ?? []) {
      const m = e.markerRecordedEventAttributes;
      if (m?.markerName !== 'core_patch') continue;
      for (const p of Object.values(m.details ?? {}).flatMap((d) => d.payloads ?? [])) {
        const text = Buffer.from(p.data ?? []).toString('utf8');
        const id = /"id":"([a-z0-9-]+)"/.exec(text)?.[1] ?? /^"([a-z0-9-]+)"$/.exec(text)?.[1];
        if (id) ids.push(id);
      }
    }
    return ids;
  }

  it('takes the owner from the input: no open-case count, a patch marker, the owner in the acknowledgement', async () => {
    // Anna is busy here, so the rules pick the next English speaker handling delivery (by id: Kadri).
    const busy = { 'anna-kowalska': 7 };
    const c = await start(suite.stack, complaintRequest({ channel: 'web' }), {
      owners: {
        choose: (roster, need) => Promise.resolve(chooseOwner(roster, need, busy)),
        release: () => undefined,
      },
    });
    const ack = await acknowledgement(suite.stack, c.id);
    const v = await view(c.handle);
    assert.equal(v.owner.id, 'kadri-tamm');
    assert.ok(ack.TextBody.includes(v.owner.name), 'the acknowledgement names the chosen owner');
    assert.match(v.ownerHistory[0].reason, /handles delivery; 0 open cases/);
    const history = await historyOf(c.handle);
    assert.ok(!history.includes('countOpenCases'), 'no visibility count in the history');
    // The marker's details (the patch id) are encrypted like every payload; its name is not.
    assert.ok((await patchIds(c.handle)).includes('owner-at-intake'), 'the patch marker is recorded');
    // The new path replays deterministically with the production bundle (as an evicted case wakes).
    await Worker.runReplayHistory(
      { workflowBundle: await workflowBundle(), dataConverter: testDataConverter() },
      await c.handle.fetchHistory(),
      c.handle.workflowId,
    );
  });

  it('still counts open cases for an input without an owner (cases started before)', async () => {
    const c = await start(suite.stack, complaintRequest({ channel: 'web' }));
    await acknowledgement(suite.stack, c.id);
    const history = await historyOf(c.handle);
    assert.ok(history.includes('countOpenCases'), 'the old path counts');
    const ids = await patchIds(c.handle);
    assert.ok(ids.length > 0, 'the markers of the other patches are read');
    assert.ok(!ids.includes('owner-at-intake'), 'no owner-at-intake marker on the old path');
  });
});
