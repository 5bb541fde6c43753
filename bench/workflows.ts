// The benchmark worker's workflow bundle: the real complaint workflow plus a no-op to compare start
// rates against, and a sleeper for the SDK's own replay cost per workflow task. Only the benchmarks
// load this file; the production bundle (workflows/index.ts) never contains them.
import { sleep } from '@temporalio/workflow';

export { complaintWorkflowV2 } from '../workflows';

/** Does nothing: one workflow task, then completes. The baseline for "starts per second". */
export function noopWorkflow(): Promise<void> {
  return Promise.resolve();
}

/** Sleeps `tasks` times: a history of that many workflow tasks with no logic of ours in between. */
export async function sleeperWorkflow(tasks: number): Promise<void> {
  for (let i = 0; i < tasks; i++) await sleep(1000);
}
