// The demo's team in real time: a few generated complaints, then the simulated team (the same
// behaviour module as the simulation) acts on every open case it finds, including cases a person
// starts through the API, until stopped.
//
// It acts through the Temporal client (the workflow's Updates and Signals), not the HTTP API: the
// simulation has to (on the time-skipping server there is no API process to call), so the demo runs
// the very same driver (scripts/simulation/team.ts) and a move means the same thing in both. The API's
// actions are these Updates behind authentication and zod, tested by the integration suite.
import type { Client } from '@temporalio/client';
import { startComplaint } from '../../api/intake';
import { demoBehaviour, type Behaviour, type Move } from '../../domain/simulation/agents';
import { simulatedComplaint } from '../../domain/simulation/complaints';
import type { Policy, Roster } from '../../domain/types';
import { complaintTypesClause } from '../../workflows/definitions';
import { Team } from './team';

export interface DemoTeamOptions {
  client: Client;
  taskQueue: string;
  /** What generated complaints start on (the demo policy). */
  policy: Policy;
  roster: Roster;
  /** Names the generated complaints (their external ids) and every draw of the team. */
  seed: string;
  /** How many complaints the demo generates, and how far apart. */
  complaints: number;
  everyMs: number;
  behaviour?: Behaviour;
  /** How often the team looks for new cases and moves (real time). */
  tickMs?: number;
  onMove?: (workflowId: string, move: Move, outcome: 'done' | 'refused') => void;
  onError?: (err: unknown) => void;
}

export interface DemoTeam {
  team: Team;
  /** The workflow ids of the complaints the demo generated so far. */
  generated: string[];
  stop(): Promise<void>;
}

export function startDemoTeam(opts: DemoTeamOptions): DemoTeam {
  const tickMs = opts.tickMs ?? 1_000;
  const team = new Team({
    client: opts.client,
    seed: opts.seed,
    behaviour: opts.behaviour ?? demoBehaviour,
    supervisorId: opts.roster.supervisors[0].id,
    documentation: opts.policy.documentation,
    recheckMs: tickMs,
    onMove: opts.onMove,
  });
  const generated: string[] = [];
  const begun = Date.now();
  let stopped = false;

  const intake = async () => {
    const due = Math.min(opts.complaints, 1 + Math.floor((Date.now() - begun) / opts.everyMs));
    while (generated.length < due) {
      const complaint = simulatedComplaint(opts.seed, generated.length, Date.now());
      const started = await startComplaint(
        {
          client: opts.client,
          taskQueue: opts.taskQueue,
          snapshot: () => ({ policy: opts.policy, roster: opts.roster }),
        },
        complaint,
      );
      generated.push(started.workflowId);
      team.follow(started.workflowId);
    }
  };
  // Every open case is the team's, also those typed in by a person.
  const discover = async () => {
    for await (const wf of opts.client.workflow.list({
      query: `${complaintTypesClause} AND ExecutionStatus = 'Running'`,
    }))
      team.follow(wf.workflowId);
  };

  const loop = (async () => {
    while (!stopped) {
      try {
        await intake();
        await discover();
        await team.act(Date.now());
      } catch (err) {
        opts.onError?.(err);
      }
      await new Promise((r) => setTimeout(r, tickMs));
    }
  })();
  return {
    team,
    generated,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}
