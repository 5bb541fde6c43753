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
import { chooseOwner } from '../domain/owner';
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
  type CaseEvent,
  type DecisionContext,
  type Effect,
  type LifecycleState,
  type Refusal,
} from '../domain/lifecycle';
import { defaultTimeZone } from '../domain/locale-defaults';
import {
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
  const ctx = (): DecisionContext => ({ policy, roster, now: Date.now() });
  // Undefined while the owner is being chosen: handlers registered before answer "starting".
  let state: LifecycleState | undefined = args.resume;
  let changed = false;
  const published = new Map<string, string>();

  function apply(event: CaseEvent): void {
    const decision = decide(state!, event, ctx());
    state = decision.state;
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
    const openCases = await lookups.countOpenCases({ ownerIds: roster.owners.map((o) => o.id) });
    const choice = chooseOwner(
      roster,
      { language: args.customer.language, category: categorisation.category },
      openCases,
    );
    state = openCase(args, { categorisation, choice }, ctx()).state;
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
          apply({ type: 'delivered', effectId: first.id, outcome: 'delayed', error: errorMessage(err) });
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
          ? `send ${effect.purpose} to the customer`
          : `notify ${effect.to.name}: ${effect.purpose}`,
    });
    if (effect.do === 'tell-customer')
      return send.sendCustomerMessage({
        caseId: s.complaintId,
        idempotencyKey: effect.id,
        to: { name: s.customer.name, email: s.customer.email! },
        language: s.customer.language,
        timeZone: s.customer.timeZone ?? defaultTimeZone(s.customer.language),
        message: effect.message,
      });
    return send.sendStaffMessage({
      caseId: s.complaintId,
      idempotencyKey: effect.id,
      to: effect.to,
      message: effect.message,
    });
  }

  // --- main loop: sleep until the earliest deadline or a change ----------------------------------

  const historyLimit = args.historyEventLimit ?? 10_000;
  while (state.stage !== 'closed') {
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > historyLimit) {
      // Handlers are synchronous, so only an e-mail in flight must finish before the state moves on.
      await condition(() => !sending);
      return continueAsNew<typeof complaintWorkflowV2>({ ...args, resume: state });
    }
    const next = nextDeadline(state, policy, Date.now());
    changed = false;
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
  return caseRecord(state);

  // --- what operators see: search attributes and the Web UI's current details ---------------------

  function publish(): void {
    const s = state!;
    const now = Date.now();
    const next = nextDeadline(s, policy, now);
    upsertIfChanged(published, [
      { key: ComplaintStage, value: s.stage },
      { key: ComplaintPriority, value: s.priority },
      { key: ComplaintCategory, value: s.category },
      { key: ComplaintOwner, value: s.owner.id },
      { key: ComplaintReference, value: s.reference },
      { key: ComplaintEscalationLevel, value: s.escalationLevel },
      { key: ComplaintOverdue, value: s.overdue },
      { key: ComplaintNextDeadline, value: next ? new Date(next.at) : null },
    ]);
    const pending = s.deliveries.filter((x) => x.status === 'pending');
    const delayed = pending.filter((x) => x.delayedSince);
    setCurrentDetails(
      [
        `**${s.reference}** · stage **${s.stage}** · owner ${s.owner.name} (${s.owner.id})`,
        `priority ${s.priority} · category ${s.category} · escalation level ${s.escalationLevel}${s.overdue ? ' · **OVERDUE**' : ''}`,
        next
          ? `waiting for: ${next.summary} (${next.waitingFor}) until ${new Date(next.at).toISOString()}`
          : s.stage === 'closed'
            ? `closed: ${s.closure}`
            : '',
        pending.length
          ? `e-mails pending: ${pending.map((x) => x.purpose).join(', ')}${delayed.length ? ` — **delayed since ${delayed[0].delayedSince}**` : ''}`
          : '',
        s.pendingApproval ? `awaiting approval: ${s.pendingApproval.summary}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    );
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
