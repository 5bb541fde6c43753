// The public form's tokens, each used once, in the case store (migration 400): any number of API
// processes share them, and a restart forgets nothing. A form token's nonce is claimed by the first
// submission with a fingerprint of its content; what a repeat may do is decided from that claim.
import type { Store } from './db';

export type FormClaim =
  /** This submission is the token's first. */
  | { first: true }
  /** The token was used before: for this content (a double click, a retry) or for other content. */
  | { first: false; sameContent: boolean; complaintId: string };

/** Longer than any form token lives (24 h): a row is never needed after that. */
const KEEP = '2 days';

export async function claimFormToken(
  store: Store,
  claim: { nonce: string; fingerprint: string; complaintId: string },
): Promise<FormClaim> {
  const inserted = await store.query(
    `INSERT INTO form_submissions (nonce, fingerprint, complaint_id) VALUES ($1, $2, $3)
     ON CONFLICT (nonce) DO NOTHING RETURNING nonce`,
    [claim.nonce, claim.fingerprint, claim.complaintId],
  );
  if (inserted.rowCount) {
    // Expired tokens' rows go with the claims of new ones (indexed; a handful at a time).
    await store.query(`DELETE FROM form_submissions WHERE submitted_at < now() - interval '${KEEP}'`);
    return { first: true };
  }
  const { rows } = await store.query<{ fingerprint: string; complaint_id: string }>(
    'SELECT fingerprint, complaint_id FROM form_submissions WHERE nonce = $1',
    [claim.nonce],
  );
  // Gone between the two statements (pruned: the token is long expired): nothing may reuse it.
  if (!rows[0]) return { first: false, sameContent: false, complaintId: claim.complaintId };
  return {
    first: false,
    sameContent: rows[0].fingerprint === claim.fingerprint,
    complaintId: rows[0].complaint_id,
  };
}
