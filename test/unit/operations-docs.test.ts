// The operator's documents must hold up: docs/operations.md's queries name owners and attributes that
// exist, its attention reasons are the rule's, `up`'s links use its queries, and the Grafana
// dashboard charts series the code really exports.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { apiMetrics } from '../../api/observability';
import { attentionReasons } from '../../domain/lifecycle/attention';
import { complaintSearchAttributes } from '../../infra/search-attributes';
import { fromRoot } from '../../infra/paths';
import { operatorQueries, webUiListUrl } from '../../scripts/operator-links';
import { shippedRoster } from '../helpers/complaints';
import { projectDocs, readDoc } from '../helpers/docs';

const operating = readDoc('docs/operations.md').text;

describe('the operator’s documents', () => {
  it('docs/operations.md’s queries name owners from the roster, and every document only registered attributes', () => {
    const owners = new Set(shippedRoster().owners.map((o) => o.id));
    const named = [...operating.matchAll(/ComplaintOwner = '([^']+)'/g)].map((m) => m[1]);
    assert.ok(named.length > 0, 'an owner query is shown');
    for (const id of named)
      assert.ok(owners.has(id), `docs/operations.md queries owner "${id}", who is not in the roster`);
    const registered = new Set(complaintSearchAttributes.map((k) => k.name));
    for (const { file, text } of projectDocs())
      for (const [name] of text.matchAll(/\bComplaint[A-Z]\w+/g))
        assert.ok(registered.has(name), `${file} names ${name}, which is not registered`);
    for (const name of registered)
      assert.ok(operating.includes(`\`${name}\``), `docs/operations.md names the attribute ${name}`);
    assert.match(operating, /ComplaintNextDeadline IS NULL/, 'deadline queries include cases with none');
    assert.match(operating, /TemporalReportedProblems/);
  });

  it('docs/operations.md lists exactly the attention reasons of the rule', () => {
    const section = operating.slice(
      operating.indexOf('## What needs attention'),
      operating.indexOf('\n## ', operating.indexOf('## What needs attention') + 1),
    );
    const table = [...section.matchAll(/^\| `([a-z-]+)` +\|/gm)].map((m) => m[1]);
    assert.deepEqual(table, [...attentionReasons]);
  });

  it('the links `up` prints use docs/operations.md’s queries, as Web UI list URLs', () => {
    for (const query of Object.values(operatorQueries)) {
      const shown = query === operatorQueries.problems ? 'TemporalReportedProblems' : query;
      assert.ok(operating.includes(shown), `docs/operations.md shows ${shown}`);
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
