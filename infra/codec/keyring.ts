// Key-encryption keys (KEKs): they wrap each case's data key and never touch a payload themselves.
// Production names them in COMPLAINT_KEKS ("id:base64,id:base64", from a secret manager) and the one
// that wraps new case keys in COMPLAINT_KEK_ID; the others stay to unwrap older cases' keys (rotation).
// Without COMPLAINT_KEKS, development KEKs are generated into <keys dir>/kek/<id>.key (0600, folder
// 0700) and every KEK found there stays usable.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { privateDir } from '../files';
import { KEY_BYTES } from './aes';

export interface Keyring {
  /** The KEK that wraps new case keys. */
  currentId: string;
  kek(id: string): Buffer | undefined;
  ids(): string[];
}

export const KEK_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const DEFAULT_DEV_KEK_ID = 'dev-1';

/** Parses COMPLAINT_KEKS; throws naming the entry that is wrong (never printing a key). */
export function parseKeks(spec: string): Map<string, Buffer> {
  const keks = new Map<string, Buffer>();
  for (const [i, entry] of spec.split(',').entries()) {
    const trimmed = entry.trim();
    if (!trimmed) continue;
    const colon = trimmed.indexOf(':');
    const id = colon > 0 ? trimmed.slice(0, colon) : '';
    if (!KEK_ID_PATTERN.test(id)) throw new Error(`COMPLAINT_KEKS entry ${i + 1}: expected "id:base64-key"`);
    const key = Buffer.from(trimmed.slice(colon + 1), 'base64');
    if (key.length !== KEY_BYTES)
      throw new Error(`COMPLAINT_KEKS entry "${id}": the key must be ${KEY_BYTES} bytes in base64`);
    if (keks.has(id)) throw new Error(`COMPLAINT_KEKS names "${id}" twice`);
    keks.set(id, key);
  }
  if (keks.size === 0) throw new Error('COMPLAINT_KEKS names no key');
  return keks;
}

export function fixedKeyring(keks: Map<string, Buffer>, currentId?: string): Keyring {
  const current = currentId ?? (keks.size === 1 ? [...keks.keys()][0] : undefined);
  if (!current) throw new Error('COMPLAINT_KEK_ID must name the current KEK when COMPLAINT_KEKS has several');
  if (!keks.has(current)) throw new Error(`COMPLAINT_KEK_ID "${current}" is not in COMPLAINT_KEKS`);
  return { currentId: current, kek: (id) => keks.get(id), ids: () => [...keks.keys()] };
}

/**
 * Development KEKs in `<keysDir>/kek/`: the current one is created if missing (exclusively, so two
 * processes starting together agree on it); all of them are read, so rotating keeps old cases readable.
 */
export function developmentKeyring(keysDir: string, currentId = DEFAULT_DEV_KEK_ID): Keyring {
  if (!KEK_ID_PATTERN.test(currentId)) throw new Error(`COMPLAINT_KEK_ID "${currentId}" is not a valid id`);
  const dir = privateDir(path.join(privateDir(keysDir), 'kek'));
  const file = path.join(dir, `${currentId}.key`);
  if (!fs.existsSync(file)) {
    // Written under a temporary name and linked into place: a process starting at the same moment
    // sees no file or the whole key, and link's EEXIST means another process made it first.
    const tmp = `${file}.${process.pid}.${crypto.randomUUID()}.tmp`;
    fs.writeFileSync(tmp, crypto.randomBytes(KEY_BYTES).toString('base64'), { flag: 'wx', mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  const keks = new Map<string, Buffer>();
  const read = (id: string): Buffer | undefined => {
    if (!KEK_ID_PATTERN.test(id)) return undefined;
    const cached = keks.get(id);
    if (cached) return cached;
    try {
      const key = Buffer.from(fs.readFileSync(path.join(dir, `${id}.key`), 'utf8').trim(), 'base64');
      if (key.length !== KEY_BYTES)
        throw new Error(`${path.join(dir, `${id}.key`)} is not a ${KEY_BYTES}-byte key`);
      keks.set(id, key);
      return key;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  };
  if (!read(currentId)) throw new Error(`the development KEK ${file} could not be read`);
  return {
    currentId,
    kek: read,
    ids: () =>
      fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.key'))
        .map((f) => f.slice(0, -4)),
  };
}
