// Refuses a workflow task that runs with a stale clock, so a retry replays it with the true one.
//
// SDK core 1.24 can hand a worker a new task with the previous task's time: the worker took the case
// into its cache by answering a query while the task's first worker was dead (its sticky task timed
// out). Every decision of that task then reads an old Date.now(), while any later replay reads the
// task's own time — and decides otherwise (a promise met on time, or late; a deadline due, or not),
// so the history stops replaying (test/integration/stale-clock.test.ts reproduces it every run).
//
// A new workflow task always starts later than the one before it: its time cannot stay put while the
// history grows. When it does on a live (not replayed) task, the activation is failed before any
// handler or timer runs. Temporal then retries the task; the worker, which evicted the case, replays
// the whole history and runs the task with its real time. Nothing is decided on the stale clock.
import { log, type WorkflowInterceptorsFactory } from '@temporalio/workflow';

export const interceptors: WorkflowInterceptorsFactory = () => {
  let lastTask = { historyLength: 0, time: -Infinity };
  return {
    internals: [
      {
        activate(input, next) {
          const { activation } = input;
          // Queries carry no time and change nothing.
          if (activation.timestamp) {
            const { seconds, nanos } = activation.timestamp;
            // To the nanosecond: two real tasks never start at the same instant, a stale one does.
            const time = Number(seconds ?? 0) * 1000 + (nanos ?? 0) / 1e6;
            const historyLength = activation.historyLength ?? 0;
            if (historyLength > lastTask.historyLength) {
              if (!activation.isReplaying && time <= lastTask.time) {
                log.warn('stale workflow clock: the task is failed so that a replay runs it', {
                  historyLength,
                  taskTime: new Date(Math.floor(time)).toISOString(),
                });
                throw new Error(
                  `Stale workflow clock: this task's time (${new Date(Math.floor(time)).toISOString()}) is not after the previous task's; failing the task so a replay runs it with its own time`,
                );
              }
              lastTask = { historyLength, time };
            }
          }
          return next(input);
        },
      },
    ],
  };
};
