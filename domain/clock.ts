// Deadline arithmetic on the policy clock: calendar time, or working time in a time zone with
// working days, opening hours, holidays, half days (eves) and closures. The calendar's holidays
// arrive here as plain dates in the case's policy snapshot (domain/calendars.ts expands them at load).
// Pure and deterministic: workflow code imports it, so "now" is always a parameter and time-zone
// rules come from Intl (available in Temporal's workflow sandbox), never from the host's zone.
import type { BusinessClock, ClockPolicy } from './types';

export { formatDuration, parseDuration } from './durations';

/**
 * The instant `durationMs` of clock time after `startMs`.
 * Business clock: only working time counts; a start outside working hours starts counting at the
 * next opening, and a deadline that falls exactly at closing time stays there (Friday 09:00 + 8h
 * is Friday 17:00, not Monday 09:00). A zero duration gives the next working moment; a negative
 * one walks back over working time (a deadline already missed while the clock was paused).
 */
export function addClockTime(startMs: number, durationMs: number, clock: ClockPolicy): number {
  if (clock.kind === 'calendar') return startMs + durationMs;
  return durationMs < 0
    ? subtractBusiness(startMs, -durationMs, clock)
    : addBusiness(startMs, durationMs, clock);
}

/**
 * Clock time elapsed from `fromMs` to `toMs` (negative when `toMs` is earlier). With a business
 * clock, only working time counts. Inverse of addClockTime: clockTimeBetween(s, addClockTime(s, d)) === d.
 */
export function clockTimeBetween(fromMs: number, toMs: number, clock: ClockPolicy): number {
  if (clock.kind === 'calendar') return toMs - fromMs;
  if (toMs < fromMs) return -clockTimeBetween(toMs, fromMs, clock);
  const workingHours = workingHoursOf(clock);
  const lastDay = dayKey(localDate(toMs, clock.timeZone));
  let total = 0;
  for (let day = localDate(fromMs, clock.timeZone); dayKey(day) <= lastDay; day = nextDay(day)) {
    const hours = workingHours(day);
    if (hours) total += Math.max(0, Math.min(hours.close, toMs) - Math.max(hours.open, fromMs));
  }
  return total;
}

/** True when `ms` falls inside working time (always true for a calendar clock). */
export function isWorkingTime(ms: number, clock: ClockPolicy): boolean {
  if (clock.kind === 'calendar') return true;
  const hours = workingHoursOf(clock)(localDate(ms, clock.timeZone));
  return hours !== undefined && ms >= hours.open && ms < hours.close;
}

/** `ms` itself during working time, otherwise the next opening: when a reminder may be sent. */
export function nextWorkingTime(ms: number, clock: ClockPolicy): number {
  return isWorkingTime(ms, clock) ? ms : addClockTime(ms, 0, clock);
}

/** The local hour of day (0-23) of an instant in a time zone. */
export function localHour(ms: number, timeZone: string): number {
  return new Date(wallTimeOf(ms, timeZone)).getUTCHours();
}

/** The instant of local midnight starting the calendar day `y-m-d` in a time zone. */
export function localMidnight(y: number, m: number, d: number, timeZone: string): number {
  return wallTimeToUtc(civil(Date.UTC(y, m - 1, d)), 0, timeZone);
}

/** The ISO weekday (1 = Monday) and the minute of the day of an instant in a time zone. */
export function localWeekdayMinute(ms: number, timeZone: string): { weekday: number; minute: number } {
  const wall = new Date(wallTimeOf(ms, timeZone));
  return {
    weekday: ((wall.getUTCDay() + 6) % 7) + 1,
    minute: wall.getUTCHours() * 60 + wall.getUTCMinutes(),
  };
}

/** The local calendar date "YYYY-MM-DD" of an instant in a time zone. */
export function localDateString(ms: number, timeZone: string): string {
  return dayKey(localDate(ms, timeZone));
}

// ---------------------------------------------------------------------------------------------

interface CivilDate {
  y: number;
  m: number; // 1-12
  d: number;
}

/** Opening and closing instants of a working day, undefined on a day off. */
type WorkingHours = (day: CivilDate) => { open: number; close: number } | undefined;

// A year and more of days off in a row means the clock has no working time at all.
const MAX_DAYS_WITHOUT_WORK = 800;

function addBusiness(startMs: number, durationMs: number, clock: BusinessClock): number {
  const workingHours = workingHoursOf(clock);
  let t = startMs;
  let remaining = durationMs;
  let day = localDate(startMs, clock.timeZone);
  for (let idle = 0; idle < MAX_DAYS_WITHOUT_WORK; idle++) {
    const hours = workingHours(day);
    if (hours) {
      if (t < hours.open) t = hours.open;
      if (t < hours.close) {
        idle = 0;
        const available = hours.close - t;
        if (remaining <= available) return t + remaining;
        remaining -= available;
      }
    }
    day = nextDay(day);
  }
  throw new Error(`business clock in ${clock.timeZone} has no working time`);
}

function subtractBusiness(startMs: number, durationMs: number, clock: BusinessClock): number {
  const workingHours = workingHoursOf(clock);
  let t = startMs;
  let remaining = durationMs;
  let day = localDate(startMs, clock.timeZone);
  for (let idle = 0; idle < MAX_DAYS_WITHOUT_WORK; idle++) {
    const hours = workingHours(day);
    if (hours) {
      if (t > hours.close) t = hours.close;
      if (t > hours.open) {
        idle = 0;
        const available = t - hours.open;
        if (remaining <= available) return t - remaining;
        remaining -= available;
      }
    }
    day = previousDay(day);
  }
  throw new Error(`business clock in ${clock.timeZone} has no working time`);
}

function workingHoursOf(clock: BusinessClock): WorkingHours {
  const workingDays = new Set(clock.workingDays);
  const holidays = new Set(clock.holidays); // "YYYY-MM-DD" and yearly "MM-DD" side by side
  const halfDays = clock.halfDays ?? {}; // the same keys → the local closing time
  const closures = clock.closures ?? [];
  const startMinute = minutesOfDay(clock.hours.start);
  const endMinute = minutesOfDay(clock.hours.end);
  return (day) => {
    const key = dayKey(day);
    if (!workingDays.has(isoWeekday(day)) || holidays.has(key) || holidays.has(key.slice(5)))
      return undefined;
    if (closures.some((c) => c.from <= key && key <= c.to)) return undefined;
    // An eve closes early; one that closes before the opening is no working day at all.
    const early = halfDays[key] ?? halfDays[key.slice(5)];
    const end = early === undefined ? endMinute : Math.min(endMinute, minutesOfDay(early));
    if (end <= startMinute) return undefined;
    return openingHours(day, startMinute, end, clock.timeZone);
  };
}

// Opening instants per zone, day and hours. Intl is the slow part of every calculation and a case
// asks about the same few weeks over and over, so a bounded memo pays (it cannot change results).
const openingMemo = new Map<string, { open: number; close: number }>();

function openingHours(day: CivilDate, startMinute: number, endMinute: number, timeZone: string) {
  const key = `${timeZone}|${dayKey(day)}|${startMinute}|${endMinute}`;
  let hours = openingMemo.get(key);
  if (!hours) {
    hours = {
      open: wallTimeToUtc(day, startMinute, timeZone),
      close: wallTimeToUtc(day, endMinute, timeZone),
    };
    if (openingMemo.size >= 5000) openingMemo.clear();
    openingMemo.set(key, hours);
  }
  return hours;
}

function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function dayKey({ y, m, d }: CivilDate): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function isoWeekday({ y, m, d }: CivilDate): number {
  const sundayZero = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return sundayZero === 0 ? 7 : sundayZero;
}

function civil(ms: number): CivilDate {
  const date = new Date(ms);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

function nextDay({ y, m, d }: CivilDate): CivilDate {
  return civil(Date.UTC(y, m - 1, d + 1));
}

function previousDay({ y, m, d }: CivilDate): CivilDate {
  return civil(Date.UTC(y, m - 1, d - 1));
}

// --- time zones through Intl ----------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local wall time of an instant, expressed as if it were UTC (whole seconds). */
function wallTimeOf(ms: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
}

/** The zone's offset from UTC at an instant, in ms (Warsaw: +1h in winter, +2h in summer). */
function offsetAt(ms: number, timeZone: string): number {
  return wallTimeOf(ms, timeZone) - Math.floor(ms / 1000) * 1000;
}

function localDate(ms: number, timeZone: string): CivilDate {
  return civil(wallTimeOf(ms, timeZone));
}

/**
 * The instant at which the local wall clock shows `minute` minutes after midnight of `day`.
 * The zone's offsets a day either side cover any DST change in between: when they agree there is
 * no change nearby; otherwise an ambiguous time (clocks going back) takes the earlier instant and a
 * skipped time (clocks going forward) the instant after the gap.
 */
function wallTimeToUtc(day: CivilDate, minute: number, timeZone: string): number {
  const wall = Date.UTC(day.y, day.m - 1, day.d, 0, minute);
  const before = offsetAt(wall - 86_400_000, timeZone);
  const after = offsetAt(wall + 86_400_000, timeZone);
  if (before === after) return wall - before;
  const candidates = [wall - before, wall - after];
  const exact = candidates.filter((ms) => wallTimeOf(ms, timeZone) === wall);
  return exact.length > 0 ? Math.min(...exact) : Math.max(...candidates);
}
