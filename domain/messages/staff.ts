// Staff notices, short and actionable: English here, Polish in staff-pl.ts (each roster member's
// `language`). Customer text (names, excerpts, comments) is shown verbatim, so it is escaped like
// everything else.
import { b, facts, isBlank, ltr, p, quote, t } from './blocks';
import type { Block } from './blocks';
import type { CallReason, StaffMessageKind, MessageOf } from './types';

export interface StaffHelpers {
  dateTime(iso: string, field?: string): string;
}

export interface StaffDraft {
  /** Without the reference: the renderer appends "[CD-…]". */
  subject: string;
  recipientName: string;
  blocks: Block[];
  caseUrl?: string;
}

export type StaffTemplates = { [K in StaffMessageKind]: (m: MessageOf<K>, h: StaffHelpers) => StaffDraft };

const callSubject: Record<CallReason, string> = {
  'no-email': 'no e-mail address on file',
  bounced: 'our e-mail bounced',
  'callback-on-intake': 'call back about the complaint',
  'resolution-call': 'explain the decision',
  paper: 'they correspond on paper',
  other: 'task',
};

/** Subjects stay short: the full note is in the body. */
const clip = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
};

function callReasonText(m: MessageOf<'callTask'>): string {
  const byPhone = m.taskKind !== 'write' && !isBlank(m.customerPhone);
  switch (m.reason) {
    case 'no-email':
      return 'We have no e-mail address for this customer, so every update has to reach them by phone (or by letter).';
    case 'bounced':
      return byPhone
        ? 'Our last e-mail to the customer bounced. Please call them, give them the update they missed, and check their e-mail address.'
        : 'Our last e-mail to the customer bounced and there is no phone number on file. Please write to them by post and check their contact details.';
    case 'callback-on-intake':
      // Honest: the customer did not ask; our policy calls every complainant back (seed 001 §1).
      return 'We call every customer back about their complaint, whatever channel they used: a call settles things faster than written exchanges. Please call them by the due time below; it escalates when missed.';
    case 'paper':
      return byPhone
        ? 'The customer complained on paper (a letter or a fax): please call them as the task says, and record the call on its task.'
        : 'The customer complained on paper (a letter or a fax), so they are answered in writing: print the letter from the case (it carries their address) and post or fax it, then mark the task done.';
    case 'resolution-call':
      return 'The decision is ready. Please call the customer and explain the outcome in person – especially if it is not what they hoped for – before the written letter goes out.';
    case 'other':
      return 'There is a task for you on this complaint.';
  }
}

function consequenceText(consequence: string): string {
  switch (consequence) {
    case 'deemed-accepted':
      return 'By law the complaint is now deemed accepted: the customer’s claim has to be honoured as if we had upheld it.';
    case 'breach-recorded':
      return 'The breach has been recorded on the case and will show in the deadline reports.';
    default:
      return `Consequence: ${consequence}`;
  }
}

const languageNames: Record<string, string> = {
  en: 'English',
  pl: 'Polish',
  sv: 'Swedish',
  et: 'Estonian',
  he: 'Hebrew',
};

export const staffTemplates: StaffTemplates = {
  newCase: (m, hh) => ({
    // The first word the owner has of the case: what it is and which promise falls due first.
    subject: `New case for you – ${m.priority} priority, ${m.categoryLabels?.en ?? m.category}`,
    recipientName: m.ownerName,
    caseUrl: m.caseUrl,
    blocks: [
      p(
        t`Complaint ${ltr(m.reference)} from ${m.customerName} has been assigned to you: you own it from start to finish. The customer has been told your name.`,
      ),
      facts([
        ['Reference', [ltr(m.reference)]],
        ['Category', m.categoryLabels?.en ?? m.category],
        ['Priority', m.priority],
        ['Channel', m.channel],
        ['Customer language', languageNames[m.customerLanguage] ?? m.customerLanguage],
        ['Received', hh.dateTime(m.receivedAt, 'receivedAt')],
        ['Acknowledgement due by', hh.dateTime(m.acknowledgementDueBy, 'acknowledgementDueBy')],
        ['Diagnosis or questions due by', hh.dateTime(m.diagnosisDueBy, 'diagnosisDueBy')],
      ]),
      p(
        t`Please give the customer a first assessment, or ask what you need to know, by ${b(hh.dateTime(m.diagnosisDueBy, 'diagnosisDueBy'))}. The complaint's words and the customer's contact details are on the case.`,
      ),
    ],
  }),

  callTask: (m, hh) => {
    const write = m.taskKind === 'write' || (m.reason === 'bounced' && isBlank(m.customerPhone));
    const verb = write ? 'Please contact' : 'Please call';
    return {
      // Addressed to the owner: it must never read as if it were meant for the customer.
      subject:
        m.reason === 'other'
          ? `Your task${isBlank(m.note) ? ' on a complaint' : `: ${clip(m.note ?? '', 70)}`}`
          : `Your task: ${write ? 'contact' : 'call'} ${m.customerName} – ${callSubject[m.reason]}`,
      recipientName: m.ownerName,
      caseUrl: m.caseUrl,
      blocks: [
        p('This is a task for you as the owner of the case; the customer does not see this e-mail.'),
        p(
          m.reason === 'other'
            ? t`There is a task for you on complaint ${ltr(m.reference)} (customer: ${m.customerName}).`
            : t`${verb} ${b(m.customerName)} about complaint ${ltr(m.reference)}.`,
        ),
        ...(m.reason === 'other' ? [] : [p(callReasonText(m))]),
        ...(isBlank(m.note) ? [] : [quote(m.note ?? '')]),
        facts([
          ['Customer', m.customerName],
          [
            'Phone',
            isBlank(m.customerPhone) ? 'none on file – check the case' : [ltr(m.customerPhone ?? '')],
          ],
          ...(m.dueBy ? [['Due by', hh.dateTime(m.dueBy, 'dueBy')] as const] : []),
          ['Reference', [ltr(m.reference)]],
        ]),
        p('Record the outcome on the case when you are done, so the customer’s timeline stays complete.'),
      ],
    };
  },

  escalation: (m) => ({
    subject: `Escalated to you – level ${m.level} (${m.levelName})`,
    recipientName: m.recipientName,
    caseUrl: m.caseUrl,
    blocks: [
      p(
        t`Complaint ${ltr(m.reference)}, handled by ${m.ownerName}, has been escalated to you at level ${String(m.level)} (${m.levelName}).`,
      ),
      p('Reason:'),
      quote(m.reason),
      p(
        t`Please review the case and agree the next step with ${m.ownerName}, so the customer is not left waiting.`,
      ),
    ],
  }),

  customerMessageNotice: (m) => ({
    subject: 'New message from the customer',
    recipientName: m.ownerName,
    caseUrl: m.caseUrl,
    blocks: [
      p(t`The customer has written about complaint ${ltr(m.reference)}:`),
      quote(m.excerpt),
      p('The full message is on the case. Please reply to the customer, or record why no reply is needed.'),
    ],
  }),

  unverifiedMessageNotice: (m) => ({
    subject: 'Unverified e-mail on a complaint',
    recipientName: m.ownerName,
    caseUrl: m.caseUrl,
    blocks: [
      p(
        m.reason === 'retired-address'
          ? t`An e-mail from ${ltr(m.sender)} reached complaint ${ltr(m.reference)} through a reply address the case no longer uses (it was changed):`
          : t`An e-mail from ${ltr(m.sender)} reached complaint ${ltr(m.reference)}, but that is not the customer’s address:`,
      ),
      quote(m.excerpt),
      p(
        'It is not part of the customer’s record, and nothing in it is shown or quoted to the customer. Do not act on it before you know who sent it.',
      ),
      p(
        'If it is the customer writing from another address, confirm the sender on the case (“Confirm a sender as the customer”): the e-mail is then accepted as theirs.',
      ),
    ],
  }),

  statutoryWarning: (m, hh) => ({
    subject: 'Statutory deadline approaching',
    recipientName: m.ownerName,
    caseUrl: m.caseUrl,
    blocks: [
      p(
        t`The legal deadline for answering complaint ${ltr(m.reference)} is ${b(hh.dateTime(m.deadline, 'deadline'))}.`,
      ),
      p(
        'The customer must have our final answer, in writing, by then. If a decision is not possible in time, talk to your supervisor today.',
      ),
    ],
  }),

  overdueReminder: (m, hh) => ({
    subject: 'Still overdue: please act',
    recipientName: m.recipientName,
    caseUrl: m.caseUrl,
    blocks: [
      p(
        t`Complaint ${ltr(m.reference)} (owner ${m.ownerName}) is at the top of the escalation chain and ${m.what} overdue since ${b(hh.dateTime(m.overdueSince, 'overdueSince'))}.`,
      ),
      p('Nobody has acted since the last reminder. Please act on the case, or agree who will, today.'),
    ],
  }),

  statutoryBreach: (m, hh) => ({
    subject: 'Statutory deadline missed',
    recipientName: m.recipientName,
    caseUrl: m.caseUrl,
    blocks: [
      p(
        t`The legal deadline for complaint ${ltr(m.reference)} passed on ${b(hh.dateTime(m.deadline, 'deadline'))} without a final answer to the customer.`,
      ),
      p(consequenceText(m.consequence)),
      p('Please make sure the customer gets a final answer now, and check why the deadline was missed.'),
    ],
  }),

  approvalRequest: (m) => ({
    subject: 'Your approval is needed',
    recipientName: m.supervisorName,
    caseUrl: m.caseUrl,
    blocks: [
      p(t`${m.ownerName} is asking for your approval on complaint ${ltr(m.reference)}:`),
      quote(m.what),
      p(
        m.caseUrl
          ? 'The case waits for your decision: open it in the console (the button below) to approve or decline.'
          : 'The case waits for your decision: please approve or decline it on the case.',
      ),
    ],
  }),

  followUpOpened: (m, hh) => ({
    subject: 'Follow-up opened after the satisfaction survey',
    recipientName: m.recipientName,
    caseUrl: m.caseUrl,
    blocks: [
      p(
        m.score === undefined || !Number.isFinite(m.score)
          ? t`The customer’s survey answer on complaint ${ltr(m.reference)} needs a follow-up.`
          : t`The customer rated the handling of complaint ${ltr(m.reference)} ${b(`${m.score}/5`)}.`,
      ),
      ...(isBlank(m.comment) ? [] : [p('Their comment:'), quote(m.comment ?? '')]),
      p(
        t`${m.ownerName} has told the customer we will come back to them by ${b(hh.dateTime(m.followUpBy, 'followUpBy'))}, to understand what went wrong and make sure the problem really is solved.`,
      ),
    ],
  }),
};
