// The API's edge, before any route: which Host it answers, how strictly paths match, what a malformed
// path gets, what the request log keeps of a path, and that metrics are not on the API's port. The app
// runs over real HTTP with a Temporal client that never connects: nothing here reaches a case.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../api/app';
import type { ApiDeps } from '../../api/context';
import { openApiDocument } from '../../api/openapi';
import { hashKey } from '../../api/keys';
import { createLogger } from '../../infra/logging';

interface Line {
  level: string;
  msg: string;
  req?: { url?: string };
  err?: unknown;
  [k: string]: unknown;
}

const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });

/** Serves an app on 127.0.0.1; `lines` receives its log. */
async function serve(
  deps: Partial<ApiDeps> = {},
): Promise<{ url: string; port: number; lines: Line[]; close(): Promise<void> }> {
  const lines: Line[] = [];
  const logger = createLogger('api', {
    write: (line: string) => void lines.push(JSON.parse(line) as Line),
  });
  const app = createApp({
    client,
    namespace: 'default',
    ownerLoad: false,
    logger,
    log: (message, err) => logger.error({ err }, message),
    ...deps,
  });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    lines,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** A raw request, so the path and the Host header go out exactly as written. */
function raw(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          host: `127.0.0.1:${port}`,
          ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const OPERATOR_KEY = 'test_operator_key_000001';
const TOKEN =
  'eyJjIjoiYzEyMzQ1Njc4OTAxMjM0NTY3ODkwIiwiZSI6MTc5OTk5OTk5OX0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl';
const CODEC_TOKEN =
  'cdc1.eyJzIjoib3BlcmF0b3IiLCJyIjoib3BlcmF0b3IiLCJlIjoxNzk5OTk5OTk5fQ.c2lnbmF0dXJlc2lnbmF0dXJl';

describe('the API’s edge (host, paths, percent-encoding, log redaction, metrics)', () => {
  let api: Awaited<ReturnType<typeof serve>>;
  before(async () => {
    api = await serve({
      limits: { authFailuresPerMinute: 5 },
      keys: () => [{ hash: hashKey(OPERATOR_KEY), role: 'operator', subject: 'operator', name: 'Operator' }],
    });
  });
  after(async () => {
    await api?.close();
  });
  beforeEach(() => {
    api.lines.length = 0;
  });

  it('answers a malformed percent-encoding with 400 and one warn line, never 500 or a stack', async () => {
    for (const [method, path] of [
      ['GET', '/c/%ff'],
      ['POST', '/codec/t/%ff/decode'],
      ['GET', '/complaints/%E0%A4%A'],
      ['GET', '/console/cases/%c0'],
    ] as const) {
      api.lines.length = 0;
      const res = await raw(api.port, method, path, { 'content-type': 'application/json' }, '{}');
      assert.equal(res.status, 400, `${method} ${path}: ${res.text}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.doesNotMatch(res.text, /URIError|at .*\.js|decodeURIComponent/);
      await new Promise((r) => setTimeout(r, 20));
      assert.equal(api.lines.length, 1, `${path}: ${JSON.stringify(api.lines)}`);
      assert.equal(api.lines[0].level, 'warn');
      assert.equal(api.lines[0].err, undefined, 'no error object (and no stack) in the line');
    }
  });

  it('rate-limits malformed paths per client address', async () => {
    const limited = await serve({ limits: { authFailuresPerMinute: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await raw(limited.port, 'GET', '/c/%ff')).status);
      assert.deepEqual(statuses.slice(0, 3), [400, 400, 400]);
      assert.ok(
        statuses.slice(3).every((s) => s === 429),
        statuses.join(','),
      );
    } finally {
      await limited.close();
    }
  });

  it('routes strictly: another case or a trailing slash is no route (and reaches no middleware)', async () => {
    for (const path of [
      '/Metrics',
      '/metrics/',
      '/METRICS',
      '/Complaints',
      '/OpenAPI.json',
      '/openapi.json/',
    ]) {
      const res = await raw(api.port, 'GET', path);
      assert.equal(res.status, 404, `${path}: ${res.status} ${res.text}`);
    }
    // Behind the staff prefix a trailing slash still needs a key, and with one it is no route.
    assert.equal((await raw(api.port, 'GET', '/complaints/')).status, 401);
    const keyed = { authorization: `Bearer ${OPERATOR_KEY}` };
    for (const path of ['/complaints/', '/ops/summary/', '/healthz/details/'])
      assert.equal((await raw(api.port, 'GET', path, keyed)).status, 404, path);
    // Every documented route, with its first letter in capitals: 404, not 401 and not an answer.
    const paths = Object.keys(openApiDocument().paths as Record<string, unknown>);
    assert.ok(paths.length > 20);
    for (const documented of paths) {
      const path = documented
        .replace(/\{[^}]+\}/g, 'x1')
        .replace(/^\/(\w)/, (_m, c: string) => `/${c.toUpperCase()}`);
      for (const method of ['GET', 'POST']) {
        const res = await raw(api.port, method, path, { 'content-type': 'application/json' }, '{}');
        assert.equal(res.status, 404, `${method} ${path}: ${res.status} ${res.text.slice(0, 200)}`);
      }
    }
  });

  it('serves no metrics on the API’s port, in any spelling', async () => {
    for (const path of ['/metrics', '/metrics/', '/Metrics', '/metrics?x=1', '//metrics']) {
      const res = await raw(api.port, 'GET', path);
      assert.equal(res.status, 404, `${path}: ${res.status}`);
      assert.doesNotMatch(res.text, /complaint_api_request_duration_seconds/);
    }
  });

  it('never logs a link or codec token, whatever the case or encoding of the path', async () => {
    const paths = [
      `/c/${TOKEN}`,
      `/C/${TOKEN}`,
      `/c/${TOKEN}/survey`,
      `//c/${TOKEN}`,
      `/%63/${TOKEN}`,
      `/codec/t/${CODEC_TOKEN}/decode`,
      `/Codec/t/${CODEC_TOKEN}/decode`,
      `/CODEC/T/${CODEC_TOKEN}/DECODE`,
    ];
    for (const path of paths) {
      api.lines.length = 0;
      await raw(
        api.port,
        path.includes('odec') ? 'POST' : 'GET',
        path,
        { 'content-type': 'application/json' },
        '{}',
      );
      await new Promise((r) => setTimeout(r, 20));
      const text = JSON.stringify(api.lines);
      assert.ok(api.lines.length >= 1, path);
      assert.ok(!text.includes(TOKEN.slice(0, 30)), `${path} logged the link token: ${text}`);
      assert.ok(!text.includes(CODEC_TOKEN.slice(5, 40)), `${path} logged the codec token: ${text}`);
    }
  });

  it('answers only the allowed hosts (DNS rebinding): another Host header gets 421', async () => {
    const ok = await raw(api.port, 'GET', '/openapi.json', { host: `localhost:${api.port}` });
    assert.equal(ok.status, 200);
    for (const host of [`evil.example:${api.port}`, 'evil.example', `127.0.0.1.evil.example:${api.port}`]) {
      const res = await raw(api.port, 'GET', '/openapi.json', { host });
      assert.equal(res.status, 421, `${host}: ${res.status}`);
      assert.doesNotMatch(res.text, /"paths"/);
    }
    const configured = await serve({ allowedHosts: ['desk.example.com'] });
    try {
      assert.equal(
        (await raw(configured.port, 'GET', '/openapi.json', { host: 'desk.example.com' })).status,
        200,
      );
      assert.equal(
        (await raw(configured.port, 'GET', '/openapi.json', { host: 'DESK.example.com.' })).status,
        200,
      );
      assert.equal(
        (await raw(configured.port, 'GET', '/openapi.json', { host: 'other.example.com' })).status,
        421,
      );
    } finally {
      await configured.close();
    }
  });
});
