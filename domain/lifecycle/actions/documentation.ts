// The case documented so the organisation learns (seed 000 "Po szóste"): closes a case that waits for it.
import type { DocumentationInput } from '../../case';
import type { ActionRule } from './rule';

export const documentation: ActionRule<DocumentationInput> = {
  who: 'owner',
  stages: ['resolution-call', 'survey', 'follow-up', 'documentation'],
  apply(d, doc) {
    const s = d.state;
    s.documentation = { ...doc, at: d.iso() };
    d.note('documentation', `Documented: root cause ${doc.rootCause}; responsible ${doc.responsibleParty}.`);
    for (const t of d.openTasks()) if (t.purpose === 'documentation') d.closeTask(t, 'done', s.owner.id);
    if (s.stage === 'documentation') d.close('resolved');
  },
};
