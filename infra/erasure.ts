// Erasure of a closed case's personal data (GDPR art. 17, and storage limitation after the policy's
// retention): the case's data key is destroyed, so its history in Temporal stays but can no longer be
// read (crypto-shredding); the e-mail ledger forgets recipients and subjects; and a register records
// who erased what and when, without the data itself. Every step is idempotent: a retry completes it.
// The register, the ledger and the keys live in the case store, so an erasure through one API is
// seen by every process on every machine.
import type { EmailLedger } from '../activities/email-ledger';
import { pgEmailLedger } from '../activities/email-ledger-pg';
import { complaintWorkflowId } from '../workflows/definitions';
import { destroyCaseKey, type KeySettings } from './codec';
import { eraseCaseRecord, type Store } from './store';

export interface ErasureRecord {
  complaintId: string;
  erasedAt: string;
  /** The supervisor's id, or "retention" for the automatic erasure. */
  erasedBy: string;
  reason: string;
  /** What was erased, for the audit: the data key, and how many ledger entries held recipients. */
  keyDestroyed: boolean;
  ledgerEntries: number;
}

/** The erasure register: one entry per erased case, no personal data. */
export interface ErasureRegister {
  /** The erasure of a case, if it was erased. */
  get(complaintId: string): Promise<ErasureRecord | undefined>;
  /** Records an erasure unless the case has one (first writer wins); returns the entry that stays. */
  add(record: ErasureRecord): Promise<{ record: ErasureRecord; first: boolean }>;
}

export interface ErasureDeps {
  register: ErasureRegister;
  ledger: Pick<EmailLedger, 'forgetCase'>;
  /** Destroys the case's data key; false when there was none (a case of the unencrypted first type). */
  destroyCaseKey(complaintId: string): Promise<boolean>;
  /** Drops the case view from the case store's record (already unreadable without the key). */
  eraseRecord?(complaintId: string): Promise<void>;
}

/**
 * Erases a closed case (the caller checks that it is closed: a running case cannot replay without its
 * key). Erasing again returns the first record, after making sure every step is done.
 */
export async function eraseCase(
  deps: ErasureDeps,
  request: { complaintId: string; by: string; reason: string },
): Promise<{ record: ErasureRecord; first: boolean }> {
  const earlier = await deps.register.get(request.complaintId);
  const keyDestroyed = await deps.destroyCaseKey(request.complaintId);
  const ledgerEntries = await deps.ledger.forgetCase(request.complaintId);
  await deps.eraseRecord?.(request.complaintId);
  if (earlier) return { record: earlier, first: false };
  const record: ErasureRecord = {
    complaintId: request.complaintId,
    erasedAt: new Date().toISOString(),
    erasedBy: request.by,
    reason: request.reason,
    keyDestroyed,
    ledgerEntries,
  };
  // Two erasures at once (two APIs, or a request and the sweep): both did every step; one entry stays.
  return deps.register.add(record);
}

interface ErasureRow {
  complaint_id: string;
  erased_at: Date;
  erased_by: string;
  reason: string;
  key_destroyed: boolean;
  ledger_entries: number;
}

const toRecord = (row: ErasureRow): ErasureRecord => ({
  complaintId: row.complaint_id,
  erasedAt: row.erased_at.toISOString(),
  erasedBy: row.erased_by,
  reason: row.reason,
  keyDestroyed: row.key_destroyed,
  ledgerEntries: row.ledger_entries,
});

/** The register in the case store's table erasures (migration 102). */
export function pgErasureRegister(openStore: () => Promise<Store>): ErasureRegister {
  const get = async (complaintId: string) => {
    const { rows } = await (
      await openStore()
    ).query<ErasureRow>('SELECT * FROM erasures WHERE complaint_id = $1', [complaintId]);
    return rows[0] && toRecord(rows[0]);
  };
  return {
    get,
    async add(record) {
      const { rowCount } = await (
        await openStore()
      ).query(
        `INSERT INTO erasures (complaint_id, erased_at, erased_by, reason, key_destroyed, ledger_entries)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (complaint_id) DO NOTHING`,
        [
          record.complaintId,
          record.erasedAt,
          record.erasedBy,
          record.reason,
          record.keyDestroyed,
          record.ledgerEntries,
        ],
      );
      if (rowCount) return { record, first: true };
      const winner = await get(record.complaintId);
      return winner ? { record: winner, first: false } : { record, first: true };
    },
  };
}

/**
 * The erasure of a deployment, all in the case store (`store`, or a function opening it on first use):
 * the register, the e-mail ledger, the case keys (infra/codec, with `keys`) and the case's record.
 */
export function erasureDeps(keys: KeySettings, store: Store | (() => Promise<Store>)): ErasureDeps {
  const openStore = typeof store === 'function' ? store : () => Promise.resolve(store);
  return {
    eraseRecord: async (complaintId) => eraseCaseRecord(await openStore(), complaintId),
    register: pgErasureRegister(openStore),
    ledger: pgEmailLedger(openStore),
    destroyCaseKey: async (complaintId) => {
      // A tombstone replaces the key (cases of the unencrypted first type get one too, harmlessly).
      await destroyCaseKey(keys, complaintWorkflowId(complaintId));
      return true;
    },
  };
}
