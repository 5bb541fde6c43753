// The case documented so the organisation learns (seed 000 "Po szóste"; seed 004 "dokument"): closes
// a case that waits for it. The root-cause category and the contributing factors come from the lists
// in the case's policy, so they can be counted (trends, the weekly review).
import { responsiblePartyKinds, type DocumentationInput } from '../../case';
import type { Policy } from '../../types';
import { clause, sentence } from '../words';
import type { ActionRule } from './rule';

/**
 * What is wrong with a documentation for a case on `policy`, or undefined. A policy snapshot taken
 * before the lists existed has none: any category and free-text factors are accepted there.
 */
export function documentationProblem(doc: DocumentationInput, policy: Policy): string | undefined {
  const lists = (policy as Partial<Policy>).documentation;
  if (doc.responsiblePartyKind !== undefined && !responsiblePartyKinds.includes(doc.responsiblePartyKind))
    return `responsiblePartyKind: "${doc.responsiblePartyKind}" is not one of ${responsiblePartyKinds.join(', ')}.`;
  if (!lists) return undefined;
  const categories = lists.rootCauseCategories.map((c) => c.id);
  if (doc.rootCauseCategory !== undefined && !categories.includes(doc.rootCauseCategory))
    return (
      `rootCauseCategory: "${doc.rootCauseCategory}" is not a root-cause category of this case's policy ` +
      `(${policy.version}); one of: ${categories.join(', ')}.`
    );
  const factors = lists.contributingFactors.map((f) => f.id);
  const unknown = doc.contributingFactors.filter((f) => !factors.includes(f));
  if (unknown.length)
    return (
      `contributingFactors: ${unknown.map((f) => `"${f}"`).join(', ')} not in this case's policy ` +
      `(${policy.version}); one of: ${factors.join(', ')}.`
    );
  return undefined;
}

export const documentation: ActionRule<DocumentationInput> = {
  who: 'owner',
  stages: ['resolution-call', 'survey', 'follow-up', 'documentation'],
  // Nothing is lost: a settled case closes once the customer has been told (its letter or call done).
  requires: (s) => {
    if (s.ruleset !== 2 || s.stage !== 'documentation') return undefined;
    const owed = s.tasks.filter((t) => t.message && !t.closedAt && !t.doneAt).map((t) => t.id);
    return owed.length
      ? `the customer is still owed ${owed.length > 1 ? 'messages' : 'a message'} (task ${owed.join(', ')}: send it and mark it done)`
      : undefined;
  },
  check: (_s, doc, ctx) => documentationProblem(doc, ctx.policy),
  apply(d, doc) {
    const s = d.state;
    s.documentation = { ...doc, at: d.iso() };
    d.note(
      'documentation',
      // The category and the owner's words apart ("[late-delivery] — Courier lost it"): readers show
      // the category by its name, which would otherwise run into the words.
      `Documented: root cause ${doc.rootCauseCategory ? `[${doc.rootCauseCategory}] — ` : ''}${clause(doc.rootCause)}; ` +
        sentence(
          `responsible ${doc.responsiblePartyKind ? `(${doc.responsiblePartyKind}) ` : ''}${doc.responsibleParty}`,
        ),
    );
    for (const t of d.openTasks()) if (t.purpose === 'documentation') d.closeTask(t, 'done', s.owner.id);
    if (s.stage === 'documentation') d.close(s.closing ?? 'resolved');
  },
};
