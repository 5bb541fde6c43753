// The archive of a closed case's complete event history: every run of its continue-as-new chain,
// fetched from Temporal as stored (payloads still encrypted with the case key), gzip-compressed.
// Kept for audit and replay after Temporal's retention has deleted the workflow.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Client } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import type { Store } from './db';
import { describeRun } from '../runs';

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

type History = temporal.api.history.v1.IHistory;

export interface RunHistory {
  runId: string;
  history: History;
}

/** Every run of the workflow, first to last, found by walking back from the latest run. */
export async function fetchAllRuns(
  client: Client,
  workflowId: string,
  latestRunId?: string,
): Promise<RunHistory[]> {
  const runs: RunHistory[] = [];
  let runId = latestRunId ?? (await describeRun(client, workflowId)).runId;
  const seen = new Set<string>();
  while (runId && !seen.has(runId)) {
    seen.add(runId);
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.unshift({ runId, history });
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? '';
  }
  return runs;
}

/** Stores the runs' histories once; a second archive of the same case changes nothing. */
export async function writeCaseHistory(
  store: Store,
  complaintId: string,
  workflowId: string,
  /** Undefined: the workflow was already gone (the row says so, and the sweep stops asking). */
  runs: RunHistory[] | undefined,
): Promise<{ written: boolean; events: number; jsonBytes: number; gzipBytes: number }> {
  if (!runs) {
    const { rowCount } = await store.query(
      `INSERT INTO case_histories (complaint_id, archived_at, workflow_id, run_ids, events, json_bytes, history_gzip)
       VALUES ($1, now(), $2, '{}', 0, 0, NULL) ON CONFLICT (complaint_id) DO NOTHING`,
      [complaintId, workflowId],
    );
    return { written: rowCount === 1, events: 0, jsonBytes: 0, gzipBytes: 0 };
  }
  const json = `[${runs.map((r) => `{"runId":${JSON.stringify(r.runId)},"history":${historyToJSON(r.history as never)}}`).join(',')}]`;
  const compressed = await gzip(Buffer.from(json, 'utf8'), { level: 9 });
  const events = runs.reduce((n, r) => n + (r.history.events?.length ?? 0), 0);
  const { rowCount } = await store.query(
    `INSERT INTO case_histories (complaint_id, archived_at, workflow_id, run_ids, events, json_bytes, history_gzip)
     VALUES ($1, now(), $2, $3, $4, $5, $6) ON CONFLICT (complaint_id) DO NOTHING`,
    [complaintId, workflowId, runs.map((r) => r.runId), events, Buffer.byteLength(json), compressed],
  );
  return {
    written: rowCount === 1,
    events,
    jsonBytes: Buffer.byteLength(json),
    gzipBytes: compressed.length,
  };
}

/** The archived histories of a case, ready for Worker.runReplayHistory; undefined when not archived. */
export async function readCaseHistory(
  store: Store,
  complaintId: string,
): Promise<{ workflowId: string; runs: { runId: string; history: History }[] } | undefined> {
  const { rows } = await store.query(
    'SELECT workflow_id, history_gzip FROM case_histories WHERE complaint_id = $1',
    [complaintId],
  );
  const row = rows[0] as { workflow_id: string; history_gzip: Buffer | null } | undefined;
  if (!row?.history_gzip) return undefined;
  const parsed = JSON.parse((await gunzip(row.history_gzip)).toString('utf8')) as {
    runId: string;
    history: unknown;
  }[];
  return {
    workflowId: row.workflow_id,
    runs: parsed.map((r) => ({ runId: r.runId, history: historyFromJSON(r.history) })),
  };
}

/** Closed cases whose history is not archived yet, oldest close first. */
export async function casesAwaitingArchive(store: Store, limit: number): Promise<string[]> {
  const { rows } = await store.query(
    `SELECT r.complaint_id FROM case_records r
      WHERE r.stage = 'closed'
        AND NOT EXISTS (SELECT 1 FROM case_histories h WHERE h.complaint_id = r.complaint_id)
      ORDER BY r.closed_at LIMIT $1`,
    [limit],
  );
  return rows.map((r: { complaint_id: string }) => r.complaint_id);
}
