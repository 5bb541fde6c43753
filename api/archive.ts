// The API's view of the case archive (the case store): a case Temporal has forgotten (after the
// namespace retention, or `temporal workflow delete`) is still answered from its last record, and
// closed cases can be listed from it. Personal data comes only from the sealed case view, opened
// with the case's key: an erased case stays erased.
import type { CaseView } from '../domain/case';
import { CaseKeyDestroyedError, type EncryptionCodec } from '../infra/codec';
import type { ErasureRecord } from '../infra/erasure';
import { openView, readCaseRecord, type Store } from '../infra/store';

export interface ArchiveDeps {
  store: Store;
  /** Opens the sealed case views (the codec of the API's client). */
  codec: EncryptionCodec;
}

export type ArchivedCase =
  { kind: 'case'; view: CaseView; recordedAt: string } | { kind: 'erased'; erasure: ErasureRecord };

export async function archivedCase(
  archive: ArchiveDeps,
  complaintId: string,
): Promise<ArchivedCase | undefined> {
  const record = await readCaseRecord(archive.store, complaintId);
  if (!record) return undefined;
  const erased = (at: string | undefined): ArchivedCase => ({
    kind: 'erased',
    // The register (DATA_DIR/erasures) names who and why; the store knows only that and when.
    erasure: {
      complaintId,
      erasedAt: at ?? record.updatedAt,
      erasedBy: 'unknown',
      reason: 'erased (the erasure register has no entry for this case here)',
      keyDestroyed: true,
      ledgerEntries: 0,
    },
  });
  if (record.erasedAt || !record.personal) return erased(record.erasedAt);
  try {
    return {
      kind: 'case',
      view: await openView(archive.codec, record.personal),
      recordedAt: record.updatedAt,
    };
  } catch (err) {
    if (err instanceof CaseKeyDestroyedError) return erased(err.destroyedAt);
    throw err;
  }
}
