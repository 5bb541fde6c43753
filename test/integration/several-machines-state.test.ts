// Two workers and two APIs as on four machines (test/helpers/cluster.ts): separate processes, each
// with its own data folder, sharing one Temporal server, one real PostgreSQL and the secrets. What
// the APIs keep for staff and customers must behave the same through either (issue #16): a console
// session, an attachment, an Idempotency-Key conflict, a revoked key (revoked once, with
// `npm run keys`, for every machine, and not brought back by an API that restarts with its old keys
// file), and an erasure through A (B then answers 410 for its link and attachment, takes and drops a
// reply, and shows the erased case). The retention and archive sweeps get past the erased case.
// two-apis.test.ts and erased-case.test.ts hold the same points in one process on the embedded store.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { hashKey } from '../../api/keys';
import { complaintDataConverter } from '../../infra/codec';
import { createLinkSigner } from '../../infra/links';
import { fromRoot } from '../../infra/paths';
import { createStore, readCaseHistory, type Store } from '../../infra/store';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';
import type { archiveSweepWorkflow, erasureSweepWorkflow } from '../../workflows';
import { testNamespace, type TestNamespace } from '../helpers/dev-server';
import { freshDatabase, type TestDatabase } from '../helpers/postgres';
import { complaintRequest, eventually } from '../helpers/complaints';
import { tempDir } from '../helpers/stack';
import { callApi, startCluster, type Cluster } from '../helpers/cluster';

const run = crypto.randomBytes(4).toString('hex');
const SUPERVISOR = `test_machines_state_supervisor_${run}`;
const REVOKED = `test_machines_state_revoked_${run}`;

interface Answer {
  status: number;
  text: string;
  location: string | null;
  cookies: string[];
}

/** A browser's request: a cookie, a form post, no redirects followed. */
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
    signal: AbortSignal.timeout(30_000),
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

/** A staff call retried while the case cannot answer yet: no worker for a moment, or still starting. */
async function settled(
  what: string,
  call: () => Promise<{ status: number; json: unknown; text: string }>,
  timeoutMs = 60_000,
) {
  return eventually(
    async () => {
      const r = await call();
      return r.status >= 500 || (r.status === 409 && /case-starting/.test(r.text)) ? undefined : r;
    },
    what,
    timeoutMs,
  );
}

describe('several machines: what two API processes share, and an erased case', function () {
  this.timeout(600_000);
  let dev: TestNamespace;
  let database: TestDatabase;
  let sandbox: RunningSandbox;
  let cluster: Cluster;
  let store: Store;
  let policyDir: string;

  before(async function () {
    this.timeout(240_000);
    dev = await testNamespace();
    database = await freshDatabase('postgresql');
    store = createStore(database.url, { max: 2 });
    sandbox = await startSandbox({
      port: 0,
      dataDir: path.join(tempDir('machines-state-sandbox'), 'postmark'),
    });
    // The shipped policy with a reopen window of seconds: a closed case's workflow completes at once,
    // so it can be erased (an open case cannot).
    policyDir = tempDir('machines-state-policy');
    const policy = JSON.parse(fs.readFileSync(fromRoot('policy', 'default.json'), 'utf8')) as {
      reopen: { window: string };
    };
    policy.reopen.window = '2s';
    fs.writeFileSync(path.join(policyDir, 'policy.json'), JSON.stringify(policy));
    cluster = await startCluster({
      workers: 2,
      apis: 2,
      temporalAddress: dev.address,
      namespace: dev.namespace,
      databaseUrl: database.url,
      sandboxPort: sandbox.port,
      keys: [
        { key: SUPERVISOR, role: 'supervisor', subject: 'sam', name: 'Sam' },
        { key: REVOKED, role: 'supervisor', subject: 'sam', name: 'Soon revoked' },
      ],
      env: { COMPLAINT_POLICY: path.join(policyDir, 'policy.json') },
    });
  });
  after(async () => {
    await cluster?.stop();
    await sandbox?.close();
    await store?.end();
    await database?.drop();
    if (policyDir) fs.rmSync(policyDir, { recursive: true, force: true });
  });

  // The case taken in through A's public form, with its attachment; erased in the last test.
  let formCase: { id: string; linkToken: string; attachmentId: string; png: Buffer } | undefined;
  // A case taken in through A's API, with a note; closed, then left for the retention sweep.
  let apiCase: { id: string } | undefined;

  it('a console session signed in on A works on B; signing out on B ends it on A', async () => {
    const [a, b] = cluster.apis.map((p) => p.url!);
    const session = await signIn(a, SUPERVISOR);
    assert.equal((await http(`${b}/console/help`, { cookie: session.cookie })).status, 200);
    const out = await http(`${b}/console/sign-out`, {
      cookie: session.cookie,
      form: { _csrf: session.csrf },
    });
    assert.equal(out.status, 303, out.text.slice(0, 300));
    const after = await http(`${a}/console/help`, { cookie: session.cookie });
    assert.equal(after.status, 303, 'signed out on A too');
    assert.match(after.location ?? '', /^\/console\/sign-in\?ended=1/);
  });

  it('an attachment sent through A’s public form downloads from B (and A), byte for byte', async () => {
    const [a, b] = cluster.apis.map((p) => p.url!);
    const page = await http(`${a}/complain`);
    assert.equal(page.status, 200, page.text.slice(0, 300));
    const formToken = /name="formToken" value="([^"]+)"/.exec(page.text)![1];
    await new Promise((r) => setTimeout(r, 3100)); // the form's least fill time (a bot posts at once)
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
    const linkToken = /\/c\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(html)![1];
    // The link was signed by A with the shared LINK_SECRET; B reads the case and its description,
    // which names the attachment (the case may still be starting).
    const link = createLinkSigner(cluster.secrets.LINK_SECRET).verify(linkToken);
    assert.ok(link.ok, 'a link B can verify');
    const view = await eventually(
      async () => {
        const c = await callApi(b, 'GET', `/complaints/${link.caseId}`, { key: SUPERVISOR });
        const d = (c.json as { description?: string } | undefined) ?? {};
        return c.status === 200 && /id a[0-9a-f]{32}\)/.test(d.description ?? '')
          ? { id: link.caseId, description: d.description! }
          : undefined;
      },
      'the form’s case through API B',
      60_000,
    );
    const attachmentId = /id (a[0-9a-f]{32})\)/.exec(view.description)![1];
    for (const base of [b, a]) {
      const download = await fetch(`${base}/complaints/${view.id}/attachments/${attachmentId}`, {
        headers: { authorization: `Bearer ${SUPERVISOR}` },
      });
      assert.equal(download.status, 200, base);
      assert.ok(Buffer.from(await download.arrayBuffer()).equals(png), `${base}: byte for byte`);
    }
    // The customer's link from A's answer opens on B.
    const status = await settled('the status page on B', () => callApi(b, 'GET', `/c/${linkToken}`));
    assert.equal(status.status, 200, status.text.slice(0, 300));
    formCase = { id: view.id, linkToken, attachmentId, png };
  });

  it('an Idempotency-Key reused with another body is 422 on both APIs, the same body a repeat on both', async () => {
    const [a, b] = cluster.apis.map((p) => p.url!);
    const started = await callApi(a, 'POST', '/complaints', {
      key: SUPERVISOR,
      body: complaintRequest({ channel: 'web' }),
      headers: { 'Idempotency-Key': `intake-${run}` },
    });
    assert.equal(started.status, 201, started.text);
    const id = (started.json as { id: string }).id;
    const key = `note-${run}`;
    const note = (base: string, text: string) =>
      callApi(base, 'POST', `/complaints/${id}/notes`, {
        key: SUPERVISOR,
        body: { text },
        headers: { 'Idempotency-Key': key },
      });
    // A case in intake takes notes once assigned (409 until then).
    const first = await eventually(
      async () => {
        const r = await note(a, 'Called the customer back.');
        return r.status === 409 || r.status >= 500 ? undefined : r;
      },
      'the first note through A',
      60_000,
    );
    assert.equal(first.status, 200, first.text);
    assert.equal((await note(b, 'Something else entirely.')).status, 422, 'another body on B');
    assert.equal((await note(a, 'Something else entirely.')).status, 422, 'another body on A');
    assert.equal((await note(b, 'Called the customer back.')).status, 200, 'the same body is a repeat on B');
    const c = await callApi(b, 'GET', `/complaints/${id}`, { key: SUPERVISOR });
    const internal = (c.json as { timeline?: { internal: { text?: string }[] } }).timeline?.internal ?? [];
    assert.equal(internal.filter((e) => e.text?.includes('Called the customer back.')).length, 1, 'one note');
    apiCase = { id };
  });

  it('a key revoked once with `npm run keys` is refused by both APIs with its session and codec token, also after a restart', async () => {
    const [a, b] = cluster.apis.map((p) => p.url!);
    const session = await signIn(a, REVOKED);
    const minted = await callApi(b, 'POST', '/codec/tokens', { key: REVOKED });
    assert.equal(minted.status, 201, minted.text);
    const { token } = minted.json as { token: string };
    const decode = (base: string) =>
      callApi(base, 'POST', `/codec/t/${token}/decode`, { body: { payloads: [] } });
    for (const base of [a, b]) {
      assert.equal((await decode(base)).status, 200, `${base}: the codec token works before`);
      assert.equal((await http(`${base}/console/help`, { cookie: session.cookie })).status, 200);
    }
    // The operator's command, once, against the one store (no API is told).
    const keysCli = (...args: string[]) =>
      spawnSync(process.execPath, [fromRoot('dist', 'scripts', 'keys.js'), ...args], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: database.url, DATA_DIR: tempDir('machines-state-keys') },
      });
    const revoked = keysCli('revoke', hashKey(REVOKED).slice(0, 16));
    assert.equal(revoked.status, 0, `${revoked.stdout}\n${revoked.stderr}`);
    await new Promise((r) => setTimeout(r, 1100)); // each API's cache of the keys: a second
    const refusedEverywhere = async () => {
      for (const base of [a, b]) {
        assert.equal((await callApi(base, 'GET', '/complaints', { key: REVOKED })).status, 401, base);
        assert.equal((await decode(base)).status, 401, `${base}: the codec token`);
        assert.equal((await http(`${base}/console/help`, { cookie: session.cookie })).status, 303, base);
        assert.equal((await callApi(base, 'GET', '/complaints', { key: SUPERVISOR })).status, 200, base);
      }
    };
    await refusedEverywhere();
    // B restarts with its machine's keys file, which still lists the key: it stays revoked.
    await cluster.apis[1].kill();
    await cluster.apis[1].restart();
    await refusedEverywhere();
  });

  it('an erasure through A: B shows the erased case, its link and attachment 410, a reply dropped; the sweeps get past it', async () => {
    assert.ok(formCase && apiCase, 'the cases of the tests before');
    const [a, b] = cluster.apis.map((p) => p.url!);
    const documentation = {
      rootCause: 'The customer withdrew the complaint.',
      contributingFactors: [],
      responsibleParty: 'unknown',
      correctiveAction: 'None needed',
      preventiveAction: 'None',
    };
    // Both cases close: the customer withdraws through B's link page or the API, staff document through B.
    const apiCaseLink = await eventually(
      async () => {
        const all = (await (await fetch(`${sandbox.url}/sandbox/messages`)).json()) as {
          messages: { TextBody?: string; Metadata?: Record<string, string> }[];
        };
        const ack = all.messages.find(
          (m) => m.Metadata?.caseId === apiCase!.id && m.Metadata?.kind === 'acknowledgement',
        );
        return ack && /\/c\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(ack.TextBody ?? '')?.[1];
      },
      'the acknowledgement of the API case',
      120_000,
    );
    for (const [id, link] of [
      [formCase.id, formCase.linkToken],
      [apiCase.id, apiCaseLink],
    ]) {
      const withdrawn = await settled(`the withdrawal of ${id} through B`, () =>
        callApi(b, 'POST', `/c/${link}/withdrawal`, { body: { confirm: true } }),
      );
      assert.ok(withdrawn.status < 400, withdrawn.text);
      const documented = await eventually(
        async () => {
          const r = await callApi(b, 'POST', `/complaints/${id}/documentation`, {
            key: SUPERVISOR,
            body: documentation,
          });
          return r.status === 200 ? r : undefined; // 409 until the withdrawal has settled the case
        },
        `the documentation of ${id} through B`,
        60_000,
      );
      assert.equal((documented.json as { stage: string }).stage, 'closed');
    }

    // Erased through A once its workflow has completed (409 "still open" within the reopen window).
    const erased = await eventually(
      async () => {
        const r = await callApi(a, 'POST', `/complaints/${formCase!.id}/erasure`, {
          key: SUPERVISOR,
          body: { reason: 'The customer asked us to erase their data.' },
        });
        return r.status === 409 ? undefined : r;
      },
      'the erasure through A',
      60_000,
    );
    assert.equal(erased.status, 201, erased.text);
    const record = erased.json as { erasedAt: string; view: string };
    assert.equal(record.view, 'erased');
    const ledger = await store.query('SELECT 1 FROM email_ledger WHERE recipient = $1', [
      `jan.${run}@example.com`,
    ]);
    assert.equal(ledger.rowCount, 0, 'the one e-mail ledger forgot the address');

    // B, within a second: the erased case, not "being set up" or 503.
    await new Promise((r) => setTimeout(r, 1100));
    const seen = await callApi(b, 'GET', `/complaints/${formCase.id}`, { key: SUPERVISOR });
    assert.equal(seen.status, 200, seen.text);
    assert.equal((seen.json as { view: string }).view, 'erased');
    assert.ok(!seen.text.includes(`jan.${run}@example.com`));
    const again = await callApi(b, 'POST', `/complaints/${formCase.id}/erasure`, {
      key: SUPERVISOR,
      body: { reason: 'Again, through B.' },
    });
    assert.equal(again.status, 200, again.text);
    assert.equal((again.json as { erasedAt: string }).erasedAt, record.erasedAt, 'the first record');
    for (const base of [b, a]) {
      const page = await callApi(base, 'GET', `/c/${formCase.linkToken}`);
      assert.equal(page.status, 410, `${base}: the status link: ${page.text.slice(0, 200)}`);
      const file = await callApi(
        base,
        'GET',
        `/complaints/${formCase.id}/attachments/${formCase.attachmentId}`,
        {
          key: SUPERVISOR,
        },
      );
      assert.equal(file.status, 410, `${base}: the attachment: ${file.text.slice(0, 200)}`);
    }
    const inbound = JSON.parse(
      fs.readFileSync(fromRoot('test', 'fixtures', 'postmark', 'inbound.json'), 'utf8'),
    ) as Record<string, unknown>;
    const { POSTMARK_WEBHOOK_USER: user, POSTMARK_WEBHOOK_PASSWORD: password } = cluster.secrets;
    const reply = await callApi(b, 'POST', '/webhooks/postmark/inbound', {
      headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
      body: {
        ...inbound,
        MailboxHash: formCase.id,
        MessageID: `00000000-0000-4000-8000-${Date.now().toString(16).padStart(12, '0')}`,
      },
    });
    assert.equal(reply.status, 200, reply.text);
    assert.equal((reply.json as { result: string }).result, 'ignored', reply.text);
    assert.equal((await callApi(b, 'GET', '/complaints', { key: SUPERVISOR })).status, 200, 'the list');

    // The sweeps, started as their Schedules would (from this process: a fifth machine with the same
    // secrets), get past the erased case: the retention sweep erases the other closed case.
    const connection = await Connection.connect({ address: dev.address });
    try {
      const client = new Client({
        connection,
        namespace: dev.namespace,
        dataConverter: complaintDataConverter({
          keysDir: tempDir('machines-state-client-keys'),
          keks: cluster.secrets.COMPLAINT_KEKS,
          currentKekId: cluster.secrets.COMPLAINT_KEK_ID,
          databaseUrl: database.url,
        }),
      });
      const sweep = await client.workflow.execute<typeof erasureSweepWorkflow>('erasureSweepWorkflow', {
        workflowId: `erasure-sweep-${run}`,
        taskQueue: cluster.taskQueue,
        args: [{ afterCloseMs: 1 }],
        workflowExecutionTimeout: '3 minutes',
      });
      assert.ok(sweep.erased >= 1, JSON.stringify(sweep));
      const other = await callApi(a, 'GET', `/complaints/${apiCase.id}`, { key: SUPERVISOR });
      assert.equal((other.json as { view: string }).view, 'erased', other.text);
      const archive = await client.workflow.execute<typeof archiveSweepWorkflow>('archiveSweepWorkflow', {
        workflowId: `archive-sweep-${run}`,
        taskQueue: cluster.taskQueue,
        workflowExecutionTimeout: '3 minutes',
      });
      assert.equal(archive.waiting, 0, JSON.stringify(archive));
      for (const id of [formCase.id, apiCase.id])
        assert.ok(await readCaseHistory(store, id), `the history of ${id} is archived`);
    } finally {
      await connection.close();
    }
  });
});
