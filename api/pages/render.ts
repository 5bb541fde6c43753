// The customer's pages as plain HTML: no script at all (the forms post and redirect), readable on a
// phone, right-to-left for Hebrew. Every value from the case is escaped; names and references are
// isolated with <bdi> so a Latin name inside Hebrew text keeps its order.
import type { CaseView } from '../../domain/case';
import { defaultTimeZone } from '../../domain/locale-defaults';
import type { Language } from '../../domain/types';
import { pageStrings, type PageStrings } from './strings';

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const bdi = (value: string) => `<bdi>${escapeHtml(value)}</bdi>`;

/** Replaces {owner} with the owner's (escaped, isolated) name in an already-safe string. */
const withOwner = (template: string, owner: string) => escapeHtml(template).replace('{owner}', bdi(owner));

function formatWhen(iso: string | undefined, s: PageStrings, timeZone: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  try {
    return new Intl.DateTimeFormat(s.locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(
      date,
    );
  } catch {
    return (
      new Intl.DateTimeFormat(s.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(
        date,
      ) + ' UTC'
    );
  }
}

const time = (iso: string | undefined, s: PageStrings, zone: string) =>
  iso ? `<time datetime="${escapeHtml(iso)}">${escapeHtml(formatWhen(iso, s, zone))}</time>` : '';

const styles = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans Hebrew","DejaVu Sans",sans-serif;color:#1f2933;background:#f4f5f7}
main{max-width:42rem;margin:0 auto;padding:1.5rem 1rem 2rem}
h1{font-size:1.6rem;margin:0 0 .25rem}
h2{font-size:1.15rem;margin:0 0 .75rem}
.card{background:#fff;border:1px solid #dde1e6;border-radius:.6rem;padding:1.1rem 1.25rem;margin:0 0 1rem}
.status{border-inline-start:.35rem solid #2f6fde}
.status p.lead{font-size:1.1rem;margin:.1rem 0 .9rem}
.ref{color:#52606d;margin:0 0 1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:0}
dt{color:#52606d}dd{margin:0}
ol.timeline{list-style:none;margin:0;padding:0}
ol.timeline li{padding:.55rem 0;border-top:1px solid #eef0f2}
ol.timeline li:first-child{border-top:0}
ol.timeline time{display:block;color:#52606d;font-size:.9rem}
ol.timeline p{margin:.2rem 0 0;white-space:pre-wrap}
.notice{background:#e6f4ea;border:1px solid #a8d5b5;border-radius:.6rem;padding:.8rem 1rem;margin:0 0 1rem}
.problem{background:#fdecea;border:1px solid #f5b5ae;border-radius:.6rem;padding:.8rem 1rem;margin:0 0 1rem}
label{display:block;margin:.6rem 0 .25rem;font-weight:600}
textarea{width:100%;min-height:6rem;padding:.5rem;font:inherit;border:1px solid #b9c0c8;border-radius:.4rem}
fieldset{border:0;padding:0;margin:.8rem 0}
legend{font-weight:600;margin-bottom:.4rem}
.scale{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.scale label,.choice label{display:inline-flex;gap:.35rem;align-items:center;font-weight:400;margin:0;padding:.35rem .7rem;border:1px solid #b9c0c8;border-radius:.4rem;background:#fff}
.hint{color:#52606d;font-size:.9rem;margin:.3rem 0 0}
.check{display:flex;gap:.5rem;align-items:flex-start;font-weight:400}
button,.button{display:inline-block;margin-top:.8rem;padding:.55rem 1.1rem;font:inherit;font-weight:600;color:#fff;background:#2f6fde;border:0;border-radius:.4rem;text-decoration:none;cursor:pointer}
.danger{background:#b42318}
details summary{cursor:pointer;font-weight:600}
footer{max-width:42rem;margin:0 auto;padding:0 1rem 2rem;color:#52606d;font-size:.85rem}
`;

export function layout(
  language: Language,
  title: string,
  body: string,
  s: PageStrings = pageStrings[language],
  /** A page's own rules after the shared ones (the public form's inputs). */
  extraStyles = '',
): string {
  const dir = language === 'he' ? 'rtl' : 'ltr';
  return `<!doctype html>
<html lang="${language}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<style>${styles}${extraStyles}</style>
</head>
<body>
<main>
${body}
</main>
<footer>${escapeHtml(s.privateNote)}</footer>
</body>
</html>
`;
}

export type Notice = 'message' | 'withdrawal';

export interface StatusPage {
  view: CaseView;
  /** Base path of this customer's links, e.g. "/c/<token>". */
  base: string;
  notice?: Notice;
  /** When we will next contact the customer at the latest, if we know. */
  nextUpdateBy?: string;
  /** Epoch milliseconds: dates before it are never shown as promises. */
  now?: number;
  /** A fresh random value for the message form (a double submit is one message). */
  nonce: string;
}

/** Stages in which withdrawing still means something (before the outcome is settled). */
const withdrawable = new Set([
  'intake',
  'diagnosis',
  'waiting-on-customer',
  'in-progress',
  'awaiting-approval',
  'resolution-call',
]);

export function renderStatusPage(page: StatusPage): string {
  const { view } = page;
  const language = view.customer.language;
  const s = pageStrings[language];
  const zone = view.customer.timeZone ?? defaultTimeZone(language);
  const owner = view.owner.name;
  // A withdrawn or unanswered case waiting for its documentation is closed as far as the customer
  // knows (they were told so); a reply reopens it, as one within the reopen window after the close does.
  const settled =
    view.stage === 'documentation' && (view.closing === 'withdrawn' || view.closing === 'no-response');
  const closed = view.stage === 'closed' || settled;
  const stageText = closed
    ? escapeHtml(s.closed[view.closure ?? view.closing ?? 'resolved'])
    : withOwner(s.stages[view.stage as Exclude<typeof view.stage, 'closed'>], owner);
  const now = page.now ?? Date.now();
  const ahead = (iso: string | undefined) => iso !== undefined && Date.parse(iso) > now;
  // A promised date that has passed is not a promise any more: the case makes a new one and tells
  // the customer; until then the page shows none.
  const expectedBy =
    view.clocks.resolution?.state === 'pending' && !closed && ahead(view.clocks.resolution.dueAt)
      ? view.clocks.resolution.dueAt
      : undefined;
  const nextUpdateBy = !closed && ahead(page.nextUpdateBy) ? page.nextUpdateBy : undefined;

  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(s.heading)}</h1>`);
  parts.push(`<p class="ref">${escapeHtml(s.reference)}: ${bdi(view.reference)}</p>`);
  if (page.notice === 'message')
    parts.push(`<p class="notice" role="status">${withOwner(s.sentMessage, owner)}</p>`);
  if (page.notice === 'withdrawal')
    parts.push(`<p class="notice" role="status">${escapeHtml(s.sentWithdrawal)}</p>`);

  const facts = [
    [s.subject, bdi(view.subject)],
    [s.handledBy, bdi(owner)],
    [s.receivedAt, time(view.receivedAt, s, zone)],
    expectedBy ? [s.expectedBy, time(expectedBy, s, zone)] : undefined,
    nextUpdateBy ? [s.nextUpdateBy, time(nextUpdateBy, s, zone)] : undefined,
  ].filter((f): f is string[] => f !== undefined);
  parts.push(`<section class="card status" aria-labelledby="status-h">
<h2 id="status-h">${escapeHtml(s.statusHeading)}</h2>
<p class="lead">${stageText}</p>
<dl>${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('')}</dl>
</section>`);

  if (view.stage === 'waiting-on-customer' && view.questions) {
    parts.push(`<section class="card" aria-labelledby="questions-h">
<h2 id="questions-h">${escapeHtml(s.questionsHeading)}</h2>
<ol>${view.questions.questions.map((q) => `<li>${escapeHtml(q)}</li>`).join('')}</ol>
<p class="hint">${escapeHtml(s.questionsHint)}</p>
</section>`);
  }

  if (view.resolution && view.letterSentAt) {
    parts.push(`<section class="card" aria-labelledby="decision-h">
<h2 id="decision-h">${escapeHtml(s.decisionHeading)}</h2>
<p><strong>${escapeHtml(s.outcomes[view.resolution.outcome])}</strong></p>
<p>${escapeHtml(view.resolution.explanation)}</p>
</section>`);
  }

  if (view.stage === 'survey') {
    parts.push(
      `<section class="card"><a class="button" href="${escapeHtml(page.base)}/survey">${escapeHtml(s.surveyCta)}</a></section>`,
    );
  }

  const entries = view.timeline.filter((e) => e.customerVisible && e.customerKind);
  parts.push(`<section class="card" aria-labelledby="timeline-h">
<h2 id="timeline-h">${escapeHtml(s.timelineHeading)}</h2>
${
  entries.length === 0
    ? `<p>${escapeHtml(s.timelineEmpty)}</p>`
    : `<ol class="timeline">${entries
        .map((e) => {
          // The customer's own messages are theirs to see verbatim.
          const words = e.customerText ?? (e.customerKind === 'customer-answer' ? e.text : undefined);
          return `<li>${time(e.at, s, zone)}<strong>${escapeHtml(s.kinds[e.customerKind!])}</strong>${words ? `<p>${escapeHtml(words)}</p>` : ''}</li>`;
        })
        .join('')}</ol>`
}
</section>`);

  const reopenUntil = settled ? undefined : view.reopenableUntil;
  const reopenable = settled || (reopenUntil !== undefined && ahead(reopenUntil));
  if (closed && !reopenable) {
    parts.push(`<p class="card">${escapeHtml(s.closedNoMore)}</p>`);
  } else {
    if (closed && reopenUntil)
      parts.push(
        `<p class="card">${escapeHtml(s.reopenHint).replace('{date}', time(reopenUntil, s, zone))}</p>`,
      );
    parts.push(`<section class="card" aria-labelledby="message-h">
<h2 id="message-h">${escapeHtml(s.messageHeading)}</h2>
<form method="post" action="${escapeHtml(page.base)}/messages">
<input type="hidden" name="nonce" value="${escapeHtml(page.nonce)}">
<label for="text">${escapeHtml(s.messageLabel)}</label>
<textarea id="text" name="text" required maxlength="5000" rows="5"></textarea>
<button type="submit">${escapeHtml(s.messageButton)}</button>
</form>
</section>`);
  }

  if (withdrawable.has(view.stage)) {
    parts.push(`<section class="card">
<details>
<summary>${escapeHtml(s.withdrawHeading)}</summary>
<form method="post" action="${escapeHtml(page.base)}/withdrawal">
<p>${escapeHtml(s.withdrawText)}</p>
<label for="reason">${escapeHtml(s.withdrawReason)}</label>
<textarea id="reason" name="reason" maxlength="1000" rows="3"></textarea>
<label class="check"><input type="checkbox" name="confirm" value="yes" required> <span>${escapeHtml(s.withdrawConfirm)}</span></label>
<button type="submit" class="danger">${escapeHtml(s.withdrawButton)}</button>
</form>
</details>
</section>`);
  }

  return layout(language, `${s.heading} ${view.reference}`, parts.join('\n'), s);
}

export interface SurveyPage {
  view: CaseView;
  base: string;
  minScore: number;
  maxScore: number;
  /** A score from the e-mail's link, preselected. */
  preselect?: number;
  state: 'open' | 'answered' | 'closed';
  /** false for a survey-only link: it cannot open the status page, so no link back to it. */
  statusLink?: boolean;
  /** A form sent back: what to fix (in the customer's words), and what they had chosen and written. */
  errors?: string[];
  values?: { score?: number; stillNeedHelp?: string; comment?: string };
}

export function renderSurveyPage(page: SurveyPage): string {
  const language = page.view.customer.language;
  const s = pageStrings[language];
  const parts = [
    `<h1>${escapeHtml(s.surveyHeading)}</h1>`,
    `<p class="ref">${escapeHtml(s.reference)}: ${bdi(page.view.reference)}</p>`,
  ];
  if (page.state === 'answered') {
    parts.push(`<p class="notice" role="status">${escapeHtml(s.surveyThanks)}</p>`);
  } else if (page.state === 'closed') {
    parts.push(`<p class="card">${escapeHtml(s.surveyClosed)}</p>`);
  } else {
    const scores: number[] = [];
    for (let i = page.minScore; i <= page.maxScore; i++) scores.push(i);
    const chosen = page.values?.score ?? page.preselect;
    const help = page.values?.stillNeedHelp;
    if (page.errors?.length)
      parts.push(
        `<div class="problem" role="alert"><p>${escapeHtml(s.formErrorTitle)}</p>${page.errors
          .map((e) => `<p>${escapeHtml(e)}</p>`)
          .join('')}</div>`,
      );
    parts.push(`<form class="card" method="post" action="${escapeHtml(page.base)}/survey">
<p>${escapeHtml(s.surveyIntro)}</p>
<fieldset>
<legend>${escapeHtml(s.scoreLabel)}</legend>
<div class="scale">${scores
      .map(
        (n) =>
          `<label><input type="radio" name="score" value="${n}" required${chosen === n ? ' checked' : ''}> ${n}</label>`,
      )
      .join('')}</div>
<p class="hint">${page.minScore} = ${escapeHtml(s.scoreLow)} · ${page.maxScore} = ${escapeHtml(s.scoreHigh)}</p>
</fieldset>
<fieldset class="choice">
<legend>${escapeHtml(s.helpLabel)}</legend>
<label><input type="radio" name="stillNeedHelp" value="yes" required${help === 'yes' ? ' checked' : ''}> ${escapeHtml(s.yes)}</label>
<label><input type="radio" name="stillNeedHelp" value="no"${help === 'no' ? ' checked' : ''}> ${escapeHtml(s.no)}</label>
</fieldset>
<label for="comment">${escapeHtml(s.commentLabel)}</label>
<textarea id="comment" name="comment" maxlength="2000" rows="4">${escapeHtml(page.values?.comment ?? '')}</textarea>
<button type="submit">${escapeHtml(s.surveyButton)}</button>
</form>`);
  }
  if (page.statusLink !== false)
    parts.push(`<p><a href="${escapeHtml(page.base)}">${escapeHtml(s.back)}</a></p>`);
  return layout(language, `${s.surveyHeading} ${page.view.reference}`, parts.join('\n'), s);
}

/** A friendly page for anything that went wrong: a bad link, a closed case, a form to fix. */
export function renderInfoPage(
  language: Language,
  title: string,
  paragraphs: string[],
  opts: { back?: string; kind?: 'problem' | 'plain' } = {},
): string {
  const s = pageStrings[language];
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<div class="${opts.kind === 'plain' ? 'card' : 'problem'}">${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</div>`,
    opts.back ? `<p><a href="${opts.back}">${escapeHtml(s.back)}</a></p>` : '',
  ].join('\n');
  return layout(language, title, body, s);
}
