// A simulated month on the real engine: N complaints arrive over D days on the time-skipping test
// server, run by the real complaint workflow, worker and activities (e-mails through the real
// postmark client into a local sandbox), and a simulated team and customers (domain/simulation)
// act on them. Time is driven explicitly: the server skips ahead to the next moment any case needs a
// look (a move or a deadline), the team acts, and so on to the end of the period.
import { caseSummary } from '../../domain/archive/summary';
import { casePlan, defaultBehaviour, type Behaviour } from '../../domain/simulation/agents';
import { arrivals, simulatedComplaint } from '../../domain/simulation/complaints';
import { simulationReport, type SimulationReport } from '../../domain/simulation/report';
import { startComplaint } from '../../api/intake';
import { loadPolicy, loadRoster } from '../../domain/policy';
import { fromRoot } from '../../infra/paths';
import { workerThroughout } from '../../test/helpers/complaints';
import { timeSkippingEnvironment, workerStack } from '../../test/helpers/stack';
import { Team } from './team';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface SimulationOptions {
  cases: number;
  days: number;
  seed: string;
  behaviour?: Behaviour;
  /** The policy file the cases start on (default: policy/default.json). */
  policyFile?: string;
  /** The shortest step of simulated time: what falls due within it is handled together. */
  stepMs?: number;
  progress?: (line: string) => void;
}

export interface SimulationResult {
  report: SimulationReport;
  wallMs: number;
  moves: number;
  refused: number;
  reads: number;
  emails: number;
}

export async function simulate(opts: SimulationOptions): Promise<SimulationResult> {
  const wallStart = Date.now();
  const behaviour = opts.behaviour ?? defaultBehaviour;
  const policy = loadPolicy(opts.policyFile ?? fromRoot('policy', 'default.json'));
  const roster = loadRoster(fromRoot('policy', 'roster.json'));
  const stepMs = opts.stepMs ?? 10 * MINUTE;
  const env = await timeSkippingEnvironment();
  const stack = await workerStack({ env, client: env.client, nativeConnection: env.nativeConnection });
  const worker = workerThroughout(stack);
  try {
    const team = new Team({
      client: env.client,
      seed: opts.seed,
      behaviour,
      supervisorId: roster.supervisors[0].id,
      recheckMs: stepMs,
      concurrency: 16,
    });
    const start = await env.currentTimeMs();
    const end = start + opts.days * DAY;
    const due = arrivals(opts.seed, opts.cases, start, opts.days * DAY);
    let next = 0;
    let lastDay = -1;
    for (;;) {
      const now = await env.currentTimeMs();
      const started: Promise<unknown>[] = [];
      for (; next < due.length && due[next] <= now; next++) {
        const complaint = simulatedComplaint(opts.seed, next);
        started.push(
          startComplaint(
            { client: env.client, taskQueue: stack.taskQueue, snapshot: () => ({ policy, roster }) },
            { ...complaint, receivedAt: new Date(now).toISOString() },
          ).then((r) => team.follow(r.workflowId)),
        );
      }
      await Promise.all(started);
      await team.act(now);
      const day = Math.floor((now - start) / DAY);
      if (day !== lastDay) {
        lastDay = day;
        opts.progress?.(
          `day ${day}: ${next} cases started, ${team.counts.moves} moves, ${((Date.now() - wallStart) / 1000).toFixed(0)} s`,
        );
      }
      const wake = Math.min(team.nextWakeAt(), due[next] ?? Infinity, end);
      if (now >= end) break;
      await env.sleep(Math.max(wake - now, stepMs));
    }
    const views = await team.refresh();
    const report = simulationReport(
      views.map((v) => {
        const plan = casePlan(opts.seed, v.complaintId, behaviour);
        return { summary: caseSummary(v, 0), owner: plan.owner, customer: plan.customer };
      }),
      { from: new Date(start).toISOString(), to: new Date(end).toISOString() },
    );
    const res = await fetch(`${stack.sandbox.url}/sandbox/messages`);
    const emails = ((await res.json()) as { messages: unknown[] }).messages.length;
    return { report, wallMs: Date.now() - wallStart, ...team.counts, emails };
  } finally {
    await worker.stop();
    await stack.close();
    await env.teardown();
  }
}
