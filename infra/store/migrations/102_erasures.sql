-- The erasure register (infra/erasure.ts): who erased which case's personal data, when and why —
-- without the data itself. One row per case; the first erasure's row stays (a repeat only completes
-- the steps). Every API and worker reads it, so an erasure through one is seen by all.
CREATE TABLE erasures (
  complaint_id    text PRIMARY KEY,
  erased_at       timestamptz NOT NULL DEFAULT now(),
  -- The supervisor's id, or "retention" for the automatic erasure.
  erased_by       text NOT NULL,
  reason          text NOT NULL,
  key_destroyed   boolean NOT NULL,
  -- How many ledger entries held a recipient when the case was erased.
  ledger_entries  integer NOT NULL
);
