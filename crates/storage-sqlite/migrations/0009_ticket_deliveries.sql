-- The e-mail outbox of tickets (docs/adr/0011-ticket-delivery.md): one row
-- per ticket and attendee-link version, so a ticket is never queued twice
-- for the same link; a sender claims rows with a lease.
CREATE TABLE ticket_deliveries (
    id              BLOB PRIMARY KEY,
    event_id        BLOB NOT NULL REFERENCES events (id),
    ticket_id       BLOB NOT NULL REFERENCES tickets (id),
    access_version  INTEGER NOT NULL,
    status          TEXT NOT NULL DEFAULT 'queued'
                    CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    lease_until     INTEGER,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER,
    CONSTRAINT ticket_deliveries_once UNIQUE (ticket_id, access_version)
);
-- What the sender polls: rows that may be due.
CREATE INDEX ticket_deliveries_due ON ticket_deliveries (next_attempt_at)
    WHERE status IN ('queued', 'sending');
CREATE INDEX ticket_deliveries_event ON ticket_deliveries (event_id, created_at DESC);
