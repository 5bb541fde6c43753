// The e-mail a new trend signal sends to the head of customer service and the quality address: what
// rose, by how much against its own baseline, over which window, and which cases. Pure.
import { escapeHtml } from '../messages/format';
import type { TrendSignal } from './trends';

const dimensionLabels: Record<TrendSignal['dimension'], string> = {
  category: 'category',
  product: 'product',
  supplier: 'supplier',
  carrier: 'carrier',
  location: 'location',
  'hour-of-day': 'incidents at the hour of day',
};

export function trendAlertEmail(s: TrendSignal): { subject: string; text: string; html: string } {
  const e = s.evidence;
  const per = e.bucket === 'hour' ? 'per hour' : 'per day at that hour';
  const subject = `Trend alert: ${dimensionLabels[s.dimension]} ${s.value} — ${e.count} complaints where ${e.expected} were expected`;
  const facts: [string, string][] = [
    ['What', `${dimensionLabels[s.dimension]} "${s.value}"`],
    ['Complaints', `${e.count} from ${e.windowFrom} to ${e.windowTo} (${e.expected} expected)`],
    ['Counts', `${e.counts.join(', ')} (${per}, oldest first)`],
    [
      'Baseline',
      `${e.baselinePerBucket} ${per}: ${e.baselineCount} complaints from ${e.baselineFrom} to ${e.baselineTo}`,
    ],
    ['Method', `Poisson CUSUM: reference ${e.reference}, threshold ${e.threshold}, statistic ${e.statistic}`],
    ['Signal', s.id],
  ];
  const cases = e.cases.length ? e.cases.join(', ') : 'none';
  const text =
    `${subject}\n\n` +
    facts.map(([k, v]) => `${k}: ${v}`).join('\n') +
    `\nCases: ${cases}${e.count > e.cases.length ? ` (first ${e.cases.length} of ${e.count})` : ''}\n\n` +
    'The signal shows at GET /insights/trends until the rate falls back; you will not be told again about it.\n';
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>` +
    `<h1 style="font-size:1.2rem">${escapeHtml(subject)}</h1><table>` +
    facts
      .map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
      .join('') +
    `<tr><th align="left">Cases</th><td>${escapeHtml(cases)}</td></tr></table>` +
    '<p>The signal shows at GET /insights/trends until the rate falls back; you will not be told again about it.</p>' +
    '</body></html>';
  return { subject, text, html };
}
