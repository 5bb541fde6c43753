// Prints, for every recorded complete case, its history length and the best of five replay times
// with the current workflow bundle: the cost of waking an evicted case. `node dist/bench/replay.js`
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { fromRoot } from '../infra/paths';
import { workflowBundle } from '../test/helpers/stack';

async function main(): Promise<void> {
  const dir = fromRoot('test', 'fixtures', 'histories');
  const bundle = await workflowBundle();
  for (const file of fs.readdirSync(dir).sort()) {
    const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { events: unknown[] };
    const history = historyFromJSON(json);
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const started = process.hrtime.bigint();
      await Worker.runReplayHistory({ workflowBundle: bundle }, history, file);
      best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
    }
    console.log(`${file.padEnd(58)} ${String(json.events.length).padStart(4)} events  ${best.toFixed(1)} ms`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
