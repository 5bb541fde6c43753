// An internal note on the case: never shown to the customer.
import type { NoteInput } from '../../case';
import { openStages, type ActionRule } from './rule';

export const notes: ActionRule<NoteInput> = {
  who: 'owner',
  stages: ['intake', ...openStages],
  apply(d, n) {
    d.note('note', n.text, undefined, n.author ?? d.actor);
  },
};
