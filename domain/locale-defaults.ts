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

// Where a customer who disagrees with the decision can turn, named in their own language: the
// resolution letter prints it after its translated "you can take this further" line.
const disagreementRoutes: Record<Language, string> = {
  en: 'our complaints supervisor (reply to this e-mail), or your national consumer protection authority',
  pl: 'nasz przełożony ds. reklamacji (wystarczy odpowiedzieć na tę wiadomość) albo miejski lub powiatowy rzecznik konsumentów',
  sv: 'vår klagomålsansvarige (svara på detta e-postmeddelande) eller Allmänna reklamationsnämnden (ARN)',
  et: 'meie kaebuste eest vastutav juht (vastake sellele kirjale) või Tarbijakaitse ja Tehnilise Järelevalve Ameti tarbijavaidluste komisjon',
  he: 'האחראי על תלונות הלקוחות אצלנו (יש להשיב למייל זה) או הרשות להגנת הצרכן ולסחר הוגן',
};

/** The same routes for a printed letter, which cannot be replied to: write to the letterhead's address. */
const disagreementRoutesOnPaper: Record<Language, string> = {
  en: 'our complaints supervisor (write to the address at the top of this letter), or your national consumer protection authority',
  pl: 'nasz przełożony ds. reklamacji (wystarczy napisać na adres podany w nagłówku tego listu) albo miejski lub powiatowy rzecznik konsumentów',
  sv: 'vår klagomålsansvarige (skriv till adressen överst i det här brevet) eller Allmänna reklamationsnämnden (ARN)',
  et: 'meie kaebuste eest vastutav juht (kirjutage selle kirja päises toodud aadressil) või Tarbijakaitse ja Tehnilise Järelevalve Ameti tarbijavaidluste komisjon',
  he: 'האחראי על תלונות הלקוחות אצלנו (יש לכתוב לכתובת שבראש מכתב זה) או הרשות להגנת הצרכן ולסחר הוגן',
};

export function disagreementRoute(language: Language, medium: 'email' | 'paper' = 'email'): string {
  const routes = medium === 'paper' ? disagreementRoutesOnPaper : disagreementRoutes;
  return routes[language] ?? routes.en;
}
