// The owner confirms that e-mail from an address is the customer's (they wrote from a second
// address, or from a colleague's): from then on it counts as theirs, and what the case held from
// that address is accepted now, in the order it arrived. Only an address that wrote to the case can
// be confirmed, so the action never invents a sender.
import type { SenderConfirmationInput } from '../../case';
import { acceptCustomerMessage } from '../customer';
import { openStages, type ActionRule } from './rule';

const normalised = (address: string) => address.trim().toLowerCase();

export const senderConfirmation: ActionRule<SenderConfirmationInput> = {
  who: 'owner',
  stages: openStages,
  requires: (s) =>
    (s.unverifiedMessages ?? []).some((m) => m.reason === 'other-sender')
      ? undefined
      : 'No e-mail from another sender is held',
  check: (s, input) => {
    const address = normalised(input.address);
    if (address === s.customer.email?.trim().toLowerCase() || (s.confirmedSenders ?? []).includes(address))
      return `address: ${address} is already accepted as the customer's.`;
    if (!(s.unverifiedMessages ?? []).some((m) => m.from === address && m.reason === 'other-sender'))
      return `address: no held e-mail from ${address} on this case.`;
    return undefined;
  },
  apply(d, input) {
    const s = d.state;
    const address = normalised(input.address);
    s.confirmedSenders = [...(s.confirmedSenders ?? []), address];
    const held = (s.unverifiedMessages ?? []).filter(
      (m) => m.from === address && m.reason === 'other-sender',
    );
    s.unverifiedMessages = (s.unverifiedMessages ?? []).filter((m) => !held.includes(m));
    d.note(
      'sender-confirmed',
      `${d.actor} confirmed ${address} as the customer's address; ${held.length} held e-mail(s) accepted.`,
      undefined,
      d.actor,
    );
    for (const m of held) acceptCustomerMessage(d, m.text, 'email');
  },
};
