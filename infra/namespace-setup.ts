// Prepares a namespace for complaint-desk: the custom search attributes operators filter on, and a
// retention long enough that closed cases stay inspectable. Idempotent, so every start runs it: the
// dev server registers `--search-attribute` flags only when it creates a new database.
import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { parseDuration } from '../domain/durations';
import { complaintSearchAttributes } from './search-attributes';
import { SearchAttributeType } from '@temporalio/common';
import { msToTs } from '@temporalio/common/lib/time';

const IndexedValueType = temporal.api.enums.v1.IndexedValueType;

const protoType: Record<SearchAttributeType, temporal.api.enums.v1.IndexedValueType> = {
  [SearchAttributeType.TEXT]: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  [SearchAttributeType.KEYWORD]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.INT]: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  [SearchAttributeType.DOUBLE]: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  [SearchAttributeType.BOOL]: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  [SearchAttributeType.DATETIME]: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  [SearchAttributeType.KEYWORD_LIST]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

export function indexedValueType(type: SearchAttributeType): temporal.api.enums.v1.IndexedValueType {
  return protoType[type];
}

/** Registers whichever of the project's search attributes the namespace lacks; returns their names. */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = complaintSearchAttributes.filter((k) => !known.has(k.name));
  if (missing.length > 0) {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((k) => [k.name, protoType[k.type]])),
    });
  }
  return missing.map((k) => k.name);
}

/** Sets the namespace's retention for closed workflows when it is shorter than asked. */
export async function ensureRetention(
  connection: Connection,
  namespace: string,
  retentionSeconds: number,
): Promise<void> {
  const described = await connection.workflowService.describeNamespace({ namespace });
  const current = Number(described.config?.workflowExecutionRetentionTtl?.seconds ?? 0);
  if (current >= retentionSeconds) return;
  await connection.workflowService.updateNamespace({
    namespace,
    config: { workflowExecutionRetentionTtl: msToTs(retentionSeconds * 1000) },
  });
}

/** Seconds of a retention like "30d" or "720h" (the policy files' duration syntax). */
export function parseRetention(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms < 3_600_000)
    throw new Error(`Retention "${text}" is not a duration of at least an hour, like "30d".`);
  return Math.floor(ms / 1000);
}
