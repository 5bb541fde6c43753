// The case's conversation with the customer, in order: the complaint itself (with its attachments),
// every message the customer sent, every e-mail the case decided to send them and what became of it,
// the letters marked sent and the calls logged. E-mails to staff are listed apart. Pure: read from
// the case view alone.
import { attachmentsIn, type AttachmentRef } from '../../domain/attachments';
import type { CaseView } from '../../domain/case';
import { letterOfTask } from '../../domain/letters';
import { deliveryState, type DeliveryState } from './labels';

export type ThreadEntry =
  | {
      kind: 'complaint';
      at: string;
      channel: string;
      subject: string;
      text: string;
      files: AttachmentRef[];
      /** When the sender says they sent it (an e-mail's Date header), as written: beside the words, not in them. */
      senderDate?: string;
    }
  /** `ofCase`: the case's own sentence about a message (a late one, files), not the customer's words. */
  | { kind: 'received'; at: string; via?: string; text: string; ofCase?: true }
  | {
      kind: 'sent';
      at: string;
      purpose: string;
      /** The channel it went by: e-mail unless said. */
      via?: string;
      state: DeliveryState;
      settledAt?: string;
      delayedSince?: string;
      detail?: string;
    }
  | { kind: 'letter'; at: string; purpose?: string; letter?: string; by?: string; note?: string }
  | { kind: 'call'; at: string; text: string };

export interface StaffNotice {
  at: string;
  purpose: string;
  to: string;
  state: DeliveryState;
}

export function conversation(view: CaseView): { thread: ThreadEntry[]; staff: StaffNotice[] } {
  const { text, files: listed } = attachmentsIn(view.description);
  // The form's files are listed in the description; a messenger's files the case fetched (#20) are
  // in its attachments: both open from the complaint, once each.
  const files = [
    ...listed,
    ...(view.attachments ?? [])
      .filter((a) => !listed.some((f) => f.id === a.id))
      .map(({ id, name, type, size }) => ({ id, name, type, size })),
  ];
  const thread: ThreadEntry[] = [
    {
      kind: 'complaint',
      at: view.receivedAt,
      channel: view.channel,
      subject: view.subject,
      text,
      files,
      ...(view.senderDate ? { senderDate: view.senderDate } : {}),
    },
  ];
  for (const e of view.timeline) {
    if (e.kind === 'customer-message')
      thread.push({
        kind: 'received',
        at: e.at,
        text: e.text,
        ...(e.via ? { via: e.via } : {}),
        ...(e.customerKind === 'customer-answer' ? {} : { ofCase: true as const }),
      });
    // Calls the owner logged (they name who called); the system's own call notes are not calls.
    else if (e.kind === 'call' && e.by) thread.push({ kind: 'call', at: e.at, text: e.text });
  }
  const staff: StaffNotice[] = [];
  for (const d of view.deliveries ?? []) {
    const state = deliveryState(d);
    if (d.audience === 'staff') {
      staff.push({ at: d.decidedAt, purpose: d.purpose, to: d.to, state });
      continue;
    }
    thread.push({
      kind: 'sent',
      at: d.decidedAt,
      purpose: d.purpose,
      ...(d.via ? { via: d.via } : {}),
      state,
      ...(d.settledAt ? { settledAt: d.settledAt } : {}),
      ...(d.delayedSince ? { delayedSince: d.delayedSince } : {}),
      ...(d.detail ? { detail: d.detail } : {}),
    });
  }
  for (const task of view.tasks) {
    // Letters to the customer: write tasks that stood for a message (not internal work such as the
    // documentation or a revised resolution).
    if (task.kind !== 'write' || task.closedAs !== 'done' || !task.closedAt) continue;
    if (!task.purpose || task.purpose === 'documentation') continue;
    const letter = letterOfTask(task);
    thread.push({
      kind: 'letter',
      at: task.closedAt,
      ...(task.purpose ? { purpose: task.purpose } : {}),
      ...(letter ? { letter } : {}),
      ...(task.closedBy ? { by: task.closedBy } : {}),
      ...(task.closingNote ? { note: task.closingNote } : {}),
    });
  }
  // Stable: entries of the same moment keep the order above (the complaint first).
  const order = thread.map((entry, i) => ({ entry, i }));
  order.sort((a, b) => Date.parse(a.entry.at) - Date.parse(b.entry.at) || a.i - b.i);
  return { thread: order.map((o) => o.entry), staff };
}
