// The weekly review as the team reads it: an HTML page (the API's page and the e-mail), plain text
// (the e-mail's other part) and CSV (one row per owner and a total, for a spreadsheet). Pure. The
// page and the text come in each reader's language (English or Polish) with their dates in the
// reader's zone; the week itself is the team's.
import { escapeHtml } from '../messages/format';
import type { StaffLanguage } from '../types';
import {
  promiseKinds,
  type AgendaFlag,
  type ClosedAgendaItem,
  type OpenAgendaItem,
  type OwnerAgenda,
  type OwnerWeek,
  type WeeklyReview,
} from './weekly';

/** Who reads it: the language and the zone dates are shown in (the review's own zone by default). */
export interface Reader {
  language?: StaffLanguage;
  timeZone?: string;
}

const words = {
  en: {
    locale: 'en-GB',
    title: 'Weekly complaint review',
    subject: (r: WeeklyReview) =>
      `Weekly complaint review ${r.week}: ${r.totals.opened} opened, ${r.totals.closed} closed, ${r.totals.open} open`,
    running: ', week still running',
    promises: {
      acknowledgement: 'Acknowledgement',
      diagnosis: 'Diagnosis',
      updates: 'Customer updates',
      resolution: 'Resolution date',
      statutory: 'Statutory',
      'follow-up': 'Follow-up',
    },
    reasons: {
      overdue: 'overdue',
      'low-score': 'low survey score',
      'statutory-breach': 'statutory breach',
      reopened: 'reopened (follow-up)',
    },
    flags: {
      overdue: 'overdue',
      escalated: 'escalated',
      'waiting-on-customer': 'waiting on the customer',
      'awaiting-approval': 'awaiting approval',
    } as Record<AgendaFlag, string>,
    summary: (r: WeeklyReview) =>
      `Opened ${r.totals.opened}, closed ${r.totals.closed} (resolved ${r.closedBy.resolved}, no response ${r.closedBy['no-response']}, withdrawn ${r.closedBy.withdrawn}), open at the end ${r.totals.open}.`,
    keptMissed: (r: WeeklyReview) =>
      `Promises kept ${r.totals.kept}, missed ${r.totals.missed}. Escalations ${r.totals.escalations}, extensions ${r.totals.extensions}.`,
    perOwnerText:
      'Per owner (opened / closed / open / kept / missed / escalations / extensions / answers / avg score):',
    promisesText: 'Promises (kept / missed):',
    surveys: (r: WeeklyReview, avg: string) =>
      `Surveys: ${r.surveys.answers} answers, average ${avg}, ${r.surveys.lowScores} low, ${r.surveys.stillNeedHelp} still needing help.`,
    followUps: (r: WeeklyReview) => `Follow-ups: ${r.followUps.opened} opened, ${r.followUps.done} done.`,
    remediesGranted: 'Remedies granted',
    refunds: 'refunds',
    rootCauses: 'Root causes',
    arrivals: 'Cases received per channel, and per hour of the day (00–23)',
    noneDocumented: 'none documented',
    toDiscuss: 'Cases to discuss',
    none: 'none',
    agenda: 'The meeting’s agenda',
    agendaIntro:
      'Each owner presents their open cases, to find solutions together, and their closed ones, so everyone learns the problem and how it was solved.',
    openCases: 'Open cases to discuss',
    closedCases: 'Closed this week',
    nothingOpen: 'no open cases',
    nothingClosed: 'nothing closed',
    level: (n: number) => `level ${n}`,
    stage: 'stage',
    receivedOn: 'received',
    nextDue: 'next promise due',
    problem: 'Problem',
    rootCause: 'Root cause',
    solution: 'Solution',
    factors: 'factors',
    responsible: 'responsible',
    corrective: 'corrective action',
    preventive: 'preventive action',
    undocumented: 'not documented',
    stages: {} as Record<string, string>,
    outcomes: {} as Record<string, string>,
    closure: {
      resolved: 'resolved',
      'no-response': 'closed without an answer',
      withdrawn: 'withdrawn',
    } as Record<string, string>,
    headings: {
      perOwner: 'Per owner',
      owner: 'Owner',
      cols: [
        'Opened',
        'Closed',
        'Open',
        'Kept',
        'Missed',
        'Escalations',
        'Extensions',
        'Survey answers',
        'Avg score',
        'Follow-ups',
        'Remedies',
      ],
      total: 'Total',
      promises: 'Promises',
      promise: 'Promise',
      kept: 'Kept',
      missed: 'Missed',
      surveys: 'Surveys and follow-ups',
      escalations: 'Escalations and extensions',
      remedies: 'Remedies granted',
      rootCauses: 'Root causes',
      toDiscuss: 'Cases to discuss',
    },
    surveysHtml: (r: WeeklyReview, avg: string, dist: string) =>
      `${r.surveys.answers} answers, average score ${avg}; ${r.surveys.lowScores} low, ${r.surveys.stillNeedHelp} still needing help. Scores: ${dist || 'none'}. Follow-ups opened ${r.followUps.opened}, done ${r.followUps.done}.`,
    escalationsHtml: (r: WeeklyReview, levels: string) =>
      `${r.totals.escalations} escalations (${levels || 'none'}), ${r.totals.extensions} extensions.`,
    granted: (n: number) => `${n} granted`,
    noRefunds: 'No refunds.',
    refundLine: (amount: string, currency: string, count: number) =>
      `Refunds ${amount} ${currency} (${count})`,
    noneThisWeek: 'None documented this week.',
    responsibleLine: (kind: string, count: number) => `Responsible: ${kind} ${count}`,
    generated: (at: string) => `Generated ${at}.`,
  },
  pl: {
    locale: 'pl-PL',
    title: 'Tygodniowy przegląd reklamacji',
    subject: (r: WeeklyReview) =>
      `Tygodniowy przegląd reklamacji ${r.week}: przyjęte ${r.totals.opened}, zamknięte ${r.totals.closed}, otwarte ${r.totals.open}`,
    running: ', tydzień jeszcze trwa',
    promises: {
      acknowledgement: 'Potwierdzenie przyjęcia',
      diagnosis: 'Wstępna diagnoza',
      updates: 'Informacje dla klienta',
      resolution: 'Termin rozwiązania',
      statutory: 'Termin ustawowy',
      'follow-up': 'Działania po ankiecie',
    },
    reasons: {
      overdue: 'po terminie',
      'low-score': 'niska ocena w ankiecie',
      'statutory-breach': 'przekroczony termin ustawowy',
      reopened: 'ponownie otwarta (działania po ankiecie)',
    },
    flags: {
      overdue: 'po terminie',
      escalated: 'eskalowana',
      'waiting-on-customer': 'czeka na klienta',
      'awaiting-approval': 'czeka na zgodę',
    } as Record<AgendaFlag, string>,
    summary: (r: WeeklyReview) =>
      `Przyjęte ${r.totals.opened}, zamknięte ${r.totals.closed} (rozwiązane ${r.closedBy.resolved}, bez odpowiedzi klienta ${r.closedBy['no-response']}, wycofane ${r.closedBy.withdrawn}), otwarte na koniec tygodnia ${r.totals.open}.`,
    keptMissed: (r: WeeklyReview) =>
      `Obietnice dotrzymane ${r.totals.kept}, niedotrzymane ${r.totals.missed}. Eskalacje ${r.totals.escalations}, przedłużenia ${r.totals.extensions}.`,
    perOwnerText:
      'Według osób (przyjęte / zamknięte / otwarte / dotrzymane / niedotrzymane / eskalacje / przedłużenia / ankiety / średnia ocena):',
    promisesText: 'Obietnice (dotrzymane / niedotrzymane):',
    surveys: (r: WeeklyReview, avg: string) =>
      `Ankiety: ${r.surveys.answers} odpowiedzi, średnia ${avg}, niskich ${r.surveys.lowScores}, nadal potrzebuje pomocy ${r.surveys.stillNeedHelp}.`,
    followUps: (r: WeeklyReview) =>
      `Działania po ankiecie: otwarte ${r.followUps.opened}, zakończone ${r.followUps.done}.`,
    remediesGranted: 'Przyznane rekompensaty',
    refunds: 'zwroty',
    rootCauses: 'Przyczyny',
    arrivals: 'Sprawy przyjęte wg kanału i wg godziny doby (00–23)',
    noneDocumented: 'brak udokumentowanych',
    toDiscuss: 'Sprawy do omówienia',
    none: 'brak',
    agenda: 'Porządek spotkania',
    agendaIntro:
      'Każda osoba przedstawia swoje otwarte sprawy, żeby wspólnie szukać rozwiązań, i zamknięte, żeby wszyscy poznali problem i sposób jego rozwiązania.',
    openCases: 'Otwarte sprawy do omówienia',
    closedCases: 'Zamknięte w tym tygodniu',
    nothingOpen: 'brak otwartych spraw',
    nothingClosed: 'nic nie zamknięto',
    level: (n: number) => `poziom ${n}`,
    stage: 'etap',
    receivedOn: 'wpłynęła',
    nextDue: 'najbliższy termin',
    problem: 'Problem',
    rootCause: 'Przyczyna',
    solution: 'Rozwiązanie',
    factors: 'czynniki',
    responsible: 'odpowiada',
    corrective: 'działanie naprawcze',
    preventive: 'działanie zapobiegawcze',
    undocumented: 'nieudokumentowana',
    stages: {
      intake: 'przyjęcie',
      diagnosis: 'diagnoza',
      'waiting-on-customer': 'czeka na klienta',
      'in-progress': 'w toku',
      'awaiting-approval': 'czeka na zgodę',
      'resolution-call': 'rozmowa o decyzji',
      survey: 'ankieta',
      'follow-up': 'działania po ankiecie',
      documentation: 'dokumentacja',
      closed: 'zamknięta',
    } as Record<string, string>,
    outcomes: {
      upheld: 'uwzględniona',
      'partially-upheld': 'uwzględniona częściowo',
      rejected: 'odrzucona',
    } as Record<string, string>,
    closure: {
      resolved: 'rozwiązana',
      'no-response': 'zamknięta bez odpowiedzi klienta',
      withdrawn: 'wycofana',
    } as Record<string, string>,
    headings: {
      perOwner: 'Według osób',
      owner: 'Osoba',
      cols: [
        'Przyjęte',
        'Zamknięte',
        'Otwarte',
        'Dotrzymane',
        'Niedotrzymane',
        'Eskalacje',
        'Przedłużenia',
        'Ankiety',
        'Średnia ocena',
        'Po ankiecie',
        'Rekompensaty',
      ],
      total: 'Razem',
      promises: 'Obietnice',
      promise: 'Obietnica',
      kept: 'Dotrzymane',
      missed: 'Niedotrzymane',
      surveys: 'Ankiety i działania po nich',
      escalations: 'Eskalacje i przedłużenia',
      remedies: 'Przyznane rekompensaty',
      rootCauses: 'Przyczyny',
      toDiscuss: 'Sprawy do omówienia',
    },
    surveysHtml: (r: WeeklyReview, avg: string, dist: string) =>
      `${r.surveys.answers} odpowiedzi, średnia ocena ${avg}; niskich ${r.surveys.lowScores}, nadal potrzebuje pomocy ${r.surveys.stillNeedHelp}. Oceny: ${dist || 'brak'}. Działania po ankiecie: otwarte ${r.followUps.opened}, zakończone ${r.followUps.done}.`,
    escalationsHtml: (r: WeeklyReview, levels: string) =>
      `Eskalacje: ${r.totals.escalations} (${levels || 'brak'}), przedłużenia: ${r.totals.extensions}.`,
    granted: (n: number) => `Przyznano ${n}`,
    noRefunds: 'Bez zwrotów.',
    refundLine: (amount: string, currency: string, count: number) =>
      `Zwroty ${amount} ${currency} (${count})`,
    noneThisWeek: 'W tym tygodniu nic nie udokumentowano.',
    responsibleLine: (kind: string, count: number) => `Odpowiada: ${kind} ${count}`,
    generated: (at: string) => `Wygenerowano ${at}.`,
  },
};
type Words = (typeof words)['en'];

const wordsFor = (reader: Reader): Words => words[reader.language === 'pl' ? 'pl' : 'en'];

const dash = (x: number | null) => (x === null ? '–' : String(x));

function zoneOf(r: WeeklyReview, reader: Reader): string {
  return reader.timeZone ?? r.timeZone;
}

function day(iso: string, w: Words, timeZone: string): string {
  return new Intl.DateTimeFormat(w.locale, { timeZone, dateStyle: 'medium' }).format(new Date(iso));
}

function dateTime(iso: string, w: Words, timeZone: string): string {
  return `${new Intl.DateTimeFormat(w.locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))} (${timeZone})`;
}

function period(r: WeeklyReview, w: Words): string {
  // The week is the team's: its days in the team's zone.
  const last = new Date(Date.parse(r.to) - 1).toISOString();
  return `${day(r.from, w, r.timeZone)} – ${day(last, w, r.timeZone)} (${r.timeZone})${r.complete ? '' : w.running}`;
}

export function weeklyReviewSubject(r: WeeklyReview, reader: Reader = {}): string {
  return wordsFor(reader).subject(r);
}

// --- the agenda, as lines (text) and as HTML ------------------------------------------------------

function openLine(o: OpenAgendaItem, w: Words, zone: string): string {
  const flags = o.flags.map((f) =>
    f === 'escalated' ? `${w.flags[f]} (${w.level(o.escalationLevel)})` : w.flags[f],
  );
  return [
    `${o.reference} — ${o.category}, ${o.priority}, ${w.stage}: ${w.stages[o.stage] ?? o.stage}`,
    ...(flags.length ? [flags.join(', ')] : []),
    `${w.receivedOn} ${day(o.receivedAt, w, zone)}`,
    ...(o.nextDueAt ? [`${w.nextDue} ${dateTime(o.nextDueAt, w, zone)}`] : []),
  ].join('; ');
}

function problemText(c: ClosedAgendaItem): string {
  const p = c.problem;
  const facts = [p.product, p.supplier, p.carrier, p.location].filter(Boolean);
  return facts.length ? `${p.category} (${facts.join(', ')})` : p.category;
}

function rootCauseText(c: ClosedAgendaItem, w: Words): string {
  const r = c.rootCause;
  if (!r) return w.undocumented;
  return [
    r.category,
    r.text ? `“${r.text}”` : undefined,
    r.factors.length ? `${w.factors}: ${r.factors.join(', ')}` : undefined,
    r.responsibleParty || r.responsiblePartyKind
      ? `${w.responsible}: ${[r.responsiblePartyKind, r.responsibleParty].filter(Boolean).join(' ')}`
      : undefined,
  ]
    .filter(Boolean)
    .join('; ');
}

function solutionText(c: ClosedAgendaItem, w: Words): string {
  const s = c.solution;
  return [
    w.closure[c.closure] ?? c.closure,
    s.outcome && (w.outcomes[s.outcome] ?? s.outcome),
    s.remedy,
    s.correctiveAction ? `${w.corrective}: ${s.correctiveAction}` : undefined,
    s.preventiveAction ? `${w.preventive}: ${s.preventiveAction}` : undefined,
  ]
    .filter(Boolean)
    .join('; ');
}

function agendaText(agenda: OwnerAgenda[], w: Words, zone: string): string[] {
  const out = [w.agenda, w.agendaIntro];
  for (const a of agenda) {
    out.push('', `${a.ownerName}`, `  ${w.openCases}:`);
    if (!a.open.length) out.push(`    ${w.nothingOpen}`);
    for (const o of a.open) out.push(`    ${openLine(o, w, zone)}`);
    out.push(`  ${w.closedCases}:`);
    if (!a.closed.length) out.push(`    ${w.nothingClosed}`);
    for (const c of a.closed)
      out.push(
        `    ${c.reference}`,
        `      ${w.problem}: ${problemText(c)}`,
        `      ${w.rootCause}: ${rootCauseText(c, w)}`,
        `      ${w.solution}: ${solutionText(c, w)}`,
      );
  }
  return out;
}

function agendaHtml(agenda: OwnerAgenda[], w: Words, zone: string): string {
  const e = (x: string) => escapeHtml(x);
  const owners = agenda
    .map(
      (a) =>
        `<h3>${e(a.ownerName)}</h3><h4>${e(w.openCases)}</h4>` +
        (a.open.length
          ? `<ul>${a.open
              .map(
                (o) =>
                  `<li${o.flags.length ? ' class="flagged"' : ''}><strong>${e(o.reference)}</strong> ${e(openLine(o, w, zone).slice(o.reference.length + 3))}</li>`,
              )
              .join('')}</ul>`
          : `<p class="muted">${e(w.nothingOpen)}</p>`) +
        `<h4>${e(w.closedCases)}</h4>` +
        (a.closed.length
          ? `<ul>${a.closed
              .map(
                (c) =>
                  `<li><strong>${e(c.reference)}</strong><dl><dt>${e(w.problem)}</dt><dd>${e(problemText(c))}</dd><dt>${e(w.rootCause)}</dt><dd>${e(rootCauseText(c, w))}</dd><dt>${e(w.solution)}</dt><dd>${e(solutionText(c, w))}</dd></dl></li>`,
              )
              .join('')}</ul>`
          : `<p class="muted">${e(w.nothingClosed)}</p>`),
    )
    .join('');
  return `<h2>${e(w.agenda)}</h2><p>${e(w.agendaIntro)}</p>${owners}`;
}

// --- CSV ------------------------------------------------------------------------------------------

const csvColumns: [string, (o: OwnerWeek) => string | number | null][] = [
  ['owner_id', (o) => o.ownerId],
  ['owner_name', (o) => o.ownerName],
  ['opened', (o) => o.opened],
  ['closed', (o) => o.closed],
  ['open_at_end', (o) => o.open],
  ['promises_kept', (o) => o.kept],
  ['promises_missed', (o) => o.missed],
  ...promiseKinds.flatMap((k): [string, (o: OwnerWeek) => number][] => [
    [`${k.replace('-', '_')}_kept`, (o) => o.promises[k].kept],
    [`${k.replace('-', '_')}_missed`, (o) => o.promises[k].missed],
  ]),
  ['escalations', (o) => o.escalations],
  ['extensions', (o) => o.extensions],
  ['survey_answers', (o) => o.surveyAnswers],
  ['average_score', (o) => o.averageScore],
  ['follow_ups_opened', (o) => o.followUpsOpened],
  ['remedies_granted', (o) => o.remedies],
];

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  // Quote what needs it; a leading =, +, - or @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row per owner, then a TOTAL row; the week in the first column so files can be concatenated. */
export function weeklyReviewCsv(r: WeeklyReview): string {
  const lines = [['week', ...csvColumns.map(([name]) => name)].join(',')];
  const total: OwnerWeek = { ownerId: 'TOTAL', ownerName: 'Total', ...r.totals };
  for (const o of [...r.owners, total])
    lines.push([r.week, ...csvColumns.map(([, get]) => get(o))].map(csvCell).join(','));
  return lines.join('\r\n') + '\r\n';
}

// --- plain text -----------------------------------------------------------------------------------

export function weeklyReviewText(r: WeeklyReview, reader: Reader = {}): string {
  const w = wordsFor(reader);
  const out: string[] = [];
  out.push(`${w.title} ${r.week}`, period(r, w), '');
  const t = r.totals;
  out.push(w.summary(r), w.keptMissed(r), '', w.perOwnerText);
  for (const o of r.owners)
    out.push(
      `  ${o.ownerName}: ${o.opened} / ${o.closed} / ${o.open} / ${o.kept} / ${o.missed} / ${o.escalations} / ${o.extensions} / ${o.surveyAnswers} / ${dash(o.averageScore)}`,
    );
  out.push('', w.promisesText);
  for (const k of promiseKinds)
    out.push(`  ${w.promises[k]}: ${t.promises[k].kept} / ${t.promises[k].missed}`);
  out.push(
    '',
    w.surveys(r, dash(r.surveys.averageScore)),
    w.followUps(r),
    `${w.remediesGranted}: ${r.remedies.granted}${Object.entries(r.remedies.byKind)
      .map(([k, n]) => `, ${k} ${n}`)
      .join(
        '',
      )}${r.remedies.value.map((v) => `; ${w.refunds} ${v.amount.toFixed(2)} ${v.currency} (${v.count})`).join('')}.`,
    '',
    ...(r.arrivals
      ? [
          `${w.arrivals}:`,
          ...Object.entries(r.arrivals.byChannel)
            .sort((a, b) => b[1] - a[1])
            .map(([channel, n]) => `  ${channel}: ${n}`),
          `  ${r.arrivals.byHour.map((n, h) => `${String(h).padStart(2, '0')}:${n}`).join(' ')}`,
          '',
        ]
      : []),
    `${w.rootCauses}:`,
    ...(r.rootCauses.length
      ? r.rootCauses.map((c) => `  ${c.category}: ${c.count}`)
      : [`  ${w.noneDocumented}`]),
    '',
    `${w.toDiscuss}:`,
    ...(r.toDiscuss.length
      ? r.toDiscuss.map(
          (c) => `  ${c.reference} (${c.ownerName}): ${c.reasons.map((x) => w.reasons[x]).join(', ')}`,
        )
      : [`  ${w.none}`]),
    '',
    ...agendaText(r.agenda ?? [], w, zoneOf(r, reader)),
  );
  return out.join('\n') + '\n';
}

// --- HTML -----------------------------------------------------------------------------------------

const style = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#1a1a1a}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}
th:first-child,td:first-child{text-align:left}thead th{background:#f2f2f2}tfoot td{font-weight:600}
.missed{color:#a40000}.muted{color:#666}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.5rem}
h3{font-size:1rem;margin:1.2rem 0 .3rem}h4{font-size:.95rem;margin:.6rem 0 .2rem;color:#444}
li.flagged{border-left:3px solid #a40000;padding-left:.4rem}dl{margin:.2rem 0 .6rem}dt{font-weight:600;float:left;width:7rem}dd{margin-left:7.5rem}`;

export function weeklyReviewHtml(r: WeeklyReview, reader: Reader = {}): string {
  const w = wordsFor(reader);
  const e = (s: string | number | null) => escapeHtml(s === null ? '–' : String(s));
  const t = r.totals;
  const ownerRow = (o: OwnerWeek | (typeof r)['totals'], name: string) =>
    `<td>${e(name)}</td><td>${o.opened}</td><td>${o.closed}</td><td>${o.open}</td><td>${o.kept}</td>` +
    `<td class="${o.missed ? 'missed' : ''}">${o.missed}</td><td>${o.escalations}</td><td>${o.extensions}</td>` +
    `<td>${o.surveyAnswers}</td><td>${e(o.averageScore)}</td><td>${o.followUpsOpened}</td><td>${o.remedies}</td>`;
  const list = <T>(items: T[], empty: string, render: (x: T) => string) =>
    items.length
      ? `<ul>${items.map((x) => `<li>${render(x)}</li>`).join('')}</ul>`
      : empty
        ? `<p class="muted">${e(empty)}</p>`
        : '';
  const h = w.headings;
  const lang = reader.language === 'pl' ? 'pl' : 'en';
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(w.title)} ${e(r.week)}</title><style>${style}</style></head>
<body>
<h1>${e(w.title)} ${e(r.week)}</h1>
<p class="muted">${e(period(r, w))}</p>
<p>${e(w.summary(r))} ${e(w.keptMissed(r))}</p>
${agendaHtml(r.agenda ?? [], w, zoneOf(r, reader))}
<h2>${e(h.perOwner)}</h2>
<table><thead><tr><th>${e(h.owner)}</th>${h.cols.map((c) => `<th>${e(c)}</th>`).join('')}</tr></thead>
<tbody>${r.owners.map((o) => `<tr>${ownerRow(o, o.ownerName)}</tr>`).join('')}</tbody>
<tfoot><tr>${ownerRow(t, h.total)}</tr></tfoot></table>
<h2>${e(h.promises)}</h2>
<table><thead><tr><th>${e(h.promise)}</th><th>${e(h.kept)}</th><th>${e(h.missed)}</th>${r.owners.map((o) => `<th>${e(o.ownerName)}</th>`).join('')}</tr></thead>
<tbody>${promiseKinds
    .map(
      (k) =>
        `<tr><td>${e(w.promises[k])}</td><td>${t.promises[k].kept}</td><td class="${t.promises[k].missed ? 'missed' : ''}">${t.promises[k].missed}</td>${r.owners
          .map((o) => `<td>${o.promises[k].kept} / ${o.promises[k].missed}</td>`)
          .join('')}</tr>`,
    )
    .join('')}</tbody></table>
<h2>${e(h.surveys)}</h2>
<p>${e(
    w.surveysHtml(
      r,
      dash(r.surveys.averageScore),
      r.surveys.distribution.map((d) => `${d.score}: ${d.count}`).join(', '),
    ),
  )}</p>
<h2>${e(h.escalations)}</h2>
<p>${e(
    w.escalationsHtml(
      r,
      Object.entries(r.escalationsByLevel)
        .map(([l, n]) => `${w.level(Number(l))}: ${n}`)
        .join(', '),
    ),
  )}</p>
<h2>${e(h.remedies)}</h2>
<p>${e(w.granted(r.remedies.granted))}${Object.entries(r.remedies.byKind)
    .map(([k, n]) => `, ${e(k)} ${n}`)
    .join('')}.</p>
${list(r.remedies.value, w.noRefunds, (v) => e(w.refundLine(v.amount.toFixed(2), v.currency, v.count)))}
${
  // For sizing the team around the clock (seed 001): where cases came in, and at what hour.
  r.arrivals
    ? `<h2>${e(w.arrivals)}</h2>
<table><thead><tr><th></th>${r.arrivals.byHour.map((_, hour) => `<th>${String(hour).padStart(2, '0')}</th>`).join('')}</tr></thead>
<tbody>${Object.entries(r.arrivals.byChannel)
        .sort((a, b) => b[1] - a[1])
        .map(
          ([channel, n]) =>
            `<tr><td>${e(channel)} (${n})</td>${r
              .arrivals!.byHour.map(
                (_, hour) =>
                  `<td>${r.arrivals!.byChannelAndHour.find((x) => x.channel === channel && x.hour === hour)?.count ?? ''}</td>`,
              )
              .join('')}</tr>`,
        )
        .join('')}</tbody></table>`
    : ''
}
<h2>${e(h.rootCauses)}</h2>
${list(r.rootCauses, w.noneThisWeek, (c) => `${e(c.category)}: ${c.count}`)}
${list(r.responsibleParties, '', (p) => e(w.responsibleLine(p.kind, p.count)))}
<h2>${e(h.toDiscuss)}</h2>
${list(
  r.toDiscuss,
  w.none,
  (c) =>
    `<strong>${e(c.reference)}</strong> (${e(c.ownerName)}): ${e(c.reasons.map((x) => w.reasons[x]).join(', '))}`,
)}
<p class="muted">${e(w.generated(dateTime(r.generatedAt, w, zoneOf(r, reader))))}</p>
</body></html>
`;
}
