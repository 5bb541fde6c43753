// The files a customer attached on the public form, for staff: GET
// /complaints/:id/attachments/:attachmentId (the id is in the case's description). Owner and
// supervisors only (personal data); served as a download, never rendered in our origin.
import { CaseKeyDestroyedError } from '../../infra/codec/case-keys';
import { complaintWorkflowId } from '../../workflows/definitions';
import { seesFullCase } from '../case-response';
import { problem, temporalErrors } from '../http/openapi-parts';
import { complaintId } from '../http/params';
import { route, type PathParam, type Route } from '../http/route';
import { problems } from '../problems';

/** Passed to the store as it is: an id it does not hold is a 404 there. */
const attachmentId: PathParam<string> = {
  doc: {
    name: 'attachmentId',
    in: 'path',
    required: true,
    schema: { type: 'string', pattern: '^a[0-9a-f]{32}$' },
    description: 'The attachment’s id, e.g. "a3f…" (32 hex digits after "a").',
  },
  parse: (raw) => raw,
};

export const attachmentRoutes: Route[] = [
  route({
    method: 'get',
    path: '/complaints/:id/attachments/:attachmentId',
    roles: ['agent', 'supervisor'],
    what: 'Attachments',
    tags: ['attachments'],
    summary: 'A file the customer attached on the public form',
    description:
      'The owner or a supervisor; the id is listed in the case’s description. Kept sealed with the case’s data key: after an erasure it is gone (410).',
    params: { id: complaintId, attachmentId },
    responses: {
      '200': {
        description: 'The file, as a download.',
        content: { '*/*': { schema: { type: 'string' } } },
      },
      '401': problem('No or bad API key.'),
      '403': problem('Not the case’s owner or a supervisor.'),
      '404': problem('No such case or attachment.'),
      '409': problem('The case is still being set up; retry shortly.'),
      '410': problem('The case’s personal data was erased.'),
      '429': problem('Too many requests with this key.'),
      ...temporalErrors,
    },
    async handler({ ctx, res, principal, params }) {
      const { id } = params;
      const store = ctx.attachments;
      if (!store) throw problems.unavailable('Attachments are not configured on this API.');
      const erased = await ctx.cases.erasure(id);
      if (erased) throw problems.caseErased(erased.erasedAt);
      const status = await ctx.cases.status(id);
      const owner = status.owner ?? (await ctx.cases.view(id)).owner.id;
      if (!seesFullCase(principal, owner))
        throw problems.forbidden('This case belongs to another owner; its attachments are for its owner.');
      const file = await store.get(complaintWorkflowId(id), params.attachmentId).catch((err: unknown) => {
        if (err instanceof CaseKeyDestroyedError)
          throw problems.caseErased('the erasure date in the register (GET /complaints/:id)');
        throw err;
      });
      if (!file) throw problems.notFound('No such attachment on this case.');
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${file.meta.id}"; filename*=UTF-8''${encodeURIComponent(file.meta.name)}`,
      );
      res.type(file.meta.type).send(file.data);
    },
  }),
];
