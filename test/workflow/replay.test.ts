// Replays the recorded histories of complete cases (test/fixtures/histories, made by
// test/record-histories.ts) with the current workflow code. A change that would make running
// cases non-deterministic fails here; such a change needs patched() (or a new workflow type) before it
// ships. The first workflow type is retired (docs/running-cases.md): its histories went with it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { fromRoot } from '../../infra/paths';
import { historyDataConverter, workflowBundle } from '../helpers/stack';
import { currentComplaintWorkflowType } from '../../workflows/definitions';

describe('replay of recorded complete cases', function () {
  const dir = fromRoot('test', 'fixtures', 'histories');
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];

  it('has recorded histories of complete cases to replay, all of the current workflow type', () => {
    const current = files.filter((f) => f.startsWith(`${currentComplaintWorkflowType}.`));
    assert.ok(
      current.length >= 4,
      `expected at least 4 ${currentComplaintWorkflowType} histories, found ${current.length}`,
    );
    assert.deepEqual(
      files.filter((f) => !current.includes(f)),
      [],
      'a history of a retired type cannot replay: no worker runs that type',
    );
  });

  it('keeps the codec, Node crypto, zod and the holiday library out of the workflow bundle (they run outside the sandbox)', async () => {
    const { code } = await workflowBundle();
    // The calendar library (and moment-timezone under it) stays at the edge: cases get plain dates.
    for (const marker of [
      'createCipheriv',
      'EncryptionCodec',
      'ZodError',
      'node:crypto',
      'getHolidays',
      'moment-timezone',
    ])
      assert.ok(!code.includes(marker), `the workflow bundle contains ${marker}`);
    assert.ok(
      code.includes('encodeCommonAttributes'),
      'the bundle has the failure converter that encodes messages',
    );
  });

  it('replays every recorded history without non-determinism', async () => {
    const histories = files.map((f) => ({
      workflowId: path.basename(f, '.json'),
      history: historyFromJSON(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))),
    }));
    // With the production data converter in place: histories recorded before payload encryption
    // pass through the codec unchanged, as running cases' do; the newer ones decrypt with the keys
    // they were recorded with (a copy: a replay writes keys for the cases it encodes for).
    const results = Worker.runReplayHistories(
      { workflowBundle: await workflowBundle(), dataConverter: historyDataConverter() },
      histories,
    );
    let replayed = 0;
    for await (const result of results) {
      assert.equal(result.error, undefined, `${result.workflowId}: ${String(result.error)}`);
      replayed++;
    }
    assert.equal(replayed, files.length);
  });
});
