// A progress update from the owner: customer-visible ones are e-mailed and restart the update interval.
import type { ProgressInput } from '../../case';
import { promisedDate } from '../steps';
import type { ActionRule } from './rule';

export const progress: ActionRule<ProgressInput> = {
  who: 'owner',
  stages: ['diagnosis', 'waiting-on-customer', 'in-progress', 'follow-up'],
  apply(d, p) {
    const s = d.state;
    if (!p.customerVisible) {
      d.note('note', p.message, undefined, d.actor);
      return;
    }
    s.updatesSent.byOwner++;
    d.note('progress', p.message, { kind: 'update', text: p.message }, d.actor);
    d.tellCustomer('progress', {
      kind: 'progressUpdate',
      customerName: s.customer.name,
      reference: s.reference,
      ownerName: s.owner.name,
      message: p.message,
      expectedResolutionBy: promisedDate(d),
      sentBy: 'owner',
    });
  },
};
