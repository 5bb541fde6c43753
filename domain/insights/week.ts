// ISO weeks ("2026-W48") in the team's time zone: Monday 00:00 to the next Monday 00:00, local time.
import { localDateString, localMidnight } from '../clock';

export interface IsoWeek {
  /** "2026-W48" */
  week: string;
  year: number;
  number: number;
  /** Local midnight starting its Monday, and the next Monday's (exclusive), as instants. */
  from: number;
  to: number;
}

export class WeekError extends Error {}

const WEEK = /^(\d{4})-W(\d{2})$/;

/** The Monday (UTC date arithmetic on civil dates) of ISO week 1 of a year: the week holding 4 January. */
function mondayOfWeek1(year: number): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const weekday = jan4.getUTCDay() || 7;
  return new Date(Date.UTC(year, 0, 4 - (weekday - 1)));
}

function weeksIn(year: number): number {
  const next = mondayOfWeek1(year + 1).getTime();
  return Math.round((next - mondayOfWeek1(year).getTime()) / (7 * 86_400_000));
}

/** Parses "YYYY-Www"; throws WeekError with what is wrong. */
export function parseIsoWeek(text: string, timeZone: string): IsoWeek {
  const m = WEEK.exec(text);
  if (!m)
    throw new WeekError(`expected an ISO week like "2026-W48" (got ${JSON.stringify(text.slice(0, 40))})`);
  const year = Number(m[1]);
  const number = Number(m[2]);
  if (year < 2000 || year > 2999) throw new WeekError(`the year ${year} is out of range (2000-2999)`);
  const weeks = weeksIn(year);
  if (number < 1 || number > weeks) throw new WeekError(`${year} has weeks W01 to W${weeks} (got W${m[2]})`);
  const monday = new Date(mondayOfWeek1(year).getTime() + (number - 1) * 7 * 86_400_000);
  const y = monday.getUTCFullYear();
  const mo = monday.getUTCMonth() + 1;
  const d = monday.getUTCDate();
  return {
    week: text,
    year,
    number,
    from: localMidnight(y, mo, d, timeZone),
    to: localMidnight(y, mo, d + 7, timeZone),
  };
}

/** The ISO week holding an instant, in the time zone. */
export function isoWeekOf(ms: number, timeZone: string): IsoWeek {
  const [y, m, d] = localDateString(ms, timeZone).split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = date.getUTCDay() || 7;
  // The Thursday of the same week decides the ISO year.
  const thursday = new Date(Date.UTC(y, m - 1, d + 4 - weekday));
  const year = thursday.getUTCFullYear();
  const number = Math.floor((thursday.getTime() - mondayOfWeek1(year).getTime()) / (7 * 86_400_000)) + 1;
  return parseIsoWeek(`${year}-W${String(number).padStart(2, '0')}`, timeZone);
}

/** The ISO week before the one holding the instant: the week "just ended" on a Monday morning. */
export function previousIsoWeek(ms: number, timeZone: string): IsoWeek {
  return isoWeekOf(isoWeekOf(ms, timeZone).from - 86_400_000, timeZone);
}

/** The team's time zone: the policy clock's (UTC for a calendar clock that names none). */
export function teamTimeZone(policy: { clock: { timeZone?: string } }): string {
  return policy.clock.timeZone ?? 'UTC';
}
