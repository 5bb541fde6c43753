// Trend alerts every hour and the weekly team review every Monday, each a small workflow started by
// its Temporal Schedule (worker/insights-schedules.ts), so every run shows in the Web UI.
import { proxyActivities, type RetryPolicy } from '@temporalio/workflow';
import type { InsightsActivities } from '../activities/insights';

const retry: RetryPolicy = {
  initialInterval: '10s',
  backoffCoefficient: 2,
  maximumInterval: '5m',
  maximumAttempts: 10,
};

const { detectTrends } = proxyActivities<InsightsActivities>({
  startToCloseTimeout: '10m',
  retry,
  summary: 'detect complaint trends',
});
const { sendTrendAlert } = proxyActivities<InsightsActivities>({
  startToCloseTimeout: '2m',
  retry,
  summary: 'alert the head of customer service and quality',
});
const { sendWeeklyReview } = proxyActivities<InsightsActivities>({
  startToCloseTimeout: '10m',
  retry,
  summary: 'build and e-mail the weekly team review',
});

/** One detection run as of the Schedule's time; then one e-mail per trend alert nobody was told about. */
export async function trendDetectionWorkflow(): Promise<{
  opened: string[];
  alerted: string[];
  series: number;
}> {
  const run = await detectTrends({ at: new Date().toISOString() });
  for (const alertId of run.toAlert) await sendTrendAlert({ alertId });
  return { opened: run.opened, alerted: run.toAlert, series: run.series };
}

/** The review of the ISO week just ended (or of `week`), e-mailed to the team. */
export async function weeklyReviewWorkflow(input?: {
  week?: string;
}): Promise<{ week: string; sent: number }> {
  return sendWeeklyReview({ at: new Date().toISOString(), week: input?.week });
}
