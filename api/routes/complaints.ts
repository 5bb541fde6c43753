// Staff endpoints: start a complaint, read and list cases, and the lifecycle's actions. The order of
// checks is fixed: who you are (401), what your role may do (403), what you sent (400), whether the
// case exists (404), whether it is yours (403), whether its stage allows it (409).
import crypto from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { strictRouter } from '../edge';
import {
  type Action,
  type CaseView,
  type ApprovalInput,
  type NoteInput,
  type TaskCompletionInput,
  type ReassignmentInput,
} from '../../domain/case';
import { complaintTypesClause } from '../../workflows/definitions';
import { PolicyFileError } from '../../domain/policy';
import { statusUrl } from '../../infra/links';
import { allowRole, requireRole } from '../auth';
import type { Principal, Role } from '../keys';
import { caseResponse, seesFullCase, supervisorOnly } from '../case-response';
import { actionUpdateId, visibilityValue } from '../cases';
import type { AppContext } from '../context';
import { startComplaint } from '../intake';
import { erasedView } from './erasure';
import { attentionClause } from './ops';
import { archivedCase } from '../archive';
import { ApiProblem, parseOrThrow, problems } from '../problems';
import { claimIdempotencyKey } from '../../infra/store';
import {
  actionRequestSchemas,
  caseListQuerySchema,
  complaintIdSchema,
  intakeRequestSchema,
  routedActions,
  taskCompletionRequestSchema,
  taskIdSchema,
  type ActionRequests,
  type CaseList,
  type IntakeResponse,
  type RoutedAction,
} from '../schemas';

/**
 * Remembers which request each idempotency key was first used with, in this process only: for an
 * API built without a store (tests). With a store the fingerprints are shared (idempotency_keys).
 */
class KeyMemory {
  private readonly seen = new Map<string, string>();
  constructor(private readonly max = 10_000) {}
  /** false when the key was used before with a different request. */
  check(key: string, fingerprint: string): boolean {
    const earlier = this.seen.get(key);
    if (earlier !== undefined) return earlier === fingerprint;
    if (this.seen.size >= this.max) this.seen.delete(this.seen.keys().next().value!);
    this.seen.set(key, fingerprint);
    return true;
  }
}

export function idempotencyKey(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw problems.invalid(
      'The Idempotency-Key header must be 1 to 200 printable ASCII characters without spaces.',
      [{ field: 'Idempotency-Key', pointer: '', message: 'not a valid key' }],
    );
  }
  return key;
}

/** An id from the path; anything that cannot be a complaint id is simply not found. */
export function complaintIdParam(req: Request): string {
  const parsed = complaintIdSchema.safeParse(req.params.id);
  if (!parsed.success) throw problems.notFound(`No complaint ${String(req.params.id).slice(0, 80)}.`);
  return parsed.data;
}

/** 415 for a body that is there but is not JSON (a missing body is left to the schema: 400). */
export function requireJsonBody(req: Request): void {
  if (req.is('application/json') === false) throw problems.unsupportedMediaType('application/json');
}

export function snapshotOrThrow(ctx: AppContext) {
  try {
    return ctx.snapshot();
  } catch (err) {
    if (err instanceof PolicyFileError)
      throw problems.unavailable('The complaint policy or roster cannot be used right now.');
    throw err;
  }
}

export function complaintRoutes(ctx: AppContext): express.Router {
  const router = strictRouter();
  const json = express.json({ limit: ctx.limits.jsonBody, strict: true });
  const staff = staffActions(ctx);
  const customerLink = (id: string) => statusUrl(ctx.publicBaseUrl, ctx.links.sign(id));

  router.post('/complaints', json, async (req: Request, res: Response) => {
    const principal = requireRole(req, ['agent', 'supervisor'], 'Starting a complaint');
    requireJsonBody(req);
    const key = idempotencyKey(req);
    const request = parseOrThrow(intakeRequestSchema, req.body, 'complaint');
    const result = await startComplaint(
      {
        client: ctx.client,
        taskQueue: ctx.taskQueue,
        snapshot: () => snapshotOrThrow(ctx),
        historyEventLimit: ctx.historyEventLimit,
        owners: ctx.owners,
        externalIdKey: ctx.externalIdKey,
      },
      request,
      key,
      // Idempotency-Keys are the caller's own: another caller's same key is another complaint.
      `subject:${principal.subject}`,
    ).catch((err: unknown) => {
      if (err instanceof ApiProblem) throw err;
      ctx.log('starting a complaint failed', err);
      throw problems.unavailable(
        'The complaint could not be started right now; nothing was recorded. Retry with the same Idempotency-Key.',
      );
    });
    // An external id names the complaint itself; a reused Idempotency-Key for another complaint is a mistake.
    if (!result.created && key && !request.externalId && result.sameRequest === false)
      throw problems.idempotencyMismatch();
    let stage: IntakeResponse['stage'] = 'intake';
    let owner: IntakeResponse['owner'] = result.owner ?? null;
    // "Prefer: respond-async" (RFC 7240): answer once the case exists, without waiting for its owner.
    // An owner chosen at intake is known already: no need to wait for the worker either way.
    if (result.owner) {
      if (/\brespond-async\b/i.test(req.get('prefer') ?? ''))
        res.setHeader('Preference-Applied', 'respond-async');
    } else if (!/\brespond-async\b/i.test(req.get('prefer') ?? '')) {
      try {
        const view = await ctx.cases.view(result.complaintId, ctx.timeouts.startingMs);
        stage = view.stage;
        owner = { id: view.owner.id, name: view.owner.name };
      } catch (err) {
        // Started but not assigned yet (no worker answered in time): the case exists; say so.
        if (!(err instanceof ApiProblem)) throw err;
      }
    } else {
      res.setHeader('Preference-Applied', 'respond-async');
    }
    // The customer's link opens their personal data. A repeated intake (same external id or key)
    // may come from anyone who knows the id: it gets the link only if it may see the case anyway.
    const showLink =
      result.created ||
      seesFullCase(
        principal,
        owner?.id ??
          (principal.role === 'agent'
            ? await ctx.cases.status(result.complaintId).then(
                (s) => s.owner,
                () => undefined,
              )
            : undefined),
      );
    const body: IntakeResponse = {
      id: result.complaintId,
      reference: result.reference,
      created: result.created,
      stage,
      owner,
      links: {
        self: `/complaints/${result.complaintId}`,
        ...(showLink ? { customerStatusPage: customerLink(result.complaintId) } : {}),
      },
    };
    res.setHeader('Cache-Control', 'no-store');
    res.locals.complaintId = result.complaintId; // for the request log
    if (result.created) res.location(body.links.self);
    res.status(result.created ? 201 : 200).json(body);
  });

  router.get('/complaints', async (req: Request, res: Response) => {
    const principal = requireRole(req, ['agent', 'supervisor', 'operator'], 'Listing cases');
    const q = parseOrThrow(caseListQuerySchema, req.query, 'query');
    const filters: CaseList['filters'] = {};
    // A reference names one case (a customer on the phone): it is found whoever owns it.
    const owner = q.owner ?? (principal.role === 'agent' && !q.reference ? principal.subject : undefined);
    if (owner && owner !== 'any') filters.owner = owner;
    if (q.stage) filters.stage = q.stage;
    if (q.priority) filters.priority = q.priority;
    if (q.category) filters.category = q.category;
    if (q.overdue !== undefined) filters.overdue = q.overdue;
    if (q.reference) filters.reference = q.reference;
    if (q.attention) filters.attention = q.attention;
    if (q.archived) {
      if (!ctx.archive) throw problems.unavailable('The case archive is not configured on this API.');
      if ((q.stage && q.stage !== 'closed') || q.overdue !== undefined)
        throw problems.invalid('The archive lists closed cases: stage and overdue do not apply.', [
          {
            field: 'archived',
            pointer: '/archived',
            message: 'not with stage (other than closed) or overdue',
          },
        ]);
      filters.archived = true;
      const page = await ctx.cases.listArchived(ctx.archive.store, filters, q.pageSize, q.pageToken);
      res.setHeader('Cache-Control', 'no-store');
      res.json({ ...page, filters } satisfies CaseList);
      return;
    }
    const clauses = [complaintTypesClause];
    if (filters.owner) clauses.push(`ComplaintOwner = ${visibilityValue(String(filters.owner))}`);
    if (filters.stage) clauses.push(`ComplaintStage = ${visibilityValue(String(filters.stage))}`);
    if (filters.priority) clauses.push(`ComplaintPriority = ${visibilityValue(String(filters.priority))}`);
    if (filters.category) clauses.push(`ComplaintCategory = ${visibilityValue(String(filters.category))}`);
    if (filters.overdue !== undefined)
      clauses.push(`ComplaintOverdue = ${filters.overdue ? 'true' : 'false'}`);
    if (filters.reference) clauses.push(`ComplaintReference = ${visibilityValue(String(filters.reference))}`);
    if (q.attention) clauses.push(attentionClause(q.attention));
    const page = await ctx.cases.list(clauses.join(' AND '), q.pageSize, q.pageToken);
    const body: CaseList = { ...page, filters };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  router.get('/complaints/:id', async (req: Request, res: Response) => {
    const principal = requireRole(req, ['agent', 'supervisor', 'operator'], 'Reading a case');
    const id = complaintIdParam(req);
    const erasure = await ctx.cases.erasure(id);
    if (erasure) {
      // Erased: the history can no longer be read; the register says who erased it, when and why.
      res.setHeader('Cache-Control', 'no-store');
      res.json(erasedView(erasure));
      return;
    }
    const live = await ctx.cases.view(id).catch((err: unknown) => {
      // Temporal has forgotten the case (retention, or deleted): the archive may still know it.
      if (err instanceof ApiProblem && err.status === 404 && ctx.archive) return undefined;
      throw err;
    });
    const archived = live ? undefined : await archivedCase(ctx.archive!, id);
    res.setHeader('Cache-Control', 'no-store');
    if (archived?.kind === 'erased') return void res.json(erasedView(archived.erasure));
    const view = live ?? archived?.view;
    if (!view) throw problems.notFound(`No complaint ${id}.`);
    res.json({
      ...caseResponse(
        view,
        principal,
        // A forgotten case's customer link no longer opens anything: none is offered.
        live && seesFullCase(principal, view.owner.id) ? { customerStatusPage: customerLink(id) } : {},
      ),
      ...(archived ? { source: 'archive', recordedAt: archived.recordedAt } : { source: 'workflow' }),
    });
  });

  // A task is a resource of the case; completing it is the one way to mark it done.
  router.post('/complaints/:id/tasks/:taskId/completion', json, async (req: Request, res: Response) => {
    const principal = requireRole(req, ['agent', 'supervisor'], 'Completing a task');
    const id = complaintIdParam(req);
    // No body at all (Content-Length: 0 and no type) is a completion without a note.
    const empty = req.get('content-length') === '0' && !req.get('content-type');
    if (!empty) requireJsonBody(req);
    const key = idempotencyKey(req);
    const view = await staff.completeTask(principal, id, req.params.taskId, req.body ?? {}, key);
    answerCase(res, principal, id, view);
  });

  router.post('/complaints/:id/:action', json, async (req: Request, res: Response) => {
    const action = req.params.action as RoutedAction;
    if (!(routedActions as readonly string[]).includes(action))
      throw problems.notFound(`No action "${String(req.params.action).slice(0, 40)}".`);
    const principal = requireRole(req, actionRoles(action), `The ${action} action`);
    const id = complaintIdParam(req);
    requireJsonBody(req);
    const key = idempotencyKey(req);
    const view = await staff.run(principal, id, action, req.body, key);
    answerCase(res, principal, id, view);
  });

  function answerCase(res: Response, principal: Principal, id: string, view: CaseView): void {
    res.setHeader('Cache-Control', 'no-store');
    res.json(
      caseResponse(
        view,
        principal,
        seesFullCase(principal, view.owner.id) ? { customerStatusPage: customerLink(id) } : {},
      ),
    );
  }

  return router;
}

/** Who may take an action: supervisors' own actions need a supervisor, the rest an owner or a supervisor. */
export function actionRoles(action: RoutedAction): Role[] {
  return supervisorOnly.includes(action) ? ['supervisor'] : ['agent', 'supervisor'];
}

/**
 * The lifecycle's actions after the request was read: the role, the body against its schema, the
 * case exists, it is the agent's own, then the Update. The API's routes and the console both act
 * through here, so the checks and their order are the same whichever door a person uses.
 */
export function staffActions(ctx: AppContext) {
  const keyMemory = new KeyMemory();
  /**
   * false when the key was used before with another body. In the case store, so every API process
   * gives the same answer (first writer wins); a store that does not answer is a 503.
   */
  async function firstUseOrSame(scope: string, key: string, fingerprint: string): Promise<boolean> {
    if (!ctx.store) return keyMemory.check(`${scope}\n${key}`, fingerprint);
    return claimIdempotencyKey(ctx.store, scope, key, fingerprint).catch((err: unknown) => {
      ctx.log('idempotency keys: the case store did not answer', err);
      throw problems.unavailable(
        'Idempotency-Keys are checked in the case store, which is not reachable; retry with the same key.',
      );
    });
  }

  async function act(
    principal: Principal,
    id: string,
    action: Action,
    key: string | undefined,
    body: unknown,
    input: unknown,
    refused?: (problem: ApiProblem) => Promise<ApiProblem>,
  ): Promise<CaseView> {
    // Agents act on their own cases only; the server alone knows the owner now (no worker needed).
    if (principal.role === 'agent') {
      const status = await ctx.cases.status(id);
      if (!status.running)
        throw problems.caseClosed(`The case is ${status.status.toLowerCase()}; it accepts no more actions.`);
      // The owner's search attribute is set once the acknowledgement is out; until then ask the case.
      const owner = status.owner ?? (await ctx.cases.view(id)).owner.id;
      if (owner !== principal.subject)
        throw problems.forbidden('This case belongs to another owner; agents act on their own cases only.');
    }
    const updateId = key ? actionUpdateId(principal.subject, action, key) : undefined;
    if (updateId) {
      // Keys are per case: the same key on two cases is two requests.
      const fingerprint = crypto.createHash('sha256').update(JSON.stringify(body)).digest('hex');
      if (!(await firstUseOrSame(`action:${id}`, updateId, fingerprint))) throw problems.idempotencyMismatch();
    }
    return ctx.cases.act(id, action, input, updateId).catch(async (err: unknown) => {
      throw err instanceof ApiProblem && refused ? await refused(err) : err;
    });
  }

  return {
    /** One of the routed actions, with its body as sent (checked here against the action's schema). */
    async run(
      principal: Principal,
      id: string,
      action: RoutedAction,
      rawBody: unknown,
      key?: string,
    ): Promise<CaseView> {
      allowRole(principal, actionRoles(action), `The ${action} action`);
      const body = parseOrThrow(actionRequestSchemas[action], rawBody, `${action} request`);
      if (action === 'reassignment') {
        const ownerId = (body as ActionRequests['reassignment']).ownerId;
        if (!snapshotOrThrow(ctx).roster.owners.some((o) => o.id === ownerId)) {
          throw problems.invalid('No such owner in the roster.', [
            { field: 'ownerId', pointer: '/ownerId', message: `unknown owner "${ownerId}"` },
          ]);
        }
      }
      return act(principal, id, action, key, body, workflowInput(action, body, principal));
    },

    /** Marks a task done; an unknown task is a 404, an already closed one a 409. */
    async completeTask(
      principal: Principal,
      id: string,
      rawTaskId: unknown,
      rawBody: unknown,
      key?: string,
    ): Promise<CaseView> {
      allowRole(principal, ['agent', 'supervisor'], 'Completing a task');
      const body = parseOrThrow(taskCompletionRequestSchema, rawBody, 'task completion');
      const parsedTask = taskIdSchema.safeParse(rawTaskId);
      if (!parsedTask.success)
        throw problems.notFound(`No task ${String(rawTaskId).slice(0, 40)} on this case.`);
      const taskId = parsedTask.data;
      const input: TaskCompletionInput = { taskId, ...body, by: principal.subject };
      return act(principal, id, 'task-completion', key, { taskId, ...body }, input, async (problem) => {
        // The case refuses an unknown or closed task as invalid; say which, from the case itself.
        if (problem.slug !== 'action-rejected') return problem;
        const tasks = await ctx.cases
          .view(id)
          .then((v) => v.tasks)
          .catch(() => undefined);
        if (!tasks) return problem; // the case did not answer: its own words will do
        const task = tasks.find((t) => t.id === taskId);
        if (!task) return problems.notFound(`No task ${taskId} on this case.`);
        if (task.closedAt || task.doneAt)
          return problems.taskClosed(`Task ${taskId} is already closed (${task.closedAs ?? 'done'}).`);
        return problem;
      });
    },
  };
}

/** The workflow's input: the body, plus who acted where the workflow records it (never taken from the body). */
function workflowInput(
  action: RoutedAction,
  body: ActionRequests[RoutedAction],
  principal: { subject: string; name: string },
): unknown {
  switch (action) {
    case 'approval':
      return {
        ...(body as ActionRequests['approval']),
        supervisorId: principal.subject,
      } satisfies ApprovalInput;
    case 'reassignment':
      return {
        ...(body as ActionRequests['reassignment']),
        supervisorId: principal.subject,
      } satisfies ReassignmentInput;
    case 'notes':
      return { ...(body as ActionRequests['notes']), author: principal.name } satisfies NoteInput;
    default:
      return body;
  }
}
