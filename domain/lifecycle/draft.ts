// A decision in the making: a private copy of the case state, the effects decided so far, and the
// small verbs every rule uses (note, meet a promise, tell the customer, escalate, open a task).
// Pure: the copy is the decision's own, so `decide` never changes the state it was given.
import type { ClosureReason, Clock, Task, TimelineEntry } from '../case';
import { addClockTime } from '../clock';
import { escalationLevel, escalationRecipients, topEscalationLevel } from '../escalation';
import { nightEscalationContacts } from '../rota';
import type { TimelineKind } from '../messages/types';
import { defaultTimeZone } from '../locale-defaults';
import { timingsFor } from '../rules';
import { staffReaderOf } from '../staff-reader';
import type { PriorityTimings } from '../types';
import { correspondsOnPaper, routeFor } from './contact';
import type { DecisionContext, Effect, LifecycleState, OutgoingMessage, Recipient } from './model';

export class Draft {
  readonly state: LifecycleState;
  readonly effects: Effect[] = [];

  constructor(
    state: LifecycleState,
    readonly ctx: DecisionContext,
  ) {
    // The state is plain JSON (it travels through Temporal as such): a JSON copy is a deep copy.
    this.state = JSON.parse(JSON.stringify(state)) as LifecycleState;
  }

  /** Who took the staff action being applied, as the API named them (absent: the owner). */
  actedBy?: string;
  /** The name the record gives the staff action being applied: who took it, else the owner. */
  get actor(): string {
    return this.actedBy ?? this.state.owner.name;
  }

  get policy() {
    return this.ctx.policy;
  }
  get roster() {
    return this.ctx.roster;
  }
  get now(): number {
    return this.ctx.now;
  }
  iso(ms: number = this.ctx.now): string {
    return new Date(ms).toISOString();
  }
  timings(): PriorityTimings {
    return timingsFor(this.state.priority, this.policy);
  }
  /** `ms` of working time after `from` on the policy clock. */
  after(from: number, ms: number): number {
    return addClockTime(from, ms, this.policy.clock);
  }
  timeZone(): string {
    return this.state.customer.timeZone ?? defaultTimeZone(this.state.customer.language);
  }
  /** The version of the rules this case keeps (see CaseState.ruleset). */
  get ruleset(): 1 | 2 {
    return this.state.ruleset ?? 1;
  }

  // --- the record ---------------------------------------------------------------------------------

  /** Records an event; `customer` makes it part of the customer's timeline (status page, letter). */
  note(
    kind: string,
    text: string,
    customer?: { kind: TimelineKind; text?: string },
    by?: string,
    via?: TimelineEntry['via'],
  ): void {
    const entry: TimelineEntry = { at: this.iso(), kind, text, customerVisible: !!customer, by };
    if (via) entry.via = via;
    if (customer) {
      entry.customerKind = customer.kind;
      if (customer.text !== undefined) entry.customerText = customer.text;
    }
    this.state.timeline.push(entry);
  }

  clock(name: string): Clock | undefined {
    return this.state.clocks[name];
  }
  startClock(name: string, dueMs: number): void {
    this.state.clocks[name] = { name, dueAt: this.iso(dueMs), state: 'pending' };
  }
  /** The promise was kept; kept after its deadline it stays missed, with when it was kept. */
  meet(name: string): void {
    const c = this.state.clocks[name];
    if (!c) return;
    if (c.state === 'missed' && !c.metAt) c.metAt = this.iso();
    if (c.state !== 'pending') return;
    c.metAt = this.iso();
    if (this.now > Date.parse(c.dueAt)) {
      c.state = 'missed';
      c.missedAt = c.dueAt;
    } else c.state = 'met';
  }
  miss(name: string): void {
    const c = this.state.clocks[name];
    if (c?.state === 'pending') {
      c.state = 'missed';
      c.missedAt = this.iso();
    }
  }

  // --- effects ------------------------------------------------------------------------------------

  private nextId(purpose: string): string {
    return `${this.state.complaintId}:${purpose}:${++this.state.messageSeq}`;
  }
  private enqueue(effect: Effect, to: string): void {
    this.state.outbox.push(effect);
    this.effects.push(effect);
    this.state.deliveries.push({
      id: effect.id,
      purpose: effect.purpose,
      audience: effect.do === 'tell-customer' ? 'customer' : 'staff',
      to,
      status: 'pending',
      decidedAt: effect.decidedAt,
      ...(effect.do === 'tell-customer' && effect.via ? { via: effect.via } : {}),
    });
  }
  customerReachable(): boolean {
    return !!this.state.customer.email && !this.state.customerEmailBounced;
  }

  /**
   * Tells the customer in writing, or, without a working address, asks the owner to (a task). The
   * customer counts as contacted when we decide, not when Postmark accepts: an outage delays the
   * e-mail, never the promise (and the outbox drops what a later message supersedes). On ruleset 2
   * the route follows the customer's channel (routeFor): a paper complainant gets a printable letter
   * task carrying the message, whatever addresses we have.
   */
  tellCustomer(
    purpose: string,
    message: OutgoingMessage,
    opts: { dueBy?: string; clock?: string } = {},
  ): Task | undefined {
    this.state.lastCustomerContactAt = this.iso();
    if (this.ruleset === 1) {
      if (this.customerReachable()) this.sendEmail(purpose, message);
      else
        return this.openTask(
          this.state.customer.phone ? 'call' : 'write',
          this.state.customer.email ? 'bounced' : 'no-email',
          `Tell the customer (${purpose}) by ${this.state.customer.phone ? 'phone' : 'letter'}.`,
          { purpose },
        );
      return undefined;
    }
    const route = routeFor(this.state, this.policy, purpose);
    if (route.by === 'email') {
      this.sendEmail(purpose, message);
      return undefined;
    }
    if (route.by === 'telegram') {
      this.sendTelegram(purpose, message);
      return undefined;
    }
    const c = this.state.customer;
    const reason: Task['reason'] = correspondsOnPaper(this.state, this.policy)
      ? 'paper'
      : c.email
        ? 'bounced'
        : 'no-email';
    const how =
      route.by === 'phone'
        ? 'by phone'
        : route.send === 'fax'
          ? 'in a letter faxed to their fax number (print it from the case)'
          : c.postalAddress
            ? 'in a letter posted to their address (print it from the case)'
            : // No way that works (a messenger customer whose chat blocked us; an address Postmark will
              // not deliver to): a person must find one. An address on file is said to be there.
              c.email
              ? 'another way: the e-mail address on file does not take our e-mails (Postmark will not deliver to it) and no phone, postal address or working chat is on file — find one (print the letter from the case) and note how'
              : 'another way: no e-mail, phone, address or working chat is on file — find one (print the letter from the case) and note how';
    return this.openTask(
      route.by === 'phone' ? 'call' : 'write',
      reason,
      `Tell the customer (${purpose}) ${how}.`,
      {
        purpose,
        message,
        ...opts,
      },
    );
  }

  /** An e-mail to the customer through the outbox (the caller knows their address works). */
  sendEmail(purpose: string, message: OutgoingMessage): void {
    this.enqueue(
      { id: this.nextId(purpose), do: 'tell-customer', purpose, decidedAt: this.iso(), message },
      'customer',
    );
  }

  /** A message to the customer's Telegram chat through the outbox (routeFor chose it). */
  sendTelegram(purpose: string, message: OutgoingMessage): void {
    this.enqueue(
      {
        id: this.nextId(purpose),
        do: 'tell-customer',
        purpose,
        decidedAt: this.iso(),
        message,
        via: 'telegram',
      },
      'customer',
    );
  }

  notifyStaff(purpose: string, to: Recipient, message: OutgoingMessage): void {
    this.enqueue(
      {
        id: this.nextId(purpose),
        do: 'notify-staff',
        purpose,
        decidedAt: this.iso(),
        // In the reader's language and zone, as the case's roster snapshot says.
        to: { name: to.name, email: to.email, ...staffReaderOf(this.roster, to.email, this.policy) },
        message,
      },
      to.name,
    );
  }

  // --- tasks --------------------------------------------------------------------------------------

  openTask(
    kind: Task['kind'],
    reason: Task['reason'],
    text: string,
    opts: { dueBy?: string; purpose?: string; clock?: string; message?: OutgoingMessage } = {},
  ): Task {
    const task: Task = {
      id: `T${this.state.tasks.length + 1}`,
      kind,
      reason,
      createdAt: this.iso(),
      note: text,
    };
    if (opts.dueBy) task.dueBy = opts.dueBy;
    if (opts.purpose) task.purpose = opts.purpose;
    if (opts.clock) task.clock = opts.clock;
    if (opts.message) task.message = opts.message;
    this.state.tasks.push(task);
    this.note('task', `Task ${task.id} for ${this.state.owner.name}: ${text}`);
    this.notifyStaff(`task-${task.id}`, this.state.owner, {
      kind: 'callTask',
      ownerName: this.state.owner.name,
      reference: this.state.reference,
      reason,
      taskKind: kind,
      customerName: this.state.customer.name,
      customerPhone: this.state.customer.phone,
      dueBy: opts.dueBy,
      note: text,
    });
    return task;
  }
  openTasks(): Task[] {
    return this.state.tasks.filter((t) => !t.closedAt && !t.doneAt);
  }
  closeTask(task: Task, as: 'done' | 'moot', by?: string, note?: string): void {
    if (task.closedAt || task.doneAt) return;
    task.closedAt = this.iso();
    task.closedAs = as;
    if (by) task.closedBy = by;
    if (note) task.closingNote = note;
  }
  /** Tasks the case no longer needs close themselves (call reminders once the call is settled...). */
  closeMootTasks(reasons: Task['reason'][], purposes: string[] = []): void {
    for (const t of this.openTasks()) {
      if (reasons.includes(t.reason) || (t.purpose && purposes.includes(t.purpose)))
        this.closeTask(t, 'moot');
    }
  }

  // --- escalation ---------------------------------------------------------------------------------

  /**
   * The one way up the chain: one level at a time, each level once, never past the top. Every
   * escalation notifies the people of the new level.
   */
  escalate(reason: string): void {
    const top = topEscalationLevel(this.policy);
    if (this.state.escalationLevel >= top) return;
    const level = this.state.escalationLevel + 1;
    this.state.escalationLevel = level;
    this.state.escalations.push({ at: this.iso(), level, reason });
    const levelDef = escalationLevel(level, this.policy);
    const levelName = levelDef?.name ?? `level ${level}`;
    this.note('escalation', `Escalated to ${levelName} (level ${level}): ${reason}`);
    const chain = escalationRecipients(level, this.state.owner.id, this.roster, this.policy);
    // At night a social case's escalation also reaches whoever is on duty (#20; the rota).
    const night = nightEscalationContacts(this.roster, this.policy, this.state.channel, this.now).filter(
      (p) => !chain.some((r) => r.email.toLowerCase() === p.email.toLowerCase()),
    );
    for (const person of [...chain, ...night.map((p) => ({ name: p.name, email: p.email }))]) {
      this.notifyStaff(`escalation-${level}`, person, {
        kind: 'escalation',
        recipientName: person.name,
        reference: this.state.reference,
        level,
        levelName,
        ...(levelDef?.labels ? { levelLabels: levelDef.labels } : {}),
        reason,
        ownerName: this.state.owner.name,
      });
    }
  }

  close(reason: ClosureReason): void {
    if (this.ruleset === 2 && !this.state.closing) this.state.stageBeforeClosing = this.state.stage;
    this.state.stage = 'closed';
    this.state.closure = reason;
    this.state.closedAt = this.iso();
    this.state.closing = undefined;
    this.suspendClocks();
    // A closed case has no open task: whatever was left is moot now.
    for (const t of this.openTasks()) this.closeTask(t, 'moot');
    this.state.pendingApproval = undefined;
    this.note('closed', `Case closed: ${reason}.`);
  }

  /**
   * Cancels the pending promises (nothing is owed to a settled case); on ruleset 2 it remembers
   * which, and since when, so a reopening can take them up again.
   */
  suspendClocks(): void {
    const cancelled: string[] = [];
    for (const c of Object.values(this.state.clocks))
      if (c.state === 'pending') {
        c.state = 'cancelled';
        cancelled.push(c.name);
      }
    if (this.ruleset !== 2) return;
    const before = this.state.suspended;
    this.state.suspended = {
      at: before?.at ?? this.iso(),
      clocks: [...(before?.clocks ?? []), ...cancelled],
    };
  }
}
