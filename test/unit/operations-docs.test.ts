// The operator's documents must hold up: the README's queries name owners and attributes that exist,
// its attention reasons are the rule's, `up`'s links use the README's queries, and the Grafana
// dashboard charts series the code really exports.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { apiMetrics } from '../../api/observability';
import { attentionReasons } from '../../domain/lifecycle/attention';
import { complaintSearchAttributes } from '../../infra/search-attributes';
import { fromRoot } from '../../infra/paths';
import { operatorQueries, webUiListUrl } from '../../scripts/operator-links';
import { shippedRoster } from '../helpers/complaints';

const readme = fs.readFileSync(fromRoot('README.md'), 'utf8');
const operating = readme.slice(
  readme.indexOf('## Operating it'),
  readme.indexOf('## Personal data and encryption'),
);

describe('the operator’s documents', () => {
  it('README queries name owners from the roster and attributes that are registered', () => {
    const owners = new Set(shippedRoster().owners.map((o) => o.id));
    const named = [...readme.matchAll(/ComplaintOwner = '([^']+)'/g)].map((m) => m[1]);
    assert.ok(named.length > 0, 'an owner query is shown');
    for (const id of named)
      assert.ok(owners.has(id), `README queries owner "${id}", who is not in the roster`);
    const registered = new Set(complaintSearchAttributes.map((k) => k.name));
    for (const [name] of readme.matchAll(/\bComplaint[A-Z]\w+/g))
      assert.ok(registered.has(name), `README names ${name}, which is not registered`);
    assert.match(operating, /ComplaintNextDeadline IS NULL/, 'deadline queries include cases with none');
    assert.match(operating, /TemporalReportedProblems/);
  });

  it('README lists exactly the attention reasons of the rule', () => {
    const table = [...operating.matchAll(/^\| `([a-z-]+)` +\|/gm)].map((m) => m[1]);
    assert.deepEqual(table, [...attentionReasons]);
  });

  it('the links `up` prints use the README’s queries, as Web UI list URLs', () => {
    for (const query of Object.values(operatorQueries)) {
      const shown = query === operatorQueries.problems ? 'TemporalReportedProblems' : query;
      assert.ok(operating.includes(shown), `README shows ${shown}`);
    }
    const url = new URL(webUiListUrl('http://localhost:8233', 'default', operatorQueries.overdue));
    assert.equal(url.pathname, '/namespaces/default/workflows');
    assert.equal(url.searchParams.get('query'), operatorQueries.overdue);
  });

  it('the Grafana dashboard charts series the API and the workflow export', async () => {
    const dashboard = JSON.parse(
      fs.readFileSync(fromRoot('ops', 'grafana', 'complaint-desk.json'), 'utf8'),
    ) as {
      panels: { targets: { expr: string }[] }[];
    };
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
    const used = new Set(exprs.flatMap((e) => [...e.matchAll(/\bcomplaint_\w+/g)].map((m) => m[0])));
    const api = (await apiMetrics().registry.getMetricsAsJSON()).map((m) => m.name);
    const workflow = [
      ...fs
        .readFileSync(fromRoot('workflows', 'operations.ts'), 'utf8')
        .matchAll(/createCounter\(\s*'(\w+)'/g),
    ].map((m) => m[1]);
    assert.deepEqual(workflow.sort(), [
      'complaint_actions',
      'complaint_emails',
      'complaint_escalations',
      'complaint_promises',
    ]);
    for (const name of used) {
      const base = name.replace(/_(bucket|count|sum)$/, '');
      assert.ok(
        api.includes(base) || workflow.includes(base),
        `the dashboard charts ${name}, which nothing exports`,
      );
    }
    for (const name of [...api, ...workflow])
      assert.ok(
        [...used].some((u) => u.startsWith(name)),
        `the dashboard does not chart ${name}`,
      );
  });
});
