// When the business-hours clock's holiday data runs out: /healthz/details and the log say so a year
// ahead. Pure; the API and the worker call it with the policy they would give new cases.
//
// What can run out:
// - A hand-typed calendar (a clock without `calendar` whose movable holidays are dated): its data
//   ends on 31 December of the last year it dates. After that, Easter Monday is a working day.
// - A snapshot's years: the library calendar is expanded for the snapshot's years only
//   (`calendar.through`), three years past the load — a fresh load never warns; it is watched anyway.
// - The library's rules: date-holidays computes every year from rules (Easter, the Hebrew calendar,
//   "the Saturday between 20 and 26 June"), so its years never end, but a law that changes (Poland's
//   24 December from 2025) reaches us only with a newer release: data older than a year warns.
import type { ClockPolicy } from './types';

export interface CalendarWarning {
  /** What ends: "holidays" (hand-typed dates), "snapshot" (the expanded years), "library" (its release). */
  subject: 'holidays' | 'snapshot' | 'library';
  /** The last day the data covers (for "library": a year after its release). */
  endsOn: string;
  message: string;
}

const YEAR = 365 * 86_400_000;

export function calendarWarnings(
  policy: { clock: ClockPolicy },
  now: number,
  library?: { name: string; version: string; released: string },
): CalendarWarning[] {
  const clock = policy.clock;
  if (clock.kind !== 'business') return [];
  const out: CalendarWarning[] = [];
  const soon = (endsOn: string) => Date.parse(`${endsOn}T23:59:59Z`) - now < YEAR;
  if (!clock.calendar) {
    const dated = clock.holidays.filter((h) => /^\d{4}-/.test(h)).sort();
    if (dated.length) {
      const endsOn = `${dated[dated.length - 1].slice(0, 4)}-12-31`;
      if (soon(endsOn))
        out.push({
          subject: 'holidays',
          endsOn,
          message: `the business-hours clock's dated holidays end on ${endsOn}: later movable holidays (Easter Monday, Corpus Christi) will count as working days; give the clock a "calendar" (docs/calendars.md) or type in the next years`,
        });
    }
    return out;
  }
  if (soon(clock.calendar.through))
    out.push({
      subject: 'snapshot',
      endsOn: clock.calendar.through,
      message: `the ${clock.calendar.country} calendar's dates end on ${clock.calendar.through}; later holidays count as working days`,
    });
  if (library) {
    const endsOn = new Date(Date.parse(`${library.released}T00:00:00Z`) + YEAR).toISOString().slice(0, 10);
    if (Date.parse(`${endsOn}T00:00:00Z`) <= now)
      out.push({
        subject: 'library',
        endsOn,
        message: `the calendar data (${library.name} ${library.version}, released ${library.released}) is more than a year old: holiday laws change; update the pinned ${library.name} and run test/unit/calendars.test.ts`,
      });
  }
  return out;
}
