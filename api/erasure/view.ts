// What the API shows of an erased case: the register's record, never any data of the case.
import type { ErasureRecord } from '../../infra/erasure';
import type { CaseErased } from '../complaints/schemas';

export function erasedView(record: ErasureRecord): CaseErased {
  const { complaintId, erasedAt, erasedBy, reason, keyDestroyed, ledgerEntries } = record;
  return {
    view: 'erased',
    id: complaintId,
    erasure: { erasedAt, erasedBy, reason, keyDestroyed, ledgerEntries },
    links: { self: `/complaints/${complaintId}` },
  };
}
