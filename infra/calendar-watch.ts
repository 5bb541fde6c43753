// The calendar-end warning in the log: at start and once a day, for the policy new cases take
// (domain/calendar-warnings.ts says what it watches). The API shows the same at GET /healthz/details.
import { calendarLibrary } from '../domain/calendars';
import { calendarWarnings, type CalendarWarning } from '../domain/calendar-warnings';
import type { Policy } from '../domain/types';

/** The warnings for a policy now, the library's release included. */
export function currentCalendarWarnings(policy: Policy, now = Date.now()): CalendarWarning[] {
  return calendarWarnings(policy, now, calendarLibrary);
}

/** Logs each warning now and every `everyMs` (a day); returns the stop function. */
export function watchCalendars(
  policy: () => Policy,
  warn: (fields: Record<string, unknown>, message: string) => void,
  everyMs = 86_400_000,
): () => void {
  const check = () => {
    try {
      for (const w of currentCalendarWarnings(policy()))
        warn({ calendar: w.subject, endsOn: w.endsOn }, `calendar data ends soon: ${w.message}`);
    } catch {
      // A policy that does not load is reported by whoever loads it for cases.
    }
  };
  check();
  const timer = setInterval(check, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
