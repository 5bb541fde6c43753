// The benchmark worker's workflow bundle: the real complaint workflow plus a no-op to compare start
// rates against. Only bench/lifecycle.ts loads this file; the production bundle (workflows/index.ts)
// never contains the no-op.
export { complaintWorkflow, complaintWorkflowV2 } from '../workflows';

/** Does nothing: one workflow task, then completes. The baseline for "starts per second". */
export function noopWorkflow(): Promise<void> {
  return Promise.resolve();
}
