import type { Language } from './types';

// When a customer gives no time zone, dates in their messages use the zone most people writing in
// their language live in. The policy clock keeps its own zone for deadlines.
const zoneByLanguage: Record<Language, string> = {
  en: 'Europe/London',
  pl: 'Europe/Warsaw',
  sv: 'Europe/Stockholm',
  et: 'Europe/Tallinn',
  he: 'Asia/Jerusalem',
};

export function defaultTimeZone(language: Language): string {
  return zoneByLanguage[language] ?? 'UTC';
}
