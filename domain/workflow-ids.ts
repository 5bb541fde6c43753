// The names by which the workflows are found: a complaint's types and id, the archive run's id and
// signal. Shared by the workflow definitions and the activities (which must not import workflow code).

/**
 * Workflow types: new complaints start as the current one. The first type is retired (no worker runs
 * it; docs/running-cases.md): listings still cover it, so a case of it left running is seen, not lost.
 */
export const currentComplaintWorkflowType = 'complaintWorkflowV2';
export const complaintWorkflowTypes = ['complaintWorkflow', 'complaintWorkflowV2'] as const;
/** The visibility clause that finds complaint cases of every type. */
export const complaintTypesClause = `WorkflowType IN (${complaintWorkflowTypes.map((t) => `'${t}'`).join(', ')})`;
/**
 * Open cases: running and not closed. A closed case of ruleset 2 keeps its workflow running through
 * the reopen window (docs/promises.md), so "running" alone would count it as open.
 */
export const openCasesClause = `${complaintTypesClause} AND ExecutionStatus = 'Running' AND ComplaintStage != 'closed'`;

/** The workflow id of a complaint: starting the same complaint twice finds the same case. */
export function complaintWorkflowId(complaintId: string): string {
  return `complaint-${complaintId}`;
}

/**
 * The archive run that cases ask for as they close (activities/records.ts): one workflow id, so the
 * Web UI lists one run per burst of closes, not one per minute; the Schedule's sweep is the safety net.
 */
export const archiveOnCloseWorkflowId = 'complaint-desk-archive-on-close';
/** The signal that asks it to come by (workflows/definitions.ts defines it by this name). */
export const archiveRequestedSignalName = 'archiveRequested';
