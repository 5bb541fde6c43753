// Two API processes behind one address share everything through the case store (issue #16): a
// console session signed in on A works on B and signing out on B ends it on A; an attachment sent
// through A's public form downloads from B; an Idempotency-Key reused with another body is 422 on
// both; a revoked key (and its console session and codec URL token) is refused by both within a
// second; and failed authentication counts once for both. Two apps on one stack (one Temporal
// namespace, one worker, one store), each with its own rate-limit buckets and caches, as two
// machines would have.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { hashKey, storeKeys } from '../../api/keys';
import { intakeResponseSchema } from '../../api/complaints/schemas';
import { storeAttachmentStore } from '../../infra/attachments';
import { caseKeys } from '../../infra/codec';
import { createLinkSigner, linkSecret } from '../../infra/links';
import { freePort } from '../../infra/ports';
import { addApiKeys, createStore, revokeApiKey } from '../../infra/store';
import { send, startApiStack, type ApiStack } from '../helpers/api-stack';
import { complaintRequest } from '../helpers/complaints';
import { testKeysDir } from '../helpers/stack';

const run = crypto.randomBytes(4).toString('hex');
const SUPERVISOR_KEY = `test_two_apis_supervisor_${run}`;
const REVOKED_KEY = `test_two_apis_revoked_${run}`;

interface Answer {
  status: number;
  text: string;
  location: string | null;
  cookies: string[];
}

async function http(
  url: string,
  init: { cookie?: string; form?: Record<string, string> } = {},
): Promise<Answer> {
  const res = await fetch(url, {
    method: init.form ? 'POST' : 'GET',
    headers: {
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    redirect: 'manual',
  });
  return {
    status: res.status,
    text: await res.text(),
    location: res.headers.get('location'),
    cookies: res.headers.getSetCookie(),
  };
}

async function signIn(base: string, key: string): Promise<{ cookie: string; csrf: string }> {
  const form = await http(`${base}/console/sign-in`);
  const pre = form.cookies.find((c) => c.startsWith('cd_console_signin='))!.split(';')[0];
  const token = /name="_signin" value="([^"]+)"/.exec(form.text)![1];
  const res = await http(`${base}/console/sign-in`, { cookie: pre, form: { key, _signin: token } });
  assert.equal(res.status, 303, res.text.slice(0, 300));
  const cookie = res.cookies.find((c) => c.startsWith('cd_console='))!.split(';')[0];
  const help = await http(`${base}/console/help`, { cookie });
  assert.equal(help.status, 200);
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(help.text)?.[1] ?? '' };
}

describe('two API processes on one case store (integration)', function () {
  this.timeout(120_000);
  let stack: ApiStack;
  let a: string;
  let b: string;

  before(async function () {
    this.timeout(240_000);
    stack = await startApiStack();
    const supervisor = stack.roster.supervisors[0];
    await addApiKeys(stack.store, [
      { hash: hashKey(SUPERVISOR_KEY), role: 'supervisor', subject: supervisor.id, name: supervisor.name },
      { hash: hashKey(REVOKED_KEY), role: 'supervisor', subject: supervisor.id, name: 'Soon revoked' },
    ]);
    // What server.ts gives every API process: keys, sessions, limits and attachments from the store.
    const deps = () => ({
      keys: storeKeys(stack.store),
      pageTokenSecret: linkSecret(stack.dataDir),
      limits: { authFailuresPerMinute: 6 },
      publicForm: {
        attachments: storeAttachmentStore(stack.store, caseKeys({ keysDir: testKeysDir() })),
        minFillMs: 0,
      },
    });
    a = await stack.serve(deps());
    b = await stack.serve(deps());
  });
  after(async () => {
    await stack?.close();
  });

  const api = (
    base: string,
    path: string,
    init: { method?: string; key?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    send(`${base}${path}`, {
      method: init.method ?? 'GET',
      key: init.key ?? SUPERVISOR_KEY,
      headers: { 'content-type': 'application/json', ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  it('a console session signed in on A works on B; signing out on B ends it on A', async () => {
    const session = await signIn(a, SUPERVISOR_KEY);
    assert.equal((await http(`${b}/console/help`, { cookie: session.cookie })).status, 200);
    const out = await http(`${b}/console/sign-out`, {
      cookie: session.cookie,
      form: { _csrf: session.csrf },
    });
    assert.equal(out.status, 303);
    const after = await http(`${a}/console/help`, { cookie: session.cookie });
    assert.equal(after.status, 303);
    assert.equal(after.location, '/console/sign-in?ended=1&next=%2Fconsole%2Fhelp');
  });

  it('an attachment sent through A’s public form downloads from B', async () => {
    const page = await http(`${a}/complain`);
    const formToken = /name="formToken" value="([^"]+)"/.exec(page.text)![1];
    const form = new FormData();
    form.set('formToken', formToken);
    form.set('name', 'Jan Kowalski');
    form.set('email', `jan.${run}@example.com`);
    form.set('description', 'The lamp arrived broken; a photo is attached.');
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), crypto.randomBytes(64)]);
    form.set('attachments', new Blob([png], { type: 'image/png' }), 'lamp.png');
    const sent = await fetch(`${a}/complain`, { method: 'POST', body: form });
    const html = await sent.text();
    assert.equal(sent.status, 201, html.slice(0, 500));
    const linkToken = /\/c\/([A-Za-z0-9_.-]+)/.exec(html)![1];
    const link = createLinkSigner(linkSecret(stack.dataDir)).verify(linkToken);
    assert.ok(link.ok);
    // The description names the attachment; B reads it (the case may still be starting: retry).
    let view: { description?: string } = {};
    for (let i = 0; i < 40 && !/id a[0-9a-f]{32}\)/.test(view.description ?? ''); i++) {
      const reply = await api(b, `/complaints/${link.caseId}`);
      if (reply.status === 200) view = reply.json as typeof view;
      else await new Promise((r) => setTimeout(r, 250));
    }
    const id = /id (a[0-9a-f]{32})\)/.exec(view.description ?? '')?.[1];
    assert.ok(id, `the description names the attachment: ${view.description}`);
    for (const base of [b, a]) {
      const download = await fetch(`${base}/complaints/${link.caseId}/attachments/${id}`, {
        headers: { authorization: `Bearer ${SUPERVISOR_KEY}` },
      });
      assert.equal(download.status, 200, base);
      assert.ok(Buffer.from(await download.arrayBuffer()).equals(png), 'byte for byte');
    }
  });

  it('an Idempotency-Key reused with another body is 422 on both', async () => {
    const started = await api(a, '/complaints', {
      method: 'POST',
      body: complaintRequest(),
      headers: { prefer: 'respond-async' },
    });
    assert.equal(started.status, 201, started.text);
    const { id: complaintId } = intakeResponseSchema.parse(started.json);
    const key = `note-${run}`;
    const note = (base: string, text: string) =>
      api(base, `/complaints/${complaintId}/notes`, {
        method: 'POST',
        body: { text },
        headers: { 'idempotency-key': key },
      });
    let first = await note(a, 'Called the customer back.');
    for (let i = 0; i < 40 && first.status === 409; i++) {
      await new Promise((r) => setTimeout(r, 250)); // still in intake: the case takes notes once assigned
      first = await note(a, 'Called the customer back.');
    }
    assert.equal(first.status, 200, first.text);
    assert.equal((await note(b, 'Something else entirely.')).status, 422);
    assert.equal((await note(a, 'Something else entirely.')).status, 422);
    assert.equal((await note(b, 'Called the customer back.')).status, 200, 'the same body is a repeat');
  });

  it('a revoked key, its console session and its codec token are refused by both', async () => {
    const session = await signIn(a, REVOKED_KEY);
    const minted = await api(b, '/codec/tokens', { method: 'POST', key: REVOKED_KEY });
    assert.equal(minted.status, 201, minted.text);
    const { token } = minted.json as { token: string };
    const decode = (base: string) =>
      send(`${base}/codec/t/${token}/decode`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ payloads: [] }),
      });
    for (const base of [a, b]) {
      assert.equal((await decode(base)).status, 200, 'the token works before');
      assert.equal((await http(`${base}/console/help`, { cookie: session.cookie })).status, 200);
    }
    const revoked = await revokeApiKey(stack.store, hashKey(REVOKED_KEY).slice(0, 16));
    assert.ok('revoked' in revoked && revoked.sessionsEnded >= 1);
    await new Promise((r) => setTimeout(r, 1100)); // the keys' cache
    for (const base of [a, b]) {
      assert.equal((await api(base, '/complaints', { key: REVOKED_KEY })).status, 401, base);
      assert.equal((await decode(base)).status, 401, `${base}: the codec token`);
      assert.equal((await http(`${base}/console/help`, { cookie: session.cookie })).status, 303);
      assert.equal((await api(base, '/complaints')).status, 200, 'other keys still work');
    }
  });

  it('counts failed authentication once for both: the 6th wrong key is 429 on either', async () => {
    // Two more processes with a limit of 5 a minute (a count of their own: the limit is in its name).
    const deps = { keys: storeKeys(stack.store), limits: { authFailuresPerMinute: 5 } };
    const [c, d] = [await stack.serve(deps), await stack.serve(deps)];
    const minute = Math.floor(Date.now() / 60_000);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await api(i % 2 ? d : c, '/complaints', { key: `wrong-key-${run}-${i}` })).status);
    // A run straddling a minute starts counting over: then the count proves nothing.
    if (Math.floor(Date.now() / 60_000) !== minute) return;
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
    assert.equal((await api(c, '/complaints', { key: `wrong-again-${run}` })).status, 429);
    assert.equal((await api(d, '/complaints', { key: `wrong-again-${run}` })).status, 429);
    assert.equal((await api(c, '/complaints')).status, 200, 'a right key still works');
  });

  it('answers 503 with a clear problem for what needs the store while it is down', async () => {
    // A third process whose store does not answer (nothing listens on its port).
    const down = createStore(`postgres://postgres:x@127.0.0.1:${await freePort()}/postgres`, { max: 1 });
    try {
      const c = await stack.serve({ store: down, keys: storeKeys(down) });
      const listing = await api(c, '/complaints');
      assert.equal(listing.status, 503, listing.text);
      assert.match((listing.json as { detail: string }).detail, /case store is not reachable/);
      const form = await http(`${c}/console/sign-in`);
      const pre = form.cookies.find((x) => x.startsWith('cd_console_signin='))!.split(';')[0];
      const token = /name="_signin" value="([^"]+)"/.exec(form.text)![1];
      const signIn = await http(`${c}/console/sign-in`, {
        cookie: pre,
        form: { key: SUPERVISOR_KEY, _signin: token },
      });
      assert.equal(signIn.status, 503, signIn.text.slice(0, 300));
      // Nothing else broke: the health check answers from Temporal alone.
      assert.equal((await send(`${c}/healthz`, { method: 'GET' })).status, 200);
    } finally {
      await down.end();
    }
  });
});
