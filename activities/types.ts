// What the workflow hands the messaging activities: plain data, no links (the activity signs those).
import type { Language } from '../domain/types';
import type { MessengerFilesInput, MessengerFilesResult } from './telegram';

import type { OutgoingMessage, Recipient } from '../domain/lifecycle/model';
export type { OutgoingMessage, Recipient };

export interface CustomerMessageInput {
  caseId: string;
  idempotencyKey: string;
  /** What the e-mail is for ("acknowledgement"): named in a failure, with no personal data. */
  purpose?: string;
  to: Recipient;
  language: Language;
  timeZone: string;
  message: OutgoingMessage;
}

/** A customer message for the customer's Telegram chat (issue #20): the chat travels with it. */
export interface TelegramCustomerMessageInput extends Omit<CustomerMessageInput, 'to'> {
  chatId: number;
}

export interface StaffMessageInput {
  caseId: string;
  idempotencyKey: string;
  purpose?: string;
  /** The recipient's role on the case ("owner", "escalation contact"), named in a failure. */
  recipientRole?: string;
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
  sendTelegramMessage(input: TelegramCustomerMessageInput): Promise<SendResult>;
  fetchMessengerFiles(input: MessengerFilesInput): Promise<MessengerFilesResult>;
  countOpenCases(input: { ownerIds: string[] }): Promise<Record<string, number>>;
}
