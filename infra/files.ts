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

/**
 * Writes `data` to a new private temporary file beside `file` and syncs it, so that what is renamed
 * or linked into place next is whole on disk before whatever it guards happens (an e-mail send).
 */
async function syncedTemp(file: string, data: string): Promise<string> {
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  const handle = await fsp.open(tmp, 'wx', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return tmp;
}

/** Writes via a synced temporary file and rename: readers see the old or the new file, never a torn one. */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const tmp = await syncedTemp(file, data);
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

/** A folder only this user can read (0700), created if missing and tightened if it exists. */
export function privateDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700); // mkdir's mode is masked by the umask, and an old folder may be wider
  return dir;
}

/** fsyncs a folder, so a file just linked or renamed into it survives a crash. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Creates `file` (0600) with `data` only if it does not exist, atomically across processes: the
 * content is written and synced under a temporary name, then hard-linked into place (link fails
 * with EEXIST when another process won), so nobody ever reads a half-written file.
 * Returns false when the file already existed (read it: the other process's content counts).
 */
export async function createFileExclusive(file: string, data: string): Promise<boolean> {
  const tmp = await syncedTemp(file, data);
  try {
    await fsp.link(tmp, file);
    await syncDir(path.dirname(file));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await fsp.rm(tmp, { force: true });
  }
}

/** writeFileAtomic for keys: the folder is synced after the rename, so the new name survives a crash. */
export async function replaceFilePrivate(file: string, data: string): Promise<void> {
  await writeFileAtomic(file, data);
  await syncDir(path.dirname(file));
}
