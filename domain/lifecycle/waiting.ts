// What a case really waits for and who must act — the first thing an operator reads in the Web UI's
// current details. The earliest deadline is often a background one (a statutory warning, the next
// escalation, a reminder); the stage says what the case is actually blocked on.
import type { Stage } from '../case';
import type { Policy } from '../types';
import { deadlines } from './deadlines';
import { utc } from '../durations';
import type { Deadline, DeadlineName, LifecycleState } from './model';

export interface Waiting {
  /** What the case waits for, e.g. "the owner’s preliminary diagnosis or questions". */
  what: string;
  /** Who must act: a name (the owner's), "a supervisor", "the customer", or "the system". */
  who: string;
  /** The deadline of it, epoch ms, when there is one. */
  by?: number;
}

const byStage: Partial<
  Record<Stage, { what: string; deadlines: DeadlineName[]; who: Deadline['waitingFor'] }>
> = {
  diagnosis: {
    what: 'the owner’s preliminary diagnosis or questions',
    deadlines: ['diagnosis', 'diagnosis-after-answer', 'resolution'],
    who: 'owner',
  },
  'waiting-on-customer': {
    what: 'the customer’s answer to our questions',
    deadlines: ['customer-answer'],
    who: 'customer',
  },
  'in-progress': { what: 'the owner’s resolution', deadlines: ['resolution'], who: 'owner' },
  'awaiting-approval': { what: 'a supervisor’s approval', deadlines: ['resolution'], who: 'supervisor' },
  'resolution-call': {
    what: 'the owner’s call with the outcome',
    deadlines: ['resolution-call'],
    who: 'owner',
  },
  survey: { what: 'the customer’s survey answer', deadlines: ['survey'], who: 'customer' },
  'follow-up': { what: 'the owner’s follow-up', deadlines: ['follow-up'], who: 'owner' },
  documentation: {
    what: 'the owner’s documentation of the case',
    deadlines: ['documentation-reminder'],
    who: 'owner',
  },
};

export function waitingFor(s: LifecycleState, policy: Policy, now: number): Waiting | undefined {
  if (s.stage === 'closed') return undefined;
  if (s.stage === 'intake') return { what: 'the choice of an owner', who: 'the system' };
  const rule = byStage[s.stage];
  if (!rule) return undefined;
  const list = deadlines(s, policy, now);
  const due = rule.deadlines
    .map((name) => list.find((d) => d.name === name))
    .find((d): d is Deadline => d !== undefined);
  const who =
    rule.who === 'owner'
      ? s.owner.name
      : rule.who === 'supervisor'
        ? 'a supervisor'
        : rule.who === 'customer'
          ? 'the customer'
          : 'the system';
  const what =
    s.stage === 'awaiting-approval' && s.pendingApproval
      ? `a supervisor’s approval: ${s.pendingApproval.summary}`
      : rule.what;
  return { what, who, ...(due ? { by: due.at } : {}) };
}

/** "waiting for the owner’s diagnosis (Anna Kowalska) by 2026-11-28 10:00:00 UTC" */
export function describeWaiting(w: Waiting): string {
  return `waiting for ${w.what} (${w.who})${w.by !== undefined ? ` by ${utc(w.by)}` : ''}`;
}
