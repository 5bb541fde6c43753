// Reply addresses in the case store (migration 401): each case's e-mails carry an unguessable token
// after the "+" of the inbound address, so a reply finds its case without naming it (case ids are in
// links and staff e-mails; tokens are only in what the customer receives). The worker's e-mail
// activity takes the case's current token (made on first use); the inbound webhook resolves a
// token back to its case; an owner or supervisor can retire it (the next e-mail gets a new one).
import crypto from 'node:crypto';
import type { Store } from './db';

/** 26 characters of base32 (130 bits), lower case: e-mail software may lower-case a local part. */
export const REPLY_TOKEN = /^[a-z2-7]{26}$/;

function newToken(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = crypto.randomBytes(26);
  return Array.from(bytes, (b) => alphabet[b & 31]).join('');
}

/**
 * The case's current reply token, made when it has none. `purpose` is what the e-mail is for: a case
 * whose first token comes with a later e-mail than the acknowledgement sent e-mail before tokens
 * existed (with "+<case id>" reply addresses), which stay accepted for it.
 */
export async function currentReplyToken(store: Store, complaintId: string, purpose: string): Promise<string> {
  const existing = await store.query<{ token: string }>(
    'SELECT token FROM reply_addresses WHERE complaint_id = $1 AND retired_at IS NULL',
    [complaintId],
  );
  if (existing.rows[0]) return existing.rows[0].token;
  await store.query(
    `INSERT INTO reply_addresses (token, complaint_id, legacy)
     SELECT $1, $2, $3::boolean AND NOT EXISTS (SELECT 1 FROM reply_addresses WHERE complaint_id = $2)
     ON CONFLICT (complaint_id) WHERE retired_at IS NULL DO NOTHING`,
    [newToken(), complaintId, purpose !== 'acknowledgement'],
  );
  // Whoever won a race (the API's and another worker's), every caller gets the same token.
  const { rows } = await store.query<{ token: string }>(
    'SELECT token FROM reply_addresses WHERE complaint_id = $1 AND retired_at IS NULL',
    [complaintId],
  );
  if (!rows[0]) throw new Error(`No reply token could be made for case ${complaintId}.`);
  return rows[0].token;
}

/** Where an inbound e-mail's MailboxHash leads: its case, and whether that address is current. */
export interface ReplyRoute {
  complaintId: string;
  /** 'retired': a rotated token, or a case-id address of a case that never issued one. */
  address: 'current' | 'retired';
}

/**
 * The case of a MailboxHash: a token (current or retired), or — for e-mail sent before tokens — a
 * case id, accepted as current only for a case that sent e-mail before it had a token (or has none
 * yet); for any other case a case-id address was never issued, so what comes through it is held.
 */
export async function replyRoute(
  store: Store,
  hash: string,
  isComplaintId: (hash: string) => boolean,
): Promise<ReplyRoute | undefined> {
  const token = hash.trim().toLowerCase();
  if (REPLY_TOKEN.test(token)) {
    const { rows } = await store.query<{ complaint_id: string; retired_at: Date | null }>(
      'SELECT complaint_id, retired_at FROM reply_addresses WHERE token = $1',
      [token],
    );
    if (!rows[0]) return undefined;
    return { complaintId: rows[0].complaint_id, address: rows[0].retired_at ? 'retired' : 'current' };
  }
  const id = hash.trim();
  if (!isComplaintId(id)) return undefined;
  const { rows } = await store.query<{ tokens: number; legacy: boolean }>(
    `SELECT count(*)::int AS tokens, coalesce(bool_or(legacy), false) AS legacy
     FROM reply_addresses WHERE complaint_id = $1`,
    [id],
  );
  const { tokens, legacy } = rows[0] ?? { tokens: 0, legacy: false };
  return { complaintId: id, address: tokens === 0 || legacy ? 'current' : 'retired' };
}

/**
 * Retires the case's current token (if any) and its old case-id address: the next e-mail carries a
 * new token, and what comes through the old addresses is held for the owner. Answers whether a
 * token was current.
 */
export async function retireReplyToken(store: Store, complaintId: string): Promise<boolean> {
  const { rows } = await store.query<{ current: boolean }>(
    `UPDATE reply_addresses SET retired_at = coalesce(retired_at, now()), legacy = false
     WHERE complaint_id = $1 RETURNING (retired_at = now()) AS current`,
    [complaintId],
  );
  // A case without a token yet: a retired one stands for its old case-id address.
  if (!rows.length)
    await store.query(
      `INSERT INTO reply_addresses (token, complaint_id, retired_at, legacy) VALUES ($1, $2, now(), false)`,
      [newToken(), complaintId],
    );
  return rows.some((r) => r.current);
}
