// API keys: callers send `Authorization: Bearer <key>`; the server keeps only SHA-256 hashes.
// On first start the up command makes development keys (one per role, and one per owner in the
// roster) and prints them; the plain keys stay in a git-ignored file so later starts show them too.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

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
  return found ? { role: found.role, subject: found.subject, name: found.name } : undefined;
}

export interface DevelopmentKeys {
  created: boolean;
  file: string;
  keys: { role: Role; subject: string; name: string; key: string }[];
}

/** Creates development keys once (hashes in api-keys.json, plain keys in dev-api-keys.json). */
export function prepareDevelopmentKeys(
  dataDir: string,
  people: { role: Role; subject: string; name: string }[] = defaultDevelopmentPeople(),
): DevelopmentKeys {
  const plainFile = path.join(dataDir, 'dev-api-keys.json');
  if (fs.existsSync(plainFile) && fs.existsSync(keysFile(dataDir))) {
    const keys = (JSON.parse(fs.readFileSync(plainFile, 'utf8')) as { keys: DevelopmentKeys['keys'] }).keys;
    return { created: false, file: plainFile, keys };
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const keys = people.map((p) => ({ ...p, key: `cd_${p.role}_${crypto.randomBytes(18).toString('base64url')}` }));
  const records: ApiKeyRecord[] = keys.map((k) => ({ hash: hashKey(k.key), role: k.role, subject: k.subject, name: k.name }));
  fs.writeFileSync(keysFile(dataDir), JSON.stringify({ keys: records }, null, 2), { mode: 0o600 });
  fs.writeFileSync(plainFile, JSON.stringify({ note: 'Development keys only. Delete this file and api-keys.json to make new ones.', keys }, null, 2), {
    mode: 0o600,
  });
  return { created: true, file: plainFile, keys };
}

/** One key per role; agents are bound to owners of the shipped roster. */
function defaultDevelopmentPeople(): { role: Role; subject: string; name: string }[] {
  // Kept in step with policy/roster.json by a unit test.
  return [
    { role: 'supervisor', subject: 'supervisor', name: 'Supervisor' },
    { role: 'operator', subject: 'operator', name: 'Operator' },
  ];
}
