// The files a customer attached on the public form, for staff: GET
// /complaints/:id/attachments/:attachmentId (the id is in the case's description). Owner and
// supervisors only (personal data); served as a download, never rendered in our origin.
import express, { type Request, type Response } from 'express';
import { strictRouter } from '../edge';
import { CaseKeyDestroyedError } from '../../infra/codec/case-keys';
import type { AttachmentStore } from '../../infra/attachments';
import { complaintWorkflowId } from '../../workflows/definitions';
import { requireRole } from '../auth';
import { seesFullCase } from '../case-response';
import type { AppContext } from '../context';
import { problems } from '../problems';
import { complaintIdParam } from './complaints';

export function attachmentRoutes(ctx: AppContext, store: AttachmentStore | undefined): express.Router {
  const router = strictRouter();
  router.get('/complaints/:id/attachments/:attachmentId', async (req: Request, res: Response) => {
    const principal = requireRole(req, ['agent', 'supervisor'], 'Attachments');
    const id = complaintIdParam(req);
    if (!store) throw problems.unavailable('Attachments are not configured on this API.');
    const erased = await ctx.cases.erasure(id);
    if (erased) throw problems.caseErased(erased.erasedAt);
    const status = await ctx.cases.status(id);
    const owner = status.owner ?? (await ctx.cases.view(id)).owner.id;
    if (!seesFullCase(principal, owner))
      throw problems.forbidden('This case belongs to another owner; its attachments are for its owner.');
    const file = await store
      .get(complaintWorkflowId(id), String(req.params.attachmentId))
      .catch((err: unknown) => {
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
  });
  return router;
}
