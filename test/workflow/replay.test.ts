// Replays the recorded histories of complete cases (test/fixtures/histories, made by
// scripts/record-histories.ts) with the current workflow code. A change that would make running
// cases non-deterministic fails here; such a change needs patched() before it ships.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { fromRoot } from '../../infra/paths';
import { workflowBundle } from '../helpers/stack';

describe('replay of recorded complete cases', function () {
  const dir = fromRoot('test', 'fixtures', 'histories');
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];

  it('has recorded histories of complete cases to replay', () => {
    assert.ok(files.length >= 4, `expected at least 4 histories in ${dir}, found ${files.length}`);
  });

  it('replays every recorded history without non-determinism', async () => {
    const histories = files.map((f) => ({
      workflowId: path.basename(f, '.json'),
      history: historyFromJSON(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))),
    }));
    const results = Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, histories);
    let replayed = 0;
    for await (const result of results) {
      assert.equal(result.error, undefined, `${result.workflowId}: ${String(result.error)}`);
      replayed++;
    }
    assert.equal(replayed, files.length);
  });
});
