// The e-mail a new trend alert sends to the head of customer service and the quality address (an
// owner alert: the head and the supervisors): what rose, by how much against its own baseline, over
// which window, and which cases — in the reader's language (English or Polish), times in their zone.
// Pure.
import { escapeHtml } from '../messages/format';
import type { StaffLanguage } from '../types';
import type { TrendAlert } from './trends';

const words = {
  en: {
    locale: 'en-GB',
    dimensions: {
      category: 'category',
      owner: 'complaints owned by',
      product: 'product',
      supplier: 'supplier',
      carrier: 'carrier',
      location: 'location',
      'hour-of-day': 'incidents at the hour of day',
    } as Record<TrendAlert['dimension'], string>,
    subject: (what: string, value: string, count: number, expected: number) =>
      `Trend alert: ${what} ${value} — ${count} complaints where ${expected} were expected`,
    perHour: 'per hour',
    perDay: 'per day at that hour',
    what: 'What',
    complaints: 'Complaints',
    complaintsLine: (count: number, from: string, to: string, expected: number) =>
      `${count} from ${from} to ${to} (${expected} expected)`,
    counts: 'Counts',
    oldestFirst: 'oldest first',
    owners: 'Owners reached',
    baseline: 'Baseline',
    baselineLine: (rate: number, per: string, count: number, from: string, to: string) =>
      `${rate} ${per}: ${count} complaints from ${from} to ${to}`,
    method: 'Method',
    methods: { cusum: 'Poisson CUSUM', sparse: 'Poisson CUSUM for a sparse series (a burst)' },
    methodLine: (name: string, k: number, h: number, s: number) =>
      `${name}: reference ${k}, threshold ${h}, statistic ${s}`,
    alert: 'Alert',
    cases: 'Cases',
    none: 'none',
    firstOf: (n: number, of: number) => ` (first ${n} of ${of})`,
    footer:
      'The alert shows at GET /insights/trends until the rate falls back; you will not be told again about it.',
  },
  pl: {
    locale: 'pl-PL',
    dimensions: {
      category: 'kategoria',
      owner: 'sprawy prowadzone przez',
      product: 'produkt',
      supplier: 'dostawca',
      carrier: 'przewoźnik',
      location: 'miejsce',
      'hour-of-day': 'zdarzenia o godzinie',
    } as Record<TrendAlert['dimension'], string>,
    subject: (what: string, value: string, count: number, expected: number) =>
      `Alert trendu: ${what} ${value} — ${count} reklamacji przy oczekiwanych ${expected}`,
    perHour: 'na godzinę',
    perDay: 'dziennie o tej godzinie',
    what: 'Czego dotyczy',
    complaints: 'Reklamacje',
    complaintsLine: (count: number, from: string, to: string, expected: number) =>
      `${count} od ${from} do ${to} (oczekiwano ${expected})`,
    counts: 'Liczby',
    oldestFirst: 'od najstarszych',
    owners: 'Osoby, do których trafiły',
    baseline: 'Punkt odniesienia',
    baselineLine: (rate: number, per: string, count: number, from: string, to: string) =>
      `${rate} ${per}: ${count} reklamacji od ${from} do ${to}`,
    method: 'Metoda',
    methods: { cusum: 'CUSUM Poissona', sparse: 'CUSUM Poissona dla rzadkiej serii (nagły wzrost)' },
    methodLine: (name: string, k: number, h: number, s: number) =>
      `${name}: wartość odniesienia ${k}, próg ${h}, statystyka ${s}`,
    alert: 'Alert',
    cases: 'Sprawy',
    none: 'brak',
    firstOf: (n: number, of: number) => ` (pierwsze ${n} z ${of})`,
    footer:
      'Alert jest widoczny pod GET /insights/trends, dopóki liczba reklamacji nie wróci do normy; nie dostaniesz o nim kolejnej wiadomości.',
  },
};

export function trendAlertEmail(
  s: TrendAlert,
  reader: { language?: StaffLanguage; timeZone?: string } = {},
): { subject: string; text: string; html: string } {
  const w = words[reader.language === 'pl' ? 'pl' : 'en'];
  const zone = reader.timeZone ?? 'UTC';
  const at = (iso: string) =>
    `${new Intl.DateTimeFormat(w.locale, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))} (${zone})`;
  const e = s.evidence;
  const per = e.bucket === 'hour' ? w.perHour : w.perDay;
  const what = w.dimensions[s.dimension];
  const subject = w.subject(what, s.value, e.count, e.expected);
  const facts: [string, string][] = [
    [w.what, `${what} "${s.value}"`],
    [w.complaints, w.complaintsLine(e.count, at(e.windowFrom), at(e.windowTo), e.expected)],
    [w.counts, `${e.counts.join(', ')} (${per}, ${w.oldestFirst})`],
    ...(e.owners !== undefined ? [[w.owners, String(e.owners)] as [string, string]] : []),
    [
      w.baseline,
      w.baselineLine(e.baselinePerBucket, per, e.baselineCount, at(e.baselineFrom), at(e.baselineTo)),
    ],
    [w.method, w.methodLine(w.methods[e.method ?? 'cusum'], e.reference, e.threshold, e.statistic)],
    [w.alert, s.id],
  ];
  const cases = e.cases.length ? e.cases.join(', ') : w.none;
  const text =
    `${subject}\n\n` +
    facts.map(([k, v]) => `${k}: ${v}`).join('\n') +
    `\n${w.cases}: ${cases}${e.count > e.cases.length ? w.firstOf(e.cases.length, e.count) : ''}\n\n` +
    `${w.footer}\n`;
  const lang = reader.language === 'pl' ? 'pl' : 'en';
  const html =
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>` +
    `<h1 style="font-size:1.2rem">${escapeHtml(subject)}</h1><table>` +
    facts
      .map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
      .join('') +
    `<tr><th align="left">${escapeHtml(w.cases)}</th><td>${escapeHtml(cases)}</td></tr></table>` +
    `<p>${escapeHtml(w.footer)}</p>` +
    '</body></html>';
  return { subject, text, html };
}
