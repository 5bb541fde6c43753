// Erasure of a closed case's personal data on request (a supervisor, with a reason). An open case
// cannot be erased: without its key it could not continue. Erasing twice answers with the first record.
import { eraseCase } from '../../infra/erasure';
import { readCaseRecord } from '../../infra/store';
import { jsonResponse, problem, staffErrors, temporalErrors } from '../http/openapi-parts';
import { complaintId } from '../http/params';
import { route, type Route } from '../http/route';
import { ApiProblem, problems } from '../problems';
import { caseErasedSchema } from '../complaints/schemas';
import { erasureRequestSchema } from './schemas';
import { erasedView } from './view';

export const erasureRoutes: Route[] = [
  route({
    method: 'post',
    path: '/complaints/:id/erasure',
    roles: ['supervisor'],
    what: 'Erasing personal data',
    tags: ['erasure'],
    summary: 'Erase a closed case’s personal data',
    description:
      'Supervisors only, with a reason. The case’s data key is destroyed (its history in Temporal stays, unreadable), the e-mail ledger forgets recipients and subjects, and the register records who erased it, when and why — without the data. 201 the first time, 200 with the same record after. Closed cases are also erased automatically after the policy’s `erasure.afterClose`.',
    params: { id: complaintId },
    body: { schema: erasureRequestSchema, what: 'erasure request' },
    responses: {
      '201': jsonResponse('Erased.', caseErasedSchema),
      '200': jsonResponse('Erased before: the first record.', caseErasedSchema),
      ...staffErrors,
      '404': problem('No such case.'),
      '409': problem('The case is still open: close it first.'),
      '415': problem('The body is not JSON.'),
      '503': problem('Erasure is not configured on this API, or Temporal is not reachable.'),
      '504': temporalErrors['504'],
    },
    async handler({ ctx, res, principal, params: { id }, body: { reason } }) {
      if (!ctx.erasure) throw problems.unavailable('Erasure is not configured on this API.');
      const earlier = await ctx.cases.erasure(id);
      if (!earlier) {
        // 404 for no such case; a case Temporal has forgotten is erased from the archive (it is closed).
        const status = await ctx.cases.status(id).catch(async (err: unknown) => {
          if (err instanceof ApiProblem && err.status === 404 && ctx.archive) {
            const record = await readCaseRecord(ctx.archive.store, id);
            if (record?.stage === 'closed') return undefined;
          }
          throw err;
        });
        if (status?.running) throw problems.caseOpen(status.stage ?? 'intake');
      }
      const { record, first } = await eraseCase(ctx.erasure, {
        complaintId: id,
        by: principal.subject,
        reason,
      });
      res.setHeader('Cache-Control', 'no-store');
      res.status(first ? 201 : 200).json(erasedView(record));
    },
  }),
];
