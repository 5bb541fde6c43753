// The HTTP API on a real stack, for integration tests: a namespace of its own on the test process's
// shared Temporal dev server (see dev-server.ts; with `webUi`, a dev server of its own), the Postmark
// sandbox and a worker (see workerStack) that polls until close(), and the API app served over real
// HTTP on free local ports.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createApp } from '../../api/app';
import type { ApiDeps } from '../../api/context';
import { problemSchema } from '../../api/schemas';
import { hashKey, keyIdOf, type ApiKeyRecord } from '../../api/keys';
import type { Policy, Roster } from '../../domain/types';
import { startDevServer, type RunningDevServer } from '../../infra/dev-server';
import { erasureDeps } from '../../infra/erasure';
import { createCodecTokens, type CodecTokens } from '../../infra/codec/token';
import { createLinkSigner, linkSecret } from '../../infra/links';
import { freePort } from '../../infra/ports';
import { createStore, migrate, type Store } from '../../infra/store';
import { startEmbeddedStore, type EmbeddedStore } from '../../infra/store/embedded';
import { policyWith, shippedRoster, workerThroughout } from './complaints';
import { testNamespace, type TestNamespace } from './dev-server';
import { testDataConverter, testKeysDir, workerStack, type TestStack } from './stack';

/** A worker stack on a dev server whose worker already polls: do not `run` another. */
export interface ApiStack extends TestStack {
  /** What new cases take (the snapshot of every app that serve() starts): the shipped files. */
  policy: Policy;
  roster: Roster;
  /**
   * Serves an API app on a free port of 127.0.0.1 and returns its base URL. The app has the stack's
   * client, namespace and task queue, the policy and roster above, the worker's link secret (so the
   * links in the e-mails work here) and no log; `deps`, or what it returns given the base URL, adds
   * to or replaces them.
   */
  serve(
    deps?: Partial<ApiDeps> | ((baseUrl: string) => Partial<ApiDeps>),
    opts?: { port?: number },
  ): Promise<string>;
  /** The dev server's address, for a plain client or the Temporal CLI. */
  address: string;
  /** The stack's namespace (its own; `default` only on a Web UI stack's own dev server). */
  namespace: string;
  /** Signs the codec URL tokens of every app serve() starts. */
  codecTokens: CodecTokens;
  /** The case store every app serve() starts shares (the one given, or an embedded one of the stack's own). */
  store: Store;
  /**
   * With `webUi`: the dev server's Web UI, whose codec endpoint is `codecEndpoint`, served by
   * `serve(…, { port: apiPort })`; its token was minted with `operatorKey`, which that app's keys
   * must hold (a token whose key is not live is refused).
   */
  webUi?: { url: string; codecEndpoint: string; apiPort: number; operatorKey: ApiKeyRecord };
  /** Stops the worker and the apps, then the sandbox, the connections and a dev server of its own. */
  close(): Promise<void>;
}

/** Starts the stack (call in `before`, with a generous timeout); close() it in `after`. */
export async function startApiStack(
  opts: { webUi?: boolean; store?: Store; policy?: (p: Policy) => void } = {},
): Promise<ApiStack> {
  const codecTokens = createCodecTokens(crypto.randomBytes(32).toString('base64url'));
  let webUi: ApiStack['webUi'];
  // The API's port, held open from its reservation until serve() takes it: between the two the dev
  // server (and the suites running beside this one) open ports too, and once took this one.
  let held: http.Server | undefined;
  if (opts.webUi) {
    // The UI's codec endpoint is fixed at start: reserve the API's port and mint its token first.
    const [uiPort, apiPort] = [await freePort(), await freePort()];
    const holder = http.createServer();
    await new Promise<void>((resolve, reject) => {
      holder.once('error', reject);
      holder.listen(apiPort, '127.0.0.1', () => resolve());
    });
    held = holder;
    const operatorKey: ApiKeyRecord = {
      hash: hashKey(crypto.randomBytes(18).toString('base64url')),
      role: 'operator',
      subject: 'operator',
      name: 'Web UI operator',
    };
    const { token } = codecTokens.mint(
      { subject: 'operator', role: 'operator', keyId: keyIdOf(operatorKey.hash) },
      3600_000,
    );
    webUi = {
      url: `http://127.0.0.1:${uiPort}`,
      codecEndpoint: `http://127.0.0.1:${apiPort}/codec/t/${token}`,
      apiPort,
      operatorKey,
    };
  }
  let dev: RunningDevServer | TestNamespace | undefined;
  let connection: Connection | undefined;
  let native: NativeConnection | undefined;
  let stack: TestStack | undefined;
  let worker: { stop(): Promise<void> } | undefined;
  const servers: http.Server[] = [];
  let embedded: EmbeddedStore | undefined;
  let ownStore: Store | undefined;
  const close = async () => {
    await worker?.stop().catch(() => undefined);
    for (const server of servers) await new Promise((r) => server.close(r));
    if (held) await new Promise((r) => held!.close(r));
    await stack?.close();
    await native?.close();
    await connection?.close();
    await dev?.stop();
    await ownStore?.end().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
  };

  try {
    // State every API process shares (form tokens, reply addresses) lives in the case store.
    if (!opts.store) {
      embedded = await startEmbeddedStore({});
      ownStore = createStore(embedded.url, { max: 4 });
      await migrate(ownStore);
    }
    // The Web UI's codec endpoint is a flag of the server: that stack gets a server of its own.
    dev = webUi
      ? await startDevServer({
          host: '127.0.0.1',
          port: await freePort(),
          namespace: 'default',
          retentionSeconds: 86400,
          uiPort: Number(new URL(webUi.url).port),
          uiCodecEndpoint: webUi.codecEndpoint,
        })
      : await testNamespace();
    const namespace = 'namespace' in dev ? dev.namespace : 'default';
    connection = await Connection.connect({ address: dev.address });
    native = await NativeConnection.connect({ address: dev.address });
    stack = await workerStack({
      client: new Client({ connection, namespace, dataConverter: testDataConverter() }),
      nativeConnection: native,
      namespace,
      // The worker keeps records and takes reply tokens from the same store, as in production.
      store: opts.store ?? ownStore,
    });
    worker = workerThroughout(stack);
  } catch (err) {
    await close().catch(() => undefined); // whatever started before the failure
    throw err;
  }

  const started = stack;
  const store = opts.store ?? ownStore!;
  // The shipped policy, but a closed case waits out a reopen window of seconds, not 14 days: the
  // tests here need cases to complete (archive, erasure); test/workflow/reopen.test.ts covers the window.
  const policy = policyWith((p) => {
    p.reopen.windowMs = 3_000;
    opts.policy?.(p);
  });
  const roster = shippedRoster();
  const serve: ApiStack['serve'] = async (deps = {}, serveOpts = {}) => {
    if (held && serveOpts.port === webUi?.apiPort) {
      const holder = held;
      held = undefined;
      await new Promise((r) => holder.close(r));
    }
    const server = http.createServer();
    servers.push(server);
    await new Promise<void>((r) => server.listen(serveOpts.port ?? 0, '127.0.0.1', r));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on(
      'request',
      createApp({
        client: started.client,
        namespace: started.config.TEMPORAL_NAMESPACE,
        taskQueue: started.taskQueue,
        snapshot: () => ({ policy, roster }),
        links: createLinkSigner(linkSecret(started.dataDir)),
        externalIdSecret: linkSecret(started.dataDir),
        erasure: erasureDeps({ keysDir: testKeysDir() }, store),
        log: () => undefined,
        store,
        codec: {
          tokens: codecTokens,
          corsOrigins: webUi ? [webUi.url, webUi.url.replace('127.0.0.1', 'localhost')] : [],
        },
        ...(typeof deps === 'function' ? deps(baseUrl) : deps),
      }),
    );
    return baseUrl;
  };
  const { address } = dev;
  const namespace = started.config.TEMPORAL_NAMESPACE;
  return { ...started, policy, roster, serve, close, address, namespace, codecTokens, webUi, store };
}

/** An HTTP answer: status, headers, the body as text, and the body as JSON when it parses. */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** Sends one request (with `key`, as a bearer token) and reads the whole answer; redirects are not followed. */
export async function send(
  url: string,
  request: { method: string; key?: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.key) headers.authorization = `Bearer ${request.key}`;
  const res = await fetch(url, { method: request.method, headers, body: request.body, redirect: 'manual' });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Asserts that the answer is a problem document (RFC 9457) with `status`, and returns it. */
export function expectProblem(reply: Reply, status: number): ReturnType<typeof problemSchema.parse> {
  assert.equal(reply.status, status, `expected ${status}, got ${reply.status}: ${reply.text.slice(0, 300)}`);
  assert.match(reply.headers.get('content-type') ?? '', /^application\/problem\+json/);
  return problemSchema.parse(reply.json);
}
