// The automatic erasure: closed cases whose retention (the policy's erasure.afterClose) has passed
// lose their personal data, as on request (infra/erasure.ts). Run by the erasure sweep workflow on a
// Temporal Schedule, so operators see every run in the Web UI.
import { heartbeat, log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { eraseCase, type ErasureDeps } from '../infra/erasure';
import { describeRun, listRuns } from '../infra/runs';
import { complaintTypesClause, complaintWorkflowId } from '../domain/workflow-ids';
import { closedRecordsToErase, type Store } from '../infra/store';

export interface ErasureActivities {
  /**
   * Erases every case closed longer than the retention ago (the current policy file's, unless given);
   * returns the complaint ids erased now.
   */
  sweepErasures(input?: { afterCloseMs?: number }): Promise<{ erased: string[] }>;
}

const prefix = complaintWorkflowId('');

export function createErasureActivities(deps: {
  client?: Client;
  erasure: ErasureDeps;
  /**
   * The case store: cases Temporal has forgotten (its retention is far shorter than the erasure
   * period) are found there, so their archived personal data is erased on time too.
   */
  store?: Store;
  /** Read at every sweep, so a changed policy file applies from the next run. */
  afterCloseMs: () => number;
}): ErasureActivities {
  return {
    async sweepErasures(input) {
      const client = deps.client;
      if (!client) return { erased: [] };
      const before = new Date(Date.now() - (input?.afterCloseMs ?? deps.afterCloseMs())).toISOString();
      // Closed runs only; a run that continued as new is not the end of its case.
      const query =
        `${complaintTypesClause} AND CloseTime < '${before}' AND ` +
        `ExecutionStatus IN ('Completed', 'Failed', 'Terminated', 'Canceled', 'TimedOut')`;
      const erased: string[] = [];
      // listRuns/describeRun, not the SDK's list()/describe(): those decode memos, and an erased
      // case's memo (encrypted before memos were kept in clear) would fail every later sweep.
      for await (const run of listRuns(client, query)) {
        heartbeat();
        if (!run.workflowId.startsWith(prefix)) continue;
        const complaintId = run.workflowId.slice(prefix.length);
        if (await deps.erasure.register.get(complaintId)) continue;
        // The latest run decides: a case reopened under the same id would still be running.
        const latest = await describeRun(client, run.workflowId);
        if (latest.status === 'RUNNING') continue;
        await eraseCase(deps.erasure, {
          complaintId,
          by: 'retention',
          reason: `closed more than the policy's erasure period ago (before ${before})`,
        });
        erased.push(complaintId);
      }
      if (deps.store)
        for (const complaintId of await closedRecordsToErase(deps.store, before)) {
          heartbeat();
          if (erased.includes(complaintId)) continue;
          await eraseCase(deps.erasure, {
            complaintId,
            by: 'retention',
            reason: `closed more than the policy's erasure period ago (before ${before})`,
          });
          erased.push(complaintId);
        }
      if (erased.length) log.info('erased closed cases after their retention', { count: erased.length });
      return { erased };
    },
  };
}
