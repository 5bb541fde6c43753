// Trend alerts and the weekly team review end to end on a real dev server, the embedded store and the
// Postmark sandbox: the Schedules the worker creates (the server computes Monday 08:00 in Warsaw), their
// runs e-mailing the team and alerting once, GET /insights/trends and GET /reports/weekly in every
// format and for every role, and a screenshot of the review page in real Chromium (test-artifacts/).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import { chromium, type Browser } from 'playwright-core';
import { createEmailActivities, createFileEmailLedger, createPostmarkClient } from '../../activities/email';
import { createInsightsActivities } from '../../activities/insights';
import { hashKey } from '../../api/keys';
import { trendAlertsSchema, weeklyReviewSchema } from '../../api/insights/schemas';
import { DAY, HOUR } from '../../domain/durations';
import { isoWeekOf, parseIsoWeek, previousIsoWeek } from '../../domain/insights/week';
import { agendaLabels, buildWeeklyReview } from '../../domain/insights/weekly';
import type { Policy } from '../../domain/types';
import { encryptionCodec } from '../../infra/codec';
import { fromRoot } from '../../infra/paths';
import { createStore, migrate, writeCaseRecord, type Store } from '../../infra/store';
import { openTrendAlerts } from '../../infra/store/insights';
import { insightsSchedules } from '../../worker/insights';
import { expectProblem, send, startApiStack, type ApiStack } from '../helpers/api-stack';
import { chromiumArgs, chromiumPath } from '../helpers/chromium';
import { policyWith, shippedRoster, type SandboxMessage } from '../helpers/complaints';
import { freshDatabase, type TestDatabase } from '../helpers/postgres';
import { tempDir, testDataConverter, testKeysDir, workflowBundle } from '../helpers/stack';
import { generate } from '../helpers/trend-scenarios';
import { weekOfCases, type ShapedCases } from '../helpers/weekly-cases';

const TEAM_ZONE = 'Europe/Warsaw';
const ARTIFACTS = fromRoot('test-artifacts');

describe('trend alerts and the weekly review (integration)', function () {
  this.timeout(300_000);
  let stack: ApiStack;
  let db: TestDatabase;
  let store: Store;
  let native: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let dir: string;
  let baseUrl: string;
  let cases: ShapedCases;
  const taskQueue = `insights-${process.pid}`;
  const policy: Policy = policyWith((p) => (p.clock = { kind: 'calendar', timeZone: TEAM_ZONE }));
  const roster = shippedRoster();
  const week = previousIsoWeek(Date.now(), TEAM_ZONE);

  before(async function () {
    stack = await startApiStack();
    db = await freshDatabase('embedded');
    store = createStore(db.url, { max: 3 });
    await migrate(store);
    dir = tempDir('insights');
    native = await NativeConnection.connect({ address: stack.address });
    worker = await Worker.create({
      connection: native,
      namespace: stack.namespace,
      taskQueue,
      workflowBundle: await workflowBundle(),
      dataConverter: testDataConverter(),
      activities: createInsightsActivities({
        store: () => Promise.resolve(store),
        email: createEmailActivities({
          postmark: createPostmarkClient({ sandboxUrl: stack.sandbox.url }),
          ledger: createFileEmailLedger(path.join(dir, 'ledger')),
          defaultFrom: 'Complaint Desk <desk@complaint-desk.example>',
        }),
        policy: () => policy,
        roster: () => roster,
      }),
    });
    running = worker.run();
    baseUrl = await stack.serve({
      keys: () => [
        { hash: hashKey('insights-supervisor'), role: 'supervisor', subject: 'ewa-nowak', name: 'S' },
        { hash: hashKey('insights-operator'), role: 'operator', subject: 'ops', name: 'O' },
        { hash: hashKey('insights-agent'), role: 'agent', subject: 'anna-kowalska', name: 'A' },
      ],
      snapshot: () => ({ policy, roster }),
      archive: { store, codec: encryptionCodec({ keysDir: testKeysDir() }) },
    });
    // The week just ended, with cases of every shape.
    cases = weekOfCases(week.from);
    for (const c of cases.all) await writeCaseRecord(store, c, undefined);
  });
  after(async () => {
    worker?.shutdown();
    await running?.catch(() => undefined);
    await native?.close();
    await stack?.close();
    await store?.end();
    await db?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The e-mails sent for a purpose ("trend-alert", "weekly-review"): Metadata.purpose, as for a case's. */
  async function mailsFor(purpose: string): Promise<SandboxMessage[]> {
    const res = await fetch(`${stack.sandbox.url}/sandbox/messages?metadata_purpose=${purpose}`);
    return ((await res.json()) as { messages: SandboxMessage[] }).messages;
  }
  async function until<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
    for (let i = 0; i < 300; i++) {
      const found = await check();
      if (found !== undefined) return found;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('the weekly review Schedule fires on Mondays at 08:00 in the team zone and e-mails the team', async () => {
    const [, weekly] = insightsSchedules(taskQueue, policy);
    const schedule = await stack.client.schedule.create({
      ...weekly,
      scheduleId: `${weekly.scheduleId}-test`,
    });
    try {
      // The server itself says when it fires: the next Monday, 08:00 in Warsaw.
      const next = (await schedule.describe()).info.nextActionTimes[0].getTime();
      // Between Monday 00:00 and 08:00 the next firing is still this week's.
      const now = Date.now();
      const thisWeek = isoWeekOf(now, TEAM_ZONE);
      const thisMonday = thisWeek.from + 8 * HOUR;
      assert.equal(next, thisMonday > now ? thisMonday : thisWeek.to + 8 * HOUR);
      assert.equal(
        new Intl.DateTimeFormat('en-GB', {
          timeZone: TEAM_ZONE,
          weekday: 'long',
          hour: '2-digit',
          minute: '2-digit',
        }).format(next),
        'Monday 08:00',
      );
      // Fire it now, as Monday would.
      await schedule.trigger();
      const team = new Set(
        [...roster.owners, ...roster.teamLeads, ...roster.supervisors, roster.head].map((p) => p.email),
      );
      const mails = await until('the review e-mails', async () => {
        const m = await mailsFor('weekly-review');
        return m.length >= team.size ? m : undefined;
      });
      assert.deepEqual(new Set(mails.map((m) => m.To)), team);
      assert.equal(mails.length, team.size, 'each member once');
      // Each member in their own language (the roster's), with the agenda.
      const people = [...roster.owners, ...roster.teamLeads, ...roster.supervisors, roster.head];
      for (const m of mails) {
        const polish = people.find((p) => p.email === m.To)?.language === 'pl';
        assert.match(
          m.Subject,
          polish
            ? new RegExp(`Tygodniowy przegląd reklamacji ${week.week}: przyjęte 4, zamknięte 2, otwarte 4`)
            : new RegExp(`Weekly complaint review ${week.week}: 4 opened, 2 closed, 4 open`),
        );
        assert.ok(m.TextBody.includes(cases.statutory.reference), 'the cases to discuss in the text');
        assert.ok(m.HtmlBody.includes(cases.statutory.reference), 'and in the HTML');
        assert.ok(m.TextBody.includes(polish ? 'Porządek spotkania' : 'The meeting’s agenda'), m.TextBody);
      }
    } finally {
      await schedule.delete();
    }
  });

  it('serves the review of any past week as JSON, CSV and HTML; a bad week gets a clear problem', async () => {
    const url = (q: string) => `${baseUrl}/reports/weekly${q}`;
    const json = await send(url(`?week=${week.week}`), { method: 'GET', key: 'insights-supervisor' });
    assert.equal(json.status, 200, json.text);
    const review = weeklyReviewSchema.parse(json.json);
    const expected = buildWeeklyReview({
      week: parseIsoWeek(week.week, TEAM_ZONE),
      timeZone: TEAM_ZONE,
      cases: cases.all,
      names: Object.fromEntries(roster.owners.map((o) => [o.id, o.name])),
      lowScoreThreshold: policy.survey.lowScoreThreshold,
      now: Date.parse(review.generatedAt),
      labels: agendaLabels(policy),
    });
    assert.deepEqual(review, JSON.parse(JSON.stringify(expected)), 'the numbers of the records');
    // The default week is the one just ended.
    const byDefault = weeklyReviewSchema.parse(
      (await send(url(''), { method: 'GET', key: 'insights-operator' })).json,
    );
    assert.equal(byDefault.week, week.week);

    const csv = await send(url(`?week=${week.week}`), {
      method: 'GET',
      key: 'insights-operator',
      headers: { accept: 'text/csv' },
    });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    const rows = csv.text.trimEnd().split('\r\n');
    assert.equal(rows.length, review.owners.length + 2);
    assert.ok(
      rows[rows.length - 1].startsWith(
        `${week.week},TOTAL,Total,${review.totals.opened},${review.totals.closed},${review.totals.open}`,
      ),
    );

    const html = await send(url(`?week=${week.week}&format=html`), {
      method: 'GET',
      key: 'insights-supervisor',
    });
    assert.equal(html.status, 200);
    assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
    assert.ok(html.text.includes(cases.statutory.reference));

    expectProblem(await send(url('?week=2026-48'), { method: 'GET', key: 'insights-supervisor' }), 400);
    const noWeek = expectProblem(
      await send(url('?week=2025-W53'), { method: 'GET', key: 'insights-supervisor' }),
      422,
    );
    assert.match(noWeek.detail ?? '', /2025 has weeks W01 to W52/);
    const future = isoWeekOf(Date.now() + 14 * DAY, TEAM_ZONE).week;
    assert.match(
      expectProblem(await send(url(`?week=${future}`), { method: 'GET', key: 'insights-supervisor' }), 422)
        .detail ?? '',
      /has not started/,
    );
    expectProblem(await send(url('?format=pdf'), { method: 'GET', key: 'insights-supervisor' }), 400);
    expectProblem(
      await send(url(''), {
        method: 'GET',
        key: 'insights-supervisor',
        headers: { accept: 'application/pdf' },
      }),
      406,
    );
    expectProblem(await send(url(''), { method: 'GET', key: 'insights-agent' }), 403);

    // The contract names both routes and their answers.
    const doc = (await send(`${baseUrl}/openapi.json`, { method: 'GET' })).json as {
      paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
      components: { schemas: Record<string, unknown> };
    };
    assert.ok(doc.paths['/insights/trends']?.get);
    assert.deepEqual(Object.keys(doc.paths['/reports/weekly']?.get?.responses['200'].content ?? {}), [
      'application/json',
      'text/csv',
      'text/html',
    ]);
    for (const id of ['TrendAlerts', 'TrendAlert', 'WeeklyReview']) assert.ok(doc.components.schemas[id], id);
  });

  it('renders the review page in Chromium (screenshot in test-artifacts/)', async () => {
    const executablePath = chromiumPath();
    assert.ok(executablePath, 'Chromium is required (npm test installs it; or set CHROMIUM_PATH)');
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath, args: chromiumArgs });
      const context = await browser.newContext({
        extraHTTPHeaders: { authorization: 'Bearer insights-supervisor' },
      });
      const page = await context.newPage();
      const response = await page.goto(`${baseUrl}/reports/weekly?week=${week.week}&format=html`);
      assert.equal(response?.status(), 200);
      // The supervisor's key is Ewa Nowak's, whose language is Polish: the page is hers.
      assert.equal(await page.locator('h1').textContent(), `Tygodniowy przegląd reklamacji ${week.week}`);
      assert.ok(await page.getByRole('heading', { name: 'Porządek spotkania' }).isVisible());
      // The inline style applies (the page's CSP allows it): the table has borders.
      const border = await page
        .locator('td')
        .first()
        .evaluate(
          (td: unknown) =>
            (
              globalThis as unknown as { getComputedStyle(e: unknown): { borderTopStyle: string } }
            ).getComputedStyle(td).borderTopStyle,
        );
      assert.equal(border, 'solid');
      assert.ok(await page.getByText(cases.statutory.reference).first().isVisible());
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, 'weekly-review.png'), fullPage: true });
    } finally {
      await browser?.close();
    }
  });
  it('the hourly trend Schedule alerts the head and the quality address once; the alert shows at /insights/trends', async () => {
    const now = Date.now();
    const hour = Math.floor(now / HOUR) * HOUR;
    const changeAt = hour - 18 * HOUR; // five times the usual rate since then
    const synthetic = generate(
      21,
      36,
      (t, carrier) => (carrier === 'DHL' && t >= changeAt ? 2 : 0),
      () => 0,
      hour - 35 * DAY,
    ).filter((c) => Date.parse(c.receivedAt) < hour);
    // The extra DHL complaints all reach one owner: one employee's complaints rise too.
    const surgeOwner = roster.owners[1];
    for (const [i, c] of synthetic.entries()) {
      const surge = c.facts?.carrier === 'DHL' && Date.parse(c.receivedAt) >= changeAt && i % 3 !== 0;
      const owner = roster.owners.find((o) => o.id === (surge ? surgeOwner.id : c.owner))!;
      await writeCaseRecord(
        store,
        {
          ...cases.kept,
          complaintId: `trend-${i}`,
          reference: c.reference,
          receivedAt: c.receivedAt,
          category: c.category,
          owner: { id: owner.id, name: owner.name },
          ownerHistory: [{ ownerId: owner.id, from: c.receivedAt }],
          facts: c.facts,
          closedAt: undefined,
        },
        undefined,
      );
    }

    const [trends] = insightsSchedules(taskQueue, policy);
    assert.deepEqual(trends.spec.intervals, [{ every: '1h' }]);
    const schedule = await stack.client.schedule.create({
      ...trends,
      scheduleId: `${trends.scheduleId}-test`,
    });
    try {
      for (const round of [1, 2]) {
        await schedule.trigger();
        const done = await until(`run ${round}`, async () => {
          const actions = (await schedule.describe()).info.recentActions;
          return actions.length >= round ? actions[round - 1] : undefined;
        });
        await stack.client.workflow.getHandle(done.action.workflow.workflowId).result();
      }
      const all = await mailsFor('trend-alert');
      const alerts = all.filter((m) => /carrier DHL|przewoźnik DHL/.test(m.Subject));
      assert.deepEqual(
        alerts.map((m) => m.To).sort(),
        [roster.head.email, roster.quality!.email].sort(),
        'once each',
      );
      // Each in the reader's language: the quality address in English, the head (pl) in Polish.
      const english = alerts.find((m) => m.To === roster.quality!.email)!;
      assert.match(english.TextBody, /Baseline: 0\.\d+ per hour: \d+ complaints/);
      assert.match(english.TextBody, /Cases: CD-SIM-/);
      const polish = alerts.find((m) => m.To === roster.head.email)!;
      assert.match(polish.TextBody, /Punkt odniesienia: 0\.\d+ na godzinę: \d+ reklamacji/);
      assert.match(polish.TextBody, /\(Europe\/Warsaw\)/);
      // One employee's complaints: the head and the supervisors are told, not the quality address.
      const ownerAlerts = all.filter((m) => m.Subject.includes(surgeOwner.id));
      assert.deepEqual(
        ownerAlerts.map((m) => m.To).sort(),
        [roster.head.email, ...roster.supervisors.map((p) => p.email)].sort(),
      );

      for (const key of ['insights-supervisor', 'insights-operator']) {
        const reply = await send(`${baseUrl}/insights/trends`, { method: 'GET', key });
        assert.equal(reply.status, 200, reply.text);
        const body = trendAlertsSchema.parse(reply.json);
        const dhl = body.alerts.find((s) => s.dimension === 'carrier' && s.key === 'dhl');
        // The retired name stays for clients written before `alerts`: the same list.
        assert.deepEqual(body.signals, body.alerts);
        assert.ok(dhl?.alertedAt, 'open and told');
        assert.ok(dhl.evidence.count > dhl.evidence.expected);
        // The owner dimension is shown to supervisors only.
        const owner = body.alerts.filter((s) => s.dimension === 'owner');
        if (key === 'insights-supervisor')
          assert.deepEqual(
            owner.map((s) => s.key),
            [surgeOwner.id],
          );
        else assert.deepEqual(owner, []);
      }
      expectProblem(await send(`${baseUrl}/insights/trends`, { method: 'GET', key: 'insights-agent' }), 403);
      expectProblem(await send(`${baseUrl}/insights/trends`, { method: 'GET' }), 401);
      assert.equal((await openTrendAlerts(store)).filter((s) => s.key === 'dhl').length, 1);
    } finally {
      await schedule.delete();
    }
  });
});
