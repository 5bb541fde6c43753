// The one worker entry point: runs complaint workflows and their activities on the task queue.
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createFileEmailLedger, createPostmarkClient } from '../activities/email';
import { complaintDataConverter, keySettings } from '../infra/codec';
import { loadConfig, type Config } from '../infra/config';
import { createLinkSigner, linkSecret } from '../infra/links';
import { connectClient, connectionOptions } from '../infra/temporal-connection';

export const workflowsPath = require.resolve('../workflows');

export function activitiesFor(config: Config, client?: Client) {
  const fromAddress = /<([^>]+)>/.exec(config.POSTMARK_FROM)?.[1] ?? config.POSTMARK_FROM;
  return createActivities({
    postmark: createPostmarkClient({
      serverToken: config.POSTMARK_SERVER_TOKEN,
      sandboxUrl: config.postmarkSandboxUrl,
    }),
    ledger: createFileEmailLedger(path.join(config.DATA_DIR, 'email-ledger')),
    from: config.POSTMARK_FROM,
    replyToAddress: config.POSTMARK_INBOUND_ADDRESS ?? fromAddress,
    links: createLinkSigner(linkSecret(config.DATA_DIR)),
    publicBaseUrl: config.publicBaseUrl,
    client,
  });
}

export async function createComplaintWorker(
  config: Config,
  connection: NativeConnection,
  client?: Client,
): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowsPath,
    // Decrypts what the worker reads and encrypts what it writes; the failure converter goes into the
    // workflow bundle too (the Worker bundles workflowsPath with it).
    dataConverter: complaintDataConverter(keySettings(config)),
    activities: activitiesFor(config, client),
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const options = connectionOptions(config);
  const connection = await NativeConnection.connect(options);
  const client = await connectClient(config);
  const worker = await createComplaintWorker(config, connection, client);
  console.log(`[worker] polling task queue "${config.TEMPORAL_TASK_QUEUE}" on ${config.temporalAddress}`);
  // Worker.run() shuts down gracefully on SIGINT/SIGTERM and resolves when done.
  await worker.run();
  await connection.close();
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error('[worker]', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
