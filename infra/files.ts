// Small file helpers shared by the sandbox's mail store, the e-mail ledger and the secrets in DATA_DIR.
import crypto, { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

// What these files hold (keys, secrets, e-mail recipients, customers' mail) is for this service's
// user alone: files are created 0600, folders 0700, whatever the umask.
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Makes `dir` (and missing parents) 0700; an existing folder of ours is narrowed to 0700 too. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  narrow(dir);
}

export async function ensurePrivateDirAsync(dir: string): Promise<void> {
  await fsp.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  narrow(dir);
}

function narrow(dir: string): void {
  try {
    if ((fs.statSync(dir).mode & 0o077) !== 0) fs.chmodSync(dir, PRIVATE_DIR_MODE);
  } catch {
    // Not ours to change (another owner, a read-only mount): leave it as the operator set it.
  }
}

/** Writes via a synced temporary file and rename: readers see the old or the new file, never a torn one. */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  const handle = await fsp.open(tmp, 'w', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(data, 'utf8');
    // The record must reach the disk before whatever it guards happens (an e-mail send).
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fsp.rename(tmp, file);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
}

/** A random secret made once and kept in `dir/name`, so it stays the same across restarts and processes. */
export function persistentSecret(dir: string, name: string, bytes = 32): string {
  const file = path.join(dir, name);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    ensurePrivateDir(dir);
    const secret = crypto.randomBytes(bytes).toString('base64url');
    try {
      fs.writeFileSync(file, secret, { flag: 'wx', mode: PRIVATE_FILE_MODE });
      return secret;
    } catch {
      return fs.readFileSync(file, 'utf8').trim(); // another process wrote it first
    }
  }
}
