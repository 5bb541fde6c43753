// The activities the complaint workflow calls. Each is a thin wrapper around one side effect:
// rendering is pure (domain/messages), sending goes through the official postmark client with a
// de-duplicating ledger (activities/email.ts), counting asks Temporal's visibility store.
import { ApplicationFailure, log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { MessageRenderError, renderMessage as renderUnchecked, type Message } from '../domain/messages';
import type { LinkSigner } from '../infra/links';
import { consoleCaseUrl, statusUrl, surveyUrl } from '../infra/links';
import { createEmailActivities, type EmailLedger } from './email';
import type { ServerClient } from 'postmark';
import type {
  ComplaintActivities,
  CustomerMessageInput,
  StaffMessageInput,
  TelegramCustomerMessageInput,
} from './types';
import { createTelegramActivities, type TelegramActivityDeps } from './telegram';
import { openCasesClause } from '../domain/workflow-ids';

export interface ActivityDeps {
  postmark: ServerClient;
  ledger: EmailLedger;
  /** "Name <address>" the customer sees as the sender. */
  from: string;
  /** Replies go to this address with the case's reply token after a "+", so they find their case (MailboxHash). */
  replyToAddress: string;
  /**
   * The case's current reply token (the case store: infra/store/reply-addresses.ts). Absent (tests
   * without a store): replies go to the plain address and arrive as new complaints.
   */
  replyToken?: (caseId: string, purpose: string) => Promise<string>;
  links: LinkSigner;
  publicBaseUrl: string;
  /** For counting each owner's open cases; absent in tests that don't need it. */
  client?: Client;
  staffTimeZone?: string;
  /** The Telegram bot (its client) and the case store for its ledger; absent: Telegram sends pause. */
  telegram?: TelegramActivityDeps;
}

/** A message that cannot render will not render on a retry either. */
function renderMessage(...args: Parameters<typeof renderUnchecked>): ReturnType<typeof renderUnchecked> {
  try {
    return renderUnchecked(...args);
  } catch (err) {
    if (err instanceof MessageRenderError)
      throw ApplicationFailure.nonRetryable(err.message, 'MessageRenderError');
    throw err;
  }
}

/**
 * The e-mail's two words at the mail provider (docs/glossary.md): `kind`, which message it is (the
 * template), and `purpose`, why this case sends it ("survey-2": its delivery, task and reply address
 * say the same). Activities scheduled by older cases carry no purpose: then only the kind.
 */
function purposeOf(input: { purpose?: string }): { purpose?: string } {
  return input.purpose ? { purpose: input.purpose } : {};
}

function plusAddress(address: string, hash: string): string {
  const [local, domain] = address.split('@');
  return `${local}+${hash}@${domain}`;
}

/**
 * A failure that says which e-mail failed — by purpose and recipient role, never an address or a
 * name (Postmark's own message can carry the address: it is masked) — keeping its type and
 * retryability, so the workflow and the Web UI's Pending Activities read "the acknowledgement
 * e-mail to the customer: Postmark: …" instead of a bare "fetch failed".
 */
async function saying<T>(what: string, sending: Promise<T>): Promise<T> {
  try {
    return await sending;
  } catch (err) {
    if (err instanceof CancelledFailure) throw err;
    const message = `${what}: ${(err instanceof Error ? err.message : String(err)).replace(/[^\s<>"',;:()]+@[^\s<>"',;:()]+/g, '<address>')}`;
    if (err instanceof ApplicationFailure)
      throw ApplicationFailure.create({
        message,
        type: err.type ?? undefined,
        nonRetryable: err.nonRetryable ?? false,
        details: err.details as unknown[] | undefined,
        cause: err.cause,
      });
    throw ApplicationFailure.create({
      message,
      type: err instanceof Error ? err.name : 'Error',
      cause: err instanceof Error ? err : undefined,
    });
  }
}

export function createActivities(deps: ActivityDeps): ComplaintActivities {
  let countWarned = false;
  const email = createEmailActivities({
    postmark: deps.postmark,
    ledger: deps.ledger,
    defaultFrom: deps.from,
  });

  const telegram = deps.telegram && createTelegramActivities(deps.telegram);

  /** The customer's message with their signed links (the status page; the survey's own). */
  function withLinks(input: { caseId: string; message: CustomerMessageInput['message'] }): Message {
    return {
      ...input.message,
      statusUrl: statusUrl(deps.publicBaseUrl, deps.links.sign(input.caseId)),
      ...(input.message.kind === 'surveyInvitation' || input.message.kind === 'surveyReminder'
        ? {
            surveyUrl: surveyUrl(
              deps.publicBaseUrl,
              deps.links.sign(input.caseId, undefined, undefined, 'survey'),
            ),
          }
        : {}),
    } as Message;
  }

  return {
    async fetchMessengerFiles(input) {
      if (!telegram)
        throw ApplicationFailure.nonRetryable(
          'This worker has no Telegram bot configured.',
          'TelegramUnavailable',
        );
      return telegram.fetchMessengerFiles(input);
    },

    async sendTelegramMessage(input: TelegramCustomerMessageInput) {
      if (!telegram)
        // Not the message's fault: the outbox pauses and tries again once a worker has the bot.
        throw ApplicationFailure.nonRetryable(
          'This worker has no Telegram bot configured.',
          'TelegramUnavailable',
        );
      // The e-mail's words as plain text: the same message, in the customer's language, with the link.
      const rendered = renderMessage(withLinks(input), {
        language: input.language,
        timeZone: input.timeZone,
        medium: 'chat',
      });
      return telegram.sendTelegram({
        caseId: input.caseId,
        idempotencyKey: input.idempotencyKey,
        purpose: input.purpose,
        chatId: input.chatId,
        text: rendered.text,
      });
    },

    async sendCustomerMessage(input: CustomerMessageInput) {
      const token = deps.links.sign(input.caseId);
      const message = {
        ...input.message,
        statusUrl: statusUrl(deps.publicBaseUrl, token),
        ...(input.message.kind === 'surveyInvitation' || input.message.kind === 'surveyReminder'
          ? // The survey button opens the survey only (see infra/links.ts).
            {
              surveyUrl: surveyUrl(
                deps.publicBaseUrl,
                deps.links.sign(input.caseId, undefined, undefined, 'survey'),
              ),
            }
          : {}),
      } as Message;
      const rendered = renderMessage(message, { language: input.language, timeZone: input.timeZone });
      // Never the case id: an unguessable token of the case's own (rotatable), or no hash at all.
      const replyTo = deps.replyToken
        ? plusAddress(
            deps.replyToAddress,
            await saying(
              `the ${input.purpose ?? input.message.kind} e-mail's reply address`,
              deps.replyToken(input.caseId, input.purpose ?? input.message.kind),
            ),
          )
        : deps.replyToAddress;
      return saying(
        `the ${input.purpose ?? input.message.kind} e-mail to the customer`,
        email.sendEmail({
          idempotencyKey: input.idempotencyKey,
          caseId: input.caseId,
          to: input.to.email,
          replyTo,
          subject: rendered.subject,
          htmlBody: rendered.html,
          textBody: rendered.text,
          tag: rendered.tag,
          metadata: { audience: 'customer', kind: input.message.kind, ...purposeOf(input) },
        }),
      );
    },

    async sendStaffMessage(input: StaffMessageInput) {
      // Every staff e-mail links to the case's page in the console (the workflow never holds URLs).
      const message = {
        ...input.message,
        caseUrl: consoleCaseUrl(deps.publicBaseUrl, input.caseId),
      } as Message;
      // The reader's language and zone, decided by the case (older effects carry neither).
      const rendered = renderMessage(message, {
        language: input.to.language ?? 'en',
        timeZone: input.to.timeZone ?? deps.staffTimeZone ?? 'UTC',
      });
      const what = `the ${input.purpose ?? input.message.kind} e-mail to the ${input.recipientRole ?? 'staff'}`;
      return saying(
        what,
        email.sendEmail({
          idempotencyKey: input.idempotencyKey,
          caseId: input.caseId,
          to: input.to.email,
          subject: rendered.subject,
          htmlBody: rendered.html,
          textBody: rendered.text,
          tag: rendered.tag,
          metadata: { audience: 'staff', kind: input.message.kind, ...purposeOf(input) },
        }),
      );
    },

    async countOpenCases({ ownerIds }) {
      const counts: Record<string, number> = {};
      const client = deps.client;
      if (!client) return counts;
      try {
        // One count per owner, all at once: a roster is small, and intake waits on this.
        const counted = await Promise.all(
          ownerIds.map(async (id) => {
            const { count } = await client.workflow.count(
              `${openCasesClause} AND ComplaintOwner = '${id.replace(/'/g, '')}'`,
            );
            return [id, count] as const;
          }),
        );
        for (const [id, count] of counted) counts[id] = count;
      } catch (err) {
        // The time-skipping test server has no visibility queries: choose as if everyone were free.
        if (!countWarned)
          log.warn('cannot count open cases; choosing owners without them', { error: String(err) });
        countWarned = true;
        return {};
      }
      return counts;
    },
  };
}

export type { ComplaintActivities } from './types';
