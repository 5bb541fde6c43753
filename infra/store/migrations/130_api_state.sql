-- The API's own state, shared by every API process (issue #16): API keys, console sessions,
-- idempotency-key fingerprints, rate-limit windows and the public form's attachments. Before, each
-- lived in one process's memory or in its DATA_DIR, so two APIs behind a proxy disagreed.

-- Staff API keys: only the SHA-256 of a key is kept. A key is never deleted, only revoked, so an
-- import of an old keys file (ON CONFLICT DO NOTHING) never brings a revoked key back.
CREATE TABLE api_keys (
  hash        text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
  -- The first 16 hex digits: what sessions, codec tokens and rate limits name a key by.
  key_id      text NOT NULL GENERATED ALWAYS AS (left(hash, 16)) STORED,
  role        text NOT NULL CHECK (role IN ('agent', 'supervisor', 'operator')),
  subject     text NOT NULL,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);
CREATE INDEX api_keys_key_id ON api_keys (key_id);

-- Console sessions: the cookie holds a random id, the table its SHA-256 (a dump of the table hands
-- out no live cookies). Times are epoch milliseconds of the API's clock (idle and absolute expiry).
CREATE TABLE console_sessions (
  id_hash     text PRIMARY KEY,
  key_id      text NOT NULL,
  role        text NOT NULL,
  subject     text NOT NULL,
  name        text NOT NULL,
  csrf        text NOT NULL,
  language    text,
  time_zone   text,
  created_ms  bigint NOT NULL,
  seen_ms     bigint NOT NULL,
  expires_ms  bigint NOT NULL
);
CREATE INDEX console_sessions_key ON console_sessions (key_id);
CREATE INDEX console_sessions_expiry ON console_sessions (expires_ms);

-- Idempotency keys of staff actions: (scope, key) -> the fingerprint of the first body; first writer
-- wins, and another body under the same key is refused by every API process.
CREATE TABLE idempotency_keys (
  scope        text NOT NULL,
  key          text NOT NULL,
  fingerprint  text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Fixed-window rate-limit counters (failed authentication, staff requests per key): one row per
-- bucket and window, bumped with one atomic UPSERT; old windows are pruned as new ones open.
CREATE TABLE rate_buckets (
  bucket        text NOT NULL,
  window_start  bigint NOT NULL,
  hits          integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);
CREATE INDEX rate_buckets_window ON rate_buckets (window_start);

-- The public form's attachments: sealed (AES-256-GCM) with the case's data key exactly as the files
-- in <DATA_DIR>/attachments were; name and type are sealed with the content. Erasing the case
-- destroys its key: the rows become unreadable (and are deleted when next asked for).
CREATE TABLE case_attachments (
  key_id      text NOT NULL,
  id          text NOT NULL,
  sealed      bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (key_id, id)
);
