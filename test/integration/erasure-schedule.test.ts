// The automatic erasure on its own dev server: the sweep erases every closed case past the period
// it is given, so it must not share a namespace with tests that still read their closed cases.
import assert from 'node:assert/strict';
import { caseResponseSchema } from '../../api/complaints/schemas';
import { hashKey } from '../../api/keys';
import { send, startApiStack, type ApiStack } from '../helpers/api-stack';
import { complaintRequest, eventually, start, withdrawAndComplete } from '../helpers/complaints';

describe('automatic erasure (integration)', function () {
  this.timeout(120_000);
  let stack: ApiStack;
  let baseUrl: string;

  before(async function () {
    this.timeout(180_000);
    stack = await startApiStack();
    baseUrl = await stack.serve({
      keys: () => [
        { hash: hashKey('erasure-supervisor'), role: 'supervisor', subject: 'ewa-nowak', name: 'S' },
      ],
    });
  });
  after(async () => {
    await stack?.close();
  });

  it('a Temporal Schedule erases closed cases past their retention', async () => {
    const c = await start(stack, complaintRequest(), { policy: stack.policy });
    await withdrawAndComplete(stack, c.handle);
    const scheduleId = `erasure-test-${Date.now()}`;
    const schedule = await stack.client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every: '1h' }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'erasureSweepWorkflow',
        workflowId: `${scheduleId}-run`,
        taskQueue: stack.taskQueue,
        args: [{ afterCloseMs: 1 }],
      },
    });
    try {
      await schedule.trigger();
      const seen = await eventually(
        async () => {
          const reply = await send(`${baseUrl}/complaints/${c.id}`, {
            method: 'GET',
            key: 'erasure-supervisor',
          });
          const view = caseResponseSchema.parse(reply.json);
          return view.view === 'erased' ? view : undefined;
        },
        'the automatic erasure',
        60_000,
      );
      assert.equal(seen.erasure.erasedBy, 'retention');
      assert.equal(seen.erasure.keyDestroyed, true);
    } finally {
      await schedule.delete();
    }
  });
});
