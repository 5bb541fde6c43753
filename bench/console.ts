// The console's lists with many open cases, before and after they moved to the case store, in one run.
//
// After (this branch): the case store (embedded by default, as `npm run up` serves it; or
// --database-url) holds N open cases, written as the record activity writes them: views of real
// cases moved by the lifecycle core (acknowledged, diagnosed, customers writing, remedies awaiting
// approval, deadlines from ten days ago to weeks ahead) over the roster's owners, each with its
// worklist facts, its brief sealed with its own case key and its blind-index tokens. The API app is
// served over HTTP; an agent, a supervisor and an operator sign in like browsers, and each list is
// timed from the request to the last byte (p50/p95 over --requests, after one warm-up) with the
// page's size.
//
// Before (main's way): a Temporal dev server (free port, headless, in memory) holds the same N open
// cases as workflows with the search attributes and memo intake gives them (no worker: main's queue
// read visibility only). Main's GET /console/queue paged through the visibility store for every open
// case of the queue (the agent's own; all of them, up to 5,000, for a supervisor's team queue) before
// sorting and drawing them; that listing (Cases.list, paged as main did) is timed here. Main's search
// by subject or e-mail queried the 300 latest cases' views one by one through a worker: not
// reproducible without workers, so not timed (--skip-before leaves the dev server out).
//
//   npx tsc -p tsconfig.json && node dist/bench/console.js [--cases 10000] [--requests 30]
//     [--before-requests 3] [--skip-before] [--database-url postgres://...]
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../api/app';
import { Cases } from '../api/cases';
import { hashKey, type ApiKeyRecord } from '../api/keys';
import { caseSummary } from '../domain/archive/summary';
import type { CaseView, ComplaintInput } from '../domain/case';
import { categorise } from '../domain/categorise';
import { caseView, decide, openCase, type LifecycleState } from '../domain/lifecycle';
import { attention } from '../domain/lifecycle/attention';
import { chooseOwner } from '../domain/owner';
import { randomFor, type Random } from '../domain/simulation/random';
import { encryptionCodec, type EncryptionCodec } from '../infra/codec';
import { startDevServer, type RunningDevServer } from '../infra/dev-server';
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
import {
  createStore,
  migrate,
  recordColumns,
  recordValues,
  sealView,
  upsertNewer,
  worklistRecord,
  type Store,
} from '../infra/store';
import { startEmbeddedStore } from '../infra/store/embedded';
import { complaintTypesClause, complaintWorkflowId } from '../workflows/definitions';
import { shippedPolicy, shippedRoster } from '../test/helpers/complaints';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000' },
    requests: { type: 'string', default: '30' },
    'before-requests': { type: 'string', default: '3' },
    'skip-before': { type: 'boolean', default: false },
    'database-url': { type: 'string' },
  },
});
const CASES = Number(args.cases);
const REQUESTS = Number(args.requests);
const BEFORE_REQUESTS = Number(args['before-requests']);
const H = 3600_000;
const DAY = 24 * H;

const policy = shippedPolicy();
const roster = shippedRoster();

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);

const firstNames = [
  'Anna',
  'Maria',
  'Jan',
  'Piotr',
  'Zofia',
  'Krzysztof',
  'Ewa',
  'Tomasz',
  'Agnieszka',
  'Paweł',
  'Sara',
  'Erik',
  'Kadri',
  'Noa',
  'James',
  'Olivia',
  'Lars',
  'Ingrid',
  'Mart',
  'Yael',
];
const lastNames = Array.from(
  { length: 200 },
  (_, i) =>
    `${['Kowal', 'Nowak', 'Wiśniew', 'Wójcik', 'Lewandow', 'Zieliń', 'Szymań', 'Woźniak', 'Dąbrow', 'Kozłow'][i % 10]}${['ska', 'ski', 'ak', 'ek', 'icz'][Math.floor(i / 10) % 5]}${i >= 50 ? `-${['Berg', 'Lind', 'Tamm', 'Levi'][Math.floor(i / 50) - 1]}` : ''}`,
);
const subjects = [
  'Parcel arrived damaged',
  'Lamp delivered broken',
  'Invoice shows the wrong amount',
  'Courier never came',
  'Wrong colour delivered',
  'Refund not received',
  'Washing machine leaks',
  'Order arrived incomplete',
  'Charged twice for one order',
  'Sofa delivered torn',
];

const ctxAt = (now: number) => ({ policy, roster, now });

/** One open case, moved by the lifecycle core to where a real one would be `now`. */
function openCaseView(n: number, now: number): { view: CaseView; attention: string[] } {
  const rnd: Random = randomFor('bench-console', n);
  const receivedAt = now - Math.floor(rnd() * 10 * DAY);
  const first = firstNames[Math.floor(rnd() * firstNames.length)];
  const last = lastNames[Math.floor(rnd() * lastNames.length)];
  const input: ComplaintInput = {
    complaintId: `bench${n.toString(16).padStart(8, '0')}`,
    reference: `CD-2026-${n.toString(36).toUpperCase().padStart(6, '0')}`,
    receivedAt: new Date(receivedAt).toISOString(),
    customer: {
      name: `${first} ${last}`,
      email: `${first}.${n}@example.com`.toLowerCase(),
      phone: `+48 6${String(10_000_000 + n).slice(-8)}`,
      language: (['en', 'pl', 'sv', 'et', 'he'] as const)[n % 5],
    },
    channel: (['email', 'web', 'phone', 'letter'] as const)[n % 4],
    subject: subjects[n % subjects.length],
    description: 'The parcel came late and the item inside is broken; please help.',
    policy,
    roster,
  };
  const categorisation = categorise(
    { subject: input.subject, description: input.description, channel: input.channel, language: 'en' },
    policy,
  );
  const owner = roster.owners[n % roster.owners.length];
  const choice = chooseOwner(roster, { language: 'en', category: categorisation.category }, {});
  let s: LifecycleState = openCase(
    input,
    { categorisation, choice: { ...choice, owner } },
    ctxAt(receivedAt),
  ).state;
  const at = (after: number) => Math.min(now - 1000, receivedAt + after);
  const ack = s.outbox.find((e) => e.purpose === 'acknowledgement');
  if (ack && rnd() < 0.92)
    s = decide(
      s,
      { type: 'delivered', effectId: ack.id, outcome: 'sent', messageId: `pm-${n}` },
      ctxAt(at(60_000)),
    ).state;
  const age = now - receivedAt;
  if (age > 20 * H && rnd() < 0.85) {
    const when = at(rnd() * 20 * H);
    s = decide(
      s,
      {
        type: 'action',
        action: 'diagnosis',
        input: {
          summary: 'Broken in transit.',
          probableCause: 'Courier handling',
          responsibleParty: { kind: 'third-party', name: 'FastParcel' },
          expectedResolutionBy: new Date(when + (7 + rnd() * 10) * DAY).toISOString(),
        },
      },
      ctxAt(when),
    ).state;
    if (rnd() < 0.06)
      s = decide(
        s,
        {
          type: 'action',
          action: 'resolution',
          input: {
            outcome: 'upheld',
            explanation: 'Broken in transit.',
            apology: 'We are sorry.',
            remedy: { kind: 'refund', amount: 5000, currency: 'PLN' },
          },
        },
        ctxAt(at(21 * H)),
      ).state;
  }
  if (rnd() < 0.12)
    s = decide(
      s,
      { type: 'customer-message', message: { text: 'Any news?', via: 'email', messageId: `in-${n}` } },
      ctxAt(now - Math.floor(rnd() * Math.min(age, 2 * DAY))),
    ).state;
  return { view: caseView(s, ctxAt(now)), attention: attention(s, policy, now).reasons };
}

async function fillStore(store: Store, codec: EncryptionCodec, now: number): Promise<CaseView[]> {
  const views: CaseView[] = [];
  const batch = 500;
  const width = recordColumns.length;
  for (let from = 0; from < CASES; from += batch) {
    const rows = Math.min(batch, CASES - from);
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (let r = 0; r < rows; r++) {
      const { view, attention: reasons } = openCaseView(from + r, now);
      views.push(view);
      const workflowId = complaintWorkflowId(view.complaintId);
      const worklist = await worklistRecord(codec, workflowId, view, reasons);
      // The whole sealed view too, as the activity writes it: the lists never read it, but it is there.
      const personal = await sealView(codec, workflowId, view);
      values.push(...recordValues(caseSummary(view, 1), personal, new Date(now), worklist));
      tuples.push(`(${recordColumns.map((_, c) => `$${r * width + c + 1}`).join(',')})`);
    }
    await store.query(
      `INSERT INTO case_records (${recordColumns.join(', ')}) VALUES ${tuples.join(',')} ${upsertNewer}`,
      values,
    );
  }
  await store.query('ANALYZE case_records');
  return views;
}

/** Main's way: every open case of the queue through the visibility store, paged as main's console did. */
async function before(views: CaseView[], agentId: string): Promise<void> {
  let dev: RunningDevServer | undefined;
  let connection: Connection | undefined;
  try {
    dev = await startDevServer({
      host: '127.0.0.1',
      port: await freePort(),
      namespace: 'default',
      retentionSeconds: 3600,
    });
    connection = await Connection.connect({ address: dev.address });
    const client = new Client({ connection, namespace: 'default' });
    const started = performance.now();
    for (let i = 0; i < views.length; i += 50) {
      await Promise.all(
        views.slice(i, i + 50).map((v) =>
          client.workflow.start('complaintWorkflowV2', {
            workflowId: complaintWorkflowId(v.complaintId),
            taskQueue: 'bench-console-no-worker',
            args: [],
            memo: { reference: v.reference, receivedAt: v.receivedAt, language: v.customer.language },
            typedSearchAttributes: [
              { key: ComplaintStage, value: v.stage },
              { key: ComplaintCategory, value: v.category },
              { key: ComplaintPriority, value: v.priority },
              { key: ComplaintOverdue, value: v.overdue },
              { key: ComplaintEscalationLevel, value: v.escalationLevel },
              { key: ComplaintReference, value: v.reference },
              { key: ComplaintOwner, value: v.owner.id },
              ...(v.nextDeadline ? [{ key: ComplaintNextDeadline, value: new Date(v.nextDeadline.at) }] : []),
            ],
          }),
        ),
      );
    }
    console.log(
      `before: started ${views.length} open workflows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const cases = new Cases(client);
    const running = `${complaintTypesClause} AND ExecutionStatus = 'Running'`;
    const listAll = async (clause: string, maxQueue = 5000) => {
      let n = 0;
      let token: string | undefined;
      do {
        const page = await cases.list(`${running}${clause}`, Math.min(1000, maxQueue), token);
        n += page.items.length;
        token = page.nextPageToken;
      } while (token && n < maxQueue);
      return n;
    };
    // Visibility is eventually consistent: wait until every case is listed.
    for (let tries = 0; (await listAll('', views.length)) < views.length; tries++) {
      if (tries > 120) throw new Error('the visibility store did not list every case within 2 minutes');
      await new Promise((r) => setTimeout(r, 1000));
    }
    const agentCases = views.filter((v) => v.owner.id === agentId).length;
    for (const [name, clause, cap] of [
      [`agent's queue (${agentCases} open cases of one owner)`, ` AND ComplaintOwner = '${agentId}'`, 5000],
      [`supervisor's team queue (all ${views.length}, main read at most 5,000)`, '', 5000],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < BEFORE_REQUESTS; i++) {
        const t0 = performance.now();
        await listAll(clause, cap);
        times.push(performance.now() - t0);
      }
      console.log(
        `  before, ${name}: visibility listing p50 ${ms(pct(times, 0.5))}  p95 ${ms(pct(times, 0.95))}  (${BEFORE_REQUESTS} runs; main then sorted and drew every row)`,
      );
    }
  } finally {
    await connection?.close();
    await dev?.stop();
  }
}

async function signIn(base: string, key: string): Promise<string> {
  const form = await fetch(`${base}/console/sign-in`);
  const pre = form.headers.getSetCookie()[0].split(';')[0];
  const token = /name="_signin" value="([^"]+)"/.exec(await form.text())![1];
  const res = await fetch(`${base}/console/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: pre, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ key, _signin: token }).toString(),
  });
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith('cd_console='))!
    .split(';')[0];
}

async function main(): Promise<void> {
  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-console-keys-'));
  const embedded = args['database-url'] ? undefined : await startEmbeddedStore({});
  const url = args['database-url'] ?? embedded!.url;
  const store = createStore(url, { max: 5 });
  const server = http.createServer();
  try {
    await migrate(store);
    const { rows } = await store.query(`SELECT count(*)::int AS n FROM case_records`);
    if ((rows[0] as { n: number }).n > 0)
      throw new Error('the store is not empty: give the bench its own database');
    const codec = encryptionCodec({ keysDir });
    const now = Date.now();
    let t0 = performance.now();
    const views = await fillStore(store, codec, now);
    console.log(
      `store: ${args['database-url'] ? 'PostgreSQL' : 'embedded (PGlite)'}, ${CASES} open cases written with their worklist in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const counts = new Map<string, number>();
    for (const v of views) counts.set(v.owner.id, (counts.get(v.owner.id) ?? 0) + 1);
    const agentId = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    const agent = roster.owners.find((o) => o.id === agentId)!;
    const supervisor = roster.supervisors[0];

    if (!args['skip-before']) await before(views, agentId);

    const keys: ApiKeyRecord[] = [
      { hash: hashKey('bench_console_agent'), role: 'agent', subject: agent.id, name: agent.name },
      {
        hash: hashKey('bench_console_supervisor'),
        role: 'supervisor',
        subject: supervisor.id,
        name: supervisor.name,
      },
      { hash: hashKey('bench_console_operator'), role: 'operator', subject: 'operator', name: 'Operator' },
    ];
    // The lists never ask Temporal: a connection that is never used will do.
    const client = new Client({
      connection: Connection.lazy({ address: '127.0.0.1:1' }),
      namespace: 'default',
    });
    server.on(
      'request',
      createApp({
        client,
        namespace: 'default',
        snapshot: () => ({ policy, roster }),
        keys: () => keys,
        log: () => undefined,
        metrics: false,
        ownerLoad: false,
        archive: { store, codec },
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const cookies = {
      agent: await signIn(base, 'bench_console_agent'),
      supervisor: await signIn(base, 'bench_console_supervisor'),
      operator: await signIn(base, 'bench_console_operator'),
    };
    const someone = views.find((v) => v.owner.id === agentId)!;
    const surname = someone.customer.name.split(' ').slice(-1)[0];
    // The supervisor's team as the console sees it (api/console/routes.ts teamOf).
    const leads = new Set(roster.teamLeads.filter((l) => l.supervisor === supervisor.id).map((l) => l.id));
    const team = roster.owners.filter((o) => leads.has(o.teamLead));
    const teamIds = new Set((team.length ? team : roster.owners).map((o) => o.id));
    const teamSize = views.filter((v) => teamIds.has(v.owner.id)).length;
    const routes: [string, keyof typeof cookies, string][] = [
      [`agent: queue, page 1 (${counts.get(agentId)} open cases)`, 'agent', '/console/queue'],
      ['agent: queue, page 10', 'agent', '/console/queue?page=10'],
      ['agent: queue, overdue only', 'agent', '/console/queue?badge=overdue'],
      ['agent: search by surname', 'agent', `/console/search?q=${encodeURIComponent(surname)}`],
      [
        'agent: search by e-mail',
        'agent',
        `/console/search?q=${encodeURIComponent(someone.customer.email!)}`,
      ],
      ['agent: search by phone', 'agent', `/console/search?q=${encodeURIComponent(someone.customer.phone!)}`],
      ['agent: search by subject words', 'agent', `/console/search?q=${encodeURIComponent('wrong colour')}`],
      ['agent: search by reference', 'agent', `/console/search?q=${someone.reference}`],
      [`supervisor: team queue, page 1 (${teamSize} open cases)`, 'supervisor', '/console/queue'],
      [
        'supervisor: search by surname (all cases)',
        'supervisor',
        `/console/search?q=${encodeURIComponent(surname)}`,
      ],
      ['supervisor: approvals inbox', 'supervisor', '/console/approvals'],
      ['operator: attention, stuck and overdue', 'operator', '/console/ops'],
    ];
    console.log(`\nafter: GET over HTTP from the case store, ${REQUESTS} requests each after one warm-up`);
    console.log(
      `  ${'route'.padEnd(52)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'max'.padStart(9)}   rows   HTML`,
    );
    for (const [name, who, route] of routes) {
      const times: number[] = [];
      let html = '';
      for (let i = 0; i <= REQUESTS; i++) {
        t0 = performance.now();
        const res = await fetch(`${base}${route}`, { headers: { cookie: cookies[who] } });
        html = await res.text();
        if (res.status !== 200) throw new Error(`${route} answered ${res.status}: ${html.slice(0, 300)}`);
        if (i > 0) times.push(performance.now() - t0);
      }
      const rowCount = (html.match(/data-case-link/g) ?? []).length;
      console.log(
        `  ${name.padEnd(52)} ${ms(pct(times, 0.5)).padStart(9)} ${ms(pct(times, 0.95)).padStart(9)} ${ms(Math.max(...times)).padStart(9)} ${String(rowCount).padStart(6)}   ${kb(Buffer.byteLength(html))}`,
      );
    }
  } finally {
    server.close();
    await store.end();
    await embedded?.stop();
    fs.rmSync(keysDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
