// `npm run demo`: the whole stack (as `npm run up`) on the demo policy, whose durations are seconds,
// with a simulated team that works every open case and a few generated complaints — complete cases
// to watch in the Web UI and the sandbox inbox within a few minutes, without typing a request.
// Options: --complaints N (6), --every SECONDS (20), --seed S. Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { loadConfig } from '../infra/config';
import { loadPolicy, loadRoster } from '../infra/policy-files';
import { fromRoot } from '../infra/paths';
import { connectClient } from '../infra/temporal-connection';
import { startDemoTeam } from './simulation/demo-team';

function options(argv: string[]): { complaints: number; everyMs: number; seed: string } {
  const out = { complaints: 6, everyMs: 20_000, seed: `demo-${Date.now().toString(36)}` };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1] ?? ''];
    const n = Number(value);
    if (flag === '--complaints' && Number.isInteger(n) && n >= 0) out.complaints = n;
    else if (flag === '--every' && n > 0) out.everyMs = n * 1000;
    else if (flag === '--seed' && value) out.seed = value;
    else throw new Error(`bad option ${flag} ${value} (options: --complaints N --every SECONDS --seed S)`);
  }
  return out;
}

async function waitForApi(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await fetch(url).catch(() => undefined))?.status === 200) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the stack did not come up in time (${url})`);
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  // The API and worker start on the demo policy too, so a complaint typed in by hand runs as fast.
  const env = {
    ...process.env,
    COMPLAINT_POLICY: process.env.COMPLAINT_POLICY ?? fromRoot('policy', 'demo.json'),
  };
  const up = spawn(process.execPath, [fromRoot('dist', 'scripts', 'up.js')], { env, stdio: 'inherit' });
  let stopping = false;
  up.on('exit', (code) => {
    if (!stopping) console.error(`[demo] the stack stopped (exit code ${code}).`);
    process.exit(code ?? 1);
  });
  const config = loadConfig(env);
  const apiHost = config.API_HOST === '0.0.0.0' ? 'localhost' : config.API_HOST;
  await waitForApi(`http://${apiHost}:${config.API_PORT}/healthz`, 120_000);

  const policy = loadPolicy(config.COMPLAINT_POLICY);
  const client = await connectClient(config);
  const demo = startDemoTeam({
    client,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    policy,
    roster: loadRoster(config.COMPLAINT_ROSTER),
    seed: opts.seed,
    complaints: opts.complaints,
    everyMs: opts.everyMs,
    onMove: (workflowId, move, outcome) =>
      console.log(
        `[demo] ${workflowId}: ${move.actor} ${move.kind === 'action' ? move.action : move.kind}` +
          (outcome === 'refused' ? ' (refused: the case had moved on)' : ''),
      ),
    onError: (err) => console.error('[demo]', err instanceof Error ? err.message : err),
  });
  console.log(
    `[demo] policy ${policy.version}; ${opts.complaints} complaints, one every ${opts.everyMs / 1000} s; ` +
      'the simulated team works every open case. Watch the Web UI and the sandbox inbox above.',
  );
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void demo.stop().finally(() => up.kill('SIGINT'));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error('[demo] failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
