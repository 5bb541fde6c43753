// What operators look at besides the Web UI: how many open cases need attention and why. Counted by
// Temporal's visibility store (CountWorkflowExecutions), so it needs no worker and reads no history.
// /healthz stays about the service itself; this is about the cases.
import { attentionReasons } from '../../domain/lifecycle/attention';
import { openCasesClause } from '../../workflows/definitions';
import { channelHealth } from '../../infra/store/telegram-cases';
import { attentionClause } from '../cases';
import { jsonResponse, problem, staffErrors } from '../http/openapi-parts';
import { route, type Route } from '../http/route';
import { problems } from '../problems';
import { opsSummarySchema, type OpsSummary } from './schemas';

export const opsRoutes: Route[] = [
  route({
    method: 'get',
    path: '/ops/summary',
    roles: ['operator', 'supervisor'],
    what: 'The operations summary',
    tags: ['ops'],
    summary: 'Open cases by what needs attention: operator and supervisor keys.',
    description:
      'Counts from Temporal’s visibility store: open, overdue, needing attention (any reason and per ComplaintAttention reason), and workflows whose tasks keep failing (TemporalReportedProblems).',
    responses: {
      '200': jsonResponse('The counts.', opsSummarySchema),
      ...staffErrors,
      '503': problem('Temporal is not reachable.'),
    },
    async handler({ ctx, res }) {
      const count = async (clause?: string): Promise<number> => {
        const { count: n } = await ctx.cases.client.workflow.count(
          clause ? `${openCasesClause} AND ${clause}` : openCasesClause,
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
        const workflowTaskProblems = await count('TemporalReportedProblems IS NOT NULL').catch(
          () => undefined,
        );
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
    },
  }),
];
