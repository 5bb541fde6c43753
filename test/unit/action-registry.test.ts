// Adding a staff action is its domain module (and its line in domain/lifecycle/actions/index.ts), its
// route declaration (api/complaints/action-routes.ts) and its words (api/console/i18n.ts): everything
// else is derived from the registry. This checks that the three agree, so the count stays true: each
// action has its Update under its own name, its POST route with its body in the document, a console
// form whose fields are its body's fields, and a title and labels in the console's messages.
import assert from 'node:assert/strict';
import type { z } from 'zod';
import { apiRoutes } from '../../api/api-routes';
import { actionRoutes, type ActionRoute } from '../../api/complaints/action-routes';
import type { FieldSpec } from '../../api/console/fields';
import { isMessageKey } from '../../api/console/i18n';
import { openApiDocument } from '../../api/openapi';
import { routedActions } from '../../api/complaints/schemas';
import { requestRegistry } from '../../api/schemas';
import { actionRules, actions } from '../../domain/lifecycle/actions';
import { actionUpdates } from '../../workflows/definitions';

/** The Update names running cases were started with: renaming one strands their Updates. */
const updateNamesInUse = [
  'diagnosis',
  'questions',
  'progress',
  'extension',
  'resolution',
  'approval',
  'calls',
  'reassignment',
  'notes',
  'documentation',
  'follow-up',
  'task-completion',
  'sender-confirmation',
  'survey-answer',
];

/** Fields a console form does not show because the console fills them itself (a call logged from its task). */
const filledByTheConsole: Partial<Record<string, string[]>> = { calls: ['taskId'] };

type Schema = z.core.$ZodType;
const defOf = (s: Schema) => s._zod.def as unknown as Record<string, unknown> & { type: string };

/** The schema without its optional/nullable/default wrappers. */
function unwrapped(s: Schema): Schema {
  const def = defOf(s);
  if (['optional', 'nullable', 'default', 'prefault', 'readonly'].includes(def.type))
    return unwrapped(def.innerType as Schema);
  return s;
}

/** The schemas a dotted path names in a body schema (one per union option that has it). */
function at(schema: Schema, dotted: string): Schema[] {
  const [head, ...rest] = dotted.split('.');
  const s = unwrapped(schema);
  const def = defOf(s);
  if (def.type === 'union') return (def.options as Schema[]).flatMap((o) => at(o, dotted));
  if (def.type !== 'object') return [];
  const field = (def.shape as Record<string, Schema>)[head];
  if (!field) return [];
  return rest.length ? at(field, rest.join('.')) : [field];
}

/** The body's required top-level fields. */
function requiredFields(schema: Schema): string[] {
  const def = defOf(unwrapped(schema));
  if (def.type !== 'object') return [];
  return Object.entries(def.shape as Record<string, Schema>)
    .filter(([, field]) => defOf(field).type !== 'optional')
    .map(([name]) => name);
}

/** What is missing or wrong in one action's declaration (empty: it is complete). */
export function declarationProblems(action: string, declared: ActionRoute): string[] {
  const problems: string[] = [];
  if (!declared.description.trim()) problems.push(`${action}: no description for the OpenAPI document`);
  if (!requestRegistry.get(declared.body)?.id)
    problems.push(`${action}: its body schema is not registered in requestRegistry with an id`);
  if (!isMessageKey(`action.${action}`)) problems.push(`${action}: no title "action.${action}" in i18n.ts`);
  const fields = declared.form.map((spec: FieldSpec) => spec.name);
  for (const spec of declared.form) {
    if (!at(declared.body, spec.name).length)
      problems.push(`${action}: form field "${spec.name}" is not a field of its body`);
    if (!isMessageKey(spec.label ?? `field.${spec.name}`))
      problems.push(`${action}: no label "${spec.label ?? `field.${spec.name}`}" in i18n.ts`);
    if (spec.hint !== undefined && !isMessageKey(spec.hint))
      problems.push(`${action}: no hint "${spec.hint}" in i18n.ts`);
    for (const option of spec.options ?? [])
      if (!isMessageKey(`${spec.optionLabels ?? ''}${option}`))
        problems.push(`${action}: no label "${spec.optionLabels ?? ''}${option}" in i18n.ts`);
  }
  for (const name of requiredFields(declared.body))
    if (
      !fields.some((f) => f === name || f.startsWith(`${name}.`)) &&
      !filledByTheConsole[action]?.includes(name)
    )
      problems.push(`${action}: required field "${name}" has no form field`);
  return problems;
}

describe('the staff action registry', () => {
  it('gives every action its Update under its own name, and keeps the names running cases use', () => {
    assert.deepEqual(Object.keys(actionUpdates), actions);
    for (const action of actions) assert.equal(actionUpdates[action].name, action);
    for (const name of updateNamesInUse)
      assert.ok((actions as string[]).includes(name), `Update "${name}" is gone`);
    assert.deepEqual(Object.keys(actionRules), actions);
  });

  it('declares a route for every action but task completion, which has its own', () => {
    assert.deepEqual(Object.keys(actionRoutes).sort(), [...routedActions].sort());
    assert.deepEqual(
      actions.filter((a) => !(routedActions as readonly string[]).includes(a)),
      ['task-completion'],
    );
    const paths = new Set(apiRoutes.filter((r) => r.method === 'post').map((r) => r.path));
    for (const action of routedActions) assert.ok(paths.has(`/complaints/:id/${action}`), action);
    const doc = openApiDocument() as { paths: Record<string, { post?: Record<string, unknown> }> };
    for (const action of routedActions) {
      const post = doc.paths[`/complaints/{id}/${action}`]?.post;
      assert.ok(post, `${action} is in the OpenAPI document`);
      assert.equal(post.description, actionRoutes[action].description);
      assert.match(JSON.stringify(post.requestBody), /#\/components\/schemas\/\w+Request/);
    }
  });

  it('has each action’s description, schema, form fields and words', () => {
    const found = routedActions.flatMap((a) => declarationProblems(a, actionRoutes[a]));
    assert.deepEqual(found, []);
  });

  it('names what a declaration lacks', () => {
    const notes = actionRoutes.notes;
    assert.deepEqual(
      declarationProblems('no-such-action', {
        ...notes,
        description: ' ',
        form: [
          ...notes.form,
          { name: 'colour', kind: 'choice', options: ['mauve'] },
          { name: 'text', kind: 'textarea', label: 'field.tint', hint: 'hint.tint' },
        ],
      }),
      [
        'no-such-action: no description for the OpenAPI document',
        'no-such-action: no title "action.no-such-action" in i18n.ts',
        'no-such-action: form field "colour" is not a field of its body',
        'no-such-action: no label "field.colour" in i18n.ts',
        'no-such-action: no label "mauve" in i18n.ts',
        'no-such-action: no label "field.tint" in i18n.ts',
        'no-such-action: no hint "hint.tint" in i18n.ts',
      ],
    );
    assert.deepEqual(declarationProblems('notes', { ...notes, form: [] }), [
      'notes: required field "text" has no form field',
    ]);
  });
});
