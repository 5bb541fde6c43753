// A formal letter as a printable page: A4 with print margins, the customer's language and direction,
// our letterhead, the date, the recipient, and the letter's words (the same as its e-mail, see
// renderLetter in domain/messages) signed with the owner's name. No script; the PDF is this page
// printed by Chromium (api/letters/pdf.ts).
import type { CaseView } from '../../domain/case';
import { letterMessage } from '../../domain/letters';
import { defaultTimeZone } from '../../domain/locale-defaults';
import { formatDay, renderLetter } from '../../domain/messages';
import { escapeHtml } from '../pages/render';

export interface Letterhead {
  organisation: string;
  /** Our postal address (the policy's `organisation.postalAddress`); none: no letter promises one. */
  postalAddress?: string[];
  /** Contact lines under the address (e-mail, phone, web). */
  lines: string[];
}

export const defaultLetterhead: Letterhead = {
  organisation: 'Complaint Desk',
  lines: ['complaints@complaint-desk.test'],
};

export interface LetterPageOptions {
  letterhead?: Letterhead;
  /** The letter's date (default: now). */
  now?: number;
  /** Links for the screen only (hidden in print): the PDF of this letter. */
  pdfHref?: string;
  /** The case's public status page, printed in the letter as a way to follow the case. */
  statusUrl?: string;
  /**
   * For a page under a strict CSP (the console): the styles from this address instead of inline,
   * this script, and this toolbar instead of the default one. The PDF keeps the inline styles (its
   * browser loads nothing).
   */
  stylesheetHref?: string;
  /** More of the head (the console's script and icon), as HTML. */
  headHtml?: string;
  toolbarHtml?: string;
  /** The survey's own link, printed in a survey letter. */
  surveyUrl?: string;
}

/** The letter page's own styles (inline in the page and the PDF; a file for the console). */
export const letterStyles = `
@page{size:A4;margin:18mm 18mm 20mm}
*{box-sizing:border-box}
html{background:#e5e7eb}
body{margin:0;font:11pt/1.5 "DejaVu Sans","Noto Sans","Noto Sans Hebrew",Arial,sans-serif;color:#111827}
.toolbar{max-width:210mm;margin:0 auto;padding:8px 0;font-size:10pt}
.toolbar a{color:#1d4ed8}
.sheet{width:210mm;min-height:297mm;margin:0 auto 12mm;padding:18mm;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.2)}
.letterhead{display:flex;justify-content:space-between;align-items:flex-start;gap:12mm;border-bottom:2px solid #1d4ed8;padding-bottom:4mm;margin-bottom:10mm}
.letterhead .org{font-size:15pt;font-weight:700;color:#1d4ed8;margin:0}
.letterhead .sender{font-style:normal;margin:1mm 0 0;font-size:9.5pt}
.letterhead .lines{margin:1mm 0 0;color:#4b5563;font-size:9.5pt}
.meta{text-align:end;font-size:9.5pt;color:#374151;margin:0}
.recipient{font-style:normal;margin:0 0 9mm}
h1{font-size:13pt;margin:0 0 6mm}
.body p,.body table,.body ol,.body ul{break-inside:avoid}
@media print{html{background:none}.toolbar{display:none}.sheet{width:auto;min-height:0;margin:0;padding:0;box-shadow:none}}
`;

/**
 * `letter`: "acknowledgement", "resolution", or a write task's id (the letter that task carries).
 * The recipient block is the customer's postal address (and the fax number a faxed letter goes to).
 */
export function renderLetterPage(
  view: CaseView,
  letter: string,
  opts: LetterPageOptions = {},
): { ok: true; html: string; subject: string } | { ok: false; reason: string } {
  const built = letterMessage(view, letter);
  if (!built.ok) return built;
  const language = view.customer.language;
  const timeZone = view.customer.timeZone ?? defaultTimeZone(language);
  const head = opts.letterhead ?? defaultLetterhead;
  const survey = built.message.kind === 'surveyInvitation' || built.message.kind === 'surveyReminder';
  const message = {
    ...built.message,
    ...(opts.statusUrl ? { statusUrl: opts.statusUrl } : {}),
    ...(survey ? { surveyUrl: opts.surveyUrl ?? opts.statusUrl ?? '' } : {}),
  } as typeof built.message;
  const ourAddress = (head.postalAddress ?? []).some((line) => line.trim() !== '');
  const rendered = renderLetter(message, {
    language,
    timeZone,
    organisationName: head.organisation,
    ourAddress,
  });
  const dir = rendered.rtl ? 'rtl' : 'ltr';
  const date = formatDay(new Date(opts.now ?? Date.now()).toISOString(), language, timeZone);
  const html = `<!doctype html>
<html lang="${rendered.lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(`${rendered.subject} – ${view.reference}`)}</title>
${opts.stylesheetHref ? `<link rel="stylesheet" href="${escapeHtml(opts.stylesheetHref)}">` : `<style>${letterStyles}</style>`}${
    opts.headHtml ? `\n${opts.headHtml}` : ''
  }
</head>
<body>
${
  opts.toolbarHtml ??
  (opts.pdfHref
    ? `<nav class="toolbar" aria-label="Letter" lang="en" dir="ltr"><a href="${escapeHtml(opts.pdfHref)}">Download as PDF</a> · Print this page for the post or fax (A4).</nav>`
    : '')
}
<main class="sheet">
<div class="letterhead">
<div><p class="org">${escapeHtml(head.organisation)}</p>${
    ourAddress
      ? `<address class="sender">${head.postalAddress!.map((l) => `<bdi>${escapeHtml(l)}</bdi>`).join('<br>')}</address>`
      : ''
  }${head.lines.length ? `<p class="lines">${head.lines.map(escapeHtml).join('<br>')}</p>` : ''}</div>
<p class="meta"><bdi>${escapeHtml(view.reference)}</bdi><br>${escapeHtml(date)}</p>
</div>
<address class="recipient">${recipient(view)}</address>
<h1>${escapeHtml(rendered.subject)}</h1>
<div class="body">
${rendered.bodyHtml}
</div>
</main>
</body>
</html>
`;
  return { ok: true, html, subject: rendered.subject };
}

/** The envelope's lines: the name, the postal address; a faxed letter names the fax number. */
function recipient(view: CaseView): string {
  const c = view.customer;
  const lines = [`<bdi>${escapeHtml(c.name)}</bdi>`];
  for (const line of c.postalAddress?.lines ?? []) lines.push(`<bdi>${escapeHtml(line)}</bdi>`);
  if (c.fax && (view.channel === 'fax' || !c.postalAddress))
    lines.push(`Fax: <span dir="ltr">${escapeHtml(c.fax)}</span>`);
  else if (!c.postalAddress && c.phone) lines.push(`<span dir="ltr">${escapeHtml(c.phone)}</span>`);
  return lines.join('<br>');
}
