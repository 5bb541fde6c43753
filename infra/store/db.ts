// The case store's connection: a `pg` pool on DATABASE_URL, the same SQL whether it names a real
// PostgreSQL or the embedded one `npm run up` serves (infra/store/embedded.ts).
import { Pool, types, type PoolClient } from 'pg';

// bigint (the record version) as a JS number: versions stay far below 2^53.
types.setTypeParser(types.builtins.INT8, (v) => Number(v));

export type Store = Pool;

/**
 * A pool on `url`. The embedded database runs one query at a time however many connections it has,
 * so a few connections per process are enough there; a real PostgreSQL takes more.
 */
export function createStore(url: string, options: { max?: number; allowExitOnIdle?: boolean } = {}): Store {
  const pool = new Pool({
    connectionString: url,
    max: options.max ?? 5,
    // A pool nobody ends (the codec's): its idle connections must not keep the process alive.
    allowExitOnIdle: options.allowExitOnIdle ?? false,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
  });
  // An idle connection the server dropped must not crash the process; the next query reconnects.
  pool.on('error', (err) => console.error('[store] idle connection lost:', err.message));
  // Nor one checked out and waiting (the e-mail ledger holds its lock's connection across a send):
  // without a listener of its own, its 'error' when PostgreSQL goes away would end the process. The
  // caller's next query on it fails, as it should, and the pool discards it on release.
  pool.on('connect', (client) => {
    client.on('error', (err) => console.error('[store] connection lost:', err.message));
  });
  return pool;
}

export async function inTransaction<T>(store: Store, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await store.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
