// What a queue shows, decided from the visibility listing alone (no case is woken to draw a queue):
// the order (next deadline first), the badges, the counts and what makes a case stuck.
import type { CaseList } from '../schemas';

export type QueueItem = CaseList['items'][number];
export const badges = ['overdue', 'due-soon', 'waiting', 'approval'] as const;
export type Badge = (typeof badges)[number];

export interface QueueRules {
  now: number;
  /** "Due soon": the next deadline is within this many milliseconds. */
  dueSoonMs: number;
}

export function badgesOf(item: QueueItem, rules: QueueRules): Badge[] {
  const out: Badge[] = [];
  const next = item.nextDeadline ? Date.parse(item.nextDeadline) : undefined;
  if (item.overdue || (next !== undefined && next < rules.now)) out.push('overdue');
  else if (next !== undefined && next - rules.now <= rules.dueSoonMs) out.push('due-soon');
  if (item.stage === 'waiting-on-customer') out.push('waiting');
  if (item.stage === 'awaiting-approval') out.push('approval');
  return out;
}

/** Earliest next deadline first; cases without one last; ties by reference, so the order is stable. */
export function sortQueue(items: readonly QueueItem[]): QueueItem[] {
  const at = (i: QueueItem) => (i.nextDeadline ? Date.parse(i.nextDeadline) : Number.POSITIVE_INFINITY);
  return [...items].sort((a, b) => at(a) - at(b) || (a.reference ?? a.id).localeCompare(b.reference ?? b.id));
}

export interface QueueFilter {
  stage?: string;
  priority?: string;
  category?: string;
  owner?: string;
  badge?: Badge;
}

export function filterQueue(items: readonly QueueItem[], f: QueueFilter, rules: QueueRules): QueueItem[] {
  return items.filter(
    (i) =>
      (!f.stage || i.stage === f.stage) &&
      (!f.priority || i.priority === f.priority) &&
      (!f.category || i.category === f.category) &&
      (!f.owner || i.owner === f.owner) &&
      (!f.badge || badgesOf(i, rules).includes(f.badge)),
  );
}

export function queueCounts(items: readonly QueueItem[], rules: QueueRules): Record<Badge | 'total', number> {
  const counts = { total: items.length, overdue: 0, 'due-soon': 0, waiting: 0, approval: 0 };
  for (const item of items) for (const b of badgesOf(item, rules)) counts[b] += 1;
  return counts;
}

/**
 * A running case is stuck when the engine has not acted on a deadline long past (a worker down, a
 * failing workflow task) or it has no deadline at all (every open case always has one).
 */
export function stuckReason(
  item: QueueItem,
  now: number,
  graceMs: number,
): 'late-deadline' | 'no-deadline' | undefined {
  if (item.status !== 'RUNNING') return undefined;
  // A case still in intake has no deadline for a moment; give it the grace time too.
  if (!item.nextDeadline) return now - Date.parse(item.startedAt) > graceMs ? 'no-deadline' : undefined;
  return now - Date.parse(item.nextDeadline) > graceMs ? 'late-deadline' : undefined;
}
