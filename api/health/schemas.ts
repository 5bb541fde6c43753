// What GET /healthz and /healthz/details answer.
import { z } from 'zod';
import { responseRegistry } from '../http/registry';

export const healthSchema = z
  .strictObject({
    status: z.enum(['ok', 'unavailable']),
    temporal: z.enum(['reachable', 'unreachable']),
    /** A generic reason; the error itself is for operators (GET /healthz/details). */
    reason: z.string().optional(),
  })
  .register(responseRegistry, { id: 'Health' });
export type Health = z.output<typeof healthSchema>;

export const healthDetailsSchema = z
  .strictObject({
    status: z.enum(['ok', 'unavailable']),
    temporal: z.enum(['reachable', 'unreachable']),
    namespace: z.string(),
    latencyMs: z.number(),
    checkedAt: z.string(),
    /** The error Temporal's client gave, when it did not answer. */
    reason: z.string().optional(),
    /**
     * The case store (PostgreSQL), checked now. While it is unreachable the API keeps serving what
     * needs only Temporal (intake, actions, a case's view); status stays Temporal's, as load balancers
     * read it. `since`: when it last changed; `reason`: the error, when unreachable.
     */
    store: z
      .strictObject({
        status: z.enum(['reachable', 'unreachable']),
        since: z.string(),
        reason: z.string().optional(),
      })
      .optional(),
    /**
     * The clock new cases take: the business-hours calendar and the years its snapshot covers, and
     * warnings when its data ends within a year (docs/calendars.md). A warning leaves status "ok".
     */
    calendar: z
      .strictObject({
        clock: z.enum(['calendar', 'business']),
        country: z.string().optional(),
        source: z.string().optional(),
        through: z.string().optional(),
        warnings: z.array(
          z.strictObject({
            subject: z.enum(['holidays', 'snapshot', 'library']),
            endsOn: z.string(),
            message: z.string(),
          }),
        ),
      })
      .optional(),
  })
  .register(responseRegistry, { id: 'HealthDetails', description: 'Operators only.' });
export type HealthDetails = z.output<typeof healthDetailsSchema>;
