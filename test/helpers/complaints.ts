// Helpers for complaint scenarios: policies for tests, starting a complaint, reading what the
// customer and staff received in the Postmark sandbox.
import { Client, type WorkflowHandle } from '@temporalio/client';
import { startComplaint, type IntakeDeps, type IntakeRequest } from '../../api/intake';
import { caseRecord, type CaseRecord, type CaseView, type DiagnosisInput } from '../../domain/case';
import { loadPolicy, loadRoster } from '../../infra/policy-files';
import type { Policy, Roster } from '../../domain/types';
import { fromRoot } from '../../infra/paths';
import {
  callUpdate,
  caseViewQuery,
  complaintWorkflowId,
  diagnosisUpdate,
  documentationUpdate,
  taskCompletionUpdate,
  withdrawalSignal,
} from '../../workflows/definitions';
import type { TestStack } from './stack';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function shippedPolicy(name = 'default'): Policy {
  return loadPolicy(fromRoot('policy', `${name}.json`));
}
export function shippedRoster(): Roster {
  return loadRoster(fromRoot('policy', 'roster.json'));
}

/** A deep copy of a policy with changes applied by `edit`. */
export function policyWith(edit: (p: Policy) => void, base: Policy = shippedPolicy()): Policy {
  const copy = JSON.parse(JSON.stringify(base)) as Policy;
  edit(copy);
  return copy;
}

let counter = 0;

export function complaintRequest(overrides: Partial<IntakeRequest> = {}): IntakeRequest {
  counter++;
  return {
    customer: {
      name: 'Maria Kowalska',
      email: `maria.${process.pid}.${counter}@example.com`,
      phone: '+48 600 100 200',
      language: 'en',
    },
    channel: 'email',
    subject: 'Parcel arrived damaged',
    description:
      'The courier left the parcel at the door and the box was crushed; the lamp inside is broken.',
    order: { reference: `ORD-${counter}`, amount: 400, currency: 'PLN', purchaseDate: '2026-11-01' },
    ...overrides,
  };
}

export interface StartOptions {
  policy?: Policy;
  roster?: Roster;
  historyEventLimit?: number;
  idempotencyKey?: string;
  /** Chooses the owner at intake (as the API does); absent: the workflow chooses. */
  owners?: IntakeDeps['owners'];
}

export interface StartedCase {
  id: string;
  reference: string;
  handle: WorkflowHandle;
  email: string | undefined;
}

export async function start(
  stack: TestStack,
  request: IntakeRequest = complaintRequest(),
  opts: StartOptions = {},
): Promise<StartedCase> {
  const policy = opts.policy ?? shippedPolicy();
  const roster = opts.roster ?? shippedRoster();
  const result = await startComplaint(
    {
      client: stack.client,
      taskQueue: stack.taskQueue,
      snapshot: () => ({ policy, roster }),
      historyEventLimit: opts.historyEventLimit,
      owners: opts.owners,
    },
    request,
    opts.idempotencyKey,
  );
  return {
    id: result.complaintId,
    reference: result.reference,
    handle: stack.client.workflow.getHandle(result.workflowId),
    email: request.customer.email,
  };
}

export interface SandboxMessage {
  MessageID: string;
  To: string;
  Subject: string;
  HtmlBody: string;
  TextBody: string;
  Tag: string;
  Metadata: Record<string, string>;
  ReceivedAt: string;
  ReplyTo?: string;
}

export async function mails(
  stack: TestStack,
  filter: { caseId?: string; to?: string; kind?: string; audience?: string },
): Promise<SandboxMessage[]> {
  // E-mails leave through the case's outbox after the decision: let what was decided go out first.
  if (filter.caseId) await outboxDrained(stack, filter.caseId);
  const q = new URLSearchParams();
  if (filter.caseId) q.set('caseId', filter.caseId);
  if (filter.to) q.set('to', filter.to);
  if (filter.kind) q.set('metadata_kind', filter.kind);
  if (filter.audience) q.set('metadata_audience', filter.audience);
  const res = await fetch(`${stack.sandbox.url}/sandbox/messages?${q.toString()}`);
  const body = (await res.json()) as { messages: SandboxMessage[] };
  // Oldest first reads like the case's story.
  return body.messages.sort((a, b) => a.ReceivedAt.localeCompare(b.ReceivedAt));
}

/**
 * Waits (a few seconds at most, in real time) until the case has no e-mail pending in its outbox.
 * During a simulated outage it gives up quietly: the caller then sees what was sent so far.
 */
export async function outboxDrained(stack: TestStack, caseId: string, timeoutMs = 5_000): Promise<void> {
  const handle = stack.client.workflow.getHandle(complaintWorkflowId(caseId));
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const v = await askView(handle, Math.max(until - Date.now(), 500)).catch(() => undefined);
    if (!v || !(v.deliveries ?? []).some((x) => x.status === 'pending' && !x.delayedSince)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * One case-view query, given `ms` to answer. On the time-skipping server a query sent while the case
 * continues as new sometimes goes unanswered for 90 s, where asking again answers at once.
 */
function askView(handle: WorkflowHandle, ms: number): Promise<CaseView> {
  return handle.client.withDeadline(Date.now() + ms, () => handle.query(caseViewQuery));
}

/** The case view (a query), asked again when it goes unanswered for 10 s (see askView). */
export async function view(handle: WorkflowHandle): Promise<CaseView> {
  for (let attempt = 1; ; attempt++) {
    const asked = Date.now();
    try {
      return await askView(handle, 10_000);
    } catch (err) {
      if (attempt >= 3 || Date.now() - asked < 10_000) throw err;
    }
  }
}

/** Polls in real time (not workflow time) until `check` passes. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the case reaches a stage. */
export function stageIs(handle: WorkflowHandle, stage: CaseView['stage']): Promise<CaseView> {
  return eventually(async () => {
    const v = await view(handle);
    return v.stage === stage ? v : undefined;
  }, `stage ${stage}`);
}

/** The message of a rejected or failed Update (the validator's or handler's own words). */
export async function updateRejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause;
    return cause?.message ?? (err as Error).message;
  }
  throw new Error('the update was expected to be rejected, but it was accepted');
}

// ---------------------------------------------------------------------------------------------
// Scenario helpers (appended for the lifecycle scenario tests)

/**
 * The engine's current time. The time-skipping server runs ahead of the wall clock once a test has
 * skipped time, so dates sent to the workflow (receivedAt, promised dates) must be taken from here.
 */
export async function engineNow(stack: TestStack): Promise<number> {
  return stack.env ? stack.env.currentTimeMs() : Date.now();
}

export const isoAt = (ms: number): string => new Date(ms).toISOString();

/** A complaint request received now on the engine's clock (see engineNow). */
export async function requestNow(
  stack: TestStack,
  overrides: Partial<IntakeRequest> = {},
): Promise<IntakeRequest> {
  return complaintRequest({ receivedAt: isoAt(await engineNow(stack)), ...overrides });
}

/** Waits until the workflow has no activity in flight (every e-mail it started has been sent). */
export async function settled(handle: WorkflowHandle): Promise<void> {
  let quietSince = 0;
  await eventually(async () => {
    const d = await handle.describe();
    // The outbox: an e-mail decided but not yet sent counts as work in flight.
    const outbox =
      d.status.name === 'RUNNING'
        ? ((await askView(handle, 5_000).catch(() => undefined))?.deliveries ?? []).some(
            (x) => x.status === 'pending',
          )
        : false;
    const busy = (d.raw.pendingActivities?.length ?? 0) > 0 || outbox;
    if (busy) quietSince = 0;
    else if (!quietSince) quietSince = Date.now();
    // Quiet twice, 150 ms apart: a workflow task that just completed may schedule the next activity.
    return !busy && Date.now() - quietSince >= 150;
  }, 'the workflow to settle');
}

/** Waits until the mails matching `filter` number exactly `count`, then checks no more arrive. */
export async function mailsExactly(
  stack: TestStack,
  filter: { caseId?: string; to?: string; kind?: string; audience?: string },
  count: number,
  what = `${count} ${filter.kind ?? ''} mail(s)`,
): Promise<SandboxMessage[]> {
  let seen = -1;
  await eventually(async () => {
    seen = (await mails(stack, filter)).length;
    return seen >= count;
  }, `${what} (saw ${seen})`);
  await new Promise((r) => setTimeout(r, 300));
  const found = await mails(stack, filter);
  if (found.length !== count) {
    throw new Error(`expected ${what}, found ${found.length}: ${found.map((m) => m.Subject).join(' | ')}`);
  }
  return found;
}

/** Waits for the case's acknowledgement e-mail and returns it. */
export function acknowledgement(
  stack: TestStack,
  caseId: string,
  what = 'the acknowledgement',
): Promise<SandboxMessage> {
  return eventually(async () => (await mails(stack, { caseId, kind: 'acknowledgement' }))[0], what);
}

/**
 * A case received now on the engine's clock (see requestNow), once its acknowledgement has gone out
 * and the owner has called the customer back (the call-back task every customer with a phone gets,
 * seed 001 §1) — unless `callBack` is false.
 */
export async function acknowledgedCase(
  stack: TestStack,
  opts: StartOptions & { callBack?: boolean } = {},
): Promise<StartedCase> {
  const { callBack = true, ...startOpts } = opts;
  const c = await start(stack, await requestNow(stack), startOpts);
  await acknowledgement(stack, c.id);
  if (callBack) await callBackOnIntake(c.handle);
  return c;
}

/** The owner calls the customer back after intake (a reached call on the call-back task, if any). */
export async function callBackOnIntake(handle: WorkflowHandle): Promise<void> {
  const task = (await stageIs(handle, 'diagnosis')).tasks.find(
    (t) => t.reason === 'callback-on-intake' && !t.closedAt,
  );
  if (task)
    await handle.executeUpdate(callUpdate, {
      args: [{ reached: true, note: 'Called back.', taskId: task.id }],
    });
}

/**
 * A diagnosis blaming the courier (FastCourier) and promising an answer `promiseInMs` from now on the
 * engine's clock; `details` replaces any of it.
 */
export async function diagnosisIn(
  stack: TestStack,
  promiseInMs: number,
  details: Partial<DiagnosisInput> = {},
): Promise<DiagnosisInput> {
  return {
    summary: 'The courier damaged the parcel.',
    probableCause: 'Depot handling',
    responsibleParty: { kind: 'third-party', name: 'FastCourier' },
    expectedResolutionBy: isoAt((await engineNow(stack)) + promiseInMs),
    ...details,
  };
}

/** Waits until the case is in diagnosis, then diagnoses it (see diagnosisIn). */
export async function diagnoseWhenReady(
  stack: TestStack,
  handle: WorkflowHandle,
  promiseInMs: number,
  details: Partial<DiagnosisInput> = {},
): Promise<CaseView> {
  await stageIs(handle, 'diagnosis');
  return handle.executeUpdate(diagnosisUpdate, { args: [await diagnosisIn(stack, promiseInMs, details)] });
}

/**
 * An acknowledged case (see acknowledgedCase) diagnosed with `diagnosisIn(stack, promiseInMs, details)`:
 * the case, its view after the diagnosis, and the diagnosis it was given.
 */
export async function startDiagnosed(
  stack: TestStack,
  promiseInMs: number,
  opts: StartOptions & { details?: Partial<DiagnosisInput>; callBack?: boolean } = {},
): Promise<{ c: StartedCase; v: CaseView; diagnosis: DiagnosisInput }> {
  const { details, ...startOpts } = opts;
  const c = await acknowledgedCase(stack, startOpts);
  const diagnosis = await diagnosisIn(stack, promiseInMs, details);
  const v = await c.handle.executeUpdate(diagnosisUpdate, { args: [diagnosis] });
  return { c, v, diagnosis };
}

/** The staff e-mails of a case's escalation to `level`. */
export async function escalationMails(
  stack: TestStack,
  caseId: string,
  level: number,
): Promise<SandboxMessage[]> {
  // Staff e-mails come in each reader's language (policy/roster.json): the level in English or Polish.
  return (await mails(stack, { caseId, kind: 'escalation', audience: 'staff' })).filter(
    (m) => m.Subject.includes(`level ${level} `) || m.Subject.includes(`poziom ${level} `),
  );
}

/**
 * Keeps one worker polling for a whole test file (call in `before`, stop in `after`). A worker per
 * test leaves earlier cases' workflow tasks on the stopped worker's sticky queue; on the
 * time-skipping server that outstanding task locks time, and the next `env.sleep` never returns.
 */
export function workerThroughout(stack: TestStack): { stop(): Promise<void> } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const running = stack.run(() => released);
  running.catch(() => undefined); // reported by stop()
  return {
    stop: async () => {
      release();
      await running;
    },
  };
}

/**
 * The case record of a case that is closing or closed, read from the case itself without unlocking
 * time skipping: the time-skipping client's `result()` lets the server jump ahead while it waits (to
 * the next timer of any open case, or ten years when there is none), which moves every later test in
 * the file — and a closed case of ruleset 2 completes only after its reopen window (14 days).
 */
export async function closedRecord(_stack: TestStack, handle: WorkflowHandle): Promise<CaseRecord> {
  const v = await eventually(async () => {
    const x = await view(handle);
    return x.stage === 'closed' && !(x.deliveries ?? []).some((d) => d.status === 'pending') && x;
  }, 'the case to close');
  return caseRecord(v);
}

/** The workflow's own result, for a case whose policy lets it complete (a short reopen window). */
export async function workflowResult(stack: TestStack, handle: WorkflowHandle): Promise<CaseRecord> {
  const plain = new Client({
    connection: stack.client.connection,
    namespace: stack.config.TEMPORAL_NAMESPACE,
    dataConverter: stack.client.options.dataConverter,
  });
  return plain.workflow.getHandle(handle.workflowId).result() as Promise<CaseRecord>;
}

/**
 * Ends a case the way a customer can, and documents it (seed 004: withdrawn cases are documented
 * too): withdrawal, the confirmation sent (a letter task for a paper complainant), documentation.
 * Terminating a case with an e-mail in flight would stop the time-skipping server's clock.
 */
export async function withdrawAndDocument(stack: TestStack, handle: WorkflowHandle): Promise<CaseRecord> {
  await handle.signal(withdrawalSignal, {});
  const settledView = await eventually(async () => {
    const v = await view(handle);
    return (v.stage === 'documentation' || v.stage === 'closed') && v;
  }, 'the withdrawal to settle the case');
  if (settledView.stage === 'documentation') {
    for (const t of settledView.tasks.filter((x) => x.message && !x.closedAt))
      await handle.executeUpdate(taskCompletionUpdate, {
        args: [{ taskId: t.id, note: 'Sent.', by: 'test' }],
      });
    await handle.executeUpdate(documentationUpdate, {
      args: [
        {
          rootCause: 'The customer withdrew the complaint.',
          contributingFactors: [],
          responsibleParty: 'unknown',
          correctiveAction: 'None needed',
          preventiveAction: 'None',
        },
      ],
    });
  }
  return closedRecord(stack, handle);
}

/**
 * Withdraws and documents a case (withdrawAndDocument) and waits for its workflow to complete: for
 * policies with a short reopen window (the API stack's), where a closed case completes in seconds.
 */
export async function withdrawAndComplete(stack: TestStack, handle: WorkflowHandle): Promise<CaseRecord> {
  await withdrawAndDocument(stack, handle);
  return workflowResult(stack, handle);
}

/** The open task of a case for `reason` (e.g. the outcome's call, "resolution-call"). */
export async function openTask(handle: WorkflowHandle, reason: string, purpose?: string) {
  return eventually(
    async () =>
      (await view(handle)).tasks.find(
        (t) => t.reason === reason && !t.closedAt && (purpose === undefined || t.purpose === purpose),
      ),
    `an open ${reason} task`,
  );
}

/** The owner tells the customer the outcome by phone (every outcome, seed 003): a reached call on its task. */
export async function tellOutcomeByPhone(handle: WorkflowHandle, note = 'Explained the outcome.') {
  const task = await openTask(handle, 'resolution-call');
  return handle.executeUpdate(callUpdate, { args: [{ reached: true, note, taskId: task.id }] });
}
