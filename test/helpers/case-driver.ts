// Runs a case through the real lifecycle core (domain/lifecycle) as the workflow does — deadlines fire
// at their time, e-mails go out in order — and projects it as the record activity does (caseSummary).
// For tests that need real case summaries of every shape without a Temporal server.
import { caseSummary, type CaseSummary } from '../../domain/archive/summary';
import type { Action, ComplaintInput, IncidentFacts } from '../../domain/case';
import { categorise } from '../../domain/categorise';
import {
  beforeSending,
  caseView,
  decide,
  nextDeadline,
  nextEffect,
  openCase,
  type CaseEvent,
  type DecisionContext,
  type LifecycleState,
} from '../../domain/lifecycle';
import { chooseOwner } from '../../domain/owner';
import type { Policy, Roster } from '../../domain/types';
import { shippedPolicy, shippedRoster } from './complaints';

let sequence = 0;

export class CaseDriver {
  state: LifecycleState;
  now: number;
  version = 0;
  readonly policy: Policy;
  readonly roster: Roster;

  constructor(opts: {
    at: number;
    ownerId?: string;
    facts?: IncidentFacts;
    subject?: string;
    description?: string;
    policy?: Policy;
  }) {
    this.policy = opts.policy ?? shippedPolicy();
    this.roster = shippedRoster();
    this.now = opts.at;
    const id = `drv-${++sequence}-${opts.at.toString(36)}`;
    const input: ComplaintInput = {
      complaintId: id,
      reference: `CD-2026-D${String(sequence).padStart(5, '0')}`,
      receivedAt: new Date(opts.at).toISOString(),
      customer: { name: 'Maria Kowalska', email: 'maria@example.com', language: 'en' },
      channel: 'email',
      subject: opts.subject ?? 'Parcel arrived damaged',
      description: opts.description ?? 'The courier left the parcel crushed; the lamp is broken.',
      facts: opts.facts,
      policy: this.policy,
      roster: this.roster,
    };
    const categorisation = categorise(
      { subject: input.subject, description: input.description, channel: input.channel, language: 'en' },
      this.policy,
    );
    const chosen = chooseOwner(this.roster, { language: 'en', category: categorisation.category }, {});
    const owner = this.roster.owners.find((o) => o.id === opts.ownerId);
    const choice = owner ? { ...chosen, owner, reason: 'chosen by the test' } : chosen;
    this.state = openCase(input, { categorisation, choice }, this.ctx()).state;
    this.deliverAll();
  }

  ctx(): DecisionContext {
    return { policy: this.policy, roster: this.roster, now: this.now };
  }

  apply(event: CaseEvent): this {
    this.state = decide(this.state, event, this.ctx()).state;
    this.version++;
    this.deliverAll();
    return this;
  }

  private deliverAll(): void {
    for (let guard = 0; guard < 1000; guard++) {
      const effect = nextEffect(this.state);
      if (!effect) return;
      const dropped = beforeSending(this.state, effect.id, this.ctx());
      this.state = dropped
        ? dropped.state
        : decide(
            this.state,
            { type: 'delivered', effectId: effect.id, outcome: 'sent', messageId: `pm-${effect.id}` },
            this.ctx(),
          ).state;
    }
  }

  /** Time passes to `at`; every deadline on the way fires at its own time. */
  to(at: number): this {
    for (let guard = 0; guard < 1000; guard++) {
      const next = nextDeadline(this.state, this.policy, this.now);
      if (!next || next.at > at) {
        this.now = Math.max(this.now, at);
        return this;
      }
      this.now = Math.max(this.now, next.at);
      this.apply({ type: 'deadline', name: next.name });
    }
    throw new Error('deadlines keep firing without time passing');
  }

  act(at: number, action: Action, input: unknown): this {
    return this.to(at).apply({ type: 'action', action, input });
  }

  diagnose(at: number, expectedResolutionBy: number): this {
    return this.act(at, 'diagnosis', {
      summary: 'The lamp broke in transit.',
      probableCause: 'Carrier handling',
      responsibleParty: { kind: 'third-party', name: 'FastParcel' },
      expectedResolutionBy: new Date(expectedResolutionBy).toISOString(),
    });
  }

  progress(at: number): this {
    return this.act(at, 'progress', { message: 'We are checking with the carrier.', customerVisible: true });
  }

  resolve(at: number, remedy: unknown, outcome = 'upheld'): this {
    return this.act(at, 'resolution', {
      outcome,
      explanation: 'The carrier damaged it.',
      apology: 'We are sorry.',
      remedy,
    });
  }

  /** The owner's resolution call, when one is waited for. */
  call(at: number): this {
    this.to(at);
    if (this.state.stage !== 'resolution-call') return this;
    const task = this.state.tasks.find((t) => t.reason === 'resolution-call' && !t.closedAt && !t.doneAt);
    return this.apply({ type: 'action', action: 'calls', input: { reached: true, taskId: task?.id } });
  }

  survey(at: number, score: number, stillNeedHelp = false): this {
    return this.to(at).apply({ type: 'survey-answer', answer: { score, stillNeedHelp } });
  }

  document(at: number, rootCauseCategory?: string, responsiblePartyKind?: string): this {
    return this.act(at, 'documentation', {
      rootCause: 'Crushed in the sorting centre.',
      rootCauseCategory,
      contributingFactors: [],
      responsibleParty: 'FastParcel',
      responsiblePartyKind,
      correctiveAction: 'Refund.',
      preventiveAction: 'Better packaging.',
    });
  }

  summary(): CaseSummary {
    return caseSummary(caseView(this.state, this.ctx()), this.version);
  }
}
