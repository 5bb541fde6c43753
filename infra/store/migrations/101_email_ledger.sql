-- The e-mail ledger (activities/email-ledger.ts): which e-mails were sent, keyed by the caller's
-- idempotency key, so a retried sendEmail — on this worker or another — sends at most once.
-- status: sending (outcome unknown: Postmark's outbound search decides), sent, rejected.
-- recipient and subject are personal data: erasure sets them to '[erased]' and pruning deletes rows
-- after EMAIL_LEDGER_RETENTION. The per-key lock is an advisory lock on the key's hash, held by the
-- sending worker's connection (it dies with the worker), not a column here.
CREATE TABLE email_ledger (
  idempotency_key   text PRIMARY KEY,
  case_id           text NOT NULL,
  status            text NOT NULL CHECK (status IN ('sending', 'sent', 'rejected')),
  recipient         text NOT NULL,
  tag               text NOT NULL,
  subject           text NOT NULL,
  message_id        text,
  attempts          integer NOT NULL DEFAULT 1,
  first_attempt_at  timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  sent_at           timestamptz,
  last_error        text
);
CREATE INDEX email_ledger_case ON email_ledger (case_id);
CREATE INDEX email_ledger_updated ON email_ledger (updated_at);
