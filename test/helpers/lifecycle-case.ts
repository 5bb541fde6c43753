// One case driven through the pure lifecycle core the way the workflow drives it: e-mails are
// "sent" by feeding the core `delivered` events, as the workflow's outbox loop does, and deadlines
// fire at their time, as the workflow's main loop does. Shared by the rule specs in test/unit.
import { strict as assert } from 'node:assert';
import type { Action, ComplaintInput, Customer, ResolutionInput, Stage } from '../../domain/case';
import { categorise } from '../../domain/categorise';
import {
  beforeSending,
  deadlines,
  decide,
  nextDeadline,
  nextEffect,
  openCase,
  type CaseEvent,
  type DeadlineName,
  type DecisionContext,
  type Effect,
  type LifecycleState,
} from '../../domain/lifecycle';
import { chooseOwner } from '../../domain/owner';
import type { Channel, Language, Policy, Roster } from '../../domain/types';
import { DAY, HOUR, shippedPolicy, shippedRoster } from './complaints';

export const T0 = Date.parse('2026-03-02T08:00:00.000Z');
export const iso = (ms: number) => new Date(ms).toISOString();
export const ms = (isoString: string | undefined) => (isoString ? Date.parse(isoString) : NaN);

export interface Intake {
  subject?: string;
  description?: string;
  channel?: Channel;
  customer?: Partial<Customer>;
  language?: Language;
  receivedAt?: number;
  policy?: Policy;
  /** Deliver every decided e-mail at once (the outbox loop with Postmark up). Default true. */
  autoDeliver?: boolean;
  /** The workflow's 'owner-notice' patch: the owner is e-mailed about the new case. */
  noticeOwner?: boolean;
  /** The rules the case keeps: 2 (today's, the default) or 1 (cases opened before the 'seed-promises' patch). */
  ruleset?: 1 | 2;
}

/** One case driven through the core the way the workflow drives it, with a record of every effect. */
export class Case {
  state: LifecycleState;
  now: number;
  autoDeliver: boolean;
  readonly policy: Policy;
  readonly roster: Roster;
  /** Every effect decided, with when. */
  readonly decided: { at: number; effect: Effect }[] = [];
  /** Every effect performed (sent), with when. */
  readonly performed: { at: number; effect: Effect; messageId: string }[] = [];
  private sequence = 0;

  constructor(intake: Intake = {}) {
    this.policy = intake.policy ?? shippedPolicy();
    this.roster = shippedRoster();
    this.now = T0;
    this.autoDeliver = intake.autoDeliver ?? true;
    const language = intake.language ?? intake.customer?.language ?? 'en';
    const input: ComplaintInput = {
      complaintId: 'c-rules',
      reference: 'CD-2026-RULES1',
      receivedAt: iso(intake.receivedAt ?? T0),
      customer: {
        name: 'Maria Kowalska',
        email: 'maria@example.com',
        phone: '+48 600 100 200',
        ...intake.customer,
        language,
      },
      channel: intake.channel ?? 'email',
      subject: intake.subject ?? 'Parcel late',
      description: intake.description ?? 'The parcel has not arrived and the tracking shows nothing.',
      order: { reference: 'ORD-1', amount: 400, currency: 'PLN', purchaseDate: '2026-02-20' },
      policy: this.policy,
      roster: this.roster,
    };
    const categorisation = categorise(
      { subject: input.subject, description: input.description, channel: input.channel, language },
      this.policy,
    );
    const choice = chooseOwner(this.roster, { language, category: categorisation.category }, {});
    const ruleset = (intake.ruleset ?? 2) === 2 ? 2 : undefined;
    const opened = openCase(
      input,
      { categorisation, choice, noticeOwner: intake.noticeOwner, ruleset },
      this.ctx(),
    );
    this.state = opened.state;
    this.record(opened.effects);
    if (this.autoDeliver) this.deliverAll();
  }

  ctx(): DecisionContext {
    return { policy: this.policy, roster: this.roster, now: this.now };
  }

  private record(effects: Effect[]): void {
    for (const effect of effects) this.decided.push({ at: this.now, effect });
  }

  /** Applies one event; e-mails it decides go out at once unless autoDeliver is off. */
  apply(event: CaseEvent): Effect[] {
    const { state, effects } = decide(this.state, event, this.ctx());
    this.state = state;
    this.record(effects);
    if (this.autoDeliver) this.deliverAll();
    return effects;
  }

  act(action: Action, input: unknown): Effect[] {
    return this.apply({ type: 'action', action, input });
  }

  /** The outbox loop: drop what is stale, send the rest in order. */
  deliverAll(): void {
    for (let guard = 0; guard < 1000; guard++) {
      const effect = nextEffect(this.state);
      if (!effect) return;
      this.deliverNext('sent');
    }
    throw new Error('the outbox never empties');
  }

  /** Performs the outbox's first effect with the given outcome (or drops it when stale). */
  deliverNext(outcome: 'sent' | 'delayed' | 'permanent-failure'): Effect | undefined {
    const effect = nextEffect(this.state);
    if (!effect) return undefined;
    const dropped = beforeSending(this.state, effect.id, this.ctx());
    if (dropped) {
      this.state = dropped.state;
      this.record(dropped.effects);
      return undefined;
    }
    const messageId = `pm-${++this.sequence}`;
    const event: CaseEvent =
      outcome === 'sent'
        ? { type: 'delivered', effectId: effect.id, outcome, messageId }
        : outcome === 'delayed'
          ? { type: 'delivered', effectId: effect.id, outcome, error: 'Postmark is down' }
          : {
              type: 'delivered',
              effectId: effect.id,
              outcome,
              errorType: 'InactiveRecipient',
              error: 'inactive',
            };
    const { state, effects } = decide(this.state, event, this.ctx());
    this.state = state;
    this.record(effects);
    if (outcome === 'sent') this.performed.push({ at: this.now, effect, messageId });
    return effect;
  }

  /** Lets time pass to `target`, firing every deadline at its own time on the way (the main loop). */
  advanceTo(target: number): void {
    for (let guard = 0; guard < 1000; guard++) {
      const next = nextDeadline(this.state, this.policy, this.now);
      if (!next || next.at > target) {
        this.now = Math.max(this.now, target);
        return;
      }
      this.now = Math.max(this.now, next.at);
      this.apply({ type: 'deadline', name: next.name });
    }
    throw new Error('deadlines keep firing without time passing');
  }
  advance(by: number): void {
    this.advanceTo(this.now + by);
  }
  /** Moves time to the next deadline and fires it; returns its name. */
  fireNext(): DeadlineName {
    const next = nextDeadline(this.state, this.policy, this.now);
    assert.ok(next, 'the case waits for nothing');
    this.now = Math.max(this.now, next.at);
    this.apply({ type: 'deadline', name: next.name });
    return next.name;
  }

  deadline(name: DeadlineName): number | undefined {
    return deadlines(this.state, this.policy, this.now).find((d) => d.name === name)?.at;
  }
  /** Customer e-mails decided for a purpose (or all). */
  toCustomer(purpose?: string): Effect[] {
    return this.decided
      .map((x) => x.effect)
      .filter((e) => e.do === 'tell-customer' && (!purpose || e.purpose === purpose));
  }
  toStaff(purpose?: string): Extract<Effect, { do: 'notify-staff' }>[] {
    return this.decided
      .map((x) => x.effect)
      .filter(
        (e): e is Extract<Effect, { do: 'notify-staff' }> =>
          e.do === 'notify-staff' && (!purpose || e.purpose === purpose),
      );
  }
  openTasks() {
    return this.state.tasks.filter((t) => !t.closedAt && !t.doneAt);
  }

  // --- the owner's usual moves -------------------------------------------------------------------
  diagnose(promiseIn = 10 * DAY): void {
    this.act('diagnosis', {
      summary: 'The courier lost the parcel.',
      probableCause: 'Depot handling',
      responsibleParty: { kind: 'third-party', name: 'FastCourier' },
      expectedResolutionBy: iso(this.now + promiseIn),
    });
  }
  ask(): void {
    this.act('questions', { questions: ['Which address did you give?'] });
  }
  resolve(outcome: ResolutionInput['outcome'], remedy: ResolutionInput['remedy'] = { kind: 'none' }): void {
    this.act('resolution', {
      outcome,
      explanation: 'We checked with the courier.',
      apology: 'We are sorry.',
      remedy,
    });
  }
  /** A call on a task: the given one, else the resolution call's, else the last open call task. */
  call(reached: boolean, taskId?: string): void {
    const calls = this.openTasks().filter((t) => t.kind === 'call');
    const task = taskId ?? (calls.find((t) => t.reason === 'resolution-call') ?? calls[calls.length - 1])?.id;
    this.act('calls', { reached, ...(task ? { taskId: task } : {}) });
  }
  /** The owner calls the customer back after intake (the call-back task, when there is one). */
  callBack(): void {
    const task = this.openTasks().find((t) => t.reason === 'callback-on-intake');
    if (task) this.call(true, task.id);
  }
  /** The outcome decided and told by phone (the policy calls for every outcome). */
  resolveAndCall(
    outcome: ResolutionInput['outcome'],
    remedy: ResolutionInput['remedy'] = { kind: 'none' },
  ): void {
    this.resolve(outcome, remedy);
    if (this.state.stage === 'resolution-call') this.call(true);
  }
  document(): void {
    this.act('documentation', {
      rootCause: 'Depot handling',
      contributingFactors: ['peak-season'],
      responsibleParty: 'FastCourier',
      correctiveAction: 'Claim filed',
      preventiveAction: 'Courier review',
    });
  }
  answerSurvey(score: number, stillNeedHelp = false): void {
    this.apply({ type: 'survey-answer', answer: { score, stillNeedHelp } });
  }
  customerWrites(text = 'Here is the answer.', messageId?: string): void {
    this.apply({ type: 'customer-message', message: { text, via: 'email', messageId } });
  }
}

/** A case brought to a stage by the usual moves (normal priority, e-mail customer). */
export function caseIn(stage: Stage, intake: Intake = {}): Case {
  const c = new Case(intake);
  c.now += HOUR;
  c.callBack();
  switch (stage) {
    case 'diagnosis':
      break;
    case 'waiting-on-customer':
      c.ask();
      break;
    case 'in-progress':
      c.diagnose();
      break;
    case 'awaiting-approval':
      c.diagnose();
      c.resolve('upheld', { kind: 'voucher', percent: 50, validityDays: 90 });
      break;
    case 'resolution-call':
      c.diagnose();
      c.resolve('rejected');
      break;
    case 'survey':
      c.diagnose();
      c.resolveAndCall('upheld');
      break;
    case 'follow-up':
      c.diagnose();
      c.resolveAndCall('upheld');
      c.answerSurvey(1);
      break;
    case 'documentation':
      c.diagnose();
      c.resolveAndCall('upheld');
      c.answerSurvey(5);
      break;
    case 'closed':
      c.apply({ type: 'withdrawal', withdrawal: { reason: 'sorted out' } });
      if (c.state.stage === 'documentation') c.document();
      break;
    case 'intake':
      throw new Error('a case leaves intake when it opens');
  }
  assert.equal(c.state.stage, stage);
  return c;
}
