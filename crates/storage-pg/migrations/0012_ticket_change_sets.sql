-- Pack deltas (ADR 0005): an update of tickets notes its position once per
-- statement and event, with the updated tickets' ids in one array, instead
-- of once per ticket (0011). A group of check-ins now writes one row and
-- one index entry, where it wrote a row, two index entries and a
-- foreign-key check per ticket. Rows are as many as updating statements,
-- fewer than the event's audit entries; they go with their event (deleted
-- in the same statement as the event, without a foreign key, so that
-- concurrent groups take no lock on the event's row).
CREATE TABLE ticket_change_sets (
    event_id   UUID NOT NULL,
    change_xid xid8 NOT NULL,
    ticket_ids UUID[] NOT NULL
);
CREATE INDEX ticket_change_sets_event ON ticket_change_sets (event_id, change_xid);

INSERT INTO ticket_change_sets (event_id, change_xid, ticket_ids)
SELECT event_id, change_xid, array_agg(ticket_id ORDER BY ticket_id)
FROM ticket_changes
GROUP BY event_id, change_xid;

CREATE OR REPLACE FUNCTION tickets_note_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ticket_change_sets (event_id, change_xid, ticket_ids)
    SELECT event_id, pg_current_xact_id(), array_agg(id)
    FROM changed_tickets
    GROUP BY event_id;
    RETURN NULL;
END;
$$;

DROP TABLE ticket_changes;
