// The archive of closed cases' complete histories (activities/records.ts). A case writes its closing
// record just before it completes, so its history is only complete after that: the case cannot
// archive itself. Two ways in, one workflow type:
// - a closing case asks for an archive (signal-with-start on archiveOnCloseWorkflowId); the run
//   waits a little, archives every closed case whose workflow has completed, and ends once no case
//   asked again meanwhile and none is left waiting — so it exists only while cases close;
// - the Schedule complaint-desk-archive-sweep runs it rarely (ARCHIVE_SWEEP_EVERY, 6 h) for cases
//   whose request was lost (Temporal unreachable at that moment) or that completed long after their
//   closing record.
import { condition, continueAsNew, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { RecordActivities } from '../activities/records';
import { archiveRequestedSignal } from './definitions';

const { archiveClosedCases } = proxyActivities<RecordActivities>({
  startToCloseTimeout: '10m',
  heartbeatTimeout: '1m',
  retry: { initialInterval: '10s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: 10 },
  summary: 'archive the histories of closed cases',
});

/** How long a requested run waits for the closing cases' workflows to complete. */
const SETTLE = '15 seconds';
/** A case still running after its closing record is looked at this many more times, then left to the Schedule. */
const WAITING_ROUNDS = 3;
/** Rounds before a busy run continues as new (keeps its history short). */
const ROUNDS_PER_RUN = 100;

export async function archiveSweepWorkflow(input?: {
  /** Carried over continue-as-new: cases asked during the last round of the previous run. */
  requested?: boolean;
}): Promise<{ archived: number; waiting: number }> {
  let requested = input?.requested ?? false;
  setHandler(archiveRequestedSignal, () => void (requested = true));
  let archived = 0;
  let waiting = 0;
  let waitingRounds = 0;
  for (let round = 0; round < ROUNDS_PER_RUN; round++) {
    // A signal-with-start delivers its signal before the first task: the request to settle first.
    if (requested) await sleep(SETTLE);
    const asked = requested;
    requested = false;
    const result = await archiveClosedCases();
    archived += result.archived;
    waiting = result.waiting;
    waitingRounds = result.waiting > 0 ? waitingRounds + 1 : 0;
    if (!requested && (waiting === 0 || waitingRounds > WAITING_ROUNDS || !asked)) break;
    if (!requested) await condition(() => requested, SETTLE);
  }
  if (requested) return continueAsNew<typeof archiveSweepWorkflow>({ requested: true });
  return { archived, waiting };
}
