// The escalation chain: level 0 is the owner alone; levels 1..n are the policy's list, each
// notifying more senior people. Pure: runs inside the workflow.
import { supervisorOf, teamLeadOf, findOwner } from './owner';
import type { EscalationLevel, Policy, Roster } from './types';

export interface Recipient {
  name: string;
  email: string;
}

/** The highest level (0 when the policy has no levels). */
export function topEscalationLevel(policy: Policy): number {
  return policy.escalation.levels.length;
}

/** The policy's description of a level (undefined for level 0 and beyond the top). */
export function escalationLevel(level: number, policy: Policy): EscalationLevel | undefined {
  return policy.escalation.levels.find((l) => l.level === level);
}

/**
 * Who is told at a level: roles resolved for the case's owner, plus explicit addresses, each
 * address once. Levels above the top use the top level. If nobody can be resolved (an owner no
 * longer in the roster), the head of customer service is told, so an escalation never goes nowhere.
 */
export function escalationRecipients(
  level: number,
  ownerId: string,
  roster: Roster,
  policy: Policy,
): Recipient[] {
  const owner = findOwner(roster, ownerId);
  const out: Recipient[] = [];
  const add = (p: Recipient | undefined) => {
    if (p && !out.some((r) => r.email.toLowerCase() === p.email.toLowerCase())) {
      out.push({ name: p.name, email: p.email });
    }
  };
  const effective = Math.min(Math.floor(level), topEscalationLevel(policy));
  const targets = escalationLevel(effective, policy)?.notify;
  if (!targets) {
    add(owner);
  } else {
    for (const target of targets) {
      if (!('role' in target)) add(target);
      else if (target.role === 'owner') add(owner);
      else if (target.role === 'teamLead') add(teamLeadOf(roster, ownerId));
      else if (target.role === 'supervisor') add(supervisorOf(roster, ownerId));
      else add(roster.head);
    }
  }
  if (out.length === 0) add(roster.head);
  return out;
}
