// The trend alerts' and weekly review's answers as zod schemas (registered for the OpenAPI document),
// and the query of GET /reports/weekly.
import { z } from 'zod';
import type { TrendAlert } from '../../domain/insights/trends';
import { agendaFlags, discussReasons, promiseKinds, type WeeklyReview } from '../../domain/insights/weekly';
import { trendDimensions } from '../../domain/types';
import { requestRegistry, responseRegistry } from '../http/registry';

export const trendAlertSchema = z
  .strictObject({
    id: z.string().describe('dimension:key:start — one change, one alert, one e-mail.'),
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
        .describe('The chain that alarmed: the CUSUM for a doubling, or a sparse series’ burst chain.'),
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
    id: 'TrendAlert',
    description: 'A series (a carrier, a product, an hour of the day, ...) rising above its own baseline.',
  });

export const trendAlertsSchema = z
  .strictObject({
    asOf: z.string(),
    alerts: z.array(trendAlertSchema),
    // The list's name until "signal" was retired for trend alerts (docs/glossary.md): still sent, the
    // same list, so a client written before `alerts` keeps working.
    signals: z
      .array(trendAlertSchema)
      .meta({ deprecated: true, description: 'The same list as `alerts`, under its retired name.' }),
  })
  .register(responseRegistry, { id: 'TrendAlerts', description: 'The trend alerts open now.' });

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
    arrivals: z
      .strictObject({
        byChannel: z.record(z.string(), count),
        byHour: z.array(count).length(24).describe('24 counts, hour 0 first.'),
        byChannelAndHour: z.array(z.strictObject({ channel: z.string(), hour: count, count })),
      })
      .optional()
      .describe(
        'Cases received this week per channel and per local hour of the day (the review’s zone), for sizing the team around the clock. Absent in reviews stored before it existed.',
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
export type _TrendAlertMatches = Assert<
  TrendAlert & { alertedAt?: string } extends z.output<typeof trendAlertSchema> ? true : false
>;
export type _WeeklyReviewMatches = Assert<
  WeeklyReview extends z.output<typeof weeklyReviewSchema> ? true : false
>;
// Every field of the review is in the schema (an optional one the schema lacks passes the check
// above, and the strict schema then refuses every review that has it).
export type _WeeklyReviewFields = Assert<
  Equal<keyof WeeklyReview, keyof z.output<typeof weeklyReviewSchema>>
>;
