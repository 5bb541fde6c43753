// The reply address of a case: POST /complaints/:id/reply-address/rotation retires the token in the
// Reply-To of its e-mails (someone else has seen an e-mail of the case, or forwarded it). The next
// e-mail carries a new token; mail that still comes to the old one reaches the case but is held for
// the owner as unverified, whoever sent it. The owner or a supervisor; no body.
import { retireReplyToken } from '../../infra/store/reply-addresses';
import { seesFullCase } from '../case-response';
import { jsonResponse, problem, staffErrors, temporalErrors } from '../http/openapi-parts';
import { complaintId } from '../http/params';
import { route, type Route } from '../http/route';
import { problems } from '../problems';
import { replyAddressRotatedSchema, type ReplyAddressRotated } from './schemas';

export const replyAddressRoutes: Route[] = [
  route({
    method: 'post',
    path: '/complaints/:id/reply-address/rotation',
    roles: ['agent', 'supervisor'],
    what: 'Rotating a reply address',
    tags: ['reply-address'],
    summary: 'Give the case a new reply address',
    description:
      'The owner or a supervisor. Retires the unguessable token in the Reply-To of the case’s e-mails (someone else saw one of them): the next e-mail carries a new one, and mail still sent to the old address reaches the case but is held for the owner as unverified, whoever sent it. No body.',
    params: { id: complaintId },
    responses: {
      '200': jsonResponse('Rotated.', replyAddressRotatedSchema),
      ...staffErrors,
      '404': problem('No such case.'),
      '503': problem('The case store or Temporal is not reachable.'),
      '504': temporalErrors['504'],
    },
    async handler({ ctx, res, principal, params: { id } }) {
      const status = await ctx.cases.status(id);
      const owner = status.owner ?? (await ctx.cases.view(id)).owner.id;
      if (!seesFullCase(principal, owner))
        throw problems.forbidden('This case belongs to another owner; its reply address is for its owner.');
      if (!ctx.store) throw problems.unavailable('Reply addresses need the case store.');
      const retired = await retireReplyToken(ctx.store, id).catch((err: unknown) => {
        ctx.log('retiring a reply address failed', err);
        throw problems.unavailable('The case store is not reachable.');
      });
      res.setHeader('Cache-Control', 'no-store');
      res.json({
        id,
        retired,
        detail:
          'The next e-mail of the case carries a new reply address; mail to the old ones is held for the owner as unverified.',
      } satisfies ReplyAddressRotated);
    },
  }),
];
