// Versioned migrations: infra/store/migrations/NNN_name.sql, applied in order, each once, each in its
// own transaction with its row in schema_migrations. The worker and the API both migrate at start; a
// transaction-scoped advisory lock lets one of them do it while the other waits and then finds
// nothing left to do (on the embedded database a transaction holds the whole database anyway).
import fs from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../paths';
import { inTransaction, type Store } from './db';

export const migrationsDir = fromRoot('infra', 'store', 'migrations');
/** Any fixed number: the lock every complaint-desk process takes to migrate. */
const MIGRATION_LOCK = 0x636f6d70; // "comp"

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir = migrationsDir): Migration[] {
  const seen = new Set<number>();
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = /^(\d+)_([\w-]+)\.sql$/.exec(file);
      if (!match) throw new Error(`Migration file ${file} is not named NNN_name.sql`);
      const version = Number(match[1]);
      if (seen.has(version)) throw new Error(`Two migrations have the version ${version}`);
      seen.add(version);
      return { version, name: match[2], sql: fs.readFileSync(path.join(dir, file), 'utf8') };
    });
}

/** Applies the migrations not applied yet; returns their versions. */
export async function migrate(store: Store, migrations = readMigrations()): Promise<number[]> {
  const applied: number[] = [];
  for (const m of migrations) {
    const done = await inTransaction(store, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      // Under the lock: two processes creating it at once would collide in PostgreSQL's catalog.
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const { rowCount } = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
        m.version,
      ]);
      if (rowCount) return false;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
