// Each owner's open cases as this API process sees them, so intake chooses the owner itself (the
// rules stay domain/owner.ts chooseOwner) instead of the workflow asking visibility once per owner
// on every start. The counts come from visibility, refreshed in the background at most every
// `refreshMs` (one count per owner, all at once, and only while intakes arrive), plus the cases this
// process assigned since the last count began: those may not be counted yet. Another API process's
// recent assignments are seen at the next refresh, so two processes may briefly favour the same
// owner; the balance corrects itself within `refreshMs` and no rule (language, category) is ever bent.
import type { Client } from '@temporalio/client';
import { chooseOwner, type OwnerChoice } from '../domain/owner';
import type { Language, Roster } from '../domain/types';
import { openCasesClause } from '../workflows/definitions';

export interface OwnerLoadOptions {
  /** How old the counts may get before an intake triggers a new count (default 5 s). */
  refreshMs?: number;
  /** How long the first intake waits for the first count (default 2 s); later ones never wait. */
  firstCountWaitMs?: number;
  /** Visibility lags the start a little: assignments this much older than a count stay added (default 2 s). */
  visibilityLagMs?: number;
  log?: (message: string, err?: unknown) => void;
  now?: () => number;
}

export class OwnerLoad {
  private counted: Record<string, number> = {};
  private countedAt = -Infinity;
  private refreshing: Promise<void> | undefined;
  private recent: { ownerId: string; at: number }[] = [];
  private warned = false;
  private readonly refreshMs: number;
  private readonly firstCountWaitMs: number;
  private readonly lagMs: number;
  private readonly now: () => number;

  constructor(
    private readonly client: Client,
    private readonly options: OwnerLoadOptions = {},
  ) {
    this.refreshMs = options.refreshMs ?? 5000;
    this.firstCountWaitMs = options.firstCountWaitMs ?? 2000;
    this.lagMs = options.visibilityLagMs ?? 2000;
    this.now = options.now ?? Date.now;
  }

  /** Chooses the owner for a new case and counts it at once, so the next intake sees it. */
  async choose(
    roster: Roster,
    need: { language: Language; category: string },
    /** Owners to leave out (off duty at night for a social case: domain/rota.ts). */
    exclude: string[] = [],
  ): Promise<OwnerChoice> {
    const ownerIds = roster.owners.map((o) => o.id);
    if (this.now() - this.countedAt > this.refreshMs) {
      const pending = (this.refreshing ??= this.refresh(ownerIds).finally(
        () => (this.refreshing = undefined),
      ));
      // Only before the very first count does an intake wait (briefly): afterwards older counts serve.
      if (this.countedAt === -Infinity)
        await Promise.race([pending, new Promise((r) => setTimeout(r, this.firstCountWaitMs).unref())]);
    }
    const choice = chooseOwner(roster, need, this.openCases(), exclude);
    this.recent.push({ ownerId: choice.owner.id, at: this.now() });
    return choice;
  }

  /** Takes back a choice whose case was not started (a repeated intake found its case, or the start failed). */
  release(ownerId: string): void {
    for (let i = this.recent.length - 1; i >= 0; i--)
      if (this.recent[i].ownerId === ownerId) {
        this.recent.splice(i, 1);
        return;
      }
  }

  /** The counts the next choice uses: visibility's plus this process's assignments it may not show yet. */
  openCases(): Record<string, number> {
    const counts = { ...this.counted };
    for (const { ownerId } of this.recent) counts[ownerId] = (counts[ownerId] ?? 0) + 1;
    return counts;
  }

  private async refresh(ownerIds: string[]): Promise<void> {
    const began = this.now();
    try {
      const counted = await Promise.all(
        ownerIds.map(async (id) => {
          const { count } = await this.client.workflow.count(
            `${openCasesClause} AND ComplaintOwner = '${id.replace(/'/g, '')}'`,
          );
          return [id, count] as const;
        }),
      );
      this.counted = Object.fromEntries(counted);
      this.countedAt = this.now();
      // Assignments made well before the count began are in it now.
      this.recent = this.recent.filter((r) => r.at >= began - this.lagMs);
      this.warned = false;
    } catch (err) {
      // Visibility down or slow: keep choosing with the last counts and our own assignments.
      this.countedAt = this.now();
      if (!this.warned)
        this.options.log?.('counting open cases per owner failed; using the last counts', err);
      this.warned = true;
    }
  }
}
