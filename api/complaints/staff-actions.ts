// The lifecycle's actions after the request was read: the API's routes (api/complaints/routes.ts)
// and the console both act through here, so the checks and their order are the same whichever door
// a person uses.
import crypto from 'node:crypto';
import type { Action, CaseView, TaskCompletionInput } from '../../domain/case';
import { claimIdempotencyKey } from '../../infra/store';
import { allowRole } from '../auth';
import { supervisorOnly } from '../case-response';
import { actionUpdateId } from '../cases';
import type { AppContext } from '../context';
import type { Principal, Role } from '../keys';
import { ApiProblem, parseOrThrow, problems } from '../problems';
import { taskCompletionRequestSchema, taskIdSchema, type RoutedAction } from './schemas';
import { actionRoutes, type ActionRoute } from './action-routes';

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
      if (!(await firstUseOrSame(`action:${id}`, updateId, fingerprint)))
        throw problems.idempotencyMismatch();
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
      const declared: ActionRoute = actionRoutes[action];
      const body = parseOrThrow(declared.body, rawBody, `${action} request`);
      declared.check?.(ctx, body);
      // Who acts goes with every action, so the record names them (not the owner) when a supervisor acts.
      return act(principal, id, action, key, body, {
        ...declared.input(body, principal),
        actedBy: principal.name,
      });
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
