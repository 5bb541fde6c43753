// The reply address of a case: POST /complaints/:id/reply-address/rotation retires the token in the
// Reply-To of its e-mails (someone else has seen an e-mail of the case, or forwarded it). The next
// e-mail carries a new token; mail that still comes to the old one reaches the case but is held for
// the owner as unverified, whoever sent it. The owner or a supervisor; no body.
import express, { type Request, type Response } from 'express';
import { retireReplyToken } from '../../infra/store/reply-addresses';
import { requireRole } from '../auth';
import { seesFullCase } from '../case-response';
import type { AppContext } from '../context';
import { strictRouter } from '../edge';
import { problems } from '../problems';
import type { ReplyAddressRotated } from '../schemas';
import { complaintIdParam } from './complaints';

export function replyAddressRoutes(ctx: AppContext): express.Router {
  const router = strictRouter();
  router.post('/complaints/:id/reply-address/rotation', async (req: Request, res: Response) => {
    const principal = requireRole(req, ['agent', 'supervisor'], 'Rotating a reply address');
    const id = complaintIdParam(req);
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
  });
  return router;
}
