// The names by which a complaint's workflow is found: its types and its id. Shared by the workflow
// definitions and the activities (which must not import workflow code).

/**
 * Workflow types: new complaints start as the current one; cases of the first type keep running on
 * its frozen code (workflows/complaint-v1.ts) until they close. Listings cover both.
 */
export const currentComplaintWorkflowType = 'complaintWorkflowV2';
export const complaintWorkflowTypes = ['complaintWorkflow', 'complaintWorkflowV2'] as const;
/** The visibility clause that finds complaint cases of every type. */
export const complaintTypesClause = `WorkflowType IN (${complaintWorkflowTypes.map((t) => `'${t}'`).join(', ')})`;

/** The workflow id of a complaint: starting the same complaint twice finds the same case. */
export function complaintWorkflowId(complaintId: string): string {
  return `complaint-${complaintId}`;
}
