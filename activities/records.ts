// The case store's activities: the record of a case at every stage change and at close, and the
// sweep that archives a closed case's complete event history once its workflow has completed.
// Thin and idempotent: the store orders record writes by version; the archive writes once.
import { ApplicationFailure, heartbeat, log } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { caseSummary } from '../domain/archive/summary';
import { worklistFacts } from '../domain/archive/worklist';
import type { CaseView } from '../domain/case';
import { CaseKeyDestroyedError, type EncryptionCodec } from '../infra/codec';
import {
  casesAwaitingArchive,
  fetchAllRuns,
  sealView,
  worklistRecord,
  writeCaseHistory,
  writeCaseRecord,
  type Store,
  type WorklistRecord,
} from '../infra/store';
import {
  archiveOnCloseWorkflowId,
  archiveRequestedSignalName,
  complaintWorkflowId,
} from '../domain/workflow-ids';
import { describeRun } from '../infra/runs';

export interface RecordCaseInput {
  view: CaseView;
  /** Grows with every change of the case (the workflow derives it from its history length). */
  version: number;
  /** The case's attention reasons (patch 'record-queue'); absent from older cases' records. */
  attention?: string[];
}

export interface RecordActivities {
  recordCase(input: RecordCaseInput): Promise<{ written: boolean }>;
  /** Archives the histories of closed cases whose workflows have completed; returns how many. */
  archiveClosedCases(input?: { limit?: number }): Promise<{ archived: number; waiting: number }>;
}

export function createRecordActivities(deps: {
  /** Absent only in workflow tests that run without a store: records are then not kept. */
  store?: Store;
  codec: EncryptionCodec;
  client?: Client;
  /** Where the archive run started at close polls; absent: closed cases wait for the Schedule. */
  taskQueue?: string;
}): RecordActivities {
  let warned = false;
  /**
   * A closing case asks the archive run to come by (workflows/archive-sweep.ts). Best effort: a
   * request that does not reach Temporal leaves the case to the Schedule's sweep, never fails the record.
   */
  async function requestArchive(complaintId: string): Promise<void> {
    if (!deps.client || !deps.taskQueue) return;
    try {
      await deps.client.workflow.signalWithStart('archiveSweepWorkflow', {
        workflowId: archiveOnCloseWorkflowId,
        taskQueue: deps.taskQueue,
        args: [],
        signal: archiveRequestedSignalName,
        staticSummary: 'archives the histories of cases that just closed',
      });
    } catch (err) {
      log.warn('asking for the archive of a closed case failed; the archive Schedule will take it', {
        complaintId,
        error: (err as Error).message,
      });
    }
  }
  return {
    async recordCase({ view, version, attention }) {
      const store = deps.store;
      if (!store) {
        if (!warned) log.warn('no case store configured: case records are not kept');
        warned = true;
        return { written: false };
      }
      if (!Number.isSafeInteger(version) || version < 0)
        throw ApplicationFailure.nonRetryable(`bad record version ${version}`, 'BadRecordVersion');
      const workflowId = complaintWorkflowId(view.complaintId);
      let personal: Buffer | undefined;
      let worklist: WorklistRecord;
      try {
        personal = await sealView(deps.codec, workflowId, view);
        worklist = await worklistRecord(deps.codec, workflowId, view, attention);
      } catch (err) {
        // An erased case keeps only its countable part (and nothing to find it by).
        if (!(err instanceof CaseKeyDestroyedError)) throw err;
        personal = undefined;
        worklist = { facts: worklistFacts(view, attention) };
      }
      const written = await writeCaseRecord(
        store,
        caseSummary(view, version),
        personal,
        new Date(),
        worklist,
      );
      if (view.stage === 'closed') await requestArchive(view.complaintId);
      return { written };
    },

    async archiveClosedCases(input) {
      const { store, client } = deps;
      if (!store || !client) return { archived: 0, waiting: 0 };
      let archived = 0;
      let waiting = 0;
      for (const complaintId of await casesAwaitingArchive(store, input?.limit ?? 200)) {
        heartbeat();
        const workflowId = complaintWorkflowId(complaintId);
        let description;
        try {
          // Not the SDK's describe(): it decodes the memo, which an erased older case cannot.
          description = await describeRun(client, workflowId);
        } catch (err) {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
          // Gone before we came (retention shorter than the sweep's delay): nothing to archive.
          log.warn('closed case no longer in Temporal; its history cannot be archived', { complaintId });
          await writeCaseHistory(store, complaintId, workflowId, undefined);
          continue;
        }
        // The closing record is written just before the workflow completes: its last events
        // (the result) exist only once it has. Until then, the next sweep comes back for it.
        if (description.status === 'RUNNING') {
          waiting++;
          continue;
        }
        const runs = await fetchAllRuns(client, workflowId, description.runId);
        const result = await writeCaseHistory(store, complaintId, workflowId, runs);
        if (result.written) archived++;
      }
      if (archived) log.info('archived closed cases’ histories', { archived });
      return { archived, waiting };
    },
  };
}
