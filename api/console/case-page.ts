// The case page: the live case (read from its workflow), its conversation with the customer, its
// deadlines and tasks in words, and a form for exactly the actions the stage allows this person.
// Forms mark their required fields, pick dates in the viewer's zone, and say what is wrong in the
// staff member's language (never the schema's words). Pure: the routes fetch, this draws.
import type { CaseView, Task, TimelineEntry } from '../../domain/case';
import type { DocumentationChoice, Policy } from '../../domain/types';
import { isTaskLetter, letterOfTask, type LetterKind } from '../../domain/letters';
import type { FieldError } from '../problems';
import type { RoutedAction } from '../complaints/schemas';
import { actionForms, type FieldSpec, type FormValues } from './forms';
import { isMessageKey, type ConsoleLanguage, type MessageKey, type Translate } from './i18n';
import {
  channelLabel,
  deadlineLabel,
  humanise,
  languageLabel,
  priorityLabel,
  purposeLabel,
  stageLabel,
  taskLabel,
  timelineLabel,
  waitingLabel,
} from './labels';
import { conversation, type ThreadEntry } from './thread';
import { isoToLocalInput, timeLeft } from './time';
import { badgeHtml, categoryOf, csrfField, esc, layout, nameOf, named, time, type Viewer } from './views';

export interface FormState {
  action: RoutedAction | 'task-completion' | 'letter-sent';
  /** For task forms: which task. */
  taskId?: string;
  values: FormValues;
  /** What went wrong, already in the viewer's language. */
  message: string;
  errors: FieldError[];
  /** A refusal of the case (409, 422), not the form's fields. */
  refused?: boolean;
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

/** The documentation lists as the viewer reads them: each choice by its label in their language. */
export function documentationChoices(
  lists: Policy['documentation'],
  language: ConsoleLanguage,
): CaseModel['documentationLists'] {
  const inLanguage = (c: DocumentationChoice): Choice => ({ id: c.id, name: c.labels?.[language] ?? c.name });
  return {
    rootCauseCategories: lists.rootCauseCategories.map(inLanguage),
    contributingFactors: lists.contributingFactors.map(inLanguage),
  };
}

const label = (t: Translate, key: string, fallback = humanise(key.replace(/^[a-z]+\./, ''))) =>
  isMessageKey(key) ? t(key) : fallback;

/** A field error in the staff member's words: what to do, never the schema's sentence. */
export function fieldMessage(t: Translate, message: string): string {
  if (/^required|must not be empty/.test(message)) return t('errRequired');
  if (/ISO 8601|date-time/.test(message)) return t('errDate');
  if (/must not be in the future/.test(message)) return t('errPast');
  if (/must be in the future/.test(message)) return t('errFuture');
  const max = /at most (\d+) characters/.exec(message);
  if (max) return t('errTooLong', { max: max[1] });
  if (/ask at least one question/.test(message)) return t('errQuestions');
  if (/needs its currency/.test(message)) return t('errCurrency');
  // The case's own check of a number against its policy ("score: a whole number from 1 to 5.").
  const range = /a whole number from (-?\d+) to (-?\d+)/.exec(message);
  if (range) return t('errRange', { min: range[1], max: range[2] });
  if (/expected (a number|a whole number)/.test(message)) return t('errNumber');
  if (/Invalid option|expected one of|unknown owner|true or false|expected text/.test(message))
    return t('errChoose');
  return t('errInvalid');
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
  const required = !spec.optional && spec.kind !== 'checkbox' && spec.kind !== 'factors';
  // A field's own hint (text the customer gets) is read with it, as a date's zone is.
  const hint = spec.hint && isMessageKey(spec.hint) ? t(spec.hint) : '';
  const describedBy = [
    errs.length ? errorId : '',
    spec.kind === 'datetime' ? `${id}-hint` : '',
    hint ? `${id}-about` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const attrs = `${required ? ' required aria-required="true"' : ''}${errs.length ? ' aria-invalid="true"' : ''}${describedBy ? ` aria-describedby="${describedBy}"` : ''}`;
  const errorHtml = errs.length
    ? `<p class="field-error" id="${errorId}">${[...new Set(errs.map((e) => fieldMessage(t, e.message)))].map((l) => esc(l)).join(' ')}</p>`
    : '';
  const hintHtml = hint ? `<p class="hint" id="${id}-about">${esc(hint)}</p>` : '';
  const mark = required ? ` <span class="req" aria-hidden="true">*</span>` : '';
  const text = `${esc(label(t, spec.label ?? `field.${spec.name}`))}${spec.optional ? ` <span class="muted">${esc(t('optional'))}</span>` : ''}${mark}`;
  switch (spec.kind) {
    case 'textarea':
    case 'lines':
      return `<label for="${id}">${text}</label>${hintHtml}${errorHtml}<textarea id="${id}" name="${esc(spec.name)}"${attrs}>${esc(value)}</textarea>`;
    case 'datetime': {
      // The picker shows and takes the viewer's wall-clock time; the route reads it in their zone.
      const min = isoToLocalInput(new Date(v.now).toISOString(), v.zone);
      return `<label for="${id}">${text}</label><p class="hint" id="${id}-hint">${esc(t('dateHint', { zone: v.zone }))}</p>${hintHtml}${errorHtml}<input type="datetime-local" id="${id}" name="${esc(spec.name)}" value="${esc(value)}" min="${esc(min)}" step="60"${attrs}>`;
    }
    case 'number': {
      const range = spec.range?.(m.view);
      const bounds = range ? ` min="${esc(range.min)}" max="${esc(range.max)}"` : '';
      return `<label for="${id}">${text}</label>${hintHtml}${errorHtml}<input type="number" step="${esc(spec.step ?? 'any')}"${bounds} id="${id}" name="${esc(spec.name)}" value="${esc(value)}"${attrs}>`;
    }
    case 'checkbox':
      return `<p><input type="checkbox" id="${id}" name="${esc(spec.name)}" value="true"${value === 'true' ? ' checked' : ''}${attrs}> <label for="${id}" class="inline">${text}</label></p>${errorHtml}`;
    case 'choice': {
      const optionLabel = (o: string) => label(t, `${spec.optionLabels ?? ''}${o}`, humanise(o));
      if ((spec.options ?? []).length <= 3)
        return `<fieldset${errs.length ? ` aria-invalid="true" aria-describedby="${errorId}"` : ''}><legend>${text}</legend>${errorHtml}${(
          spec.options ?? []
        )
          .map(
            (o) =>
              `<input type="radio" id="${id}-${esc(o)}" name="${esc(spec.name)}" value="${esc(o)}"${value === o ? ' checked' : ''}${required ? ' required' : ''}> <label for="${id}-${esc(o)}">${esc(optionLabel(o))}</label>`,
          )
          .join(' ')}</fieldset>`;
      return `<label for="${id}">${text}</label>${errorHtml}<select id="${id}" name="${esc(spec.name)}"${attrs}><option value=""></option>${(
        spec.options ?? []
      )
        .map(
          (o) => `<option value="${esc(o)}"${value === o ? ' selected' : ''}>${esc(optionLabel(o))}</option>`,
        )
        .join('')}</select>`;
    }
    case 'category':
      return `<label for="${id}">${text}</label>${errorHtml}<select id="${id}" name="${esc(spec.name)}"${attrs}><option value=""></option>${m.documentationLists.rootCauseCategories
        .map(
          (c) => `<option value="${esc(c.id)}"${value === c.id ? ' selected' : ''}>${esc(c.name)}</option>`,
        )
        .join('')}</select>`;
    case 'factors': {
      const checked = new Set(value.split('\n'));
      return `<fieldset${errs.length ? ` aria-invalid="true" aria-describedby="${errorId}"` : ''}><legend>${text}</legend>${errorHtml}${m.documentationLists.contributingFactors
        .map(
          (c) =>
            `<p><input type="checkbox" id="${id}-${esc(c.id)}" name="${esc(spec.name)}" value="${esc(c.id)}"${checked.has(c.id) ? ' checked' : ''}> <label for="${id}-${esc(c.id)}" class="inline">${esc(c.name)}</label></p>`,
        )
        .join('')}</fieldset>`;
    }
    case 'owner':
      return `<label for="${id}">${text}</label>${errorHtml}<select id="${id}" name="${esc(spec.name)}"${attrs}><option value=""></option>${m.owners
        .map(
          (o) => `<option value="${esc(o.id)}"${value === o.id ? ' selected' : ''}>${esc(o.name)}</option>`,
        )
        .join('')}</select>`;
    default:
      return `<label for="${id}">${text}</label>${hintHtml}${errorHtml}<input type="text" id="${id}" name="${esc(spec.name)}" value="${esc(value)}"${attrs}>`;
  }
}

function problemBox(v: Viewer, form: FormState): string {
  const { t } = v;
  if (form.refused) return `<div class="problem" role="alert"><p>${esc(form.message)}</p></div>`;
  // Errors of fields this form does not have (the body as a whole) are listed here.
  const loose = form.errors.filter((e) => !e.field);
  return `<div class="problem" role="alert"><p><strong>${esc(t('fixErrors'))}</strong></p>${
    loose.length ? `<ul>${loose.map((e) => `<li>${esc(fieldMessage(t, e.message))}</li>`).join('')}</ul>` : ''
  }</div>`;
}

function actionForm(v: Viewer, action: RoutedAction, m: CaseModel): string {
  const { t } = v;
  const form = m.form?.action === action && !m.form.taskId ? m.form : undefined;
  const open = form || ((action === 'diagnosis' || action === 'notes') && m.actions.length <= 3);
  const title = t(`action.${action}` as MessageKey);
  const anyRequired = actionForms[action].some(
    (s) => !s.optional && s.kind !== 'checkbox' && s.kind !== 'factors',
  );
  return `<details class="action" id="form-${action}"${open ? ' open' : ''}><summary>${esc(title)}</summary>
${form ? problemBox(v, form) : ''}
<form method="post" action="/console/cases/${esc(m.view.complaintId)}/actions/${action}" aria-label="${esc(title)}">${csrfField(v)}<input type="hidden" name="_form" value="${esc(m.nonce)}">
${anyRequired ? `<p class="muted"><span class="req" aria-hidden="true">*</span> ${esc(t('required'))}</p>` : ''}
${actionForms[action].map((s) => fieldHtml(v, action, s, m)).join('\n')}
<p><button type="submit">${esc(title)}</button></p></form></details>`;
}

const letterHref = (id: string, kind: string) => `/console/cases/${esc(id)}/letters/${esc(kind)}`;
/** A letter's name in words: the two standing letters by name; a task's own letter by its task. */
const letterLabel = (t: Viewer['t'], name: string, fallback: string): string =>
  isTaskLetter(name) ? fallback : t(`letter.${name as LetterKind}`);

function taskHtml(v: Viewer, task: Task, m: CaseModel): string {
  const { t } = v;
  const id = m.view.complaintId;
  const form = m.form?.taskId === task.id ? m.form : undefined;
  const canCall = m.actions.includes('calls') && task.kind === 'call';
  const letter = letterOfTask(task);
  const opensLetters = m.full && m.canCompleteTasks;
  return `<li class="card task" id="task-${esc(task.id)}"><p><strong>${esc(taskLabel(t, task))}</strong>${task.dueBy ? ` · ${esc(t('due'))} ${time(v, task.dueBy)} <span class="muted">(${esc(timeLeft(task.dueBy, v.now, t))})</span>` : ''}</p>
${task.note && m.full ? `<p class="muted">${esc(named(v, task.note, m.view.tasks))}</p>` : ''}
${form ? problemBox(v, form) : ''}
${
  letter && opensLetters
    ? `<p><a href="${letterHref(id, letter)}" class="button" data-letter>${esc(t('openLetter'))}: ${esc(letterLabel(t, letter, taskLabel(t, task)))}</a> <a href="${letterHref(id, letter)}.pdf" download>${esc(t('downloadPdf'))}</a></p>
<form method="post" action="${letterHref(id, letter)}/sent" class="inline">${csrfField(v)}<input type="hidden" name="_form" value="${esc(m.nonce)}-letter-${esc(task.id)}"><input type="hidden" name="_task" value="${esc(task.id)}"><p><button type="submit">${esc(t('markLetterSent'))}</button></p></form>`
    : ''
}
${
  m.canCompleteTasks && !letter
    ? `<form method="post" action="/console/cases/${esc(id)}/tasks/${esc(task.id)}/completion" class="inline">${csrfField(v)}<input type="hidden" name="_form" value="${esc(m.nonce)}-${esc(task.id)}">
<label for="done-${esc(task.id)}">${esc(t('note'))} <span class="muted">${esc(t('optional'))}</span></label><input type="text" id="done-${esc(task.id)}" name="note">
<p><button type="submit" class="secondary">${esc(t('markDone'))}</button></p></form>`
    : ''
}
${
  canCall
    ? `<form method="post" action="/console/cases/${esc(id)}/actions/calls">${csrfField(v)}<input type="hidden" name="_form" value="${esc(m.nonce)}-call-${esc(task.id)}"><input type="hidden" name="taskId" value="${esc(task.id)}"><input type="hidden" name="_task" value="${esc(task.id)}">
<fieldset><legend>${esc(t('reached'))} <span class="req" aria-hidden="true">*</span></legend><input type="radio" id="reached-yes-${esc(task.id)}" name="reached" value="yes" required> <label for="reached-yes-${esc(task.id)}">${esc(t('yes'))}</label> <input type="radio" id="reached-no-${esc(task.id)}" name="reached" value="no" required> <label for="reached-no-${esc(task.id)}">${esc(t('no'))}</label></fieldset>
<label for="call-note-${esc(task.id)}">${esc(t('note'))} <span class="muted">${esc(t('optional'))}</span></label><input type="text" id="call-note-${esc(task.id)}" name="note">
<p><button type="submit">${esc(t('logCall'))}</button></p></form>`
    : ''
}</li>`;
}

/**
 * Entries that are a person's own words, shown as written: a staff note, and what the customer or
 * the owner said to the other (the customer's message, a progress update, a follow-up: the text the
 * customer's timeline shows too). The case's own entries of those kinds ("A message arrived after
 * the case closed.", "Follow-up opened after the survey…") are its sentences, read in the viewer's
 * language like every other.
 */
const ownWords = (e: TimelineEntry): boolean =>
  e.kind === 'note' ||
  e.customerKind === 'customer-answer' ||
  (e.customerText !== undefined && e.customerText === e.text);

const entryHtml = (v: Viewer, e: TimelineEntry, full: boolean, tasks: readonly Task[]) =>
  `<li>${time(v, e.at)} · <strong>${esc(timelineLabel(v.t, e.kind))}</strong>${full && e.by ? ` · ${esc(nameOf(v, e.by))}` : ''}${full ? `<p>${esc(ownWords(e) ? e.text : named(v, e.text, tasks))}</p>` : ''}</li>`;

function threadEntryHtml(v: Viewer, e: ThreadEntry, m: CaseModel): string {
  const { t } = v;
  const id = m.view.complaintId;
  switch (e.kind) {
    case 'complaint':
      return `<li class="msg in"><p class="meta">${time(v, e.at)} · <strong>${esc(t('theComplaint'))}</strong> · ${esc(t('viaChannel', { channel: channelLabel(t, e.channel) }))}${e.senderDate ? ` · <span class="sender-date">${esc(t('senderDate'))}: ${senderTime(v, e.senderDate)}</span>` : ''}</p>
<p class="subject">${esc(e.subject)}</p><p class="words">${esc(e.text)}</p>${
        e.files.length
          ? `<p class="files"><strong>${esc(t('attachments'))}:</strong></p><ul class="files">${e.files
              .map(
                (f) =>
                  `<li><a href="/console/cases/${esc(id)}/attachments/${esc(f.id)}" download data-attachment>${esc(f.name)}</a> <span class="muted">(${esc(f.type)}, ${esc(Math.round(f.size / 1024))} KB)</span></li>`,
              )
              .join('')}</ul>`
          : ''
      }</li>`;
    case 'received':
      return `<li class="msg in"><p class="meta">${time(v, e.at)} · <strong>${esc(t('fromCustomer'))}</strong>${e.via ? ` · ${esc(t('viaChannel', { channel: channelLabel(t, e.via === 'portal' ? 'portal' : e.via) }))}` : ''}</p><p class="words">${esc(e.ofCase ? named(v, e.text, m.view.tasks) : e.text)}</p></li>`;
    case 'sent':
      return `<li class="msg out"><p class="meta">${time(v, e.at)} · <strong>${esc(t('toCustomer'))}</strong> · ${esc(t('viaChannel', { channel: channelLabel(t, e.via ?? 'email') }))}</p><p><strong>${esc(purposeLabel(t, e.purpose))}</strong> <span class="delivery d-${e.state}">${esc(t(`delivery.${e.state}`))}</span>${
        e.state === 'sent' && e.settledAt ? ` <span class="muted">${time(v, e.settledAt)}</span>` : ''
      }${e.state === 'delayed' && e.delayedSince ? ` <span class="muted">${time(v, e.delayedSince)}</span>` : ''}</p></li>`;
    case 'letter':
      return `<li class="msg out"><p class="meta">${time(v, e.at)} · <strong>${esc(t('toCustomer'))}</strong> · ${esc(t('viaChannel', { channel: channelLabel(t, 'letter') }))}</p><p><strong>${esc(e.letter && !isTaskLetter(e.letter) ? letterLabel(t, e.letter, '') : purposeLabel(t, e.purpose))}</strong> <span class="delivery d-sent">${esc(t('letterDone'))}</span>${e.by ? ` <span class="muted">${esc(nameOf(v, e.by))}</span>` : ''}${
        e.letter ? ` · <a href="${letterHref(id, e.letter)}">${esc(t('openLetter'))}</a>` : ''
      }</p>${e.note ? `<p class="words">${esc(named(v, e.note, m.view.tasks))}</p>` : ''}</li>`;
    case 'call':
      return `<li class="msg out"><p class="meta">${time(v, e.at)} · <strong>${esc(t('callDone'))}</strong> · ${esc(t('viaChannel', { channel: channelLabel(t, 'phone') }))}</p><p class="words">${esc(named(v, e.text, m.view.tasks))}</p></li>`;
  }
}

function conversationHtml(v: Viewer, m: CaseModel): string {
  const { t } = v;
  const { thread, staff } = conversation(m.view);
  const staffHtml = staff.length
    ? `<details class="staff"><summary>${esc(t('staffNotices', { count: staff.length }))}</summary><ul class="plain">${staff
        .map(
          (s) =>
            `<li>${time(v, s.at)} · ${esc(purposeLabel(t, s.purpose))} · ${esc(t('toStaff', { name: nameOf(v, s.to) }))} <span class="delivery d-${s.state}">${esc(t(`delivery.${s.state}`))}</span></li>`,
        )
        .join('')}</ul></details>`
    : '';
  return `<section class="card" aria-labelledby="h-conversation"><h2 id="h-conversation">${esc(t('conversation'))}</h2>${
    thread.length
      ? `<ol class="thread">${thread.map((e) => threadEntryHtml(v, e, m)).join('')}</ol>`
      : `<p>${esc(t('noConversation'))}</p>`
  }${staffHtml}</section>`;
}

function promisesHtml(v: Viewer, c: CaseView): string {
  const { t } = v;
  const clocks = Object.values(c.clocks).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const stateLabel = (s: string) => label(t, s, s);
  return `<section class="card" aria-labelledby="h-promises"><h2 id="h-promises">${esc(t('promises'))}</h2>
<p>${esc(t('escalationLevel', { level: c.escalationLevel }))}${c.overdue ? ` ${badgeHtml(t, 'overdue')}` : ''}</p>
<table><thead><tr><th scope="col">${esc(t('promise'))}</th><th scope="col">${esc(t('due'))}</th><th scope="col">${esc(t('state'))}</th></tr></thead><tbody>${clocks
    .map(
      (k) =>
        `<tr><td>${esc(deadlineLabel(t, k.name))}</td><td>${time(v, k.dueAt)}</td><td><span class="state-${esc(k.state)}">${esc(stateLabel(k.state))}</span>${
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
        `<tr><td>${esc(deadlineLabel(t, u.name))} <span class="muted">(${esc(waitingLabel(t, u.waitingFor))})</span></td><td>${time(v, u.at)}</td><td><span class="state-pending">${esc(t('pending'))}</span> · ${esc(timeLeft(u.at, v.now, t))}</td></tr>`,
    )
    .join('')}</tbody></table></section>`;
}

/** The decision and the documentation, in words (the policy's names for causes and factors). */
function decisionHtml(v: Viewer, m: CaseModel): string {
  const { t } = v;
  const c = m.view;
  if (!c.resolution && !c.documentation) return '';
  const rows: string[] = [];
  const r = c.resolution;
  if (r) {
    rows.push(`<dt>${esc(t('outcome'))}</dt><dd>${esc(label(t, r.outcome, humanise(r.outcome)))}</dd>`);
    const remedy = r.remedy;
    const detail =
      remedy.kind === 'refund'
        ? ` · ${remedy.amount} ${remedy.currency}`
        : remedy.kind === 'voucher'
          ? ` · ${remedy.percent}% · ${remedy.validityDays} d`
          : '';
    rows.push(
      `<dt>${esc(t('remedy'))}</dt><dd>${esc(label(t, `remedy.${remedy.kind}`, humanise(remedy.kind)))}${esc(detail)}</dd>`,
    );
    if (r.approvedBy) rows.push(`<dt>${esc(t('approvedBy'))}</dt><dd>${esc(nameOf(v, r.approvedBy))}</dd>`);
  }
  const d = c.documentation;
  if (d) {
    const lists = m.documentationLists;
    const cause =
      lists.rootCauseCategories.find((x) => x.id === d.rootCauseCategory)?.name ?? d.rootCauseCategory;
    rows.push(
      `<dt>${esc(t('documentedCause'))}</dt><dd>${cause ? `${esc(cause)}: ` : ''}${esc(d.rootCause)}</dd>`,
      `<dt>${esc(t('factors'))}</dt><dd>${esc(
        d.contributingFactors
          .map((f) => lists.contributingFactors.find((x) => x.id === f)?.name ?? f)
          .join(', ') || '—',
      )}</dd>`,
      `<dt>${esc(t('responsible'))}</dt><dd>${d.responsiblePartyKind ? `${esc(label(t, `party.${d.responsiblePartyKind}`))}: ` : ''}${esc(d.responsibleParty)}</dd>`,
    );
  }
  return `<section class="card" aria-labelledby="h-decision"><h2 id="h-decision">${esc(t('decision'))}</h2><dl class="facts">${rows.join('')}</dl></section>`;
}

export function casePage(v: Viewer, m: CaseModel): string {
  const { t } = v;
  const c = m.view;
  const customer = m.full
    ? `<section class="card" aria-labelledby="h-customer"><h2 id="h-customer">${esc(t('customer'))}</h2><dl class="facts">
<dt>${esc(t('name'))}</dt><dd>${esc(c.customer.name)}</dd>
${c.customer.email ? `<dt>${esc(t('email'))}</dt><dd>${esc(c.customer.email)}</dd>` : ''}
${c.customer.phone ? `<dt>${esc(t('phone'))}</dt><dd>${esc(c.customer.phone)}</dd>` : ''}
${c.customer.fax ? `<dt>${esc(t('fax'))}</dt><dd>${esc(c.customer.fax)}</dd>` : ''}
${c.customer.postalAddress?.lines.length ? `<dt>${esc(t('postalAddress'))}</dt><dd class="address">${c.customer.postalAddress.lines.map((l) => esc(l)).join('<br>')}</dd>` : ''}
<dt>${esc(t('customerLanguage'))}</dt><dd>${esc(languageLabel(t, c.customer.language))}</dd>
<dt>${esc(t('channel'))}</dt><dd>${esc(channelLabel(t, c.channel))}</dd>
${c.order ? `<dt>${esc(t('order'))}</dt><dd>${esc(c.order.reference)}${c.order.amount !== undefined ? ` · ${esc(c.order.amount)} ${esc(c.order.currency ?? '')}` : ''}${c.order.purchaseDate ? ` · ${esc(c.order.purchaseDate)}` : ''}</dd>` : ''}
<dt>${esc(t('subject'))}</dt><dd>${esc(c.subject)}</dd></dl></section>`
    : `<p class="notice">${esc(t('restricted'))}</p>`;
  const openTasks = c.tasks.filter((k) => !k.closedAt && !k.doneAt);
  const tasks = `<section class="card" aria-labelledby="h-tasks"><h2 id="h-tasks">${esc(t('tasks'))}</h2>${
    openTasks.length
      ? `<ul class="plain">${openTasks.map((k) => taskHtml(v, k, m)).join('')}</ul>`
      : `<p>${esc(t('noTasks'))}</p>`
  }</section>`;
  const notes = c.timeline.filter((e) => e.kind === 'note');
  const notesHtml = m.full
    ? `<section class="card" aria-labelledby="h-notes"><h2 id="h-notes">${esc(t('notes'))}</h2>${notes.length ? `<ol class="timeline">${notes.map((e) => entryHtml(v, e, true, c.tasks)).join('')}</ol>` : `<p>${esc(t('noNotes'))}</p>`}</section>`
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
    .map((e) => entryHtml(v, e, m.full, c.tasks))
    .join('')}</ol></section>`;
  const head = `<h1>${esc(t('caseTitle', { reference: c.reference }))}</h1>
<p><span class="badge b-stage">${esc(stageLabel(t, c.stage))}</span> ${esc(priorityLabel(t, c.priority))} · ${esc(categoryOf(v, c.category))} · ${esc(t('owner2'))}: ${esc(c.owner.name)} · ${esc(t('received'))} ${time(v, c.receivedAt)}</p>
<p><a href="/console/next?after=${esc(c.complaintId)}" data-key="next">${esc(t('nextCase'))}</a>${m.webUi ? ` · <a href="${esc(m.webUi)}" rel="noreferrer">${esc(t('openInTemporal'))}</a>` : ''}</p>`;
  const done = m.done
    ? `<p class="notice" role="status">${esc(t('done', { action: label(t, `action.${m.done}`) }))}</p>`
    : '';
  return layout(
    v,
    t('caseTitle', { reference: c.reference }),
    `${head}${done}<div class="grid"><div>${customer}${m.full ? conversationHtml(v, m) : ''}${m.full ? decisionHtml(v, m) : ''}${promisesHtml(v, c)}</div><div>${tasks}${actions}${notesHtml}${timeline}</div></div>`,
    'queue',
  );
}

/** The console's toolbar above a printable letter: back, print, PDF, and marking it sent. */
export function letterToolbar(
  v: Viewer,
  complaintId: string,
  kind: string,
  opts: { canMarkSent: boolean; nonce: string; notice?: string },
): string {
  const { t } = v;
  const href = letterHref(complaintId, kind);
  return `<nav class="toolbar console-toolbar" aria-label="${esc(letterLabel(t, kind, t('openLetter')))}" lang="${v.language}" dir="ltr"><a href="/console/cases/${esc(complaintId)}">${esc(t('backToCase'))}</a> · <button type="button" data-print hidden>${esc(t('print'))}</button> <a href="${href}.pdf" download data-pdf>${esc(t('downloadPdf'))}</a>${
    opts.canMarkSent
      ? ` · <form method="post" action="${href}/sent" class="inline">${csrfField(v)}<input type="hidden" name="_form" value="${esc(opts.nonce)}-letter"><button type="submit">${esc(t('markLetterSent'))}</button></form>`
      : ''
  }${opts.notice ? `<p class="notice" role="status">${esc(opts.notice)}</p>` : ''}</nav>`;
}

/**
 * The sender's own date (an e-mail's Date header) as the page writes every time, in the viewer's
 * zone; one that does not read as a date, as written.
 */
function senderTime(v: Viewer, raw: string): string {
  const at = Date.parse(raw);
  return Number.isNaN(at) ? esc(raw) : time(v, new Date(at).toISOString());
}
