// What the patch policy (docs/running-cases.md) decides on: how many running cases still need the
// code path from before each patch, and how many cases of a retired workflow type still run.
// Temporal's SDK adds a patch id to the case's TemporalChangeVersion search attribute when patched()
// takes the new path, so a running case of the current type without the id is one on the old path.
import type { Client } from '@temporalio/client';
import { complaintPatchIds } from '../domain/patches';
import { currentComplaintWorkflowType } from '../domain/workflow-ids';

/** Workflow types that no worker runs any more: their running cases wait until a worker that has them comes. */
export const retiredComplaintWorkflowTypes = ['complaintWorkflow'] as const;

export interface PatchReport {
  /** Running cases of the current type. */
  running: number;
  patches: { id: string; withPatch: number; withoutPatch: number; deprecatable: boolean }[];
  retired: { type: string; running: number }[];
}

export async function patchReport(client: Client): Promise<PatchReport> {
  const count = async (query: string) => (await client.workflow.count(query)).count;
  const running = `WorkflowType = '${currentComplaintWorkflowType}' AND ExecutionStatus = 'Running'`;
  const total = await count(running);
  const patches = [];
  for (const id of complaintPatchIds) {
    const withPatch = await count(`${running} AND TemporalChangeVersion = '${id}'`);
    const withoutPatch = Math.max(total - withPatch, 0);
    patches.push({ id, withPatch, withoutPatch, deprecatable: withoutPatch === 0 });
  }
  const retired = [];
  for (const type of retiredComplaintWorkflowTypes)
    retired.push({ type, running: await count(`WorkflowType = '${type}' AND ExecutionStatus = 'Running'`) });
  return { running: total, patches, retired };
}

/** The report as the command prints it. */
export function patchReportText(report: PatchReport, namespace: string): string {
  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  const lines = [
    `Running ${currentComplaintWorkflowType} cases in namespace ${namespace}: ${report.running}`,
    '',
    `${pad('patch', 18)}${pad('with it', 10)}${pad('without it', 12)}deprecatePatch now?`,
    ...report.patches.map(
      (p) =>
        `${pad(p.id, 18)}${pad(p.withPatch, 10)}${pad(p.withoutPatch, 12)}${
          p.deprecatable ? 'yes: no running case needs the old path' : 'no'
        }`,
    ),
    '',
    ...report.retired.map(
      (r) =>
        `${r.type} (retired): ${r.running} running${
          r.running > 0
            ? ' — these cases wait for a worker of the release before its retirement (docs/running-cases.md)'
            : ''
        }`,
    ),
  ];
  return lines.join('\n');
}
