// Choosing the one owner who handles a complaint from start to end (seed 003), and finding the
// people above an owner. Pure: runs inside the workflow.
import type { Language, Owner, Person, Roster, TeamLead } from './types';

/** How well the chosen owner fits: the first is the rule, the others are fallbacks, in order. */
export type OwnerMatch =
  'language-and-category' | 'language-only' | 'category-only' | 'anyone' | 'excluded-only';

export interface OwnerChoice {
  owner: Owner;
  match: OwnerMatch;
  /** One sentence for the case timeline, e.g. "speaks pl and handles delivery; 2 open cases". */
  reason: string;
}

/**
 * The owner who speaks the customer's language and handles the category, with the fewest open
 * cases (ties broken by id, so the choice replays identically). When nobody fits, falls back to
 * language only (the customer must be understood), then category only, then anyone. Owners in
 * `exclude` (the previous owner on reassignment, people away) are skipped unless nobody else is left.
 * Throws only for a roster without owners, which the roster schema rejects.
 */
export function chooseOwner(
  roster: Roster,
  need: { language: Language; category: string },
  openCases: Record<string, number>,
  exclude: string[] = [],
): OwnerChoice {
  if (roster.owners.length === 0) throw new Error('the roster has no owners');
  const candidates = roster.owners.filter((o) => !exclude.includes(o.id));
  const speaks = (o: Owner) => o.languages.includes(need.language);
  const handles = (o: Owner) => o.categories.includes(need.category);
  const tiers: [OwnerMatch, Owner[], string][] = [
    [
      'language-and-category',
      candidates.filter((o) => speaks(o) && handles(o)),
      `speaks ${need.language} and handles ${need.category}`,
    ],
    [
      'language-only',
      candidates.filter(speaks),
      `speaks ${need.language}; nobody who also handles ${need.category} is available`,
    ],
    [
      'category-only',
      candidates.filter(handles),
      `handles ${need.category}; nobody who speaks ${need.language} is available`,
    ],
    ['anyone', candidates, `nobody speaks ${need.language} or handles ${need.category}`],
    ['excluded-only', roster.owners, 'only excluded owners are left'],
  ];
  for (const [match, pool, why] of tiers) {
    if (pool.length === 0) continue;
    const owner = leastBusy(pool, openCases);
    const open = openCases[owner.id] ?? 0;
    return { owner, match, reason: `${why}; ${open} open case${open === 1 ? '' : 's'}` };
  }
  throw new Error('unreachable: the last tier is the whole roster');
}

function leastBusy(pool: Owner[], openCases: Record<string, number>): Owner {
  return [...pool].sort((a, b) => {
    const diff = (openCases[a.id] ?? 0) - (openCases[b.id] ?? 0);
    if (diff !== 0) return diff;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; // not localeCompare: locale data must not change a replay
  })[0];
}

export function findOwner(roster: Roster, ownerId: string): Owner | undefined {
  return roster.owners.find((o) => o.id === ownerId);
}

export function teamLeadOf(roster: Roster, ownerId: string): TeamLead | undefined {
  const owner = findOwner(roster, ownerId);
  return owner && roster.teamLeads.find((l) => l.id === owner.teamLead);
}

export function supervisorOf(roster: Roster, ownerId: string): Person | undefined {
  const lead = teamLeadOf(roster, ownerId);
  return lead && roster.supervisors.find((s) => s.id === lead.supervisor);
}

/** Who approves this owner's exceptions: their team's supervisor, else any supervisor, else the head. */
export function approverFor(roster: Roster, ownerId: string): Person {
  return supervisorOf(roster, ownerId) ?? roster.supervisors[0] ?? roster.head;
}

/**
 * The choice an intake made before the case started (see api/owner-load.ts), read back from the
 * case's input. Undefined when the owner is no longer in the case's roster snapshot (the workflow
 * then chooses itself); the snapshot and the choice come from the same intake, so it should not be.
 */
export function assignedOwner(
  roster: Roster,
  assignment: { ownerId: string; match: OwnerMatch; reason: string },
): OwnerChoice | undefined {
  const owner = findOwner(roster, assignment.ownerId);
  return owner && { owner, match: assignment.match, reason: assignment.reason };
}
