// GET /insights/trends and GET /reports/weekly: what the store knows, for supervisors and operators.
import { parseIsoWeek, previousIsoWeek, teamTimeZone, WeekError } from '../../domain/insights/week';
import { agendaLabels, buildWeeklyReview } from '../../domain/insights/weekly';
import { staffReaderOf } from '../../domain/staff-reader';
import { weeklyReviewCsv, weeklyReviewHtml } from '../../domain/insights/weekly-render';
import { loadWeekCases, openTrendAlerts } from '../../infra/store/insights';
import type { Store } from '../../infra/store/db';
import type { AppContext } from '../context';
import { problem, ref } from '../http/openapi-parts';
import { route, type Route } from '../http/route';
import { ApiProblem, problems } from '../problems';
import { trendAlertsSchema, weeklyReviewQuerySchema, weeklyReviewSchema } from './schemas';

/** The case store the reports read (the archive's), or a 503 saying why not. */
async function reportsStore(ctx: AppContext): Promise<Store> {
  if (!ctx.archive)
    throw problems.unavailable('The case store is not configured on this API (DATABASE_URL).');
  try {
    return await Promise.resolve(ctx.archive.store);
  } catch (err) {
    ctx.log('the case store is not reachable', err);
    throw problems.unavailable('The case store is not reachable; retry shortly.');
  }
}

const keyErrors = {
  '401': problem('No or a wrong API key.'),
  '403': problem('An agent key.'),
  '429': problem('Too many requests with this key (Retry-After).'),
};

export const insightsRoutes: Route[] = [
  route({
    method: 'get',
    path: '/insights/trends',
    roles: ['supervisor', 'operator'],
    what: 'Trend alerts',
    tags: ['insights'],
    summary: 'Open trend alerts',
    description:
      'Supervisors and operators. Every series (category, product, supplier, carrier, location, hour of the day, and — for supervisors only — owner) whose complaints rose above its own baseline, found by the hourly Schedule with a Poisson CUSUM (policy `trends`; a sparse series also with its burst chain, `trends.sparse`), with its evidence: counts, baseline, window, owners reached and the cases. An alert shows until its statistic falls back below the threshold; the head of customer service and the quality address (an owner alert: the head and the supervisors) were e-mailed once. `signals` is the same list under its retired name, kept for clients written before `alerts`.',
    responses: {
      '200': {
        description: 'The open trend alerts.',
        content: { 'application/json': { schema: ref(trendAlertsSchema) } },
      },
      ...keyErrors,
      '503': problem('The case store is not configured or not reachable.'),
    },
    async handler({ ctx, res, principal }) {
      const all = await openTrendAlerts(await reportsStore(ctx));
      // One employee's complaints (the owner dimension) are for supervisors only.
      const alerts = principal.role === 'supervisor' ? all : all.filter((s) => s.dimension !== 'owner');
      res.setHeader('Cache-Control', 'no-store');
      // `signals`: the retired name, for clients of the release before (deprecated in the OpenAPI document).
      res.json({ asOf: new Date().toISOString(), alerts, signals: alerts });
    },
  }),

  route({
    method: 'get',
    path: '/reports/weekly',
    roles: ['supervisor', 'operator'],
    what: 'The weekly review',
    tags: ['insights'],
    summary: 'The weekly team review',
    description:
      'Supervisors and operators. The review of one ISO week (default: the week just ended), Monday 00:00 to Monday 00:00 in the team’s time zone (the policy clock’s), built from the case store; the Schedule e-mails the same review to the team every Monday at 08:00. JSON, CSV (one row per owner and a total) or an HTML page, by `format` or the Accept header. A week still running is marked `complete: false`.',
    query: {
      schema: weeklyReviewQuerySchema,
      doc: [
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
    },
    responses: {
      '200': {
        description: 'The review.',
        content: {
          'application/json': { schema: ref(weeklyReviewSchema) },
          'text/csv': { schema: { type: 'string' } },
          'text/html': { schema: { type: 'string' } },
        },
      },
      '400': problem('A malformed week or format.'),
      ...keyErrors,
      '406': problem('None of the formats the Accept header allows.'),
      '422': problem('No such week (e.g. 2025-W53), or a week that has not started.'),
      '503': problem('The case store is not configured or not reachable.'),
    },
    async handler({ ctx, req, res, principal, query }) {
      const { policy, roster } = ctx.snapshot();
      const timeZone = teamTimeZone(policy);
      const now = Date.now();
      let week;
      try {
        week = query.week ? parseIsoWeek(query.week, timeZone) : previousIsoWeek(now, timeZone);
      } catch (err) {
        if (err instanceof WeekError) throw new ApiProblem(422, 'bad-week', 'No such week', err.message);
        throw err;
      }
      if (week.from > now)
        throw new ApiProblem(
          422,
          'bad-week',
          'No such week',
          `${week.week} has not started yet: ask for a past week.`,
        );
      const format =
        query.format ??
        ({ 'application/json': 'json', 'text/csv': 'csv', 'text/html': 'html' } as const)[
          (req.accepts(['application/json', 'text/csv', 'text/html']) || '') as 'application/json'
        ];
      if (!format)
        throw new ApiProblem(
          406,
          'not-acceptable',
          'Not acceptable',
          'The review comes as application/json, text/csv or text/html.',
        );
      const review = buildWeeklyReview({
        week,
        timeZone,
        cases: await loadWeekCases(await reportsStore(ctx), week.from, week.to),
        names: Object.fromEntries(roster.owners.map((o) => [o.id, o.name])),
        lowScoreThreshold: policy.survey.lowScoreThreshold,
        now,
        labels: agendaLabels(policy),
      });
      // The page in the reader's language and zone when the roster knows them (the key's person).
      const person = [...roster.owners, ...roster.teamLeads, ...roster.supervisors, roster.head].find(
        (p) => p.id === principal.subject,
      );
      const reader = person ? staffReaderOf(roster, person.email, policy) : {};
      res.setHeader('Cache-Control', 'no-store');
      res.vary('Accept');
      if (format === 'csv') {
        res.setHeader('Content-Disposition', `attachment; filename="weekly-review-${week.week}.csv"`);
        res.type('text/csv; charset=utf-8').send(weeklyReviewCsv(review));
      } else if (format === 'html') {
        // The page's own inline style, nothing else.
        res.setHeader(
          'Content-Security-Policy',
          "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        );
        res.type('text/html; charset=utf-8').send(weeklyReviewHtml(review, reader));
      } else res.json(review);
    },
  }),
];
