// A process waits for what it needs and says so, once per change: the retry of start-up steps and
// the watch of a dependency (infra/resilience.ts), with probes that fail and recover on cue. The
// real outages (PostgreSQL stopped, Temporal SIGKILLed) are test/integration/outages.test.ts.
import assert from 'node:assert/strict';
import { retryUntilReady, watchDependency } from '../../infra/resilience';

function recordingLog() {
  const lines: { level: 'info' | 'warn'; msg: string; fields: Record<string, unknown> }[] = [];
  return {
    lines,
    log: {
      info: (fields: Record<string, unknown>, msg: string) => lines.push({ level: 'info', msg, fields }),
      warn: (fields: Record<string, unknown>, msg: string) => lines.push({ level: 'warn', msg, fields }),
    } as unknown as Parameters<typeof retryUntilReady>[2],
  };
}

describe('waiting for dependencies (infra/resilience.ts)', () => {
  it('retries a start-up step until it works, a warning per failure and one line when it does', async () => {
    const { lines, log } = recordingLog();
    let calls = 0;
    const result = await retryUntilReady(
      'Temporal: connecting',
      () => {
        calls++;
        return calls < 3 ? Promise.reject(new Error('ECONNREFUSED')) : Promise.resolve('connected');
      },
      log,
      { firstDelayMs: 5, maxDelayMs: 10 },
    );
    assert.equal(result, 'connected');
    assert.equal(calls, 3);
    assert.deepEqual(
      lines.map((l) => l.level),
      ['warn', 'warn', 'info'],
    );
    assert.match(lines[0].msg, /^Temporal: connecting: not done yet \(ECONNREFUSED\); retrying in \d+ s$/);
    assert.match(lines[2].msg, /^Temporal: connecting: done after \d+ s of waiting$/);
  });

  it('says nothing when the step works at once, and stops waiting when the process stops', async () => {
    const { lines, log } = recordingLog();
    assert.equal(await retryUntilReady('x', () => Promise.resolve(1), log), 1);
    assert.deepEqual(lines, []);
    const stop = new AbortController();
    const waiting = retryUntilReady('y', () => Promise.reject(new Error('down')), log, {
      firstDelayMs: 60_000,
      signal: stop.signal,
    });
    setTimeout(() => stop.abort(), 20);
    await assert.rejects(waiting, /down/);
  });

  it('logs a dependency going and coming back once each, with how long it was gone', async () => {
    const { lines, log } = recordingLog();
    let up = true;
    const watch = watchDependency(
      'PostgreSQL',
      () => (up ? Promise.resolve() : Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'))),
      log,
      { everyMs: 60_000 },
    );
    try {
      assert.equal((await watch.check()).up, true);
      up = false;
      const down = await watch.check();
      assert.equal(down.up, false);
      assert.match(down.error ?? '', /ECONNREFUSED/);
      await watch.check(); // still down: no new line
      up = true;
      const back = await watch.check();
      assert.equal(back.up, true);
      assert.equal(back.error, undefined);
      const msgs = lines.map((l) => `${l.level} ${l.msg}`);
      assert.deepEqual(
        msgs.map((m) => m.replace(/\(.*\)/, '(…)').replace(/\d+ s$/, 'N s')),
        [
          'info PostgreSQL reachable',
          'warn PostgreSQL unreachable (…); serving what does not need it and retrying',
          'info PostgreSQL reachable again after N s',
        ],
      );
      assert.equal(typeof lines[2].fields.downMs, 'number');
    } finally {
      watch.stop();
    }
  });

  it('counts a probe that hangs as down after its timeout', async () => {
    const { log } = recordingLog();
    const watch = watchDependency('Temporal', () => new Promise<void>(() => undefined), log, {
      everyMs: 60_000,
      timeoutMs: 30,
    });
    try {
      const state = await watch.check();
      assert.equal(state.up, false);
      assert.match(state.error ?? '', /no answer within 30 ms/);
    } finally {
      watch.stop();
    }
  });
});
