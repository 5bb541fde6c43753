// One place that knows how to reach Temporal: the local dev server, a self-hosted cluster with mTLS,
// or Temporal Cloud with an API key. The client (API) and the worker use the same options.
import fs from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { complaintDataConverter, keySettings } from './codec';
import type { Config } from './config';

interface SharedOptions {
  address: string;
  tls?: { serverNameOverride?: string; clientCertPair?: { crt: Buffer; key: Buffer } } | true;
  apiKey?: string;
}

export function connectionOptions(config: Config): SharedOptions {
  const opts: SharedOptions = { address: config.temporalAddress };
  if (config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH) {
    opts.tls = {
      serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME,
      clientCertPair: {
        crt: fs.readFileSync(config.TEMPORAL_TLS_CERT_PATH),
        key: fs.readFileSync(config.TEMPORAL_TLS_KEY_PATH),
      },
    };
  } else if (config.TEMPORAL_TLS || config.TEMPORAL_API_KEY) {
    // Temporal Cloud with an API key always uses TLS.
    opts.tls = config.TEMPORAL_TLS_SERVER_NAME
      ? { serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME }
      : true;
  }
  if (config.TEMPORAL_API_KEY) opts.apiKey = config.TEMPORAL_API_KEY;
  return opts;
}

export async function connectClient(config: Config): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(config));
  // Every client encrypts: payloads of cases never reach Temporal in clear.
  return new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: complaintDataConverter(keySettings(config)),
  });
}

/**
 * A client that connects on first use and reconnects by itself (gRPC): for long-running processes,
 * which must start, and keep serving what they can, while Temporal is down (infra/resilience.ts).
 */
export function lazyClient(config: Config): Client {
  return new Client({
    connection: Connection.lazy(connectionOptions(config)),
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: complaintDataConverter(keySettings(config)),
  });
}

export async function connectWorker(config: Config): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(config));
}
