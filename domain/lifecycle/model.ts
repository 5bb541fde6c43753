// The words of the lifecycle core: the state a case keeps, the events that change it, the effects
// it asks the world to perform, and the deadlines it waits for. Plain types only: the workflow, the
// API and the tests share them, and nothing here runs.
import type {
  Action,
  BounceSignal,
  CaseState,
  Clock,
  CustomerMessageSignal,
  SurveyAnswerSignal,
  WithdrawalSignal,
} from '../case';
import type { Message } from '../messages/types';
import type { Policy, Roster, StaffLanguage } from '../types';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A message as the core decides it; the sending activity adds the customer's signed links. */
export type OutgoingMessage = DistributiveOmit<Message, 'statusUrl' | 'surveyUrl' | 'caseUrl'>;

export interface Recipient {
  name: string;
  email: string;
  /** A staff e-mail's reader's language and zone (domain/staff-reader.ts); absent in older effects. */
  language?: StaffLanguage;
  timeZone?: string;
}

/**
 * Something the case asks the world to do. Effects wait in the case's outbox and are performed
 * in the order they were decided; each one's outcome comes back as a `delivered` event.
 */
export type Effect =
  | {
      id: string;
      do: 'tell-customer';
      /** What the message is for: "acknowledgement", "system-update", "resolution-letter", ... */
      purpose: string;
      decidedAt: string;
      message: OutgoingMessage;
      /** How it goes: absent, by e-mail; 'telegram', to the customer's Telegram chat (#20). */
      via?: 'telegram';
    }
  | {
      id: string;
      do: 'notify-staff';
      purpose: string;
      decidedAt: string;
      to: Recipient;
      message: OutgoingMessage;
    };

/** What the case view shows of every e-mail the case decided to send (no addresses, no text). */
export interface Delivery {
  id: string;
  purpose: string;
  audience: 'customer' | 'staff';
  /** Staff recipient's name; the customer is "customer". */
  to: string;
  status: 'pending' | 'sent' | 'failed' | 'dropped';
  decidedAt: string;
  settledAt?: string;
  /** Postmark's MessageID, to match a bounce to the e-mail that bounced. */
  messageId?: string;
  /** Why it failed or was dropped (no personal data). */
  detail?: string;
  /** Set while the outbox keeps retrying a transient failure. */
  delayedSince?: string;
  /** The failure type that delays it, when the channel said (TelegramTokenRevoked: the channel is down). */
  delayedBy?: string;
  /** How a customer's message goes: absent, by e-mail; 'telegram', to their chat. */
  via?: 'telegram';
}

/** How the world answered an effect. */
export type DeliveryOutcome =
  | { outcome: 'sent'; messageId?: string }
  | { outcome: 'delayed'; error: string; errorType?: string }
  | { outcome: 'permanent-failure'; errorType: string; error: string };

export type CaseEvent =
  | { type: 'action'; action: Action; input: unknown }
  | { type: 'customer-message'; message: CustomerMessageSignal }
  | { type: 'withdrawal'; withdrawal: WithdrawalSignal }
  | { type: 'survey-answer'; answer: SurveyAnswerSignal }
  | { type: 'bounce'; bounce: BounceSignal }
  | { type: 'deadline'; name: DeadlineName }
  /** Files of a messenger message, as the case fetched them (or why it could not). */
  | {
      type: 'files-fetched';
      key: string;
      attachments: { id: string; name: string; type: string; size: number }[];
      failed?: string;
    }
  | ({ type: 'delivered'; effectId: string } & DeliveryOutcome);

export interface DecisionContext {
  policy: Policy;
  roster: Roster;
  /** Epoch milliseconds: the workflow's deterministic clock. */
  now: number;
  /**
   * Uniform numbers in [0, 1) for what must not be guessable (voucher codes): the workflow's own
   * Math.random, which Temporal makes deterministic per run. Absent: drawn from the case itself.
   */
  random?: () => number;
}

/** A case in the new lifecycle: the record every stage reads, plus the outbox and its deliveries. */
export interface LifecycleState extends CaseState {
  outbox: Effect[];
  deliveries: Delivery[];
  /** Effect ids that were performed (or given up), so an outcome is applied once. */
  settledEffects: number;
  /** When the owner and the top of the chain were last reminded at the top escalation level. */
  topReminderAt?: string;
  /** When someone last acted on the case (staff action): reminders count from here. */
  lastStaffActionAt?: string;
  /** Promised dates that passed and were replaced by a new one (the resolution clock's history). */
  previousClocks?: Clock[];
  /** When the owner was last reminded to document the case. */
  documentationReminderAt?: string;
}

export const deadlineNames = [
  'acknowledgement',
  'diagnosis',
  'diagnosis-after-answer',
  'escalation',
  'top-reminder',
  'customer-update',
  'resolution',
  'statutory-warning',
  'statutory',
  'questions-reminder',
  'customer-answer',
  'resolution-call',
  'survey-reminder',
  'survey',
  'follow-up',
  'documentation-reminder',
  'call-back',
  'diagnosis-new-time',
  'follow-up-new-time',
] as const;
export type DeadlineName = (typeof deadlineNames)[number];

export interface Deadline {
  name: DeadlineName;
  /** Epoch milliseconds. */
  at: number;
  /** What the Web UI's timer and current details say. */
  summary: string;
  /** Who must act before it fires ("owner", "customer", "supervisor", "system"). */
  waitingFor: 'owner' | 'customer' | 'supervisor' | 'system';
}

/** The answer of `decide`: the new state, and the effects it added to the outbox (in order). */
export interface Decision {
  state: LifecycleState;
  effects: Effect[];
}

/** Why an action is refused: the workflow answers with it, the API with a 409 or 422. */
export interface Refusal {
  kind: 'not-allowed' | 'invalid';
  message: string;
  stage: string;
  allowed: Action[];
}
