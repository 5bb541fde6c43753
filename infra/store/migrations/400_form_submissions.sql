-- The public form's tokens, each used once (issue #19): the first submission of a form token claims
-- it with a fingerprint of its content; a repeat with the same content finds the same case (no new
-- link), one with other content is refused. Shared by every API process. No personal data: the
-- token's nonce, a hash of the content and the case's id. Rows go two days after the token expired.
CREATE TABLE form_submissions (
  nonce         text PRIMARY KEY,
  fingerprint   text NOT NULL,
  complaint_id  text NOT NULL,
  submitted_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX form_submissions_submitted_at ON form_submissions (submitted_at);
