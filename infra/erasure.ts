// Erasure of a closed case's personal data (GDPR art. 17, and storage limitation after the policy's
// retention): the case's data key is destroyed, so its history in Temporal stays but can no longer be
// read (crypto-shredding); the e-mail ledger forgets recipients and subjects; and a register records
// who erased what and when, without the data itself. Every step is idempotent: a retry completes it.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createFileEmailLedger, type EmailLedger } from '../activities/email-ledger';
import { complaintWorkflowId } from '../workflows/definitions';
import { destroyCaseKey, type KeySettings } from './codec';
import { writeFileAtomic } from './files';
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

export interface ErasureDeps {
  /** The register's folder (one file per erased case, no personal data). */
  dir: string;
  ledger: Pick<EmailLedger, 'forgetCase'>;
  /** Destroys the case's data key; false when there was none (a case of the unencrypted first type). */
  destroyCaseKey(complaintId: string): Promise<boolean>;
  /** Drops the case view from the case store's record (already unreadable without the key). */
  eraseRecord?(complaintId: string): Promise<void>;
}

const recordFile = (dir: string, complaintId: string) =>
  path.join(dir, `${complaintId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);

/** The erasure of a case, if it was erased. */
export async function erasureOf(dir: string, complaintId: string): Promise<ErasureRecord | undefined> {
  try {
    return JSON.parse(await fsp.readFile(recordFile(dir, complaintId), 'utf8')) as ErasureRecord;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Erases a closed case (the caller checks that it is closed: a running case cannot replay without its
 * key). Erasing again returns the first record, after making sure every step is done.
 */
export async function eraseCase(
  deps: ErasureDeps,
  request: { complaintId: string; by: string; reason: string },
): Promise<{ record: ErasureRecord; first: boolean }> {
  const earlier = await erasureOf(deps.dir, request.complaintId);
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
  await fsp.mkdir(deps.dir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(recordFile(deps.dir, request.complaintId), JSON.stringify(record, null, 2));
  return { record, first: true };
}

/**
 * The erasure of a deployment: the register in <DATA_DIR>/erasures, the e-mail ledger in
 * <DATA_DIR>/email-ledger (shared by the API and the worker), the case keys (infra/codec) and the
 * case store's record.
 */
export function erasureDeps(dataDir: string, keys: KeySettings, store?: Store): ErasureDeps {
  return {
    eraseRecord: store && ((complaintId) => eraseCaseRecord(store, complaintId)),
    dir: path.join(dataDir, 'erasures'),
    ledger: createFileEmailLedger(path.join(dataDir, 'email-ledger')),
    destroyCaseKey: async (complaintId) => {
      // A tombstone replaces the key (cases of the unencrypted first type get one too, harmlessly).
      await destroyCaseKey(keys, complaintWorkflowId(complaintId));
      return true;
    },
  };
}
