// GET /insights/trends and GET /reports/weekly: what the store knows, for supervisors and operators.
import express, { type Request, type Response } from 'express';
import { strictRouter } from '../edge';
import { parseIsoWeek, previousIsoWeek, teamTimeZone, WeekError } from '../../domain/insights/week';
import { agendaLabels, buildWeeklyReview } from '../../domain/insights/weekly';
import { staffReaderOf } from '../../domain/staff-reader';
import { weeklyReviewCsv, weeklyReviewHtml } from '../../domain/insights/weekly-render';
import { loadWeekCases, openTrendSignals } from '../../infra/store/insights';
import type { Store } from '../../infra/store/db';
import { requireRole } from '../auth';
import type { AppContext } from '../context';
import { weeklyReviewQuerySchema } from '../insights-schemas';
import { ApiProblem, parseOrThrow, problems } from '../problems';

export function insightsRoutes(ctx: AppContext, reportsStore?: () => Promise<Store>): express.Router {
  const router = strictRouter();

  async function store(): Promise<Store> {
    if (!reportsStore)
      throw problems.unavailable('The case store is not configured on this API (DATABASE_URL).');
    try {
      return await reportsStore();
    } catch (err) {
      ctx.log('the case store is not reachable', err);
      throw problems.unavailable('The case store is not reachable; retry shortly.');
    }
  }

  router.get('/insights/trends', async (req: Request, res: Response) => {
    const { role } = requireRole(req, ['supervisor', 'operator'], 'Trend alerts');
    const all = await openTrendSignals(await store());
    // One employee's complaints (the owner dimension) are for supervisors only.
    const signals = role === 'supervisor' ? all : all.filter((s) => s.dimension !== 'owner');
    res.setHeader('Cache-Control', 'no-store');
    res.json({ asOf: new Date().toISOString(), signals });
  });

  router.get('/reports/weekly', async (req: Request, res: Response) => {
    const principal = requireRole(req, ['supervisor', 'operator'], 'The weekly review');
    const query = parseOrThrow(weeklyReviewQuerySchema, req.query, 'query');
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
      cases: await loadWeekCases(await store(), week.from, week.to),
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
  });

  return router;
}
