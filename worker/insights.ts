// Trend alerts and the weekly team review in the worker: their activities (on the case store, opened
// on first use) and their Schedules — trend detection every hour, the review on Mondays at 08:00 in the
// team's time zone — created once and brought up to date at every start, like the erasure sweep.
import { ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { createEmailActivities, createPostmarkClient } from '../activities/email';
import { pgEmailLedger } from '../activities/email-ledger-pg';
import { createInsightsActivities } from '../activities/insights';
import { teamTimeZone } from '../domain/insights/week';
import { loadPolicy, loadRoster } from '../infra/policy-files';
import { ensureSchedule } from './schedules';
import type { Policy } from '../domain/types';
import type { Config } from '../infra/config';
import type { Store } from '../infra/store/db';
import { lazyStore } from '../infra/store/lazy';

export function insightsActivitiesFor(config: Config, store?: () => Promise<Store>) {
  const openStore = store ?? lazyStore(config);
  return createInsightsActivities({
    store: openStore,
    email: createEmailActivities({
      postmark: createPostmarkClient({
        serverToken: config.POSTMARK_SERVER_TOKEN,
        sandboxUrl: config.postmarkSandboxUrl,
      }),
      ledger: pgEmailLedger(openStore),
      defaultFrom: config.POSTMARK_FROM,
    }),
    policy: () => loadPolicy(config.COMPLAINT_POLICY),
    roster: () => loadRoster(config.COMPLAINT_ROSTER),
  });
}

export const TREND_SCHEDULE_ID = 'complaint-desk-trend-alerts';
export const WEEKLY_REVIEW_SCHEDULE_ID = 'complaint-desk-weekly-review';

export function insightsSchedules(taskQueue: string, policy: Policy): ScheduleOptions[] {
  return [
    {
      scheduleId: TREND_SCHEDULE_ID,
      spec: { intervals: [{ every: '1h' }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'trendDetectionWorkflow',
        workflowId: TREND_SCHEDULE_ID,
        taskQueue,
      },
      // A missed hour is not worth catching up: the next run sees the same data and more.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1h' },
      memo: {
        purpose:
          'Hourly trend detection over the case store (Poisson CUSUM per series); e-mails each trend alert once.',
      },
    },
    {
      scheduleId: WEEKLY_REVIEW_SCHEDULE_ID,
      spec: { calendars: [{ dayOfWeek: 'MONDAY', hour: 8 }], timezone: teamTimeZone(policy) },
      action: {
        type: 'startWorkflow',
        workflowType: 'weeklyReviewWorkflow',
        workflowId: WEEKLY_REVIEW_SCHEDULE_ID,
        taskQueue,
      },
      // A worker down on Monday morning still sends the review when it is back that day.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1d' },
      memo: { purpose: 'The weekly team review of the ISO week just ended, e-mailed to the team.' },
    },
  ];
}

export async function ensureInsightsSchedules(
  client: Client,
  taskQueue: string,
  policy: Policy,
): Promise<void> {
  for (const options of insightsSchedules(taskQueue, policy)) {
    await ensureSchedule(client, options);
  }
}
