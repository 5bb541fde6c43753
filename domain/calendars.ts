// Public-holiday calendars for the business-hours clock, from the maintained `date-holidays` library
// (pinned in package.json; code ISC, data CC BY-SA 3.0, see docs/calendars.md).
//
// Edge code only: the policy loader expands a policy's `calendar` into plain dated days off and half
// days once, when a case takes its policy snapshot, and the pure clock (domain/clock.ts) reads those
// lists. So the workflow bundle never holds the library (nor moment-timezone under it), a running case
// keeps the days it started with (a library upgrade changes new cases only, never a replay), and the
// clock stays a pure function of the snapshot.
import Holidays from 'date-holidays';

/** The library and the version the tests pin known dates against (test/unit/calendars.test.ts). */
export const calendarLibrary = { name: 'date-holidays', version: '3.37.0', released: '2026-09-21' } as const;

/** The library's kinds of day: "public" (statutory days off), "bank", "optional", "school", "observance". */
export const holidayTypes = ['public', 'bank', 'optional', 'school', 'observance'] as const;
export type HolidayType = (typeof holidayTypes)[number];

export interface CalendarSpec {
  /** ISO 3166-1 alpha-2 code ("PL", "SE", "EE", "IL"). */
  country: string;
  /** A state or region code where the library has one ("BY" in DE). */
  region?: string;
  /** Which of the library's kinds are days off (["public"]; Sweden's eves are "bank"). */
  daysOff: HolidayType[];
  /**
   * Half days: close at this local time on the library's afternoon-off days and holiday eves, and
   * on the working day before each date in `before` ("MM-DD": Estonia shortens the working day before
   * New Year's Day, Independence Day, Victory Day and Christmas Eve by law).
   */
  eves?: { closeAt: string; before?: string[] };
}

export interface CalendarDay {
  date: string;
  name: string;
}

export interface CalendarYears {
  daysOff: CalendarDay[];
  /** Days that close early, with the local closing time "HH:MM". */
  halfDays: (CalendarDay & { closeAt: string })[];
}

const cache = new Map<string, CalendarYears>();

const known = new Map<string, boolean>();

/** Is the country (and region) one the library knows? (The policy is re-read every few seconds.) */
export function knownCalendar(country: string, region?: string): boolean {
  const key = `${country}/${region ?? ''}`;
  let answer = known.get(key);
  if (answer === undefined) {
    const countries = new Holidays().getCountries() ?? {};
    answer =
      country in countries && (region === undefined || region in (new Holidays().getStates(country) ?? {}));
    if (known.size > 1000) known.clear();
    known.set(key, answer);
  }
  return answer;
}

/**
 * The days off and half days of a calendar for the years `from`..`to` (inclusive), by local date.
 *
 * Days off: the library's entries of the kinds in `daysOff`, on their own date.
 * Half days (only with `eves`): (1) an entry that starts during its own day (Sweden's
 * trettondagsafton, valborgsmässoafton and allhelgonaafton start at 12:00): that day closes at the
 * earlier of the entry's start and `eves.closeAt`; (2) a day off that starts on the evening before
 * (Israel's holidays start at sunset, the library says 18:00 the day before): that day before is
 * the eve (erev chag) and closes at `eves.closeAt`; (3) the working day before each of `eves.before`.
 * A day that is also a day off stays a day off.
 */
export function calendarDays(
  spec: CalendarSpec,
  from: number,
  to: number,
  /** ISO weekdays worked (1 = Monday): "the working day before" skips the others. */
  workingDays: number[] = [1, 2, 3, 4, 5],
): CalendarYears {
  const key = JSON.stringify([spec, from, to, workingDays]);
  const hit = cache.get(key);
  if (hit) return hit;
  const hd = spec.region ? new Holidays(spec.country, spec.region) : new Holidays(spec.country);
  const off = new Map<string, string>();
  const half = new Map<string, { name: string; closeAt: string }>();
  const daysOff = new Set<string>(spec.daysOff);
  for (let year = from; year <= to; year++) {
    for (const h of hd.getHolidays(year, 'en') ?? []) {
      // "2026-04-02 00:00:00 -0600": the date, the local start, and how far before midnight it starts.
      const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):\d{2}(?: -(\d{2})(\d{2}))?$/.exec(h.date);
      if (!m) continue;
      const [, date, hh, mm, beforeH, beforeM] = m;
      if (daysOff.has(h.type)) {
        if (!off.has(date)) off.set(date, h.name);
        if (spec.eves && beforeH !== undefined && Number(beforeH) * 60 + Number(beforeM) > 0) {
          const eve = previousDate(date);
          if (!half.has(eve)) half.set(eve, { name: `${h.name} (eve)`, closeAt: spec.eves.closeAt });
        }
      } else if (spec.eves && beforeH === undefined && `${hh}:${mm}` !== '00:00') {
        const closeAt = `${hh}:${mm}` < spec.eves.closeAt ? `${hh}:${mm}` : spec.eves.closeAt;
        half.set(date, { name: h.name, closeAt });
      }
    }
  }
  for (let year = from; year <= to && spec.eves?.before; year++) {
    for (const mmdd of spec.eves.before) {
      let day = previousDate(`${year}-${mmdd}`);
      for (let i = 0; i < 14 && (off.has(day) || !workingDays.includes(isoWeekday(day))); i++)
        day = previousDate(day);
      if (!half.has(day)) half.set(day, { name: `working day before ${mmdd}`, closeAt: spec.eves.closeAt });
    }
  }
  const result: CalendarYears = {
    daysOff: [...off.entries()].map(([date, name]) => ({ date, name })).sort(byDate),
    halfDays: [...half.entries()]
      .filter(([date]) => !off.has(date))
      .map(([date, v]) => ({ date, ...v }))
      .sort(byDate),
  };
  if (cache.size > 100) cache.clear();
  cache.set(key, result);
  return result;
}

const byDate = (a: { date: string }, b: { date: string }) => a.date.localeCompare(b.date);

function isoWeekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
}

function previousDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/**
 * The years a policy snapshot carries: the one before `now` (a case received late on 31 December
 * counts back over it) to three after. A case lives weeks, not years; one that outlives its
 * snapshot's last year counts later holidays as working days, and the snapshot says where it ends
 * (`calendar.through`).
 */
export function snapshotYears(now: number): { from: number; to: number } {
  const year = new Date(now).getUTCFullYear();
  return { from: year - 1, to: year + 3 };
}
