// A durable record of which e-mails were sent, keyed by the caller's idempotency key. Postmark has no
// idempotency key of its own and activities run at least once, so this ledger is what makes a retried
// sendEmail a no-op. Workers keep it in the case store (email-ledger-pg.ts), shared by every machine;
// the file ledger here (one small JSON file per key, replaced atomically) serves a single process
// without a case store (workflow tests and benchmarks).
import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { ensurePrivateDirAsync, writeFileAtomic } from '../infra/files';

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
  /**
   * Runs fn with no other withLock(sameKey) running (in this process; with the case store, on any
   * machine); fn reads and writes the key's entry through the ledger it is given.
   */
  withLock<T>(idempotencyKey: string, fn: (locked: EmailLedger) => Promise<T>): Promise<T>;
}

/** What an erased entry holds instead of the recipient and the subject. */
export const ERASED = '[erased]';

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

  withLock<T>(idempotencyKey: string, fn: (locked: EmailLedger) => Promise<T>): Promise<T> {
    return oneAtATime(this.locks, idempotencyKey, () => fn(this));
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

/** Runs fn after every earlier call with the same key in `locks` has settled. */
export async function oneAtATime<T>(
  locks: Map<string, Promise<unknown>>,
  key: string,
  fn: () => Promise<T>,
): Promise<T> {
  const previous = locks.get(key) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(fn);
  locks.set(key, run);
  try {
    return await run;
  } finally {
    // Forget the key once nobody queued behind us, so the map does not grow forever.
    if (locks.get(key) === run) locks.delete(key);
  }
}

export function createFileEmailLedger(dir: string): EmailLedger {
  return new FileEmailLedger(dir);
}
