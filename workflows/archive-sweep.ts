// One run of the archive sweep (activities/records.ts), started by a Temporal Schedule: archives the
// complete history of every case that closed since, once its workflow has completed. A case writes
// its closing record just before it completes, so its history is only complete after that: the
// sweep, not the case, archives it.
import { proxyActivities } from '@temporalio/workflow';
import type { RecordActivities } from '../activities/records';

const { archiveClosedCases } = proxyActivities<RecordActivities>({
  startToCloseTimeout: '10m',
  heartbeatTimeout: '1m',
  retry: { initialInterval: '10s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: 10 },
  summary: 'archive the histories of closed cases',
});

export async function archiveSweepWorkflow(): Promise<{ archived: number; waiting: number }> {
  return archiveClosedCases();
}
