// The patch ids in one list (domain/patches.ts): the ones the workflow code calls, the ones
// `npm run patches` counts, and the ones docs/running-cases.md describes are the same.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { complaintPatchIds } from '../../domain/patches';
import { fromRoot } from '../../infra/paths';
import { patchReportText } from '../../infra/patches';
import { readDoc } from '../helpers/docs';

describe('patch ids', () => {
  it('every patched() and deprecatePatch() in the workflow code is listed, and every listed id is called', () => {
    const called = new Set<string>();
    for (const file of fs.readdirSync(fromRoot('workflows')).filter((f) => f.endsWith('.ts'))) {
      const text = fs.readFileSync(fromRoot('workflows', file), 'utf8');
      for (const m of text.matchAll(/\b(?:patched|deprecatePatch)\('([^']+)'\)/g)) called.add(m[1]);
    }
    assert.deepEqual([...called].sort(), [...complaintPatchIds].sort());
  });

  it('docs/running-cases.md has one row per patch id', () => {
    const rows = [...readDoc('docs/running-cases.md').text.matchAll(/^\| `([a-z-]+)` +\|/gm)].map(
      (m) => m[1],
    );
    assert.deepEqual(rows, [...complaintPatchIds]);
  });

  it('the report says which patches may be deprecated and how many cases of a retired type run', () => {
    const text = patchReportText(
      {
        running: 3,
        patches: [
          { id: 'attention', withPatch: 3, withoutPatch: 0, deprecatable: true },
          { id: 'seed-promises', withPatch: 1, withoutPatch: 2, deprecatable: false },
        ],
        retired: [{ type: 'complaintWorkflow', running: 2 }],
      },
      'prod',
    );
    assert.match(text, /^Running complaintWorkflowV2 cases in namespace prod: 3$/m);
    assert.match(text, /^attention +3 +0 +yes/m);
    assert.match(text, /^seed-promises +1 +2 +no$/m);
    assert.match(text, /^complaintWorkflow \(retired\): 2 running — these cases wait/m);
  });
});
