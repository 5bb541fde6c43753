import { strict as assert } from 'node:assert';
import { loadPolicy } from '../../infra/policy-files';
import {
  extensionNeedsApproval,
  formalAcknowledgementRequired,
  isPoorScore,
  resolutionCallRequired,
  statutoryDeadline,
  surveyNeedsFollowUp,
  timingsFor,
} from '../../domain/rules';
import type { Policy } from '../../domain/types';

describe('policy rules', () => {
  let policy: Policy;
  before(() => {
    policy = loadPolicy('policy/default.json');
  });
  const withCall = (when: Policy['resolutionCall']['when']): Policy => ({
    ...policy,
    resolutionCall: { ...policy.resolutionCall, when },
  });

  it('resolution call: by default for every outcome (seed 003); "when-not-upheld" keeps the bad news personal', () => {
    for (const outcome of ['upheld', 'partially-upheld', 'rejected'] as const)
      assert.equal(resolutionCallRequired(outcome, policy), true);
    assert.equal(resolutionCallRequired('upheld', withCall('when-not-upheld')), false);
    assert.equal(resolutionCallRequired('partially-upheld', withCall('when-not-upheld')), true);
    assert.equal(resolutionCallRequired('rejected', withCall('when-not-upheld')), true);
    assert.equal(resolutionCallRequired('rejected', withCall('never')), false);
  });

  it('survey: a score at or below the threshold, or "still need help", needs a follow-up', () => {
    assert.equal(isPoorScore(2, policy), true);
    assert.equal(isPoorScore(3, policy), false);
    assert.equal(surveyNeedsFollowUp({ score: 1, stillNeedHelp: false }, policy), true);
    assert.equal(surveyNeedsFollowUp({ score: 2, stillNeedHelp: false }, policy), true);
    assert.equal(surveyNeedsFollowUp({ score: 3, stillNeedHelp: false }, policy), false);
    assert.equal(surveyNeedsFollowUp({ score: 5, stillNeedHelp: true }, policy), true);
    assert.equal(surveyNeedsFollowUp({}, policy), false);
  });

  it("extensions: the first two are the owner's call, the third needs a supervisor", () => {
    assert.equal(extensionNeedsApproval(0, policy), false);
    assert.equal(extensionNeedsApproval(1, policy), false);
    assert.equal(extensionNeedsApproval(2, policy), true);
    assert.equal(
      extensionNeedsApproval(0, policy, 15 * 86_400_000),
      true,
      'longer than the longest single extension',
    );
    assert.equal(extensionNeedsApproval(0, policy, 7 * 86_400_000), false);
  });

  it('formal acknowledgement letters for fax and letter complaints', () => {
    assert.equal(formalAcknowledgementRequired('fax', policy), true);
    assert.equal(formalAcknowledgementRequired('letter', policy), true);
    assert.equal(formalAcknowledgementRequired('email', policy), false);
  });

  it('statutory deadline: calendar days from receipt, with a warning before', () => {
    const received = Date.parse('2026-03-06T17:00:00Z');
    assert.deepEqual(statutoryDeadline(received, policy), {
      dueMs: Date.parse('2026-03-20T17:00:00Z'),
      warnAtMs: Date.parse('2026-03-18T17:00:00Z'),
      consequence: 'deemed-accepted',
    });
    assert.equal(statutoryDeadline(received, { ...policy, statutory: undefined }), undefined);
  });

  it('timings by priority', () => {
    assert.equal(timingsFor('urgent', policy).diagnosisMs, 4 * 3_600_000);
    assert.equal(timingsFor('normal', policy).diagnosisMs, 24 * 3_600_000);
  });
});
