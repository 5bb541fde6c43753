// What operators look at besides the Web UI: how many open cases need attention and why. Counted by
// Temporal's visibility store (CountWorkflowExecutions), so it needs no worker and reads no history.
// /healthz stays about the service itself; this is about the cases.
import express, { type Request, type Response } from 'express';
import { strictRouter } from '../edge';
import { attentionReasons, type AttentionReason } from '../../domain/lifecycle/attention';
import { openCasesClause } from '../../workflows/definitions';
import { requireRole } from '../auth';
import type { AppContext } from '../context';
import { problems } from '../problems';
import type { OpsSummary } from '../schemas';
import { channelHealth } from '../../infra/store/telegram-cases';

/** The listing's `attention` filter as a visibility clause (a KeywordList `=` means "contains"). */
export function attentionClause(value: 'true' | 'false' | AttentionReason): string {
  if (value === 'true') return 'ComplaintAttention IS NOT NULL';
  if (value === 'false') return 'ComplaintAttention IS NULL';
  return `ComplaintAttention = '${value}'`;
}

const openCases = openCasesClause;

export function opsRoutes(ctx: AppContext): express.Router {
  const router = strictRouter();
  router.get('/ops/summary', async (req: Request, res: Response) => {
    requireRole(req, ['operator', 'supervisor'], 'The operations summary');
    const count = async (clause?: string): Promise<number> => {
      const { count: n } = await ctx.cases.client.workflow.count(
        clause ? `${openCases} AND ${clause}` : openCases,
      );
      return n;
    };
    let body: OpsSummary;
    try {
      const [open, overdue, needingAttention, ...perReason] = await Promise.all([
        count(),
        count('ComplaintOverdue = true'),
        count(attentionClause('true')),
        ...attentionReasons.map((r) => count(attentionClause(r))),
      ]);
      // Temporal's own flag for workflow tasks that keep failing (server 1.30+); older servers refuse it.
      const workflowTaskProblems = await count('TemporalReportedProblems IS NOT NULL').catch(() => undefined);
      body = {
        open,
        overdue,
        needingAttention,
        attention: Object.fromEntries(
          attentionReasons.map((r, i) => [r, perReason[i]]),
        ) as OpsSummary['attention'],
        ...(workflowTaskProblems !== undefined ? { workflowTaskProblems } : {}),
        // #20: a channel whose connection is down (a revoked Telegram token) stops every send on it.
        ...(ctx.store ? { channels: await channelHealth(ctx.store).catch(() => undefined) } : {}),
        checkedAt: new Date().toISOString(),
      };
    } catch (err) {
      ctx.log('ops summary: visibility did not answer', err);
      throw problems.unavailable('Counting cases: Temporal is not reachable right now.');
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });
  return router;
}
