// Personal data at rest in Temporal, on a real dev server: a complete case's history read without
// the codec (a plain client, the Temporal CLI) holds none of the customer's words; through the codec
// all of them come back for a supervisor, and none of them for an operator. What Temporal never encrypts (workflow ids, search attributes) and what the
// Web UI shows first (static summary and details, current details) carry none of them either. And
// the codec endpoint: who may call it, CORS for the Web UI, round trips, bad bodies, erased cases.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { hashKey, keyIdOf } from '../../api/keys';
import { intakeResponseSchema } from '../../api/complaints/schemas';
import {
  CaseKeyDestroyedError,
  caseKeyId,
  caseKeys,
  isClear,
  isEncrypted,
  keySettings,
} from '../../infra/codec';
import { temporalCli } from '../../infra/temporal-binaries';
import * as defs from '../../workflows/definitions';
import { send, startApiStack, type ApiStack } from '../helpers/api-stack';
import { DAY, stageIs, tellOutcomeByPhone } from '../helpers/complaints';

const KEYS = {
  supervisor: 'test_privacy_supervisor_key',
  operator: 'test_privacy_operator_key',
  agent: 'test_privacy_agent_key',
};
const UI_ORIGIN = 'http://localhost:8999';

/** Distinctive personal data: none of it may appear anywhere Temporal stores in clear. */
const customer = {
  name: 'Quirina Vandersloot-Ptak',
  email: 'quirina.vandersloot@privacy-test.example',
  phone: '+48 512 987 654',
};
const subject = 'Zephyr-9 espresso machine leaks';
const description = 'The steam wand of my Zephyr-9 sprays scalding water onto my left hand since Tuesday.';
const messages = {
  customer: 'My neighbour Bartholomew Ixworth saw the leak too.',
  progress: 'Technician Obadiah Quennell will visit you on Friday.',
  note: 'Prefers calls after five; lives above the Ixworth bakery.',
};
const secrets = [
  customer.name,
  customer.email,
  customer.phone,
  subject,
  description,
  ...Object.values(messages),
];

/** Every string and every byte field of a protobuf message, as text (payload bytes as UTF-8). */
function allText(value: unknown, out: string[] = []): string[] {
  if (value === null || value === undefined) return out;
  if (value instanceof Uint8Array) out.push(Buffer.from(value).toString('utf8'));
  else if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) allText(v, out);
  else if (typeof value === 'object') for (const v of Object.values(value)) allText(v, out);
  return out;
}

/** Every payload anywhere in a message (anything with metadata and data). */
function allPayloads(value: unknown, out: Payload[] = []): Payload[] {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return out;
  if (Array.isArray(value)) {
    for (const v of value) allPayloads(v, out);
    return out;
  }
  const o = value as Record<string, unknown>;
  if (o.metadata && typeof o.metadata === 'object' && o.data instanceof Uint8Array) out.push(o);
  else for (const [k, v] of Object.entries(o)) if (k !== 'searchAttributes') allPayloads(v, out); // never encrypted: checked on their own
  return out;
}

function absent(texts: string[], where: string): void {
  const joined = texts.join('\n');
  for (const s of secrets) assert.ok(!joined.includes(s), `${where} contains "${s}"`);
}

describe('personal data is encrypted at rest in Temporal (integration)', function () {
  this.timeout(120_000);
  let stack: ApiStack;
  let baseUrl: string;
  let workflowId: string;
  let history: temporal.api.history.v1.IHistory;

  before(async function () {
    this.timeout(240_000);
    stack = await startApiStack();
    const { roster } = stack;
    const owner = roster.owners[0];
    baseUrl = await stack.serve({
      keys: () => [
        {
          hash: hashKey(KEYS.supervisor),
          role: 'supervisor',
          subject: roster.supervisors[0].id,
          name: 'Supervisor',
        },
        { hash: hashKey(KEYS.operator), role: 'operator', subject: 'operator', name: 'Operator' },
        { hash: hashKey(KEYS.agent), role: 'agent', subject: owner.id, name: owner.name },
      ],
      codec: { tokens: stack.codecTokens, corsOrigins: [UI_ORIGIN] },
    });

    // A complete case: intake over HTTP, then every kind of payload (updates, signals, activities,
    // queries, the result, memo, failures of rejected updates) on its way to closed.
    const reply = await send(`${baseUrl}/complaints`, {
      method: 'POST',
      key: KEYS.supervisor,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        customer: { ...customer, language: 'en' },
        channel: 'email',
        subject,
        description,
        order: { reference: 'ORD-PRIV-1', amount: 120, currency: 'PLN' },
      }),
    });
    assert.equal(reply.status, 201, reply.text);
    const started = intakeResponseSchema.parse(reply.json);
    workflowId = defs.complaintWorkflowId(started.id);
    const handle = stack.client.workflow.getHandle(workflowId);
    await stageIs(handle, 'diagnosis');
    await handle.executeUpdate(defs.diagnosisUpdate, {
      args: [
        {
          summary: 'Faulty steam valve.',
          probableCause: 'Valve seal',
          responsibleParty: { kind: 'third-party', name: 'Zephyr' },
          expectedResolutionBy: new Date(Date.now() + 5 * DAY).toISOString(),
        },
      ],
    });
    await handle.signal(defs.customerMessageSignal, {
      text: messages.customer,
      via: 'portal',
      messageId: 'priv-1',
    });
    await handle.executeUpdate(defs.progressUpdate, {
      args: [{ message: messages.progress, customerVisible: true }],
    });
    await handle.executeUpdate(defs.noteUpdate, { args: [{ text: messages.note }] });
    await handle.executeUpdate(defs.resolutionUpdate, {
      args: [
        {
          outcome: 'upheld',
          explanation: 'The valve was faulty.',
          apology: 'We are sorry.',
          remedy: { kind: 'replacement' },
        },
      ],
    });
    await tellOutcomeByPhone(handle);
    await handle.executeUpdate(defs.documentationUpdate, {
      args: [
        {
          rootCause: 'Valve seal',
          contributingFactors: ['supplier-quality'],
          responsibleParty: 'Zephyr',
          correctiveAction: 'Replacement',
          preventiveAction: 'Supplier audit',
        },
      ],
    });
    await stageIs(handle, 'survey');
    await handle.signal(defs.surveyAnswerSignal, { score: 5, stillNeedHelp: false });
    await handle.result();
    history = await handle.fetchHistory();
  });

  after(async () => {
    await stack?.close();
  });

  it('a plain client (no codec) reads none of the customer’s data in the complete history', async () => {
    const plain = new Client({ connection: stack.client.connection, namespace: stack.namespace }); // deliberately without the codec
    const raw = await plain.workflow.getHandle(workflowId).fetchHistory();
    assert.ok((raw.events?.length ?? 0) > 20, 'a complete case has a long history');
    absent(allText(raw), 'the raw history');
    // Patch markers (patched()) are written by the SDK's core, not through the codec: they hold only
    // the patch id, which is checked here, and are left out of the encrypted payloads.
    const patchMarkers = (raw.events ?? []).filter(
      (e) => e.markerRecordedEventAttributes?.markerName === 'core_patch',
    );
    for (const marker of patchMarkers)
      for (const text of allPayloads({ events: [marker] }).map((p) =>
        Buffer.from(p.data ?? []).toString('utf8'),
      ))
        assert.match(
          text,
          /^(\{"id":"[a-z0-9-]+","deprecated":(true|false)\}|"[a-z0-9-]+"|true|false)$/,
          text,
        );
    // The memo is in clear by design (infra/codec/clear-memo.ts): only its known, non-personal fields.
    const memo = raw.events?.[0]?.workflowExecutionStartedEventAttributes?.memo?.fields ?? {};
    assert.deepEqual(Object.keys(memo).sort(), ['language', 'reference', 'requestHash']);
    assert.ok(Object.values(memo).every(isClear), 'the memo is marked clear');
    const payloads = allPayloads({ events: (raw.events ?? []).filter((e) => !patchMarkers.includes(e)) });
    const clear = payloads.filter((p) => !isEncrypted(p) && !isClear(p));
    assert.deepEqual(
      clear.map((p) => Buffer.from(p.data ?? []).toString('utf8')),
      [],
      'every payload in the history is encrypted',
    );
    // The case's payloads all use its own key.
    const keyIds = new Set(
      payloads.filter(isEncrypted).map((p) => Buffer.from(p.metadata!['encryption-key-id']).toString('utf8')),
    );
    assert.deepEqual([...keyIds], [caseKeyId(workflowId)]);
  });

  it('through the codec, the same history holds all of it', async () => {
    const codec = stack.client.options.loadedDataConverter.payloadCodecs[0];
    const payloads = await codec.decode(allPayloads(history));
    const text = payloads.map((p) => Buffer.from(p.data ?? []).toString('utf8')).join('\n');
    for (const s of secrets) assert.ok(text.includes(s), `decoded history lacks "${s}"`);
  });

  it('the Temporal CLI shows ciphertext without the codec and the customer with --codec-endpoint', async () => {
    // Asynchronously: the codec endpoint the CLI calls is served by this very process.
    const show = (...extra: string[]) =>
      new Promise<string>((resolve, reject) => {
        const args = ['workflow', 'show', '--address', stack.address, '--namespace', stack.namespace];
        const child = spawn(temporalCli().path, [...args, '-w', workflowId, '-o', 'json', ...extra]);
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.on('error', reject);
        child.on('exit', (code) => {
          clearTimeout(timer);
          if (code === 0) resolve(out);
          else reject(new Error(`temporal workflow show exited ${code}: ${err}`));
        });
      });
    // The CLI prints payloads as protobuf JSON: their data in base64, read back here as text.
    const payloadTexts = (json: string): string[] => {
      const out: string[] = [json];
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') {
          const o = v as Record<string, unknown>;
          if (typeof o.data === 'string' && o.metadata)
            out.push(Buffer.from(o.data, 'base64').toString('utf8'));
          Object.values(o).forEach(walk);
        }
      };
      walk(JSON.parse(json));
      return out;
    };
    const plain = payloadTexts(await show());
    assert.ok(plain.length > 20, 'the CLI printed the history');
    absent(plain, 'temporal workflow show (no codec)');
    const decoded = payloadTexts(
      await show('--codec-endpoint', `${baseUrl}/codec`, '--codec-auth', `Bearer ${KEYS.supervisor}`),
    ).join('\n');
    for (const s of secrets) assert.ok(decoded.includes(s), `the CLI's decoded output lacks "${s}"`);
    // An operator's key decodes the case without its personal data.
    absent(
      payloadTexts(
        await show('--codec-endpoint', `${baseUrl}/codec`, '--codec-auth', `Bearer ${KEYS.operator}`),
      ),
      'temporal workflow show with an operator’s key',
    );
  });

  it('keeps workflow ids, search attributes, summaries and current details free of personal data', async () => {
    const handle = stack.client.workflow.getHandle(workflowId);
    const d = await handle.describe();
    const raw = await stack.client.workflowService.describeWorkflowExecution({
      namespace: stack.namespace,
      execution: { workflowId },
    });
    absent(
      [
        workflowId,
        JSON.stringify(d.searchAttributes),
        JSON.stringify(d.typedSearchAttributes),
        JSON.stringify(d.memo),
        (await d.staticSummary()) ?? '',
        (await d.staticDetails()) ?? '',
        ...allText(raw.workflowExecutionInfo?.searchAttributes),
      ],
      'describe()',
    );
    assert.ok(((await d.staticSummary()) ?? '').length > 0, 'the case has a static summary');
    // Timer and activity summaries (user metadata on events), decoded.
    const codec = stack.client.options.loadedDataConverter.payloadCodecs[0];
    const summaries = (history.events ?? []).flatMap((e) =>
      [e.userMetadata?.summary, e.userMetadata?.details].filter((p): p is Payload => !!p),
    );
    assert.ok(summaries.length > 0, 'timers and activities have summaries');
    absent(
      (await codec.decode(summaries)).map((p) => Buffer.from(p.data ?? []).toString('utf8')),
      'timer and activity summaries',
    );
    const metadata = await handle.query<{ currentDetails?: string }>('__temporal_workflow_metadata');
    absent([JSON.stringify(metadata)], 'current details');
  });

  describe('the codec endpoint', () => {
    let encrypted: { metadata: Record<string, string>; data: string };
    const post = (
      path: string,
      body: unknown,
      opts: { key?: string; headers?: Record<string, string> } = {},
    ) =>
      send(`${baseUrl}${path}`, {
        method: 'POST',
        key: opts.key,
        headers: { 'content-type': 'application/json', ...opts.headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const wire = (p: Payload) => ({
      metadata: Object.fromEntries(
        Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
      ),
      data: Buffer.from(p.data ?? []).toString('base64'),
    });
    const texts = (json: unknown) =>
      (json as { payloads: { data: string }[] }).payloads.map((p) =>
        Buffer.from(p.data, 'base64').toString('utf8'),
      );

    before(() => {
      const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
      assert.ok(input && isEncrypted(input));
      encrypted = wire(input);
    });

    it('asks for a key (401), refuses agents (403), takes supervisors and operators', async () => {
      assert.equal((await post('/codec/decode', { payloads: [encrypted] })).status, 401);
      assert.equal(
        (await post('/codec/decode', { payloads: [encrypted] }, { key: 'not_a_real_key_at_all' })).status,
        401,
      );
      assert.equal((await post('/codec/decode', { payloads: [encrypted] }, { key: KEYS.agent })).status, 403);
      for (const key of [KEYS.supervisor, KEYS.operator]) {
        const reply = await post('/codec/decode', { payloads: [encrypted] }, { key });
        assert.equal(reply.status, 200, reply.text);
        // Supervisors get the whole case; operators its operational part (see the test below).
        if (key === KEYS.supervisor)
          assert.match(texts(reply.json)[0], new RegExp(customer.email.replace(/\./g, '\\.')));
        else assert.ok(!texts(reply.json)[0].includes(customer.email), 'an operator decodes no e-mail');
        assert.equal(reply.headers.get('cache-control'), 'no-store');
      }
    });

    it('gives operators the operational part of every payload of the history, supervisors all of it', async () => {
      const all = allPayloads(history).map(wire);
      assert.ok(all.length > 50, `${all.length} payloads`);
      const reference = (await stack.client.workflow.getHandle(workflowId).query(defs.caseViewQuery))
        .reference;
      const { token: operatorToken } = stack.codecTokens.mint(
        { subject: 'operator', role: 'operator', keyId: keyIdOf(hashKey(KEYS.operator)) },
        60_000,
      );
      const { token: supervisorToken } = stack.codecTokens.mint(
        { subject: 'supervisor', role: 'supervisor', keyId: keyIdOf(hashKey(KEYS.supervisor)) },
        60_000,
      );
      for (const [who, path, key] of [
        ['an operator’s key', '/codec/decode', KEYS.operator],
        ['an operator’s URL token (the Web UI up configures)', `/codec/t/${operatorToken}/decode`, undefined],
      ] as const) {
        const reply = await post(path, { payloads: all }, { key });
        assert.equal(reply.status, 200, reply.text);
        const decoded = texts(reply.json);
        absent(decoded, `what ${who} decodes`);
        const joined = decoded.join('\n');
        // What operators need stays: the reference, stages, deadlines, deliveries and the owner.
        for (const operational of [
          reference,
          '"stage":"diagnosis"',
          '"acknowledgement"',
          '"dueAt"',
          stack.roster.owners[0].id,
        ])
          assert.ok(joined.includes(operational), `${who}: "${operational}" is missing`);
        assert.ok(joined.includes('[hidden: personal data]'), `${who}: personal fields are marked hidden`);
      }
      for (const [path, key] of [
        ['/codec/decode', KEYS.supervisor],
        [`/codec/t/${supervisorToken}/decode`, undefined],
      ] as const) {
        const reply = await post(path, { payloads: all }, { key });
        const joined = texts(reply.json).join('\n');
        for (const s of secrets) assert.ok(joined.includes(s), `a supervisor's decode lacks "${s}"`);
      }
    });

    it('shows operators the Web UI’s current details and query descriptions (the engine writes them, no personal data)', async () => {
      // The User Metadata tab: the metadata query's answer, encrypted by the worker, as the UI gets it.
      const raw = await stack.client.workflowService.queryWorkflow({
        namespace: stack.namespace,
        execution: { workflowId },
        query: { queryType: '__temporal_workflow_metadata' },
      });
      const payload = raw.queryResult?.payloads?.[0];
      assert.ok(payload && isEncrypted(payload));
      const reply = await post('/codec/decode', { payloads: [wire(payload)] }, { key: KEYS.operator });
      assert.equal(reply.status, 200, reply.text);
      const [decoded] = texts(reply.json);
      absent([decoded], 'the current details an operator decodes');
      const metadata = JSON.parse(decoded) as {
        currentDetails: string;
        definition: { queryDefinitions: { name: string; description?: string }[] };
      };
      assert.match(metadata.currentDetails, /stage \*\*\w+\*\*/);
      assert.ok(!decoded.includes('[hidden: personal data]'), decoded.slice(0, 400));
      assert.ok(metadata.definition.queryDefinitions.some((q) => q.description && q.description.length > 5));
    });

    it('decodes by URL token (the Web UI’s way) and refuses a forged or expired one', async () => {
      const { token } = stack.codecTokens.mint(
        { subject: 'supervisor', role: 'supervisor', keyId: keyIdOf(hashKey(KEYS.supervisor)) },
        60_000,
      );
      const ok = await post(`/codec/t/${token}/decode`, { payloads: [encrypted] });
      assert.equal(ok.status, 200, ok.text);
      assert.match(texts(ok.json)[0], /Quirina/);
      const expired = stack.codecTokens.mint(
        { subject: 'operator', role: 'operator', keyId: keyIdOf(hashKey(KEYS.operator)) },
        -1000,
      ).token;
      assert.equal((await post(`/codec/t/${expired}/decode`, { payloads: [encrypted] })).status, 401);
      assert.equal(
        (await post(`/codec/t/${token.slice(0, -2)}xx/decode`, { payloads: [encrypted] })).status,
        401,
      );
      // Tokens are minted for supervisors and operators only.
      const minted = await post('/codec/tokens', {}, { key: KEYS.operator });
      assert.equal(minted.status, 201, minted.text);
      assert.match((minted.json as { endpoint: string }).endpoint, /\/codec\/t\/cdc2\./);
      assert.equal((await post('/codec/tokens', {}, { key: KEYS.agent })).status, 403);
    });

    it('answers the Web UI’s CORS preflight for its origin only, with credentials', async () => {
      const preflight = (origin: string) =>
        send(`${baseUrl}/codec/t/x/decode`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type,x-namespace',
          },
        });
      const ok = await preflight(UI_ORIGIN);
      assert.equal(ok.status, 204);
      assert.equal(ok.headers.get('access-control-allow-origin'), UI_ORIGIN);
      assert.equal(ok.headers.get('access-control-allow-credentials'), 'true');
      assert.match(ok.headers.get('access-control-allow-headers') ?? '', /X-Namespace/);
      assert.match(ok.headers.get('access-control-allow-headers') ?? '', /Content-Type/);
      assert.match(ok.headers.get('access-control-allow-headers') ?? '', /Authorization/);
      assert.match(ok.headers.get('access-control-allow-methods') ?? '', /POST/);
      const other = await preflight('https://evil.example');
      assert.equal(other.headers.get('access-control-allow-origin'), null);
      assert.equal(other.status, 403);
      // The actual POST answers with the origin too (401 included, so the UI can read it).
      const denied = await post('/codec/decode', { payloads: [] }, { headers: { origin: UI_ORIGIN } });
      assert.equal(denied.status, 401);
      assert.equal(denied.headers.get('access-control-allow-origin'), UI_ORIGIN);
    });

    it('round-trips encode and decode, and passes clear payloads through', async () => {
      const clear = {
        metadata: { encoding: Buffer.from('json/plain').toString('base64') },
        data: Buffer.from('"hello"').toString('base64'),
      };
      const enc = await post('/codec/encode', { payloads: [clear] }, { key: KEYS.operator });
      assert.equal(enc.status, 200, enc.text);
      const sealed = (enc.json as { payloads: (typeof clear)[] }).payloads[0];
      assert.equal(Buffer.from(sealed.metadata.encoding, 'base64').toString(), 'binary/encrypted');
      const dec = await post('/codec/decode', { payloads: [sealed, clear] }, { key: KEYS.operator });
      assert.equal(dec.status, 200, dec.text);
      assert.deepEqual((dec.json as { payloads: unknown[] }).payloads, [clear, clear]);
      const empty = await post('/codec/decode', { payloads: [] }, { key: KEYS.operator });
      assert.deepEqual(empty.json, { payloads: [] });
      // The Temporal CLI's query without arguments: protobuf JSON leaves the empty list out.
      for (const op of ['/codec/decode', '/codec/encode']) {
        const none = await post(op, {}, { key: KEYS.operator });
        assert.equal(none.status, 200, `${op}: ${none.text}`);
        assert.deepEqual(none.json, { payloads: [] });
      }
    });

    it('answers a bad body with 400 (or 413/415), never 5xx', async () => {
      const tampered = {
        ...encrypted,
        data: Buffer.from(
          Buffer.from(encrypted.data, 'base64').map((b, i) => (i === 30 ? b ^ 1 : b)),
        ).toString('base64'),
      };
      const unknownKey = {
        ...encrypted,
        metadata: {
          ...encrypted.metadata,
          'encryption-key-id': Buffer.from('case-00000000000000000000000000000000').toString('base64'),
        },
      };
      const bodies: [unknown, number][] = [
        ['{not json', 400],
        [{ payloads: 'x' }, 400],
        [{ payloads: [{ data: '***' }] }, 400],
        [{ payloads: [{ metadata: { encoding: 42 } }] }, 400],
        [{ payloads: [encrypted], extra: true }, 400],
        [{ payloads: [tampered] }, 400],
        [{ payloads: [unknownKey] }, 400],
        [{ payloads: [{ ...encrypted, data: '' }] }, 400],
      ];
      for (const [body, status] of bodies) {
        const reply = await post('/codec/decode', body, { key: KEYS.operator });
        assert.equal(
          reply.status,
          status,
          `${JSON.stringify(body).slice(0, 80)} → ${reply.status} ${reply.text.slice(0, 200)}`,
        );
        assert.match(reply.headers.get('content-type') ?? '', /problem\+json/);
      }
      const text = await send(`${baseUrl}/codec/decode`, {
        method: 'POST',
        key: KEYS.operator,
        headers: { 'content-type': 'text/plain' },
        body: 'x',
      });
      assert.equal(text.status, 415);
      const huge = await post(
        '/codec/decode',
        JSON.stringify({ payloads: [{ data: 'A'.repeat(17 * 1024 * 1024) }] }),
        { key: KEYS.operator },
      );
      assert.equal(huge.status, 413);
    });

    it('after destroyCaseKey (crypto-shredding) the case no longer decodes: 410 here, a typed error in clients', async () => {
      const keys = caseKeys(keySettings(stack.config));
      const [sealed] = await stack.client.options.loadedDataConverter.payloadCodecs[0].encode(
        [{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"to be erased"') }],
        { type: 'workflow', namespace: stack.namespace, workflowId: 'complaint-erased-for-test' },
      );
      assert.equal(
        (await post('/codec/decode', { payloads: [wire(sealed)] }, { key: KEYS.operator })).status,
        200,
      );
      await keys.destroyCaseKey('complaint-erased-for-test');
      const gone = await post('/codec/decode', { payloads: [wire(sealed)] }, { key: KEYS.operator });
      assert.equal(gone.status, 410, gone.text);
      assert.match(gone.text, /erased/);
      await assert.rejects(
        stack.client.options.loadedDataConverter.payloadCodecs[0].decode([sealed]),
        CaseKeyDestroyedError,
      );
    });
  });
});
