-- Throttle counters while Redis is unreachable: every instance keeps
-- counting in one place, so limits do not multiply by the number of
-- instances. Keys are digests (no address or e-mail is stored); a counter
-- lives until the end of its window and is purged after.
CREATE TABLE rate_counters (
    key        TEXT PRIMARY KEY,
    hits       BIGINT NOT NULL,
    window_end TIMESTAMPTZ NOT NULL
);
CREATE INDEX rate_counters_window_end ON rate_counters (window_end);
