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

/** The badges as columns of the scoped rows, and whether the statutory deadline was breached. */
const flagColumns = `${worklistBadges.map((b) => `${badgeSql[b]} AS "${b}"`).join(', ')},
  'statutory-breached' = ANY(COALESCE(attention, '{}')) AS breached`;
/** The urgency (see urgencySql) from those columns. */
const urgencyOfFlags = `CASE
  WHEN "overdue" OR "task-overdue" OR breached THEN 0
  WHEN "message" OR "approval" OR "attention" THEN 1
  WHEN "due-soon" THEN 2
  ELSE 3 END`;

/**
 * One page of a person's open cases, most urgent first, with the counts of the whole queue: one
 * statement, one pass over the scope's open records (the badges computed once per record), the full
 * columns read for the page's rows only.
 */
export async function queuePage(
  store: Store,
  scope: WorklistScope,
  filter: WorklistFilter,
  page: { size: number; offset: number },
  clock: WorklistClock,
): Promise<QueuePage> {
  const w = new Where(clock).raw(`stage <> 'closed'`).scope(scope);
  const base = w.sql();
  const f: string[] = [];
  const add = (sql: string, value: unknown) => {
    w.args.push(value);
    f.push(sql.replace('?', `$${w.args.length}`));
  };
  if (filter.stage) add('stage = ?', filter.stage);
  if (filter.priority) add('priority = ?', filter.priority);
  if (filter.category) add('category = ?', filter.category);
  if (filter.owner) add('owner_id = ?', filter.owner);
  if (filter.badge) f.push(`"${filter.badge}"`);
  const matches = f.length ? f.join(' AND ') : 'true';
  w.args.push(page.size, page.offset);
  const n = w.args.length;
  const { rows } = await store.query(
    `WITH s AS MATERIALIZED (
       SELECT complaint_id, reference, next_deadline_at, stage, priority, category, owner_id, ${flagColumns}
         FROM case_records WHERE ${base}),
     c AS (
       SELECT count(*)::int AS total,
         ${worklistBadges.map((b) => `count(*) FILTER (WHERE "${b}")::int AS "n:${b}"`).join(',\n         ')},
         count(*) FILTER (WHERE ${matches})::int AS matching
       FROM s),
     p AS (
       SELECT complaint_id AS pid, ${urgencyOfFlags} AS pu, next_deadline_at AS pn, reference AS pr
         FROM s WHERE ${matches}
        ORDER BY 2, 3 NULLS LAST, 4 LIMIT $${n - 1} OFFSET $${n})
     SELECT c.*, ${rowColumns}
       FROM c LEFT JOIN (p JOIN case_records ON case_records.complaint_id = p.pid) ON true
      ORDER BY pu, pn NULLS LAST, pr`,
    w.args,
  );
  const all = rows as Record<string, unknown>[];
  const c = all[0] ?? {};
  return {
    rows: all.filter((r) => r.complaint_id).map(toRow),
    counts: {
      total: (c.total as number) ?? 0,
      ...(Object.fromEntries(worklistBadges.map((b) => [b, (c[`n:${b}`] as number) ?? 0])) as Record<
        WorklistBadge,
        number
      >),
    },
    matching: (c.matching as number) ?? 0,
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

/** Open cases that wait for a supervisor's approval, longest waiting first (the first `limit`), and how many. */
export async function awaitingApproval(
  store: Store,
  scope: WorklistScope,
  clock: WorklistClock,
  limit = 50,
): Promise<{ rows: WorklistRow[]; count: number }> {
  const w = new Where(clock).raw(`stage <> 'closed'`).raw('approval_kind IS NOT NULL').scope(scope);
  w.args.push(limit);
  const { rows } = await store.query(
    `SELECT ${rowColumns}, count(*) OVER ()::int AS "n:all" FROM case_records WHERE ${w.sql()}
      ORDER BY approval_requested_at, reference LIMIT $${w.args.length}`,
    w.args,
  );
  const all = rows as Record<string, unknown>[];
  return { rows: all.map(toRow), count: (all[0]?.['n:all'] as number) ?? 0 };
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
 * more than `graceMs` ago without the engine acting, or no deadline at all); overdue cases. One
 * statement: one pass over the open records, the full columns read for the listed rows only.
 */
export async function operatorLists(
  store: Store,
  clock: WorklistClock,
  graceMs: number,
  limit = 50,
): Promise<OperatorLists> {
  const w = new Where(clock).raw(`stage <> 'closed'`);
  w.args.push(new Date(clock.now - graceMs));
  const late = `$${w.args.length}`;
  w.args.push(limit);
  const lim = `$${w.args.length}`;
  // A record written before 'record-queue' says nothing fresh about its deadline: only "none" counts.
  const stuck = `((attention IS NOT NULL AND next_deadline_at < ${late})
    OR (next_deadline_at IS NULL AND COALESCE(started_at, received_at) < ${late}))`;
  const { rows } = await store.query(
    `WITH s AS MATERIALIZED (
       SELECT complaint_id, reference, next_deadline_at, ${flagColumns}, ${stuck} AS stuck
         FROM case_records WHERE ${w.sql()}),
     c AS (
       SELECT count(*) FILTER (WHERE "attention")::int AS "n:attention",
              count(*) FILTER (WHERE stuck)::int AS "n:stuck",
              count(*) FILTER (WHERE "overdue" AND NOT stuck)::int AS "n:overdue"
         FROM s),
     p AS (
       (SELECT complaint_id AS pid, 'attention' AS list, next_deadline_at AS pn, reference AS pr FROM s
         WHERE "attention" ORDER BY next_deadline_at NULLS FIRST, reference LIMIT ${lim})
       UNION ALL
       (SELECT complaint_id, 'stuck', next_deadline_at, reference FROM s
         WHERE stuck ORDER BY next_deadline_at NULLS FIRST, reference LIMIT ${lim})
       UNION ALL
       (SELECT complaint_id, 'overdue', next_deadline_at, reference FROM s
         WHERE "overdue" AND NOT stuck ORDER BY next_deadline_at NULLS LAST, reference LIMIT ${lim}))
     SELECT c.*, p.list, ${rowColumns}
       FROM c LEFT JOIN (p JOIN case_records ON case_records.complaint_id = p.pid) ON true
      ORDER BY p.list, pn NULLS FIRST, pr`,
    w.args,
  );
  const all = rows as Record<string, unknown>[];
  const c = all[0] ?? {};
  const of = (list: string) => all.filter((r) => r.list === list);
  const byDeadline = (a: WorklistRow, b: WorklistRow) =>
    (a.nextDeadline ? Date.parse(a.nextDeadline.at) : Infinity) -
      (b.nextDeadline ? Date.parse(b.nextDeadline.at) : Infinity) || a.reference.localeCompare(b.reference);
  return {
    attention: of('attention').map(toRow),
    stuck: of('stuck').map((r) => ({
      ...toRow(r),
      why: r.next_deadline_at ? ('late-deadline' as const) : ('no-deadline' as const),
    })),
    overdue: of('overdue').map(toRow).sort(byDeadline),
    counts: {
      attention: (c['n:attention'] as number) ?? 0,
      stuck: (c['n:stuck'] as number) ?? 0,
      overdue: (c['n:overdue'] as number) ?? 0,
    },
  };
}
