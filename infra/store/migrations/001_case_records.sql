-- The case store's first table: one row per complaint, rewritten at every stage change, kept for good.
-- Countable columns in clear (no personal data); the case view sealed with the case's own key.
CREATE TABLE case_records (
  complaint_id           text PRIMARY KEY,
  reference              text NOT NULL,
  -- Grows with every change of the case: an older write never replaces a newer one.
  version                bigint NOT NULL,
  stage                  text NOT NULL,
  owner_id               text NOT NULL,
  category               text NOT NULL,
  priority               text NOT NULL,
  language               text NOT NULL,
  channel                text NOT NULL,
  product_sku            text,
  product_name           text,
  supplier               text,
  carrier                text,
  location               text,
  incident_at            timestamptz,
  received_at            timestamptz NOT NULL,
  closed_at              timestamptz,
  closure                text,
  root_cause_category    text,
  responsible_party_kind text,
  escalation_level       integer NOT NULL,
  overdue                boolean NOT NULL,
  updated_at             timestamptz NOT NULL,
  -- The CaseSummary (domain/archive/summary.ts): non-personal, what reports count.
  summary                jsonb NOT NULL,
  -- The full case view as a Temporal payload encrypted with the case key (infra/codec); NULL once erased.
  personal               bytea,
  erased_at              timestamptz
);

CREATE INDEX case_records_received_at ON case_records (received_at);
CREATE INDEX case_records_closed_at ON case_records (closed_at);
CREATE INDEX case_records_owner_stage ON case_records (owner_id, stage);
CREATE INDEX case_records_reference ON case_records (reference);

-- The closed case's complete event history (every run of its continue-as-new chain), gzip-compressed
-- JSON as Temporal stores it: payloads stay encrypted with the case key, so an erasure covers it too.
CREATE TABLE case_histories (
  complaint_id   text PRIMARY KEY REFERENCES case_records (complaint_id),
  archived_at    timestamptz NOT NULL,
  workflow_id    text NOT NULL,
  -- Run ids, first to last.
  run_ids        text[] NOT NULL,
  events         integer NOT NULL,
  json_bytes     integer NOT NULL,
  -- NULL when Temporal had forgotten the case before the sweep came (nothing left to archive).
  history_gzip   bytea
);
