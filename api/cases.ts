// The API's only contact with Temporal for existing cases: read the case view (a Query), look at a
// case without waking its workflow (describe), run an action (an Update, de-duplicated by update
// id), signal customer events, and page through the visibility store. Every Temporal error becomes
// an ApiProblem here, so routes never show a gRPC message to a caller.
import crypto from 'node:crypto';
import {
  QueryNotRegisteredError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure, type SignalDefinition } from '@temporalio/common';
import { stages, type Action, type CaseView, type Stage } from '../domain/case';
import { actions } from '../domain/lifecycle/actions';
import { priorities, type Priority } from '../domain/types';
import type { AttentionReason } from '../domain/lifecycle/attention';
import {
  ComplaintCategory,
  ComplaintEscalationLevel,
  ComplaintNextDeadline,
  ComplaintOverdue,
  ComplaintAttention,
  ComplaintOwner,
  ComplaintPriority,
  ComplaintStage,
} from '../infra/search-attributes';
import * as defs from '../workflows/definitions';
import { describeRun, runInfo } from '../infra/runs';
import type { ErasureRecord, ErasureRegister } from '../infra/erasure';
import { ApiProblem, problems } from './problems';
import { listClosedRecords, type Store } from '../infra/store';
import { CaseKeyStoreUnavailableError } from '../infra/codec/pg-case-keys';
import type { CaseList } from './complaints/schemas';

export interface CaseTimeouts {
  /** How long an action may wait for the workflow (a worker must pick it up). */
  actionMs: number;
  /** How long a read may wait for the workflow. */
  queryMs: number;
  /** How long to keep asking while a new case is still in intake (its handlers are not registered yet). */
  startingMs: number;
}

export const defaultTimeouts: CaseTimeouts = { actionMs: 20_000, queryMs: 10_000, startingMs: 3_000 };

export interface CaseMemo {
  reference?: string;
  receivedAt?: string;
  language?: string;
}

export interface CaseStatus {
  running: boolean;
  status: string;
  owner?: string;
  stage?: Stage;
  memo: CaseMemo;
  /** When the workflow closed (completed, terminated…); absent while it runs. */
  closedAt?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function grpcCode(err: unknown): number | undefined {
  const cause = err instanceof ServiceError ? err.cause : err;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** The codec could not reach the case store for the case's key: somewhere in the error's causes. */
function caseStoreDown(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++)
    if (e instanceof CaseKeyStoreUnavailableError) return true;
  return false;
}

/** Temporal (or the case store, for a case's key) being down or slow is our problem (5xx), never the caller's. */
function temporalProblem(err: unknown, what: string): ApiProblem {
  if (caseStoreDown(err)) return problems.unavailable(`${what}: the case store is not reachable right now.`);
  const code = grpcCode(err);
  if (code === 4 /* DEADLINE_EXCEEDED */ || err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return problems.timeout(`${what}: the case did not answer in time (is a worker running?).`);
  }
  return problems.unavailable(`${what}: Temporal is not reachable right now.`);
}

export class Cases {
  private readonly pageKey: Buffer;

  constructor(
    readonly client: Client,
    readonly workflowIdOf: (complaintId: string) => string = defs.complaintWorkflowId,
    readonly timeouts: CaseTimeouts = defaultTimeouts,
    /** Signs page tokens; share it between API processes behind one address. */
    pageTokenSecret: string = crypto.randomBytes(32).toString('hex'),
    /** The erasure register: an erased case's history cannot be read, so it is not asked. */
    readonly erasures?: Pick<ErasureRegister, 'get'>,
  ) {
    this.pageKey = crypto.createHash('sha256').update(`page-tokens\n${pageTokenSecret}`).digest();
  }

  /**
   * Page tokens are Temporal's, signed together with the query they belong to: the server answers a
   * forged or foreign token only after long retries, so such tokens are refused here, at once.
   */
  private signPageToken(query: string, token: Uint8Array): string {
    const body = Buffer.from(token).toString('base64url');
    const mac = crypto.createHmac('sha256', this.pageKey).update(`${query}\n${body}`).digest('base64url');
    return `${body}.${mac}`;
  }

  private openPageToken(query: string, token: string): Buffer {
    const [body, mac] = token.split('.');
    const expected = crypto
      .createHmac('sha256', this.pageKey)
      .update(`${query}\n${body ?? ''}`)
      .digest();
    const given = Buffer.from(mac ?? '', 'base64url');
    if (!body || given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      throw problems.invalid('The page token does not belong to this listing.', [
        { field: 'pageToken', pointer: '/pageToken', message: 'not valid' },
      ]);
    }
    return Buffer.from(body, 'base64url');
  }

  /** The case's erasure, if its personal data was erased. */
  erasure(complaintId: string): Promise<ErasureRecord | undefined> {
    return this.erasures ? this.erasures.get(complaintId) : Promise.resolve(undefined);
  }

  handle(complaintId: string): WorkflowHandle {
    return this.client.workflow.getHandle(this.workflowIdOf(complaintId));
  }

  /**
   * Status, owner and stage from the server alone: no worker needed, cheap enough for every action.
   * The memo is read leniently (infra/runs.ts), so an erased case still has a status.
   */
  async status(complaintId: string): Promise<CaseStatus> {
    try {
      const d = await this.client.withDeadline(Date.now() + this.timeouts.queryMs, () =>
        describeRun(this.client, this.workflowIdOf(complaintId)),
      );
      if (!(defs.complaintWorkflowTypes as readonly string[]).includes(d.type))
        throw problems.notFound(`No complaint ${complaintId}.`);
      const stage = d.searchAttributes.get(ComplaintStage);
      return {
        running: d.status === 'RUNNING',
        status: d.status,
        owner: d.searchAttributes.get(ComplaintOwner),
        stage: stages.includes(stage as Stage) ? (stage as Stage) : undefined,
        memo: d.memo,
        ...(d.closeTime ? { closedAt: d.closeTime.getTime() } : {}),
      };
    } catch (err) {
      if (err instanceof ApiProblem) throw err;
      if (err instanceof WorkflowNotFoundError) throw problems.notFound(`No complaint ${complaintId}.`);
      throw temporalProblem(err, 'Reading the case');
    }
  }

  /**
   * Erased while we asked: an erasure destroys the key first and writes the register's entry last,
   * and in between no worker can replay the case (its query fails as if the case were starting).
   * By the time the read gives up, the entry is there: the answer is 410, not 409 or 5xx.
   */
  private async notErasedMeanwhile(complaintId: string): Promise<void> {
    const erased = await this.erasure(complaintId).catch(() => undefined);
    if (erased) throw problems.caseErased(erased.erasedAt);
  }

  /** The case view; waits briefly while a just-started case is still in intake. */
  async view(complaintId: string, startingMs = this.timeouts.startingMs): Promise<CaseView> {
    const erased = await this.erasure(complaintId);
    if (erased) throw problems.caseErased(erased.erasedAt);
    const deadline = Date.now() + startingMs;
    for (;;) {
      try {
        return await this.client.withDeadline(Date.now() + this.timeouts.queryMs, () =>
          this.handle(complaintId).query(defs.caseViewQuery),
        );
      } catch (err) {
        // The workflow answers "starting" while intake chooses the owner (older runs: no handler yet).
        if (
          err instanceof QueryNotRegisteredError ||
          (err instanceof Error && /case is starting/.test(err.message))
        ) {
          if (Date.now() < deadline) {
            await sleep(100);
            continue;
          }
          await this.notErasedMeanwhile(complaintId);
          throw problems.caseStarting();
        }
        if (err instanceof WorkflowNotFoundError) throw problems.notFound(`No complaint ${complaintId}.`);
        await this.notErasedMeanwhile(complaintId);
        throw temporalProblem(err, 'Reading the case');
      }
    }
  }

  /**
   * Runs an action. With an idempotency key the update id is derived from it (and the caller and
   * action), so Temporal itself applies a retried request once and answers it with the first result.
   */
  async act(complaintId: string, action: Action, input: unknown, updateId?: string): Promise<CaseView> {
    const started = Date.now();
    for (;;) {
      try {
        return await this.client.withDeadline(Date.now() + this.timeouts.actionMs, () =>
          this.handle(complaintId).executeUpdate(defs.updateOf(action), {
            args: [input as never],
            ...(updateId ? { updateId } : {}),
          }),
        );
      } catch (err) {
        if (err instanceof WorkflowUpdateFailedError) {
          const message = err.cause?.message ?? err.message;
          // Allowed now, but not with this input (an unknown task, the owner already owning it).
          if (err.cause instanceof ApplicationFailure && err.cause.type === 'ActionInvalid')
            throw problems.rejectedByCase(message);
          const refusal = notAllowedDetails(err.cause);
          if (refusal && refusal.stage !== 'intake') {
            if (refusal.stage === 'closed') throw problems.caseClosed(message);
            throw problems.notAllowedInStage(message, refusal.stage, refusal.allowed);
          }
          // While intake chooses the owner the case refuses actions as "starting": retry briefly.
          if (refusal?.stage === 'intake' || /No registered handler for update/.test(message)) {
            if (Date.now() - started < this.timeouts.startingMs) {
              await sleep(150);
              continue;
            }
            throw problems.caseStarting();
          }
          throw rejection(message);
        }
        if (err instanceof WorkflowNotFoundError) {
          const status = await this.status(complaintId); // 404 when there is no such case at all
          if (!status.running)
            throw problems.caseClosed(
              `The case is ${status.status.toLowerCase()}; it accepts no more actions.`,
            );
          throw problems.notFound(`No complaint ${complaintId}.`);
        }
        throw temporalProblem(err, `The ${action} action`);
      }
    }
  }

  /** Sends a customer event; false when the case has ended (or never existed). */
  async signal<Args extends unknown[]>(
    complaintId: string,
    def: SignalDefinition<Args>,
    ...args: Args
  ): Promise<boolean> {
    try {
      await this.client.withDeadline(Date.now() + this.timeouts.queryMs, () =>
        this.handle(complaintId).signal(def, ...args),
      );
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw temporalProblem(err, 'Passing the message to the case');
    }
  }

  /** A page of cases from the visibility store (eventually consistent: a new case shows up within a second or so). */
  async list(query: string, pageSize: number, pageToken?: string): Promise<Omit<CaseList, 'filters'>> {
    const nextPageToken = pageToken ? this.openPageToken(`${query}\n${pageSize}`, pageToken) : undefined;
    let response;
    try {
      response = await this.client.withDeadline(Date.now() + this.timeouts.queryMs, () =>
        this.client.workflowService.listWorkflowExecutions({
          namespace: this.client.options.namespace,
          query,
          pageSize,
          nextPageToken,
        }),
      );
    } catch (err) {
      throw temporalProblem(err, 'Listing cases');
    }
    const items = await Promise.all(
      response.executions.map(async (raw) => {
        const run = await runInfo(this.client, raw);
        const id = caseIdOf(run.workflowId);
        const sa = run.searchAttributes;
        const memo = run.memo;
        const stage = sa.get(ComplaintStage);
        const priority = sa.get(ComplaintPriority);
        const next = sa.get(ComplaintNextDeadline);
        const level = sa.get(ComplaintEscalationLevel);
        return {
          id,
          reference: typeof memo.reference === 'string' ? memo.reference : undefined,
          status: run.status,
          stage: stages.includes(stage as Stage) ? (stage as Stage) : undefined,
          owner: sa.get(ComplaintOwner),
          priority: priorities.includes(priority as Priority) ? (priority as Priority) : undefined,
          category: sa.get(ComplaintCategory),
          overdue: sa.get(ComplaintOverdue),
          attention: sa.get(ComplaintAttention)?.length ? sa.get(ComplaintAttention) : undefined,
          escalationLevel: typeof level === 'number' ? level : undefined,
          nextDeadline: next ? next.toISOString() : undefined,
          receivedAt: typeof memo.receivedAt === 'string' ? memo.receivedAt : undefined,
          language: typeof memo.language === 'string' ? memo.language : undefined,
          startedAt: (run.startTime ?? new Date(0)).toISOString(),
          closedAt: run.closeTime?.toISOString(),
          links: { self: `/complaints/${id}` },
        };
      }),
    );
    const token =
      response.nextPageToken && response.nextPageToken.length
        ? this.signPageToken(`${query}\n${pageSize}`, response.nextPageToken)
        : undefined;
    return { items, nextPageToken: token };
  }

  /** Closed cases from the case archive, newest close first, under the same signed page tokens. */
  async listArchived(
    store: Store,
    filters: CaseList['filters'],
    pageSize: number,
    pageToken?: string,
  ): Promise<Omit<CaseList, 'filters'>> {
    const query = `archive\n${JSON.stringify(filters)}\n${pageSize}`;
    const after = pageToken ? this.openPageToken(query, pageToken).toString('utf8') : undefined;
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const page = await listClosedRecords(
      store,
      {
        ownerId: text(filters.owner),
        category: text(filters.category),
        priority: text(filters.priority),
        reference: text(filters.reference),
      },
      { size: pageSize, after },
    );
    return {
      items: page.records.map((r) => ({
        id: r.complaintId,
        reference: r.reference,
        status: 'COMPLETED',
        stage: r.summary.stage,
        owner: r.ownerId,
        priority: r.summary.priority,
        category: r.summary.category,
        overdue: r.summary.overdue,
        escalationLevel: r.summary.escalationLevel,
        receivedAt: r.summary.receivedAt,
        startedAt: r.summary.startedAt,
        closedAt: r.closedAt,
        source: 'archive' as const,
        links: { self: `/complaints/${r.complaintId}` },
      })),
      nextPageToken: page.next ? this.signPageToken(query, Buffer.from(page.next, 'utf8')) : undefined,
    };
  }
}

const workflowIdPrefix = defs.complaintWorkflowId('');
function caseIdOf(workflowId: string): string {
  return workflowId.startsWith(workflowIdPrefix) ? workflowId.slice(workflowIdPrefix.length) : workflowId;
}

/** The stage and allowed actions the workflow attaches to an ActionNotAllowed refusal. */
function notAllowedDetails(cause: unknown): { stage: string; allowed: string[] } | undefined {
  if (!(cause instanceof ApplicationFailure) || cause.type !== 'ActionNotAllowed') return undefined;
  const d = cause.details?.[0] as { stage?: unknown; allowed?: unknown } | undefined;
  if (typeof d?.stage !== 'string' || !Array.isArray(d.allowed)) return undefined;
  return { stage: d.stage, allowed: d.allowed.filter((a): a is string => typeof a === 'string') };
}

/** The workflow's rejection as a problem: the wrong stage is a 409 naming stage and allowed actions. */
export function rejection(message: string): ApiProblem {
  const stageMatch = /is not allowed while the case is in stage "([^"]+)"/.exec(message);
  if (stageMatch) {
    const allowed = /allowed: ([^.]*)\./.exec(message)?.[1] ?? '';
    const list = allowed
      .split(',')
      .map((a) => a.trim())
      .filter((a): a is Action => (actions as readonly string[]).includes(a));
    if (stageMatch[1] === 'closed') return problems.caseClosed(message);
    return problems.notAllowedInStage(message, stageMatch[1], list);
  }
  return problems.rejectedByCase(message);
}

/**
 * The update id for an idempotent action: the same caller, case, action and key always give the same
 * id, which Temporal de-duplicates for the life of the workflow run.
 */
export function actionUpdateId(subject: string, action: Action, key: string): string {
  return `${action}-${crypto.createHash('sha256').update(`${subject}\n${action}\n${key}`).digest('hex').slice(0, 32)}`;
}

/** Quotes a value for a visibility query (values are also validated before they get here). */
export function visibilityValue(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The listing's `attention` filter as a visibility clause (a KeywordList `=` means "contains"). */
export function attentionClause(value: 'true' | 'false' | AttentionReason): string {
  if (value === 'true') return 'ComplaintAttention IS NOT NULL';
  if (value === 'false') return 'ComplaintAttention IS NULL';
  return `ComplaintAttention = '${value}'`;
}
