// Locale-aware formatting and escaping. Pure: Intl only, the time zone always passed in.
import { languages, type IsoDateTime, type Language } from './types';

/** Bad input is a bug in the caller, not a transient failure: activities should not retry it. */
export class MessageRenderError extends Error {
  override name = 'MessageRenderError';
}

const locales: Record<Language, string> = {
  en: 'en-GB',
  pl: 'pl-PL',
  sv: 'sv-SE',
  et: 'et-EE',
  he: 'he-IL',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** Languages arrive from stored cases at run time: anything unknown is rendered in English. */
export function resolveLanguage(value: unknown): Language {
  return isLanguage(value) ? value : 'en';
}

export function localeFor(language: Language): string {
  return locales[resolveLanguage(language)];
}

export function isRightToLeft(language: Language): boolean {
  return language === 'he';
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function toDate(iso: IsoDateTime, field: string): Date {
  const date = new Date(iso);
  if (typeof iso !== 'string' || Number.isNaN(date.getTime())) {
    throw new MessageRenderError(`${field}: not a valid ISO date-time: ${String(iso)}`);
  }
  return date;
}

function dateTimeFormat(
  language: Language,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(localeFor(language), { timeZone, ...options });
  } catch (err) {
    throw new MessageRenderError(`cannot format dates in time zone "${timeZone}": ${String(err)}`);
  }
}

// Estonian inflects month names by case ("6. märtsil", "6. märtsiks"), which a formatter cannot
// know; the numeric form reads naturally in any sentence, so Estonian prose uses it.
const estonianDay: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };

/** Date and time, e.g. "6 March 2026 at 14:30", in the given zone. */
export function formatDate(iso: IsoDateTime, language: Language, timeZone: string, field = 'date'): string {
  const date = toDate(iso, field);
  const lang = resolveLanguage(language);
  const time = () => dateTimeFormat(lang, timeZone, { timeStyle: 'short' }).format(date);
  switch (lang) {
    case 'et':
      return `${dateTimeFormat(lang, timeZone, estonianDay).format(date)} kell ${time()}`;
    case 'pl':
      // CLDR glues "6 marca 2026 14:30"; Polish letters say "godz." before the time.
      return `${dateTimeFormat(lang, timeZone, { dateStyle: 'long' }).format(date)}, godz. ${time()}`;
    default:
      return dateTimeFormat(lang, timeZone, { dateStyle: 'long', timeStyle: 'short' }).format(date);
  }
}

/** The calendar day only, e.g. "6 March 2026", as seen in the given zone. */
export function formatDay(iso: IsoDateTime, language: Language, timeZone: string, field = 'date'): string {
  const date = toDate(iso, field);
  const lang = resolveLanguage(language);
  return dateTimeFormat(lang, timeZone, lang === 'et' ? estonianDay : { dateStyle: 'long' }).format(date);
}

export function formatMoney(amount: number, currency: string, language: Language): string {
  if (!Number.isFinite(amount))
    throw new MessageRenderError(`refund amount is not a number: ${String(amount)}`);
  try {
    return new Intl.NumberFormat(localeFor(language), { style: 'currency', currency }).format(amount);
  } catch (err) {
    throw new MessageRenderError(`cannot format currency "${currency}": ${String(err)}`);
  }
}

/** `percent` is in percent (15 means 15 %). */
export function formatPercent(percent: number, language: Language): string {
  if (!Number.isFinite(percent))
    throw new MessageRenderError(`voucher percent is not a number: ${String(percent)}`);
  return new Intl.NumberFormat(localeFor(language), { style: 'percent', maximumFractionDigits: 2 }).format(
    percent / 100,
  );
}

/** Only web links become anchors: anything else (javascript:, data:) is shown as text. */
export function isSafeUrl(url: string): boolean {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url);
}
