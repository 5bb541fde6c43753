// The console's protections over real HTTP on a real stack: no page or form without a session, the
// cookie's flags, CSRF tokens on every form (sign-in included), sign-in rate limits, sessions that
// end (idle, absolute, revoked key), agents kept to their own cases (their letters and attachments
// too), operators kept from personal data, and bad input on every action form answered with a
// readable page in the staff member's words, never a 5xx, with nothing changed on the case.
import assert from 'node:assert/strict';
import { hashKey, type ApiKeyRecord } from '../../api/keys';
import { intakeResponseSchema, routedActions } from '../../api/complaints/schemas';
import { encryptionCodec } from '../../infra/codec';
import { createStore, findByReference, migrate, type Store } from '../../infra/store';
import { startApiStack, type ApiStack } from '../helpers/api-stack';
import { eventually } from '../helpers/complaints';
import { freshDatabase, type TestDatabase } from '../helpers/postgres';
import { testKeysDir } from '../helpers/stack';

const SUPERVISOR_KEY = 'test_console_sec_supervisor';
const OPERATOR_KEY = 'test_console_sec_operator';
const agentKey = (ownerId: string) => `test_console_sec_agent_${ownerId}`;

interface Answer {
  status: number;
  text: string;
  location: string | null;
  cookies: string[];
}

async function http(
  url: string,
  init: {
    method?: string;
    cookie?: string;
    form?: Record<string, string>;
    headers?: Record<string, string>;
    raw?: string;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.cookie) headers.cookie = init.cookie;
  let body: string | undefined = init.raw;
  if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  } else if (init.raw !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  const res = await fetch(url, {
    method: init.method ?? (body !== undefined ? 'POST' : 'GET'),
    headers,
    body,
    redirect: 'manual',
  });
  return {
    status: res.status,
    text: await res.text(),
    location: res.headers.get('location'),
    cookies: res.headers.getSetCookie(),
  };
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

interface Signed {
  cookie: string;
  csrf: string;
  setCookie: string;
}

async function signIn(base: string, key: string, headers: Record<string, string> = {}): Promise<Signed> {
  const form = await http(`${base}/console/sign-in`, { headers });
  const pre = form.cookies.find((c) => c.startsWith('cd_console_signin='))!.split(';')[0];
  const token = /name="_signin" value="([^"]+)"/.exec(form.text)![1];
  const res = await http(`${base}/console/sign-in`, { cookie: pre, form: { key, _signin: token }, headers });
  assert.equal(res.status, 303, res.text.slice(0, 300));
  const setCookie = res.cookies.find((c) => c.startsWith('cd_console='))!;
  const cookie = setCookie.split(';')[0];
  const queue = await http(`${base}/console/help`, { cookie, headers });
  assert.equal(queue.status, 200);
  return { cookie, csrf: csrfOf(queue.text), setCookie };
}

describe('staff console security (integration)', function () {
  this.timeout(120_000);
  let stack: ApiStack;
  let db: TestDatabase;
  let store: Store;
  let base: string;
  let keys: ApiKeyRecord[];
  let caseId: string;
  let reference: string;
  let ownerId: string;
  let otherOwnerId: string;

  before(async function () {
    this.timeout(240_000);
    db = await freshDatabase('embedded');
    store = createStore(db.url, { max: 4 });
    await migrate(store);
    stack = await startApiStack({ store });
    const roster = stack.roster;
    keys = [
      ...roster.owners.map((o) => ({
        hash: hashKey(agentKey(o.id)),
        role: 'agent' as const,
        subject: o.id,
        name: o.name,
      })),
      {
        hash: hashKey(SUPERVISOR_KEY),
        role: 'supervisor',
        subject: roster.supervisors[0].id,
        name: roster.supervisors[0].name,
      },
      { hash: hashKey(OPERATOR_KEY), role: 'operator', subject: 'operator', name: 'Operator' },
    ];
    base = await stack.serve({
      keys: () => keys,
      publicBaseUrl: 'http://127.0.0.1',
      archive: { store, codec: encryptionCodec({ keysDir: testKeysDir() }) },
      // Sign-in attempts count in the case store for every app of the stack: these tests sign in
      // dozens of times a minute from one address (the limit itself is tested on an app of its own).
      console: { signInPerMinute: 1000 },
    });
    const res = await fetch(`${base}/complaints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SUPERVISOR_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        customer: { name: 'Jan Nowak', email: 'jan.nowak@example.com', language: 'en' },
        channel: 'phone',
        subject: 'Parcel never arrived',
        description: 'The tracking says delivered but nothing came.',
      }),
    });
    const started = intakeResponseSchema.parse(await res.json());
    caseId = started.id;
    reference = started.reference;
    ownerId = await eventually(async () => (await apiCase()).owner?.id, 'an owner');
    otherOwnerId = roster.owners.find((o) => o.id !== ownerId)!.id;
    // Settled: acknowledged and in diagnosis, so nothing moves on its own while the tests look.
    await eventually(async () => {
      const c = await apiCase();
      return (
        c.stage === 'diagnosis' &&
        c.timeline.internal.some((e) => (e as { kind: string }).kind === 'acknowledgement')
      );
    }, 'the case acknowledged, in diagnosis');
    // And quiet: the acknowledgement's delivery and the tasks it opens are recorded a moment later.
    await eventually(async () => {
      const a = await fingerprint();
      await new Promise((r) => setTimeout(r, 2_000));
      return a === (await fingerprint());
    }, 'the case to settle');
    // The worklist's record of it (the lists and search read the store).
    await eventually(
      async () => (await findByReference(store, reference, { now: Date.now(), dueSoonMs: 0 }))[0]?.brief,
      'the case in the worklist',
    );
  });

  after(async () => {
    await stack?.close();
    await store?.end();
    await db?.drop();
  });

  async function apiCase(): Promise<{
    stage: string;
    owner?: { id: string };
    timeline: { internal: unknown[] };
  }> {
    const res = await fetch(`${base}/complaints/${caseId}`, {
      headers: { authorization: `Bearer ${SUPERVISOR_KEY}` },
    });
    return (await res.json()) as never;
  }

  /** The case's stage and number of timeline entries: what any change would move. */
  const fingerprint = async () => {
    const c = await apiCase();
    return `${c.stage}/${c.timeline.internal.length}`;
  };

  it('answers no page and no form without a session', async () => {
    const before = await fingerprint();
    for (const path of [
      '/console',
      '/console/queue',
      `/console/cases/${caseId}`,
      '/console/approvals',
      '/console/ops',
      '/console/search?q=x',
      '/console/help',
      '/console/next',
      `/console/cases/${caseId}/letters/acknowledgement`,
      `/console/cases/${caseId}/letters/acknowledgement.pdf`,
      `/console/cases/${caseId}/attachments/a${'0'.repeat(32)}`,
    ]) {
      for (const cookie of [undefined, 'cd_console=forged-session-id']) {
        const res = await http(`${base}${path}`, { cookie });
        assert.equal(res.status, 303, `${path} without a session`);
        assert.match(res.location ?? '', /^\/console\/sign-in/);
      }
    }
    for (const path of [
      `/console/cases/${caseId}/actions/notes`,
      `/console/cases/${caseId}/tasks/T1/completion`,
      `/console/cases/${caseId}/letters/acknowledgement/sent`,
      '/console/preferences',
      '/console/sign-out',
    ]) {
      const res = await http(`${base}${path}`, { form: { text: 'sneaky', _csrf: 'x' } });
      assert.equal(res.status, 401, path);
      assert.match(res.text, /sign in again/);
    }
    assert.equal(await fingerprint(), before, 'nothing changed');
  });

  it('sets an HttpOnly, SameSite=Strict session cookie, Secure behind HTTPS', async () => {
    const plain = await signIn(base, SUPERVISOR_KEY);
    assert.match(plain.setCookie, /HttpOnly/);
    assert.match(plain.setCookie, /SameSite=Strict/);
    assert.match(plain.setCookie, /Path=\/console/);
    assert.doesNotMatch(plain.setCookie, /Secure/);
    const proxied = await stack.serve({ keys: () => keys, trustProxy: 'loopback' });
    const secure = await signIn(proxied, SUPERVISOR_KEY, { 'x-forwarded-proto': 'https' });
    assert.match(secure.setCookie, /; Secure/);
    // The pages carry their own CSP: scripts and styles from the console only, forms to itself.
    const page = await fetch(`${base}/console/help`, { headers: { cookie: plain.cookie } });
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'.*form-action 'self'/);
    assert.equal(page.headers.get('cache-control'), 'no-store');
  });

  it('signs in back to the page a link asked for, and never to another site', async () => {
    const asked = `/console/cases/${caseId}`;
    const away = await http(`${base}${asked}`);
    assert.equal(away.status, 303);
    assert.equal(away.location, `/console/sign-in?next=${encodeURIComponent(asked)}`);
    for (const [next, landing] of [
      [asked, asked],
      ['//evil.example/console', '/console'],
      ['https://evil.example/console', '/console'],
      ['/console/../x', '/console'],
      ['/console\\@evil.example', '/console'],
    ] as const) {
      const form = await http(`${base}/console/sign-in?next=${encodeURIComponent(next)}`);
      const pre = form.cookies.find((c) => c.startsWith('cd_console_signin='))!.split(';')[0];
      const token = /name="_signin" value="([^"]+)"/.exec(form.text)![1];
      const action = /<form action="([^"]+)"/.exec(form.text)![1].replace(/&amp;/g, '&');
      const res = await http(`${base}${action}`, {
        cookie: pre,
        form: { key: SUPERVISOR_KEY, _signin: token },
      });
      assert.equal(res.status, 303, next);
      assert.equal(res.location, landing, next);
    }
  });

  it('refuses a sign-in without its form token, a wrong key, and too many attempts', async () => {
    const noToken = await http(`${base}/console/sign-in`, { form: { key: SUPERVISOR_KEY } });
    assert.equal(noToken.status, 403);
    assert.ok(!noToken.cookies.some((c) => c.startsWith('cd_console=')), 'no session');
    const form = await http(`${base}/console/sign-in`);
    const pre = form.cookies.find((c) => c.startsWith('cd_console_signin='))!.split(';')[0];
    const token = /name="_signin" value="([^"]+)"/.exec(form.text)![1];
    const wrong = await http(`${base}/console/sign-in`, {
      cookie: pre,
      form: { key: 'cd_agent_not-a-real-key', _signin: token },
    });
    assert.equal(wrong.status, 401);
    assert.match(wrong.text, /That key is not valid/);

    const limited = await stack.serve({ keys: () => keys, console: { signInPerMinute: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await http(`${limited}/console/sign-in`, { form: { key: 'wrong-key-123' } })).status);
    assert.deepEqual(statuses.slice(3), [429, 429]);
    const blocked = await http(`${limited}/console/sign-in`, { form: { key: SUPERVISOR_KEY } });
    assert.equal(blocked.status, 429, 'even the right key waits');
    assert.match(blocked.text, /Too many attempts/);
  });

  it('enforces the CSRF token on every form', async () => {
    const me = await signIn(base, SUPERVISOR_KEY);
    const other = await signIn(base, SUPERVISOR_KEY);
    const before = await fingerprint();
    for (const csrf of [undefined, '', other.csrf, me.csrf.slice(0, -2) + 'xx']) {
      const form: Record<string, string> = { text: 'no token' };
      if (csrf !== undefined) form._csrf = csrf;
      for (const path of [
        `/console/cases/${caseId}/actions/notes`,
        `/console/cases/${caseId}/tasks/T1/completion`,
        `/console/cases/${caseId}/letters/acknowledgement/sent`,
        '/console/preferences',
        '/console/sign-out',
      ]) {
        const res = await http(`${base}${path}`, { cookie: me.cookie, form });
        assert.equal(res.status, 403, `${path} with csrf ${String(csrf)}`);
        assert.match(res.text, /out of date or did not come from this console/);
      }
    }
    assert.equal(await fingerprint(), before, 'nothing changed');
    assert.equal((await http(`${base}/console/help`, { cookie: me.cookie })).status, 200, 'still signed in');
    // With the token, sign-out works and the session is gone.
    const out = await http(`${base}/console/sign-out`, { cookie: me.cookie, form: { _csrf: me.csrf } });
    assert.equal(out.status, 303);
    assert.equal((await http(`${base}/console/help`, { cookie: me.cookie })).status, 303);
  });

  it("keeps an agent out of another owner's case", async () => {
    const intruder = await signIn(base, agentKey(otherOwnerId));
    const before = await fingerprint();
    const page = await http(`${base}/console/cases/${caseId}`, { cookie: intruder.cookie });
    assert.equal(page.status, 403);
    assert.match(page.text, /belongs to another owner/);
    assert.doesNotMatch(page.text, /Jan Nowak|jan\.nowak/);
    const act = await http(`${base}/console/cases/${caseId}/actions/notes`, {
      cookie: intruder.cookie,
      form: { _csrf: intruder.csrf, text: 'not mine' },
    });
    assert.equal(act.status, 403);
    const progress = await http(`${base}/console/cases/${caseId}/actions/progress`, {
      cookie: intruder.cookie,
      form: { _csrf: intruder.csrf, message: 'not mine', customerVisible: 'true' },
    });
    assert.equal(progress.status, 403);
    // Supervisors' own actions stay a supervisor's, even for the owner.
    const owner = await signIn(base, agentKey(ownerId));
    const approval = await http(`${base}/console/cases/${caseId}/actions/approval`, {
      cookie: owner.cookie,
      form: { _csrf: owner.csrf, decision: 'approve' },
    });
    assert.equal(approval.status, 403);
    assert.equal(await fingerprint(), before, 'nothing changed');
    // Its letters and attachments are the customer's personal data: not the intruder's, nor an operator's.
    const operator = await signIn(base, OPERATOR_KEY);
    for (const who of [intruder, operator])
      for (const path of [
        `/console/cases/${caseId}/letters/acknowledgement`,
        `/console/cases/${caseId}/letters/acknowledgement.pdf`,
        `/console/cases/${caseId}/letters/acknowledgement/letter.css`,
        `/console/cases/${caseId}/attachments/a${'0'.repeat(32)}`,
      ]) {
        const res = await http(`${base}${path}`, { cookie: who.cookie });
        assert.equal(res.status, 403, `${path}`);
        assert.doesNotMatch(res.text, /Jan Nowak|jan\.nowak/);
      }
    const markSent = await http(`${base}/console/cases/${caseId}/letters/acknowledgement/sent`, {
      cookie: intruder.cookie,
      form: { _csrf: intruder.csrf },
    });
    assert.equal(markSent.status, 403);
    // The owner opens it.
    assert.equal((await http(`${base}/console/cases/${caseId}`, { cookie: owner.cookie })).status, 200);
    // Search by the customer's name, e-mail or phone finds the case for its owner and supervisors,
    // not for another agent nor an operator; the reference finds it for anyone.
    const search = (who: Signed, q: string) =>
      http(`${base}/console/search?q=${encodeURIComponent(q)}`, { cookie: who.cookie });
    const supervisor = await signIn(base, SUPERVISOR_KEY);
    for (const q of ['Jan.Nowak@example.com', 'nowak jan', 'never arrived']) {
      assert.match((await search(owner, q)).text, new RegExp(`/console/cases/${caseId}`), `owner: ${q}`);
      assert.match(
        (await search(supervisor, q)).text,
        new RegExp(`/console/cases/${caseId}`),
        `supervisor: ${q}`,
      );
      assert.doesNotMatch((await search(intruder, q)).text, new RegExp(caseId), `another agent: ${q}`);
      assert.doesNotMatch((await search(operator, q)).text, new RegExp(caseId), `operator: ${q}`);
    }
    const byReference = await search(intruder, reference.toLowerCase());
    assert.match(byReference.text, new RegExp(reference));
    assert.doesNotMatch(byReference.text, /Jan Nowak/, 'found, without the customer’s name');
    assert.match((await search(operator, reference)).text, new RegExp(reference));
  });

  it('answers bad input on every form with a readable page, never a 5xx, and changes nothing', async () => {
    const me = await signIn(base, SUPERVISOR_KEY);
    const before = await fingerprint();
    for (const action of routedActions) {
      const res = await http(`${base}/console/cases/${caseId}/actions/${action}`, {
        cookie: me.cookie,
        form: {
          _csrf: me.csrf,
          _form: `bad-${action}-form`,
          'remedy.kind': 'refund',
          'remedy.amount': 'lots',
          reached: 'maybe',
        },
      });
      assert.ok(res.status >= 400 && res.status < 500, `${action}: ${res.status}`);
      assert.match(res.text, /class="problem"/, `${action}: the error is on the page`);
      assert.match(res.text, /<html lang="en"/, `${action}: a page, not JSON`);
    }
    const cases: [string, Record<string, string>][] = [
      [`/console/cases/${caseId}/tasks/T999/completion`, {}],
      [`/console/cases/${caseId}/tasks/nonsense/completion`, {}],
      [
        `/console/cases/${caseId}/actions/diagnosis`,
        {
          summary: 'x'.repeat(6000),
          probableCause: 'p',
          'responsibleParty.kind': 'ours',
          'responsibleParty.name': 'Us',
          expectedResolutionBy: 'tomorrow',
        },
      ],
      [`/console/cases/${caseId}/actions/no-such-action`, {}],
      ['/console/cases/NOT_AN_ID/actions/notes', { text: 'x' }],
      [`/console/cases/${caseId}/actions/reassignment`, { ownerId: 'nobody-here', reason: 'test' }],
    ];
    for (const [path, form] of cases) {
      const res = await http(`${base}${path}`, { cookie: me.cookie, form: { _csrf: me.csrf, ...form } });
      assert.ok(res.status >= 400 && res.status < 500, `${path}: ${res.status}`);
      assert.match(res.text, /class="problem"/, `${path}: readable`);
    }
    const huge = await http(`${base}/console/cases/${caseId}/actions/notes`, {
      cookie: me.cookie,
      raw: `_csrf=${me.csrf}&text=${'x'.repeat(100_000)}`,
    });
    assert.equal(huge.status, 413);
    assert.match(huge.text, /class="problem"/);
    const diagnosis = await http(`${base}/console/cases/${caseId}/actions/diagnosis`, {
      cookie: me.cookie,
      form: { _csrf: me.csrf, summary: 'Kept', expectedResolutionBy: '2020-01-01T10:00' },
    });
    assert.equal(diagnosis.status, 400);
    assert.match(diagnosis.text, /Pick a time in the future\./);
    assert.doesNotMatch(diagnosis.text, /must be in the future|ISO 8601/, 'not the schema’s words');
    assert.match(diagnosis.text, />Kept</, 'what was typed stays in the form');
    assert.equal(await fingerprint(), before, 'nothing changed');
  });

  it('ends sessions after the idle time, the absolute time, and when the key is revoked', async () => {
    const idle = await stack.serve({ keys: () => keys, console: { sessions: { idleMs: 1000 } } });
    const a = await signIn(idle, SUPERVISOR_KEY);
    await new Promise((r) => setTimeout(r, 1500));
    const expired = await http(`${idle}/console/queue`, { cookie: a.cookie });
    assert.equal(expired.status, 303);
    assert.equal(expired.location, '/console/sign-in?ended=1&next=%2Fconsole%2Fqueue');

    const absolute = await stack.serve({ keys: () => keys, console: { sessions: { absoluteMs: 1500 } } });
    const b = await signIn(absolute, SUPERVISOR_KEY);
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const res = await http(`${absolute}/console/help`, { cookie: b.cookie });
      if (i < 1) assert.equal(res.status, 200);
      if (i === 3) assert.equal(res.status, 303, 'ended however busy');
    }

    const revocable = [...keys];
    const revoking = await stack.serve({ keys: () => revocable });
    const c = await signIn(revoking, agentKey(ownerId));
    revocable.splice(
      revocable.findIndex((k) => k.subject === ownerId),
      1,
    );
    assert.equal((await http(`${revoking}/console/help`, { cookie: c.cookie })).status, 303);
  });
});
