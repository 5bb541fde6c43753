// One data key per case (crypto-shredding: destroying it makes the case's payloads unreadable for
// good). A case key is 32 random bytes, kept wrapped by a KEK in <keys dir>/cases/<key id>.json
// (0600, folder 0700). The key id is derived from the workflow id, so the encoder finds it from the
// serialization context and the decoder from the payload's metadata alone (the Web UI's codec call
// carries no workflow id). Several processes (API, worker, up) share the folder: a key is created
// with an exclusive link, and whoever loses the race reads the winner's key.
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createFileExclusive, privateDir, replaceFilePrivate } from '../files';
import { KEY_BYTES, open, seal } from './aes';
import type { Keyring } from './keyring';

/** Base class of the key errors a decode can meet; `code` is stable for callers to branch on. */
export class CaseKeyError extends Error {
  constructor(
    readonly code: 'case-key-destroyed' | 'case-key-missing' | 'kek-unavailable' | 'case-key-corrupt',
    readonly keyId: string,
    message: string,
  ) {
    super(message);
    this.name = 'CaseKeyError';
  }
}

/** The case's key was destroyed (its personal data erased): its payloads can never be read again. */
export class CaseKeyDestroyedError extends CaseKeyError {
  constructor(
    keyId: string,
    readonly destroyedAt?: string,
  ) {
    super(
      'case-key-destroyed',
      keyId,
      `The data key ${keyId} was destroyed${destroyedAt ? ` at ${destroyedAt}` : ''}: this case's personal data is erased.`,
    );
    this.name = 'CaseKeyDestroyedError';
  }
}

/** No key with this id exists here (another deployment's payload, or a lost key folder). */
export class CaseKeyMissingError extends CaseKeyError {
  constructor(keyId: string, where: string) {
    super('case-key-missing', keyId, `No data key ${keyId} in ${where}.`);
    this.name = 'CaseKeyMissingError';
  }
}

export interface CaseKeyStore {
  /** The key that encrypts payloads of `workflowId` (created on first use); no workflow id: the shared key. */
  keyForEncode(workflowId: string | undefined): Promise<{ id: string; key: Buffer }>;
  /** The key named in a payload's metadata. */
  keyForDecode(keyId: string): Promise<Buffer>;
  /** Crypto-shredding: the case's key is replaced by a tombstone; idempotent. */
  destroyCaseKey(workflowId: string): Promise<void>;
}

/** Payloads without a workflow (a codec-endpoint encode from the UI or CLI) share this key. */
export const SHARED_KEY_ID = 'shared';
const CASE_KEY_ID = /^case-[0-9a-f]{32}$/;

/** Not secret and not personal: a hash, so the id is a safe file name whatever the workflow id is. */
export function caseKeyId(workflowId: string): string {
  return `case-${crypto.createHash('sha256').update(workflowId, 'utf8').digest('hex').slice(0, 32)}`;
}

export function isKeyId(value: string): boolean {
  return value === SHARED_KEY_ID || CASE_KEY_ID.test(value);
}

/** A key file's content (also what the PostgreSQL store imports from a keys folder). */
export interface KeyFile {
  v: 1;
  keyId: string;
  /** Which KEK wrapped it (rotation re-wraps; the payloads never change). */
  kek?: string;
  wrapped?: string;
  createdAt?: string;
  destroyedAt?: string;
}

const wrapAad = (keyId: string) => `complaint-desk/data-key/${keyId}`;

/** A new data key for `keyId`, wrapped by the keyring's current KEK. */
export function newWrappedKey(keyring: Keyring, keyId: string): { kek: string; wrapped: Buffer } {
  const key = crypto.randomBytes(KEY_BYTES);
  return { kek: keyring.currentId, wrapped: seal(keyring.kek(keyring.currentId)!, key, wrapAad(keyId)) };
}

/** The data key `wrapped` holds; a typed CaseKeyError when its KEK is not configured or it does not open. */
export function unwrapKey(keyring: Keyring, keyId: string, kekId: string, wrapped: Buffer): Buffer {
  const kek = keyring.kek(kekId);
  if (!kek)
    throw new CaseKeyError(
      'kek-unavailable',
      keyId,
      `The data key ${keyId} is wrapped by KEK "${kekId}", which is not configured (COMPLAINT_KEKS).`,
    );
  try {
    return open(kek, wrapped, wrapAad(keyId));
  } catch {
    throw new CaseKeyError(
      'case-key-corrupt',
      keyId,
      `The data key ${keyId} does not unwrap with KEK "${kekId}".`,
    );
  }
}

/**
 * `revalidateMs`: how long a process trusts a key it has read before checking the file again (one
 * stat); another process's destroyCaseKey takes effect here within that time (at once in the
 * destroying process). Encoding and decoding stay free of file I/O in between.
 */
export function fileCaseKeyStore(keysDir: string, keyring: Keyring, revalidateMs = 1000): CaseKeyStore {
  const dir = privateDir(path.join(privateDir(keysDir), 'cases'));
  const fileOf = (keyId: string) => path.join(dir, `${keyId}.json`);
  // Unwrapped keys, with the file identity they came from: a destroy by another process replaces the
  // file (new inode), so each use re-checks it with one stat and forgets a key that is gone.
  const cache = new Map<string, { key: Buffer; ino: number; mtimeMs: number; checkedAt: number }>();
  const creating = new Map<string, Promise<Buffer>>();

  function unwrap(record: KeyFile, keyId: string): Buffer {
    if (record.destroyedAt !== undefined) throw new CaseKeyDestroyedError(keyId, record.destroyedAt);
    if (record.keyId !== keyId || !record.kek || !record.wrapped)
      throw new CaseKeyError('case-key-corrupt', keyId, `The key file ${fileOf(keyId)} is not a data key.`);
    return unwrapKey(keyring, keyId, record.kek, Buffer.from(record.wrapped, 'base64'));
  }

  /** The key, or undefined when no file exists; throws for a tombstone or a broken file. */
  async function load(keyId: string): Promise<Buffer | undefined> {
    const fresh = cache.get(keyId);
    if (fresh && Date.now() - fresh.checkedAt < revalidateMs) return fresh.key;
    const file = fileOf(keyId);
    let stat;
    try {
      stat = await fsp.stat(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      cache.delete(keyId);
      return undefined;
    }
    const cached = cache.get(keyId);
    if (cached && cached.ino === stat.ino && cached.mtimeMs === stat.mtimeMs) {
      cached.checkedAt = Date.now();
      return cached.key;
    }
    cache.delete(keyId);
    let record: KeyFile;
    try {
      record = JSON.parse(await fsp.readFile(file, 'utf8')) as KeyFile;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new CaseKeyError('case-key-corrupt', keyId, `The key file ${file} cannot be read.`);
    }
    const key = unwrap(record, keyId);
    cache.set(keyId, { key, ino: stat.ino, mtimeMs: stat.mtimeMs, checkedAt: Date.now() });
    return key;
  }

  async function create(keyId: string, workflowId: string | undefined): Promise<Buffer> {
    const { kek, wrapped } = newWrappedKey(keyring, keyId);
    const record = {
      v: 1,
      keyId,
      ...(workflowId !== undefined ? { workflowId } : {}),
      kek,
      wrapped: wrapped.toString('base64'),
      createdAt: new Date().toISOString(),
    };
    await createFileExclusive(fileOf(keyId), JSON.stringify(record));
    // Created or not, the file on disk is the key everyone uses.
    const stored = await load(keyId);
    if (!stored) throw new CaseKeyMissingError(keyId, dir);
    return stored;
  }

  async function loadOrCreate(keyId: string, workflowId: string | undefined): Promise<Buffer> {
    const existing = await load(keyId);
    if (existing) return existing;
    let pending = creating.get(keyId);
    if (!pending) {
      pending = create(keyId, workflowId).finally(() => creating.delete(keyId));
      creating.set(keyId, pending);
    }
    return pending;
  }

  return {
    async keyForEncode(workflowId) {
      const id = workflowId === undefined ? SHARED_KEY_ID : caseKeyId(workflowId);
      return { id, key: await loadOrCreate(id, workflowId) };
    },
    async keyForDecode(keyId) {
      if (!isKeyId(keyId)) throw new CaseKeyMissingError(keyId.slice(0, 80), dir);
      const key = await load(keyId);
      if (!key) throw new CaseKeyMissingError(keyId, dir);
      return key;
    },
    async destroyCaseKey(workflowId) {
      const keyId = caseKeyId(workflowId);
      // A tombstone, not a deletion: it says the key was destroyed on purpose (a clear error, not
      // "missing"), and stops a later encode from quietly making a new key for the erased case.
      const tombstone: KeyFile = { v: 1, keyId, destroyedAt: new Date().toISOString() };
      await replaceFilePrivate(fileOf(keyId), JSON.stringify(tombstone));
      cache.delete(keyId);
    },
  };
}
