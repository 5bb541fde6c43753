// The API's shared state in the case store (migration 130): API keys, console sessions,
// idempotency-key fingerprints, rate-limit windows and attachments. Every API process reads and
// writes the same rows, so which process a proxy picks changes nothing. Plain SQL here; the policy
// (what a session is, when to refuse) stays in api/.
import { inTransaction, type Store } from './db';

// ---- API keys

export interface StoredApiKey {
  hash: string;
  role: 'agent' | 'supervisor' | 'operator';
  subject: string;
  name: string;
  createdAt: string;
  revokedAt?: string;
}

interface KeyRow {
  hash: string;
  role: StoredApiKey['role'];
  subject: string;
  name: string;
  created_at: Date;
  revoked_at: Date | null;
}

const keyOf = (r: KeyRow): StoredApiKey => ({
  hash: r.hash,
  role: r.role,
  subject: r.subject,
  name: r.name,
  createdAt: r.created_at.toISOString(),
  ...(r.revoked_at ? { revokedAt: r.revoked_at.toISOString() } : {}),
});

/** The keys that still work (not revoked). */
export async function liveApiKeys(store: Store): Promise<StoredApiKey[]> {
  const { rows } = await store.query<KeyRow>(
    'SELECT hash, role, subject, name, created_at, revoked_at FROM api_keys WHERE revoked_at IS NULL ORDER BY created_at, hash',
  );
  return rows.map(keyOf);
}

/** Every key, revoked ones too (for `npm run keys list`). */
export async function allApiKeys(store: Store): Promise<StoredApiKey[]> {
  const { rows } = await store.query<KeyRow>(
    'SELECT hash, role, subject, name, created_at, revoked_at FROM api_keys ORDER BY created_at, hash',
  );
  return rows.map(keyOf);
}

/**
 * Adds keys by hash; a hash already there (live or revoked) is left as it is, so importing the same
 * file twice, or a file with a key revoked since, changes nothing. Returns the hashes added.
 */
export async function addApiKeys(
  store: Store,
  keys: { hash: string; role: StoredApiKey['role']; subject: string; name: string }[],
): Promise<string[]> {
  const added: string[] = [];
  for (const k of keys) {
    const { rowCount } = await store.query(
      `INSERT INTO api_keys (hash, role, subject, name) VALUES ($1, $2, $3, $4) ON CONFLICT (hash) DO NOTHING`,
      [k.hash, k.role, k.subject, k.name],
    );
    if (rowCount) added.push(k.hash);
  }
  return added;
}

/**
 * Revokes the keys whose hash starts with `prefix` (at least 8 hex digits, one key only) and, in the
 * same transaction, ends their console sessions. Codec URL tokens name their key and are refused
 * once it is revoked (api/codec/routes.ts). Returns the revoked key, or why not.
 */
export async function revokeApiKey(
  store: Store,
  prefix: string,
): Promise<{ revoked: StoredApiKey; sessionsEnded: number } | { error: string }> {
  if (!/^[0-9a-f]{8,64}$/.test(prefix))
    return { error: 'Give at least 8 hex digits of the key’s hash (npm run keys list).' };
  return inTransaction(store, async (client) => {
    const { rows } = await client.query<KeyRow>(
      `SELECT hash, role, subject, name, created_at, revoked_at FROM api_keys WHERE hash LIKE $1 || '%' FOR UPDATE`,
      [prefix],
    );
    if (rows.length === 0) return { error: `No key's hash starts with ${prefix}.` };
    if (rows.length > 1)
      return { error: `${rows.length} keys' hashes start with ${prefix}; give more digits.` };
    const { rows: updated } = await client.query<KeyRow>(
      `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE hash = $1
       RETURNING hash, role, subject, name, created_at, revoked_at`,
      [rows[0].hash],
    );
    const ended = await client.query('DELETE FROM console_sessions WHERE key_id = $1', [
      rows[0].hash.slice(0, 16),
    ]);
    return { revoked: keyOf(updated[0]), sessionsEnded: ended.rowCount ?? 0 };
  });
}

// ---- console sessions

export interface StoredSession {
  keyId: string;
  role: string;
  subject: string;
  name: string;
  csrf: string;
  language?: string;
  timeZone?: string;
  createdMs: number;
  seenMs: number;
  expiresMs: number;
}

interface SessionRow {
  key_id: string;
  role: string;
  subject: string;
  name: string;
  csrf: string;
  language: string | null;
  time_zone: string | null;
  created_ms: number;
  seen_ms: number;
  expires_ms: number;
}

const sessionOf = (r: SessionRow): StoredSession => ({
  keyId: r.key_id,
  role: r.role,
  subject: r.subject,
  name: r.name,
  csrf: r.csrf,
  ...(r.language ? { language: r.language } : {}),
  ...(r.time_zone ? { timeZone: r.time_zone } : {}),
  createdMs: r.created_ms,
  seenMs: r.seen_ms,
  expiresMs: r.expires_ms,
});

export async function insertSession(store: Store, idHash: string, s: StoredSession): Promise<void> {
  await store.query(
    `INSERT INTO console_sessions
       (id_hash, key_id, role, subject, name, csrf, language, time_zone, created_ms, seen_ms, expires_ms)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      idHash,
      s.keyId,
      s.role,
      s.subject,
      s.name,
      s.csrf,
      s.language ?? null,
      s.timeZone ?? null,
      s.createdMs,
      s.seenMs,
      s.expiresMs,
    ],
  );
  // Sessions nobody signed out of go as new ones come (indexed; a few rows at a time).
  await store.query('DELETE FROM console_sessions WHERE expires_ms < $1', [s.createdMs]);
}

/**
 * The session if it is still live at `nowMs` (seen within `idleMs`, before its absolute expiry);
 * its idle clock restarts. An expired one is deleted.
 */
export async function touchSession(
  store: Store,
  idHash: string,
  nowMs: number,
  idleMs: number,
): Promise<StoredSession | undefined> {
  const { rows } = await store.query<SessionRow>(
    `UPDATE console_sessions SET seen_ms = $2
     WHERE id_hash = $1 AND seen_ms >= $2::bigint - $3::bigint AND expires_ms > $2
     RETURNING key_id, role, subject, name, csrf, language, time_zone, created_ms, seen_ms, expires_ms`,
    [idHash, nowMs, idleMs],
  );
  if (rows[0]) return sessionOf(rows[0]);
  await store.query('DELETE FROM console_sessions WHERE id_hash = $1', [idHash]);
  return undefined;
}

export async function updateSessionPreferences(
  store: Store,
  idHash: string,
  prefs: { language?: string; timeZone?: string },
): Promise<void> {
  await store.query(
    `UPDATE console_sessions SET language = coalesce($2, language), time_zone = coalesce($3, time_zone)
     WHERE id_hash = $1`,
    [idHash, prefs.language ?? null, prefs.timeZone ?? null],
  );
}

export async function deleteSession(store: Store, idHash: string): Promise<void> {
  await store.query('DELETE FROM console_sessions WHERE id_hash = $1', [idHash]);
}

// ---- idempotency keys

/** How long a fingerprint is kept: far longer than any client retries a request. */
const IDEMPOTENCY_KEEP = '30 days';

/**
 * Records the body's fingerprint for (scope, key) unless one is there: true when the key is new or
 * was first used with this same fingerprint, false when it was used with another body.
 */
export async function claimIdempotencyKey(
  store: Store,
  scope: string,
  key: string,
  fingerprint: string,
): Promise<boolean> {
  const inserted = await store.query(
    `INSERT INTO idempotency_keys (scope, key, fingerprint) VALUES ($1, $2, $3)
     ON CONFLICT (scope, key) DO NOTHING`,
    [scope, key, fingerprint],
  );
  if (inserted.rowCount) {
    if (Math.random() < 0.01)
      await store.query(
        `DELETE FROM idempotency_keys WHERE created_at < now() - interval '${IDEMPOTENCY_KEEP}'`,
      );
    return true;
  }
  // A separate statement: under READ COMMITTED it sees the row a concurrent first writer committed.
  const { rows } = await store.query<{ fingerprint: string }>(
    'SELECT fingerprint FROM idempotency_keys WHERE scope = $1 AND key = $2',
    [scope, key],
  );
  return rows[0] === undefined || rows[0].fingerprint === fingerprint;
}

// ---- rate limits

/**
 * Adds `cost` hits to `bucket`'s window starting at `windowStart` (ms) and returns the window's
 * total: one atomic UPSERT, so any number of processes count together.
 */
export async function hitRateBucket(
  store: Store,
  bucket: string,
  windowStart: number,
  cost = 1,
): Promise<number> {
  const { rows } = await store.query<{ hits: number }>(
    `INSERT INTO rate_buckets (bucket, window_start, hits) VALUES ($1, $2, $3)
     ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_buckets.hits + EXCLUDED.hits
     RETURNING hits`,
    [bucket, windowStart, cost],
  );
  // The first hit of a window prunes windows long closed (indexed; cheap).
  if (rows[0].hits === cost)
    await store.query('DELETE FROM rate_buckets WHERE window_start < $1', [windowStart - 10 * 60_000]);
  return rows[0].hits;
}

// ---- attachments

/** Stores sealed bytes once (a repeat of the same id keeps the first). */
export async function putAttachment(store: Store, keyId: string, id: string, sealed: Buffer): Promise<void> {
  await store.query(
    'INSERT INTO case_attachments (key_id, id, sealed) VALUES ($1, $2, $3) ON CONFLICT (key_id, id) DO NOTHING',
    [keyId, id, sealed],
  );
}

export async function getAttachment(store: Store, keyId: string, id: string): Promise<Buffer | undefined> {
  const { rows } = await store.query<{ sealed: Buffer }>(
    'SELECT sealed FROM case_attachments WHERE key_id = $1 AND id = $2',
    [keyId, id],
  );
  return rows[0]?.sealed;
}

/** Deletes a case's attachments (its key was destroyed: they can never be read again). */
export async function deleteAttachments(store: Store, keyId: string): Promise<number> {
  const { rowCount } = await store.query('DELETE FROM case_attachments WHERE key_id = $1', [keyId]);
  return rowCount ?? 0;
}
