// `npm run demo`'s team on a real dev server and the demo policy (durations in seconds): generated
// complaints run to complete, closed cases with nobody typing a request. A real-time simulation of
// about two minutes, so in the extended tier; the lifecycle it plays is the workflow suite's.
import assert from 'node:assert/strict';
import type { CaseView } from '../../domain/case';
import { startDemoTeam } from '../../scripts/simulation/demo-team';
import { eventually, mails, shippedPolicy, view } from '../helpers/complaints';
import { startApiStack, type ApiStack } from '../helpers/api-stack';
import { EXTENDED } from '../helpers/tier';

describe(`the demo plays itself (dev server, demo policy) ${EXTENDED}`, function () {
  this.timeout(420_000);
  let stack: ApiStack;
  before(async () => {
    stack = await startApiStack();
  });
  after(async () => stack?.close());

  it('runs generated complaints through the whole lifecycle to closed cases by itself', async () => {
    const moves: string[] = [];
    const errors: unknown[] = [];
    // This seed's three cases between them ask questions, extend, call with an unfavourable outcome
    // and follow up a poor score (casePlan of each): the whole story the demo promises.
    const demo = startDemoTeam({
      client: stack.client,
      taskQueue: stack.taskQueue,
      policy: shippedPolicy('demo'),
      roster: stack.roster,
      seed: 'ci-demo-1',
      complaints: 3,
      everyMs: 3_000,
      tickMs: 500,
      onMove: (id, m, outcome) => moves.push(`${id} ${m.kind === 'action' ? m.action : m.kind} ${outcome}`),
      onError: (err) => errors.push(err),
    });
    let views: CaseView[];
    try {
      views = await eventually(
        async () => {
          if (demo.generated.length < 3) return undefined;
          const vs = await Promise.all(demo.generated.map((id) => view(stack.client.workflow.getHandle(id))));
          return vs.every((v) => v.stage === 'closed') ? vs : undefined;
        },
        'the three demo cases to close',
        360_000,
      );
    } finally {
      await demo.stop();
    }
    assert.deepEqual(errors, []);
    for (const v of views) {
      assert.equal(v.closure, 'resolved', `${v.reference}: ${moves.join('; ')}`);
      assert.equal(v.clocks.acknowledgement.state, 'met');
      assert.ok(v.diagnosis, 'diagnosed');
      assert.ok(v.resolution && v.letterSentAt, 'decided, and the letter sent');
      assert.ok(v.surveyAnswers.length >= 1, 'the survey answered');
      assert.ok(v.documentation, 'documented');
      assert.equal((await mails(stack, { caseId: v.complaintId, kind: 'acknowledgement' })).length, 1);
      assert.equal((await mails(stack, { caseId: v.complaintId, kind: 'resolutionLetter' })).length, 1);
    }
    assert.ok(
      views.some((v) => v.questions?.answeredAt),
      'questions asked and answered',
    );
    assert.ok(
      views.some((v) => v.updatesSent.byOwner > 0),
      'the owner wrote updates',
    );
    assert.ok(
      views.some((v) => v.extensions.length > 0),
      'a promised date extended',
    );
    assert.ok(
      views.some((v) => v.resolutionCall?.reached),
      'an unfavourable outcome told by phone',
    );
    assert.ok(
      views.some((v) => v.followUp?.doneAt),
      'a poor survey answer followed up',
    );
  });
});
