// The shape of one staff action: who may take it, in which stages, what makes its input wrong in
// this case, and what it changes. One module per action (this folder); the registry in index.ts
// gives the workflow its Update handlers, the stage rules and the API its roles.
import { stages, type Stage } from '../../case';
import type { Draft } from '../draft';
import type { DecisionContext, LifecycleState } from '../model';

export interface ActionRule<I> {
  /** Owners act on their own cases (supervisors may too); supervisor actions are theirs alone. */
  who: 'owner' | 'supervisor';
  stages: readonly Stage[];
  /** Extra condition on the case beyond its stage, with the reason when it does not hold. */
  requires?: (s: LifecycleState) => string | undefined;
  /** What is wrong with this input for this case now (a 422), or undefined. */
  check?: (s: LifecycleState, input: I, ctx: DecisionContext) => string | undefined;
  apply: (d: Draft, input: I) => void;
}

/** Every stage of a case that is open and has its owner (all but intake and closed). */
export const openStages: readonly Stage[] = stages.filter((s) => s !== 'intake' && s !== 'closed');

export function futureDate(value: string, field: string, now: number): string | undefined {
  const t = Date.parse(value);
  if (Number.isNaN(t)) return `${field}: not a date-time.`;
  if (t <= now) return `${field}: must be in the future.`;
  return undefined;
}
