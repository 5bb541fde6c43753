// Starting a complaint: a thin client call. The id comes from the caller's external id or
// idempotency key when given, so a retried intake finds the case it already started.
import crypto from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { ComplaintInput, Customer, IncidentFacts, MessengerFile, Order } from '../domain/case';
import { categorise } from '../domain/categorise';
import { offDutyOwners, policyForChannel } from '../domain/rota';
import type { Channel, Policy, Roster } from '../domain/types';
import {
  ComplaintCategory,
  ComplaintEscalationLevel,
  ComplaintOverdue,
  ComplaintOwner,
  ComplaintPriority,
  ComplaintReference,
  ComplaintStage,
} from '../infra/search-attributes';
import { clearMemo } from '../infra/codec/clear-memo';
import { describeRun } from '../infra/runs';
import { complaintWorkflowId, currentComplaintWorkflowType } from '../workflows/definitions';
import type { complaintWorkflowV2 } from '../workflows';
import type { OwnerLoad } from './owner-load';

export interface IntakeRequest {
  customer: Customer;
  channel: Channel;
  subject: string;
  description: string;
  order?: Order;
  facts?: IncidentFacts;
  receivedAt?: string;
  externalId?: string;
  /** The sender's own date for the message (an e-mail's Date header), as written: information only. */
  senderDate?: string;
  /** Files sent with a messenger's first message (#20): the case fetches them. */
  files?: MessengerFile[];
}

export interface IntakeDeps {
  client: Client;
  taskQueue: string;
  /** Read at every intake: a new case takes the policy as it is now, and keeps it. */
  snapshot: () => { policy: Policy; roster: Roster };
  historyEventLimit?: number;
  /** Chooses the owner here, so the case starts with it; absent: the workflow chooses (and counts). */
  owners?: Pick<OwnerLoad, 'choose' | 'release'>;
  /** Keys the complaint id of an external id (see complaintIdFor); every API process needs the same. */
  externalIdKey?: string;
}

export interface IntakeResult {
  created: boolean;
  /** With created:false: whether the earlier request had the same content (an Idempotency-Key reused for another complaint has not). */
  sameRequest?: boolean;
  complaintId: string;
  reference: string;
  workflowId: string;
  /** The owner chosen at this intake (created cases with deps.owners only). */
  owner?: { id: string; name: string };
}

const hash = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/** JSON with sorted keys, so the same request always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export const requestHash = (request: IntakeRequest): string => hash(canonical(request)).slice(0, 32);

/**
 * The external id names the complaint itself (one case, whoever records it), through a keyed hash:
 * an external id is often known outside (a CRM number, Postmark's MessageID), and the case id it
 * gives must not be computable from it. An Idempotency-Key is the caller's own: `scope` (who sends
 * it) keeps one caller's key from finding another's case.
 */
export function complaintIdFor(
  request: IntakeRequest,
  idempotencyKey?: string,
  scope?: string,
  externalIdKey?: string,
): string {
  if (request.externalId) {
    if (!externalIdKey) throw new Error('A complaint id from an external id needs the external-id key.');
    const keyed = crypto.createHmac('sha256', externalIdKey).update(`external:${request.externalId}`);
    return `x${keyed.digest('hex').slice(0, 20)}`;
  }
  if (idempotencyKey)
    return `k${hash(scope === undefined ? `idempotency:${idempotencyKey}` : `idempotency:${scope}\n${idempotencyKey}`).slice(0, 20)}`;
  return `c${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;
}

/**
 * The id an external id gave before ids were keyed (a plain hash of it): cases started then keep
 * it, so an intake of the same external id looks for it first (see startComplaint).
 */
export function legacyExternalComplaintId(externalId: string): string {
  return `x${hash(`external:${externalId}`).slice(0, 20)}`;
}

/** A short reference a customer can read out on the phone: CD-<year>-<6 characters>. */
export function referenceFor(complaintId: string, receivedAt: string): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O or 1/I to misread
  const digest = crypto.createHash('sha256').update(complaintId).digest();
  const code = Array.from(digest.subarray(0, 6), (b) => alphabet[b % alphabet.length]).join('');
  return `CD-${receivedAt.slice(0, 4)}-${code}`;
}

export async function startComplaint(
  deps: IntakeDeps,
  request: IntakeRequest,
  idempotencyKey?: string,
  /** Who sends the Idempotency-Key (see complaintIdFor). */
  keyScope?: string,
): Promise<IntakeResult> {
  // An external id recorded before ids were keyed named its case by a plain hash: that case is the
  // complaint (a retry, a re-import), and starting another under the keyed id would make two.
  if (request.externalId) {
    const earlier = await repeatedIntake(deps.client, legacyExternalComplaintId(request.externalId), request);
    if (earlier) return earlier;
  }
  const complaintId = complaintIdFor(request, idempotencyKey, keyScope, deps.externalIdKey);
  const workflowId = complaintWorkflowId(complaintId);
  const reference = referenceFor(complaintId, request.receivedAt ?? new Date().toISOString());
  const snapshot = deps.snapshot();
  const { roster } = snapshot;
  // A social channel's case keeps the social clock (around the clock by default): #20.
  const policy = policyForChannel(snapshot.policy, request.channel);
  const { category, priority } = categorise(
    {
      subject: request.subject,
      description: request.description,
      channel: request.channel,
      language: request.customer.language,
    },
    policy,
  );
  const choice = await deps.owners?.choose(
    roster,
    { language: request.customer.language, category },
    // At night a social case goes to someone on duty (the roster's rota).
    offDutyOwners(
      roster,
      policy,
      request.channel,
      request.receivedAt ? Date.parse(request.receivedAt) : Date.now(),
    ),
  );
  const input: ComplaintInput = {
    ...request,
    complaintId,
    reference,
    // Absent: the workflow uses its own start time (the engine's clock, not this machine's).
    receivedAt: request.receivedAt,
    policy,
    roster,
    historyEventLimit: deps.historyEventLimit,
    ...(choice
      ? { assignment: { ownerId: choice.owner.id, match: choice.match, reason: choice.reason } }
      : {}),
  };
  try {
    await deps.client.workflow.start<typeof complaintWorkflowV2>(currentComplaintWorkflowType, {
      workflowId,
      taskQueue: deps.taskQueue,
      args: [input],
      // Even after the case closes, the same complaint id never starts a second case.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      // The Web UI lists cases by this; no personal data in it.
      staticSummary: `${reference} · ${category} · ${request.channel}`,
      staticDetails: `Complaint ${reference} (${complaintId}) received by ${request.channel}; policy ${policy.version}.`,
      // Read back by the API without waking the workflow: a repeated intake, the case listing.
      // No personal data, and left in clear (infra/codec/clear-memo.ts): an erased case's memo
      // still reads, so an erasure never breaks a listing or a sweep.
      memo: clearMemo({
        reference,
        language: request.customer.language,
        requestHash: requestHash(request),
        receivedAt: request.receivedAt,
      }),
      // Listable at once; the workflow keeps them current from its first step on.
      typedSearchAttributes: [
        { key: ComplaintStage, value: 'intake' },
        { key: ComplaintCategory, value: category },
        { key: ComplaintPriority, value: priority },
        { key: ComplaintOverdue, value: false },
        { key: ComplaintEscalationLevel, value: 0 },
        { key: ComplaintReference, value: reference },
        // Counted at once by every API process's next count (api/owner-load.ts).
        ...(choice ? [{ key: ComplaintOwner, value: choice.owner.id }] : []),
      ],
    });
    return {
      created: true,
      complaintId,
      reference,
      workflowId,
      ...(choice ? { owner: { id: choice.owner.id, name: choice.owner.name } } : {}),
    };
  } catch (err) {
    if (choice) deps.owners?.release(choice.owner.id); // no new case: the owner did not get one
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      const repeated = await repeatedIntake(deps.client, complaintId, request);
      if (repeated) return repeated;
    }
    throw err;
  }
}

/** The answer for an intake whose case exists already; undefined when there is no such case. */
async function repeatedIntake(
  client: Client,
  complaintId: string,
  request: IntakeRequest,
): Promise<IntakeResult | undefined> {
  const workflowId = complaintWorkflowId(complaintId);
  let memo: { reference?: unknown; requestHash?: unknown };
  try {
    // Answered by the server alone: it works while the case is still in intake, and for an
    // erased case (its memo read leniently).
    ({ memo } = await describeRun(client, workflowId));
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
  return {
    created: false,
    complaintId,
    reference:
      typeof memo.reference === 'string'
        ? memo.reference
        : referenceFor(complaintId, request.receivedAt ?? new Date().toISOString()),
    workflowId,
    sameRequest: memo.requestHash === undefined || memo.requestHash === requestHash(request),
  };
}
