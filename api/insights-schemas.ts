// The trend alerts' and weekly review's answers as zod schemas (registered for the OpenAPI document),
// the query of GET /reports/weekly, and their OpenAPI paths.
import { z } from 'zod';
import type { TrendSignal } from '../domain/insights/trends';
import { agendaFlags, discussReasons, promiseKinds, type WeeklyReview } from '../domain/insights/weekly';
import { trendDimensions } from '../domain/types';
import { requestRegistry, responseRegistry } from './schemas';

export const trendSignalSchema = z
  .strictObject({
    id: z.string().describe('dimension:key:start — one change, one signal, one alert.'),
    dimension: z.enum(trendDimensions),
    value: z.string(),
    key: z.string(),
    startedAt: z.string().describe('The estimated start of the change.'),
    detectedAt: z.string(),
    endedAt: z.string().optional(),
    alertedAt: z.string().optional().describe('When the head and the quality address were told.'),
    evidence: z.strictObject({
      bucket: z.enum(['hour', 'day']),
      method: z
        .enum(['cusum', 'sparse'])
        .optional()
        .describe('The chain that signalled: the CUSUM for a doubling, or a sparse series’ burst chain.'),
      owners: z.number().int().optional().describe('How many owners the window’s complaints reached.'),
      baselineFrom: z.string(),
      baselineTo: z.string(),
      baselineCount: z.number().int(),
      baselinePerBucket: z.number(),
      reference: z.number().describe('The CUSUM reference value K.'),
      threshold: z.number().describe('The decision threshold h.'),
      windowFrom: z.string(),
      windowTo: z.string(),
      count: z.number().int(),
      expected: z.number(),
      statistic: z.number(),
      counts: z.array(z.number().int()),
      cases: z.array(z.string()).describe('Case references (the first 100).'),
    }),
  })
  .register(responseRegistry, {
    id: 'TrendSignal',
    description: 'A series (a carrier, a product, an hour of the day, ...) rising above its own baseline.',
  });

export const trendSignalsSchema = z
  .strictObject({ asOf: z.string(), signals: z.array(trendSignalSchema) })
  .register(responseRegistry, { id: 'TrendSignals', description: 'The trend signals open now.' });

const count = z.number().int().min(0);
const keptMissed = z.strictObject({ kept: count, missed: count });
const ownerWeekShape = {
  opened: count,
  closed: count,
  open: count,
  promises: z.strictObject(
    Object.fromEntries(promiseKinds.map((k) => [k, keptMissed])) as Record<
      (typeof promiseKinds)[number],
      typeof keptMissed
    >,
  ),
  kept: count,
  missed: count,
  escalations: count,
  extensions: count,
  surveyAnswers: count,
  averageScore: z.number().nullable(),
  followUpsOpened: count,
  remedies: count,
};

export const weeklyReviewSchema = z
  .strictObject({
    week: z.string(),
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    complete: z.boolean(),
    generatedAt: z.string(),
    owners: z.array(z.strictObject({ ownerId: z.string(), ownerName: z.string(), ...ownerWeekShape })),
    totals: z.strictObject(ownerWeekShape),
    closedBy: z.strictObject({ resolved: count, 'no-response': count, withdrawn: count }),
    escalationsByLevel: z.record(z.string(), count),
    surveys: z.strictObject({
      answers: count,
      averageScore: z.number().nullable(),
      distribution: z.array(z.strictObject({ score: z.number(), count })),
      lowScores: count,
      stillNeedHelp: count,
    }),
    followUps: z.strictObject({ opened: count, done: count }),
    remedies: z.strictObject({
      granted: count,
      byKind: z.record(z.string(), count),
      value: z.array(z.strictObject({ currency: z.string(), amount: z.number(), count })),
    }),
    rootCauses: z.array(z.strictObject({ category: z.string(), count })),
    responsibleParties: z.array(z.strictObject({ kind: z.string(), count })),
    toDiscuss: z.array(
      z.strictObject({
        complaintId: z.string(),
        reference: z.string(),
        ownerId: z.string(),
        ownerName: z.string(),
        reasons: z.array(z.enum(discussReasons)),
      }),
    ),
    agenda: z
      .array(
        z.strictObject({
          ownerId: z.string(),
          ownerName: z.string(),
          open: z.array(
            z.strictObject({
              complaintId: z.string(),
              reference: z.string(),
              category: z.string(),
              priority: z.string(),
              stage: z.string().describe('As last recorded.'),
              receivedAt: z.string(),
              escalationLevel: count.describe('Reached by the week’s end.'),
              flags: z.array(z.enum(agendaFlags)),
              nextDueAt: z.string().optional().describe('The earliest promise pending or late.'),
            }),
          ),
          closed: z.array(
            z.strictObject({
              complaintId: z.string(),
              reference: z.string(),
              closedAt: z.string(),
              closure: z.string(),
              problem: z.strictObject({
                category: z.string(),
                product: z.string().optional(),
                supplier: z.string().optional(),
                carrier: z.string().optional(),
                location: z.string().optional(),
              }),
              rootCause: z
                .strictObject({
                  category: z.string().optional(),
                  factors: z.array(z.string()),
                  responsibleParty: z.string().optional(),
                  responsiblePartyKind: z.string().optional(),
                  text: z.string().optional().describe('The owner’s own words.'),
                })
                .optional(),
              solution: z.strictObject({
                outcome: z.string().optional(),
                remedy: z.string().optional(),
                correctiveAction: z.string().optional(),
                preventiveAction: z.string().optional(),
              }),
            }),
          ),
        }),
      )
      .describe(
        'The meeting’s agenda (seed 003): per owner, the cases open at the week’s end (flagged overdue, escalated, waiting first) and those closed in it with problem, root cause and solution.',
      ),
  })
  .register(responseRegistry, {
    id: 'WeeklyReview',
    description:
      'One ISO week of the team: per owner, cases opened, closed and open at its end; promises kept and missed per clock; escalations, extensions, surveys, follow-ups, remedies, root causes and the cases to discuss.',
  });

export const weeklyReviewQuerySchema = z
  .strictObject({
    week: z
      .string()
      .regex(/^\d{4}-W\d{2}$/, 'expected an ISO week like "2026-W48"')
      .optional()
      .describe('The ISO week; default the week just ended (in the team’s time zone).'),
    format: z.enum(['json', 'csv', 'html']).optional().describe('Overrides the Accept header.'),
  })
  .register(requestRegistry, { id: 'WeeklyReviewQuery' });

// The domain's types must stay what the schemas describe: this fails to compile when they drift apart.
type Assert<T extends true> = T;
type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
export type _WeeklyAgendaMatches = Assert<
  Equal<WeeklyReview['agenda'], z.output<typeof weeklyReviewSchema>['agenda']>
>;
export type _TrendSignalMatches = Assert<
  TrendSignal & { alertedAt?: string } extends z.output<typeof trendSignalSchema> ? true : false
>;
export type _WeeklyReviewMatches = Assert<
  WeeklyReview extends z.output<typeof weeklyReviewSchema> ? true : false
>;

type Json = Record<string, unknown>;
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

export function insightsPaths(): Record<string, Json> {
  return {
    '/insights/trends': {
      get: {
        summary: 'Open trend signals',
        description:
          'Supervisors and operators. Every series (category, product, supplier, carrier, location, hour of the day, and — for supervisors only — owner) whose complaints rose above its own baseline, found by the hourly Schedule with a Poisson CUSUM (policy `trends`; a sparse series also with its burst chain, `trends.sparse`), with its evidence: counts, baseline, window, owners reached and the cases. A signal shows until its statistic falls back below the threshold; the head of customer service and the quality address (an owner signal: the head and the supervisors) were e-mailed once.',
        responses: {
          '200': {
            description: 'The open signals.',
            content: { 'application/json': { schema: ref('TrendSignals') } },
          },
          '401': problem('No or a wrong API key.'),
          '403': problem('An agent key.'),
          '429': problem('Too many requests with this key (Retry-After).'),
          '503': problem('The case store is not configured or not reachable.'),
        },
      },
    },
    '/reports/weekly': {
      get: {
        summary: 'The weekly team review',
        description:
          'Supervisors and operators. The review of one ISO week (default: the week just ended), Monday 00:00 to Monday 00:00 in the team’s time zone (the policy clock’s), built from the case store; the Schedule e-mails the same review to the team every Monday at 08:00. JSON, CSV (one row per owner and a total) or an HTML page, by `format` or the Accept header. A week still running is marked `complete: false`.',
        parameters: [
          {
            name: 'week',
            in: 'query',
            required: false,
            schema: { type: 'string', pattern: '^\\d{4}-W\\d{2}$' },
            description: 'e.g. 2026-W48',
          },
          {
            name: 'format',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ['json', 'csv', 'html'] },
          },
        ],
        responses: {
          '200': {
            description: 'The review.',
            content: {
              'application/json': { schema: ref('WeeklyReview') },
              'text/csv': { schema: { type: 'string' } },
              'text/html': { schema: { type: 'string' } },
            },
          },
          '400': problem('A malformed week or format.'),
          '401': problem('No or a wrong API key.'),
          '403': problem('An agent key.'),
          '406': problem('None of the formats the Accept header allows.'),
          '429': problem('Too many requests with this key (Retry-After).'),
          '422': problem('No such week (e.g. 2025-W53), or a week that has not started.'),
          '503': problem('The case store is not configured or not reachable.'),
        },
      },
    },
  };
}
