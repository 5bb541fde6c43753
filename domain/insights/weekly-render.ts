// The weekly review as the team reads it: an HTML page (the API's page and the e-mail), plain text
// (the e-mail's other part) and CSV (one row per owner and a total, for a spreadsheet). Pure.
import { escapeHtml } from '../messages/format';
import { promiseKinds, type OwnerWeek, type WeeklyReview } from './weekly';

const promiseLabels: Record<(typeof promiseKinds)[number], string> = {
  acknowledgement: 'Acknowledgement',
  diagnosis: 'Diagnosis',
  updates: 'Customer updates',
  resolution: 'Resolution date',
  statutory: 'Statutory',
  'follow-up': 'Follow-up',
};

const reasonLabels = {
  overdue: 'overdue',
  'low-score': 'low survey score',
  'statutory-breach': 'statutory breach',
  reopened: 'reopened (follow-up)',
} as const;

const dash = (x: number | null) => (x === null ? '–' : String(x));

function period(r: WeeklyReview): string {
  const day = (iso: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: r.timeZone, dateStyle: 'medium' }).format(new Date(iso));
  const last = new Date(Date.parse(r.to) - 1).toISOString();
  return `${day(r.from)} – ${day(last)} (${r.timeZone})${r.complete ? '' : ', week still running'}`;
}

export function weeklyReviewSubject(r: WeeklyReview): string {
  return `Weekly complaint review ${r.week}: ${r.totals.opened} opened, ${r.totals.closed} closed, ${r.totals.open} open`;
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

export function weeklyReviewText(r: WeeklyReview): string {
  const out: string[] = [];
  out.push(`Weekly complaint review ${r.week}`, period(r), '');
  const t = r.totals;
  out.push(
    `Opened ${t.opened}, closed ${t.closed} (resolved ${r.closedBy.resolved}, no response ${r.closedBy['no-response']}, withdrawn ${r.closedBy.withdrawn}), open at the end ${t.open}.`,
    `Promises kept ${t.kept}, missed ${t.missed}. Escalations ${t.escalations}, extensions ${t.extensions}.`,
    '',
    'Per owner (opened / closed / open / kept / missed / escalations / extensions / answers / avg score):',
  );
  for (const o of r.owners)
    out.push(
      `  ${o.ownerName}: ${o.opened} / ${o.closed} / ${o.open} / ${o.kept} / ${o.missed} / ${o.escalations} / ${o.extensions} / ${o.surveyAnswers} / ${dash(o.averageScore)}`,
    );
  out.push('', 'Promises (kept / missed):');
  for (const k of promiseKinds)
    out.push(`  ${promiseLabels[k]}: ${t.promises[k].kept} / ${t.promises[k].missed}`);
  out.push(
    '',
    `Surveys: ${r.surveys.answers} answers, average ${dash(r.surveys.averageScore)}, ${r.surveys.lowScores} low, ${r.surveys.stillNeedHelp} still needing help.`,
    `Follow-ups: ${r.followUps.opened} opened, ${r.followUps.done} done.`,
    `Remedies granted: ${r.remedies.granted}${Object.entries(r.remedies.byKind)
      .map(([k, n]) => `, ${k} ${n}`)
      .join(
        '',
      )}${r.remedies.value.map((v) => `; refunds ${v.amount.toFixed(2)} ${v.currency} (${v.count})`).join('')}.`,
    '',
    'Root causes:',
    ...(r.rootCauses.length ? r.rootCauses.map((c) => `  ${c.category}: ${c.count}`) : ['  none documented']),
    '',
    'Cases to discuss:',
    ...(r.toDiscuss.length
      ? r.toDiscuss.map(
          (c) => `  ${c.reference} (${c.ownerName}): ${c.reasons.map((x) => reasonLabels[x]).join(', ')}`,
        )
      : ['  none']),
  );
  return out.join('\n') + '\n';
}

// --- HTML -----------------------------------------------------------------------------------------

const style = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#1a1a1a}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}
th:first-child,td:first-child{text-align:left}thead th{background:#f2f2f2}tfoot td{font-weight:600}
.missed{color:#a40000}.muted{color:#666}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.5rem}`;

export function weeklyReviewHtml(r: WeeklyReview): string {
  const e = (s: string | number | null) => escapeHtml(s === null ? '–' : String(s));
  const t = r.totals;
  const ownerRow = (o: OwnerWeek | (typeof r)['totals'], name: string) =>
    `<td>${e(name)}</td><td>${o.opened}</td><td>${o.closed}</td><td>${o.open}</td><td>${o.kept}</td>` +
    `<td class="${o.missed ? 'missed' : ''}">${o.missed}</td><td>${o.escalations}</td><td>${o.extensions}</td>` +
    `<td>${o.surveyAnswers}</td><td>${e(o.averageScore)}</td><td>${o.followUpsOpened}</td><td>${o.remedies}</td>`;
  const list = <T>(items: T[], empty: string, render: (x: T) => string) =>
    items.length
      ? `<ul>${items.map((x) => `<li>${render(x)}</li>`).join('')}</ul>`
      : `<p class="muted">${empty}</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Weekly complaint review ${e(r.week)}</title><style>${style}</style></head>
<body>
<h1>Weekly complaint review ${e(r.week)}</h1>
<p class="muted">${e(period(r))}</p>
<p>Opened <strong>${t.opened}</strong>, closed <strong>${t.closed}</strong> (resolved ${r.closedBy.resolved}, no response ${r.closedBy['no-response']}, withdrawn ${r.closedBy.withdrawn}), open at the end <strong>${t.open}</strong>. Promises kept <strong>${t.kept}</strong>, missed <strong class="missed">${t.missed}</strong>.</p>
<h2>Per owner</h2>
<table><thead><tr><th>Owner</th><th>Opened</th><th>Closed</th><th>Open</th><th>Kept</th><th>Missed</th><th>Escalations</th><th>Extensions</th><th>Survey answers</th><th>Avg score</th><th>Follow-ups</th><th>Remedies</th></tr></thead>
<tbody>${r.owners.map((o) => `<tr>${ownerRow(o, o.ownerName)}</tr>`).join('')}</tbody>
<tfoot><tr>${ownerRow(t, 'Total')}</tr></tfoot></table>
<h2>Promises</h2>
<table><thead><tr><th>Promise</th><th>Kept</th><th>Missed</th>${r.owners.map((o) => `<th>${e(o.ownerName)}</th>`).join('')}</tr></thead>
<tbody>${promiseKinds
    .map(
      (k) =>
        `<tr><td>${promiseLabels[k]}</td><td>${t.promises[k].kept}</td><td class="${t.promises[k].missed ? 'missed' : ''}">${t.promises[k].missed}</td>${r.owners
          .map((o) => `<td>${o.promises[k].kept} / ${o.promises[k].missed}</td>`)
          .join('')}</tr>`,
    )
    .join('')}</tbody></table>
<h2>Surveys and follow-ups</h2>
<p>${r.surveys.answers} answers, average score ${e(r.surveys.averageScore)}; ${r.surveys.lowScores} low, ${r.surveys.stillNeedHelp} still needing help. Scores: ${
    r.surveys.distribution.map((d) => `${d.score}: ${d.count}`).join(', ') || 'none'
  }. Follow-ups opened ${r.followUps.opened}, done ${r.followUps.done}.</p>
<h2>Escalations and extensions</h2>
<p>${t.escalations} escalations (${
    Object.entries(r.escalationsByLevel)
      .map(([l, n]) => `level ${e(l)}: ${n}`)
      .join(', ') || 'none'
  }), ${t.extensions} extensions.</p>
<h2>Remedies granted</h2>
<p>${r.remedies.granted} granted${Object.entries(r.remedies.byKind)
    .map(([k, n]) => `, ${e(k)} ${n}`)
    .join('')}.</p>
${list(r.remedies.value, 'No refunds.', (v) => `Refunds ${e(v.amount.toFixed(2))} ${e(v.currency)} (${v.count})`)}
<h2>Root causes</h2>
${list(r.rootCauses, 'None documented this week.', (c) => `${e(c.category)}: ${c.count}`)}
${list(r.responsibleParties, '', (p) => `Responsible: ${e(p.kind)} ${p.count}`)}
<h2>Cases to discuss</h2>
${list(
  r.toDiscuss,
  'None.',
  (c) =>
    `<strong>${e(c.reference)}</strong> (${e(c.ownerName)}): ${e(c.reasons.map((x) => reasonLabels[x]).join(', '))}`,
)}
<p class="muted">Generated ${e(r.generatedAt)}.</p>
</body></html>
`;
}
