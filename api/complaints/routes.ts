// Staff endpoints: start a complaint, read and list cases, and the lifecycle's actions. The order of
// checks is fixed: who you are (401), what your role may do (403), what you sent (400), whether the
// case exists (404), whether it is yours (403), whether its stage allows it (409).
import type { Response, Router } from 'express';
import express from 'express';
import type { CaseView } from '../../domain/case';
import { statusUrl } from '../../infra/links';
import { complaintTypesClause } from '../../workflows/definitions';
import { archivedCase } from '../archive';
import { caseResponse, seesFullCase } from '../case-response';
import { attentionClause, visibilityValue } from '../cases';
import type { AppContext } from '../context';
import { erasedView } from '../erasure/view';
import {
  idempotencyHeader,
  jsonResponse,
  problem,
  staffErrors,
  temporalErrors,
  type Json,
} from '../http/openapi-parts';
import { complaintId, idempotencyKey } from '../http/params';
import { route, type PathParam, type Route } from '../http/route';
import { startComplaint } from '../intake';
import type { Principal } from '../keys';
import { intakeDeps } from '../policy-snapshot';
import { ApiProblem, problems } from '../problems';
import {
  caseListQuerySchema,
  caseListSchema,
  caseResponseSchema,
  intakeRequestSchema,
  intakeResponseSchema,
  routedActions,
  taskCompletionRequestSchema,
  type CaseList,
  type IntakeResponse,
} from './schemas';
import { actionRoutes as declaredActions } from './action-routes';
import { actionRoles, staffActions } from './staff-actions';

/** One staffActions per app (its in-process memory of Idempotency-Keys, for an API without a store). */
const staffOf = (() => {
  const made = new WeakMap<AppContext, ReturnType<typeof staffActions>>();
  return (ctx: AppContext) => {
    let staff = made.get(ctx);
    if (!staff) made.set(ctx, (staff = staffActions(ctx)));
    return staff;
  };
})();

const customerLink = (ctx: AppContext, id: string) => statusUrl(ctx.publicBaseUrl, ctx.links.sign(id));

function answerCase(ctx: AppContext, res: Response, principal: Principal, id: string, view: CaseView): void {
  res.setHeader('Cache-Control', 'no-store');
  res.json(
    caseResponse(
      view,
      principal,
      seesFullCase(principal, view.owner.id) ? { customerStatusPage: customerLink(ctx, id) } : {},
    ),
  );
}

const idempotency = { doc: [idempotencyHeader], parse: idempotencyKey };

/** The task's id, passed on as sent: staffActions checks it after the body (an unknown task is a 404). */
const taskIdParam: PathParam<string> = {
  doc: {
    name: 'taskId',
    in: 'path',
    required: true,
    schema: { type: 'string', pattern: '^T[0-9]{1,6}$' },
    description: 'The task’s id in the case view, e.g. "T1".',
  },
  parse: (raw) => raw,
};

const actionErrors: Record<string, Json> = {
  ...staffErrors,
  '404': problem('No such case.'),
  '409': problem(
    'Not allowed in the case’s current stage (the problem names the stage and the allowed actions), or the case is closed.',
  ),
  '415': problem('The body is not JSON.'),
  '422': problem(
    'The case rejected the action (for example an extension beyond the policy), or the Idempotency-Key was reused.',
  ),
  ...temporalErrors,
};

/** POST /complaints/{id}/<action> for each staff action, from its declaration in action-routes.ts. */
const actionRoutes: Route[] = routedActions.map((action) =>
  route({
    method: 'post',
    path: `/complaints/:id/${action}`,
    roles: actionRoles(action),
    what: `The ${action} action`,
    tags: ['complaints'],
    summary: `The ${action} action`,
    description: declaredActions[action].description,
    params: { id: complaintId },
    headers: idempotency,
    // Checked by staffActions (which the console shares), after the Idempotency-Key.
    body: {
      schema: declaredActions[action].body,
      what: `${action} request`,
      validate: false,
    },
    responses: { '200': jsonResponse('The updated case.', caseResponseSchema), ...actionErrors },
    async handler({ ctx, res, principal, params: { id }, headers: key, body }) {
      const view = await staffOf(ctx).run(principal, id, action, body, key);
      answerCase(ctx, res, principal, id, view);
    },
  }),
);

export const complaintRoutes: Route[] = [
  route({
    method: 'post',
    path: '/complaints',
    roles: ['agent', 'supervisor'],
    what: 'Starting a complaint',
    tags: ['complaints'],
    summary: 'Start a complaint',
    description:
      'Agents and supervisors. The same Idempotency-Key (each caller’s own) or externalId (one case, whoever records it) finds the case started before (200 instead of 201); a repeat carries links.customerStatusPage only for a supervisor or the case’s owner.',
    headers: {
      doc: [
        idempotencyHeader,
        {
          name: 'Prefer',
          in: 'header',
          required: false,
          schema: { type: 'string', enum: ['respond-async'] },
          description:
            'respond-async: answer as soon as the case exists (stage "intake", owner null) instead of waiting for its owner.',
        },
      ],
      parse: idempotencyKey,
    },
    body: { schema: intakeRequestSchema, what: 'complaint' },
    responses: {
      '201': jsonResponse('Started.', intakeResponseSchema),
      '200': jsonResponse(
        'Already started by an earlier request with this key or external id.',
        intakeResponseSchema,
      ),
      ...staffErrors,
      '415': problem('The body is not JSON.'),
      '422': problem('The Idempotency-Key was used before for a different complaint.'),
      ...temporalErrors,
    },
    async handler({ ctx, req, res, principal, headers: key, body: request }) {
      const result = await startComplaint(
        intakeDeps(ctx),
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
          ...(showLink ? { customerStatusPage: customerLink(ctx, result.complaintId) } : {}),
        },
      };
      res.setHeader('Cache-Control', 'no-store');
      res.locals.complaintId = result.complaintId; // for the request log
      if (result.created) res.location(body.links.self);
      res.status(result.created ? 201 : 200).json(body);
    },
  }),

  route({
    method: 'get',
    path: '/complaints',
    roles: ['agent', 'supervisor', 'operator'],
    what: 'Listing cases',
    tags: ['complaints'],
    summary: 'List cases',
    description:
      'From Temporal’s visibility store (eventually consistent). Agents see their own cases unless they pass owner (owner=any: everyone’s) or a reference, which finds exactly the case the customer reads out, whoever owns it.',
    query: {
      schema: caseListQuerySchema,
      doc: [
        'stage',
        'owner',
        'priority',
        'category',
        'overdue',
        'reference',
        'attention',
        'pageSize',
        'pageToken',
      ].map((name) => ({
        name,
        in: 'query',
        required: false,
        schema: { $ref: `#/components/schemas/CaseListQuery/properties/${name}` },
      })),
    },
    responses: { '200': jsonResponse('A page of cases.', caseListSchema), ...staffErrors, ...temporalErrors },
    async handler({ ctx, res, principal, query: q }) {
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
      if (filters.reference)
        clauses.push(`ComplaintReference = ${visibilityValue(String(filters.reference))}`);
      if (q.attention) clauses.push(attentionClause(q.attention));
      const page = await ctx.cases.list(clauses.join(' AND '), q.pageSize, q.pageToken);
      const body: CaseList = { ...page, filters };
      res.setHeader('Cache-Control', 'no-store');
      res.json(body);
    },
  }),

  route({
    method: 'get',
    path: '/complaints/:id',
    roles: ['agent', 'supervisor', 'operator'],
    what: 'Reading a case',
    tags: ['complaints'],
    summary: 'Read a case',
    description:
      'Supervisors and the owning agent get the full case; operators and other agents the restricted view.',
    params: { id: complaintId },
    responses: {
      '200': jsonResponse('The case.', caseResponseSchema),
      ...staffErrors,
      '404': problem('No such case.'),
      '409': problem('The case is still being set up; retry shortly.'),
      ...temporalErrors,
    },
    async handler({ ctx, res, principal, params: { id } }) {
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
          live && seesFullCase(principal, view.owner.id) ? { customerStatusPage: customerLink(ctx, id) } : {},
        ),
        ...(archived ? { source: 'archive', recordedAt: archived.recordedAt } : { source: 'workflow' }),
      });
    },
  }),

  // A task is a resource of the case; completing it is the one way to mark it done.
  route({
    method: 'post',
    path: '/complaints/:id/tasks/:taskId/completion',
    roles: ['agent', 'supervisor'],
    what: 'Completing a task',
    tags: ['complaints'],
    summary: 'Complete a task',
    description:
      'The owner or a supervisor marks a task of the case done (the call made, the letter sent), with an optional note. A task that stood in for an e-mail keeps that e-mail’s promise: completing the formal acknowledgement letter meets the acknowledgement deadline. The body may be omitted.',
    params: { id: complaintId, taskId: taskIdParam },
    headers: idempotency,
    // Checked by staffActions (which the console shares).
    body: { schema: taskCompletionRequestSchema, what: 'task completion', required: false, validate: false },
    responses: {
      '200': jsonResponse('The updated case.', caseResponseSchema),
      ...staffErrors,
      '404': problem('No such case, or no such task on it.'),
      '409': problem('The task is already closed, or the case is closed.'),
      '415': problem('The body is not JSON.'),
      '422': problem('The case rejected the completion, or the Idempotency-Key was reused.'),
      ...temporalErrors,
    },
    async handler({ ctx, res, principal, params: { id, taskId }, headers: key, body }) {
      const view = await staffOf(ctx).completeTask(principal, id, taskId, body ?? {}, key);
      answerCase(ctx, res, principal, id, view);
    },
  }),

  ...actionRoutes,
];

/**
 * After the declared routes: a POST to no action of a case is a 404 naming it (its body parsed
 * first, as any action's is), not the app's generic one.
 */
export function unknownActionRoute(router: Router, ctx: AppContext): Router {
  router.post(
    '/complaints/:id/:action',
    express.json({ limit: ctx.limits.jsonBody, strict: true }),
    (req) => {
      throw problems.notFound(`No action "${String(req.params.action).slice(0, 40)}".`);
    },
  );
  return router;
}
