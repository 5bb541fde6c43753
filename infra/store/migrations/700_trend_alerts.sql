-- One word per concept (docs/glossary.md): a trend alert is no longer called a "signal", the word the
-- complaint workflow keeps for a customer's message (a Temporal Signal). Renamed in place, so every
-- alert recorded so far — open ones included, and whether it was e-mailed — is kept.
ALTER TABLE trend_signals RENAME TO trend_alerts;
ALTER INDEX trend_signals_one_open RENAME TO trend_alerts_one_open;
ALTER INDEX trend_signals_detected_at RENAME TO trend_alerts_detected_at;
ALTER TABLE trend_alerts RENAME CONSTRAINT trend_signals_pkey TO trend_alerts_pkey;

-- A process of the release before (an API or a worker not yet restarted) still reads and writes
-- trend_signals until it is: a simple view over the same rows, which PostgreSQL lets it insert into
-- and update through. A later release drops it (docs/case-store.md).
CREATE VIEW trend_signals AS SELECT * FROM trend_alerts;
