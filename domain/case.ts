// The case: its stages, what each stage allows, and the shape of the record the workflow keeps.
// Pure and plain (no Temporal, no zod): the workflow, the API and the tests share these words.
import type { Channel, Language, Outcome, Policy, Priority, Remedy, Roster } from './types';
import type { TimelineKind } from './messages/types';
import type { Delivery, OutgoingMessage } from './lifecycle/model';
import type { OwnerMatch } from './owner';

export const stages = [
  'intake',
  'diagnosis',
  'waiting-on-customer',
  'in-progress',
  'awaiting-approval',
  'resolution-call',
  'survey',
  'follow-up',
  'documentation',
  'closed',
] as const;
export type Stage = (typeof stages)[number];

export const closureReasons = ['resolved', 'no-response', 'withdrawn'] as const;
export type ClosureReason = (typeof closureReasons)[number];

// Agent and supervisor actions: named by their registry (domain/lifecycle/actions/index.ts), where
// adding one is its module and its line; the list itself is `actions` there.
import type { Action } from './lifecycle/actions';
export type { Action, ActionInput } from './lifecycle/actions';

// ---------------------------------------------------------------------------------------------
// Input and action payloads (validated at the edges with zod; plain data here)

/**
 * The ways to reach a customer, each one explicit data: an e-mail address, a phone number, a fax
 * number, a postal address. Which of them a message takes is decided from these and the case's
 * channel (domain/lifecycle/contact.ts), so a new channel is a new field and a new route there.
 */
export interface Customer {
  name: string;
  email?: string;
  phone?: string;
  /** For a customer who complained by fax: letters to them are faxed here. */
  fax?: string;
  /** Where printed letters are posted (the recipient block of every letter). */
  postalAddress?: PostalAddress;
  /**
   * The Telegram chat the customer wrote from (a private chat: its id is the person's Telegram id).
   * Personal data: it travels only in the encrypted workflow input, like the e-mail address.
   */
  telegram?: TelegramContact;
  language: Language;
  /** For dates in messages; the policy clock's zone when absent. */
  timeZone?: string;
}

/** A file a customer sent on a messenger, as the messenger names it (fetched later, by the case). */
export interface MessengerFile {
  role: 'photo' | 'document';
  fileId: string;
  fileName?: string;
  mimeType?: string;
}

/** How a Telegram customer is reached: the bot they wrote to and the chat. */
export interface TelegramContact {
  botId: number;
  chatId: number;
}

/** A postal address as it is written on an envelope, one line per entry (street, postcode and town, country). */
export interface PostalAddress {
  lines: string[];
}

export interface Order {
  reference: string;
  amount?: number;
  currency?: string;
  purchaseDate?: string;
}

/** Who a documented cause is attributed to, for counting (seed 004: causes and people). */
export const responsiblePartyKinds = ['staff', 'supplier', 'carrier', 'customer', 'unknown'] as const;
export type ResponsiblePartyKind = (typeof responsiblePartyKinds)[number];

/** Structured facts given at intake, so complaints can be counted by product, supplier, carrier,
 *  location and the hour the incident happened (seeds 002 and 004: trends). All optional. */
export interface IncidentFacts {
  product?: { sku?: string; name?: string };
  supplier?: string;
  carrier?: string;
  /** A store, warehouse or place. */
  location?: string;
  /** ISO date-time the incident happened (not when the complaint arrived). */
  incidentAt?: string;
}

export interface ComplaintInput {
  complaintId: string;
  reference: string;
  /** ISO time the complaint reached us (may be earlier than the start, e.g. a letter); absent: now. */
  receivedAt?: string;
  customer: Customer;
  channel: Channel;
  subject: string;
  description: string;
  order?: Order;
  facts?: IncidentFacts;
  externalId?: string;
  /**
   * When the sender says they sent it, as their system wrote it (an e-mail's Date header): kept
   * apart from the customer's words, shown to staff, used by no clock.
   */
  senderDate?: string;
  /** Snapshot taken at intake: the case keeps it to the end, whatever happens to the files. */
  policy: Policy;
  roster: Roster;
  /** Continue-as-new after this many history events (the server's suggestion applies anyway). */
  historyEventLimit?: number;
  /** The owner the API chose at intake (absent in older inputs: the workflow chooses). */
  assignment?: OwnerAssignment;
  /** Files sent with the first message on a messenger (#20): the case fetches them into attachments. */
  files?: MessengerFile[];
}

/** An owner chosen before the case started, by the rules of chooseOwner; names the owner by id only. */
export interface OwnerAssignment {
  ownerId: string;
  match: OwnerMatch;
  reason: string;
}

export interface DiagnosisInput {
  summary: string;
  probableCause: string;
  responsibleParty: { kind: 'ours' | 'third-party'; name: string };
  /** ISO date-time; the promised resolution date told to the customer. */
  expectedResolutionBy: string;
  customerVisibleNote?: string;
  /** The owner's own apology, in their words (seed 004: sincere, not a template); shown verbatim. */
  apology?: string;
}
export interface QuestionsInput {
  questions: string[];
}
export interface ProgressInput {
  message: string;
  /** Customer-visible progress is e-mailed and resets the update interval; internal is a note. */
  customerVisible: boolean;
}
export interface ExtensionInput {
  newExpectedBy: string;
  reason: string;
}
/** A remedy as the owner proposes it: a voucher without a validity gets the policy's default. */
export type RemedyInput =
  Exclude<Remedy, { kind: 'voucher' }> | { kind: 'voucher'; percent: number; validityDays?: number };

export interface ResolutionInput {
  outcome: Outcome;
  explanation: string;
  apology: string;
  remedy: RemedyInput;
  howToUseRemedy?: string;
}

/** A voucher as issued: its code from the policy's generator, its expiry, its value when the order's is known. */
export interface IssuedVoucher {
  /** Absent on a policy snapshot without a code generator. */
  code?: string;
  validUntil: string;
  value?: { amount: number; currency: string };
}
export interface ApprovalInput {
  decision: 'approve' | 'reject';
  note?: string;
  supervisorId: string;
}
export interface CallInput {
  reached: boolean;
  note?: string;
  /** The call task the call was made for: a call settles only its own task (required on cases of ruleset 2). */
  taskId?: string;
}
export interface ReassignmentInput {
  ownerId: string;
  reason: string;
  supervisorId?: string;
}
export interface NoteInput {
  text: string;
  author?: string;
}
export interface DocumentationInput {
  rootCause: string;
  /** One of the policy's root-cause categories (absent on cases documented before it existed). */
  rootCauseCategory?: string;
  /** From the policy's list of contributing factors (free text on older cases). */
  contributingFactors: string[];
  /** The responsible party's name. */
  responsibleParty: string;
  responsiblePartyKind?: ResponsiblePartyKind;
  correctiveAction: string;
  preventiveAction: string;
}
export interface FollowUpInput {
  note: string;
}
/** The owner confirms that e-mail from this address is the customer's (a second address of theirs). */
export interface SenderConfirmationInput {
  address: string;
}
export interface TaskCompletionInput {
  taskId: string;
  note?: string;
  /** Who marked it done (the API fills in the caller). */
  by?: string;
  /** Done because its printed letter went out (api/letters/sent.ts): the case says so itself. */
  letterSent?: boolean;
}

/** The customer's survey answer given on paper or by phone, recorded by the owner. */
export interface SurveyAnswerInput {
  score: number;
  comment?: string;
  stillNeedHelp: boolean;
  via: 'phone' | 'letter';
}

export interface CustomerMessageSignal {
  text: string;
  via: 'email' | 'portal' | 'phone' | 'telegram';
  receivedAt?: string;
  /** Postmark MessageID or another key, to ignore a repeated delivery. */
  messageId?: string;
  /** Files sent with a messenger message (Telegram's file ids), fetched by the case into attachments. */
  files?: MessengerFile[];
  /**
   * An e-mail's sender address (From): the case takes the message as the customer's only when it is
   * the customer's address or one the owner confirmed. Absent (the portal, older signals): the link
   * or the person who recorded it vouches for it.
   */
  from?: string;
  /**
   * How the e-mail found the case: through its current reply address, or through one the case no
   * longer accepts as the customer's (a rotated token, a case-id address it never issued). Such
   * mail is held for the owner whoever sent it.
   */
  address?: 'current' | 'retired';
}

/** An e-mail that reached the case but not as the customer's: held for the owner, never quoted to the customer. */
export interface UnverifiedMessage {
  from: string;
  at: string;
  text: string;
  /** Why it is not the customer's: another sender, or a reply address the case no longer accepts. */
  reason: 'other-sender' | 'retired-address';
}
export interface WithdrawalSignal {
  reason?: string;
}
export interface BounceSignal {
  email: string;
  /** Postmark's MessageID of the e-mail that bounced: the case matches it to what that e-mail was for. */
  messageId?: string;
  type: string;
  inactive: boolean;
  description?: string;
}
export interface SurveyAnswerSignal {
  score: number;
  comment?: string;
  stillNeedHelp: boolean;
}

// ---------------------------------------------------------------------------------------------
// The case record

export type ClockState = 'pending' | 'met' | 'missed' | 'cancelled';

export interface Clock {
  name: string;
  dueAt: string;
  state: ClockState;
  metAt?: string;
  missedAt?: string;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  text: string;
  /** Whether the customer's status page and resolution letter show this entry. */
  customerVisible: boolean;
  /** How the customer's timeline labels it (translated); set when customerVisible. */
  customerKind?: TimelineKind;
  /** Words for the customer (the owner's own, in the customer's language); `text` is internal. */
  customerText?: string;
  by?: string;
  /** How a customer's message reached us (absent on entries recorded before it was kept). */
  via?: CustomerMessageSignal['via'];
}

export interface Task {
  id: string;
  kind: 'call' | 'write';
  /** Why it exists; "paper": the customer corresponds on paper (letter or fax), so a person prints and sends it. */
  reason: 'no-email' | 'bounced' | 'callback-on-intake' | 'resolution-call' | 'paper' | 'other';
  createdAt: string;
  dueBy?: string;
  /** Cases started on the first workflow type mark a reached call's task done here. */
  doneAt?: string;
  note?: string;
  /** What the task stands in for, e.g. "acknowledgement" (an e-mail that could not be sent). */
  purpose?: string;
  closedAt?: string;
  /** Done by a person, or moot: the case no longer needs it (the call was given up, the case closed). */
  closedAs?: 'done' | 'moot';
  closedBy?: string;
  closingNote?: string;
  /** The promise (clock) the task keeps: doing it (a call on it, marking it done) meets that clock. */
  clock?: string;
  /** For a letter to print: the message it carries, in the words its e-mail would have had. */
  message?: OutgoingMessage;
}

export interface OwnerRef {
  id: string;
  name: string;
  email: string;
}

export interface PendingApproval {
  /** letter-without-call: the owner has not called with the outcome; may it go out in writing alone? */
  kind: 'remedy' | 'extension' | 'letter-without-call';
  requestedAt: string;
  summary: string;
}

export interface CaseState {
  complaintId: string;
  reference: string;
  policyVersion: string;
  stage: Stage;
  /** The stage to go back to when the customer answers our questions. */
  resumeStage?: Stage;
  closure?: ClosureReason;
  closedAt?: string;
  receivedAt: string;
  startedAt: string;
  channel: Channel;
  subject: string;
  description: string;
  customer: Customer;
  order?: Order;
  facts?: IncidentFacts;
  externalId?: string;
  /** The sender's own date for the complaint (ComplaintInput.senderDate), as written. */
  senderDate?: string;
  category: string;
  priority: Priority;
  categoryReasons: string[];
  owner: OwnerRef;
  ownerHistory: { ownerId: string; from: string; reason: string }[];
  escalationLevel: number;
  escalations: { at: string; level: number; reason: string }[];
  overdue: boolean;
  clocks: Record<string, Clock>;
  lastCustomerContactAt: string;
  updatesSent: { byOwner: number; bySystem: number };
  missedUpdates: Record<string, number>;
  extensions: { at: string; newExpectedBy: string; reason: string; approvedBy?: string }[];
  pendingExtension?: ExtensionInput;
  pendingApproval?: PendingApproval;
  diagnosis?: DiagnosisInput & { at: string };
  questions?: QuestionsInput & { at: string; reminderSentAt?: string; answeredAt?: string };
  resolution?: Omit<ResolutionInput, 'remedy'> & {
    remedy: Remedy;
    at: string;
    approvedBy?: string;
    /** The voucher as issued with the written outcome (its code, expiry and value). */
    voucher?: IssuedVoucher;
  };
  rejectedResolutions: { at: string; note?: string; supervisorId: string }[];
  resolutionCall?: {
    attempts: number;
    reminders: number;
    reached: boolean;
    gaveUp: boolean;
    lastAttemptAt?: string;
    /** Every call the owner logged while the outcome waited to be told (the letter lists them). */
    log?: { at: string; reached: boolean }[];
    /** When the owner was last reminded to call (ruleset 2; reminders no longer send the letter). */
    lastReminderAt?: string;
    /** The supervisor who let the outcome go out in writing without the call. */
    waivedBy?: string;
  };
  letterSentAt?: string;
  survey?: { round: number; sentAt: string; reminderSentAt?: string };
  surveyAnswers: (SurveyAnswerSignal & { at: string; round: number })[];
  followUp?: { openedAt: string; dueBy: string; doneAt?: string; note?: string };
  documentation?: DocumentationInput & { at: string };
  tasks: Task[];
  timeline: TimelineEntry[];
  customerEmailBounced: boolean;
  /** Files the customer sent on a messenger, waiting to be fetched and sealed (#20), by message key. */
  pendingFiles?: { key: string; files: MessengerFile[] }[];
  /** Files the case holds (sealed with its key; infra/attachments.ts), as the console links them. */
  attachments?: { id: string; name: string; type: string; size: number; at: string }[];
  /** The customer's Telegram chat refused our message (403: they blocked the bot); since when. */
  telegramUnreachableAt?: string;
  seenMessageIds: string[];
  /** Addresses the owner confirmed as the customer's besides `customer.email` (lower case). */
  confirmedSenders?: string[];
  /** E-mail that reached the case from another sender, held for the owner (the latest 20). */
  unverifiedMessages?: UnverifiedMessage[];
  statutory?: { dueAt: string; warnedAt?: string; breachedAt?: string; consequence?: string };
  /** Increments for every outgoing message: part of its idempotency key. */
  messageSeq: number;
  continuedAsNew: number;
  /**
   * The version of the lifecycle rules the case keeps, decided when it opens and kept to its end:
   * absent for cases opened before every seed promise was kept as written, 2 since (patch
   * 'seed-promises'; see docs/promises.md). A running case never changes its rules.
   */
  ruleset?: 2;
  /** Ruleset 2: how the case will close once it is documented (withdrawn, no-response, resolved). */
  closing?: ClosureReason;
  /** Ruleset 2: the stage the case was in when it was settled (withdrawn, no response), for a reopening. */
  stageBeforeClosing?: Stage;
  /** Ruleset 2: the promises set aside (cancelled) when the case was settled or closed, and when; a reopening takes them up again. */
  suspended?: { at: string; clocks: string[] };
  /** Ruleset 2: every reopening by a customer's reply after the close (or after settling). */
  reopenings?: { at: string; closure: ClosureReason }[];
}

export interface CaseView extends CaseState {
  allowedActions: Action[];
  nextDeadline?: { name: string; at: string };
  /** Every deadline the case waits for, earliest first (cases of the first workflow type: absent). */
  upcoming?: { name: string; at: string; summary: string; waitingFor: string }[];
  /** When the customer hears from us next at the latest (the one next-contact date, see nextContactBy). */
  nextCustomerContactBy?: string;
  /** Until when a customer's reply reopens the closed case (ruleset 2). */
  reopenableUntil?: string;
  /** Every e-mail the case decided to send and what became of it (pending until sent). */
  deliveries?: Delivery[];
  /** Promised dates that passed and were replaced by a new one. */
  previousClocks?: Clock[];
  /** When staff last acted on the case (absent on cases of the first workflow type). */
  lastStaffActionAt?: string;
  /** The survey's scale under the case's policy (for the customer's survey form). */
  surveyScale: { min: number; max: number };
}

/** What the workflow returns when the case closes: the documented case. */
export interface CaseRecord extends CaseState {
  durations: {
    toAcknowledgementMs?: number;
    toDiagnosisMs?: number;
    toResolutionMs?: number;
    totalMs: number;
  };
  clocksMet: string[];
  clocksMissed: string[];
}

export function caseRecord(state: CaseState): CaseRecord {
  const received = Date.parse(state.receivedAt);
  const since = (iso?: string) => (iso ? Date.parse(iso) - received : undefined);
  const clocks = Object.values(state.clocks);
  return {
    ...state,
    durations: {
      toAcknowledgementMs: since(state.clocks.acknowledgement?.metAt),
      toDiagnosisMs: since(state.clocks.diagnosis?.metAt),
      toResolutionMs: since(state.resolution?.at),
      totalMs: (state.closedAt ? Date.parse(state.closedAt) : received) - received,
    },
    clocksMet: clocks.filter((c) => c.state === 'met').map((c) => c.name),
    clocksMissed: clocks.filter((c) => c.state === 'missed').map((c) => c.name),
  };
}
