// Trend alerts and the weekly team review, run by their workflows on Temporal Schedules: the pure
// detection and review (domain/insights) over the case store, e-mailed through the same de-duplicating
// e-mail activity as every case e-mail (a retried send never sends twice).
import { ApplicationFailure, log } from '@temporalio/activity';
import { teamTimeZone, parseIsoWeek, previousIsoWeek, WeekError } from '../domain/insights/week';
import { detectTrends } from '../domain/insights/trends';
import { trendAlertEmail } from '../domain/insights/trend-alert';
import { agendaLabels, buildWeeklyReview } from '../domain/insights/weekly';
import { staffReaderOf } from '../domain/staff-reader';
import { weeklyReviewHtml, weeklyReviewSubject, weeklyReviewText } from '../domain/insights/weekly-render';
import type { Policy, Roster } from '../domain/types';
import {
  loadTrendCases,
  loadWeekCases,
  markTrendAlerted,
  openTrendAlerts,
  readTrendAlert,
  saveTrendRun,
} from '../infra/store/insights';
import type { Store } from '../infra/store/db';
import type { EmailActivities, SendEmailInput } from './email';

export interface InsightsActivities {
  /** One detection run as of `at` (the Schedule's time); returns the open trend alerts not yet e-mailed. */
  detectTrends(input: { at: string }): Promise<{
    opened: string[];
    continuing: number;
    ended: number;
    series: number;
    toAlert: string[];
  }>;
  /** Tells the head of customer service and the quality address about one trend alert, once. */
  sendTrendAlert(input: {
    alertId?: string;
    /** The same id under its retired name: activities a workflow of the release before scheduled. */
    signalId?: string;
  }): Promise<{ sent: number }>;
  /** Builds the review of the ISO week before `at` (or `week`) and e-mails it to the team. */
  sendWeeklyReview(input: { at: string; week?: string }): Promise<{ week: string; sent: number }>;
}

/** The e-mails of insights belong to no case; the ledger keys them under this id. */
export const INSIGHTS_LEDGER_ID = 'insights';

/**
 * Sends to each recipient; a permanent refusal for one (an inactive or invalid address) is logged and
 * does not keep the others from their copy. Anything else fails the activity, which retries: the
 * ledger makes the copies already sent not go out again.
 */
async function sendToEach(
  email: EmailActivities,
  recipients: string[],
  message: (to: string) => SendEmailInput,
): Promise<{ sent: number; refused: number }> {
  let sent = 0;
  let refused = 0;
  for (const to of recipients) {
    try {
      await email.sendEmail(message(to));
      sent++;
    } catch (err) {
      if (!(err instanceof ApplicationFailure) || !err.nonRetryable) throw err;
      refused++;
      log.warn('an insights e-mail was refused for good', { type: err.type, error: err.message });
    }
  }
  return { sent, refused };
}

export function createInsightsActivities(deps: {
  store: () => Promise<Store>;
  email: EmailActivities;
  /** Read at every run, so a changed policy or roster applies from the next one. */
  policy: () => Policy;
  roster: () => Roster;
}): InsightsActivities {
  return {
    async detectTrends({ at }) {
      const store = await deps.store();
      const policy = deps.policy();
      const now = Date.parse(at);
      const since = new Date(
        now - policy.trends.baselineWindowMs - policy.trends.monitorWindowMs - 3_600_000,
      );
      const [cases, open] = await Promise.all([loadTrendCases(store, since), openTrendAlerts(store)]);
      const run = detectTrends({ cases, now, policy: policy.trends, timeZone: teamTimeZone(policy), open });
      const toAlert = await saveTrendRun(store, run, new Date(now));
      if (run.opened.length) log.info('new trend alerts', { alerts: run.opened.map((s) => s.id) });
      return {
        opened: run.opened.map((s) => s.id),
        continuing: run.continuing.length,
        ended: run.ended.length,
        series: run.series,
        toAlert,
      };
    },

    async sendTrendAlert({ alertId, signalId }) {
      const id = alertId ?? signalId;
      const store = await deps.store();
      const alert = id ? await readTrendAlert(store, id) : undefined;
      if (!alert) throw ApplicationFailure.nonRetryable(`no trend alert ${id}`, 'UnknownTrendAlert');
      if (alert.alertedAt) return { sent: 0 };
      const roster = deps.roster();
      // One employee's complaints (the owner dimension) go to the head and the supervisors only.
      const recipients =
        alert.dimension === 'owner'
          ? [roster.head, ...roster.supervisors]
          : [roster.head, ...(roster.quality ? [roster.quality] : [])];
      const policy = deps.policy();
      const { sent } = await sendToEach(
        deps.email,
        recipients.map((r) => r.email),
        (to) => {
          const mail = trendAlertEmail(alert, staffReaderOf(roster, to, policy));
          return {
            idempotencyKey: `trend-alert:${alert.id}:${to.toLowerCase()}`,
            caseId: INSIGHTS_LEDGER_ID,
            to,
            subject: mail.subject,
            htmlBody: mail.html,
            textBody: mail.text,
            tag: 'trend-alert',
            // purpose: why it was sent, as a case e-mail's; kind: the same word, kept for searches by it.
            metadata: { purpose: 'trend-alert', kind: 'trend-alert' },
          };
        },
      );
      await markTrendAlerted(store, alert.id, new Date());
      return { sent };
    },

    async sendWeeklyReview({ at, week: wanted }) {
      const store = await deps.store();
      const policy = deps.policy();
      const roster = deps.roster();
      const timeZone = teamTimeZone(policy);
      let week;
      try {
        week = wanted ? parseIsoWeek(wanted, timeZone) : previousIsoWeek(Date.parse(at), timeZone);
      } catch (err) {
        if (err instanceof WeekError) throw ApplicationFailure.nonRetryable(err.message, 'BadWeek');
        throw err;
      }
      const cases = await loadWeekCases(store, week.from, week.to);
      const review = buildWeeklyReview({
        week,
        timeZone,
        cases,
        names: Object.fromEntries(roster.owners.map((o) => [o.id, o.name])),
        lowScoreThreshold: policy.survey.lowScoreThreshold,
        now: Date.parse(at),
        labels: agendaLabels(policy),
      });
      const team = new Map<string, string>();
      for (const p of [...roster.owners, ...roster.teamLeads, ...roster.supervisors, roster.head])
        team.set(p.email.toLowerCase(), p.email);
      // Each member reads it in their own language, with dates in their own zone.
      const { sent } = await sendToEach(deps.email, [...team.values()], (to) => {
        const reader = staffReaderOf(roster, to, policy);
        return {
          idempotencyKey: `weekly-review:${week.week}:${to.toLowerCase()}`,
          caseId: INSIGHTS_LEDGER_ID,
          to,
          subject: weeklyReviewSubject(review, reader),
          htmlBody: weeklyReviewHtml(review, reader),
          textBody: weeklyReviewText(review, reader),
          tag: 'weekly-review',
          metadata: { purpose: 'weekly-review', kind: 'weekly-review', week: week.week },
        };
      });
      log.info('weekly review sent', { week: week.week, cases: cases.length, recipients: sent });
      return { week: week.week, sent };
    },
  };
}
