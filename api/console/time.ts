// Times as the viewer reads them: in their time zone, with the zone named, and how long is left.
import type { Translate } from './i18n';

export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.length > 64 || !zone) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const locales = { en: 'en-GB', pl: 'pl-PL' } as const;

const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatTime(iso: string | undefined, language: 'en' | 'pl', zone: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  // One formatter per language and zone: a queue of a thousand rows builds two, not a thousand.
  let format = formatters.get(`${language}|${zone}`);
  if (!format) {
    format = new Intl.DateTimeFormat(locales[language], {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: zone,
      timeZoneName: 'short',
    });
    if (formatters.size > 200) formatters.clear();
    formatters.set(`${language}|${zone}`, format);
  }
  return format.format(date);
}

/** "3 d 4 h", "2 h 5 min", "12 min": enough to act on, no false precision. */
export function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}

export function timeLeft(iso: string, now: number, t: Translate): string {
  const ms = Date.parse(iso) - now;
  return ms >= 0 ? t('timeLeft', { left: duration(ms) }) : t('late', { late: duration(ms) });
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** An instant as a <input type="datetime-local"> value in the zone ("2026-11-27T13:05"). */
export function isoToLocalInput(iso: string, zone: string): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return '';
  return new Date(instant + offsetAt(instant, zone)).toISOString().slice(0, 16);
}

/**
 * A <input type="datetime-local"> value read in the viewer's zone, as an ISO instant with "Z".
 * Anything else is returned as typed, so the action's schema names what is wrong with it.
 */
export function localInputToIso(value: string, zone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return value;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  if (Number.isNaN(wall)) return value;
  let instant = wall - offsetAt(wall, zone);
  instant = wall - offsetAt(instant, zone); // once more across a DST change
  return new Date(instant).toISOString();
}
