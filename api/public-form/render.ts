// The public complaint form and its answer page: plain HTML in the customer pages' layout, no script
// (the form posts, the answer is the next page), right to left for Hebrew. Every value is escaped.
import { languages, type Language } from '../../domain/types';
import { escapeHtml, layout } from '../pages/render';
import { pageStrings } from '../pages/strings';
import { formStrings, type FormStrings } from './strings';

export type FormField = 'name' | 'email' | 'phone' | 'order' | 'description' | 'attachments';

export interface FormValues {
  name?: string;
  email?: string;
  phone?: string;
  order?: string;
  description?: string;
}

export interface FormPage {
  language: Language;
  token: string;
  values?: FormValues;
  /** Messages for the customer, already in their language, with the fields they concern. */
  errors?: { field?: FormField; message: string }[];
  /** Attachments offered (an attachment store is configured), with the limits the hint states. */
  attachments?: { files: number; fileBytes: number; totalBytes: number };
}

const bdi = (value: string) => `<bdi>${escapeHtml(value)}</bdi>`;

/** "2 MB", in the customer's locale. */
function size(bytes: number, language: Language): string {
  const locale = pageStrings[language].locale;
  if (bytes >= 1024 * 1024)
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.ceil(bytes / 1024))} KB`;
}

// The page's own additions to the customer pages' styles (the CSP allows inline styles only).
const formStyles = `
.langs{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem .9rem;padding:0;margin:0 0 1rem}
.langs a[aria-current]{font-weight:700;color:#1f2933;text-decoration:none}
input[type=text],input[type=email],input[type=tel]{width:100%;padding:.5rem;font:inherit;border:1px solid #6b7785;border-radius:.4rem}
textarea,input[type=file]{border-color:#6b7785}
[aria-invalid=true]{border:2px solid #b42318}
.opt{font-weight:400;color:#52606d}
.hp{position:absolute;inset-inline-start:-10000px;width:1px;height:1px;overflow:hidden}
.problem h2{font-size:1.05rem;margin:0 0 .4rem}.problem ul{margin:0;padding-inline-start:1.2rem}
`;

function languageLinks(current: Language, s: FormStrings): string {
  return `<nav aria-label="${escapeHtml(s.languages)}"><ul class="langs">${languages
    .map(
      (l) =>
        `<li><a href="/complain?lang=${l}" lang="${l}" hreflang="${l}"${l === current ? ' aria-current="page"' : ''}>${escapeHtml(formStrings[l].languageName)}</a></li>`,
    )
    .join('')}</ul></nav>`;
}

export function renderComplaintForm(page: FormPage): string {
  const { language } = page;
  const s = formStrings[language];
  const v = page.values ?? {};
  const errors = page.errors ?? [];
  const invalid = (field: FormField) => errors.some((e) => e.field === field);
  const attrs = (field: FormField, describedBy?: string) =>
    [
      invalid(field) ? ' aria-invalid="true"' : '',
      describedBy || invalid(field)
        ? ` aria-describedby="${[describedBy, invalid(field) ? 'form-errors' : undefined].filter(Boolean).join(' ')}"`
        : '',
    ].join('');
  const label = (field: FormField, text: string, required: boolean) =>
    `<label for="${field}">${escapeHtml(text)} <span class="opt">(${escapeHtml(required ? s.required : s.optional)})</span></label>`;
  const value = (x: string | undefined) => escapeHtml(x ?? '');

  const parts: string[] = [`<h1>${escapeHtml(s.title)}</h1>`];
  parts.push(languageLinks(language, s));
  parts.push(`<p>${escapeHtml(s.intro)}</p>`);
  if (errors.length) {
    parts.push(`<div class="problem" role="alert" id="form-errors">
<h2>${escapeHtml(s.errorsHeading)}</h2>
<ul>${[...new Set(errors.map((e) => e.message))].map((m) => `<li>${escapeHtml(m)}</li>`).join('')}</ul>
</div>`);
  }
  const files = page.attachments;
  parts.push(`<form class="card" method="post" action="/complain" enctype="multipart/form-data">
<input type="hidden" name="formToken" value="${escapeHtml(page.token)}">
<input type="hidden" name="lang" value="${language}">
${label('name', s.name, true)}
<input type="text" id="name" name="name" autocomplete="name" required maxlength="200" value="${value(v.name)}"${attrs('name')}>
<fieldset>
<legend>${escapeHtml(s.contactHint)}</legend>
${label('email', s.email, false)}
<input type="email" id="email" name="email" dir="ltr" autocomplete="email" maxlength="254" value="${value(v.email)}"${attrs('email')}>
${label('phone', s.phone, false)}
<input type="tel" id="phone" name="phone" dir="ltr" autocomplete="tel" maxlength="32" value="${value(v.phone)}"${attrs('phone')}>
</fieldset>
${label('order', s.order, false)}
<input type="text" id="order" name="order" maxlength="100" value="${value(v.order)}"${attrs('order', 'order-hint')}>
<p class="hint" id="order-hint">${escapeHtml(s.orderHint)}</p>
${label('description', s.description, true)}
<p class="hint" id="description-hint">${escapeHtml(s.descriptionHint)}</p>
<textarea id="description" name="description" required maxlength="20000" rows="8"${attrs('description', 'description-hint')}>${value(v.description)}</textarea>
${
  files
    ? `${label('attachments', s.attachments, false)}
<input type="file" id="attachments" name="attachments" multiple accept="image/*,application/pdf,text/plain"${attrs('attachments', 'attachments-hint')}>
<p class="hint" id="attachments-hint">${escapeHtml(
        s.attachmentsHint
          .replace('{count}', String(files.files))
          .replace('{size}', size(files.fileBytes, language))
          .replace('{total}', size(files.totalBytes, language)),
      )}</p>`
    : ''
}
<div class="hp" aria-hidden="true"><label for="website">${escapeHtml(s.honeypot)}</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off" value=""></div>
<button type="submit">${escapeHtml(s.submit)}</button>
</form>`);
  return layout(
    language,
    s.title,
    parts.join('\n'),
    { ...pageStrings[language], privateNote: '' },
    formStyles,
  );
}

export interface AnswerPage {
  language: Language;
  reference: string;
  /** The status page's path, /c/<token>; absent for a form sent again (the link is shown once). */
  statusPath?: string;
  hasEmail: boolean;
  attachments: number;
}

export function renderComplaintAnswer(page: AnswerPage): string {
  const s = formStrings[page.language];
  const body = [
    `<h1>${escapeHtml(s.answerTitle)}</h1>`,
    `<section class="card status" aria-labelledby="ref-h">
<p class="lead" id="ref-h">${escapeHtml(s.reference)}: <strong class="reference">${bdi(page.reference)}</strong></p>
<p>${escapeHtml(s.answerText)}</p>
<p>${escapeHtml(page.hasEmail ? s.answerEmail : s.answerNoEmail)}</p>
${page.attachments ? `<p>${escapeHtml(s.attachmentsReceived.replace('{count}', String(page.attachments)))}</p>` : ''}
${
  page.statusPath
    ? `<p><a class="button status-link" href="${escapeHtml(page.statusPath)}">${escapeHtml(s.statusLink)}</a></p>
<p class="hint">${escapeHtml(s.statusHint)}</p>`
    : `<p>${escapeHtml(s.answerRepeated)}</p>`
}
</section>`,
  ].join('\n');
  return layout(page.language, `${s.answerTitle} – ${page.reference}`, body, pageStrings[page.language]);
}
