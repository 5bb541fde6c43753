// What the staff console's worklist (the queue, the approvals inbox, search, the operator view) needs
// of a case besides its record's countable columns: when it is due, what waits on a person, and when
// the customer last wrote. Written with every record (activities/records.ts) so the lists are read
// from the store, never from Temporal. No personal data here: times, names of deadlines and the
// attention reasons; the customer's words stay in the sealed brief (customerBrief). Pure.
import type { CaseView } from '../case';

export interface WorklistFacts {
  nextDeadline?: { name: string; at: string };
  /** Why an operator should look (domain/lifecycle/attention.ts); undefined when the case did not say. */
  attention?: string[];
  /** The earliest due time among the open tasks that have one. */
  taskDueAt?: string;
  openTasks: number;
  approval?: { kind: 'remedy' | 'extension'; requestedAt: string };
  /** When the customer last wrote (a message after the complaint itself). */
  customerMessageAt?: string;
  /** When staff last acted on the case. */
  staffActionAt?: string;
}

export function worklistFacts(view: CaseView, attention?: readonly string[]): WorklistFacts {
  const open = view.tasks.filter((t) => !t.closedAt && !t.doneAt);
  const due = open
    .map((t) => t.dueBy)
    .filter((d): d is string => !!d)
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  const lastMessage = view.timeline.filter((e) => e.kind === 'customer-message').at(-1);
  const staffActionAt = view.lastStaffActionAt;
  return {
    ...(view.nextDeadline ? { nextDeadline: { ...view.nextDeadline } } : {}),
    ...(attention ? { attention: [...attention] } : {}),
    ...(due[0] ? { taskDueAt: due[0] } : {}),
    openTasks: open.length,
    ...(view.pendingApproval
      ? { approval: { kind: view.pendingApproval.kind, requestedAt: view.pendingApproval.requestedAt } }
      : {}),
    ...(lastMessage ? { customerMessageAt: lastMessage.at } : {}),
    ...(staffActionAt ? { staffActionAt } : {}),
  };
}

/**
 * The personal part the worklist shows of a case: sealed with the case key in the store, opened only
 * for the rows on screen, gone with the erasure.
 */
export interface CustomerBrief {
  name: string;
  email?: string;
  phone?: string;
  subject: string;
  /** What waits for approval, in the owner's words (an extension's reason can name the customer). */
  approvalSummary?: string;
}

export function customerBrief(view: CaseView): CustomerBrief {
  return {
    name: view.customer.name,
    ...(view.customer.email ? { email: view.customer.email } : {}),
    ...(view.customer.phone ? { phone: view.customer.phone } : {}),
    subject: view.subject,
    ...(view.pendingApproval ? { approvalSummary: view.pendingApproval.summary } : {}),
  };
}
