// The outbox: effects wait here in the order they were decided, and the workflow performs the first
// one at a time. Before sending, the case as it is now decides whether the effect still makes sense
// (a catch-up after an outage never sends superseded updates); after, its outcome is recorded.
import { failureWords } from '../delivery-failures';
import { routeFor } from './contact';
import type { Draft } from './draft';
import type { DeliveryOutcome, Effect, LifecycleState } from './model';

/**
 * Customer messages that only say "still working on it" or give a new time: a later customer message
 * supersedes them (after an outage, one new time goes out, not a burst of them).
 */
const supersededByAnyLater = new Set(['system-update', 'delay', 'diagnosis-delay', 'follow-up-delay']);

/** The customer's Telegram chat refuses our messages (403: they blocked the bot). */
export const TELEGRAM_CHAT_UNREACHABLE = 'TelegramChatUnreachable';
/** The bot's token was revoked (401): every send waits until an operator sets a new one. */
export const TELEGRAM_TOKEN_REVOKED = 'TelegramTokenRevoked';

/** Failures that concern this e-mail itself: sending it again can never succeed. */
const finalFailures = new Set([
  'InactiveRecipient',
  'InvalidEmailRequest',
  'MessageRenderError',
  TELEGRAM_CHAT_UNREACHABLE,
  'TelegramRejected',
]);
/** Of those, the ones that mean the customer's address does not work. */
const addressFailures = new Set(['InactiveRecipient', 'InvalidEmailRequest']);

/**
 * What to do after a failed attempt: give the e-mail up (a task for a person takes over), try again
 * at once (the attempt window ran out during an outage), or try again after a pause (a non-retryable
 * error that is not the e-mail's fault, e.g. a bad server token: it recovers once someone fixes it).
 */
export function afterFailure(
  errorType: string | undefined,
  nonRetryable: boolean,
): 'give-up' | 'retry' | 'pause' {
  if (errorType && finalFailures.has(errorType)) return 'give-up';
  return nonRetryable ? 'pause' : 'retry';
}

/** The effect to perform next: the oldest one. */
export function nextEffect(s: LifecycleState): Effect | undefined {
  return s.outbox[0];
}

/** Why an effect should not be sent any more, or undefined to send it. */
export function stale(s: LifecycleState, effect: Effect): string | undefined {
  if (effect.do !== 'tell-customer') return undefined;
  if (effect.via === 'telegram') {
    if (s.telegramUnreachableAt) return 'the customer’s Telegram chat no longer takes our messages';
  } else if (!s.customer.email || s.customerEmailBounced) return 'the customer’s address no longer works';
  const later = s.outbox.slice(s.outbox.indexOf(effect) + 1).filter((e) => e.do === 'tell-customer');
  if (supersededByAnyLater.has(effect.purpose) && later.length > 0)
    return `superseded by the later ${later[0].purpose} message`;
  return mootPurpose(s, effect.purpose);
}

/** Why the customer no longer needs this message by any channel (so no task stands in for it either). */
function moot(s: LifecycleState, effect: Effect): string | undefined {
  const later = s.outbox.slice(s.outbox.indexOf(effect) + 1).filter((e) => e.do === 'tell-customer');
  if (supersededByAnyLater.has(effect.purpose) && later.length > 0)
    return `superseded by the later ${later[0].purpose} message`;
  return mootPurpose(s, effect.purpose);
}

/** Why a customer message for this purpose is no longer needed in the case as it is now, or undefined. */
export function mootPurpose(s: LifecycleState, purpose: string): string | undefined {
  if ((purpose === 'questions' || purpose === 'questions-reminder') && s.stage !== 'waiting-on-customer')
    return 'the customer already answered';
  const survey = /^survey(?:-reminder)?-(\d+)$/.exec(purpose);
  if (survey && (s.stage !== 'survey' || s.survey?.round !== Number(survey[1]))) return 'the survey is over';
  if (s.stage === 'closed' && (supersededByAnyLater.has(purpose) || purpose === 'progress'))
    return 'the case is closed';
  return undefined;
}

/** The outcome of performing an effect. */
export function onDelivered(d: Draft, effectId: string, result: DeliveryOutcome): void {
  const s = d.state;
  const index = s.outbox.findIndex((e) => e.id === effectId);
  const delivery = s.deliveries.find((x) => x.id === effectId);
  if (index < 0 || !delivery) return; // already settled: an outcome counts once
  const effect = s.outbox[index];
  if (result.outcome === 'delayed') {
    if (!delivery.delayedSince) {
      delivery.delayedSince = d.iso();
      d.note(
        'email-delayed',
        `The ${effect.purpose} e-mail to ${delivery.to} is delayed: ${result.error}. It is retried.`,
      );
    }
    delivery.detail = result.error;
    if (result.errorType) delivery.delayedBy = result.errorType;
    return;
  }
  s.outbox.splice(index, 1);
  s.settledEffects++;
  delivery.settledAt = d.iso();
  delivery.delayedSince = undefined;
  delivery.delayedBy = undefined;
  if (result.outcome === 'sent') {
    delivery.status = 'sent';
    delivery.detail = undefined;
    if (result.messageId) delivery.messageId = result.messageId;
    if (effect.do === 'tell-customer' && effect.purpose === 'acknowledgement') {
      d.meet('acknowledgement');
      const by = effect.via === 'telegram' ? 'in the customer’s Telegram chat' : 'by e-mail';
      d.note('acknowledgement', `Acknowledged ${by}; ${s.owner.name} handles the complaint.`, {
        kind: 'acknowledged',
      });
    }
    return;
  }
  delivery.status = 'failed';
  delivery.detail = `${result.errorType}: ${result.error}`;
  if (effect.do === 'tell-customer' && effect.via === 'telegram')
    return onTelegramFailure(d, effect, result.errorType);
  if (effect.do === 'notify-staff') {
    // Staff addresses come from the roster: a failure is recorded on the case, never fatal.
    d.note('email-failed', `Could not e-mail ${effect.to.name} (${effect.purpose}): ${result.error}.`);
    return;
  }
  if (!addressFailures.has(result.errorType)) {
    // The message itself cannot be sent (it does not render): a person tells the customer instead.
    d.note(
      'email-failed',
      `The ${effect.purpose} e-mail could not be sent (${failureWords(result.errorType).en}).`,
    );
    if (s.stage !== 'closed' && !moot(s, effect)) taskFor(d, effect.purpose);
    return;
  }
  s.customerEmailBounced = true;
  d.note(
    'bounce',
    `E-mail to the customer failed permanently (${failureWords(result.errorType).en}); further contact by phone or letter.`,
  );
  if (s.stage !== 'closed' && !moot(s, effect)) taskFor(d, effect.purpose);
  undeliverableToTasks(d);
}

/** The effect was not sent because the case no longer needs it. */
export function onDropped(d: Draft, effectId: string, reason: string): void {
  const s = d.state;
  const index = s.outbox.findIndex((e) => e.id === effectId);
  const delivery = s.deliveries.find((x) => x.id === effectId);
  if (index < 0 || !delivery) return;
  const [effect] = s.outbox.splice(index, 1);
  s.settledEffects++;
  delivery.status = 'dropped';
  delivery.detail = reason;
  delivery.settledAt = d.iso();
  // A Telegram message whose chat stopped taking them goes the customer's other way (e-mail, a task).
  if (effect.do === 'tell-customer' && effect.via === 'telegram') {
    if (s.stage !== 'closed' && !supersededByAnyLater.has(effect.purpose) && !moot(s, effect))
      d.tellCustomer(effect.purpose, effect.message);
    return;
  }
  // A message that matters but cannot be e-mailed any more is a task for a person.
  if (
    effect.do === 'tell-customer' &&
    (!s.customer.email || s.customerEmailBounced) &&
    s.stage !== 'closed' &&
    !supersededByAnyLater.has(effect.purpose) &&
    !moot(s, effect)
  )
    taskFor(d, effect.purpose);
}

/**
 * A Telegram message failed for good. 403 (the customer blocked the bot): the case records it, the
 * message and every other one waiting for the chat go the customer's other way — e-mail if we know
 * an address that works, else a task for the owner (routeFor, now that the chat is unreachable).
 * Any other final failure (the message was refused as it is): a task for a person, as for e-mail.
 */
function onTelegramFailure(
  d: Draft,
  effect: Extract<Effect, { do: 'tell-customer' }>,
  errorType: string,
): void {
  const s = d.state;
  if (errorType !== TELEGRAM_CHAT_UNREACHABLE) {
    d.note(
      'email-failed',
      `The ${effect.purpose} Telegram message could not be sent (${failureWords(errorType).en}).`,
    );
    if (s.stage !== 'closed' && !moot(s, effect)) taskFor(d, effect.purpose);
    return;
  }
  const first = !s.telegramUnreachableAt;
  s.telegramUnreachableAt ??= d.iso();
  if (first)
    d.note(
      'bounce',
      `The customer's Telegram chat refuses our messages (the bot was blocked); further contact ${
        s.customer.email && !s.customerEmailBounced ? 'by e-mail' : 'by the owner (a task)'
      }.`,
    );
  if (s.stage !== 'closed' && !moot(s, effect)) d.tellCustomer(effect.purpose, effect.message);
  undeliverableToTasks(d);
}

/** The address stopped working: every customer e-mail still waiting becomes a task (one per purpose). */
export function undeliverableToTasks(d: Draft): void {
  const s = d.state;
  for (const effect of [...s.outbox]) {
    if (effect.do !== 'tell-customer') continue;
    const reason = stale(s, effect);
    if (reason) onDropped(d, effect.id, reason);
  }
}

/**
 * The customer can be reached again (an address recorded, a chat that takes our messages again):
 * what a person was asked to tell them for want of a way (a task carrying the message) goes the new
 * way now, and its task closes. The outbox still drops what has gone stale by the time it is sent.
 */
export function deliverableAgain(d: Draft, why: string): void {
  const s = d.state;
  if (s.stage === 'closed') return;
  for (const t of d.openTasks()) {
    if (!t.message || !t.purpose || (t.reason !== 'no-email' && t.reason !== 'bounced')) continue;
    const route = routeFor(s, d.policy, t.purpose);
    if (route.by !== 'email' && route.by !== 'telegram') continue;
    d.closeTask(
      t,
      'moot',
      undefined,
      `Sent by ${route.by === 'email' ? 'e-mail' : 'Telegram'} instead: ${why}.`,
    );
    d.tellCustomer(t.purpose, t.message);
  }
}

function taskFor(d: Draft, purpose: string): void {
  const s = d.state;
  if (s.tasks.some((t) => t.purpose === purpose && !t.closedAt && !t.doneAt)) return;
  d.openTask(
    s.customer.phone ? 'call' : 'write',
    'bounced',
    `Tell the customer (${purpose}) by ${s.customer.phone ? 'phone' : 'letter'}: the e-mail could not be delivered.`,
    { purpose },
  );
}
