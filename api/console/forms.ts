// The console's action forms: which fields each action's form has, and how a posted form becomes the
// JSON body the API takes. Field names are the body's dotted paths ("responsibleParty.kind"), so the
// field errors of the action's own zod schema land next to the field they are about. Nothing is
// validated here: the body goes to the same schema and code path as POST /complaints/:id/<action>.
import { responsiblePartyKinds } from '../../domain/case';
import type { RoutedAction } from '../schemas';
import { localInputToIso } from './time';

// 'category' and 'factors' choose from the policy's documentation lists (a select, and checkboxes).
export type FieldKind =
  | 'text'
  | 'textarea'
  | 'lines'
  | 'datetime'
  | 'number'
  | 'checkbox'
  | 'choice'
  | 'owner'
  | 'category'
  | 'factors';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  options?: readonly string[];
  /** Where the options' labels are among the messages: `${optionLabels}${option}` (else the option). */
  optionLabels?: string;
  optional?: boolean;
}

const f = (name: string, kind: FieldKind, more: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  kind,
  ...more,
});

export const actionForms: Record<RoutedAction, FieldSpec[]> = {
  diagnosis: [
    f('summary', 'textarea'),
    f('probableCause', 'text'),
    f('responsibleParty.kind', 'choice', { options: ['ours', 'third-party'] }),
    f('responsibleParty.name', 'text'),
    f('expectedResolutionBy', 'datetime'),
    f('customerVisibleNote', 'textarea', { optional: true }),
  ],
  questions: [f('questions', 'lines')],
  progress: [f('message', 'textarea'), f('customerVisible', 'checkbox')],
  extension: [f('newExpectedBy', 'datetime'), f('reason', 'textarea')],
  resolution: [
    f('outcome', 'choice', { options: ['upheld', 'partially-upheld', 'rejected'] }),
    f('explanation', 'textarea'),
    f('apology', 'textarea'),
    f('remedy.kind', 'choice', {
      options: ['refund', 'voucher', 'replacement', 'repair', 'none'],
      optionLabels: 'remedy.',
    }),
    f('remedy.amount', 'number', { optional: true }),
    f('remedy.currency', 'text', { optional: true }),
    f('remedy.percent', 'number', { optional: true }),
    f('remedy.validityDays', 'number', { optional: true }),
    f('howToUseRemedy', 'textarea', { optional: true }),
  ],
  approval: [
    f('decision', 'choice', { options: ['approve', 'reject'], optionLabels: 'decision.' }),
    f('note', 'textarea', { optional: true }),
  ],
  calls: [f('reached', 'choice', { options: ['yes', 'no'] }), f('note', 'textarea', { optional: true })],
  reassignment: [f('ownerId', 'owner'), f('reason', 'textarea')],
  notes: [f('text', 'textarea')],
  documentation: [
    f('rootCause', 'textarea'),
    f('rootCauseCategory', 'category', { optional: true }),
    f('contributingFactors', 'factors'),
    f('responsibleParty', 'text'),
    f('responsiblePartyKind', 'choice', {
      options: responsiblePartyKinds,
      optionLabels: 'party.',
      optional: true,
    }),
    f('correctiveAction', 'textarea'),
    f('preventiveAction', 'textarea'),
  ],
  'follow-up': [f('note', 'textarea')],
  'sender-confirmation': [f('address', 'text')],
};

/** Which remedy fields belong to which kind (the schema is strict: the others must stay out). */
const remedyFields: Record<string, string[]> = {
  refund: ['amount', 'currency'],
  voucher: ['percent', 'validityDays'],
};

export type FormValues = Record<string, string>;

/** Fields posted once per checked box: their values are kept, one per line. */
const multiValued = new Set(['contributingFactors']);

/**
 * Only the strings of a parsed urlencoded body (a repeated field counts once: its first value, except
 * a checkbox list's, whose values are kept one per line).
 */
export function formValues(body: unknown): FormValues {
  const out: FormValues = {};
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const value: unknown = Array.isArray(v)
      ? multiValued.has(k)
        ? (v as unknown[]).filter((x) => typeof x === 'string').join('\n')
        : (v as unknown[])[0]
      : v;
    if (typeof value === 'string' && k.length <= 100) out[k] = value.slice(0, 50_000);
  }
  return out;
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}

/** The JSON body a form stands for. Empty fields are left out (the schema says which are required). */
export function formToBody(action: RoutedAction, values: FormValues, zone: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const kind = values['remedy.kind'];
  for (const spec of actionForms[action]) {
    if (spec.name.startsWith('remedy.') && spec.name !== 'remedy.kind') {
      const field = spec.name.slice('remedy.'.length);
      if (!(remedyFields[kind ?? ''] ?? []).includes(field)) continue;
    }
    const raw = values[spec.name];
    if (spec.kind === 'checkbox') {
      setPath(body, spec.name, raw !== undefined && raw !== '' && raw !== 'false');
      continue;
    }
    // No box checked is an answer too: no contributing factor.
    if (spec.kind === 'factors' && (raw === undefined || raw.trim() === '')) {
      setPath(body, spec.name, []);
      continue;
    }
    if (raw === undefined || raw.trim() === '') continue;
    let value: unknown = raw;
    if (spec.kind === 'lines' || spec.kind === 'factors')
      value = raw
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
    else if (spec.kind === 'datetime') value = localInputToIso(raw, zone);
    else if (spec.kind === 'number') value = /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
    else if (spec.name === 'reached') value = raw === 'yes' ? true : raw === 'no' ? false : raw;
    setPath(body, spec.name, value);
  }
  // A call logged from a task names the task (hidden field); it is the body's own optional field.
  if (action === 'calls' && values.taskId) body.taskId = values.taskId;
  return body;
}
