// The console's page weights and the server's render time of a queue of 1,000 open cases, on this
// machine. A Temporal dev server (free port, headless, in memory) gets 1,000 open complaint
// workflows of one owner, started with the search attributes and memo intake gives them; no worker
// runs, so they stay open exactly as they were listed (the queue reads visibility only, never a
// case). The API app is served over HTTP and timed from the request to the last byte of the queue.
//   queue     GET /console/queue for the owner (visibility paging, sort, badges, HTML), N times
//   weights   HTML of the queue (1,000 rows and 25 rows), the sign-in page, the CSS and the JS, raw
//             and gzip-compressed
//
//   npx tsc -p tsconfig.json && node dist/bench/console.js [--cases 1000] [--requests 20]
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../api/app';
import { consoleCss, consoleJs, cssPath, jsPath } from '../api/console/assets';
import { hashKey } from '../api/keys';
import { policySnapshot } from '../api/policy-snapshot';
import { loadConfig } from '../infra/config';
import { startDevServer } from '../infra/dev-server';
import { freePort } from '../infra/ports';
import {
  ComplaintCategory,
  ComplaintEscalationLevel,
  ComplaintNextDeadline,
  ComplaintOverdue,
  ComplaintOwner,
  ComplaintPriority,
  ComplaintReference,
  ComplaintStage,
} from '../infra/search-attributes';
import { complaintTypesClause, complaintWorkflowId } from '../workflows/definitions';
import { Cases } from '../api/cases';
import { translator } from '../api/console/i18n';
import { queueCounts, sortQueue, type QueueItem } from '../api/console/queue';
import * as pages from '../api/console/views';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CASES = arg('cases', 1000);
const REQUESTS = arg('requests', 20);
const OWNER = 'anna-kowalska';
const KEY = 'bench_console_agent_key';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const gz = (s: string) => zlib.gzipSync(Buffer.from(s)).length;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

async function main(): Promise<void> {
  const config = loadConfig();
  const snapshot = policySnapshot(config.COMPLAINT_POLICY, config.COMPLAINT_ROSTER);
  const dev = await startDevServer({
    host: '127.0.0.1',
    port: await freePort(),
    namespace: 'default',
    retentionSeconds: 3600,
  });
  const connection = await Connection.connect({ address: dev.address });
  const client = new Client({ connection, namespace: 'default' });
  const server = http.createServer(
    createApp({
      client,
      namespace: 'default',
      snapshot,
      keys: () => [{ hash: hashKey(KEY), role: 'agent', subject: OWNER, name: 'Anna Kowalska' }],
      log: () => undefined,
    }),
  );
  try {
    const now = Date.now();
    const stages = [
      'diagnosis',
      'in-progress',
      'waiting-on-customer',
      'awaiting-approval',
      'resolution-call',
    ];
    const started = performance.now();
    for (let i = 0; i < CASES; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, CASES - i) }, (_, j) => {
          const n = i + j;
          const reference = `CD-2026-${n.toString(36).toUpperCase().padStart(6, '0')}`;
          return client.workflow.start('complaintWorkflowV2', {
            workflowId: complaintWorkflowId(`b${n.toString(16).padStart(8, '0')}`),
            taskQueue: 'bench-console-no-worker',
            args: [],
            memo: { reference, language: ['en', 'pl', 'sv', 'et', 'he'][n % 5] },
            typedSearchAttributes: [
              { key: ComplaintStage, value: stages[n % stages.length] },
              { key: ComplaintCategory, value: 'delivery' },
              { key: ComplaintPriority, value: 'normal' },
              { key: ComplaintOverdue, value: n % 7 === 0 },
              { key: ComplaintEscalationLevel, value: n % 3 },
              { key: ComplaintReference, value: reference },
              { key: ComplaintOwner, value: OWNER },
              // Deadlines from 2 hours ago to 10 days on: every badge occurs.
              {
                key: ComplaintNextDeadline,
                value: new Date(now - 2 * 3600_000 + ((n * 7919) % 240) * 3600_000),
              },
            ],
          });
        }),
      );
    }
    console.log(`started ${CASES} open cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Sign in as a browser would.
    const form = await fetch(`${base}/console/sign-in`);
    const pre = form.headers.getSetCookie()[0].split(';')[0];
    const signInHtml = await form.text();
    const token = /name="_signin" value="([^"]+)"/.exec(signInHtml)![1];
    const signedIn = await fetch(`${base}/console/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: pre, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ key: KEY, _signin: token }).toString(),
    });
    const cookie = signedIn.headers
      .getSetCookie()
      .find((c) => c.startsWith('cd_console='))!
      .split(';')[0];
    const get = async (path: string) => {
      const t0 = performance.now();
      const res = await fetch(`${base}${path}`, { headers: { cookie } });
      const html = await res.text();
      return { ms: performance.now() - t0, html, status: res.status };
    };

    // Visibility is eventually consistent: wait until the queue holds every case.
    for (let tries = 0; ; tries++) {
      const { html } = await get('/console/queue');
      const rows = (html.match(/data-case-link/g) ?? []).length;
      if (rows >= CASES) break;
      if (tries > 120) throw new Error(`the queue shows ${rows} of ${CASES} cases after 60 s`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const times: number[] = [];
    let queueHtml = '';
    for (let i = 0; i < REQUESTS; i++) {
      const r = await get('/console/queue');
      if (r.status !== 200) throw new Error(`queue answered ${r.status}`);
      times.push(r.ms);
      queueHtml = r.html;
    }
    // The same listing without the page: how much of the time is the visibility store's.
    const cases = new Cases(client);
    const listTimes: number[] = [];
    let listed: QueueItem[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      let token: string | undefined;
      let n = 0;
      do {
        const page = await cases.list(
          `${complaintTypesClause} AND ExecutionStatus = 'Running' AND ComplaintOwner = '${OWNER}'`,
          1000,
          token,
        );
        n += page.items.length;
        if (!token) listed = [];
        listed.push(...page.items);
        token = page.nextPageToken;
      } while (token);
      listTimes.push(performance.now() - t0);
      if (n < CASES) throw new Error(`listed ${n}`);
    }
    // And the page alone, from the listed cases: sort, counts, badges and the HTML.
    const renderTimes: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const rules = { now: Date.now(), dueSoonMs: 4 * 3600_000 };
      const sorted = sortQueue(listed);
      pages.queuePage(
        {
          t: translator('en'),
          language: 'en',
          zone: 'Europe/Warsaw',
          now: rules.now,
          path: '/console/queue',
          csrf: 'x',
          principal: { role: 'agent', subject: OWNER, name: 'Anna Kowalska' },
        },
        {
          title: 'My queue',
          items: sorted,
          counts: queueCounts(sorted, rules),
          filter: {},
          rules,
          stages: [],
          priorities: [],
          categories: [],
        },
      );
      renderTimes.push(performance.now() - t0);
    }
    const small = await get('/console/queue?badge=overdue&stage=diagnosis');
    const smallRows = (small.html.match(/data-case-link/g) ?? []).length;

    console.log(
      `\nqueue of ${CASES} open cases, GET /console/queue (${REQUESTS} requests, after one warm-up)`,
    );
    console.log(
      `  p50 ${pct(times, 0.5).toFixed(0)} ms   p95 ${pct(times, 0.95).toFixed(0)} ms   max ${Math.max(...times).toFixed(0)} ms`,
    );
    console.log(
      `  of which the visibility listing (Cases.list, paged): p50 ${pct(listTimes, 0.5).toFixed(0)} ms`,
    );
    console.log(
      `  of which the page itself (sort, counts, badges, HTML): p50 ${pct(renderTimes, 0.5).toFixed(1)} ms`,
    );
    console.log('\npage weights (raw / gzip)');
    const line = (name: string, s: string) =>
      console.log(`  ${name.padEnd(34)} ${kb(Buffer.byteLength(s)).padStart(10)} / ${kb(gz(s))}`);
    line(`queue HTML, ${CASES} rows`, queueHtml);
    line(`queue HTML, ${smallRows} rows (filtered)`, small.html);
    line('sign-in HTML', signInHtml);
    line(`CSS ${cssPath.split('/').pop()}`, consoleCss);
    line(`JS ${jsPath.split('/').pop()}`, consoleJs);
    console.log(
      `  ${'total, queue of ' + CASES + ' (HTML+CSS+JS)'}`.padEnd(36) +
        ` ${kb(Buffer.byteLength(queueHtml + consoleCss + consoleJs)).padStart(10)} / ${kb(gz(queueHtml) + gz(consoleCss) + gz(consoleJs))}`,
    );
  } finally {
    server.close();
    await connection.close();
    await dev.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
