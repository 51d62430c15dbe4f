-- Throttle counters while Redis is unreachable (see the PostgreSQL
-- migration of the same number). Times in microseconds since the epoch.
CREATE TABLE rate_counters (
    key        TEXT PRIMARY KEY,
    hits       INTEGER NOT NULL,
    window_end INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX rate_counters_window_end ON rate_counters (window_end);
