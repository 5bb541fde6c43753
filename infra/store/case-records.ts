// The case records: what the store keeps of every case, written at every stage change and at close.
// Writes are idempotent upserts ordered by the record's version, so a retried or late write never
// replaces a newer one. The countable columns and the summary hold no personal data; the case view
// is kept sealed with the case's own key (infra/codec), so destroying the key erases it here too.
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { CaseView } from '../../domain/case';
import type { CaseSummary } from '../../domain/archive/summary';
import type { WorklistFacts } from '../../domain/archive/worklist';
import type { EncryptionCodec } from '../codec';
import type { Store } from './db';
import { forgetChatsOf } from './telegram-cases';

export interface CaseRecordRow {
  complaintId: string;
  reference: string;
  version: number;
  stage: string;
  ownerId: string;
  updatedAt: string;
  closedAt?: string;
  summary: CaseSummary;
  /** The sealed case view; undefined once erased. */
  personal?: Buffer;
  erasedAt?: string;
}

/** A value as the store keeps personal data: a Temporal payload encrypted with the case's data key. */
export async function sealValue(codec: EncryptionCodec, workflowId: string, value: unknown): Promise<Buffer> {
  const payload = defaultPayloadConverter.toPayload(value);
  const [sealed] = await codec.encode([payload], { type: 'workflow', namespace: '', workflowId });
  return Buffer.from(temporal.api.common.v1.Payload.encode(sealed).finish());
}

/** Throws CaseKeyDestroyedError (infra/codec) when the case was erased. */
export async function openValue<T>(codec: EncryptionCodec, sealed: Buffer): Promise<T> {
  const payload = temporal.api.common.v1.Payload.decode(sealed) as Payload;
  const [plain] = await codec.decode([payload]);
  return defaultPayloadConverter.fromPayload<T>(plain);
}

export const sealView = (codec: EncryptionCodec, workflowId: string, view: CaseView): Promise<Buffer> =>
  sealValue(codec, workflowId, view);

export const openView = (codec: EncryptionCodec, sealed: Buffer): Promise<CaseView> =>
  openValue<CaseView>(codec, sealed);

/** What a record write adds for the console's worklist (migration 300). */
export interface WorklistRecord {
  facts: WorklistFacts;
  /** The sealed CustomerBrief (domain/archive/worklist.ts); undefined once erased. */
  brief?: Buffer;
  /** The blind-index tokens of the customer and the subject (search-index.ts); undefined once erased. */
  searchTokens?: string[];
}

const iso = (d: unknown): string | undefined => (d instanceof Date ? d.toISOString() : undefined);

/** The columns a record write sets, in the order of recordValues. */
export const recordColumns = [
  'complaint_id',
  'reference',
  'version',
  'stage',
  'owner_id',
  'category',
  'priority',
  'language',
  'channel',
  'product_sku',
  'product_name',
  'supplier',
  'carrier',
  'location',
  'incident_at',
  'received_at',
  'closed_at',
  'closure',
  'root_cause_category',
  'responsible_party_kind',
  'escalation_level',
  'overdue',
  'updated_at',
  'summary',
  'personal',
  'started_at',
  'next_deadline_at',
  'next_deadline_name',
  'attention',
  'task_due_at',
  'open_tasks',
  'approval_kind',
  'approval_requested_at',
  'customer_message_at',
  'staff_action_at',
  'brief',
  'search_tokens',
] as const;

/** Personal columns: sealed or blind, and NULL for good once the case is erased. */
const personalColumns: readonly string[] = ['personal', 'brief', 'search_tokens'];

export function recordValues(
  s: CaseSummary,
  personal: Buffer | undefined,
  now: Date,
  worklist?: WorklistRecord,
): unknown[] {
  const f = worklist?.facts;
  return [
    s.complaintId,
    s.reference,
    s.version,
    s.stage,
    s.owner.id,
    s.category,
    s.priority,
    s.language,
    s.channel,
    s.facts?.product?.sku ?? null,
    s.facts?.product?.name ?? null,
    s.facts?.supplier ?? null,
    s.facts?.carrier ?? null,
    s.facts?.location ?? null,
    s.facts?.incidentAt ?? null,
    s.receivedAt,
    s.closedAt ?? null,
    s.closure ?? null,
    s.documentation?.rootCauseCategory ?? null,
    s.documentation?.responsiblePartyKind ?? null,
    s.escalationLevel,
    s.overdue,
    now.toISOString(),
    JSON.stringify(s),
    personal ?? null,
    s.startedAt,
    f?.nextDeadline?.at ?? null,
    f?.nextDeadline?.name ?? null,
    f?.attention ?? null,
    f?.taskDueAt ?? null,
    f?.openTasks ?? null,
    f?.approval?.kind ?? null,
    f?.approval?.requestedAt ?? null,
    f?.customerMessageAt ?? null,
    f?.staffActionAt ?? null,
    worklist?.brief ?? null,
    worklist?.searchTokens ?? null,
  ];
}

/** The upsert's conflict clause: a row changes only for a newer version; an erased case stays erased. */
export const upsertNewer = `ON CONFLICT (complaint_id) DO UPDATE SET
  ${recordColumns
    .filter((c) => c !== 'complaint_id' && !personalColumns.includes(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')},
  ${personalColumns
    .map((c) => `${c} = CASE WHEN case_records.erased_at IS NULL THEN excluded.${c} ELSE NULL END`)
    .join(',\n  ')}
  WHERE excluded.version > case_records.version`;

/**
 * Writes the record unless the store holds the same or a newer version; true when it wrote.
 * The same write twice changes nothing; an older write after a newer one changes nothing.
 */
export async function writeCaseRecord(
  store: Store,
  summary: CaseSummary,
  personal: Buffer | undefined,
  now = new Date(),
  worklist?: WorklistRecord,
): Promise<boolean> {
  const { rowCount } = await store.query(
    `INSERT INTO case_records (${recordColumns.join(', ')})
     VALUES (${recordColumns.map((_, i) => `$${i + 1}`).join(', ')}) ${upsertNewer}`,
    recordValues(summary, personal, now, worklist),
  );
  return rowCount === 1;
}

function toRow(r: Record<string, unknown>): CaseRecordRow {
  return {
    complaintId: r.complaint_id as string,
    reference: r.reference as string,
    version: r.version as number,
    stage: r.stage as string,
    ownerId: r.owner_id as string,
    updatedAt: iso(r.updated_at)!,
    closedAt: iso(r.closed_at),
    summary: r.summary as CaseSummary,
    personal: (r.personal as Buffer | null) ?? undefined,
    erasedAt: iso(r.erased_at),
  };
}

export async function readCaseRecord(store: Store, complaintId: string): Promise<CaseRecordRow | undefined> {
  const { rows } = await store.query('SELECT * FROM case_records WHERE complaint_id = $1', [complaintId]);
  return rows[0] ? toRow(rows[0] as Record<string, unknown>) : undefined;
}

/**
 * The record's personal part goes for good (the case key is destroyed beside it): the sealed view and
 * brief, and the search tokens, so nothing finds the case by its customer any more. Idempotent.
 */
export async function eraseCaseRecord(store: Store, complaintId: string, at = new Date()): Promise<void> {
  await store.query(
    `UPDATE case_records SET personal = NULL, brief = NULL, search_tokens = NULL,
            erased_at = COALESCE(erased_at, $2) WHERE complaint_id = $1`,
    [complaintId, at.toISOString()],
  );
  // A Telegram case's chat (the customer's Telegram id) goes with it (#20).
  await forgetChatsOf(store, complaintId);
}

export interface ClosedRecordsPage {
  records: CaseRecordRow[];
  /** Pass back for the next page (closed_at, complaint_id of the last row). */
  next?: string;
}

/** Closed cases, newest first, optionally one owner's: the case list's archive part. */
export async function listClosedRecords(
  store: Store,
  filter: { ownerId?: string; category?: string; priority?: string; reference?: string },
  page: { size: number; after?: string },
): Promise<ClosedRecordsPage> {
  const where = ["stage = 'closed'"];
  const args: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    args.push(value);
    where.push(sql.replace('?', `$${args.length}`));
  };
  if (filter.ownerId) add('owner_id = ?', filter.ownerId);
  if (filter.category) add('category = ?', filter.category);
  if (filter.priority) add('priority = ?', filter.priority);
  if (filter.reference) add('reference = ?', filter.reference);
  if (page.after) {
    const [closedAt, id] = JSON.parse(Buffer.from(page.after, 'base64url').toString('utf8')) as [
      string,
      string,
    ];
    args.push(closedAt, id);
    where.push(`(closed_at, complaint_id) < ($${args.length - 1}::timestamptz, $${args.length})`);
  }
  args.push(page.size + 1);
  const { rows } = await store.query(
    `SELECT complaint_id, reference, version, stage, owner_id, updated_at, closed_at, summary, erased_at
       FROM case_records WHERE ${where.join(' AND ')}
      ORDER BY closed_at DESC, complaint_id DESC LIMIT $${args.length}`,
    args,
  );
  const records = (rows as Record<string, unknown>[]).slice(0, page.size).map(toRow);
  const last = records[records.length - 1];
  return {
    records,
    next:
      rows.length > page.size && last
        ? Buffer.from(JSON.stringify([last.closedAt, last.complaintId])).toString('base64url')
        : undefined,
  };
}

/** Closed cases with personal data still in the store that closed before `before` (ISO). */
export async function closedRecordsToErase(store: Store, before: string, limit = 1000): Promise<string[]> {
  const { rows } = await store.query(
    `SELECT complaint_id FROM case_records
      WHERE stage = 'closed' AND closed_at < $1 AND personal IS NOT NULL AND erased_at IS NULL
      ORDER BY closed_at LIMIT $2`,
    [before, limit],
  );
  return rows.map((r: { complaint_id: string }) => r.complaint_id);
}
