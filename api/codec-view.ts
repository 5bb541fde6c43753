// What the codec endpoint decodes for an operator: the operational part of a payload, never the
// personal one. Operators keep cases running (stages, deadlines, deliveries, tasks, attention,
// failures); what the customer wrote or is called, and what staff wrote about it, is for the case's
// owner and supervisors. Payload shapes are many (workflow input, signals, updates and their
// answers, activity inputs, the case view), so the rule is an allow-list of keys: a string is shown
// only under a key listed here, and nothing is shown beneath a key that holds a person or their
// words. A field the workflow adds later stays hidden until it is added here.
import type { Payload } from '@temporalio/common';

/** String fields operators see: ids, stages, kinds, enums, the owner's and clocks' names, facts. */
const operationalKeys = new Set([
  'complaintId',
  'caseId',
  'workflowId',
  'reference',
  'id',
  'taskId',
  'effectId',
  'idempotencyKey',
  'messageId',
  'ownerId',
  'supervisorId',
  'stage',
  'resumeStage',
  'closure',
  'channel',
  'category',
  'priority',
  'kind',
  'customerKind',
  'purpose',
  'audience',
  'status',
  'state',
  'outcome',
  'type',
  'do',
  'via',
  'language',
  'timeZone',
  'policyVersion',
  'version',
  'match',
  'recipientRole',
  'closedAs',
  'name',
  'attention',
  'allowedActions',
  'allowed',
  'waitingFor',
  'clock',
  'deadline',
  'errorType',
  'source',
  'view',
  // Structured facts: countable, never a person (the restricted case view shows them too).
  'sku',
  'supplier',
  'carrier',
  'location',
  // The deadlines' summaries ("diagnosis deadline"): written by the engine, not by people.
  'summary',
  // The Web UI's current details (workflows/operations.ts): the engine's words, reference, stage,
  // owner, deadlines — what operators open the UI for (test/integration/privacy.test.ts checks them).
  'currentDetails',
]);

/** Times: "…At", "…By", "…Since" (dueAt, expectedResolutionBy, delayedSince). */
const timeKey = /(At|By|Since)$/;

/** Beneath these nothing is shown: a person, or the words of the customer or of staff about the case. */
const personalKeys = new Set([
  'customer',
  'to',
  'from',
  'sender',
  'order',
  'message',
  'diagnosis',
  'resolution',
  'questions',
  'documentation',
  'followUp',
  'surveyAnswers',
  'rejectedResolutions',
  'categoryReasons',
  'pendingApproval',
  'unverifiedMessages',
  'confirmedSenders',
]);

/**
 * Beneath these everything is shown: configuration, never personal data (`definition`: the workflow
 * metadata query's list of its queries, signals and updates with their descriptions).
 */
const configurationKeys = new Set(['policy', 'definition']);

/** Whose summary is the engine's own (a deadline's); elsewhere "summary" is a person's words. */
const engineSummaryParents = new Set(['upcoming', 'nextDeadline', 'deadlines']);

export const HIDDEN = '[hidden: personal data]';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function maskValue(value: Json, key: string | undefined, parents: string[]): Json {
  if (value === null || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => maskValue(v, key, parents));
  if (typeof value === 'object') {
    if (key !== undefined && personalKeys.has(key)) return HIDDEN;
    if (key !== undefined && configurationKeys.has(key)) return value;
    const path = key === undefined ? parents : [...parents, key];
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(v, k, path)]));
  }
  if (key === undefined) return value; // a top-level string: a summary or details the engine wrote
  if (personalKeys.has(key)) return typeof value === 'number' ? value : HIDDEN;
  if (typeof value === 'number') return value;
  if (key === 'summary' && !engineSummaryParents.has(parents[parents.length - 1] ?? '')) return HIDDEN;
  if (key === 'name' && /@/.test(value)) return HIDDEN;
  return operationalKeys.has(key) || timeKey.test(key) ? value : HIDDEN;
}

/** A decoded payload as an operator may see it (JSON payloads masked; any other encoding hidden whole). */
export function operatorPayload(payload: Payload): Payload {
  const encoding = Buffer.from(payload.metadata?.encoding ?? []).toString();
  if (encoding === 'binary/null') return payload;
  if (encoding !== 'json/plain') return jsonPayload(HIDDEN);
  let value: Json;
  try {
    value = JSON.parse(Buffer.from(payload.data ?? []).toString('utf8')) as Json;
  } catch {
    return jsonPayload(HIDDEN);
  }
  // A failure's encoded attributes: the message (written without personal data) and the stack.
  if (isFailureAttributes(value)) return payload;
  return { ...payload, data: Buffer.from(JSON.stringify(maskValue(value, undefined, []))) };
}

function isFailureAttributes(value: Json): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k === 'message' || k === 'stack_trace');
}

function jsonPayload(value: Json): Payload {
  return {
    metadata: { encoding: Buffer.from('json/plain') },
    data: Buffer.from(JSON.stringify(value)),
  };
}
