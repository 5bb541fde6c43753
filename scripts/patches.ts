// `npm run patches`: the counts the patch policy decides on (docs/running-cases.md), for the Temporal
// the configuration points at (after `npm run up`: `source data/dev.env` first, or the defaults).
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../infra/config';
import { patchReport, patchReportText } from '../infra/patches';
import { connectionOptions } from '../infra/temporal-connection';

async function main(): Promise<void> {
  const config = loadConfig();
  const connection = await Connection.connect(connectionOptions(config)).catch((err: unknown) => {
    throw new Error(
      `Temporal at ${config.temporalAddress} (namespace ${config.TEMPORAL_NAMESPACE}) did not answer: ${err instanceof Error ? err.message : String(err)}. After npm run up: source data/dev.env first; else set TEMPORAL_ADDRESS.`,
    );
  });
  try {
    // Counting needs no payloads: no codec, no keys.
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    console.log(patchReportText(await patchReport(client), config.TEMPORAL_NAMESPACE));
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  console.error(`[patches] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
