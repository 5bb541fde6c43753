-- The reply addresses of cases (issue #19): replies to a case's e-mails go to
-- <inbound>+<token>@<domain>, with an unguessable token per case instead of the case id. A case has
-- one current token (the partial unique index); rotating retires it, and the next e-mail gets a new
-- one. Retired tokens still find their case, but what comes through them is held for the owner.
-- `legacy`: the case had sent e-mail before it had a token (its replies may come to the old
-- "+<case id>" address, which is then still accepted, from the customer's address only).
-- No personal data: tokens and case ids.
CREATE TABLE reply_addresses (
  token         text PRIMARY KEY,
  complaint_id  text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  retired_at    timestamptz,
  legacy        boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX reply_addresses_current ON reply_addresses (complaint_id) WHERE retired_at IS NULL;
CREATE INDEX reply_addresses_case ON reply_addresses (complaint_id);
