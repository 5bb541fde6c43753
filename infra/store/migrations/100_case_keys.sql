-- The data key of each case (infra/codec/pg-case-keys.ts), and the shared key of payloads without a
-- workflow: 32 random bytes wrapped (AES-GCM) by a KEK from the configuration, never stored here.
-- First writer wins: a key is inserted with ON CONFLICT DO NOTHING and everyone reads the row.
-- Crypto-shredding replaces the wrapped key by a tombstone (destroyed_at set, kek and wrapped NULL):
-- a later encode then fails instead of quietly making a new key for the erased case.
-- No personal data: key ids are hashes of workflow ids.
CREATE TABLE case_keys (
  key_id        text PRIMARY KEY,
  -- The KEK that wrapped it (rotation re-wraps; the payloads never change).
  kek           text,
  wrapped       bytea,
  created_at    timestamptz NOT NULL DEFAULT now(),
  destroyed_at  timestamptz,
  CHECK ((destroyed_at IS NULL) = (kek IS NOT NULL AND wrapped IS NOT NULL))
);
