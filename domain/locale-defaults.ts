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

/**
 * In the words of an e-mail: a printed letter or a chat rewords "reply to this e-mail" as it does
 * in every other paragraph (domain/messages, each language's paperWording and chatWording), so a
 * letter task carrying the message prints right whatever medium it was written for.
 */
export function disagreementRoute(language: Language): string {
  return disagreementRoutes[language] ?? disagreementRoutes.en;
}
