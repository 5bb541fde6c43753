// One complaint, from receipt to close, as one durable workflow: a thin interpreter of the lifecycle
// core in domain/lifecycle. Every handler applies one event through decide() synchronously — with
// no await between reading and writing the state, a handler cannot interleave with another or with
// a deadline (the lock the safe-message-handlers sample needs for async handlers comes for free).
// Decided e-mails wait in the state's outbox; a separate loop sends them in order, so a deadline
// fires on time whatever is in flight, and the main loop sleeps until the earliest deadline.
import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  sleep,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ComplaintActivities } from '../activities/types';
import { caseRecord, type Action, type CaseRecord, type ComplaintInput } from '../domain/case';
import { categorise } from '../domain/categorise';
import { assignedOwner, chooseOwner } from '../domain/owner';
import { offDutyOwners } from '../domain/rota';
import {
  RefusedError,
  afterFailure,
  beforeSending,
  caseView,
  decide,
  nextDeadline,
  nextEffect,
  openCase,
  refusal,
  reopenableUntil,
  type CaseEvent,
  type DecisionContext,
  type Effect,
  type LifecycleState,
  type Refusal,
} from '../domain/lifecycle';
import { attention } from '../domain/lifecycle/attention';
import { observe } from '../domain/lifecycle/observations';
import { waitingFor } from '../domain/lifecycle/waiting';
import { defaultTimeZone } from '../domain/locale-defaults';
import {
  ComplaintAttention,
  ComplaintCategory,
  ComplaintEscalationLevel,
  ComplaintNextDeadline,
  ComplaintOverdue,
  ComplaintOwner,
  ComplaintPriority,
  ComplaintReference,
  ComplaintStage,
} from '../infra/search-attributes';
import * as defs from './definitions';
import { count, currentDetails } from './operations';
import { caseRecorder } from './records';

const lookups = proxyActivities<ComplaintActivities>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 5 },
  summary: 'count open cases per owner',
});

/** Carried across continue-as-new so a long case keeps its whole state, outbox included. */
export interface ComplaintWorkflowArgs extends ComplaintInput {
  resume?: LifecycleState;
}

export async function complaintWorkflowV2(args: ComplaintWorkflowArgs): Promise<CaseRecord> {
  const { policy, roster } = args;
  // Math.random is Temporal's deterministic one here (voucher codes: domain/lifecycle/steps.ts).
  const ctx = (): DecisionContext => ({ policy, roster, now: Date.now(), random: Math.random });
  // Undefined while the owner is being chosen: handlers registered before answer "starting".
  let state: LifecycleState | undefined = args.resume;
  let changed = false;
  const published = new Map<string, string>();
  // ComplaintAttention and the wake-ups that publish it: new commands, so only for cases that start
  // (or continue as new) with this code. A fresh case has no attention yet: nothing to clear.
  const watchAttention = patched('attention');
  // The time up to which attention thresholds count as passed. It moves only when the attention
  // timer fires, never with Date.now(): a replay after a worker's crash can see another activation
  // time than the original run, and the reasons (an upsert, a command) must come out the same.
  let attentionClock = 0;
  if (watchAttention && !args.resume) published.set(ComplaintAttention.name, 'null');
  const records = caseRecorder();
  // 'steady-timers': a wake-up timer is never cancelled. A change no longer cancels the deadline's
  // timer and starts another: the loop waits on the same timer again, and a timer whose moment
  // passed fires harmlessly. A cancel racing its own timer's firing is refused by Temporal's
  // time-skipping test server (sdk-java#3088: the workflow task then hangs, and so does time).
  const steadyTimers = patched('steady-timers');
  const alarms = new Map<number, Promise<void>>();
  /** Waits until `at` (one timer per moment, shared by every wait for it) or a change. */
  async function wakeAt(at: number, summary: string): Promise<void> {
    let timer = alarms.get(at);
    if (!timer) {
      timer = sleep(Math.max(at - Date.now(), 1), { summary }).then(() => void alarms.delete(at));
      alarms.set(at, timer);
    }
    await Promise.race([timer, condition(() => changed)]);
  }

  function apply(event: CaseEvent): void {
    const before = state;
    const decision = decide(state!, event, ctx());
    state = decision.state;
    count(() => observe(before, state!, event));
    changed = true;
    publish();
  }

  // --- handlers: staff actions (Updates), customer events (Signals), the case view (Query) ---------

  for (const action of Object.keys(defs.actionUpdates) as Action[]) {
    setHandler(
      defs.actionUpdates[action],
      (input: unknown) => {
        try {
          apply({ type: 'action', action, input });
        } catch (err) {
          // Two requests accepted together (a double click): the second is refused here, not applied.
          if (err instanceof RefusedError) throw refused(err.refusal);
          throw err;
        }
        return caseView(state!, ctx());
      },
      {
        validator: (input: unknown) => {
          const why = refusal(state, action, input, ctx());
          if (why) throw refused(why);
        },
      },
    );
  }
  const whenOpen = (event: CaseEvent) => {
    if (state) apply(event);
    else early.push(event);
  };
  const early: CaseEvent[] = []; // signals that arrive while the owner is being chosen
  setHandler(defs.customerMessageSignal, (message) => whenOpen({ type: 'customer-message', message }));
  setHandler(defs.withdrawalSignal, (withdrawal) => whenOpen({ type: 'withdrawal', withdrawal }));
  setHandler(defs.bounceSignal, (bounce) => whenOpen({ type: 'bounce', bounce }));
  setHandler(defs.surveyAnswerSignal, (answer) => whenOpen({ type: 'survey-answer', answer }));
  setHandler(defs.caseViewQuery, () => {
    if (!state) throw new Error('The case is starting (choosing its owner): try again in a moment.');
    return caseView(state, ctx());
  });

  // --- intake ------------------------------------------------------------------------------------

  if (!state) {
    const categorisation = categorise(
      {
        subject: args.subject,
        description: args.description,
        channel: args.channel,
        language: args.customer.language,
      },
      policy,
    );
    // New intakes bring the owner the API chose (api/owner-load.ts): no visibility query per case.
    // The patch keeps a history begun by a worker that still counted (same input) on that path.
    const given =
      args.assignment && patched('owner-at-intake') ? assignedOwner(roster, args.assignment) : undefined;
    const choice =
      given ??
      chooseOwner(
        roster,
        { language: args.customer.language, category: categorisation.category },
        await lookups.countOpenCases({ ownerIds: roster.owners.map((o) => o.id) }),
        // #20: at night a social case goes to someone on duty (nobody is left out without a rota).
        offDutyOwners(
          roster,
          policy,
          args.channel,
          args.receivedAt ? Date.parse(args.receivedAt) : Date.now(),
        ),
      );
    // 'owner-notice': the new-case e-mail to the owner; cases started before it never send one.
    const noticeOwner = patched('owner-notice');
    // 'seed-promises': the case keeps ruleset 2 (every seed promise as written, docs/promises.md) to
    // its end, across continue-as-new (the state carries it); cases begun before keep their rules.
    const ruleset = patched('seed-promises') ? 2 : undefined;
    state = openCase(args, { categorisation, choice, noticeOwner, ruleset }, ctx()).state;
    publish();
    for (const event of early.splice(0)) apply(event);
  } else state.continuedAsNew++;

  // --- the outbox: performs effects in order; an outage delays them, never a deadline -------------

  let sending = false;
  async function deliverForever(): Promise<never> {
    for (;;) {
      await condition(() => nextEffect(state!) !== undefined);
      const first = nextEffect(state!)!;
      const dropped = beforeSending(state!, first.id, ctx());
      if (dropped) {
        count(() => observe(state, dropped.state));
        state = dropped.state;
        changed = true;
        publish();
        continue;
      }
      sending = true;
      try {
        const { messageId } = await perform(first);
        apply({ type: 'delivered', effectId: first.id, outcome: 'sent', messageId });
      } catch (err) {
        const failure =
          err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : undefined;
        const verdict = afterFailure(failure?.type ?? undefined, failure?.nonRetryable ?? false);
        if (verdict === 'give-up')
          apply({
            type: 'delivered',
            effectId: first.id,
            outcome: 'permanent-failure',
            errorType: failure!.type!,
            error: failure!.message,
          });
        else {
          apply({
            type: 'delivered',
            effectId: first.id,
            outcome: 'delayed',
            error: errorMessage(err),
            // Only a Telegram send names it (a channel that is down): e-mail's delays stay as they were.
            ...(failure?.type?.startsWith('Telegram') ? { errorType: failure.type } : {}),
          });
          if (verdict === 'pause')
            await sleep(policy.delivery.maxRetryIntervalMs, {
              summary: `e-mail paused: ${failure?.type ?? 'error'}`,
            });
        }
      } finally {
        sending = false;
      }
    }
  }
  // Runs beside the main loop for the life of the run; it never returns.
  void deliverForever();

  // --- files a customer sent on a messenger (#20): fetched and sealed by an activity, one message at a time
  async function fetchFilesForever(): Promise<never> {
    const fetcher = proxyActivities<ComplaintActivities>({
      startToCloseTimeout: '2m',
      retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m', maximumAttempts: 10 },
      summary: 'fetch the customer’s files from Telegram',
    });
    for (;;) {
      await condition(() => (state?.pendingFiles?.length ?? 0) > 0);
      const next = state!.pendingFiles![0];
      // 'telegram-files': only cases opened by a Telegram message have files to fetch.
      if (!patched('telegram-files')) {
        await condition(() => false);
        continue;
      }
      try {
        const got = await fetcher.fetchMessengerFiles({
          caseId: state!.complaintId,
          workflowId: workflowInfo().workflowId,
          files: next.files,
        });
        apply({ type: 'files-fetched', key: next.key, attachments: got.attachments, failed: got.failed });
      } catch (err) {
        apply({ type: 'files-fetched', key: next.key, attachments: [], failed: errorMessage(err) });
      }
    }
  }
  void fetchFilesForever();

  function perform(effect: Effect) {
    const s = state!;
    const send = proxyActivities<ComplaintActivities>({
      startToCloseTimeout: '30s',
      // Transient failures (Postmark down, rate limits) retry within the window; then the outbox
      // tries the same effect again (same idempotency key), so nothing is ever dropped.
      scheduleToCloseTimeout: policy.delivery.attemptWindowMs,
      retry: {
        initialInterval: '1s',
        backoffCoefficient: 2,
        maximumInterval: policy.delivery.maxRetryIntervalMs,
      },
      summary:
        effect.do === 'tell-customer'
          ? `send ${effect.purpose} to the customer${effect.via === 'telegram' ? ' by Telegram' : ''}`
          : `notify ${effect.to.name}: ${effect.purpose}`,
    });
    // 'telegram-route' (#20): a Telegram case's messages go to its chat. Only cases opened by a
    // Telegram message have such effects, so no running case meets this branch.
    if (
      effect.do === 'tell-customer' &&
      effect.via === 'telegram' &&
      s.customer.telegram &&
      patched('telegram-route')
    )
      return send.sendTelegramMessage({
        caseId: s.complaintId,
        idempotencyKey: effect.id,
        purpose: effect.purpose,
        chatId: s.customer.telegram.chatId,
        language: s.customer.language,
        timeZone: s.customer.timeZone ?? defaultTimeZone(s.customer.language),
        message: effect.message,
      });
    if (effect.do === 'tell-customer')
      return send.sendCustomerMessage({
        caseId: s.complaintId,
        idempotencyKey: effect.id,
        purpose: effect.purpose,
        to: { name: s.customer.name, email: s.customer.email! },
        language: s.customer.language,
        timeZone: s.customer.timeZone ?? defaultTimeZone(s.customer.language),
        message: effect.message,
      });
    return send.sendStaffMessage({
      caseId: s.complaintId,
      idempotencyKey: effect.id,
      purpose: effect.purpose,
      recipientRole: effect.to.email.toLowerCase() === s.owner.email.toLowerCase() ? 'owner' : 'staff',
      to: effect.to,
      message: effect.message,
    });
  }

  // --- main loop: sleep until the earliest deadline or a change ----------------------------------

  const historyLimit = args.historyEventLimit ?? 10_000;
  // Ruleset 2: a closed case stays open to the customer's reply for the policy's reopen window (one
  // history: the reopening is an event like any other); it completes once the window has passed.
  for (;;) {
    while (state.stage !== 'closed') {
      const info = workflowInfo();
      if (info.continueAsNewSuggested || info.historyLength > historyLimit) {
        // Handlers are synchronous, so only an e-mail in flight must finish before the state moves on.
        await condition(() => !sending);
        return continueAsNew<typeof complaintWorkflowV2>({ ...args, resume: state });
      }
      const next = nextDeadline(state, policy, Date.now());
      changed = false;
      if (steadyTimers) {
        // A case can need attention before any deadline (an e-mail stuck behind Postmark): wake up then.
        const check = watchAttention ? attention(state, policy, attentionClock).changesAt : undefined;
        const attentionFirst = check !== undefined && (!next || check < next.at);
        const at = attentionFirst ? check : next?.at;
        if (at === undefined) {
          await condition(() => changed);
          continue;
        }
        // As before: a change re-plans; the moment itself acts on what was waited for, even if a
        // deadline computed at the new time (the overdue escalation) would now come first.
        if (at > Date.now()) await wakeAt(at, attentionFirst ? 'attention check' : next!.summary);
        if (changed) continue;
        if (attentionFirst) {
          attentionClock = at;
          const needs = attention(state, policy, attentionClock);
          upsertIfChanged(published, [
            { key: ComplaintAttention, value: needs.reasons.length ? needs.reasons : null },
          ]);
          setCurrentDetails(currentDetails(state, waitingFor(state, policy, Date.now()), next, needs));
          const s = state;
          records.attentionChanged(s, () => caseView(s, ctx()), needs.reasons);
        } else {
          log.info('deadline reached', { deadline: next!.name, reference: state.reference });
          apply({ type: 'deadline', name: next!.name });
        }
        continue;
      }
      // A case can need attention before any deadline (an e-mail stuck behind Postmark): wake up then.
      const check = watchAttention ? attention(state, policy, attentionClock).changesAt : undefined;
      if (check !== undefined && (!next || check < next.at)) {
        if (
          !(await condition(() => changed, Math.max(check - Date.now(), 1), { summary: 'attention check' }))
        ) {
          attentionClock = check;
          // Only what the timer decides: the other attributes read Date.now(), which a replay may see
          // differently at this activation; they are published with the next event or deadline.
          const needs = attention(state, policy, attentionClock);
          upsertIfChanged(published, [
            { key: ComplaintAttention, value: needs.reasons.length ? needs.reasons : null },
          ]);
          setCurrentDetails(currentDetails(state, waitingFor(state, policy, Date.now()), next, needs));
          const s = state;
          records.attentionChanged(s, () => caseView(s, ctx()), needs.reasons);
        }
        continue;
      }
      if (!next) {
        await condition(() => changed);
        continue;
      }
      const wait = next.at - Date.now();
      if (wait > 0 && (await condition(() => changed, wait, { summary: next.summary }))) continue;
      if (changed) continue;
      log.info('deadline reached', { deadline: next.name, reference: state.reference });
      apply({ type: 'deadline', name: next.name });
    }
    // Closed: what was decided before the close (the confirmation, the last notices) still goes out.
    await condition(() => nextEffect(state!) === undefined && !sending);
    publish();
    // A reply within the window reopens the case (the loop above runs again); anything else that
    // happens meanwhile (a late bounce) waits on the same timer again, never cancelled (steady-timers).
    const until = reopenableUntil(state, policy);
    if (until === undefined || until <= Date.now()) break;
    changed = false;
    await wakeAt(until, 'reopen window: a reply from the customer reopens the case');
  }
  await records.settled(); // the closing record is in the store before the case completes
  return caseRecord(state);

  // --- what operators see: search attributes and the Web UI's current details ---------------------

  function publish(): void {
    const s = state!;
    const now = Date.now();
    const next = nextDeadline(s, policy, now);
    const needs = watchAttention ? attention(s, policy, attentionClock) : undefined;
    upsertIfChanged(published, [
      ...(needs ? [{ key: ComplaintAttention, value: needs.reasons.length ? needs.reasons : null }] : []),
      { key: ComplaintStage, value: s.stage },
      { key: ComplaintPriority, value: s.priority },
      { key: ComplaintCategory, value: s.category },
      { key: ComplaintOwner, value: s.owner.id },
      { key: ComplaintReference, value: s.reference },
      { key: ComplaintEscalationLevel, value: s.escalationLevel },
      { key: ComplaintOverdue, value: s.overdue },
      { key: ComplaintNextDeadline, value: next ? new Date(next.at) : null },
    ]);
    setCurrentDetails(currentDetails(s, waitingFor(s, policy, now), next, needs));
    records.changed(s, () => caseView(s, ctx()), { nextDeadlineAt: next?.at, attention: needs?.reasons });
  }
}

/** Search attributes are upserted only when a value changes: each upsert is a history event. */
function upsertIfChanged(
  published: Map<string, string>,
  pairs: Parameters<typeof upsertSearchAttributes>[0],
): void {
  const changes = (pairs as { key: { name: string }; value: unknown }[]).filter((p) => {
    const text = JSON.stringify(p.value);
    if (published.get(p.key.name) === text) return false;
    published.set(p.key.name, text);
    return true;
  });
  if (changes.length) upsertSearchAttributes(changes as Parameters<typeof upsertSearchAttributes>[0]);
}

/** A refusal the API can read without parsing text: the stage and what it allows travel as details. */
function refused(r: Refusal): ApplicationFailure {
  return ApplicationFailure.create({
    message: r.message,
    type: r.kind === 'invalid' ? 'ActionInvalid' : 'ActionNotAllowed',
    nonRetryable: true,
    details: [{ stage: r.stage, allowed: r.allowed }],
  });
}

function errorMessage(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause) return err.cause.message;
  return err instanceof Error ? err.message : String(err);
}
