// The console's pages as HTML strings. Every value from a case is escaped; the layout gives each page
// its landmarks (banner, navigation, main, contentinfo), lang and dir, a skip link and the help
// dialog. No inline style or script anywhere (the CSP allows the console's own files only). Pure
// functions of their inputs: the routes fetch, these draw (and the bench times them). The case page
// is in case-page.ts.
import type { CustomerBrief } from '../../domain/archive/worklist';
import { caseWordsPl } from '../../domain/messages/case-words';
import type { Policy, Roster } from '../../domain/types';
import type { WorklistBadge, WorklistFilter, WorklistRow } from '../../infra/store/worklist';
import type { Principal } from '../keys';
import { cssPath, iconPath, jsPath } from './assets';
import { isMessageKey, type ConsoleLanguage, type MessageKey, type Translate } from './i18n';
import {
  attentionLabel,
  categoryLabel,
  deadlineLabel,
  languageLabel,
  personName,
  priorityLabel,
  relabel,
  stageLabel,
  taskName,
  withNames,
  type TaskWords,
} from './labels';
import { duration, formatTime, timeLeft } from './time';

export function esc(value: string | number | undefined): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** What every page needs to know about its viewer. */
export interface Viewer {
  t: Translate;
  language: ConsoleLanguage;
  zone: string;
  now: number;
  principal?: Principal;
  csrf?: string;
  /** The page's own path (the preferences form comes back to it). */
  path: string;
  /** For people's names and the categories' labels. */
  roster?: Roster;
  policy?: Policy;
}

export type NavKey = 'queue' | 'approvals' | 'ops' | 'search' | 'help';

export const time = (v: Viewer, iso: string | undefined) =>
  iso ? `<time datetime="${esc(iso)}">${esc(formatTime(iso, v.language, v.zone))}</time>` : '';

export const csrfField = (v: Viewer) => `<input type="hidden" name="_csrf" value="${esc(v.csrf ?? '')}">`;

/** A person's name (roster ids become names). */
export const nameOf = (v: Viewer, idOrName: string | undefined) => personName(v.roster, idOrName);
/**
 * A sentence the case wrote, with its ids in words (people, causes, purposes, outcomes, the case's
 * tasks; the category by the policy's name and a language by its name where the intake's reasons
 * give them: "category product-defect", "speaks en and handles product-defect") and its instants as
 * the page shows every other time: "Extension to 2027-01-16T05:20:33.213Z" reads "Extension to 16 Jan
 * 2027, 06:20 CET" in the viewer's zone.
 */
export const named = (v: Viewer, text: string, tasks?: readonly TaskWords[]) =>
  relabel(v.t, v.roster, v.policy, inLanguage(v, text, tasks ?? []), tasks)
    .replace(
      /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})/g,
      (iso) => formatTime(iso, v.language, v.zone) || iso,
    )
    .replace(/\b([Cc]ategory|handles) ([a-z0-9]+(?:-[a-z0-9]+)*)\b/g, (m, before: string, id: string) =>
      v.policy?.categories.some((c) => c.id === id) ? `${before} “${categoryOf(v, id)}”` : m,
    )
    .replace(/\bspeaks ([a-z]{2})\b/g, (m, code: string) =>
      isMessageKey(`lang.${code}`) ? `speaks ${languageLabel(v.t, code)}` : m,
    );
export const categoryOf = (v: Viewer, id: string | undefined) => categoryLabel(v.policy, v.language, id);

/**
 * The case's English sentence in the viewer's language: for a Polish viewer, the one translator the
 * Polish staff e-mails use (domain/messages/case-words.ts), with the case's tasks, categories and
 * times as this page says them; what a person wrote inside it stays as written.
 */
function inLanguage(v: Viewer, text: string, tasks: readonly TaskWords[]): string {
  if (v.language !== 'pl') return text;
  return caseWordsPl(withNames(v.roster, text), {
    dateTime: (iso) => formatTime(iso, v.language, v.zone) || iso,
    task: (id) => {
      const name = taskName(v.t, tasks, id);
      return name && `„${name}”`;
    },
    category: (id) => (v.policy?.categories.some((c) => c.id === id) ? `„${categoryOf(v, id)}”` : undefined),
    level: (name) => v.policy?.escalation.levels.find((l) => l.name === name)?.labels?.pl,
    cause: (id) => {
      const cause = v.policy?.documentation?.rootCauseCategories.find((k) => k.id === id);
      const name = cause?.labels?.pl ?? cause?.name;
      return name && `„${name}”`;
    },
  });
}

const zones = [
  'UTC',
  'Europe/London',
  'Europe/Warsaw',
  'Europe/Stockholm',
  'Europe/Tallinn',
  'Asia/Jerusalem',
  'America/New_York',
];

export function layout(v: Viewer, title: string, body: string, active?: NavKey, status?: string): string {
  const { t, principal } = v;
  const current = (key: NavKey) => (active === key ? ' aria-current="page"' : '');
  const nav = principal
    ? `<nav aria-label="${esc(t('mainNav'))}"><ul>${[
        principal.role !== 'operator'
          ? `<li><a href="/console/queue" data-key="queue"${current('queue')}>${esc(principal.role === 'supervisor' ? t('navTeam') : t('navQueue'))}</a></li>`
          : `<li><a href="/console/ops" data-key="queue"${current('ops')}>${esc(t('navOps'))}</a></li>`,
        principal.role === 'supervisor'
          ? `<li><a href="/console/approvals"${current('approvals')}>${esc(t('navApprovals'))}</a></li><li><a href="/console/ops"${current('ops')}>${esc(t('navOps'))}</a></li>`
          : '',
        `<li><a href="/console/help" data-open-help${current('help')}>${esc(t('navHelp'))}</a></li>`,
      ].join('')}</ul></nav>
      <form role="search" action="/console/search" method="get"><label for="search-q" class="inline">${esc(t('navSearch'))}</label> <input type="search" id="search-q" name="q" size="18"> <button type="submit">${esc(t('search'))}</button></form>
      <span class="who">${esc(t('signedInAs', { name: principal.name, role: t(`role.${principal.role}`) }))}</span>
      <form action="/console/sign-out" method="post">${csrfField(v)}<button type="submit">${esc(t('signOut'))}</button></form>`
    : '';
  const prefs = principal
    ? `<footer><form action="/console/preferences" method="post" aria-label="${esc(t('language'))} / ${esc(t('timeZone'))}">${csrfField(v)}
      <input type="hidden" name="return" value="${esc(v.path)}">
      <div><label for="pref-lang">${esc(t('language'))}</label><select id="pref-lang" name="language">
      <option value="en"${v.language === 'en' ? ' selected' : ''} lang="en">English</option>
      <option value="pl"${v.language === 'pl' ? ' selected' : ''} lang="pl">Polski</option></select></div>
      <div><label for="pref-zone">${esc(t('timeZone'))}</label><select id="pref-zone" name="timeZone">
      ${[...new Set([v.zone, ...zones])].map((z) => `<option${z === v.zone ? ' selected' : ''}>${esc(z)}</option>`).join('')}</select></div>
      <button type="submit" class="secondary">${esc(t('apply'))}</button></form>
      <p class="muted">${esc(t('timesIn', { zone: v.zone }))}</p></footer>`
    : `<footer><p><a href="?lang=en" lang="en">English</a> · <a href="?lang=pl" lang="pl">Polski</a></p></footer>`;
  return `<!doctype html>
<html lang="${v.language}" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · ${esc(t('appName'))}</title><link rel="icon" href="${iconPath}" type="image/svg+xml"><link rel="stylesheet" href="${cssPath}"><script src="${jsPath}" defer></script></head>
<body><a class="skip" href="#main">${esc(t('skip'))}</a>
<header><span class="app">${esc(t('appName'))}</span>${nav}</header>
<main id="main" tabindex="-1">${status ?? ''}${body}</main>
${prefs}
${principal ? helpDialog(t) : ''}
</body></html>`;
}

function shortcutList(t: Translate): string {
  const rows: [string, MessageKey][] = [
    ['?', 'keyHelp'],
    ['n', 'keyNext'],
    ['q', 'keyQueue'],
    ['m', 'keyNote'],
    ['d', 'keyDiagnosis'],
    ['/', 'keySearch'],
    ['j / k', 'keyDown'],
  ];
  return `<p>${esc(t('helpIntro'))}</p><dl class="facts">${rows.map(([k, m]) => `<dt><kbd>${esc(k)}</kbd></dt><dd>${esc(t(m))}</dd>`).join('')}</dl>`;
}

function helpDialog(t: Translate): string {
  return `<dialog id="help" aria-labelledby="help-title"><h2 id="help-title">${esc(t('helpTitle'))}</h2>${shortcutList(t)}<p><button type="button" data-close-help>${esc(t('close'))}</button></p></dialog>`;
}

export function helpPage(v: Viewer): string {
  return layout(
    v,
    v.t('helpTitle'),
    `<h1>${esc(v.t('helpTitle'))}</h1><section class="card">${shortcutList(v.t)}</section>`,
    'help',
  );
}

export function messagePage(v: Viewer, title: string, text: string): string {
  return layout(
    v,
    title,
    `<h1>${esc(title)}</h1><p class="problem" role="alert">${esc(text)}</p><p><a href="/console">${esc(v.t('backToQueue'))}</a></p>`,
  );
}

export function signInPage(v: Viewer, token: string, error?: string, note?: string, next?: string): string {
  const { t } = v;
  return layout(
    v,
    t('signInTitle'),
    `<h1>${esc(t('signInTitle'))}</h1>
${note ? `<p class="notice" role="status">${esc(note)}</p>` : ''}<section class="card"><p>${esc(t('signInLead'))}</p>
${error ? `<p class="problem" role="alert" id="sign-in-error">${esc(error)}</p>` : ''}
<form action="/console/sign-in?lang=${v.language}${next ? `&amp;next=${esc(encodeURIComponent(next))}` : ''}" method="post"><input type="hidden" name="_signin" value="${esc(token)}">
<label for="key">${esc(t('apiKey'))}</label>
<input type="password" id="key" name="key" autocomplete="current-password" required${error ? ' aria-invalid="true" aria-describedby="sign-in-error"' : ''}>
<p><button type="submit">${esc(t('signIn'))}</button></p></form></section>`,
  );
}

// ---------------------------------------------------------------------------------------------
// Lists: a row of the worklist, with the customer's brief when this viewer may see it

export type ListRow = WorklistRow & { customer?: CustomerBrief };

export const badgeKey: Record<WorklistBadge, MessageKey> = {
  overdue: 'badgeOverdue',
  'due-soon': 'badgeDueSoon',
  message: 'badgeMessage',
  'task-overdue': 'badgeTaskOverdue',
  approval: 'badgeApproval',
  attention: 'badgeAttention',
};

export const badgeHtml = (t: Translate, b: WorklistBadge, title?: string) =>
  `<span class="badge b-${b}"${title ? ` title="${esc(title)}"` : ''}>${esc(t(badgeKey[b]))}</span>`;

function rowBadges(v: Viewer, r: ListRow): string {
  return r.badges
    .map((b) =>
      badgeHtml(
        v.t,
        b,
        b === 'attention' ? (r.attention ?? []).map((a) => attentionLabel(v.t, a)).join(', ') : undefined,
      ),
    )
    .join('');
}

function deadlineCell(v: Viewer, r: ListRow): string {
  if (!r.nextDeadline) return '—';
  return `${esc(deadlineLabel(v.t, r.nextDeadline.name))}<br>${time(v, r.nextDeadline.at)}<br><span class="muted">${esc(timeLeft(r.nextDeadline.at, v.now, v.t))}</span>`;
}

function customerCell(r: ListRow): string {
  if (!r.customer) return `<span class="muted">—</span>`;
  return `<strong>${esc(r.customer.name)}</strong><br><span class="subject">${esc(r.customer.subject)}</span>`;
}

const caseLink = (r: ListRow) =>
  `<a href="/console/cases/${esc(r.complaintId)}" data-case-link>${esc(r.reference)}</a>`;

export interface QueueModel {
  title: string;
  rows: ListRow[];
  counts: Record<WorklistBadge | 'total', number>;
  matching: number;
  page: number;
  pageSize: number;
  filter: WorklistFilter;
  dueSoonHours: number;
  stages: readonly string[];
  priorities: readonly string[];
  categories: readonly string[];
  /** Supervisors filter by owner and see whose each case is. */
  owners?: { id: string; name: string }[];
  /** Whether the viewer sees customers' names (agents and supervisors). */
  showsCustomers: boolean;
  notice?: string;
}

function select(
  id: string,
  name: string,
  labelText: string,
  options: { value: string; text: string }[],
  selected: string | undefined,
  anyText: string,
): string {
  return `<div><label for="${id}">${esc(labelText)}</label><select id="${id}" name="${name}"><option value="">${esc(anyText)}</option>${options
    .map(
      (o) =>
        `<option value="${esc(o.value)}"${o.value === selected ? ' selected' : ''}>${esc(o.text)}</option>`,
    )
    .join('')}</select></div>`;
}

const countKeys: [WorklistBadge, MessageKey][] = [
  ['overdue', 'countOverdue'],
  ['due-soon', 'countDueSoon'],
  ['message', 'countMessage'],
  ['task-overdue', 'countTaskOverdue'],
  ['approval', 'countApproval'],
  ['attention', 'countAttention'],
];

/**
 * A count's words in the form its number takes ("1 task overdue", "2 tasks overdue"; in Polish "1
 * zadanie", "2 zadania", "5 zadań"): the key's plural form where the catalogue has one, else the key.
 */
export function countKey(language: ConsoleLanguage, key: MessageKey, count: number): MessageKey {
  const form = `${key}.${new Intl.PluralRules(language).select(count)}`;
  return isMessageKey(form) ? form : key;
}

/** The query string of the list with a new page number, keeping its filters. */
function pageHref(base: string, filter: WorklistFilter, page: number): string {
  const q = new URLSearchParams();
  for (const [k, value] of Object.entries(filter)) if (typeof value === 'string' && value) q.set(k, value);
  if (page > 1) q.set('page', String(page));
  const text = q.toString();
  return text ? `${base}?${text}` : base;
}

function pager(v: Viewer, m: QueueModel): string {
  const pages = Math.max(1, Math.ceil(m.matching / m.pageSize));
  if (pages <= 1) return '';
  const from = (m.page - 1) * m.pageSize + 1;
  const to = Math.min(m.matching, m.page * m.pageSize);
  const link = (page: number, key: MessageKey, rel: string) =>
    page >= 1 && page <= pages
      ? `<a href="${esc(pageHref('/console/queue', m.filter, page))}" rel="${rel}">${esc(v.t(key))}</a>`
      : `<span class="muted">${esc(v.t(key))}</span>`;
  return `<nav class="pager" aria-label="${esc(v.t('pageOf', { page: m.page, pages }))}"><span>${esc(v.t('showing', { from, to, count: m.matching }))}</span> ${link(m.page - 1, 'previous', 'prev')} <span>${esc(v.t('pageOf', { page: m.page, pages }))}</span> ${link(m.page + 1, 'next', 'next')}</nav>`;
}

export function queuePage(v: Viewer, m: QueueModel): string {
  const { t } = v;
  const total = m.counts.total === 1 ? t('openCasesOne') : t('openCases', { count: m.counts.total });
  const counts = `<ul class="counts" aria-label="${esc(total)}">
<li><strong>${esc(total)}</strong></li>
${countKeys
  .map(
    ([b, key]) =>
      `<li>${badgeHtml(t, b)} ${m.counts[b]} ${esc(t(countKey(v.language, key, m.counts[b]), { hours: m.dueSoonHours }))}</li>`,
  )
  .join('\n')}</ul>`;
  const filters = `<form class="filters card" method="get" action="/console/queue" aria-label="${esc(t('filters'))}">
${select(
  'f-badge',
  'badge',
  t('badge'),
  countKeys.map(([b]) => ({ value: b, text: t(badgeKey[b]) })),
  m.filter.badge,
  t('any'),
)}
${select(
  'f-stage',
  'stage',
  t('stage'),
  m.stages.map((s) => ({ value: s, text: stageLabel(t, s) })),
  m.filter.stage,
  t('any'),
)}
${select(
  'f-priority',
  'priority',
  t('priority'),
  m.priorities.map((p) => ({ value: p, text: priorityLabel(t, p) })),
  m.filter.priority,
  t('any'),
)}
${select(
  'f-category',
  'category',
  t('category'),
  m.categories.map((c) => ({ value: c, text: categoryOf(v, c) })),
  m.filter.category,
  t('any'),
)}
${
  m.owners
    ? select(
        'f-owner',
        'owner',
        t('owner'),
        m.owners.map((o) => ({ value: o.id, text: o.name })),
        m.filter.owner,
        t('any'),
      )
    : ''
}
<div><button type="submit">${esc(t('filter'))}</button> <a href="/console/queue">${esc(t('clear'))}</a></div></form>`;
  const rows = m.rows
    .map(
      (
        r,
        n,
      ) => `<tr${n === 0 ? ' data-first' : ''}><td>${caseLink(r)}<br><span class="muted">${esc(priorityLabel(t, r.priority))} · ${esc(categoryOf(v, r.category))}</span></td>
${m.showsCustomers ? `<td>${customerCell(r)}</td>` : ''}
<td>${esc(stageLabel(t, r.stage))}${r.escalationLevel ? `<br><span class="muted">${esc(t('escalationLevel', { level: r.escalationLevel }))}</span>` : ''}</td>
<td>${deadlineCell(v, r)}</td>
<td>${rowBadges(v, r)}</td>
${m.owners ? `<td>${esc(nameOf(v, r.ownerId))}</td>` : ''}</tr>`,
    )
    .join('\n');
  const table = m.rows.length
    ? `<table><thead><tr><th scope="col">${esc(t('reference'))}</th>${m.showsCustomers ? `<th scope="col">${esc(t('customerName'))}</th>` : ''}<th scope="col">${esc(t('stage'))}</th><th scope="col">${esc(t('nextDeadline'))}</th><th scope="col">${esc(t('badges'))}</th>${m.owners ? `<th scope="col">${esc(t('owner'))}</th>` : ''}</tr></thead><tbody>${rows}</tbody></table>`
    : `<p class="card">${esc(t('noCases'))}</p>`;
  return layout(
    v,
    m.title,
    `<h1>${esc(m.title)}</h1>${m.notice ? `<p class="notice" role="status">${esc(m.notice)}</p>` : ''}${counts}${filters}${table}${pager(v, m)}`,
    'queue',
  );
}

/**
 * Text shown as a sentence of its own, with its first letter capitalised: what awaits approval is
 * written to follow "awaits a supervisor: …" ("refund 5000.00 PLN is above the 500 PLN cap").
 */
export function sentenceStart(v: Pick<Viewer, 'language'>, text: string): string {
  return text.replace(/^\p{Ll}/u, (c) => c.toLocaleUpperCase(v.language));
}

export function approvalsPage(
  v: Viewer,
  rows: ListRow[],
  notice?: string,
  nonce = '',
  count = rows.length,
): string {
  const { t } = v;
  const cards = rows
    .map((a) => {
      const id = esc(a.complaintId);
      const kind =
        a.approval?.kind === 'extension'
          ? 'extensionApproval'
          : a.approval?.kind === 'letter-without-call'
            ? 'letterWithoutCallApproval'
            : 'remedyApproval';
      return `<article class="card" aria-labelledby="ap-${id}"><h2 id="ap-${id}"><a href="/console/cases/${id}" data-case-link>${esc(a.reference)}</a> · ${esc(t(kind))}</h2>
<dl class="facts">${a.customer ? `<dt>${esc(t('customerName'))}</dt><dd>${esc(a.customer.name)}</dd>` : ''}<dt>${esc(t('owner'))}</dt><dd>${esc(nameOf(v, a.ownerId))}</dd><dt>${esc(t('requested'))}</dt><dd>${time(v, a.approval?.requestedAt)} <span class="muted">(${esc(t('waitingFor', { wait: duration(v.now - Date.parse(a.approval?.requestedAt ?? new Date(v.now).toISOString())) }))})</span></dd><dt>${esc(t('stage'))}</dt><dd>${esc(stageLabel(t, a.stage))}</dd></dl>
${a.customer?.approvalSummary ? `<p>${esc(sentenceStart(v, named(v, a.customer.approvalSummary)))}</p>` : ''}
<form method="post" action="/console/cases/${id}/actions/approval">${csrfField(v)}<input type="hidden" name="_form" value="${esc(nonce)}-${id}"><input type="hidden" name="_return" value="approvals">
<label for="note-${id}">${esc(t('note'))} ${esc(t('optional'))}</label><textarea id="note-${id}" name="note"></textarea>
<p><button type="submit" name="decision" value="approve">${esc(t('approve'))}</button> <button type="submit" name="decision" value="reject" class="danger">${esc(t('decline'))}</button></p></form></article>`;
    })
    .join('\n');
  return layout(
    v,
    t('approvalsTitle'),
    `<h1>${esc(t('approvalsTitle'))}</h1>${notice ? `<p class="notice" role="status">${esc(notice)}</p>` : ''}${
      count > rows.length ? `<p class="muted">${esc(t('opsLimited', { shown: rows.length, count }))}</p>` : ''
    }${cards || `<p class="card">${esc(t('approvalsEmpty'))}</p>`}`,
    'approvals',
  );
}

export interface OpsModel {
  attention: ListRow[];
  stuck: (ListRow & { why: 'late-deadline' | 'no-deadline' })[];
  overdue: ListRow[];
  counts: { attention: number; stuck: number; overdue: number };
  graceMinutes: number;
  /** The Temporal Web UI's page of a case's workflow ('' when no UI is configured). */
  webUi: (complaintId: string) => string;
  /** Messaging channels' health (#20): a revoked Telegram token shows here. */
  channels?: { channel: string; state: 'ok' | 'token-revoked'; since: string }[];
}

export function opsPage(v: Viewer, m: OpsModel): string {
  const { t } = v;
  const webUiCell = (r: ListRow) => {
    const href = m.webUi(r.complaintId);
    return href
      ? `<a href="${esc(href)}" rel="noreferrer">${esc(t('openInTemporal'))}<span class="muted"> (${esc(r.reference)})</span></a>`
      : '—';
  };
  const table = (rows: ListRow[], count: number, id: string, title: string, reason: (r: ListRow) => string) =>
    `<section class="card" aria-labelledby="${id}"><h2 id="${id}">${esc(title)} (${count})</h2>${
      rows.length
        ? `${rows.length < count ? `<p class="muted">${esc(t('opsLimited', { shown: rows.length, count }))}</p>` : ''}<table><thead><tr><th scope="col">${esc(t('reference'))}</th><th scope="col">${esc(t('reason'))}</th><th scope="col">${esc(t('stage'))}</th><th scope="col">${esc(t('owner'))}</th><th scope="col">${esc(t('nextDeadline'))}</th><th scope="col">Temporal</th></tr></thead><tbody>${rows
            .map(
              (r) =>
                `<tr><td>${caseLink(r)}</td><td>${reason(r)}</td><td>${esc(stageLabel(t, r.stage))}${r.escalationLevel ? `<br><span class="muted">${esc(t('escalationLevel', { level: r.escalationLevel }))}</span>` : ''}</td><td>${esc(nameOf(v, r.ownerId))}</td><td>${deadlineCell(v, r)}</td><td>${webUiCell(r)}</td></tr>`,
            )
            .join('')}</tbody></table>`
        : `<p>${esc(t('noCases'))}</p>`
    }</section>`;
  const channelsCard = m.channels?.length
    ? `<section class="card" aria-labelledby="channels"><h2 id="channels">${esc(t('opsChannels'))}</h2><ul>${m.channels
        .map(
          (c) =>
            `<li${c.state === 'ok' ? '' : ' class="b-attention"'}><strong>${esc(c.channel)}</strong>: ${esc(t(`channel.${c.state}`))} <span class="muted">(${time(v, c.since)})</span></li>`,
        )
        .join('')}</ul></section>`
    : '';
  const reasons = (r: ListRow) =>
    (r.attention ?? [])
      .map((a) => `<span class="badge b-attention">${esc(attentionLabel(t, a))}</span>`)
      .join(' ');
  return layout(
    v,
    t('opsTitle'),
    `<h1>${esc(t('opsTitle'))}</h1><p>${esc(t('opsLead', { minutes: m.graceMinutes }))}</p>${channelsCard}${table(m.attention, m.counts.attention, 'attention', t('opsAttention'), reasons)}${table(
      m.stuck,
      m.counts.stuck,
      'stuck',
      t('opsStuck'),
      (r) => esc(t(`stuck.${(r as OpsModel['stuck'][number]).why}`)),
    )}${table(m.overdue, m.counts.overdue, 'overdue', t('opsOverdue'), (r) => rowBadges(v, r))}`,
    'ops',
  );
}

export function searchPage(v: Viewer, q: string, results: ListRow[] | undefined, scopeNote: string): string {
  const { t } = v;
  const list = results
    ? results.length
      ? `<table><thead><tr><th scope="col">${esc(t('reference'))}</th><th scope="col">${esc(t('customerName'))}</th><th scope="col">${esc(t('stage'))}</th><th scope="col">${esc(t('owner'))}</th><th scope="col">${esc(t('received'))}</th></tr></thead><tbody>${results
          .map(
            (r) =>
              `<tr><td>${caseLink(r)}</td><td>${customerCell(r)}</td><td>${esc(stageLabel(t, r.stage))}</td><td>${esc(nameOf(v, r.ownerId))}</td><td>${time(v, r.receivedAt)}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : `<p>${esc(t('searchNone'))}</p>`
    : '';
  return layout(
    v,
    t('searchTitle'),
    `<h1>${esc(t('searchTitle'))}</h1><form class="card" method="get" action="/console/search" role="search"><label for="q">${esc(t('searchLabel'))}</label><input type="search" id="q" name="q" value="${esc(q)}" maxlength="200"><p class="muted">${esc(scopeNote)}</p><p><button type="submit">${esc(t('search'))}</button></p></form><section class="card" aria-live="polite" aria-label="${esc(t('searchTitle'))}">${list}</section>`,
    'search',
  );
}
