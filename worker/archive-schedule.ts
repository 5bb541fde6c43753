// The Schedule that archives closed cases' histories (workflows/archive-sweep.ts); created once,
// brought up to date on every worker start. Visible in the Web UI as complaint-desk-archive-sweep.
import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { ensureSchedule } from './schedules';
import type { Config } from '../infra/config';

export const archiveScheduleId = 'complaint-desk-archive-sweep';

export async function ensureArchiveSchedule(client: Client, config: Config): Promise<void> {
  const options = {
    scheduleId: archiveScheduleId,
    spec: { intervals: [{ every: config.ARCHIVE_SWEEP_EVERY as `${number}${'s' | 'm' | 'h' | 'd'}` }] },
    action: {
      type: 'startWorkflow' as const,
      workflowType: 'archiveSweepWorkflow',
      workflowId: archiveScheduleId,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1h' as const },
    memo: { purpose: 'Archives the complete event history of every closed case in the case store.' },
  };
  await ensureSchedule(client, options);
}
