-- Trend alerts (domain/insights/trends.ts): every signal the hourly detection found, open until its
-- series falls back below the threshold. No personal data: dimension values, counts, case references.
CREATE TABLE trend_signals (
  -- dimension:key:start — the same change keeps its row and never alerts twice.
  id           text PRIMARY KEY,
  dimension    text NOT NULL,
  key          text NOT NULL,
  value        text NOT NULL,
  started_at   timestamptz NOT NULL,
  detected_at  timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  ended_at     timestamptz,
  -- Set once the head and the quality address were told; NULL: the next run tells them.
  alerted_at   timestamptz,
  evidence     jsonb NOT NULL
);

-- At most one open signal per series, whatever runs at once.
CREATE UNIQUE INDEX trend_signals_one_open ON trend_signals (dimension, key) WHERE ended_at IS NULL;
CREATE INDEX trend_signals_detected_at ON trend_signals (detected_at);
