-- The staff console's worklist (the queue, the approvals inbox, search, the operator view) is read
-- from the case records: what each record write now adds (domain/archive/worklist.ts). In clear, as
-- no personal data: times, the next deadline's name, the attention reasons. The personal part only
-- sealed with the case key (brief: name, e-mail, phone, subject) or as keyed blind-index tokens
-- (search_tokens, infra/store/search-index.ts); the erasure sets both to NULL with `personal`.
-- Records written before this migration have NULLs here until the case's next record.
ALTER TABLE case_records
  ADD COLUMN started_at            timestamptz,
  ADD COLUMN next_deadline_at      timestamptz,
  ADD COLUMN next_deadline_name    text,
  -- NULL: the case did not say (it started before the workflow's patch 'record-queue').
  ADD COLUMN attention             text[],
  ADD COLUMN task_due_at           timestamptz,
  ADD COLUMN open_tasks            integer,
  ADD COLUMN approval_kind         text,
  ADD COLUMN approval_requested_at timestamptz,
  ADD COLUMN customer_message_at   timestamptz,
  ADD COLUMN staff_action_at       timestamptz,
  ADD COLUMN brief                 bytea,
  ADD COLUMN search_tokens         text[];

-- Open cases by owner, earliest deadline first: the queue, the approvals inbox, the operator view.
CREATE INDEX case_records_open ON case_records (owner_id, next_deadline_at) WHERE stage <> 'closed';
CREATE INDEX case_records_search ON case_records USING gin (search_tokens);
