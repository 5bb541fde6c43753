// The workflow bundle for in-process workers (tests, the simulation, benches): the worker's own
// workflows and interceptors, built once per process (webpack takes a few seconds).
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { failureConverterPath } from '../infra/codec';
import { workflowInterceptorModules, workflowsPath } from '.';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules,
    failureConverterPath, // as the worker's own bundle: failure messages encoded, so encrypted
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} },
  });
  return bundle;
}
