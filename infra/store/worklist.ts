// The console's worklist, read from the case records (migration 300): a person's queue sorted by
// urgency and paged, its badge counts, the approvals inbox, search by reference or by the blind index,
// and the operator's lists. Every list is one or two indexed queries over the open records; nothing
// here reads Temporal. Rows carry the sealed brief; the caller opens it only for rows it shows to
// someone allowed to see it.
import type { CaseView } from '../../domain/case';
import { customerBrief, worklistFacts, type CustomerBrief } from '../../domain/archive/worklist';
import { CaseKeyDestroyedError, type EncryptionCodec } from '../codec';
import { openValue, sealValue, type WorklistRecord } from './case-records';
import type { Store } from './db';
import { blindTokens, caseTerms, searchKey } from './search-index';

/**
 * What a record write adds for the worklist: the facts in clear, the brief sealed with the case key
 * and the blind-index tokens. Throws CaseKeyDestroyedError (infra/codec) for an erased case.
 */
export async function worklistRecord(
  codec: EncryptionCodec,
  workflowId: string,
  view: CaseView,
  attention: readonly string[] | undefined,
): Promise<Required<WorklistRecord>> {
  const brief = customerBrief(view);
  return {
    facts: worklistFacts(view, attention),
    brief: await sealValue(codec, workflowId, brief),
    searchTokens: blindTokens(await searchKey(codec), caseTerms(brief)),
  };
}

/** A row's brief, opened with its case key; undefined when erased (or the key is gone). */
export async function openBrief(
  codec: EncryptionCodec,
  row: { brief?: Buffer },
): Promise<CustomerBrief | undefined> {
  if (!row.brief) return undefined;
  try {
    return await openValue<CustomerBrief>(codec, row.brief);
  } catch (err) {
    if (err instanceof CaseKeyDestroyedError) return undefined;
    throw err;
  }
}

export const worklistBadges = [
  'overdue',
  'due-soon',
  'message',
  'task-overdue',
  'approval',
  'attention',
] as const;
export type WorklistBadge = (typeof worklistBadges)[number];

export interface WorklistRow {
  complaintId: string;
  reference: string;
  stage: string;
  ownerId: string;
  category: string;
  priority: string;
  language: string;
  channel: string;
  escalationLevel: number;
  overdue: boolean;
  receivedAt: string;
  startedAt?: string;
  closedAt?: string;
  nextDeadline?: { name: string; at: string };
  /** undefined: the record does not say (written before the workflow's patch 'record-queue'). */
  attention?: string[];
  taskDueAt?: string;
  openTasks?: number;
  approval?: { kind: string; requestedAt: string };
  customerMessageAt?: string;
  staffActionAt?: string;
  erased: boolean;
  badges: WorklistBadge[];
  /** The sealed CustomerBrief, undefined once erased. */
  brief?: Buffer;
}

/** Whose cases: these owners' (undefined: everyone's). */
export interface WorklistScope {
  owners?: readonly string[];
}

export interface WorklistFilter {
  stage?: string;
  priority?: string;
  category?: string;
  owner?: string;
  badge?: WorklistBadge;
}

export interface WorklistClock {
  now: number;
  /** "Due soon": the next deadline within this many milliseconds. */
  dueSoonMs: number;
}

/** The SQL of each badge over a record ($1: now, $2: now + due soon). */
const badgeSql: Record<WorklistBadge, string> = {
  // A deadline passed and not yet acted on counts as well as a missed promise; a record that does not
  // say its attention (pre-patch) may carry an old next deadline, so only its overdue flag counts.
  overdue: `(overdue OR (attention IS NOT NULL AND next_deadline_at < $1))`,
  'due-soon': `(NOT overdue AND next_deadline_at >= $1 AND next_deadline_at <= $2)`,
  message: `(customer_message_at > COALESCE(staff_action_at, '-infinity'::timestamptz))`,
  'task-overdue': `(task_due_at < $1)`,
  approval: `(approval_kind IS NOT NULL)`,
  attention: `(COALESCE(cardinality(attention), 0) > 0)`,
};

/**
 * Urgency: a late promise or task first; then what waits on a person (a customer's new message, an
 * approval, an attention reason); then deadlines within the due-soon window; then the rest. Within
 * each, the earliest next deadline first.
 */
const urgencySql = `CASE
  WHEN ${badgeSql.overdue} OR ${badgeSql['task-overdue']} OR 'statutory-breached' = ANY(COALESCE(attention, '{}')) THEN 0
  WHEN ${badgeSql.message} OR ${badgeSql.approval} OR ${badgeSql.attention} THEN 1
  WHEN ${badgeSql['due-soon']} THEN 2
  ELSE 3 END`;
const orderSql = `${urgencySql}, next_deadline_at NULLS LAST, reference`;

const rowColumns = `complaint_id, reference, stage, owner_id, category, priority, language, channel,
  escalation_level, overdue, received_at, started_at, closed_at, next_deadline_at, next_deadline_name,
  attention, task_due_at, open_tasks, approval_kind, approval_requested_at, customer_message_at,
  staff_action_at, erased_at, brief,
  ${worklistBadges.map((b) => `${badgeSql[b]} AS "badge:${b}"`).join(',\n  ')}`;

const iso = (d: unknown): string | undefined => (d instanceof Date ? d.toISOString() : undefined);

function toRow(r: Record<string, unknown>): WorklistRow {
  const next = iso(r.next_deadline_at);
  const approvalAt = iso(r.approval_requested_at);
  return {
    complaintId: r.complaint_id as string,
    reference: r.reference as string,
    stage: r.stage as string,
    ownerId: r.owner_id as string,
    category: r.category as string,
    priority: r.priority as string,
    language: r.language as string,
    channel: r.channel as string,
    escalationLevel: r.escalation_level as number,
    overdue: r.overdue as boolean,
    receivedAt: iso(r.received_at)!,
    startedAt: iso(r.started_at),
    closedAt: iso(r.closed_at),
    nextDeadline: next ? { name: (r.next_deadline_name as string | null) ?? '', at: next } : undefined,
    attention: (r.attention as string[] | null) ?? undefined,
    taskDueAt: iso(r.task_due_at),
    openTasks: (r.open_tasks as number | null) ?? undefined,
    approval:
      r.approval_kind && approvalAt
        ? { kind: r.approval_kind as string, requestedAt: approvalAt }
        : undefined,
    customerMessageAt: iso(r.customer_message_at),
    staffActionAt: iso(r.staff_action_at),
    erased: r.erased_at !== null && r.erased_at !== undefined,
    badges: worklistBadges.filter((b) => r[`badge:${b}`] === true),
    brief: (r.brief as Buffer | null) ?? undefined,
  };
}

/** WHERE clauses and their arguments after $1 (now) and $2 (now + due soon). */
class Where {
  readonly clauses: string[] = [];
  readonly args: unknown[];
  constructor(clock: WorklistClock) {
    this.args = [new Date(clock.now), new Date(clock.now + clock.dueSoonMs)];
  }
  add(sql: string, value: unknown): this {
    this.args.push(value);
    this.clauses.push(sql.replace('?', `$${this.args.length}`));
    return this;
  }
  raw(sql: string): this {
    this.clauses.push(sql);
    return this;
  }
  scope(scope: WorklistScope): this {
    return scope.owners ? this.add('owner_id = ANY(?::text[])', [...scope.owners]) : this;
  }
  sql(): string {
    return this.clauses.length ? this.clauses.join(' AND ') : 'true';
  }
}

export interface QueuePage {
  rows: WorklistRow[];
  /** Open cases in the scope, and how many carry each badge. */
  counts: Record<WorklistBadge | 'total', number>;
  /** How many match the filter (for paging). */
  matching: number;
}

/** One page of a person's open cases, most urgent first, with the counts of the whole queue. */
export async function queuePage(
  store: Store,
  scope: WorklistScope,
  filter: WorklistFilter,
  page: { size: number; offset: number },
  clock: WorklistClock,
): Promise<QueuePage> {
  const base = new Where(clock).raw(`stage <> 'closed'`).scope(scope);
  const filtered = new Where(clock).raw(`stage <> 'closed'`).scope(scope);
  if (filter.stage) filtered.add('stage = ?', filter.stage);
  if (filter.priority) filtered.add('priority = ?', filter.priority);
  if (filter.category) filtered.add('category = ?', filter.category);
  if (filter.owner) filtered.add('owner_id = ?', filter.owner);
  if (filter.badge) filtered.raw(badgeSql[filter.badge]);
  // The counts of the whole queue and of the filtered part in one query: `filtered` extends `base`
  // (same first arguments), its own clauses go into FILTER (...).
  const extra = filtered.clauses.slice(base.clauses.length);
  const { rows: countRows } = await store.query(
    `SELECT count(*)::int AS total,
       ${worklistBadges.map((b) => `count(*) FILTER (WHERE ${badgeSql[b]})::int AS "${b}"`).join(',\n       ')},
       count(*) FILTER (WHERE ${extra.length ? extra.join(' AND ') : 'true'})::int AS matching
     FROM case_records WHERE ${base.sql()}`,
    [...filtered.args],
  );
  filtered.args.push(page.size, page.offset);
  const n = filtered.args.length;
  const { rows } = await store.query(
    `SELECT ${rowColumns} FROM case_records WHERE ${filtered.sql()}
      ORDER BY ${orderSql} LIMIT $${n - 1} OFFSET $${n}`,
    filtered.args,
  );
  const c = countRows[0] as Record<string, number>;
  return {
    rows: (rows as Record<string, unknown>[]).map(toRow),
    counts: {
      total: c.total,
      ...(Object.fromEntries(worklistBadges.map((b) => [b, c[b]])) as Record<WorklistBadge, number>),
    },
    matching: c.matching,
  };
}

/** The open case after `afterId` in the queue's order (the first when it is not in the queue). */
export async function nextInQueue(
  store: Store,
  scope: WorklistScope,
  afterId: string,
  clock: WorklistClock,
): Promise<string | undefined> {
  const w = new Where(clock).raw(`stage <> 'closed'`).scope(scope);
  w.args.push(afterId);
  const after = `$${w.args.length}`;
  const { rows } = await store.query(
    `WITH q AS (SELECT complaint_id, row_number() OVER (ORDER BY ${orderSql}) AS n
                  FROM case_records WHERE ${w.sql()})
     SELECT complaint_id FROM q
      WHERE n = COALESCE((SELECT n FROM q WHERE complaint_id = ${after}), 0) + 1 OR n = 1
      ORDER BY n DESC LIMIT 1`,
    w.args,
  );
  return (rows[0] as { complaint_id?: string } | undefined)?.complaint_id;
}

/** Open cases that wait for a supervisor's approval, longest waiting first. */
export async function awaitingApproval(
  store: Store,
  scope: WorklistScope,
  clock: WorklistClock,
  limit = 200,
): Promise<WorklistRow[]> {
  const w = new Where(clock).raw(`stage <> 'closed'`).raw('approval_kind IS NOT NULL').scope(scope);
  w.args.push(limit);
  const { rows } = await store.query(
    `SELECT ${rowColumns} FROM case_records WHERE ${w.sql()}
      ORDER BY approval_requested_at, reference LIMIT $${w.args.length}`,
    w.args,
  );
  return (rows as Record<string, unknown>[]).map(toRow);
}

/** Cases by reference (whoever owns them), open or closed. */
export async function findByReference(
  store: Store,
  reference: string,
  clock: WorklistClock,
): Promise<WorklistRow[]> {
  const w = new Where(clock).add('reference = ?', reference);
  const { rows } = await store.query(
    `SELECT ${rowColumns} FROM case_records WHERE ${w.sql()} LIMIT 5`,
    w.args,
  );
  return (rows as Record<string, unknown>[]).map(toRow);
}

/**
 * Cases whose blind index holds every token (search-index.ts), open ones first, newest first. Erased
 * cases have no tokens: nothing finds them by their customer.
 */
export async function findByTokens(
  store: Store,
  tokens: readonly string[],
  scope: WorklistScope,
  clock: WorklistClock,
  limit = 50,
): Promise<WorklistRow[]> {
  if (!tokens.length) return [];
  const w = new Where(clock).add('search_tokens @> ?::text[]', [...tokens]).scope(scope);
  w.args.push(limit);
  const { rows } = await store.query(
    `SELECT ${rowColumns} FROM case_records WHERE ${w.sql()}
      ORDER BY (stage = 'closed'), received_at DESC LIMIT $${w.args.length}`,
    w.args,
  );
  return (rows as Record<string, unknown>[]).map(toRow);
}

export interface OperatorLists {
  attention: WorklistRow[];
  stuck: (WorklistRow & { why: 'late-deadline' | 'no-deadline' })[];
  overdue: WorklistRow[];
  counts: { attention: number; stuck: number; overdue: number };
}

/**
 * What an operator looks at: open cases with attention reasons; stuck cases (the next deadline passed
 * more than `graceMs` ago without the engine acting, or no deadline at all); overdue cases.
 */
export async function operatorLists(
  store: Store,
  clock: WorklistClock,
  graceMs: number,
  limit = 100,
): Promise<OperatorLists> {
  const w = new Where(clock).raw(`stage <> 'closed'`);
  w.args.push(new Date(clock.now - graceMs));
  const late = `$${w.args.length}`;
  // A record written before 'record-queue' says nothing fresh about its deadline: only "none" counts.
  const stuck = `((attention IS NOT NULL AND next_deadline_at < ${late})
    OR (next_deadline_at IS NULL AND COALESCE(started_at, received_at) < ${late}))`;
  w.args.push(limit);
  const lim = `$${w.args.length}`;
  const list = async (where: string, order: string) =>
    (
      await store.query(
        `SELECT ${rowColumns}, ${stuck} AS stuck FROM case_records WHERE ${w.sql()} AND ${where}
          ORDER BY ${order} LIMIT ${lim}`,
        w.args,
      )
    ).rows as Record<string, unknown>[];
  const [attention, stuckRows, overdue, counts] = await Promise.all([
    list(badgeSql.attention, 'next_deadline_at NULLS FIRST, reference'),
    list(stuck, 'next_deadline_at NULLS FIRST, reference'),
    list(`${badgeSql.overdue} AND NOT ${stuck}`, 'next_deadline_at NULLS LAST, reference'),
    store.query(
      // ($2, due soon, is counted only so that every argument has a use.)
      `SELECT count(*) FILTER (WHERE ${badgeSql.attention})::int AS attention,
              count(*) FILTER (WHERE ${badgeSql['due-soon']})::int AS "due-soon",
              count(*) FILTER (WHERE ${stuck})::int AS stuck,
              count(*) FILTER (WHERE ${badgeSql.overdue} AND NOT ${stuck})::int AS overdue
         FROM case_records WHERE ${w.sql()}`,
      w.args.slice(0, -1),
    ),
  ]);
  return {
    attention: attention.map(toRow),
    stuck: stuckRows.map((r) => ({
      ...toRow(r),
      why: r.next_deadline_at ? ('late-deadline' as const) : ('no-deadline' as const),
    })),
    overdue: overdue.map(toRow),
    counts: {
      attention: (counts.rows[0] as OperatorLists['counts']).attention,
      stuck: (counts.rows[0] as OperatorLists['counts']).stuck,
      overdue: (counts.rows[0] as OperatorLists['counts']).overdue,
    },
  };
}
