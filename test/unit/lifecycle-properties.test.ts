// Property tests of the lifecycle core: thousands of random cases, each a random sequence of
// staff actions (with plausible inputs), customer messages, bounces, e-mail outcomes and time
// passing (deadlines fire at their own time, as the workflow's main loop fires them), with the
// product's invariants checked after every step. A failure prints fast-check's seed and path (replay
// with LIFECYCLE_SEED=<seed> LIFECYCLE_PATH=<path>) and the step that broke the rule.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Action, ComplaintInput, Stage } from '../../domain/case';
import { actions } from '../../domain/lifecycle/actions';
import { categorise } from '../../domain/categorise';
import { clockTimeBetween } from '../../domain/clock';
import { topEscalationLevel } from '../../domain/escalation';
import {
  RefusedError,
  allowedActions,
  holdsUnverified,
  beforeSending,
  caseView,
  deadlines,
  decide,
  nextContactBy,
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
import { resolutionCallRequired, timingsFor } from '../../domain/rules';
import type { Channel, Language, Policy, Roster } from '../../domain/types';
import { DAY, HOUR, policyWith, shippedPolicy, shippedRoster } from '../helpers/complaints';
import { extendedTier } from '../helpers/tier';

const MINUTE = 60_000;
const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

// --- what a random case is made of --------------------------------------------------------------

const roster = shippedRoster();
const policies: Record<string, Policy> = {
  default: shippedPolicy(),
  'business-hours': shippedPolicy('business-hours'),
  'when-not-upheld': policyWith((p) => (p.resolutionCall.when = 'when-not-upheld')),
  'phone-survey-short-reopen': policyWith((p) => {
    p.paper.survey = 'phone';
    p.reopen.windowMs = 2 * DAY;
  }),
  'no-statutory-no-pause': policyWith((p) => {
    p.statutory = undefined;
    p.pauseWhileWaitingOnCustomer = false;
  }),
};

interface Intake {
  /** 2: today's rules; 1: a case opened before the 'seed-promises' patch (still running somewhere). */
  ruleset: 1 | 2;
  policy: keyof typeof policies;
  /** When the case opens, after T0 (business hours differ through the week). */
  startMs: number;
  language: Language;
  text: number;
  channel: Channel;
  email: boolean;
  phone: boolean;
  fax: boolean;
  postal: boolean;
  receivedEarlierMs: number;
}

const texts = [
  ['Parcel late', 'The parcel has not arrived and the tracking shows nothing.'],
  ['Broken lamp', 'The lamp arrived broken and does not work.'],
  ['Heater', 'The heater caught fire and there was smoke everywhere.'],
  ['Invoice', 'I was charged twice on the invoice; my lawyer will hear about it.'],
  ['Rude staff', 'The consultant was rude and hung up.'],
];

const weighted = <T>(often: T, rarely: T, weight = 9): fc.Arbitrary<T> =>
  fc.oneof({ weight, arbitrary: fc.constant(often) }, { weight: 1, arbitrary: fc.constant(rarely) });

const intakeArb: fc.Arbitrary<Intake> = fc.record({
  ruleset: weighted<1 | 2>(2, 1, 4),
  policy: fc.constantFrom(...Object.keys(policies)),
  startMs: fc.integer({ min: 0, max: 7 * 96 }).map((quarter) => quarter * 15 * MINUTE),
  language: fc.constantFrom<Language>('en', 'pl', 'sv', 'et', 'he'),
  text: fc.nat(texts.length - 1),
  channel: fc.constantFrom<Channel>('email', 'email', 'web', 'phone', 'social', 'letter', 'fax', 'chat'),
  email: weighted(true, false),
  phone: fc.boolean(),
  fax: weighted(false, true, 3),
  postal: fc.boolean(),
  receivedEarlierMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 6 * HOUR })),
});

type Command =
  | { k: 'deliver'; outcome: 'sent' | 'delayed' | 'permanent-failure' }
  | { k: 'advance'; ms: number }
  | { k: 'fire-next' }
  | { k: 'act'; any: boolean; forward: boolean; invalid: boolean; pick: number; p: [number, number, number] }
  | { k: 'message'; repeat: boolean; sender: 'customer' | 'other' | 'none' }
  | { k: 'withdraw' }
  | { k: 'survey'; score: number; help: boolean }
  | { k: 'bounce'; pick: number; matched: boolean; other: boolean }
  | { k: 'early-deadline'; pick: number }
  | { k: 'repeat-outcome'; pick: number };

/** A uniform number in [0, 1) to pick among what the case offers (fast-check biases towards edges otherwise). */
const unit = fc.noBias(fc.integer({ min: 0, max: 9999 })).map((n) => n / 10_000);
/** Random steps; `staff` false: the owner never acts (only time, e-mail and the customer). */
const commandArb = (staff: boolean): fc.Arbitrary<Command> =>
  fc.oneof(
    { weight: 24, arbitrary: fc.constant<Command>({ k: 'deliver', outcome: 'sent' }) },
    {
      weight: 3,
      arbitrary: fc.constantFrom<Command>(
        { k: 'deliver', outcome: 'delayed' },
        { k: 'deliver', outcome: 'permanent-failure' },
      ),
    },
    {
      weight: 12,
      arbitrary: fc
        .oneof(fc.integer({ min: MINUTE, max: 6 * HOUR }), fc.integer({ min: 6 * HOUR, max: 5 * DAY }))
        .map((ms): Command => ({ k: 'advance', ms })),
    },
    { weight: 8, arbitrary: fc.constant<Command>({ k: 'fire-next' }) },
    {
      weight: staff ? 34 : 0,
      arbitrary: fc
        .record({
          any: weighted(false, true, 19),
          forward: fc.boolean(),
          invalid: weighted(false, true, 19),
          pick: unit,
          p: fc.tuple(unit, unit, unit),
        })
        .map((a): Command => ({ k: 'act', ...a })),
    },
    {
      weight: 4,
      arbitrary: fc
        .record({ repeat: fc.boolean(), sender: fc.constantFrom('customer', 'none', 'other') })
        .map(({ repeat, sender }): Command => ({ k: 'message', repeat, sender })),
    },
    { weight: 1, arbitrary: fc.constant<Command>({ k: 'withdraw' }) },
    {
      weight: 5,
      arbitrary: fc
        .record({ score: fc.integer({ min: 1, max: 5 }), help: weighted(false, true, 3) })
        .map(({ score, help }): Command => ({ k: 'survey', score, help })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ pick: unit, matched: fc.boolean(), other: weighted(false, true, 3) })
        .map(({ pick, matched, other }): Command => ({ k: 'bounce', pick, matched, other })),
    },
    { weight: 2, arbitrary: unit.map((pick): Command => ({ k: 'early-deadline', pick })) },
    { weight: 2, arbitrary: unit.map((pick): Command => ({ k: 'repeat-outcome', pick })) },
  );

// --- the harness: one case, driven as the workflow drives it, with every rule checked -------------

class Violation extends Error {}

/** Someone who is not the customer, writing to the case's reply address. */
const OTHER_SENDER = 'someone.else@example.net';
const UNVERIFIED_WORDS = 'Pay the release fee at evil.example';

/** The stages in which work goes on and the customer hears from us every update interval. */
const workStages = new Set<Stage>([
  'diagnosis',
  'in-progress',
  'awaiting-approval',
  'resolution-call',
  'follow-up',
]);

/** The moves that take a case on from each stage (half the staff actions pick one of these). */
const forwardActions: Partial<Record<Stage, Action[]>> = {
  diagnosis: ['diagnosis', 'diagnosis', 'questions'],
  'in-progress': ['resolution', 'resolution', 'extension', 'questions'],
  'awaiting-approval': ['approval'],
  'resolution-call': ['calls', 'calls', 'approval'],
  survey: ['documentation', 'survey-answer'],
  'follow-up': ['follow-up'],
  documentation: ['documentation', 'task-completion'],
};

/** Freezes the case state through and through, so the core cannot change a state it was given. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const withoutOverdue = (s: LifecycleState) => JSON.stringify({ ...s, overdue: undefined });

class Run {
  state: LifecycleState;
  now: number;
  readonly policy: Policy;
  readonly roster: Roster = roster;
  readonly top: number;
  /** Every effect decided, in order, with the step that decided it. */
  readonly decided: { at: number; step: number; effect: Effect }[] = [];
  /** The owner recorded contact details the customer gave (contact-details accepted). */
  recordedContact = false;
  readonly effectIds = new Set<string>();
  readonly performed = new Set<string>();
  readonly performedToCustomer: Effect[] = [];
  /** When the customer last heard from us (an e-mail or a task to tell them decided), per the harness. */
  lastContact: number;
  closedAtStep?: number;
  letterDecisions = 0;
  readonly surveysSent = new Map<number, number>();
  readonly trace: string[] = [];
  step = 0;
  private inbound = 0;

  constructor(readonly intake: Intake) {
    this.policy = policies[intake.policy];
    this.top = topEscalationLevel(this.policy);
    this.now = T0 + intake.startMs;
    const [subject, description] = texts[intake.text];
    const input: ComplaintInput = {
      complaintId: 'cprop',
      reference: 'CD-2026-PROP01',
      receivedAt: iso(this.now - intake.receivedEarlierMs),
      customer: {
        name: 'Maria Kowalska',
        email: intake.email ? 'maria@example.com' : undefined,
        phone: intake.phone ? '+48 600 100 200' : undefined,
        fax: intake.fax ? '+48 22 555 01 23' : undefined,
        postalAddress: intake.postal ? { lines: ['ul. Długa 1', '00-001 Warszawa'] } : undefined,
        language: intake.language,
      },
      channel: intake.channel,
      subject,
      description,
      order: { reference: 'ORD-1', amount: 400, currency: 'PLN' },
      policy: this.policy,
      roster,
    };
    const categorisation = categorise(
      { subject, description, channel: intake.channel, language: intake.language },
      this.policy,
    );
    const choice = chooseOwner(roster, { language: intake.language, category: categorisation.category }, {});
    const opened = openCase(
      input,
      { categorisation, choice, ...(intake.ruleset === 2 ? { ruleset: 2 as const } : {}) },
      this.ctx(),
    );
    this.state = deepFreeze(opened.state);
    this.lastContact = this.now;
    this.record(opened.effects);
    // One next-contact date: what the acknowledgement promises is what the case view shows.
    const ack = [...opened.effects.map((e) => e.message), ...opened.state.tasks.map((t) => t.message)].find(
      (m) => m?.kind === 'acknowledgement',
    );
    if (ack?.kind === 'acknowledgement')
      this.check(
        ack.nextContactBy === caseView(this.state, this.ctx()).nextCustomerContactBy,
        `the acknowledgement promises ${ack.nextContactBy}, the case view ${caseView(this.state, this.ctx()).nextCustomerContactBy}`,
      );
    this.trace.push(`open ${JSON.stringify(intake)} → ${this.state.priority}, owner ${this.state.owner.id}`);
    this.checkAfterStep('open');
  }

  ctx(): DecisionContext {
    return { policy: this.policy, roster: this.roster, now: this.now };
  }
  fail(rule: string): never {
    throw new Violation(
      `${rule}\n  at step ${this.step}, ${iso(this.now)}, stage ${this.state.stage}\n  trace:\n    ${this.trace.slice(-30).join('\n    ')}`,
    );
  }
  check(ok: unknown, rule: string): void {
    if (!ok) this.fail(rule);
  }

  private record(effects: Effect[]): void {
    for (const effect of effects) {
      this.check(!this.effectIds.has(effect.id), `effect id ${effect.id} decided twice`);
      this.effectIds.add(effect.id);
      this.decided.push({ at: this.now, step: this.step, effect });
    }
  }

  /** Applies one event with decide(), checking what must hold of every single decision. */
  apply(event: CaseEvent, label: string): Effect[] {
    const before = this.state; // deep-frozen: a decision that changed it would throw (decide is pure)
    const { state, effects } = decide(before, event, this.ctx());
    this.commit(before, state, effects, label, event);
    return effects;
  }

  private commit(
    before: LifecycleState,
    after: LifecycleState,
    effects: Effect[],
    label: string,
    event?: CaseEvent,
  ): void {
    this.trace.push(
      `${iso(this.now)} ${label} [${before.stage}→${after.stage}]${effects.length ? ` → ${effects.map((e) => e.purpose).join(', ')}` : ''}`,
    );
    // Escalation: one level at a time, never lowered, each level once, never past the top.
    const rise = after.escalationLevel - before.escalationLevel;
    this.check(rise === 0 || rise === 1, `escalation moved by ${rise} levels in one decision (${label})`);
    this.check(after.escalationLevel <= this.top, `escalation past the top (${after.escalationLevel})`);
    this.check(
      JSON.stringify(after.escalations.slice(0, before.escalations.length)) ===
        JSON.stringify(before.escalations),
      'the escalation history was rewritten',
    );
    this.check(
      after.escalations.every((e, i) => e.level === i + 1) &&
        after.escalations.length === after.escalationLevel,
      `escalations skip or repeat a level: ${after.escalations.map((e) => e.level).join(',')}`,
    );
    // The customer-update deadline is the only way the system writes for the owner, and each time the
    // miss is recorded against the owner. While the case waits on the customer's answer it sends a
    // reminder of our questions instead, and that is nobody's miss.
    const missed = (s: LifecycleState) => Object.values(s.missedUpdates).reduce((a, b) => a + b, 0);
    const systemUpdates =
      event?.type === 'deadline' &&
      event.name === 'customer-update' &&
      before.stage !== 'waiting-on-customer' &&
      deadlines(before, this.policy, this.now).some((x) => x.name === 'customer-update' && x.at <= this.now)
        ? 1
        : 0;
    this.check(
      missed(after) - missed(before) === systemUpdates &&
        after.updatesSent.bySystem - before.updatesSent.bySystem === systemUpdates,
      `a system update without its recorded miss, or a miss without an update (${label})`,
    );
    // After close nothing new: no message to the customer, no e-mail to staff, no task — unless the
    // customer's reply reopened the case (ruleset 2, within the reopen window).
    const reopened = before.stage === 'closed' && after.stage !== 'closed';
    if (reopened) {
      this.check(
        this.intake.ruleset === 2 && event?.type === 'customer-message',
        `the closed case reopened on ${label}`,
      );
      this.check(
        Date.parse(before.closedAt!) + this.policy.reopen.windowMs >= this.now,
        'reopened after the reopen window',
      );
      this.check(after.owner.id === before.owner.id, 'a reopened case changed its owner');
      this.closedAtStep = undefined;
    }
    if (before.stage === 'closed' && !reopened) {
      this.check(effects.length === 0, `the closed case decided ${effects.map((e) => e.purpose).join(', ')}`);
      this.check(after.tasks.length === before.tasks.length, 'the closed case opened a task');
    }
    // A bounce matched to an e-mail changes only what that e-mail was for.
    if (event?.type === 'bounce' && event.bounce.messageId) {
      const bounced = before.deliveries.find((x) => x.messageId === event.bounce.messageId);
      if (bounced && bounced.purpose !== 'acknowledgement')
        this.check(
          JSON.stringify(after.clocks.acknowledgement) === JSON.stringify(before.clocks.acknowledgement),
          `a bounced ${bounced.purpose} e-mail changed the acknowledgement`,
        );
    }
    if (after.letterSentAt !== before.letterSentAt) this.letterDecisions++;
    if (after.survey && after.survey.sentAt !== before.survey?.sentAt)
      this.surveysSent.set(after.survey.round, (this.surveysSent.get(after.survey.round) ?? 0) + 1);
    if (after.stage === 'closed' && before.stage !== 'closed') this.closedAtStep = this.step;

    if (this.intake.ruleset === 2) this.checkPromises(before, after, effects, label, event);

    // When the customer hears from us: an e-mail decided, or a task to tell them (no address, bounced,
    // a paper complainant's letter), or the work resuming on their answer (the core restarts the
    // interval then).
    const newTasks = after.tasks.slice(before.tasks.length);
    if (
      effects.some((e) => e.do === 'tell-customer') ||
      newTasks.some(
        (t) => t.purpose && (t.reason === 'no-email' || t.reason === 'bounced' || t.reason === 'paper'),
      ) ||
      (before.stage === 'waiting-on-customer' && after.stage !== 'waiting-on-customer')
    )
      this.lastContact = this.now;

    this.state = deepFreeze(after);
    this.record(effects);
  }

  /**
   * Today's promises (ruleset 2), checked of every single decision: no missed promise the customer
   * was told goes unannounced; an outcome the policy says is told by phone never goes out as a letter
   * without a call attempt or a recorded, escalated miss (or a supervisor's decision); a call settles
   * only its own task; and the case view's next-contact date is the one nextContactBy computes.
   */
  private checkPromises(
    before: LifecycleState,
    after: LifecycleState,
    effects: Effect[],
    label: string,
    event?: CaseEvent,
  ): void {
    const told = [
      'diagnosis',
      'diagnosis-after-answer',
      'diagnosis-new-time',
      'resolution',
      'follow-up',
      'follow-up-new-time',
    ];
    const newlyMissed = [
      ...Object.values(after.clocks).filter(
        (c) =>
          told.includes(c.name) &&
          c.state === 'missed' &&
          !c.metAt &&
          before.clocks[c.name]?.state === 'pending',
      ),
      ...(after.previousClocks ?? [])
        .slice(before.previousClocks?.length ?? 0)
        .filter((c) => told.includes(c.name) && c.state === 'missed' && !c.metAt),
    ];
    if (newlyMissed.length) {
      const newTasks = after.tasks.slice(before.tasks.length);
      this.check(
        effects.some((e) => e.do === 'tell-customer') || newTasks.some((t) => t.purpose && t.message),
        `the ${newlyMissed.map((c) => c.name).join(', ')} promise was missed without telling the customer (${label})`,
      );
    }
    if (after.letterSentAt && after.letterSentAt !== before.letterSentAt) {
      const r = after.resolution!;
      if (resolutionCallRequired(r.outcome, this.policy)) {
        const rc = after.resolutionCall;
        const clock = after.clocks['resolution-call'];
        const missedAt = clock?.missedAt ? Date.parse(clock.missedAt) : undefined;
        const escalatedAfter =
          missedAt !== undefined &&
          (after.escalations.some((e) => Date.parse(e.at) >= missedAt) || after.escalationLevel >= this.top);
        this.check(
          !!rc && (rc.attempts > 0 || (clock?.state === 'missed' && (escalatedAfter || !!rc.waivedBy))),
          `the ${r.outcome} outcome went out in writing without a call attempt or a recorded, escalated miss (${label})`,
        );
      }
    }
    if (event?.type === 'action' && event.action === 'calls') {
      const named = (event.input as { taskId?: string }).taskId;
      const task = before.tasks.find((t) => t.id === named);
      const closedNow = after.tasks
        .filter((t, i) => t.closedAt && !before.tasks[i]?.closedAt)
        .map((t) => t.id);
      const allowed = new Set([
        named,
        ...(task?.reason === 'resolution-call'
          ? after.tasks.filter((t) => t.reason === 'resolution-call').map((t) => t.id)
          : []),
      ]);
      this.check(
        closedNow.every((id) => allowed.has(id)),
        `a call on ${named} closed ${closedNow.join(', ')}`,
      );
      if (task?.reason !== 'resolution-call')
        this.check(
          after.letterSentAt === before.letterSentAt &&
            (before.stage !== 'resolution-call' || after.stage === 'resolution-call'),
          `a call on ${named} (${task?.reason}) settled the resolution call`,
        );
    }
    const view = caseView(after, this.ctx());
    const contact = nextContactBy(after, this.policy, this.now);
    this.check(
      view.nextCustomerContactBy === (contact === undefined ? undefined : iso(contact)),
      'the case view’s next-contact date is not the one date',
    );
  }

  /** The workflow's main loop: every deadline whose time has come fires, at its own time. */
  advanceTo(target: number): void {
    for (let guard = 0; ; guard++) {
      this.check(guard < 200, 'deadlines keep firing without time passing');
      const next = nextDeadline(this.state, this.policy, this.now);
      if (!next || next.at > target) break;
      this.now = Math.max(this.now, next.at);
      this.apply({ type: 'deadline', name: next.name }, `deadline ${next.name}`);
    }
    this.now = Math.max(this.now, target);
  }

  /** The outbox loop, once: drop the first effect if stale, else perform it with this outcome. */
  deliver(outcome: 'sent' | 'delayed' | 'permanent-failure'): void {
    const effect = nextEffect(this.state);
    if (!effect) return;
    const delivery = this.state.deliveries.find((x) => x.id === effect.id);
    this.check(
      delivery?.status === 'pending',
      `the outbox offers ${effect.id}, which is ${delivery?.status}`,
    );
    this.check(!this.performed.has(effect.id), `effect ${effect.id} would be performed twice`);
    const dropped = beforeSending(this.state, effect.id, this.ctx()); // pure too: the state is frozen
    if (dropped) {
      this.commit(this.state, dropped.state, dropped.effects, `drop ${effect.purpose}`);
      return;
    }
    if (outcome === 'sent') {
      this.performed.add(effect.id);
      if (effect.do === 'tell-customer') this.performedToCustomer.push(effect);
    }
    const messageId = `pm-${effect.id}`;
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
    this.apply(event, `${outcome} ${effect.purpose}`);
  }

  run(cmd: Command): void {
    this.step++;
    const s = this.state;
    switch (cmd.k) {
      case 'deliver':
        this.deliver(cmd.outcome);
        break;
      case 'advance':
        this.trace.push(`${iso(this.now)} advance ${(cmd.ms / HOUR).toFixed(2)}h`);
        this.advanceTo(this.now + cmd.ms);
        break;
      case 'fire-next': {
        const next = nextDeadline(s, this.policy, this.now);
        if (next) this.advanceTo(next.at);
        break;
      }
      case 'act':
        this.act(cmd);
        break;
      case 'message': {
        const id = cmd.repeat && this.inbound > 0 ? this.inbound : ++this.inbound;
        // From the customer's address, without a sender (older signals), or from someone else.
        const other = cmd.sender === 'other';
        const from = other ? OTHER_SENDER : cmd.sender === 'customer' ? this.state.customer.email : undefined;
        this.apply(
          {
            type: 'customer-message',
            message: {
              text: other ? UNVERIFIED_WORDS : 'About my complaint…',
              via: 'email',
              messageId: `in-${id}`,
              ...(from ? { from } : {}),
            },
          },
          `customer message in-${id}${from ? ` from ${from}` : ''}`,
        );
        break;
      }
      case 'withdraw':
        this.apply({ type: 'withdrawal', withdrawal: { reason: 'sorted out' } }, 'withdrawal');
        break;
      case 'survey':
        this.apply(
          { type: 'survey-answer', answer: { score: cmd.score, stillNeedHelp: cmd.help } },
          `survey ${cmd.score}${cmd.help ? ' + help' : ''}`,
        );
        break;
      case 'bounce': {
        const sent = s.deliveries.filter((x) => x.audience === 'customer' && x.messageId);
        const matched = cmd.matched && sent.length ? sent[Math.floor(cmd.pick * sent.length)] : undefined;
        const email = cmd.other ? 'someone.else@example.com' : (s.customer.email ?? 'maria@example.com');
        this.apply(
          {
            type: 'bounce',
            bounce: { email, messageId: matched?.messageId, type: 'HardBounce', inactive: cmd.matched },
          },
          `bounce${matched ? ` of ${matched.purpose}` : ''}${cmd.other ? ' (other address)' : ''}`,
        );
        break;
      }
      case 'early-deadline': {
        const future = deadlines(s, this.policy, this.now).filter((x) => x.at > this.now);
        if (!future.length) break;
        const name: DeadlineName = future[Math.floor(cmd.pick * future.length)].name;
        const before = withoutOverdue(s);
        const effects = this.apply({ type: 'deadline', name }, `early deadline ${name}`);
        this.check(
          effects.length === 0 && withoutOverdue(this.state) === before,
          `the deadline ${name} counted before its time`,
        );
        break;
      }
      case 'repeat-outcome': {
        const ids = [...this.performed];
        if (!ids.length) break;
        const id = ids[Math.floor(cmd.pick * ids.length)];
        const before = withoutOverdue(s);
        const effects = this.apply(
          { type: 'delivered', effectId: id, outcome: 'sent', messageId: 'again' },
          `repeated outcome ${id}`,
        );
        this.check(effects.length === 0 && withoutOverdue(this.state) === before, 'an outcome counted twice');
        break;
      }
    }
    // Whatever happened, deadlines whose time has come fire now (the main loop wakes on a change).
    this.advanceTo(this.now);
    this.checkAfterStep(cmd.k);
  }

  private act(cmd: Extract<Command, { k: 'act' }>): void {
    const s = this.state;
    const list = cmd.any
      ? [...actions]
      : cmd.forward && forwardActions[s.stage]
        ? forwardActions[s.stage]!
        : allowedActions(s.stage, !!s.pendingApproval, holdsUnverified(s));
    if (!list.length) return;
    const action = list[Math.floor(cmd.pick * list.length)];
    const input = this.inputFor(action, cmd.p, cmd.invalid);
    try {
      this.apply({ type: 'action', action, input }, `${action} ${JSON.stringify(input).slice(0, 120)}`);
      this.check(s.stage !== 'closed', `the closed case accepted ${action}`);
      if (action === 'contact-details') this.recordedContact = true;
    } catch (err) {
      if (!(err instanceof RefusedError)) throw err;
      this.trace.push(`${iso(this.now)} ${action} refused (${err.refusal.kind}): ${err.refusal.message}`);
      this.check(this.state === s, 'a refused action changed the case');
    }
  }

  private inputFor(action: Action, [p0, p1, p2]: [number, number, number], invalid: boolean): unknown {
    const s = this.state;
    const now = this.now;
    switch (action) {
      case 'diagnosis':
        return {
          summary: 'The courier lost the parcel.',
          probableCause: 'Depot handling',
          responsibleParty: { kind: p1 < 0.5 ? 'ours' : 'third-party', name: 'FastCourier' },
          expectedResolutionBy: iso(invalid ? now - HOUR : now + HOUR + Math.floor(p0 * 20 * DAY)),
        };
      case 'questions':
        return { questions: invalid ? [] : ['Which address did you give?'] };
      case 'progress':
        return { message: 'We are working on it.', customerVisible: p0 < 0.7 };
      case 'extension': {
        const due = Date.parse(s.clocks.resolution?.dueAt ?? iso(now));
        return {
          newExpectedBy: iso(invalid ? now : Math.max(now, due) + HOUR + Math.floor(p0 * 16 * DAY)),
          reason: 'Waiting for the courier.',
        };
      }
      case 'resolution': {
        const outcome = (['upheld', 'partially-upheld', 'rejected'] as const)[Math.floor(p0 * 3)];
        const remedy =
          p1 < 0.25
            ? { kind: 'none' }
            : p1 < 0.5
              ? { kind: 'refund', amount: 50 + Math.floor(p2 * 700), currency: 'PLN' }
              : p1 < 0.75
                ? { kind: 'voucher', percent: 5 + Math.floor(p2 * 30), validityDays: 90 }
                : { kind: 'replacement' };
        return { outcome, explanation: 'We checked.', apology: 'We are sorry.', remedy };
      }
      case 'approval':
        return { decision: p0 < 0.7 ? 'approve' : 'reject', supervisorId: 'ewa-nowak', note: 'ok' };
      case 'calls': {
        // Ruleset 2: a call names its task (without one, or on another kind of task, it is refused).
        const calls = s.tasks.filter((t) => t.kind === 'call' && !t.closedAt && !t.doneAt);
        const named = this.intake.ruleset === 2 ? !invalid : p1 < 0.3;
        const taskId = named && calls.length ? calls[Math.floor(p2 * calls.length)].id : undefined;
        return { reached: p0 < 0.4, taskId, note: 'called' };
      }
      case 'survey-answer':
        return {
          score: invalid ? 9 : 1 + Math.floor(p0 * 5),
          stillNeedHelp: p1 < 0.2,
          via: p2 < 0.5 ? 'phone' : 'letter',
        };
      case 'reassignment':
        return {
          ownerId: roster.owners[Math.floor(p0 * roster.owners.length)].id,
          reason: 'workload',
          supervisorId: 'ewa-nowak',
        };
      case 'notes':
        return { text: 'internal note' };
      case 'documentation':
        return {
          rootCause: 'Depot handling',
          contributingFactors: ['peak-season'],
          responsibleParty: 'FastCourier',
          correctiveAction: 'Claim filed',
          preventiveAction: 'Courier review',
        };
      case 'follow-up':
        return { note: 'Replacement sent.' };
      case 'task-completion': {
        const open = s.tasks.filter((t) => !t.closedAt && !t.doneAt);
        const taskId = open.length && !invalid ? open[Math.floor(p0 * open.length)].id : 'T99';
        return { taskId, by: s.owner.id, note: 'done' };
      }
      case 'sender-confirmation': {
        const held = s.unverifiedMessages?.[0];
        return { address: held && !invalid ? held.from : 'nobody@example.net' };
      }
      case 'contact-details':
        return invalid ? {} : p0 < 0.5 ? { email: 'anna@example.net' } : { phone: '+48 600 100 200' };
      default: {
        // A new action needs its plausible inputs here: without them this does not compile.
        const unknownAction: never = action;
        throw new Error(`no inputs for ${String(unknownAction)}`);
      }
    }
  }

  /** What must hold whenever the case is at rest. */
  private checkAfterStep(what: string): void {
    const s = this.state;
    // Another sender's words reach nothing the customer sees, unless the owner confirmed the sender.
    if (!(s.confirmedSenders ?? []).includes(OTHER_SENDER)) {
      const seen = JSON.stringify([
        this.decided.filter((d) => d.effect.do === 'tell-customer'),
        s.timeline.filter((e) => e.customerVisible || e.customerKind),
      ]);
      this.check(
        !seen.includes(UNVERIFIED_WORDS),
        `another sender's words reached the customer (after ${what})`,
      );
    }
    const next = nextDeadline(s, this.policy, this.now);
    if (s.stage !== 'closed') this.check(next, `the open case waits for nothing (after ${what})`);
    else {
      this.check(!next, 'the closed case still waits for a deadline');
      const open = s.tasks.filter((t) => !t.closedAt && !t.doneAt);
      this.check(open.length === 0, `the closed case has open tasks: ${open.map((t) => t.note).join(' | ')}`);
      const pending = Object.values(s.clocks).filter((c) => c.state === 'pending');
      this.check(
        pending.length === 0,
        `the closed case has pending clocks: ${pending.map((c) => c.name).join(', ')}`,
      );
    }
    // The customer is never silent longer than the update interval while the work goes on.
    if (workStages.has(s.stage)) {
      const interval = timingsFor(s.priority, this.policy).customerUpdateIntervalMs;
      const silent = clockTimeBetween(this.lastContact, this.now, this.policy.clock);
      this.check(
        silent <= interval,
        `the customer has not heard from us for ${(silent / HOUR).toFixed(2)}h of clock time (interval ${interval / HOUR}h), last ${iso(this.lastContact)}`,
      );
    }
    // The acknowledgement is the first thing the customer is told, and the first that reaches them
    // (a complaint taken by phone was acknowledged by that call: ruleset 2).
    const firstDecided = this.decided.find((x) => x.effect.do === 'tell-customer');
    // Without an address at intake the acknowledgement went on paper or by phone (a task): an e-mail
    // address recorded later (contact-details) makes a later message the first e-mail.
    const ackAsTask =
      (this.intake.ruleset === 2 && this.intake.channel === 'phone') ||
      (!this.intake.email && this.intake.channel !== 'telegram');
    if (firstDecided && !ackAsTask)
      this.check(
        firstDecided.effect.purpose === 'acknowledgement',
        `the first customer e-mail decided is ${firstDecided.effect.purpose}`,
      );
    // When the acknowledgement e-mail never went out (it bounced, and a task told the customer), a
    // message to an address recorded later is the first e-mail that reaches them.
    const ackSent = this.performedToCustomer.some((p) => p.purpose === 'acknowledgement');
    if (this.performedToCustomer.length && !ackAsTask && (ackSent || !this.recordedContact))
      this.check(
        this.performedToCustomer[0].purpose === 'acknowledgement',
        `the first customer e-mail sent is ${this.performedToCustomer[0].purpose}`,
      );
    // One resolution letter, one survey invitation per round.
    const toCustomer = (purpose: string) =>
      this.decided.filter((x) => x.effect.do === 'tell-customer' && x.effect.purpose === purpose).length;
    this.check(
      this.letterDecisions <= 1 && toCustomer('resolution-letter') <= 1,
      'more than one resolution letter',
    );
    for (const [round, count] of this.surveysSent)
      this.check(
        count <= 1 && toCustomer(`survey-${round}`) <= 1,
        `survey round ${round} sent ${count} times`,
      );
    // Tasks made moot close themselves: once the outcome is out in writing, no call reminder is open.
    if (s.letterSentAt)
      this.check(
        !s.tasks.some((t) => t.reason === 'resolution-call' && !t.closedAt && !t.doneAt),
        'a resolution-call task is still open after the letter',
      );
    // ...and so do tasks that stand in for an e-mail the case no longer needs.
    for (const t of s.tasks.filter((x) => x.purpose && !x.closedAt && !x.doneAt)) {
      if (t.purpose === 'questions' || t.purpose === 'questions-reminder')
        this.check(s.stage === 'waiting-on-customer', `the ${t.purpose} task is open after the answer`);
      const survey = /^survey(?:-reminder)?-(\d+)$/.exec(t.purpose!);
      if (survey)
        this.check(
          s.stage === 'survey' && s.survey?.round === Number(survey[1]),
          `the ${t.purpose} task is open after that survey`,
        );
    }
    // An overdue case always walks up the chain, or at the top reminds the owner and the top.
    if (s.overdue && s.stage !== 'closed')
      this.check(
        deadlines(s, this.policy, this.now).some((x) => x.name === 'escalation' || x.name === 'top-reminder'),
        'an overdue case neither escalates nor reminds',
      );
    // After close, the customer gets nothing new but what was decided at close.
    if (this.closedAtStep !== undefined) {
      const late = this.decided.filter((x) => x.step > this.closedAtStep! && x.effect.do === 'tell-customer');
      this.check(
        late.length === 0,
        `after close the customer was sent ${late.map((x) => x.effect.purpose).join(', ')}`,
      );
    }
  }
}

// --- the properties --------------------------------------------------------------------------------

let sequences = 0;
let elapsedMs = 0;
/** How far the random cases got: stages reached and notable events (printed with the totals). */
const reached = new Map<string, number>();
const count = (what: string) => reached.set(what, (reached.get(what) ?? 0) + 1);

function runProperty(name: string, arb: fc.Arbitrary<[Intake, Command[]]>, numRuns: number): void {
  const started = Date.now();
  const property = fc.property(arb, ([intake, commands]) => {
    sequences++;
    const run = new Run(intake);
    for (const cmd of commands) run.run(cmd);
    if (process.env.LIFECYCLE_TRACE && sequences <= Number(process.env.LIFECYCLE_TRACE))
      console.log(run.trace.join('\n'), '\n');
    const seen = new Set(run.trace.flatMap((line) => [...line.matchAll(/→([a-z-]+)\]/g)].map((m) => m[1])));
    for (const stage of seen) count(stage);
    if (run.state.escalationLevel >= run.top) count('top level');
    if (run.decided.some((x) => x.effect.purpose === 'top-reminder')) count('top reminder');
    if (run.letterDecisions) count('letter');
    if (run.state.resolutionCall?.gaveUp) count('calls given up');
    if (run.state.customerEmailBounced) count('bounced');
    if (run.state.statutory?.breachedAt) count('statutory breach');
    if (run.surveysSent.get(2)) count('survey 2');
    if (run.intake.ruleset === 1) count('ruleset 1');
    if (run.state.reopenings?.length) count('reopened');
    if (run.state.resolutionCall?.waivedBy) count('letter without call (supervisor)');
    if (run.state.clocks['resolution-call']?.state === 'missed') count('resolution call missed');
    if (run.decided.some((x) => x.effect.purpose === 'diagnosis-delay')) count('diagnosis missed, told');
    if (run.state.closure && run.state.closure !== 'resolved' && run.state.documentation)
      count('withdrawn/no-response documented');
  });
  const seed = process.env.LIFECYCLE_SEED ? Number(process.env.LIFECYCLE_SEED) : undefined;
  const path = process.env.LIFECYCLE_PATH;
  // 2,000 sequences in `npm test`, 20,000 in `npm run test:extended`.
  const runs = process.env.LIFECYCLE_RUNS
    ? Number(process.env.LIFECYCLE_RUNS)
    : numRuns * (extendedTier ? 10 : 1);
  const details = fc.check(property, { numRuns: runs, seed, path, endOnFailure: !!path });
  elapsedMs += Date.now() - started;
  if (details.failed)
    assert.fail(
      `${name}: failed with seed ${details.seed} (path "${details.counterexamplePath}"); ` +
        `replay with LIFECYCLE_SEED=${details.seed} LIFECYCLE_PATH=${details.counterexamplePath}\n` +
        fc.defaultReportMessage(details) +
        `\nGot: ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`,
    );
}

describe('lifecycle properties (random event sequences)', function () {
  this.timeout(extendedTier ? 1_200_000 : 120_000);
  after(() => {
    console.log(`      lifecycle properties: ${sequences} sequences in ${elapsedMs} ms`);
    const coverage = [...reached].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`);
    console.log(`      cases that reached: ${coverage.join(', ')}`);
  });

  it('every rule holds after every step of a case worked by staff, the customer, e-mail and time', () => {
    runProperty(
      'worked case',
      fc.tuple(intakeArb, fc.array(commandArb(true), { minLength: 1, maxLength: 60, size: 'max' })),
      1400,
    );
  });

  it('every rule holds for a case whose owner never acts (updates, escalation to the top, reminders)', () => {
    runProperty(
      'silent owner',
      fc.tuple(intakeArb, fc.array(commandArb(false), { minLength: 1, maxLength: 40, size: 'max' })),
      600,
    );
  });
});
