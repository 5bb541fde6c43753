// API keys: callers send `Authorization: Bearer <key>`; the server keeps only SHA-256 hashes.
// On first start the up command makes development keys (an agent key per owner in the roster, one
// per supervisor, an operator) and prints them; the plain keys stay in a git-ignored 0600 file
// (<DATA_DIR>/dev-api-keys.json), and later starts print only their first characters and that file.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadRoster } from '../infra/policy-files';
import type { Roster } from '../domain/types';
import { loadConfig } from '../infra/config';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../infra/files';

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

export const hashKey = (key: string): string => crypto.createHash('sha256').update(key).digest('hex');

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
    ? { role: found.role, subject: found.subject, name: found.name, keyId: found.hash.slice(0, 16) }
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
 * Creates development keys (hashes in api-keys.json, plain keys in dev-api-keys.json). Later starts
 * reuse them, and add keys only for people who joined the roster since.
 */
export function prepareDevelopmentKeys(
  dataDir: string,
  people: DevelopmentPerson[] = defaultDevelopmentPeople(),
): DevelopmentKeys {
  const plainFile = path.join(dataDir, 'dev-api-keys.json');
  let existing: DevelopmentKeys['keys'] = [];
  if (fs.existsSync(plainFile) && fs.existsSync(keysFile(dataDir))) {
    existing = (JSON.parse(fs.readFileSync(plainFile, 'utf8')) as { keys: DevelopmentKeys['keys'] }).keys;
  }
  const known = new Set(existing.map((k) => `${k.role}:${k.subject}`));
  const added = people
    .filter((p) => !known.has(`${p.role}:${p.subject}`))
    .map((p) => ({ ...p, key: `cd_${p.role}_${crypto.randomBytes(18).toString('base64url')}` }));
  if (added.length === 0) return { created: false, file: plainFile, keys: existing, added: [] };
  const keys = [...existing, ...added];
  ensurePrivateDir(dataDir);
  const records: ApiKeyRecord[] = keys.map((k) => ({
    hash: hashKey(k.key),
    role: k.role,
    subject: k.subject,
    name: k.name,
  }));
  // Keys written by hand (production) stay: only development records are replaced.
  const devHashes = new Set(existing.map((k) => hashKey(k.key)));
  const others = loadKeyRecords(keysFile(dataDir)).filter((r) => !devHashes.has(r.hash));
  writePrivate(keysFile(dataDir), JSON.stringify({ keys: [...others, ...records] }, null, 2));
  writePrivate(
    plainFile,
    JSON.stringify(
      { note: 'Development keys only. Delete this file and api-keys.json to make new ones.', keys },
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

/**
 * The key records the server checks, re-read when the file changes (at most once a second), so a
 * key can be added or revoked without a restart.
 */
export function keyStore(
  file: string,
  warn: (message: string) => void = (m) => console.error(`[api] ${m}`),
): () => ApiKeyRecord[] {
  let records: ApiKeyRecord[] = [];
  let seenMtime = -1;
  let checkedAt = 0;
  return () => {
    const now = Date.now();
    if (now - checkedAt < 1000) return records;
    checkedAt = now;
    let mtime: number;
    try {
      mtime = fs.statSync(file).mtimeMs;
    } catch {
      mtime = 0; // no file: no keys
    }
    if (mtime !== seenMtime) {
      seenMtime = mtime;
      try {
        records = loadKeyRecords(file);
      } catch (err) {
        // A half-edited file keeps the previous keys rather than locking everyone out.
        warn(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return records;
  };
}
