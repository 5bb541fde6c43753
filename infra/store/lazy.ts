// A store opened (and migrated) on first use and shared after; a failed open is tried again next time.
import type { Config } from '../config';
import type { Store } from './db';
import { openStore } from './index';

export function lazyStore(config: Pick<Config, 'DATABASE_URL' | 'DATABASE_POOL_MAX'>): () => Promise<Store> {
  let opened: Promise<Store> | undefined;
  return () =>
    (opened ??= openStore(config).catch((err: unknown) => {
      opened = undefined;
      throw err;
    }));
}
