// No answer of any route shows how the server is built: every route of the OpenAPI document and of
// the staff console is called with every role (and none), with good, unknown and malformed ids and
// tokens, and with broken and empty bodies; then the codec gets a payload whose key this server does
// not have (its key store's message names a folder) and the Postmark webhooks broken mail. No answer
// may hold a server path (the repository, the data folder, the temporary folder, node_modules) or a
// stack trace, and none may be a 500.
import assert from 'node:assert/strict';
import os from 'node:os';
import { hashKey, keyIdOf, type ApiKeyRecord } from '../../api/keys';
import { consoleRoutes } from '../../api/console/routes';
import { contextFrom } from '../../api/context';
import { openApiDocument } from '../../api/openapi';
import { intakeResponseSchema } from '../../api/complaints/schemas';
import { createLinkSigner, linkSecret } from '../../infra/links';
import { fromRoot } from '../../infra/paths';
import { startApiStack, type ApiStack } from '../helpers/api-stack';
import { testKeysDir } from '../helpers/stack';
import { eventually } from '../helpers/complaints';

const WEBHOOK = { user: 'postmark', password: 'webhook-secret-for-answers' };
const keyOf = (role: string) => `test_answers_${role}_key_0001`;

interface Answer {
  what: string;
  status: number;
  text: string;
  location: string;
}

/** What may never appear in an answer: where the server keeps its code and data, and stack frames. */
function internals(stack: ApiStack): { label: string; test: (text: string) => boolean }[] {
  const literal = (label: string, needle: string) => ({ label, test: (t: string) => t.includes(needle) });
  return [
    literal('the repository folder', fromRoot('').replace(/\/$/, '')),
    literal('the data folder', stack.dataDir),
    literal('the keys folder', testKeysDir()),
    literal('the temporary folder', `${os.tmpdir()}/`),
    literal('node_modules', 'node_modules/'),
    { label: 'a stack frame', test: (t) => /\n\s+at\s|\bat [\w.$<>[\] ]+ \((?:\/|file:|node:)/.test(t) },
    { label: 'a source position', test: (t) => /\.(?:js|ts):\d+:\d+/.test(t) },
  ];
}

describe('no answer shows a server path or a stack (integration)', function () {
  this.timeout(600_000);
  let stack: ApiStack;
  let base: string;
  let caseId: string;
  let linkToken: string;
  const answers: Answer[] = [];

  before(async function () {
    this.timeout(240_000);
    stack = await startApiStack();
    const roster = stack.roster;
    const keys: ApiKeyRecord[] = [
      {
        hash: hashKey(keyOf('supervisor')),
        role: 'supervisor',
        subject: roster.supervisors[0].id,
        name: 'S',
      },
      {
        hash: hashKey(keyOf('agent')),
        role: 'agent',
        subject: roster.owners[0].id,
        name: roster.owners[0].name,
      },
      {
        hash: hashKey(keyOf('other')),
        role: 'agent',
        subject: roster.owners[1].id,
        name: roster.owners[1].name,
      },
      { hash: hashKey(keyOf('operator')), role: 'operator', subject: 'operator', name: 'O' },
    ];
    const lots = 1_000_000;
    base = await stack.serve({
      keys: () => keys,
      webhookCredentials: WEBHOOK,
      publicBaseUrl: 'http://127.0.0.1',
      limits: {
        customerPerMinute: lots,
        webhookPerMinute: lots,
        staffPerMinute: lots,
        authFailuresPerMinute: lots,
      },
      publicForm: { perMinute: lots },
    });
    const started = await fetch(`${base}/complaints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keyOf('supervisor')}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        customer: { name: 'Halina Answer-Probe', email: 'halina.probe@example.com', language: 'pl' },
        channel: 'web',
        subject: 'Paczka uszkodzona',
        description: 'Kurier zostawił zgniecioną paczkę.',
      }),
    });
    assert.equal(started.status, 201);
    caseId = intakeResponseSchema.parse(await started.json()).id;
    linkToken = createLinkSigner(linkSecret(stack.dataDir)).sign(caseId);
    await eventually(async () => {
      const r = await fetch(`${base}/complaints/${caseId}`, {
        headers: { authorization: `Bearer ${keyOf('supervisor')}` },
      });
      return r.status === 200 && ((await r.json()) as { stage: string }).stage !== 'intake'
        ? true
        : undefined;
    }, 'the case left intake');
  });

  after(async () => {
    await stack?.close();
  });

  async function call(
    what: string,
    method: string,
    path: string,
    opts: { headers?: Record<string, string>; body?: string } = {},
  ): Promise<Answer> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: opts.headers,
      body: method === 'GET' || method === 'HEAD' ? undefined : opts.body,
      redirect: 'manual',
    });
    const answer = {
      what: `${what}: ${method} ${path.slice(0, 120)}`,
      status: res.status,
      text: await res.text(),
      location: res.headers.get('location') ?? '',
    };
    answers.push(answer);
    return answer;
  }

  it('calls every documented route with every role, id and body', async () => {
    const document = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const auth: [string, Record<string, string>][] = [
      ['no key', {}],
      ['a wrong key', { authorization: 'Bearer not_a_key_at_all_0000' }],
      ...['supervisor', 'agent', 'other', 'operator'].map(
        (role) => [role, { authorization: `Bearer ${keyOf(role)}` }] as [string, Record<string, string>],
      ),
      [
        'webhook',
        { authorization: `Basic ${Buffer.from(`${WEBHOOK.user}:${WEBHOOK.password}`).toString('base64')}` },
      ],
    ];
    const values = (name: string): string[] => {
      switch (name) {
        case 'id':
          return [caseId, 'cnotacase00000000000', '..%2F..%2Fetc', 'x'.repeat(300)];
        case 'token':
          return [linkToken, 'not-a-token', 'cdc1.e30.AAAA', `${linkToken}x`];
        case 'taskId':
          return ['t1', 'nope'];
        case 'attachmentId':
          return [`a${'0'.repeat(32)}`, '..%2Fkeys'];
        case 'kind':
          return ['acknowledgement', 'resolution.pdf', 'nope'];
        default:
          return ['x'];
      }
    };
    const bodies: [string, Record<string, string>, string][] = [
      ['broken JSON', { 'content-type': 'application/json' }, '{"a":'],
      ['an empty object', { 'content-type': 'application/json' }, '{}'],
      ['a form', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=%ff&b=1'],
      [
        'wrong types',
        { 'content-type': 'application/json' },
        '{"payloads":[{"metadata":{"x":1}}],"text":[]}',
      ],
    ];
    for (const [template, operations] of Object.entries(document.paths)) {
      const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      // Each parameter's values in turn, the others at their first (good) value.
      const paths = new Set<string>([template.replace(/\{(\w+)\}/g, (_m, n: string) => values(n)[0])]);
      for (const name of names)
        for (const value of values(name))
          paths.add(template.replace(/\{(\w+)\}/g, (_m, n: string) => (n === name ? value : values(n)[0])));
      for (const method of Object.keys(operations).map((m) => m.toUpperCase()))
        for (const path of paths)
          for (const [who, headers] of auth)
            for (const [body, type, text] of method === 'GET' ? [bodies[0]] : bodies)
              await call(`${who}, ${body}`, method, path, { headers: { ...headers, ...type }, body: text });
    }
    assert.ok(answers.length > 1000, `${answers.length} answers`);
  });

  it('calls every console route signed in as each role, and signed out', async () => {
    const router = consoleRoutes(
      contextFrom({ client: stack.client, namespace: stack.namespace, ownerLoad: false }),
      {
        temporalUiUrl: 'http://localhost:8233',
      },
    );
    const routes = (router.stack as { route?: { path: string; methods: Record<string, boolean> } }[])
      .filter((l) => l.route)
      .flatMap((l) =>
        Object.keys(l.route!.methods).map((m) => ({ method: m.toUpperCase(), path: l.route!.path })),
      );
    assert.ok(routes.length >= 10, JSON.stringify(routes));
    const sessions: [string, Record<string, string>, string][] = [['signed out', {}, '']];
    for (const role of ['supervisor', 'agent', 'other', 'operator']) {
      const page = await fetch(`${base}/console/sign-in`);
      const pre = page.headers
        .getSetCookie()
        .find((c) => c.startsWith('cd_console_signin='))!
        .split(';')[0];
      const token = /name="_signin" value="([^"]+)"/.exec(await page.text())![1];
      const signed = await fetch(`${base}/console/sign-in`, {
        method: 'POST',
        headers: { cookie: pre, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ key: keyOf(role), _signin: token }).toString(),
        redirect: 'manual',
      });
      assert.equal(signed.status, 303, role);
      const session = signed.headers
        .getSetCookie()
        .find((c) => c.startsWith('cd_console='))!
        .split(';')[0];
      const help = await (await fetch(`${base}/console/help`, { headers: { cookie: session } })).text();
      sessions.push([role, { cookie: session }, /name="_csrf" value="([^"]+)"/.exec(help)?.[1] ?? '']);
    }
    const params: Record<string, string[]> = {
      complaintId: [caseId, 'cnotacase00000000000', '..%2F..%2Fetc'],
      action: ['notes', 'diagnosis', 'nope'],
      taskId: ['t1', 'nope'],
    };
    for (const { method, path } of routes) {
      const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      const filled = new Set<string>([path.replace(/:(\w+)/g, (_m, n: string) => params[n]?.[0] ?? 'x')]);
      for (const name of names)
        for (const value of params[name] ?? ['x'])
          filled.add(
            path.replace(/:(\w+)/g, (_m, n: string) => (n === name ? value : (params[n]?.[0] ?? 'x'))),
          );
      for (const p of filled)
        for (const [who, headers, csrf] of sessions) {
          const full = `/console${p === '/' ? '' : p}`;
          if (method === 'GET') {
            await call(who, 'GET', full, { headers });
            await call(`${who}, a query`, 'GET', `${full}?q=%ff&owner=..%2F&page=-1&lang=xx`, { headers });
          } else
            for (const body of [`_csrf=${csrf}&text=&summary=%ff`, `_csrf=wrong&x=1`, 'a=%ff'])
              await call(`${who}, ${body.slice(0, 20)}`, 'POST', full, {
                headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
                body,
              });
        }
    }
  });

  it('names no folder when the codec meets a payload whose key it does not have', async () => {
    const payload = {
      metadata: {
        encoding: Buffer.from('binary/encrypted').toString('base64'),
        'encryption-key-id': Buffer.from(`case-${'ab'.repeat(16)}`).toString('base64'),
      },
      data: Buffer.from('not really ciphertext').toString('base64'),
    };
    const token = stack.codecTokens.mint(
      { subject: 'operator', role: 'operator', keyId: keyIdOf(hashKey(keyOf('operator'))) },
      60_000,
    ).token;
    for (const [path, headers] of [
      ['/codec/decode', { authorization: `Bearer ${keyOf('supervisor')}` }],
      ['/codec/decode', { authorization: `Bearer ${keyOf('operator')}` }],
      [`/codec/t/${token}/decode`, {}],
    ] as [string, Record<string, string>][]) {
      const answer = await call('an unknown case key', 'POST', path, {
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ payloads: [payload] }),
      });
      assert.equal(answer.status, 400, answer.text);
      assert.match(answer.text, /cannot be decoded/);
    }
  });

  it('found no server path, no stack and no 500 in any of them', () => {
    const checks = internals(stack);
    const bad: string[] = [];
    for (const a of answers) {
      if (a.status >= 500 && a.status !== 503)
        bad.push(`${a.what} answered ${a.status}: ${a.text.slice(0, 200)}`);
      for (const c of checks)
        if (c.test(a.text) || c.test(a.location))
          bad.push(`${a.what} (${a.status}) shows ${c.label}: ${a.text.slice(0, 300)}`);
    }
    assert.ok(answers.length > 1500, `${answers.length} answers`);
    assert.deepEqual(bad.slice(0, 20), [], `${bad.length} bad answers of ${answers.length}`);
  });
});
