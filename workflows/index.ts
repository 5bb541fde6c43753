// The workflow bundle's entry: everything exported here is a workflow type the worker registers.
export { complaintWorkflow } from './complaint';
