// The owner records how else to reach the customer, as the customer gave it (in a call, in the chat):
// an e-mail address, a phone number, a postal address. From then on the case uses it — a Telegram
// customer who blocked the bot is answered by e-mail (routeFor), their e-mail from that address is
// theirs, a call task has a number. Only what is given replaces what the case had.
import type { PostalAddress } from '../../case';
import { deliverableAgain } from '../outbox';
import { openStages, type ActionRule } from './rule';

export interface ContactDetailsInput {
  email?: string;
  phone?: string;
  postalAddress?: PostalAddress;
}

export const contactDetails: ActionRule<ContactDetailsInput> = {
  who: 'owner',
  stages: openStages,
  check: (_s, input) =>
    input.email || input.phone || input.postalAddress
      ? undefined
      : 'Give at least one of email, phone and postalAddress.',
  apply(d, input) {
    const s = d.state;
    const recorded: string[] = [];
    if (input.email) {
      s.customer.email = input.email.trim();
      // A new address is tried afresh, whatever the old one did.
      s.customerEmailBounced = false;
      recorded.push('e-mail address');
    }
    if (input.phone) {
      s.customer.phone = input.phone.trim();
      recorded.push('phone number');
    }
    if (input.postalAddress) {
      s.customer.postalAddress = input.postalAddress;
      recorded.push('postal address');
    }
    deliverableAgain(d, 'the customer’s contact details were recorded');
    // The timeline says what was recorded, not the values: they stay in the customer's details.
    d.note(
      'contact-details',
      `${d.actor} recorded the customer's ${recorded.join(', ')}.`,
      undefined,
      d.actor,
    );
  },
};
