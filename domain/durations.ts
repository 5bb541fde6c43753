// Human duration strings ("30s", "15m", "24h", "14d", "1d12h", "8w") <-> milliseconds.
// Pure: imported by workflow code (summaries) and by the policy schema (parsing).

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

// Units must come largest first, each at most once; "m" is minutes, "ms" milliseconds.
const DURATION_RE =
  /^(?:(\d+)w)?\s*(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m(?!s))?\s*(?:(\d+)s)?\s*(?:(\d+)ms)?$/;

/** Milliseconds for a duration string, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  const m = DURATION_RE.exec(trimmed);
  if (!m || trimmed === '') return undefined;
  const [, w, d, h, min, s, ms] = m;
  const n = (v: string | undefined): number => (v === undefined ? 0 : Number(v));
  return n(w) * WEEK + n(d) * DAY + n(h) * HOUR + n(min) * MINUTE + n(s) * SECOND + n(ms);
}

/**
 * A compact string for summaries and letters' internal notes: hours below 3 days, because
 * "every 48h" reads better than "every 2d"; days (and hours) from 3 days on. Round-trips through
 * parseDuration.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms === 0) return '0s';
  let rest = Math.round(ms);
  const parts: string[] = [];
  const take = (unit: number, suffix: string): void => {
    const count = Math.floor(rest / unit);
    if (count > 0) parts.push(`${count}${suffix}`);
    rest -= count * unit;
  };
  if (rest >= 3 * DAY) take(DAY, 'd');
  take(HOUR, 'h');
  take(MINUTE, 'm');
  take(SECOND, 's');
  take(1, 'ms');
  return parts.join('');
}

/** A moment as staff read it in the English texts (timeline notes, the Web UI): "2026-12-09 23:56:20 UTC". */
export function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
