// The e-mail ledger in the case store (table email_ledger, migration 101), shared by every worker on
// every machine: a retry on another worker finds what the first one recorded.
//
// The per-key lock is a session-level advisory lock on a hash of the key, held by one pooled
// connection from before the ledger is read until after the outcome is written, and released (or
// dropped with the connection when the worker dies). The entries themselves are written by plain
// autocommitted statements on that connection: a transaction held across the send would roll back
// the 'sending' mark when the worker dies mid-send, so the retry could not tell "maybe sent" from
// "never tried". (The embedded store serves every connection from one session, where an advisory
// lock excludes no one: there the lock is this process's only; `npm run up` runs one worker.)
import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { Store } from '../infra/store/db';
import {
  ERASED,
  oneAtATime,
  type EmailLedger,
  type EmailLedgerEntry,
  type EmailLedgerSendInfo,
  type EmailLedgerStatus,
} from './email-ledger';

interface Row {
  idempotency_key: string;
  case_id: string;
  status: EmailLedgerStatus;
  recipient: string;
  tag: string;
  subject: string;
  message_id: string | null;
  attempts: number;
  first_attempt_at: Date;
  updated_at: Date;
  sent_at: Date | null;
  last_error: string | null;
}

type Queryable = Pick<PoolClient, 'query'>;

function toEntry(row: Row): EmailLedgerEntry {
  return {
    idempotencyKey: row.idempotency_key,
    caseId: row.case_id,
    status: row.status,
    to: row.recipient,
    tag: row.tag,
    subject: row.subject,
    ...(row.message_id ? { messageId: row.message_id } : {}),
    attempts: row.attempts,
    firstAttemptAt: row.first_attempt_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...(row.sent_at ? { sentAt: row.sent_at.toISOString() } : {}),
    ...(row.last_error ? { lastError: row.last_error } : {}),
  };
}

/** The advisory lock id of a key: 64 bits of its SHA-256 (a collision only serialises two sends). */
export function ledgerLockId(idempotencyKey: string): string {
  return createHash('sha256').update(`email-ledger:${idempotencyKey}`).digest().readBigInt64BE(0).toString();
}

/** Another attempt (on any worker) holds the key's lock: retry later (Temporal does). */
export class EmailLedgerBusyError extends Error {
  constructor(idempotencyKey: string, waitedMs: number) {
    super(`Another attempt is sending the e-mail ${idempotencyKey} (waited ${waitedMs} ms for its lock).`);
    this.name = 'EmailLedgerBusyError';
  }
}

/** One transition of a key's entry: inserted at the first, updated after (attempts carry over). */
async function record(
  db: Queryable,
  key: string,
  info: EmailLedgerSendInfo,
  status: EmailLedgerStatus,
  extra: { messageId?: string; error?: string; attempt?: boolean },
): Promise<EmailLedgerEntry> {
  const { rows } = await db.query<Row>(
    `INSERT INTO email_ledger (idempotency_key, case_id, status, recipient, tag, subject, message_id, sent_at, last_error)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $3 = 'sent' THEN now() END, $8)
     ON CONFLICT (idempotency_key) DO UPDATE SET
       case_id = EXCLUDED.case_id, status = EXCLUDED.status, recipient = EXCLUDED.recipient,
       tag = EXCLUDED.tag, subject = EXCLUDED.subject,
       message_id = COALESCE(EXCLUDED.message_id, email_ledger.message_id),
       sent_at = COALESCE(EXCLUDED.sent_at, email_ledger.sent_at),
       last_error = EXCLUDED.last_error,
       attempts = email_ledger.attempts + CASE WHEN $9 THEN 1 ELSE 0 END,
       updated_at = now()
     RETURNING *`,
    [
      key,
      info.caseId,
      status,
      info.to,
      info.tag,
      info.subject,
      extra.messageId ?? null,
      extra.error ?? null,
      extra.attempt ?? false,
    ],
  );
  return toEntry(rows[0]);
}

function entriesOn(db: () => Promise<Queryable>): Omit<EmailLedger, 'withLock'> {
  return {
    async get(key) {
      const { rows } = await (
        await db()
      ).query<Row>('SELECT * FROM email_ledger WHERE idempotency_key = $1', [key]);
      return rows[0] && toEntry(rows[0]);
    },
    async markSending(key, info) {
      return record(await db(), key, info, 'sending', { attempt: true });
    },
    async markSent(key, messageId, info) {
      return record(await db(), key, info, 'sent', { messageId });
    },
    async markRejected(key, error, info) {
      return record(await db(), key, info, 'rejected', { error });
    },
    async forgetCase(caseId) {
      const { rowCount } = await (
        await db()
      ).query(
        `UPDATE email_ledger SET recipient = $2, subject = $2, last_error = NULL
          WHERE case_id = $1 AND NOT (recipient = $2 AND subject = $2)`,
        [caseId, ERASED],
      );
      return rowCount ?? 0;
    },
  };
}

export interface PgEmailLedger extends EmailLedger {
  /** Deletes entries last touched more than `retentionMs` ago (they name recipients); returns how many. */
  prune(retentionMs: number): Promise<number>;
}

/**
 * `openStore`: the case store (opened on first use, so a worker starts while PostgreSQL is down).
 * `lockWaitMs`: how long an attempt waits for another attempt's lock on the same key before failing
 * (retryably); short, so the wait and a send fit in the activity's timeout.
 */
export function pgEmailLedger(
  openStore: () => Promise<Store>,
  opts: { lockWaitMs?: number } = {},
): PgEmailLedger {
  const lockWaitMs = opts.lockWaitMs ?? 5_000;
  const local = new Map<string, Promise<unknown>>();
  const entries = entriesOn(openStore);

  /** The connection holding the key's advisory lock; undefined while another session holds it. */
  async function tryLock(store: Store, lockId: string): Promise<PoolClient | undefined> {
    const client = await store.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1::bigint) AS locked',
        [lockId],
      );
      if (rows[0].locked) return client;
      client.release();
      return undefined;
    } catch (err) {
      client.release(err as Error);
      throw err;
    }
  }

  const ledger: PgEmailLedger = {
    ...entries,
    withLock(key, fn) {
      // In this process first: one connection per key at most, and the lock on the embedded store.
      return oneAtATime(local, key, async () => {
        const store = await openStore();
        const lockId = ledgerLockId(key);
        const started = Date.now();
        let client: PoolClient | undefined;
        while (!(client = await tryLock(store, lockId))) {
          if (Date.now() - started >= lockWaitMs) throw new EmailLedgerBusyError(key, Date.now() - started);
          await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
        }
        const held = client;
        try {
          return await fn({
            ...entriesOn(() => Promise.resolve(held)),
            withLock: (_k, inner) => inner(ledger),
          });
        } finally {
          // A failed unlock drops the connection: its session, and the lock with it, end.
          await held.query('SELECT pg_advisory_unlock($1::bigint)', [lockId]).then(
            () => held.release(),
            (err: unknown) => held.release(err as Error),
          );
        }
      });
    },
    async prune(retentionMs) {
      const { rowCount } = await (
        await openStore()
      ).query(`DELETE FROM email_ledger WHERE updated_at < now() - make_interval(secs => $1)`, [
        retentionMs / 1000,
      ]);
      return rowCount ?? 0;
    },
  };
  return ledger;
}

/**
 * Prunes the ledger now and then every `intervalMs` (the worker runs this); returns a stop function.
 * A failed run (the store down) is logged and tried again at the next interval.
 */
export function scheduleEmailLedgerPruning(
  ledger: Pick<PgEmailLedger, 'prune'>,
  retentionMs: number,
  opts: { intervalMs?: number; log?: (message: string) => void } = {},
): () => void {
  const log = opts.log ?? ((m: string) => console.log(`[worker] ${m}`));
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= ledger
      .prune(retentionMs)
      .then((removed) => {
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
