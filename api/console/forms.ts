// The console's action forms: which fields each action's form has (declared with the action's route)
// and how a posted form becomes the JSON body the API takes. Field names are the body's dotted paths
// ("responsibleParty.kind"), so the field errors of the action's own zod schema land next to the
// field they are about. Nothing is validated here: the body goes to the same schema and code path
// as POST /complaints/:id/<action>.
import { actionRoutes } from '../complaints/action-routes';
import { routedActions, type RoutedAction } from '../complaints/schemas';
import type { FieldError } from '../problems';
import type { FieldSpec } from './fields';
import type { MessageKey } from './i18n';
import { localInputToIso } from './time';

export type { FieldKind, FieldSpec } from './fields';

/** Each action's form, as its route declares it (api/complaints/action-routes.ts). */
export const actionForms = Object.fromEntries(routedActions.map((a) => [a, actionRoutes[a].form])) as Record<
  RoutedAction,
  readonly FieldSpec[]
>;

// Every routed action has its form's title among the messages (else this does not compile); the
// fields' labels are checked by test/unit/action-registry.test.ts.
type Assert<T extends true> = T;
export type _EveryActionHasATitle = Assert<`action.${RoutedAction}` extends MessageKey ? true : false>;

/** Which remedy fields belong to which kind (the schema is strict: the others must stay out). */
const remedyFields: Record<string, string[]> = {
  refund: ['amount', 'currency'],
  voucher: ['percent', 'validityDays'],
};

export type FormValues = Record<string, string>;

/**
 * The case's refusal of one field's value, as that field's error: the action's own check (the
 * survey's scale is the case's policy's, so no request schema can hold it) says "score: a whole
 * number from 1 to 5." — a 422 without field errors, which would otherwise be shown above the form
 * as the domain's English sentence. Only a field of this action's form counts ("reassignment: …"
 * names the action, not a field).
 */
export function rejectedFieldErrors(action: string, detail: string): FieldError[] {
  const m = /^([A-Za-z][\w.]*): (.+)$/s.exec(detail);
  const form = (actionForms as Record<string, readonly FieldSpec[] | undefined>)[action];
  if (!m || !form?.some((s) => s.name === m[1])) return [];
  return [{ field: m[1], pointer: `/${m[1].replace(/\./g, '/')}`, message: m[2] }];
}

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
