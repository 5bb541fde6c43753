// A supervisor gives the case to another owner; the customer is told who handles it now.
import type { ReassignmentInput } from '../../case';
import { openStages, type ActionRule } from './rule';

export const reassignment: ActionRule<ReassignmentInput> = {
  who: 'supervisor',
  stages: openStages.filter((s) => s !== 'documentation'),
  check: (s, r, ctx) => {
    if (!ctx.roster.owners.some((o) => o.id === r.ownerId))
      return `reassignment: unknown owner "${r.ownerId}".`;
    if (r.ownerId === s.owner.id) return `reassignment: ${r.ownerId} already owns the case.`;
    return undefined;
  },
  apply(d, r) {
    const s = d.state;
    const next = d.roster.owners.find((o) => o.id === r.ownerId);
    if (!next) return; // refused by check(); kept for the type checker
    const previous = s.owner;
    s.owner = { id: next.id, name: next.name, email: next.email };
    s.ownerHistory.push({ ownerId: next.id, from: d.iso(), reason: r.reason });
    d.note(
      'reassignment',
      `${next.name} now handles the complaint (was ${previous.name}).`,
      { kind: 'reassignment' },
      r.supervisorId,
    );
    d.tellCustomer('reassignment', {
      kind: 'reassignmentNotice',
      customerName: s.customer.name,
      reference: s.reference,
      newOwnerName: next.name,
      previousOwnerName: previous.name,
    });
    d.notifyStaff('reassignment', s.owner, {
      kind: 'callTask',
      ownerName: next.name,
      reference: s.reference,
      reason: 'other',
      customerName: s.customer.name,
      customerPhone: s.customer.phone,
      note: `The case was reassigned to you: ${r.reason}. Introduce yourself to the customer.`,
    });
  },
};
