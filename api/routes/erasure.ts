// Erasure of a closed case's personal data on request (a supervisor, with a reason). An open case
// cannot be erased: without its key it could not continue. Erasing twice answers with the first record.
import express, { type Request, type Response } from 'express';
import { strictRouter } from '../edge';
import { eraseCase, type ErasureRecord } from '../../infra/erasure';
import { requireRole } from '../auth';
import type { AppContext } from '../context';
import { ApiProblem, parseOrThrow, problems } from '../problems';
import { readCaseRecord } from '../../infra/store';
import { erasureRequestSchema, type CaseErased } from '../schemas';
import { complaintIdParam, requireJsonBody } from './complaints';

export function erasureRoutes(ctx: AppContext): express.Router {
  const router = strictRouter();
  const json = express.json({ limit: ctx.limits.jsonBody, strict: true });

  router.post('/complaints/:id/erasure', json, async (req: Request, res: Response) => {
    const principal = requireRole(req, ['supervisor'], 'Erasing personal data');
    const id = complaintIdParam(req);
    requireJsonBody(req);
    const { reason } = parseOrThrow(erasureRequestSchema, req.body, 'erasure request');
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
  });

  return router;
}

/** What the API shows of an erased case: the register's record, never any data of the case. */
export function erasedView(record: ErasureRecord): CaseErased {
  const { complaintId, erasedAt, erasedBy, reason, keyDestroyed, ledgerEntries } = record;
  return {
    view: 'erased',
    id: complaintId,
    erasure: { erasedAt, erasedBy, reason, keyDestroyed, ledgerEntries },
    links: { self: `/complaints/${complaintId}` },
  };
}
