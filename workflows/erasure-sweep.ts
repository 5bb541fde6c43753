// One run of the automatic erasure (see activities/erasure.ts), started by a Temporal Schedule.
import { proxyActivities } from '@temporalio/workflow';
import type { ErasureActivities } from '../activities/erasure';

const { sweepErasures } = proxyActivities<ErasureActivities>({
  startToCloseTimeout: '10m',
  heartbeatTimeout: '1m',
  retry: { initialInterval: '10s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: 10 },
  summary: 'erase closed cases past their retention',
});

/** `afterCloseMs` overrides the policy file's erasure period (for a one-off sweep). */
export async function erasureSweepWorkflow(input?: { afterCloseMs?: number }): Promise<{ erased: number }> {
  const { erased } = await sweepErasures(input);
  return { erased: erased.length };
}
