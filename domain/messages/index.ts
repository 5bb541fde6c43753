// Renders every e-mail complaint-desk sends, to customers (five languages) and to staff (English or
// Polish, each in the reader's own language and time zone).
// Pure: no I/O, no clock. The sending activity calls renderMessage and hands the result to the
// mail provider; the tag is the template id, so delivery statistics can be split by template.
import {
  button,
  isBlank,
  ltr,
  p,
  renderBlocksHtml,
  renderHtml,
  renderText,
  signature,
  subjectLine,
  t,
} from './blocks';
import type { Block } from './blocks';
import {
  formatDate,
  formatDay,
  formatMoney,
  formatPercent,
  isRightToLeft,
  MessageRenderError,
  resolveLanguage,
} from './format';
import { en } from './i18n/en';
import { et } from './i18n/et';
import { he } from './i18n/he';
import type { ChatWords, CustomerPack, Draft, Helpers } from './i18n/pack';
import { pl } from './i18n/pl';
import { sv } from './i18n/sv';
import { staffTemplates, type StaffDraft, type StaffHelpers, type StaffTemplates } from './staff';
import { staffChromePl, staffTemplatesPl } from './staff-pl';
import { staffLanguages, type StaffLanguage } from '../types';
import type {
  CustomerMessage,
  CustomerMessageKind,
  Language,
  Message,
  MessageKind,
  RenderContext,
  RenderedMessage,
  ResolutionLetterMessage,
  StaffMessage,
  StaffMessageKind,
} from './types';

export * from './types';
export {
  escapeHtml,
  formatDate,
  formatDay,
  isRightToLeft,
  localeFor,
  MessageRenderError,
  resolveLanguage,
} from './format';

/** Fails to compile when `kinds` leaves out a member of T (keeps the lists below complete). */
const allOf =
  <T extends string>() =>
  <A extends readonly T[]>(
    kinds: A & ([Exclude<T, A[number]>] extends [never] ? unknown : 'missing kinds'),
  ): A =>
    kinds;

export const customerMessageKinds = allOf<CustomerMessageKind>()([
  'acknowledgement',
  'diagnosis',
  'diagnosisDelay',
  'reopenNotice',
  'questions',
  'questionsReminder',
  'noResponseClosure',
  'progressUpdate',
  'delayNotice',
  'extensionNotice',
  'resolutionLetter',
  'surveyInvitation',
  'surveyReminder',
  'followUpNotice',
  'withdrawalConfirmation',
  'reassignmentNotice',
] as const);

export const staffMessageKinds = allOf<StaffMessageKind>()([
  'newCase',
  'callTask',
  'escalation',
  'customerMessageNotice',
  'unverifiedMessageNotice',
  'statutoryWarning',
  'statutoryBreach',
  'overdueReminder',
  'approvalRequest',
  'followUpOpened',
] as const);

export const messageKinds: readonly MessageKind[] = [...customerMessageKinds, ...staffMessageKinds];

export function isStaffMessage(message: Message): message is StaffMessage {
  return (staffMessageKinds as readonly string[]).includes(message.kind);
}

const packs: Record<Language, CustomerPack> = { en, pl, sv, et, he };

/** A messenger's words outside any case, in the customer's language (#20). */
export function chatWords(language: Language): ChatWords {
  return packs[language].chat;
}

/**
 * Which template a message uses; also its tag at the mail provider. A progress update with the
 * owner's own words reads differently from the system's "still working on it" note.
 */
export function templateFor(message: Message): string {
  if (message.kind === 'progressUpdate') {
    return message.sentBy === 'owner' && !isBlank(message.message)
      ? 'progress-update-owner'
      : 'progress-update-system';
  }
  return message.kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function requireText(value: unknown, field: string, kind: string): void {
  if (typeof value !== 'string' || isBlank(value)) {
    throw new MessageRenderError(`${kind}: ${field} is required`);
  }
}

/** Subjects are header text: no line breaks, whatever a name contains. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

export function renderMessage(message: Message, ctx: RenderContext): RenderedMessage {
  if (!message || typeof message !== 'object' || !messageKinds.includes(message.kind)) {
    throw new MessageRenderError(
      `unknown message kind: ${String((message as { kind?: unknown } | null)?.kind)}`,
    );
  }
  requireText(message.reference, 'reference', message.kind);
  return isStaffMessage(message) ? renderStaff(message, ctx) : renderCustomer(message, ctx);
}

function renderCustomer(message: CustomerMessage, ctx: RenderContext): RenderedMessage {
  const language = resolveLanguage(ctx.language);
  const pack = packs[language];
  const rtl = isRightToLeft(language);
  const signer = message.kind === 'reassignmentNotice' ? message.newOwnerName : message.ownerName;
  requireText(signer, message.kind === 'reassignmentNotice' ? 'newOwnerName' : 'ownerName', message.kind);

  const helpers: Helpers = {
    dateTime: (iso, field) => formatDate(iso, language, ctx.timeZone, `${message.kind}.${field ?? 'date'}`),
    day: (iso, field) => formatDay(iso, language, ctx.timeZone, `${message.kind}.${field ?? 'date'}`),
    money: (amount, currency) => formatMoney(amount, currency, language),
    percent: (value) => formatPercent(value, language),
    ref: ltr(message.reference),
  };
  const normalised: CustomerMessage = message.kind === 'resolutionLetter' ? letterTimeline(message) : message;
  const draft = (pack.templates[normalised.kind] as (m: CustomerMessage, h: Helpers) => Draft)(
    normalised,
    helpers,
  );
  const formal = draft.formal ?? false;

  const blocks: Block[] = [
    p(pack.greeting(message.customerName ?? '', formal)),
    // In a messenger chat the customer answers in the chat, not to an e-mail (#20).
    ...(ctx.medium === 'chat' ? draft.blocks.map((b) => reworded(b, pack.chatWording)) : draft.blocks),
    ...(draft.statusLink !== false && message.statusUrl
      ? [button(pack.statusLinkLabel, message.statusUrl)]
      : []),
    signature(
      [
        pack.signOff(formal),
        signer,
        message.kind === 'acknowledgement' ? message.ownerRole : undefined,
        ctx.organisationName,
      ].filter((line): line is string => !isBlank(line)),
    ),
  ];
  const subject = subjectLine(oneLine(draft.subject), message.reference, rtl);
  // A chat has no subject line to keep the reference in: the footer is the reference alone.
  const footer = ctx.medium === 'chat' ? t`${helpers.ref}` : pack.footer(helpers.ref);
  const doc = { lang: language, rtl, subject, blocks, footer };
  return { subject, html: renderHtml(doc), text: renderText(doc), tag: templateFor(message) };
}

/**
 * The letter's summary is a chronology: entries in time order whatever order they came in, and an
 * entry repeating the explanation or apology word for word (the decision's note) shows only its
 * label, since the letter already says it in full.
 */
function letterTimeline(letter: ResolutionLetterMessage): ResolutionLetterMessage {
  const said = new Set(
    [letter.explanation, letter.apology].map((s) => (s ?? '').trim()).filter((s) => s !== ''),
  );
  return {
    ...letter,
    timeline: [...letter.timeline]
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
      .map((e) => (e.text !== undefined && said.has(e.text.trim()) ? { at: e.at, kind: e.kind } : e)),
  };
}

/**
 * The desk's paragraphs as a printed letter says them: "reply to this e-mail" becomes "write to us
 * at the address at the top of this letter" — or, when the letterhead prints no address of ours,
 * words that promise none. Someone's own words (verbatim blocks) are printed as written.
 */
function paperWording(pack: CustomerPack, ourAddress: boolean): CustomerPack['paperWording'] {
  return ourAddress ? pack.paperWording : [...pack.paperWording, ...pack.paperWordingWithoutAddress];
}

/** A paragraph with each e-mail phrase replaced by its counterpart (paper, chat). */
function reworded(block: Block, pairs: CustomerPack['paperWording']): Block {
  if (block.type !== 'paragraph') return block;
  const paper = (text: string) => pairs.reduce((s, [mail, other]) => s.split(mail).join(other), text);
  return {
    type: 'paragraph',
    content: block.content.map((seg) => (typeof seg === 'string' ? paper(seg) : seg)),
  };
}

/** "UTC" for UTC and its aliases, else the IANA name ("Europe/Warsaw"). */
function zoneLabel(timeZone: string): string {
  return /^(Etc\/)?(UTC|UCT|GMT|Zulu|Universal)$/i.test(timeZone) ? 'UTC' : timeZone;
}

const staffPacks: Record<
  StaffLanguage,
  {
    templates: StaffTemplates;
    greeting: (name: string) => string;
    button: string;
    footer: (reference: string) => ReturnType<typeof t>;
  }
> = {
  en: {
    templates: staffTemplates,
    greeting: (name) => (isBlank(name) ? 'Hi,' : `Hi ${name},`),
    button: 'Open the case in the console',
    footer: (reference) => t`Automatic notice from complaint-desk about ${reference}.`,
  },
  pl: { templates: staffTemplatesPl, ...staffChromePl },
};

function renderStaff(message: StaffMessage, ctx: RenderContext): RenderedMessage {
  // In the reader's language (English unless it is one staff notices are written in), every date in
  // the reader's zone, named: staff work across zones.
  const language: StaffLanguage = (staffLanguages as readonly string[]).includes(ctx.language)
    ? (ctx.language as StaffLanguage)
    : 'en';
  const pack = staffPacks[language];
  const helpers: StaffHelpers = {
    dateTime: (iso, field) =>
      `${formatDate(iso, language, ctx.timeZone, `${message.kind}.${field ?? 'date'}`)} (${zoneLabel(ctx.timeZone)})`,
  };
  const draft = (pack.templates[message.kind] as (m: StaffMessage, h: StaffHelpers) => StaffDraft)(
    message,
    helpers,
  );
  const blocks: Block[] = [
    p(pack.greeting(draft.recipientName)),
    ...draft.blocks,
    ...(draft.caseUrl ? [button(pack.button, draft.caseUrl)] : []),
  ];
  const subject = subjectLine(oneLine(draft.subject), message.reference, false);
  const doc = { lang: language, rtl: false, subject, blocks, footer: pack.footer(message.reference) };
  return { subject, html: renderHtml(doc), text: renderText(doc), tag: templateFor(message) };
}

/**
 * A customer message as a printed letter: the same words as its e-mail, with the formal greeting
 * and sign-off and no button (paper cannot be clicked); where the e-mail says "reply to this
 * e-mail" the letter sends the customer to our address on the letterhead (`ourAddress`: the page
 * prints it; without it no letter mentions one), and spells out the status page's address where
 * the e-mail has its button. The page around it is the caller's.
 */
export function renderLetter(
  message: CustomerMessage,
  ctx: RenderContext & { ourAddress?: boolean },
): { subject: string; lang: Language; rtl: boolean; bodyHtml: string } {
  const language = resolveLanguage(ctx.language);
  const pack = packs[language];
  const rtl = isRightToLeft(language);
  const signer = message.kind === 'reassignmentNotice' ? message.newOwnerName : message.ownerName;
  requireText(signer, 'ownerName', message.kind);
  const helpers: Helpers = {
    dateTime: (iso, field) => formatDate(iso, language, ctx.timeZone, `${message.kind}.${field ?? 'date'}`),
    day: (iso, field) => formatDay(iso, language, ctx.timeZone, `${message.kind}.${field ?? 'date'}`),
    money: (amount, currency) => formatMoney(amount, currency, language),
    percent: (value) => formatPercent(value, language),
    ref: ltr(message.reference),
    paper: true,
  };
  const normalised: CustomerMessage = message.kind === 'resolutionLetter' ? letterTimeline(message) : message;
  const draft = (pack.templates[normalised.kind] as (m: CustomerMessage, h: Helpers) => Draft)(
    normalised,
    helpers,
  );
  const wording = paperWording(pack, ctx.ourAddress ?? false);
  const blocks: Block[] = [
    p(pack.greeting(message.customerName ?? '', true)),
    // Paper cannot be clicked: a button prints as its label and its address spelled out.
    ...draft.blocks.map((block) =>
      block.type === 'button' ? p([`${block.label}: `, ltr(block.url)]) : reworded(block, wording),
    ),
    ...(draft.statusLink !== false && message.statusUrl ? [p(pack.statusOnPaper(message.statusUrl))] : []),
    signature(
      [
        pack.signOff(true),
        signer,
        message.kind === 'acknowledgement' ? message.ownerRole : undefined,
        ctx.organisationName,
      ].filter((line): line is string => !isBlank(line)),
    ),
  ];
  return { subject: oneLine(draft.subject), lang: language, rtl, bodyHtml: renderBlocksHtml(blocks, rtl) };
}
