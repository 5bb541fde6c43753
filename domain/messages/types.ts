// The data each message is rendered from. Plain types only: the workflow builds these objects
// (without links, which the activity adds), so nothing here may pull in Node or I/O.

/** Kept local for now; domain/types.ts declares the same union and the two will be unified. */
export const languages = ['en', 'pl', 'sv', 'et', 'he'] as const;
export type Language = (typeof languages)[number];

/** An ISO 8601 instant, e.g. "2026-03-05T10:00:00Z"; rendered in the reader's time zone. */
export type IsoDateTime = string;

export type Outcome = 'upheld' | 'partially-upheld' | 'rejected';

/** The remedy as the letter states it: a voucher carries its computed expiry date. */
export type LetterRemedy =
  | { kind: 'refund'; amount: number; currency: string }
  | {
      kind: 'voucher';
      percent: number;
      validityDays: number;
      validUntil: IsoDateTime;
      /** From the policy's generator; the customer quotes it. */
      code?: string;
      /** What the percentage is worth, when the order's amount is known. */
      value?: { amount: number; currency: string };
    }
  | { kind: 'replacement' }
  | { kind: 'repair' }
  | { kind: 'none' };

export const timelineKinds = [
  'received',
  'acknowledged',
  'diagnosis',
  'questions',
  'customer-answer',
  'update',
  'extension',
  'delay',
  'escalation',
  'reassignment',
  'decision',
  'call',
  'other',
] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export interface TimelineEntry {
  at: IsoDateTime;
  kind: TimelineKind;
  /**
   * Shown to the customer verbatim under the entry's own (translated) label, so it must be written
   * for them in their language, e.g. the owner's words. Leave it out for plain system events.
   */
  text?: string;
}

/** How the customer should send their answers; "reply-by-email" when absent. */
export type ReplyHint = 'reply-by-email' | 'status-page' | 'email-or-status-page';

export type CallReason =
  'no-email' | 'bounced' | 'callback-on-intake' | 'resolution-call' | 'paper' | 'other';

// ---------------------------------------------------------------------------------------------
// Customer-facing messages (rendered in the customer's language)

interface ToCustomer {
  customerName: string;
  /** The case reference, e.g. "CD-2026-000123"; every subject carries it so replies thread. */
  reference: string;
  /** Signed link to the case's public status page; added by the sending activity. */
  statusUrl?: string;
}

interface FromOwner extends ToCustomer {
  ownerName: string;
}

export interface AcknowledgementMessage extends FromOwner {
  kind: 'acknowledgement';
  ownerRole?: string;
  receivedAt: IsoDateTime;
  nextContactBy: IsoDateTime;
}

export interface DiagnosisMessage extends FromOwner {
  kind: 'diagnosis';
  /** The owner's preliminary diagnosis, shown verbatim. */
  summary: string;
  expectedResolutionBy: IsoDateTime;
  /** The owner's own apology, in their words, shown verbatim before the assessment (left out when absent). */
  apology?: string;
}

/** The preliminary diagnosis promised by `promisedBy` did not come: an apology and a new time. */
export interface DiagnosisDelayMessage extends FromOwner {
  kind: 'diagnosisDelay';
  promisedBy: IsoDateTime;
  newContactBy: IsoDateTime;
}

/** A reply reopened the closed complaint: the same owner carries on. */
export interface ReopenNoticeMessage extends FromOwner {
  kind: 'reopenNotice';
  nextContactBy: IsoDateTime;
}

/** Until when a reply reopens the complaint; absent: a reply is read, but opens a new case. */
interface ReopenPromise {
  reopenUntil?: IsoDateTime;
}

interface QuestionsData extends FromOwner {
  /** Written by the owner, shown verbatim as a numbered list. */
  questions: string[];
  answerBy: IsoDateTime;
  replyHint?: ReplyHint;
}

export interface QuestionsMessage extends QuestionsData {
  kind: 'questions';
}

export interface QuestionsReminderMessage extends QuestionsData, ReopenPromise {
  kind: 'questionsReminder';
}

export interface NoResponseClosureMessage extends FromOwner, ReopenPromise {
  kind: 'noResponseClosure';
}

export interface ProgressUpdateMessage extends FromOwner {
  kind: 'progressUpdate';
  /** Shown verbatim; the system's "still working on it" text is used when it is empty. */
  message: string;
  /** Absent once the promised date was missed and the owner has not given a new one. */
  expectedResolutionBy?: IsoDateTime;
  sentBy: 'owner' | 'system';
}

export interface DelayNoticeMessage extends FromOwner {
  kind: 'delayNotice';
  promisedBy: IsoDateTime;
  newExpectedBy?: IsoDateTime;
}

export interface ExtensionNoticeMessage extends FromOwner {
  kind: 'extensionNotice';
  newExpectedBy: IsoDateTime;
  /** Written by the owner, shown verbatim. */
  reason: string;
}

export interface ResolutionLetterMessage extends FromOwner {
  kind: 'resolutionLetter';
  receivedAt: IsoDateTime;
  outcome: Outcome;
  /** Written by the owner, shown verbatim. */
  explanation: string;
  /** Written by the owner, shown verbatim; left out of the letter when blank. */
  apology: string;
  remedy: LetterRemedy;
  /** Written by the owner, shown verbatim under the remedy. */
  howToUseRemedy?: string;
  timeline: TimelineEntry[];
  /** Where to turn when the customer disagrees (ombudsman, authority, address), shown verbatim. */
  disagreementRoute: string;
  /** When the owner tried to call with the outcome and did not reach the customer (the letter replaces the call). */
  callAttempts?: IsoDateTime[];
}

interface SurveyData extends FromOwner {
  surveyUrl: string;
}

export interface SurveyInvitationMessage extends SurveyData {
  kind: 'surveyInvitation';
  /** The survey's round when it is not the first (2: after a follow-up), so its words differ. */
  round?: number;
}

export interface SurveyReminderMessage extends SurveyData {
  kind: 'surveyReminder';
}

export interface FollowUpNoticeMessage extends FromOwner {
  kind: 'followUpNotice';
  followUpBy: IsoDateTime;
}

export interface WithdrawalConfirmationMessage extends FromOwner, ReopenPromise {
  kind: 'withdrawalConfirmation';
}

export interface ReassignmentNoticeMessage extends ToCustomer {
  kind: 'reassignmentNotice';
  newOwnerName: string;
  previousOwnerName: string;
}

export type CustomerMessage =
  | AcknowledgementMessage
  | DiagnosisMessage
  | DiagnosisDelayMessage
  | ReopenNoticeMessage
  | QuestionsMessage
  | QuestionsReminderMessage
  | NoResponseClosureMessage
  | ProgressUpdateMessage
  | DelayNoticeMessage
  | ExtensionNoticeMessage
  | ResolutionLetterMessage
  | SurveyInvitationMessage
  | SurveyReminderMessage
  | FollowUpNoticeMessage
  | WithdrawalConfirmationMessage
  | ReassignmentNoticeMessage;

// ---------------------------------------------------------------------------------------------
// Staff-facing messages (English; the language parameter is accepted and ignored)

export interface CallTaskMessage {
  kind: 'callTask';
  ownerName: string;
  reference: string;
  caseUrl?: string;
  reason: CallReason;
  /** The workflow also uses this notice for tasks done in writing (letters, documentation). */
  taskKind?: 'call' | 'write';
  customerName: string;
  customerPhone?: string;
  dueBy?: IsoDateTime;
  note?: string;
}

export interface EscalationMessage {
  kind: 'escalation';
  recipientName: string;
  reference: string;
  level: number;
  levelName: string;
  /** The level's name in other languages (the policy's labels), for a reader of that language. */
  levelLabels?: Partial<Record<Language, string>>;
  reason: string;
  ownerName: string;
  caseUrl?: string;
}

export interface CustomerMessageNoticeMessage {
  kind: 'customerMessageNotice';
  ownerName: string;
  reference: string;
  /** The start of the customer's message, shown verbatim. */
  excerpt: string;
  caseUrl?: string;
}

/** E-mail that reached a case but not from the customer's address: for the owner, never the customer. */
export interface UnverifiedMessageNoticeMessage {
  kind: 'unverifiedMessageNotice';
  ownerName: string;
  reference: string;
  /** The sender's address, as the mail gave it. */
  sender: string;
  reason: 'other-sender' | 'retired-address';
  /** The start of the message, shown verbatim and marked unverified. */
  excerpt: string;
  caseUrl?: string;
}

export interface StatutoryWarningMessage {
  kind: 'statutoryWarning';
  ownerName: string;
  reference: string;
  deadline: IsoDateTime;
  caseUrl?: string;
}

export interface StatutoryBreachMessage {
  kind: 'statutoryBreach';
  recipientName: string;
  reference: string;
  deadline: IsoDateTime;
  /** A policy consequence ("deemed-accepted", "breach-recorded") or free text. */
  consequence: string;
  caseUrl?: string;
}

export interface OverdueReminderMessage {
  kind: 'overdueReminder';
  recipientName: string;
  reference: string;
  ownerName: string;
  /** What is overdue, e.g. "the diagnosis promise is". */
  what: string;
  overdueSince: IsoDateTime;
  caseUrl?: string;
}

export interface ApprovalRequestMessage {
  kind: 'approvalRequest';
  supervisorName: string;
  reference: string;
  ownerName: string;
  what: string;
  caseUrl?: string;
}

export interface FollowUpOpenedMessage {
  kind: 'followUpOpened';
  recipientName: string;
  reference: string;
  ownerName: string;
  score?: number;
  comment?: string;
  followUpBy: IsoDateTime;
  caseUrl?: string;
}

/** To the owner when a case is opened: what it is and when the first promises fall due. */
export interface NewCaseMessage {
  kind: 'newCase';
  ownerName: string;
  reference: string;
  /** As the other staff notices show it; never the customer's address or phone. */
  customerName: string;
  category: string;
  /** The category's labels from the policy, by language (the id stands in where one is missing). */
  categoryLabels?: Partial<Record<string, string>>;
  priority: string;
  channel: string;
  /** The customer's language code ("pl"): the owner answers in it. */
  customerLanguage: string;
  receivedAt: IsoDateTime;
  acknowledgementDueBy: IsoDateTime;
  diagnosisDueBy: IsoDateTime;
  caseUrl?: string;
}

export type StaffMessage =
  | NewCaseMessage
  | CallTaskMessage
  | EscalationMessage
  | CustomerMessageNoticeMessage
  | UnverifiedMessageNoticeMessage
  | StatutoryWarningMessage
  | StatutoryBreachMessage
  | OverdueReminderMessage
  | ApprovalRequestMessage
  | FollowUpOpenedMessage;

export type Message = CustomerMessage | StaffMessage;
export type MessageKind = Message['kind'];
export type CustomerMessageKind = CustomerMessage['kind'];
export type StaffMessageKind = StaffMessage['kind'];
export type MessageOf<K extends MessageKind> = Extract<Message, { kind: K }>;

export interface RenderContext {
  language: Language;
  /** IANA zone every date is shown in, e.g. "Europe/Warsaw". */
  timeZone: string;
  /** Signed under the owner's name when given, e.g. "Customer Care, Example Ltd". */
  organisationName?: string;
  /** Where the customer reads it: an e-mail (default) or a messenger chat (Telegram), whose wording differs. */
  medium?: 'email' | 'chat';
}

export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
  /** Template id, used as the e-mail provider's tag. */
  tag: string;
}
