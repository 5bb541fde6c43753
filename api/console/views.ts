// The console's pages as HTML strings. Every value from a case is escaped; the layout gives each page
// its landmarks (banner, navigation, main, contentinfo), lang and dir, a skip link and the help
// dialog. Pure functions of their inputs: the routes fetch, these draw (and the bench times them).
import type { CaseView, Task, TimelineEntry } from '../../domain/case';
import type { Principal } from '../keys';
import type { FieldError } from '../problems';
import type { RoutedAction } from '../schemas';
import { cssPath, jsPath } from './assets';
import { actionForms, type FieldSpec, type FormValues } from './forms';
import { isMessageKey, type ConsoleLanguage, type MessageKey, type Translate } from './i18n';
import { badgesOf, type Badge, type QueueFilter, type QueueItem, type QueueRules } from './queue';
import { formatTime, timeLeft } from './time';

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
}

export type NavKey = 'queue' | 'approvals' | 'ops' | 'search' | 'help';

const time = (v: Viewer, iso: string | undefined) =>
  iso ? `<time datetime="${esc(iso)}">${esc(formatTime(iso, v.language, v.zone))}</time>` : '';

const csrfField = (v: Viewer) => `<input type="hidden" name="_csrf" value="${esc(v.csrf ?? '')}">`;

const label = (t: Translate, key: string) => (isMessageKey(key) ? t(key) : key);

export const stageLabel = (t: Translate, stage: string | undefined) =>
  stage ? label(t, `stage.${stage}`) : '';

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
  const nav = principal
    ? `<nav aria-label="${esc(t('mainNav'))}"><ul>${[
        principal.role !== 'operator'
          ? `<li><a href="/console/queue" data-key="queue"${active === 'queue' ? ' aria-current="page"' : ''}>${esc(principal.role === 'supervisor' ? t('navTeam') : t('navQueue'))}</a></li>`
          : `<li><a href="/console/ops" data-key="queue"${active === 'ops' ? ' aria-current="page"' : ''}>${esc(t('navOps'))}</a></li>`,
        principal.role === 'supervisor'
          ? `<li><a href="/console/approvals"${active === 'approvals' ? ' aria-current="page"' : ''}>${esc(t('navApprovals'))}</a></li><li><a href="/console/ops"${active === 'ops' ? ' aria-current="page"' : ''}>${esc(t('navOps'))}</a></li>`
          : '',
        `<li><a href="/console/help" data-open-help${active === 'help' ? ' aria-current="page"' : ''}>${esc(t('navHelp'))}</a></li>`,
      ].join('')}</ul></nav>
      <form role="search" action="/console/search" method="get"><label for="search-q" class="inline">${esc(t('navSearch'))}</label> <input type="search" id="search-q" name="q" size="18"> <button type="submit">${esc(t('search'))}</button></form>
      <span class="who">${esc(t('signedInAs', { name: principal.name, role: principal.role }))}</span>
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
<title>${esc(title)} · ${esc(t('appName'))}</title><link rel="stylesheet" href="${cssPath}"><script src="${jsPath}" defer></script></head>
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

export function signInPage(v: Viewer, token: string, error?: string, note?: string): string {
  const { t } = v;
  return layout(
    v,
    t('signInTitle'),
    `<h1>${esc(t('signInTitle'))}</h1>
${note ? `<p class="notice" role="status">${esc(note)}</p>` : ''}<section class="card"><p>${esc(t('signInLead'))}</p>
${error ? `<p class="problem" role="alert" id="sign-in-error">${esc(error)}</p>` : ''}
<form action="/console/sign-in?lang=${v.language}" method="post"><input type="hidden" name="_signin" value="${esc(token)}">
<label for="key">${esc(t('apiKey'))}</label>
<input type="password" id="key" name="key" autocomplete="current-password" required${error ? ' aria-invalid="true" aria-describedby="sign-in-error"' : ''}>
<p><button type="submit">${esc(t('signIn'))}</button></p></form></section>`,
  );
}

// ---------------------------------------------------------------------------------------------
// Queues

const badgeKey: Record<Badge, MessageKey> = {
  overdue: 'badgeOverdue',
  'due-soon': 'badgeDueSoon',
  waiting: 'badgeWaiting',
  approval: 'badgeApproval',
};

const badgeHtml = (t: Translate, b: Badge) => `<span class="badge b-${b}">${esc(t(badgeKey[b]))}</span>`;

export interface QueueModel {
  title: string;
  items: QueueItem[];
  counts: Record<Badge | 'total', number>;
  filter: QueueFilter;
  rules: QueueRules;
  stages: readonly string[];
  priorities: readonly string[];
  categories: readonly string[];
  /** Supervisors filter by owner. */
  owners?: { id: string; name: string }[];
  truncated?: number;
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

export function queuePage(v: Viewer, m: QueueModel): string {
  const { t } = v;
  const hours = Math.round(m.rules.dueSoonMs / 3600_000);
  const counts = `<ul class="counts" aria-label="${esc(t('openCases', { count: m.counts.total }))}">
<li><strong>${esc(t('openCases', { count: m.counts.total }))}</strong></li>
<li>${badgeHtml(t, 'overdue')} ${m.counts.overdue} ${esc(t('countOverdue'))}</li>
<li>${badgeHtml(t, 'due-soon')} ${m.counts['due-soon']} ${esc(t('countDueSoon', { hours }))}</li>
<li>${badgeHtml(t, 'waiting')} ${m.counts.waiting} ${esc(t('countWaiting'))}</li>
<li>${badgeHtml(t, 'approval')} ${m.counts.approval} ${esc(t('countApproval'))}</li></ul>`;
  const filters = `<form class="filters card" method="get" action="/console/queue" aria-label="${esc(t('filters'))}">
${select(
  'f-badge',
  'badge',
  t('badge'),
  (['overdue', 'due-soon', 'waiting', 'approval'] as Badge[]).map((b) => ({
    value: b,
    text: t(badgeKey[b]),
  })),
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
  m.priorities.map((p) => ({ value: p, text: p })),
  m.filter.priority,
  t('any'),
)}
${select(
  'f-category',
  'category',
  t('category'),
  m.categories.map((c) => ({ value: c, text: c })),
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
  const rows = m.items
    .map((i, n) => {
      const b = badgesOf(i, m.rules);
      return `<tr${n === 0 ? ' data-first' : ''}><td><a href="/console/cases/${esc(i.id)}" data-case-link>${esc(i.reference ?? i.id)}</a></td>
<td>${b.map((x) => badgeHtml(t, x)).join('')}</td>
<td>${i.nextDeadline ? `${time(v, i.nextDeadline)}<br><span class="muted">${esc(timeLeft(i.nextDeadline, v.now, t))}</span>` : ''}</td>
<td>${esc(stageLabel(t, i.stage))}</td><td>${esc(i.priority ?? '')}</td><td>${esc(i.category ?? '')}</td><td>${esc(i.language ?? '')}</td>
${m.owners ? `<td>${esc(m.owners.find((o) => o.id === i.owner)?.name ?? i.owner ?? '')}</td>` : ''}
<td>${esc(i.escalationLevel ?? 0)}</td></tr>`;
    })
    .join('\n');
  const table = m.items.length
    ? `<table><caption class="muted">${esc(t('timesIn', { zone: v.zone }))}</caption><thead><tr><th scope="col">${esc(t('reference'))}</th><th scope="col">${esc(t('badges'))}</th><th scope="col">${esc(t('nextDeadline'))}</th><th scope="col">${esc(t('stage'))}</th><th scope="col">${esc(t('priority'))}</th><th scope="col">${esc(t('category'))}</th><th scope="col">${esc(t('customerLanguage'))}</th>${m.owners ? `<th scope="col">${esc(t('owner'))}</th>` : ''}<th scope="col">${esc(t('escalation'))}</th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p class="card">${esc(t('noCases'))}</p>`;
  return layout(
    v,
    m.title,
    `<h1>${esc(m.title)}</h1>${m.notice ? `<p class="notice" role="status">${esc(m.notice)}</p>` : ''}${counts}${filters}${m.truncated ? `<p class="muted">${esc(t('moreCases', { count: m.truncated }))}</p>` : ''}${table}`,
    'queue',
  );
}

export interface ApprovalItem {
  id: string;
  reference: string;
  owner: string;
  kind: 'remedy' | 'extension' | 'letter-without-call';
  summary: string;
  requestedAt: string;
  stage: string;
}

export function approvalsPage(v: Viewer, items: ApprovalItem[], notice?: string, nonce = ''): string {
  const { t } = v;
  const cards = items
    .map(
      (
        a,
      ) => `<article class="card" aria-labelledby="ap-${esc(a.id)}"><h2 id="ap-${esc(a.id)}"><a href="/console/cases/${esc(a.id)}" data-case-link>${esc(a.reference)}</a> · ${esc(t(a.kind === 'remedy' ? 'remedyApproval' : a.kind === 'extension' ? 'extensionApproval' : 'letterWithoutCallApproval'))}</h2>
<dl class="facts"><dt>${esc(t('owner'))}</dt><dd>${esc(a.owner)}</dd><dt>${esc(t('requested'))}</dt><dd>${time(v, a.requestedAt)}</dd><dt>${esc(t('stage'))}</dt><dd>${esc(stageLabel(t, a.stage))}</dd></dl>
<p>${esc(a.summary)}</p>
<form method="post" action="/console/cases/${esc(a.id)}/actions/approval">${csrfField(v)}<input type="hidden" name="_form" value="${esc(nonce)}-${esc(a.id)}"><input type="hidden" name="_return" value="approvals">
<label for="note-${esc(a.id)}">${esc(t('note'))} ${esc(t('optional'))}</label><textarea id="note-${esc(a.id)}" name="note"></textarea>
<p><button type="submit" name="decision" value="approve">${esc(t('approve'))}</button> <button type="submit" name="decision" value="reject" class="danger">${esc(t('decline'))}</button></p></form></article>`,
    )
    .join('\n');
  return layout(
    v,
    t('approvalsTitle'),
    `<h1>${esc(t('approvalsTitle'))}</h1>${notice ? `<p class="notice" role="status">${esc(notice)}</p>` : ''}${cards || `<p class="card">${esc(t('approvalsEmpty'))}</p>`}`,
    'approvals',
  );
}

export interface OpsItem extends QueueItem {
  why: 'overdue' | 'late-deadline' | 'no-deadline';
  webUi: string;
}

export function opsPage(v: Viewer, overdue: OpsItem[], stuck: OpsItem[], graceMinutes: number): string {
  const { t } = v;
  const table = (items: OpsItem[], id: string, title: string) =>
    `<section class="card" aria-labelledby="${id}"><h2 id="${id}">${esc(title)} (${items.length})</h2>${
      items.length
        ? `<table><thead><tr><th scope="col">${esc(t('reference'))}</th><th scope="col">${esc(t('stage'))}</th><th scope="col">${esc(t('owner'))}</th><th scope="col">${esc(t('nextDeadline'))}</th><th scope="col">${esc(t('escalation'))}</th><th scope="col">Temporal</th></tr></thead><tbody>${items
            .map(
              (i) =>
                `<tr><td><a href="/console/cases/${esc(i.id)}" data-case-link>${esc(i.reference ?? i.id)}</a></td><td>${esc(stageLabel(t, i.stage))}</td><td>${esc(i.owner ?? '')}</td><td>${i.nextDeadline ? `${time(v, i.nextDeadline)}<br><span class="muted">${esc(timeLeft(i.nextDeadline, v.now, t))}</span>` : '—'}</td><td>${esc(i.escalationLevel ?? 0)}</td><td><a href="${esc(i.webUi)}" rel="noreferrer">${esc(t('openInTemporal'))}<span class="muted"> (${esc(i.reference ?? i.id)})</span></a></td></tr>`,
            )
            .join('')}</tbody></table>`
        : `<p>${esc(t('noCases'))}</p>`
    }</section>`;
  return layout(
    v,
    t('opsTitle'),
    `<h1>${esc(t('opsTitle'))}</h1><p>${esc(t('opsLead', { minutes: graceMinutes }))}</p>${table(stuck, 'stuck', t('opsStuck'))}${table(overdue, 'overdue', t('opsOverdue'))}`,
    'ops',
  );
}

export function searchPage(
  v: Viewer,
  q: string,
  results: QueueItem[] | undefined,
  scopeNote: string,
): string {
  const { t } = v;
  const list = results
    ? results.length
      ? `<ul>${results.map((r) => `<li><a href="/console/cases/${esc(r.id)}" data-case-link>${esc(r.reference ?? r.id)}</a> · ${esc(stageLabel(t, r.stage))} · ${esc(r.owner ?? '')}</li>`).join('')}</ul>`
      : `<p>${esc(t('searchNone'))}</p>`
    : '';
  return layout(
    v,
    t('searchTitle'),
    `<h1>${esc(t('searchTitle'))}</h1><form class="card" method="get" action="/console/search" role="search"><label for="q">${esc(t('searchLabel'))}</label><input type="search" id="q" name="q" value="${esc(q)}" maxlength="200"><p class="muted">${esc(scopeNote)}</p><p><button type="submit">${esc(t('search'))}</button></p></form><section class="card" aria-live="polite">${list}</section>`,
    'search',
  );
}

// ---------------------------------------------------------------------------------------------
// The case page

export interface FormState {
  action: RoutedAction | 'task-completion';
  /** For task forms: which task. */
  taskId?: string;
  values: FormValues;
  message: string;
  errors: FieldError[];
}

/** An entry of a policy list: what the form posts, and what it shows. */
interface Choice {
  id: string;
  name: string;
}

export interface CaseModel {
  view: CaseView;
  full: boolean;
  actions: RoutedAction[];
  canCompleteTasks: boolean;
  owners: { id: string; name: string }[];
  /** The policy's documentation lists (root-cause categories, contributing factors) to choose from. */
  documentationLists: { rootCauseCategories: Choice[]; contributingFactors: Choice[] };
  done?: string;
  form?: FormState;
  /** A fresh value per rendering: a form's double submit is one action (its idempotency key). */
  nonce: string;
  webUi?: string;
}

function fieldHtml(v: Viewer, action: string, spec: FieldSpec, m: CaseModel): string {
  const { t } = v;
  const form = m.form?.action === action && !m.form.taskId ? m.form : undefined;
  const id = `${action}-${spec.name.replace(/\./g, '-')}`;
  const errs = (form?.errors ?? []).filter(
    (e) =>
      e.field === spec.name ||
      (spec.name.startsWith(`${e.field}.`) && e.field === 'remedy' && spec.name === 'remedy.kind'),
  );
  const value = form?.values[spec.name] ?? '';
  const errorId = `${id}-error`;
  const invalid = errs.length ? ` aria-invalid="true" aria-describedby="${errorId}"` : '';
  const errorHtml = errs.length
    ? `<p class="field-error" id="${errorId}">${errs.map((e) => esc(e.message)).join('; ')}</p>`
    : '';
  const text = `${esc(label(t, `field.${spec.name}`))}${spec.optional ? ` ${esc(t('optional'))}` : ''}`;
  switch (spec.kind) {
    case 'textarea':
    case 'lines':
      return `<label for="${id}">${text}</label>${errorHtml}<textarea id="${id}" name="${esc(spec.name)}"${invalid}>${esc(value)}</textarea>`;
    case 'datetime':
      return `<label for="${id}">${text} <span class="muted">(${esc(v.zone)})</span></label>${errorHtml}<input type="datetime-local" id="${id}" name="${esc(spec.name)}" value="${esc(value)}"${invalid}>`;
    case 'number':
      return `<label for="${id}">${text}</label>${errorHtml}<input type="number" step="any" id="${id}" name="${esc(spec.name)}" value="${esc(value)}"${invalid}>`;
    case 'checkbox':
      return `<p><input type="checkbox" id="${id}" name="${esc(spec.name)}" value="true"${value === 'true' ? ' checked' : ''}${invalid}> <label for="${id}" class="inline">${text}</label></p>${errorHtml}`;
    case 'choice': {
      const optionLabel = (o: string) => label(t, `${spec.optionLabels ?? ''}${o}`);
      if ((spec.options ?? []).length <= 3)
        return `<fieldset${invalid}><legend>${text}</legend>${errorHtml}${(spec.options ?? [])
          .map(
            (o) =>
              `<input type="radio" id="${id}-${esc(o)}" name="${esc(spec.name)}" value="${esc(o)}"${value === o ? ' checked' : ''}> <label for="${id}-${esc(o)}">${esc(optionLabel(o))}</label>`,
          )
          .join(' ')}</fieldset>`;
      return `<label for="${id}">${text}</label>${errorHtml}<select id="${id}" name="${esc(spec.name)}"${invalid}><option value=""></option>${(
        spec.options ?? []
      )
        .map(
          (o) => `<option value="${esc(o)}"${value === o ? ' selected' : ''}>${esc(optionLabel(o))}</option>`,
        )
        .join('')}</select>`;
    }
    case 'category':
      return `<label for="${id}">${text}</label>${errorHtml}<select id="${id}" name="${esc(spec.name)}"${invalid}><option value=""></option>${m.documentationLists.rootCauseCategories
        .map(
          (c) => `<option value="${esc(c.id)}"${value === c.id ? ' selected' : ''}>${esc(c.name)}</option>`,
        )
        .join('')}</select>`;
    case 'factors': {
      const checked = new Set(value.split('\n'));
      return `<fieldset${invalid}><legend>${text}</legend>${errorHtml}${m.documentationLists.contributingFactors
        .map(
          (c) =>
            `<p><input type="checkbox" id="${id}-${esc(c.id)}" name="${esc(spec.name)}" value="${esc(c.id)}"${checked.has(c.id) ? ' checked' : ''}> <label for="${id}-${esc(c.id)}" class="inline">${esc(c.name)}</label></p>`,
        )
        .join('')}</fieldset>`;
    }
    case 'owner':
      return `<label for="${id}">${text}</label>${errorHtml}<select id="${id}" name="${esc(spec.name)}"${invalid}><option value=""></option>${m.owners
        .map(
          (o) => `<option value="${esc(o.id)}"${value === o.id ? ' selected' : ''}>${esc(o.name)}</option>`,
        )
        .join('')}</select>`;
    default:
      return `<label for="${id}">${text}</label>${errorHtml}<input type="text" id="${id}" name="${esc(spec.name)}" value="${esc(value)}"${invalid}>`;
  }
}

function problemBox(v: Viewer, form: FormState): string {
  const listed = form.errors.length
    ? `<ul>${form.errors.map((e) => `<li>${e.field ? `<strong>${esc(label(v.t, `field.${e.field}`))}</strong>: ` : ''}${esc(e.message)}</li>`).join('')}</ul>`
    : '';
  return `<div class="problem" role="alert"><p><strong>${esc(form.errors.length ? v.t('fixErrors') : v.t('refused'))}:</strong> ${esc(form.message)}</p>${listed}</div>`;
}

function actionForm(v: Viewer, action: RoutedAction, m: CaseModel): string {
  const { t } = v;
  const form = m.form?.action === action && !m.form.taskId ? m.form : undefined;
  const open = form || ((action === 'diagnosis' || action === 'notes') && m.actions.length <= 3);
  return `<details class="action" id="form-${action}"${open || form ? ' open' : ''}><summary>${esc(t(`action.${action}` as MessageKey))}</summary>
${form ? problemBox(v, form) : ''}
<form method="post" action="/console/cases/${esc(m.view.complaintId)}/actions/${action}" aria-label="${esc(t(`action.${action}` as MessageKey))}">${csrfField(v)}<input type="hidden" name="_form" value="${esc(m.nonce)}">
${actionForms[action].map((s) => fieldHtml(v, action, s, m)).join('\n')}
<p><button type="submit">${esc(t(`action.${action}` as MessageKey))}</button></p></form></details>`;
}

function taskHtml(v: Viewer, task: Task, m: CaseModel): string {
  const { t } = v;
  const id = m.view.complaintId;
  const form = m.form?.taskId === task.id ? m.form : undefined;
  const canCall = m.actions.includes('calls') && task.kind === 'call';
  return `<li class="card" id="task-${esc(task.id)}"><p><strong>${esc(task.id)}</strong> · ${esc(task.kind)} · ${esc(task.reason)}${task.purpose ? ` · ${esc(task.purpose)}` : ''}${task.dueBy ? ` · ${esc(t('due'))} ${time(v, task.dueBy)} (${esc(timeLeft(task.dueBy, v.now, t))})` : ''}</p>
${task.note && m.full ? `<p>${esc(task.note)}</p>` : ''}
${form ? problemBox(v, form) : ''}
${
  m.canCompleteTasks
    ? `<form method="post" action="/console/cases/${esc(id)}/tasks/${esc(task.id)}/completion" class="inline">${csrfField(v)}<input type="hidden" name="_form" value="${esc(m.nonce)}-${esc(task.id)}">
<label for="done-${esc(task.id)}">${esc(t('note'))} ${esc(t('optional'))}</label><input type="text" id="done-${esc(task.id)}" name="note">
<p><button type="submit" class="secondary">${esc(t('markDone'))} (${esc(task.id)})</button></p></form>`
    : ''
}
${
  canCall
    ? `<form method="post" action="/console/cases/${esc(id)}/actions/calls">${csrfField(v)}<input type="hidden" name="_form" value="${esc(m.nonce)}-call-${esc(task.id)}"><input type="hidden" name="taskId" value="${esc(task.id)}"><input type="hidden" name="_task" value="${esc(task.id)}">
<fieldset><legend>${esc(t('reached'))}</legend><input type="radio" id="reached-yes-${esc(task.id)}" name="reached" value="yes"> <label for="reached-yes-${esc(task.id)}">${esc(t('yes'))}</label> <input type="radio" id="reached-no-${esc(task.id)}" name="reached" value="no"> <label for="reached-no-${esc(task.id)}">${esc(t('no'))}</label></fieldset>
<label for="call-note-${esc(task.id)}">${esc(t('note'))} ${esc(t('optional'))}</label><input type="text" id="call-note-${esc(task.id)}" name="note">
<p><button type="submit">${esc(t('logCall'))} (${esc(task.id)})</button></p></form>`
    : ''
}</li>`;
}

const entryHtml = (v: Viewer, e: TimelineEntry, full: boolean) =>
  `<li>${time(v, e.at)} · <strong>${esc(e.kind)}</strong>${full && e.by ? ` · ${esc(e.by)}` : ''}${full ? `<p>${esc(e.text)}</p>` : ''}</li>`;

export function casePage(v: Viewer, m: CaseModel): string {
  const { t } = v;
  const c = m.view;
  const clocks = Object.values(c.clocks).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const deadlines = `<section class="card" aria-labelledby="h-deadlines"><h2 id="h-deadlines">${esc(t('deadlines'))}</h2>
<p>${esc(t('escalationLevel', { level: c.escalationLevel }))}${c.overdue ? ` ${badgeHtml(t, 'overdue')}` : ''}</p>
<table><thead><tr><th scope="col">${esc(t('deadline'))}</th><th scope="col">${esc(t('due'))}</th><th scope="col">${esc(t('state'))}</th></tr></thead><tbody>${clocks
    .map(
      (k) =>
        `<tr><td>${esc(k.name)}</td><td>${time(v, k.dueAt)}</td><td><span class="state-${esc(k.state)}">${esc(label(t, k.state))}</span>${
          k.state === 'pending'
            ? ` · ${esc(timeLeft(k.dueAt, v.now, t))}`
            : k.state === 'met' && k.metAt
              ? ` · ${time(v, k.metAt)}`
              : k.missedAt
                ? ` · ${time(v, k.missedAt)}`
                : ''
        }</td></tr>`,
    )
    .join('')}${(c.upcoming ?? [])
    .filter((u) => !clocks.some((k) => k.state === 'pending' && k.dueAt === u.at))
    .map(
      (u) =>
        `<tr><td>${esc(u.name)} <span class="muted">(${esc(u.waitingFor)})</span></td><td>${time(v, u.at)}</td><td><span class="state-pending">${esc(t('pending'))}</span> · ${esc(timeLeft(u.at, v.now, t))}</td></tr>`,
    )
    .join('')}</tbody></table></section>`;
  const customer = m.full
    ? `<section class="card" aria-labelledby="h-customer"><h2 id="h-customer">${esc(t('customer'))}</h2><dl class="facts">
<dt>${esc(t('name'))}</dt><dd>${esc(c.customer.name)}</dd>
${c.customer.email ? `<dt>${esc(t('email'))}</dt><dd>${esc(c.customer.email)}</dd>` : ''}
${c.customer.phone ? `<dt>${esc(t('phone'))}</dt><dd>${esc(c.customer.phone)}</dd>` : ''}
<dt>${esc(t('customerLanguage'))}</dt><dd>${esc(c.customer.language)}</dd>
<dt>${esc(t('channel'))}</dt><dd>${esc(c.channel)}</dd>
${c.order ? `<dt>${esc(t('order'))}</dt><dd>${esc(c.order.reference)}${c.order.amount !== undefined ? ` · ${esc(c.order.amount)} ${esc(c.order.currency ?? '')}` : ''}${c.order.purchaseDate ? ` · ${esc(c.order.purchaseDate)}` : ''}</dd>` : ''}
<dt>${esc(t('subject'))}</dt><dd>${esc(c.subject)}</dd>
<dt>${esc(t('description'))}</dt><dd>${esc(c.description)}</dd></dl></section>`
    : `<p class="notice">${esc(t('restricted'))}</p>`;
  const openTasks = c.tasks.filter((k) => !k.closedAt && !k.doneAt);
  const tasks = `<section class="card" aria-labelledby="h-tasks"><h2 id="h-tasks">${esc(t('tasks'))}</h2>${
    openTasks.length
      ? `<ul class="plain" style="list-style:none;padding:0">${openTasks.map((k) => taskHtml(v, k, m)).join('')}</ul>`
      : `<p>${esc(t('noTasks'))}</p>`
  }</section>`;
  const notes = c.timeline.filter((e) => e.kind === 'note');
  const notesHtml = m.full
    ? `<section class="card" aria-labelledby="h-notes"><h2 id="h-notes">${esc(t('notes'))}</h2>${notes.length ? `<ol class="timeline">${notes.map((e) => entryHtml(v, e, true)).join('')}</ol>` : `<p>${esc(t('noNotes'))}</p>`}</section>`
    : '';
  // A form this page does not show (the stage has moved on, or it is not this person's) keeps its
  // error at the top of the actions, so no refusal goes unseen.
  const stray =
    m.form &&
    (m.form.taskId
      ? !c.tasks.some((k) => k.id === m.form!.taskId && !k.closedAt && !k.doneAt)
      : !(m.actions as string[]).includes(m.form.action))
      ? problemBox(v, m.form)
      : '';
  const actions = `<section class="card" aria-labelledby="h-actions"><h2 id="h-actions">${esc(t('actions'))}</h2>${stray}${
    m.actions.length ? m.actions.map((a) => actionForm(v, a, m)).join('\n') : `<p>${esc(t('noActions'))}</p>`
  }</section>`;
  const timeline = `<section class="card" aria-labelledby="h-timeline"><h2 id="h-timeline">${esc(t('timeline'))}</h2><ol class="timeline">${[
    ...c.timeline,
  ]
    .reverse()
    .map((e) => entryHtml(v, e, m.full))
    .join('')}</ol></section>`;
  const head = `<h1>${esc(t('caseTitle', { reference: c.reference }))}</h1>
<p><span class="badge b-waiting">${esc(stageLabel(t, c.stage))}</span> ${esc(c.priority)} · ${esc(c.category)} · ${esc(t('owner2'))}: ${esc(c.owner.name)} · ${esc(t('received'))} ${time(v, c.receivedAt)}</p>
<p><a href="/console/next?after=${esc(c.complaintId)}" data-key="next">${esc(t('nextCase'))}</a>${m.webUi ? ` · <a href="${esc(m.webUi)}" rel="noreferrer">${esc(t('openInTemporal'))}</a>` : ''}</p>`;
  const done = m.done
    ? `<p class="notice" role="status">${esc(t('done', { action: label(t, `action.${m.done}`) }))}</p>`
    : '';
  return layout(
    v,
    t('caseTitle', { reference: c.reference }),
    `${head}${done}<div class="grid"><div>${customer}${deadlines}${tasks}${notesHtml}</div><div>${actions}${timeline}</div></div>`,
    'queue',
  );
}
