// The case view's renamed fields (docs/api.md#renamed-fields): the answer says `promises` and a
// task's `promise`, and still carries the retired `deadlines` and `clock` with the same content, so a
// client written before keeps working — in the owner's full view and in another agent's restricted one.
import assert from 'node:assert/strict';
import { caseResponse } from '../../api/case-response';
import { caseResponseSchema } from '../../api/complaints/schemas';
import { caseView } from '../../domain/lifecycle';
import { Case } from '../helpers/lifecycle-case';

describe('the case view’s promises under their old names too', () => {
  // No e-mail address: the acknowledgement becomes a call task that keeps the acknowledgement promise.
  const c = new Case({ customer: { email: undefined } });
  const view = caseView(c.state, c.ctx());

  it('the owner’s full view: promises = deadlines, and each task’s promise = its clock', () => {
    const body = caseResponseSchema.parse(
      caseResponse(view, { role: 'agent', subject: view.owner.id, name: view.owner.name }),
    );
    assert.equal(body.view, 'full');
    if (body.view !== 'full') return;
    assert.ok(body.promises.some((p) => p.name === 'acknowledgement' && p.state === 'pending'));
    assert.deepEqual(body.deadlines, body.promises);
    const kept = body.tasks.filter((t) => t.promise !== undefined);
    assert.ok(
      kept.some((t) => t.promise === 'acknowledgement'),
      'the call task keeps the acknowledgement promise',
    );
    for (const t of body.tasks) assert.equal(t.clock, t.promise, t.id);
  });

  it('another agent’s restricted view: promises = deadlines', () => {
    const body = caseResponseSchema.parse(
      caseResponse(view, { role: 'agent', subject: 'someone-else', name: 'X' }),
    );
    assert.equal(body.view, 'restricted');
    if (body.view !== 'restricted') return;
    assert.ok(body.promises.length > 0);
    assert.deepEqual(body.deadlines, body.promises);
  });
});
