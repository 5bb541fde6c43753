// The OpenAPI document against the code: every route the routers declare is in it, with the status
// codes such a route can answer; every request field is described; missing fields say "required".
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { apiRoutes } from '../../api/api-routes';
import { openApiPath } from '../../api/http/route';
import { openApiDocument } from '../../api/openapi';
import { actionRoutes } from '../../api/complaints/action-routes';
import { intakeRequestSchema } from '../../api/complaints/schemas';
import { requestRegistry } from '../../api/schemas';
import { fieldErrors } from '../../api/problems';
import { edgeErrorMessage } from '../../api/zod-errors';
import { fromRoot } from '../../infra/paths';

type Json = Record<string, unknown>;
interface Operation {
  security?: unknown[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, unknown>;
}

const doc = openApiDocument() as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
};

/** Routes still registered on the app itself (the document, the browsers' icon), by file. */
const mounts: Record<string, string> = {
  'app.ts': '',
};

/** Every route the source declares, as "METHOD /openapi/{style}/path": with route(), or on a router. */
function declaredRoutes(): string[] {
  const found: string[] = apiRoutes
    .filter((r) => !r.undocumented)
    .map((r) => `${r.method.toUpperCase()} ${openApiPath(r.path)}`);
  for (const [file, prefix] of Object.entries(mounts)) {
    const source = fs.readFileSync(fromRoot('api', file), 'utf8');
    for (const m of source.matchAll(/(?:router|app)\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)) {
      const full = `${prefix}${m[2] === '/' ? '' : m[2]}`.replace(/:([A-Za-z]+)/g, '{$1}');
      found.push(`${m[1].toUpperCase()} ${full}`);
    }
  }
  return found;
}

/** The document's operations for a declared route ("/complaints/{id}/{action}" stands for each action). */
function operationsFor(route: string): Operation[] {
  const [method, path] = route.split(' ');
  const pattern = new RegExp(`^${path.replace(/\{[A-Za-z]+\}/g, '[^/]+')}$`);
  return Object.entries(doc.paths)
    .filter(([p]) => pattern.test(p) || p === path)
    .map(([, item]) => item[method.toLowerCase()])
    .filter((op): op is Operation => op !== undefined);
}

describe('the OpenAPI document', () => {
  it('lists every route the routers declare', () => {
    const routes = declaredRoutes();
    assert.ok(routes.length > 20, `found ${routes.length} routes`);
    for (const route of routes) {
      if (route === 'GET /openapi.json') continue; // the document itself
      if (route === 'GET /favicon.ico') continue; // browsers' icon request (an empty answer), not an API
      assert.ok(operationsFor(route).length > 0, `${route} is not in the OpenAPI document`);
    }
  });

  it('lists the status codes every operation can answer', () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        const codes = Object.keys(op.responses);
        const has = (code: string, why: string) =>
          assert.ok(codes.includes(code), `${where}: no ${code} (${why})`);
        has('500', 'anything unexpected');
        const staff = op.security === undefined && !path.startsWith('/codec/t/');
        if (staff) {
          has('401', 'a staff key is required');
          has('429', 'staff keys are rate limited');
          if (path !== '/codec/tokens' && !path.startsWith('/codec/')) has('403', 'roles and ownership');
        }
        if (op.requestBody) {
          if (path !== '/complain') has('400', 'a body can be invalid');
          has('413', 'bodies have limits');
          if (!path.startsWith('/webhooks/')) has('415', 'bodies have a media type');
        }
        // Everything that reaches a case can meet Temporal down or a case that does not answer.
        if (path.startsWith('/complaints/{id}') || (path === '/complaints' && method === 'post')) {
          if (path !== '/complaints') has('404', 'the case may not exist');
          has('503', 'Temporal unreachable');
          has('504', 'the case did not answer in time');
        }
        // Actions on a case (POST): the case can refuse, or an Idempotency-Key can be reused.
        if (
          method === 'post' &&
          (/^\/complaints\/\{id\}\/(?!erasure$|reply-address\/rotation$)/.test(path) ||
            path === '/complaints')
        )
          has('422', 'the case or the Idempotency-Key can refuse');
      }
    }
    // The three the issue names, somewhere where they belong.
    assert.ok(doc.paths['/complaints'].post.responses['415']);
    assert.ok(doc.paths['/complaints/{id}/diagnosis'].post.responses['422']);
    assert.ok(doc.paths['/complaints/{id}'].get.responses['504']);
  });

  it('describes every request field', () => {
    const missing: string[] = [];
    const walk = (schema: unknown, at: string): void => {
      if (!schema || typeof schema !== 'object') return;
      const s = schema as Json;
      for (const [name, property] of Object.entries(
        (s.properties as Record<string, Json> | undefined) ?? {},
      )) {
        if (typeof property.description !== 'string' || property.description.trim() === '')
          missing.push(`${at}.${name}`);
        walk(property, `${at}.${name}`);
      }
      for (const key of ['anyOf', 'oneOf', 'allOf'] as const)
        for (const branch of (s[key] as unknown[] | undefined) ?? []) walk(branch, at);
      if (s.items) walk(s.items, `${at}[]`);
    };
    const ids = [...requestRegistry._idmap.keys()];
    assert.ok(ids.length >= 20);
    for (const id of ids) {
      assert.ok(doc.components.schemas[id], `${id} is in the document`);
      walk(doc.components.schemas[id], id);
    }
    assert.deepEqual(missing, [], 'request fields without a description');
  });
});

describe('zod messages at the edge', () => {
  it('says "required" for a missing field, not zod’s type message', () => {
    const result = intakeRequestSchema.safeParse({ customer: { language: 'en', email: 'a@example.com' } });
    assert.ok(!result.success);
    const byField = Object.fromEntries(fieldErrors(result.error).map((e) => [e.field, e.message]));
    assert.equal(byField['customer.name'], 'required');
    assert.equal(byField.channel, 'required');
    assert.equal(byField.subject, 'required');
    assert.equal(byField.description, 'required');
    for (const message of Object.values(byField))
      assert.doesNotMatch(message, /received undefined|Invalid input/);
  });

  it('names the wanted type in plain words, and keeps the schemas’ own messages', () => {
    const result = actionRoutes.resolution.body.safeParse({
      outcome: 'upheld',
      explanation: 42,
      apology: '',
      remedy: { kind: 'none' },
    });
    assert.ok(!result.success);
    const byField = Object.fromEntries(fieldErrors(result.error).map((e) => [e.field, e.message]));
    assert.equal(byField.explanation, 'expected text');
    assert.equal(byField.apology, 'must not be empty', 'a schema’s own message wins');
  });

  it('maps issues one by one', () => {
    assert.equal(
      edgeErrorMessage({ code: 'invalid_type', expected: 'string', input: undefined } as never),
      'required',
    );
    assert.equal(
      edgeErrorMessage({ code: 'invalid_type', expected: 'boolean', input: 'yes' } as never),
      'expected true or false',
    );
    assert.equal(
      edgeErrorMessage({ code: 'too_small', minimum: 1, origin: 'string', input: '' } as never),
      undefined,
    );
  });
});
