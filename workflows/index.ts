// The workflow bundle's entry: everything exported here is a workflow type the worker registers.
export { complaintWorkflowV2 } from './complaint';
export { erasureSweepWorkflow } from './erasure-sweep';
export { archiveSweepWorkflow } from './archive-sweep';
export { trendDetectionWorkflow, weeklyReviewWorkflow } from './insights';
