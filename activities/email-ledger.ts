// A durable record of which e-mails were sent, keyed by the caller's idempotency key. Postmark has no
// idempotency key of its own and activities run at least once, so this ledger is what makes a retried
// sendEmail a no-op. One small JSON file per key, replaced atomically (write, fsync, rename).
import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { ensurePrivateDirAsync, writeFileAtomic } from '../infra/files';
import { fromRoot } from '../infra/paths';

/**
 * sending: a send was attempted and its outcome is unknown (it may have reached Postmark).
 * sent: Postmark accepted it; messageId is set.
 * rejected: Postmark definitively refused it (4xx), so nothing went out.
 */
export type EmailLedgerStatus = 'sending' | 'sent' | 'rejected';

export interface EmailLedgerEntry {
  idempotencyKey: string;
  caseId: string;
  status: EmailLedgerStatus;
  to: string;
  tag: string;
  subject: string;
  messageId?: string;
  /** How many times a send to Postmark was started for this key. */
  attempts: number;
  firstAttemptAt: string;
  updatedAt: string;
  sentAt?: string;
  lastError?: string;
}

export interface EmailLedgerSendInfo {
  caseId: string;
  to: string;
  tag: string;
  subject: string;
}

export interface EmailLedger {
  get(idempotencyKey: string): Promise<EmailLedgerEntry | undefined>;
  /** Records that a send is about to start; must be durable before the send begins. */
  markSending(idempotencyKey: string, info: EmailLedgerSendInfo): Promise<EmailLedgerEntry>;
  markSent(idempotencyKey: string, messageId: string, info: EmailLedgerSendInfo): Promise<EmailLedgerEntry>;
  markRejected(idempotencyKey: string, error: string, info: EmailLedgerSendInfo): Promise<EmailLedgerEntry>;
  /**
   * Erasure: every entry of the case keeps its key and status (so a late retry still never sends
   * twice) but loses the recipient and the subject. Returns how many entries held them.
   */
  forgetCase(caseId: string): Promise<number>;
  /** Runs fn with no other withLock(sameKey) running in this process. */
  withLock<T>(idempotencyKey: string, fn: () => Promise<T>): Promise<T>;
}

/** What an erased entry holds instead of the recipient and the subject. */
export const ERASED = '[erased]';

export const defaultEmailLedgerDir = (): string =>
  process.env.DATA_DIR ? path.join(process.env.DATA_DIR, 'email-ledger') : fromRoot('data', 'email-ledger');

export class FileEmailLedger implements EmailLedger {
  private readonly locks = new Map<string, Promise<unknown>>();
  private ready: Promise<unknown> | undefined;

  constructor(readonly dir: string) {}

  /** Keys become file names through a hash: they may hold ':' or '/' and be of any length. */
  fileFor(idempotencyKey: string): string {
    return path.join(this.dir, `${createHash('sha256').update(idempotencyKey).digest('hex')}.json`);
  }

  async get(idempotencyKey: string): Promise<EmailLedgerEntry | undefined> {
    let text: string;
    try {
      text = await fsp.readFile(this.fileFor(idempotencyKey), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    try {
      return JSON.parse(text) as EmailLedgerEntry;
    } catch {
      // Cannot happen with atomic writes short of disk damage; if it does, "outcome unknown" is the
      // safe reading: the caller then checks Postmark before sending again.
      const now = new Date().toISOString();
      return {
        idempotencyKey,
        caseId: '',
        status: 'sending',
        to: '',
        tag: '',
        subject: '',
        attempts: 0,
        firstAttemptAt: now,
        updatedAt: now,
        lastError: 'ledger entry was unreadable',
      };
    }
  }

  async markSending(idempotencyKey: string, info: EmailLedgerSendInfo): Promise<EmailLedgerEntry> {
    return this.record(idempotencyKey, info, 'sending', (previous) => ({
      attempts: (previous?.attempts ?? 0) + 1,
    }));
  }

  async markSent(
    idempotencyKey: string,
    messageId: string,
    info: EmailLedgerSendInfo,
  ): Promise<EmailLedgerEntry> {
    return this.record(idempotencyKey, info, 'sent', (_previous, now) => ({ messageId, sentAt: now }));
  }

  async markRejected(
    idempotencyKey: string,
    error: string,
    info: EmailLedgerSendInfo,
  ): Promise<EmailLedgerEntry> {
    return this.record(idempotencyKey, info, 'rejected', () => ({ lastError: error }));
  }

  async withLock<T>(idempotencyKey: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(idempotencyKey) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(fn);
    this.locks.set(idempotencyKey, run);
    try {
      return await run;
    } finally {
      // Forget the key once nobody queued behind us, so the map does not grow forever.
      if (this.locks.get(idempotencyKey) === run) this.locks.delete(idempotencyKey);
    }
  }

  async forgetCase(caseId: string): Promise<number> {
    let names: string[];
    try {
      names = await fsp.readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
    let forgotten = 0;
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      let entry: EmailLedgerEntry;
      try {
        entry = JSON.parse(await fsp.readFile(path.join(this.dir, name), 'utf8')) as EmailLedgerEntry;
      } catch {
        continue; // unreadable or gone meanwhile: nothing of the case to forget there
      }
      if (entry.caseId !== caseId || (entry.to === ERASED && entry.subject === ERASED)) continue;
      await this.withLock(entry.idempotencyKey, () =>
        this.write({ ...entry, to: ERASED, subject: ERASED, lastError: undefined }),
      );
      forgotten++;
    }
    return forgotten;
  }

  /** One transition of a key's entry; attempts and the first attempt carry over from the previous one. */
  private async record(
    idempotencyKey: string,
    info: EmailLedgerSendInfo,
    status: EmailLedgerStatus,
    fields: (previous: EmailLedgerEntry | undefined, now: string) => Partial<EmailLedgerEntry>,
  ): Promise<EmailLedgerEntry> {
    const previous = await this.get(idempotencyKey);
    const now = new Date().toISOString();
    return this.write({
      ...info,
      idempotencyKey,
      status,
      attempts: previous?.attempts ?? 1,
      firstAttemptAt: previous?.firstAttemptAt ?? now,
      updatedAt: now,
      ...fields(previous, now),
    });
  }

  private async write(entry: EmailLedgerEntry): Promise<EmailLedgerEntry> {
    this.ready ??= ensurePrivateDirAsync(this.dir).catch((err: unknown) => {
      this.ready = undefined; // try again next time instead of remembering the failure
      throw err;
    });
    await this.ready;
    await writeFileAtomic(this.fileFor(entry.idempotencyKey), JSON.stringify(entry, null, 2));
    return entry;
  }
}

export interface PruneResult {
  removed: number;
  kept: number;
}

/**
 * Removes ledger entries last touched before `now - retentionMs` (and temporary files a crash left
 * behind). Entries name recipients and subjects: they must not outlive the cases in Temporal. An
 * entry still in use is rewritten at every attempt, so it is never that old.
 */
export async function pruneEmailLedger(
  dir: string,
  retentionMs: number,
  now: number = Date.now(),
): Promise<PruneResult> {
  const cutoff = now - retentionMs;
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { removed: 0, kept: 0 };
    throw err;
  }
  let removed = 0;
  let kept = 0;
  for (const name of names) {
    if (!/\.json$|\.tmp$/.test(name)) continue;
    const file = path.join(dir, name);
    try {
      const stat = await fsp.stat(file);
      let touched = stat.mtimeMs;
      if (name.endsWith('.json')) {
        // The entry's own time, unless it is unreadable (then its file's time decides).
        const updated = Date.parse(entryTime(await fsp.readFile(file, 'utf8')));
        if (!Number.isNaN(updated)) touched = updated;
      }
      if (touched >= cutoff) {
        kept++;
        continue;
      }
      // Rewritten since we read it (a send of a long-running case): keep it.
      if ((await fsp.stat(file)).mtimeMs !== stat.mtimeMs) {
        kept++;
        continue;
      }
      await fsp.rm(file, { force: true });
      removed++;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue; // removed or renamed meanwhile
      throw err;
    }
  }
  return { removed, kept };
}

function entryTime(text: string): string {
  try {
    const entry = JSON.parse(text) as Partial<EmailLedgerEntry>;
    return typeof entry.updatedAt === 'string' ? entry.updatedAt : '';
  } catch {
    return '';
  }
}

/**
 * Prunes the ledger now and then every `intervalMs` (the worker runs this); returns a stop function.
 * A failed run is logged and tried again at the next interval.
 */
export function scheduleEmailLedgerPruning(
  dir: string,
  retentionMs: number,
  opts: { intervalMs?: number; log?: (message: string) => void } = {},
): () => void {
  const log = opts.log ?? ((m: string) => console.log(`[worker] ${m}`));
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= pruneEmailLedger(dir, retentionMs)
      .then(({ removed }) => {
        if (removed) log(`e-mail ledger: removed ${removed} entries older than the retention`);
      })
      .catch((err: unknown) =>
        log(`e-mail ledger pruning failed: ${err instanceof Error ? err.message : String(err)}`),
      )
      .finally(() => {
        running = undefined;
      });
  };
  run();
  const timer = setInterval(run, opts.intervalMs ?? 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}

export function createFileEmailLedger(dir: string = defaultEmailLedgerDir()): EmailLedger {
  return new FileEmailLedger(dir);
}
