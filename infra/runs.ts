// Listing and describing workflow runs without the SDK's eager memo decoding. The SDK's list() and
// describe() decode every memo through the codec, so one erased case (its key destroyed) made every
// listing, sweep and archive run that met it fail. Memos are written in clear now
// (infra/codec/clear-memo.ts); older cases' memos are encrypted, so here a memo that does not decode
// is left out, never an error. Nothing else of a run is encrypted: ids, type, status, times and
// search attributes come as the server keeps them.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Payload, TypedSearchAttributes } from '@temporalio/common';
import { decode } from '@temporalio/common/lib/internal-non-workflow';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import type { temporal } from '@temporalio/proto';

type RawRun = temporal.api.workflow.v1.IWorkflowExecutionInfo;

export interface RunInfo {
  workflowId: string;
  runId: string;
  type: string;
  /** RUNNING, COMPLETED, FAILED, CANCELED, TERMINATED, CONTINUED_AS_NEW, TIMED_OUT, … */
  status: string;
  startTime?: Date;
  closeTime?: Date;
  searchAttributes: TypedSearchAttributes;
  /** The fields that decode; an erased older case's encrypted memo gives {}. */
  memo: Record<string, unknown>;
}

const statusNames = [
  'UNSPECIFIED',
  'RUNNING',
  'COMPLETED',
  'FAILED',
  'CANCELED',
  'TERMINATED',
  'CONTINUED_AS_NEW',
  'TIMED_OUT',
  'PAUSED',
];

export function statusName(code: number | null | undefined): string {
  return statusNames[code ?? 0] ?? 'UNKNOWN';
}

export function timestampDate(
  ts: { seconds?: unknown; nanos?: number | null } | null | undefined,
): Date | undefined {
  if (!ts || ts.seconds === undefined || ts.seconds === null) return undefined;
  return new Date(Number(ts.seconds) * 1000 + Math.floor((ts.nanos ?? 0) / 1e6));
}

/** A memo's fields, each decoded on its own; a field that does not decode is left out. */
export async function lenientMemo(
  client: Client,
  workflowId: string,
  fields: Record<string, Payload> | null | undefined,
): Promise<Record<string, unknown>> {
  const converter = client.options.loadedDataConverter;
  const context = { type: 'workflow' as const, namespace: client.options.namespace, workflowId };
  const entries = await Promise.all(
    Object.entries(fields ?? {}).map(async ([k, p]) => {
      try {
        const [decoded] = await decode(converter.payloadCodecs, [p], context);
        return [k, converter.payloadConverter.fromPayload(decoded)] as const;
      } catch {
        return [k, undefined] as const;
      }
    }),
  );
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}

export async function runInfo(client: Client, raw: RawRun): Promise<RunInfo> {
  const workflowId = raw.execution?.workflowId ?? '';
  return {
    workflowId,
    runId: raw.execution?.runId ?? '',
    type: raw.type?.name ?? '',
    status: statusName(raw.status),
    startTime: timestampDate(raw.startTime),
    closeTime: timestampDate(raw.closeTime),
    searchAttributes: decodeTypedSearchAttributes(raw.searchAttributes?.indexedFields),
    memo: await lenientMemo(client, workflowId, raw.memo?.fields),
  };
}

/** Every run the visibility query finds, page by page. */
export async function* listRuns(client: Client, query: string, pageSize = 200): AsyncIterable<RunInfo> {
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await client.workflowService.listWorkflowExecutions({
      namespace: client.options.namespace,
      query,
      pageSize,
      nextPageToken,
    });
    for (const raw of page.executions) yield runInfo(client, raw);
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
}

/**
 * The latest run of a workflow id, from the server alone (no worker needed). Throws what the SDK's
 * describe() throws for an unknown id (WorkflowNotFoundError), through the client's own error mapping.
 */
export async function describeRun(client: Client, workflowId: string): Promise<RunInfo> {
  try {
    const res = await client.workflowService.describeWorkflowExecution({
      namespace: client.options.namespace,
      execution: { workflowId },
    });
    return await runInfo(client, res.workflowExecutionInfo ?? {});
  } catch (err) {
    // gRPC NOT_FOUND, as the SDK's describe() reports it.
    if ((err as { code?: number }).code === 5)
      throw new WorkflowNotFoundError(`Workflow ${workflowId} not found`, workflowId, undefined);
    throw err;
  }
}
