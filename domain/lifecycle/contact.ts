// How the case reaches its customer, and when the customer hears from us next. One rule each:
// every message to the customer takes the route `routeFor` names (an e-mail, a printed letter, a
// call), and every date the customer is promised as "you will hear from me by" is `nextContactBy`
// (the acknowledgement, the status page and the case view all read it). A new channel (#20) is new
// contact data on the customer and a new route here.
import type { Policy } from '../types';
import { paperPolicy } from '../rules';
import { deadlines } from './deadlines';
import type { LifecycleState } from './model';

export type Route =
  /** An e-mail through the outbox. */
  | { by: 'email' }
  /** A printed letter, a task for a person: posted to the address, or faxed to the fax number. */
  | { by: 'letter'; send: 'post' | 'fax' }
  /** A call, a task for a person. */
  | { by: 'phone' }
  /** A message in the customer's Telegram chat, through the outbox. */
  | { by: 'telegram' };

/** The customer complained on paper (a letter, a fax): they are answered on paper (ruleset 2). */
export function correspondsOnPaper(s: LifecycleState, policy: Policy): boolean {
  return s.ruleset === 2 && paperPolicy(policy).channels.includes(s.channel);
}

/** The case came by Telegram and its chat still takes our messages (no 403 yet). */
export function telegramReachable(s: LifecycleState): boolean {
  return s.channel === 'telegram' && !!s.customer.telegram && !s.telegramUnreachableAt;
}

export const isSurveyPurpose = (purpose: string): boolean => /^survey(?:-reminder)?-\d+$/.test(purpose);

/**
 * How a message for `purpose` reaches the customer now. A customer who complained on paper gets
 * letters (faxed to a fax complainant; their survey by phone when the policy says so); everyone
 * else e-mail while their address works, then a call, then a letter.
 */
export function routeFor(s: LifecycleState, policy: Policy, purpose: string): Route {
  const c = s.customer;
  if (correspondsOnPaper(s, policy)) {
    if (isSurveyPurpose(purpose) && paperPolicy(policy).survey === 'phone' && c.phone) return { by: 'phone' };
    if (s.channel === 'fax' && c.fax) return { by: 'letter', send: 'fax' };
    if (c.postalAddress) return { by: 'letter', send: 'post' };
    if (c.fax) return { by: 'letter', send: 'fax' };
  }
  // A messenger customer is answered where they wrote, while the chat takes our messages (#20).
  if (s.ruleset === 2 && telegramReachable(s)) return { by: 'telegram' };
  if (c.email && !s.customerEmailBounced) return { by: 'email' };
  if (c.phone) return { by: 'phone' };
  return { by: 'letter', send: !c.postalAddress && c.fax ? 'fax' : 'post' };
}

/** The clocks whose due time the customer was told ("you will hear from me by"), per stage. */
const toldClocks: Partial<Record<LifecycleState['stage'], string[]>> = {
  diagnosis: ['diagnosis', 'diagnosis-after-answer', 'diagnosis-new-time'],
  'follow-up': ['follow-up', 'follow-up-new-time'],
};

/**
 * When the customer hears from us next at the latest, epoch ms: the earliest of the told promise
 * that is pending (the diagnosis, the follow-up) and the regular customer update. The one
 * next-contact date: the acknowledgement promises it, the status page and the case view show it.
 */
export function nextContactBy(s: LifecycleState, policy: Policy, now: number): number | undefined {
  if (s.stage === 'closed' || s.stage === 'intake') return undefined;
  const times = deadlines(s, policy, now)
    .filter((x) => x.name === 'customer-update')
    .map((x) => x.at);
  for (const name of toldClocks[s.stage] ?? []) {
    const c = s.clocks[name];
    if (c?.state === 'pending') times.push(Date.parse(c.dueAt));
  }
  return times.length ? Math.min(...times) : undefined;
}
