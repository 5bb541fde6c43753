// What the workflow hands the messaging activities: plain data, no links (the activity signs those).
import type { Language } from '../domain/types';
import type { Message } from '../domain/messages';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A message as the workflow builds it; the activity adds the customer's signed links. */
export type OutgoingMessage = DistributiveOmit<Message, 'statusUrl' | 'surveyUrl' | 'caseUrl'>;

export interface Recipient {
  name: string;
  email: string;
}

export interface CustomerMessageInput {
  caseId: string;
  idempotencyKey: string;
  to: Recipient;
  language: Language;
  timeZone: string;
  message: OutgoingMessage;
}

export interface StaffMessageInput {
  caseId: string;
  idempotencyKey: string;
  to: Recipient;
  message: OutgoingMessage;
}

export interface SendResult {
  messageId: string;
  status: 'sent' | 'already-sent';
}

/** The activities the complaint workflow calls (implemented in activities/index.ts). */
export interface ComplaintActivities {
  sendCustomerMessage(input: CustomerMessageInput): Promise<SendResult>;
  sendStaffMessage(input: StaffMessageInput): Promise<SendResult>;
  countOpenCases(input: { ownerIds: string[] }): Promise<Record<string, number>>;
}
