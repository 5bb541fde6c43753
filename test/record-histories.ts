// Records the histories of complete cases on the time-skipping server into test/fixtures/histories/.
// The replay test replays them with the current workflow code: a change that would break cases
// already running fails CI. `complaintWorkflowV2.<name>.<n>.json` were recorded before payload encryption
// and the patches; `complaintWorkflowV2.<date>.<name>.<n>.json` are recorded with today's code, every
// patch on, encrypted with the keys kept in test/fixtures/history-keys (test keys, synthetic data),
// which the replay test reads from a copy. Record again only after a deliberate, patched() change:
//   npm run build && node dist/test/record-histories.js [--tag 2026-11-27]
import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { fromRoot } from '../infra/paths';
import * as defs from '../workflows/definitions';
import { OwnerLoad } from '../api/owner-load';
import {
  callBackOnIntake,
  complaintRequest,
  diagnosisIn,
  DAY,
  HOUR,
  openTask,
  stageIs,
  start,
  tellOutcomeByPhone,
  withdrawAndDocument,
  type StartOptions,
} from './helpers/complaints';
import { timeSkippingEnvironment, workerStack, type TestStack } from './helpers/stack';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

type Scenario = (
  stack: TestStack,
  env: TestWorkflowEnvironment,
) => Promise<{ name: string; workflowId: string }>;

const diagnosis = (days: number) => ({
  summary: 'The courier damaged the parcel.',
  probableCause: 'Rough handling',
  responsibleParty: { kind: 'third-party' as const, name: 'FastCourier' },
  expectedResolutionBy: new Date(Date.now() + days * DAY).toISOString(),
});
const documentation = {
  rootCause: 'Parcel crushed at the depot',
  contributingFactors: ['packaging'],
  responsibleParty: 'FastCourier',
  correctiveAction: 'Replacement sent',
  preventiveAction: 'Double boxing',
};

/** As the API starts a case: the owner chosen at intake travels in the input ('owner-at-intake'). */
const startCase = (stack: TestStack, opts: StartOptions = {}) =>
  start(stack, complaintRequest(), { owners: new OwnerLoad(stack.client), ...opts });

// Since ruleset 2 (patch 'seed-promises'): the owner calls back, every outcome is told by phone on
// its task, withdrawn cases are documented, and a closed case waits out its reopen window.
const scenarios: Scenario[] = [
  async (stack) => {
    const c = await startCase(stack);
    await callBackOnIntake(c.handle);
    await c.handle.executeUpdate(defs.diagnosisUpdate, { args: [diagnosis(5)] });
    await c.handle.executeUpdate(defs.progressUpdate, {
      args: [{ message: 'A replacement is on its way.', customerVisible: true }],
    });
    await c.handle.executeUpdate(defs.resolutionUpdate, {
      args: [
        {
          outcome: 'upheld',
          explanation: 'Broken in transit.',
          apology: 'We are sorry.',
          remedy: { kind: 'replacement' },
        },
      ],
    });
    await tellOutcomeByPhone(c.handle);
    await c.handle.executeUpdate(defs.documentationUpdate, { args: [documentation] });
    await c.handle.signal(defs.surveyAnswerSignal, { score: 5, stillNeedHelp: false });
    await c.handle.result();
    return { name: 'upheld-replacement', workflowId: c.handle.workflowId };
  },
  async (stack, env) => {
    const c = await startCase(stack);
    await stageIs(c.handle, 'diagnosis');
    await c.handle.executeUpdate(defs.questionsUpdate, { args: [{ questions: ['When did it arrive?'] }] });
    await env.sleep(4 * DAY);
    await c.handle.signal(defs.customerMessageSignal, { text: 'On Monday.', via: 'email', messageId: 'r1' });
    await stageIs(c.handle, 'diagnosis');
    await c.handle.executeUpdate(defs.diagnosisUpdate, { args: [diagnosis(20)] });
    await env.sleep(5 * DAY); // two system updates
    await c.handle.executeUpdate(defs.extensionUpdate, {
      args: [
        { newExpectedBy: new Date(Date.now() + 30 * DAY).toISOString(), reason: 'Waiting for the courier' },
      ],
    });
    await c.handle.executeUpdate(defs.resolutionUpdate, {
      args: [
        {
          outcome: 'rejected',
          explanation: 'The damage happened after delivery.',
          apology: 'We are sorry we cannot help more.',
          remedy: { kind: 'none' },
        },
      ],
    });
    const call = await openTask(c.handle, 'resolution-call');
    for (let i = 0; i < 3; i++)
      await c.handle.executeUpdate(defs.callUpdate, { args: [{ reached: false, taskId: call.id }] });
    await c.handle.signal(defs.surveyAnswerSignal, { score: 1, comment: 'Unhappy', stillNeedHelp: true });
    await stageIs(c.handle, 'follow-up');
    await c.handle.executeUpdate(defs.followUpUpdate, { args: [{ note: 'Called again and explained.' }] });
    await env.sleep(8 * DAY); // the second survey goes unanswered
    await stageIs(c.handle, 'documentation');
    await c.handle.executeUpdate(defs.documentationUpdate, { args: [documentation] });
    await c.handle.result();
    return { name: 'rejected-call-follow-up', workflowId: c.handle.workflowId };
  },
  async (stack, env) => {
    const c = await startCase(stack);
    await stageIs(c.handle, 'diagnosis');
    await env.sleep(3 * DAY + HOUR); // missed diagnosis: escalates through the levels
    await c.handle.executeUpdate(defs.diagnosisUpdate, { args: [diagnosis(10)] });
    await c.handle.executeUpdate(defs.resolutionUpdate, {
      args: [
        {
          outcome: 'upheld',
          explanation: 'Late delivery.',
          apology: 'Sorry for the wait.',
          remedy: { kind: 'voucher', percent: 50, validityDays: 90 },
        },
      ],
    });
    await c.handle.executeUpdate(defs.approvalUpdate, {
      args: [{ decision: 'reject', note: 'Too much', supervisorId: 'ewa-nowak' }],
    });
    await c.handle.executeUpdate(defs.resolutionUpdate, {
      args: [
        {
          outcome: 'upheld',
          explanation: 'Late delivery.',
          apology: 'Sorry for the wait.',
          remedy: { kind: 'voucher', percent: 15 },
        },
      ],
    });
    await env.sleep(5 * HOUR); // no call with the outcome: a recorded miss, a supervisor decides
    await c.handle.executeUpdate(defs.approvalUpdate, {
      args: [{ decision: 'approve', note: 'Unreachable', supervisorId: 'ewa-nowak' }],
    });
    await env.sleep(8 * DAY);
    await c.handle.executeUpdate(defs.documentationUpdate, { args: [documentation] });
    await c.handle.result();
    return { name: 'escalated-approval', workflowId: c.handle.workflowId };
  },
  async (stack, env) => {
    const c = await startCase(stack, { historyEventLimit: 60 });
    await stageIs(c.handle, 'diagnosis');
    await c.handle.signal(defs.bounceSignal, { email: c.email!, type: 'HardBounce', inactive: true });
    for (let i = 0; i < 20; i++)
      await c.handle.signal(defs.customerMessageSignal, {
        text: `Message ${i}`,
        via: 'portal',
        messageId: `m${i}`,
      });
    await env.sleep(HOUR);
    await withdrawAndDocument(stack, c.handle);
    await c.handle.result();
    return { name: 'bounce-withdrawal-continued', workflowId: c.handle.workflowId };
  },
  async (stack, env) => {
    // A letter complaint answered on paper; unanswered questions close it; the reply reopens it.
    const c = await start(
      stack,
      complaintRequest({
        channel: 'letter',
        customer: {
          name: 'Jan Nowak',
          phone: '+48 600 200 300',
          postalAddress: { lines: ['ul. Długa 1', '00-001 Warszawa'] },
          language: 'pl',
        },
      }),
      { owners: new OwnerLoad(stack.client) },
    );
    const letter = await openTask(c.handle, 'paper', 'acknowledgement');
    await c.handle.executeUpdate(defs.taskCompletionUpdate, { args: [{ taskId: letter.id, by: 'x' }] });
    await callBackOnIntake(c.handle);
    await c.handle.executeUpdate(defs.questionsUpdate, { args: [{ questions: ['When did it arrive?'] }] });
    await env.sleep(7 * DAY + HOUR);
    await stageIs(c.handle, 'documentation');
    const closing = await openTask(c.handle, 'paper', 'no-response');
    await c.handle.executeUpdate(defs.taskCompletionUpdate, { args: [{ taskId: closing.id, by: 'x' }] });
    await c.handle.executeUpdate(defs.documentationUpdate, { args: [documentation] });
    await stageIs(c.handle, 'closed');
    await env.sleep(DAY);
    await c.handle.signal(defs.customerMessageSignal, {
      text: 'On Monday.',
      via: 'email',
      messageId: 'late',
    });
    await stageIs(c.handle, 'diagnosis');
    await c.handle.executeUpdate(defs.diagnosisUpdate, { args: [await diagnosisIn(stack, 5 * DAY)] });
    await withdrawAndDocument(stack, c.handle);
    await c.handle.result();
    return { name: 'paper-reopened', workflowId: c.handle.workflowId };
  },
];

async function main(): Promise<void> {
  const tagAt = process.argv.indexOf('--tag');
  const tag = tagAt > 0 ? process.argv[tagAt + 1] : new Date().toISOString().slice(0, 10);
  process.env.COMPLAINT_TEST_KEYS_DIR = fromRoot('test', 'fixtures', 'history-keys');
  Runtime.install({
    logger: new DefaultLogger(process.env.RECORD_LOG === 'warn' ? 'WARN' : 'ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
  const dir = fromRoot('test', 'fixtures', 'histories');
  fs.mkdirSync(dir, { recursive: true });
  for (const scenario of scenarios) {
    // One environment per scenario: time-skipping time is global to an environment.
    const env = await timeSkippingEnvironment();
    const stack = await workerStack({ env, client: env.client, nativeConnection: env.nativeConnection });
    try {
      await stack.run(async () => {
        const { name, workflowId } = await scenario(stack, env);
        // Every run of the case, walking back from the last: a continued-as-new case has several.
        const runs = [];
        let runId: string | undefined = (await env.client.workflow.getHandle(workflowId).describe()).runId;
        while (runId) {
          const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
          runs.unshift(history);
          runId =
            history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ||
            undefined;
        }
        runs.forEach((history, i) =>
          // Named by workflow type and tag: earlier recordings stay as they were.
          fs.writeFileSync(
            path.join(dir, `${defs.currentComplaintWorkflowType}.${tag}.${name}.${i + 1}.json`),
            historyToJSON(history),
          ),
        );
        console.log(`recorded ${name}`);
      });
    } finally {
      await stack.close();
      await env.teardown();
    }
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
