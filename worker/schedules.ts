// Every Schedule the worker owns is created once and brought up to date on each start (spec, action,
// policies), so a changed interval or time zone reaches a running deployment without manual steps.
import { ScheduleAlreadyRunning, type Client, type ScheduleOptions } from '@temporalio/client';

export async function ensureSchedule(client: Client, options: ScheduleOptions): Promise<void> {
  try {
    await client.schedule.create(options);
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(options.scheduleId).update((previous) => ({
      ...previous,
      spec: options.spec,
      action: options.action,
      policies: { ...previous.policies, ...options.policies },
    }));
  }
}
