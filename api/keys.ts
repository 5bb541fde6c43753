// API keys: callers send `Authorization: Bearer <key>`; the server keeps only SHA-256 hashes, in the
// case store's api_keys table (every API process checks the same keys; `npm run keys` adds, lists and
// revokes them). On first start the up command makes development keys (an agent key per owner in
// the roster, one per supervisor, an operator), writes their hashes into the store and prints them;
// the plain keys stay in a git-ignored 0600 file (<DATA_DIR>/dev-api-keys.json), and later starts
// print only their first characters and that file. A keys file of earlier versions (API_KEYS_FILE,
// <DATA_DIR>/api-keys.json) is imported into the store once (importKeyFile).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadRoster } from '../infra/policy-files';
import type { Roster } from '../domain/types';
import { loadConfig } from '../infra/config';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../infra/files';
import { addApiKeys, liveApiKeys, type Store } from '../infra/store';

export const roles = ['agent', 'supervisor', 'operator'] as const;
export type Role = (typeof roles)[number];

export interface ApiKeyRecord {
  /** SHA-256 of the key, hex. */
  hash: string;
  role: Role;
  /** Who this is: the owner id for agents, a person's id for supervisors. */
  subject: string;
  name: string;
}

export interface Principal {
  role: Role;
  subject: string;
  name: string;
  /** Which key it was (a prefix of its hash): rate limits count per key. */
  keyId?: string;
}

/** Where the API finds the keys: a list in tests, the case store (storeKeys) in the product. */
export type KeySource = () => ApiKeyRecord[] | Promise<ApiKeyRecord[]>;

export const hashKey = (key: string): string => crypto.createHash('sha256').update(key).digest('hex');

/** What sessions, codec tokens and rate limits name a key by: the first 16 hex digits of its hash. */
export const keyIdOf = (hash: string): string => hash.slice(0, 16);

/** The keys file of earlier versions (imported into the store once; see importKeyFile). */
export function keysFile(dataDir: string): string {
  return path.join(dataDir, 'api-keys.json');
}

export function loadKeyRecords(file: string): ApiKeyRecord[] {
  if (!fs.existsSync(file)) return [];
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { keys?: ApiKeyRecord[] };
  return (parsed.keys ?? []).filter((k) => roles.includes(k.role) && /^[0-9a-f]{64}$/.test(k.hash));
}

export function authenticate(records: ApiKeyRecord[], key: string | undefined): Principal | undefined {
  if (!key) return undefined;
  const hash = Buffer.from(hashKey(key));
  const found = records.find((r) => {
    const candidate = Buffer.from(r.hash);
    return candidate.length === hash.length && crypto.timingSafeEqual(candidate, hash);
  });
  return found
    ? { role: found.role, subject: found.subject, name: found.name, keyId: keyIdOf(found.hash) }
    : undefined;
}

export interface DevelopmentKeys {
  created: boolean;
  file: string;
  keys: { role: Role; subject: string; name: string; key: string }[];
  /** "role:subject" of the keys made by this call (shown in full once, never again). */
  added: string[];
}

type DevelopmentPerson = { role: Role; subject: string; name: string };

/**
 * Creates development keys (plain keys in dev-api-keys.json; their hashes go into the store with
 * storeDevelopmentKeys). Later starts reuse them, and add keys only for people who joined the
 * roster since.
 */
export function prepareDevelopmentKeys(
  dataDir: string,
  people: DevelopmentPerson[] = defaultDevelopmentPeople(),
): DevelopmentKeys {
  const plainFile = path.join(dataDir, 'dev-api-keys.json');
  let existing: DevelopmentKeys['keys'] = [];
  if (fs.existsSync(plainFile)) {
    existing = (JSON.parse(fs.readFileSync(plainFile, 'utf8')) as { keys: DevelopmentKeys['keys'] }).keys;
  }
  const known = new Set(existing.map((k) => `${k.role}:${k.subject}`));
  const added = people
    .filter((p) => !known.has(`${p.role}:${p.subject}`))
    .map((p) => ({ ...p, key: `cd_${p.role}_${crypto.randomBytes(18).toString('base64url')}` }));
  if (added.length === 0) return { created: false, file: plainFile, keys: existing, added: [] };
  const keys = [...existing, ...added];
  ensurePrivateDir(dataDir);
  writePrivate(
    plainFile,
    JSON.stringify(
      {
        note: 'Development keys only. Delete this file to make new ones (revoke the old ones with npm run keys revoke).',
        keys,
      },
      null,
      2,
    ),
  );
  return {
    created: existing.length === 0,
    file: plainFile,
    keys,
    added: added.map((k) => `${k.role}:${k.subject}`),
  };
}

/** A secret's first characters, enough to tell which one it is; never enough to use it. */
export function maskSecret(secret: string, shown = 12): string {
  return secret.length <= shown + 4 ? '…' : `${secret.slice(0, shown)}…`;
}

/**
 * What the up command prints about the development keys: a key made now in full (this is the one
 * time it is shown), any other masked; the file holds them all.
 */
export function developmentKeyLines(dev: DevelopmentKeys): string[] {
  const fresh = new Set(dev.added);
  const masked = dev.keys.some((k) => !fresh.has(`${k.role}:${k.subject}`));
  return [
    fresh.size > 0 && !masked
      ? `  Development API keys (new; kept in ${dev.file}):`
      : `  Development API keys (all of them in ${dev.file}${fresh.size ? '; new ones in full' : ''}):`,
    ...dev.keys.map((k) => {
      const key = fresh.has(`${k.role}:${k.subject}`) ? k.key : maskSecret(k.key);
      return `    ${k.role.padEnd(10)} ${k.name.padEnd(22)} ${key}`;
    }),
  ];
}

function writePrivate(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, { mode: PRIVATE_FILE_MODE });
  fs.renameSync(tmp, file);
}

/**
 * An agent key for every owner in the roster (their subject is the owner id, which is how the API
 * knows whose cases are theirs), one per supervisor, and an operator. Without a readable roster,
 * just a supervisor and an operator: the up command must still start.
 */
export function defaultDevelopmentPeople(rosterFile = loadConfig().COMPLAINT_ROSTER): DevelopmentPerson[] {
  let roster: Roster | undefined;
  try {
    roster = loadRoster(rosterFile);
  } catch (err) {
    console.warn(`[keys] no agent keys: ${err instanceof Error ? err.message : String(err)}`);
  }
  return [
    ...(roster?.owners ?? []).map((o) => ({ role: 'agent' as const, subject: o.id, name: o.name })),
    ...(roster?.supervisors ?? [{ id: 'supervisor', name: 'Supervisor' }]).map((s) => ({
      role: 'supervisor' as const,
      subject: s.id,
      name: s.name,
    })),
    { role: 'operator', subject: 'operator', name: 'Operator' },
  ];
}

/** Writes the development keys' hashes into the store (a key there already, even revoked, stays as it is). */
export async function storeDevelopmentKeys(store: Store, dev: Pick<DevelopmentKeys, 'keys'>): Promise<number> {
  const added = await addApiKeys(
    store,
    dev.keys.map((k) => ({ hash: hashKey(k.key), role: k.role, subject: k.subject, name: k.name })),
  );
  return added.length;
}

/**
 * Imports a keys file of earlier versions ({ keys: [{ hash, role, subject, name }] }) into the store.
 * Idempotent: a key already there, live or revoked, is left as it is, so importing at every start
 * never brings back a key revoked in the store. Returns how many keys were new; 0 without a file.
 */
export async function importKeyFile(store: Store, file: string): Promise<number> {
  const records = loadKeyRecords(file);
  return records.length ? (await addApiKeys(store, records)).length : 0;
}

/**
 * The live keys in the store, cached for `ttlMs` (a revoked key stops working everywhere within
 * it). While the store cannot be reached the last keys read keep serving for up to `staleMs` (keys
 * cannot be revoked meanwhile either: revoking writes to the store); after that, or with nothing
 * read yet, the caller gets the error (a 503, see api/auth.ts).
 */
export function storeKeys(
  store: Store,
  options: { ttlMs?: number; staleMs?: number; warn?: (message: string) => void; now?: () => number } = {},
): KeySource {
  const ttlMs = options.ttlMs ?? 1000;
  const staleMs = options.staleMs ?? 60_000;
  const now = options.now ?? Date.now;
  let records: ApiKeyRecord[] | undefined;
  let readAt = 0;
  let failedAt = 0;
  let pending: Promise<ApiKeyRecord[]> | undefined;
  const read = () =>
    (pending ??= liveApiKeys(store)
      .then((keys) => {
        records = keys.map(({ hash, role, subject, name }) => ({ hash, role, subject, name }));
        readAt = now();
        return records;
      })
      .catch((err: unknown) => {
        failedAt = now();
        if (records && now() - readAt < staleMs) {
          options.warn?.(`API keys: the case store did not answer, using the keys read ${now() - readAt} ms ago`);
          return records;
        }
        throw err;
      })
      .finally(() => {
        pending = undefined;
      }));
  return () => {
    const t = now();
    if (records && t - readAt < ttlMs) return records;
    // Just failed: do not make every request wait for the store again; serve what we have.
    if (records && t - failedAt < ttlMs && t - readAt < staleMs) return records;
    return read();
  };
}
