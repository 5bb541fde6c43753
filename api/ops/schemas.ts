// What GET /ops/summary answers: open cases by what needs attention.
import { z } from 'zod';
import { attentionReasons } from '../../domain/lifecycle/attention';
import { responseRegistry } from '../http/registry';

export const opsSummarySchema = z
  .strictObject({
    /** Open cases (running complaint workflows). */
    open: z.number().int(),
    /** Open cases with a late promise (ComplaintOverdue). */
    overdue: z.number().int(),
    /** Open cases needing attention for any reason (ComplaintAttention set). */
    needingAttention: z.number().int(),
    /** Open cases per attention reason (a case can have several). */
    attention: z.record(z.enum(attentionReasons), z.number().int()),
    /** Open cases whose workflow tasks keep failing (Temporal's own TemporalReportedProblems); absent when the server cannot tell. */
    workflowTaskProblems: z.number().int().optional(),
    /** The health of each messaging channel's connection as its last send saw it (Telegram: a revoked token). */
    channels: z
      .array(
        z.strictObject({
          channel: z.string(),
          state: z.enum(['ok', 'token-revoked']),
          detail: z.string().optional(),
          since: z.string(),
          checkedAt: z.string(),
        }),
      )
      .optional(),
    checkedAt: z.string(),
  })
  .register(responseRegistry, {
    id: 'OpsSummary',
    description: 'Counts of open cases by what needs attention, from Temporal’s visibility store.',
  });
export type OpsSummary = z.output<typeof opsSummarySchema>;
