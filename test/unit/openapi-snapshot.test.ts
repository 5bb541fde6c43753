// The OpenAPI document against a recorded copy (test/fixtures/openapi.json): moving routes between
// files must not change what clients read. When the document has to change (it was wrong, or a route
// is added), regenerate the copy with UPDATE_OPENAPI_FIXTURE=1 and say why in the commit.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { openApiDocument } from '../../api/openapi';
import { fromRoot } from '../../infra/paths';

const fixture = fromRoot('test', 'fixtures', 'openapi.json');

/** The same value with every object's keys in order (arrays keep theirs): a stable, diffable file. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/** The JSON paths (e.g. $.paths["/ops/summary"].get.summary) where two JSON values differ. */
function differences(a: unknown, b: unknown, at = '$'): string[] {
  if (Object.is(a, b)) return [];
  const isObject = (v: unknown) => v !== null && typeof v === 'object';
  if (!isObject(a) || !isObject(b) || Array.isArray(a) !== Array.isArray(b)) return [at];
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++)
      out.push(...differences(a[i], b[i], `${at}[${i}]`));
    return out;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const out: string[] = [];
  for (const key of [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort()) {
    const next = /^[A-Za-z_$][\w$]*$/.test(key) ? `${at}.${key}` : `${at}[${JSON.stringify(key)}]`;
    if (!(key in ra)) out.push(`${next} (only in the recorded copy)`);
    else if (!(key in rb)) out.push(`${next} (only in the generated document)`);
    else out.push(...differences(ra[key], rb[key], next));
  }
  return out;
}

describe('the OpenAPI document against its recorded copy', () => {
  it('is the same as test/fixtures/openapi.json', () => {
    // Through JSON, as /openapi.json sends it (undefined members drop out).
    const generated = sortedKeys(JSON.parse(JSON.stringify(openApiDocument())));
    if (process.env.UPDATE_OPENAPI_FIXTURE === '1')
      fs.writeFileSync(fixture, `${JSON.stringify(generated, null, 2)}\n`);
    const recorded: unknown = JSON.parse(fs.readFileSync(fixture, 'utf8'));
    const diff = differences(generated, recorded);
    assert.deepEqual(
      diff,
      [],
      `the document differs from test/fixtures/openapi.json at:\n  ${diff.slice(0, 50).join('\n  ')}`,
    );
    assert.deepStrictEqual(generated, recorded);
  });

  it('reports where two documents differ', () => {
    assert.deepEqual(differences({ a: 1, b: [1, 2] }, { a: 1, b: [1, 2] }), []);
    assert.deepEqual(differences({ a: 1, 'b/c': [1, 2] }, { a: 2, 'b/c': [1] }), ['$.a', '$["b/c"][1]']);
    assert.deepEqual(differences({ x: 1 }, {}), ['$.x (only in the generated document)']);
  });
});
