// The case store: connection, migrations, case records and the archive of closed cases' histories.
import type { Config } from '../config';
import { createStore, type Store } from './db';
import { migrate } from './migrate';

export * from './db';
export * from './migrate';
export * from './case-records';
export * from './telegram-messages';
export * from './worklist';
export * from './search-index';

/** The store of this process, migrated; throws with a clear message when DATABASE_URL is missing. */
export async function openStore(config: Pick<Config, 'DATABASE_URL' | 'DATABASE_POOL_MAX'>): Promise<Store> {
  if (!config.DATABASE_URL)
    throw new Error(
      'DATABASE_URL is not set: start everything with `npm run up` (it serves the embedded store), or set it to a PostgreSQL database.',
    );
  const store = createStore(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX });
  try {
    await migrate(store);
  } catch (err) {
    await store.end().catch(() => undefined);
    throw new Error(
      `The case store at ${redactUrl(config.DATABASE_URL)} is not usable: ${(err as Error).message}`,
      { cause: err },
    );
  }
  return store;
}

/** A URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
export * from './histories';
export * from './form-submissions';
export * from './reply-addresses';
export * from './api-state';
export * from './telegram-cases';
