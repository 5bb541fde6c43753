// The simulated team at work: reads each case it follows, asks the behaviour module
// (domain/simulation/agents.ts) for the next move, and makes it through the workflow's own Updates and
// Signals — the same messages the HTTP API sends. The simulation (time-skipping server, simulated
// month) and the demo (dev server, real time) both drive cases with this one class; only their clock
// differs.
import { WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { CaseView } from '../../domain/case';
import type { DocumentationPolicy } from '../../domain/types';
import { nextMove, type Behaviour, type Move } from '../../domain/simulation/agents';
import {
  updateOf,
  bounceSignal,
  caseViewQuery,
  customerMessageSignal,
  surveyAnswerSignal,
} from '../../workflows/definitions';

export interface TeamOptions {
  client: Client;
  seed: string;
  behaviour: Behaviour;
  /** Who approves (the roster's supervisor). */
  supervisorId: string;
  /** The documentation lists of the policy the cases start on (see MoveContext). */
  documentation?: DocumentationPolicy;
  /** How soon to look again at a case whose deadline is due but not yet handled, or whose e-mail is in flight. */
  recheckMs: number;
  /** Cases read and moved at once. */
  concurrency?: number;
  /**
   * Gives up on a read or a move that has no answer by then (the case is tried again later). The
   * time-skipping server can leave a case's workflow task hanging; one such case must not stop the rest.
   */
  callTimeoutMs?: number;
  onMove?: (workflowId: string, move: Move, outcome: 'done' | 'refused') => void;
}

interface Followed {
  handle: WorkflowHandle;
  view?: CaseView;
  /** When this case next needs a look: its next move or its next deadline, whichever comes first. */
  wakeAt: number;
  /** The move the case refused, by the case's state: not tried again until the case changes. */
  refused?: string;
}

const moveKey = (view: CaseView, move: Move) =>
  `${view.timeline.length}|${view.tasks.length}|${move.kind}|${move.kind === 'action' ? move.action : ''}`;

class CallTimeout extends Error {
  constructor() {
    super('no answer in time');
  }
}

export class Team {
  private readonly followed = new Map<string, Followed>();
  readonly counts = { moves: 0, refused: 0, reads: 0, timeouts: 0 };

  constructor(private readonly opts: TeamOptions) {}

  /** Follows a case from `wakeAt` on (a case just started is read from the next step on). */
  follow(workflowId: string, wakeAt = 0): void {
    if (!this.followed.has(workflowId))
      this.followed.set(workflowId, { handle: this.opts.client.workflow.getHandle(workflowId), wakeAt });
  }

  get workflowIds(): string[] {
    return [...this.followed.keys()];
  }

  /** The last view read of every followed case. */
  get views(): CaseView[] {
    return [...this.followed.values()].flatMap((f) => (f.view ? [f.view] : []));
  }

  /** The earliest time any followed case needs a look (Infinity when all are closed). */
  nextWakeAt(): number {
    let next = Infinity;
    for (const f of this.followed.values()) if (f.wakeAt < next) next = f.wakeAt;
    return next;
  }

  /** Reads every case due by `now` and makes every move due by then; answers how many moves it made. */
  async act(now: number): Promise<number> {
    const due = [...this.followed.values()].filter((f) => f.wakeAt <= now);
    const before = this.counts.moves;
    const width = this.opts.concurrency ?? 16;
    for (let i = 0; i < due.length; i += width)
      await Promise.all(due.slice(i, i + width).map((f) => this.actOn(f, now)));
    return this.counts.moves - before;
  }

  /** Reads every followed case once more (the final views). */
  async refresh(): Promise<CaseView[]> {
    const all = [...this.followed.values()];
    const width = this.opts.concurrency ?? 16;
    for (let i = 0; i < all.length; i += width)
      await Promise.all(
        all.slice(i, i + width).map(async (f) => (f.view = await this.read(f).catch(() => f.view))),
      );
    return this.views;
  }

  private async read(f: Followed): Promise<CaseView> {
    this.counts.reads++;
    return this.timed(f.handle.query(caseViewQuery));
  }

  private timed<T>(call: Promise<T>): Promise<T> {
    const ms = this.opts.callTimeoutMs;
    if (!ms) return call;
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      call,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          this.counts.timeouts++;
          reject(new CallTimeout());
        }, ms);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  private async actOn(f: Followed, now: number): Promise<void> {
    let view: CaseView;
    try {
      view = await this.read(f);
    } catch {
      // A case still starting (choosing its owner) answers no view yet: look again shortly.
      f.wakeAt = now + this.opts.recheckMs;
      return;
    }
    const ctx = {
      seed: this.opts.seed,
      behaviour: this.opts.behaviour,
      supervisorId: this.opts.supervisorId,
      documentation: this.opts.documentation,
    };
    const decide = (v: CaseView) => {
      const m = nextMove(v, ctx);
      return m && f.refused === moveKey(v, m) ? undefined : m;
    };
    let move = decide(view);
    // A few moves in a row at most: each one changes the case, and the next is decided on the new view.
    for (let i = 0; move && move.at <= now && i < 5; i++) {
      let answer: Awaited<ReturnType<Team['perform']>>;
      try {
        answer = await this.perform(f, move);
      } catch (err) {
        if (!(err instanceof CallTimeout)) throw err;
        f.wakeAt = now + this.opts.recheckMs;
        return;
      }
      if (answer === 'signalled') {
        // The case is working on what it was told: read it at the next step, not while it works.
        f.wakeAt = now + this.opts.recheckMs;
        return;
      }
      if (answer === 'refused') {
        f.refused = moveKey(view, move);
        f.wakeAt = now + this.opts.recheckMs;
        return;
      }
      view = answer;
      move = decide(view);
    }
    f.view = view;
    f.wakeAt = this.wakeAt(view, move, now);
  }

  private wakeAt(view: CaseView, move: Move | undefined, now: number): number {
    if (view.stage === 'closed') return Infinity;
    // An e-mail still in flight may bring a move (a bounce) with it; a case still starting has no view yet.
    const inFlight = view.stage === 'intake' || (view.deliveries ?? []).some((d) => d.status === 'pending');
    const candidates = [move?.at, view.nextDeadline ? Date.parse(view.nextDeadline.at) : undefined]
      .filter((x): x is number => x !== undefined)
      .map((at) => (at <= now ? now + this.opts.recheckMs : at));
    if (inFlight) candidates.push(now + this.opts.recheckMs);
    return candidates.length ? Math.min(...candidates) : now + this.opts.recheckMs;
  }

  /** Makes one move; answers the case view an action returns (signals return none). */
  private async perform(f: Followed, move: Move): Promise<CaseView | 'refused' | 'signalled'> {
    const done = (outcome: 'done' | 'refused') => {
      if (outcome === 'done') this.counts.moves++;
      else this.counts.refused++;
      this.opts.onMove?.(f.handle.workflowId, move, outcome);
    };
    try {
      let view: CaseView | 'signalled' = 'signalled';
      if (move.kind === 'action')
        view = await this.timed(
          f.handle.executeUpdate(updateOf(move.action), { args: [move.input as never] }),
        );
      else if (move.kind === 'message') await this.timed(f.handle.signal(customerMessageSignal, move.signal));
      else if (move.kind === 'survey') await this.timed(f.handle.signal(surveyAnswerSignal, move.signal));
      else await this.timed(f.handle.signal(bounceSignal, move.signal));
      done('done');
      return view;
    } catch (err) {
      // The case moved on between the read and the action (a deadline fired): decide again on a new read.
      if (err instanceof WorkflowUpdateFailedError) {
        done('refused');
        return 'refused';
      }
      throw err;
    }
  }
}
