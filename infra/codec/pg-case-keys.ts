// Case data keys in the case store (PostgreSQL, or the embedded one `npm run up` serves), so every
// process on every machine encrypts and decrypts a case with the same key (table case_keys,
// migration 100). The keys are wrapped by a KEK from the configuration, which never reaches the store.
// First writer wins: a new key is inserted with ON CONFLICT DO NOTHING and everyone uses the row.
// A destroyed key (crypto-shredding) is a tombstone row; a process trusts a key it has read for at
// most `revalidateMs` before reading the row again, so a destroy anywhere stops decodes everywhere
// within that time. The store is opened on first use: a process starts while PostgreSQL is down, and
// a key operation then fails with a retryable error (CaseKeyStoreUnavailableError) instead of a crash.
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Store } from '../store/db';
import {
  CaseKeyDestroyedError,
  CaseKeyMissingError,
  SHARED_KEY_ID,
  caseKeyId,
  isKeyId,
  newWrappedKey,
  unwrapKey,
  type CaseKeyStore,
  type KeyFile,
} from './case-keys';
import type { Keyring } from './keyring';

/** The case store could not be reached for a key: retry later (Temporal does, for a task). */
export class CaseKeyStoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(
      `The case key store (the case store, DATABASE_URL) is not reachable: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'CaseKeyStoreUnavailableError';
  }
}

export interface PgCaseKeyStoreOptions {
  /** How long a key read from the store is used before its row is read again (default 1 s). */
  revalidateMs?: number;
  /**
   * While the store cannot be reached, a key read within this long still serves (default 10 min),
   * so running cases keep going through a short outage. A destroy needs the store too, so what this
   * can miss is only a destroy made while this process alone was cut off from it.
   */
  staleWhileDownMs?: number;
  /** A file store's `<keys dir>/cases` folder, imported once per process (idempotent). */
  importFrom?: string;
}

interface CachedKey {
  key?: Buffer;
  destroyedAt?: string;
  checkedAt: number;
}

interface KeyRow {
  kek: string | null;
  wrapped: Buffer | null;
  destroyed_at: Date | null;
}

export function pgCaseKeyStore(
  openStore: () => Promise<Store>,
  keyring: Keyring,
  opts: PgCaseKeyStoreOptions = {},
): CaseKeyStore {
  const revalidateMs = opts.revalidateMs ?? 1000;
  const staleWhileDownMs = opts.staleWhileDownMs ?? 600_000;
  const where = 'the case store';
  const cache = new Map<string, CachedKey>();
  const creating = new Map<string, Promise<Buffer>>();
  let ready: Promise<Store> | undefined;

  /** The store, with the keys folder imported; a failure is tried again at the next use. */
  function db(): Promise<Store> {
    return (ready ??= (async () => {
      const store = await openStore();
      if (opts.importFrom) await importKeyFolder(store, opts.importFrom);
      return store;
    })().catch((err: unknown) => {
      ready = undefined;
      throw err;
    }));
  }

  async function query<R extends object>(text: string, values: unknown[]): Promise<R[]> {
    try {
      return (await (await db()).query<R>(text, values)).rows;
    } catch (err) {
      throw new CaseKeyStoreUnavailableError(err);
    }
  }

  /** The key, or undefined when the store has no row; throws for a tombstone. */
  async function load(keyId: string, fresh = false): Promise<Buffer | undefined> {
    const cached = cache.get(keyId);
    if (cached?.destroyedAt) throw new CaseKeyDestroyedError(keyId, cached.destroyedAt); // for good
    if (!fresh && cached?.key && Date.now() - cached.checkedAt < revalidateMs) return cached.key;
    let rows: KeyRow[];
    try {
      rows = await query<KeyRow>('SELECT kek, wrapped, destroyed_at FROM case_keys WHERE key_id = $1', [
        keyId,
      ]);
    } catch (err) {
      if (cached?.key && Date.now() - cached.checkedAt < staleWhileDownMs) return cached.key;
      throw err;
    }
    const row = rows[0];
    if (!row) {
      cache.delete(keyId);
      return undefined;
    }
    if (row.destroyed_at) {
      const destroyedAt = row.destroyed_at.toISOString();
      cache.set(keyId, { destroyedAt, checkedAt: Date.now() });
      throw new CaseKeyDestroyedError(keyId, destroyedAt);
    }
    const key = unwrapKey(keyring, keyId, row.kek!, row.wrapped!);
    cache.set(keyId, { key, checkedAt: Date.now() });
    return key;
  }

  async function create(keyId: string): Promise<Buffer> {
    const { kek, wrapped } = newWrappedKey(keyring, keyId);
    await query(
      'INSERT INTO case_keys (key_id, kek, wrapped) VALUES ($1, $2, $3) ON CONFLICT (key_id) DO NOTHING',
      [keyId, kek, wrapped],
    );
    // Inserted or not, the row is the key everyone uses.
    const stored = await load(keyId, true);
    if (!stored) throw new CaseKeyMissingError(keyId, where);
    return stored;
  }

  async function loadOrCreate(keyId: string): Promise<Buffer> {
    const existing = await load(keyId);
    if (existing) return existing;
    let pending = creating.get(keyId);
    if (!pending) {
      pending = create(keyId).finally(() => creating.delete(keyId));
      creating.set(keyId, pending);
    }
    return pending;
  }

  return {
    async keyForEncode(workflowId) {
      const id = workflowId === undefined ? SHARED_KEY_ID : caseKeyId(workflowId);
      return { id, key: await loadOrCreate(id) };
    },
    async keyForDecode(keyId) {
      if (!isKeyId(keyId)) throw new CaseKeyMissingError(keyId.slice(0, 80), where);
      const key = await load(keyId);
      if (!key) throw new CaseKeyMissingError(keyId, where);
      return key;
    },
    async destroyCaseKey(workflowId) {
      const keyId = caseKeyId(workflowId);
      // A tombstone, not a deletion: a clear error for the erased case, and no later encode can
      // quietly make a new key for it. The first destroy's time stays.
      const rows = await query<{ destroyed_at: Date }>(
        `INSERT INTO case_keys (key_id, destroyed_at) VALUES ($1, now())
         ON CONFLICT (key_id) DO UPDATE
           SET kek = NULL, wrapped = NULL, destroyed_at = COALESCE(case_keys.destroyed_at, now())
         RETURNING destroyed_at`,
        [keyId],
      );
      cache.set(keyId, { destroyedAt: rows[0].destroyed_at.toISOString(), checkedAt: Date.now() });
    },
  };
}

/**
 * Copies a file store's keys (`<keys dir>/cases/*.json`, from before the keys moved to the case
 * store) into case_keys, so a running deployment's cases stay readable. Idempotent: a key already in
 * the store stays as it is, except that a tombstone in the folder destroys it (an erasure is never
 * undone). Returns how many rows changed.
 */
export async function importKeyFolder(store: Store, casesDir: string): Promise<number> {
  let names: string[];
  try {
    names = await fsp.readdir(casesDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  const live: { ids: string[]; keks: string[]; wrapped: string[]; created: string[] } = {
    ids: [],
    keks: [],
    wrapped: [],
    created: [],
  };
  const destroyed: { ids: string[]; at: string[] } = { ids: [], at: [] };
  for (const name of names) {
    const keyId = name.replace(/\.json$/, '');
    if (keyId === name || !isKeyId(keyId)) continue;
    let record: KeyFile;
    try {
      record = JSON.parse(await fsp.readFile(path.join(casesDir, name), 'utf8')) as KeyFile;
    } catch {
      continue; // unreadable: the file store could not have used it either
    }
    if (record.keyId !== keyId) continue;
    if (record.destroyedAt) {
      destroyed.ids.push(keyId);
      destroyed.at.push(record.destroyedAt);
    } else if (record.kek && record.wrapped) {
      live.ids.push(keyId);
      live.keks.push(record.kek);
      live.wrapped.push(record.wrapped);
      live.created.push(record.createdAt ?? new Date().toISOString());
    }
  }
  let changed = 0;
  if (live.ids.length)
    changed +=
      (
        await store.query(
          `INSERT INTO case_keys (key_id, kek, wrapped, created_at)
           SELECT id, kek, decode(wrapped, 'base64'), created::timestamptz
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS f(id, kek, wrapped, created)
           ON CONFLICT (key_id) DO NOTHING`,
          [live.ids, live.keks, live.wrapped, live.created],
        )
      ).rowCount ?? 0;
  if (destroyed.ids.length)
    changed +=
      (
        await store.query(
          `INSERT INTO case_keys (key_id, destroyed_at)
           SELECT id, at::timestamptz FROM unnest($1::text[], $2::text[]) AS f(id, at)
           ON CONFLICT (key_id) DO UPDATE SET kek = NULL, wrapped = NULL, destroyed_at = EXCLUDED.destroyed_at
             WHERE case_keys.destroyed_at IS NULL`,
          [destroyed.ids, destroyed.at],
        )
      ).rowCount ?? 0;
  return changed;
}
