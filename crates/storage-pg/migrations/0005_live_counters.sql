-- Live figures as counters: reading them costs the same for 100 tickets as
-- for 1,000,000. Writers only ever INSERT deltas (no shared row to lock, so
-- concurrent doors never wait on each other or deadlock); a background task
-- folds the deltas into event_stats every few seconds. Keys: issued, active,
-- revoked, admitted, unique_in, rej:<reason>, gate:<gate>, min:<UTC minute
-- since the epoch, 10 digits>.

CREATE TABLE event_stats (
    event_id UUID NOT NULL,
    key      TEXT NOT NULL,
    n        BIGINT NOT NULL,
    PRIMARY KEY (event_id, key)
);

CREATE TABLE event_stat_deltas (
    id       BIGSERIAL PRIMARY KEY,
    event_id UUID NOT NULL,
    key      TEXT NOT NULL,
    n        BIGINT NOT NULL
);
CREATE INDEX event_stat_deltas_event ON event_stat_deltas (event_id);

CREATE FUNCTION stats_tickets_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_stat_deltas (event_id, key, n)
    SELECT a.event_id, k.key, k.n
    FROM (SELECT event_id,
                 count(*) AS issued,
                 count(*) FILTER (WHERE status = 'active') AS active,
                 count(*) FILTER (WHERE status = 'revoked') AS revoked,
                 coalesce(sum(uses), 0) AS admitted,
                 count(*) FILTER (WHERE uses > 0) AS unique_in
          FROM inserted GROUP BY event_id) a
    CROSS JOIN LATERAL (VALUES ('issued', a.issued), ('active', a.active),
        ('revoked', a.revoked), ('admitted', a.admitted), ('unique_in', a.unique_in)) AS k(key, n)
    WHERE k.n <> 0;
    RETURN NULL;
END;
$$;
CREATE TRIGGER tickets_stats_inserted AFTER INSERT ON tickets
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION stats_tickets_inserted();

CREATE FUNCTION stats_tickets_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_stat_deltas (event_id, key, n)
    SELECT a.event_id, k.key, k.n
    FROM (SELECT n.event_id,
                 sum((n.status = 'active')::int - (o.status = 'active')::int) AS active,
                 sum((n.status = 'revoked')::int - (o.status = 'revoked')::int) AS revoked,
                 sum(n.uses - o.uses) AS admitted,
                 sum((n.uses > 0)::int - (o.uses > 0)::int) AS unique_in
          FROM after_rows n JOIN before_rows o ON o.id = n.id
          GROUP BY n.event_id) a
    CROSS JOIN LATERAL (VALUES ('active', a.active), ('revoked', a.revoked),
        ('admitted', a.admitted), ('unique_in', a.unique_in)) AS k(key, n)
    WHERE k.n <> 0;
    RETURN NULL;
END;
$$;
CREATE TRIGGER tickets_stats_updated AFTER UPDATE ON tickets
    REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stats_tickets_updated();

CREATE FUNCTION stats_scans_audited() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_stat_deltas (event_id, key, n)
    SELECT event_id, key, count(*)
    FROM (SELECT event_id,
                 CASE WHEN outcome = 'success' THEN 'gate:' || coalesce(details->>'gate', '')
                      ELSE 'rej:' || coalesce(details->>'reason', '') END AS key
          FROM audited WHERE action = 'ticket.scan' AND event_id IS NOT NULL
          UNION ALL
          SELECT event_id, 'min:' || lpad(floor(extract(epoch FROM at) / 60)::bigint::text, 10, '0')
          FROM audited
          WHERE action = 'ticket.scan' AND outcome = 'success' AND event_id IS NOT NULL) s
    GROUP BY event_id, key;
    RETURN NULL;
END;
$$;
CREATE TRIGGER audit_log_stats AFTER INSERT ON audit_log
    REFERENCING NEW TABLE AS audited
    FOR EACH STATEMENT EXECUTE FUNCTION stats_scans_audited();

-- What happened before counters existed.
INSERT INTO event_stats (event_id, key, n)
SELECT a.event_id, k.key, k.n
FROM (SELECT event_id,
             count(*) AS issued,
             count(*) FILTER (WHERE status = 'active') AS active,
             count(*) FILTER (WHERE status = 'revoked') AS revoked,
             coalesce(sum(uses), 0) AS admitted,
             count(*) FILTER (WHERE uses > 0) AS unique_in
      FROM tickets GROUP BY event_id) a
CROSS JOIN LATERAL (VALUES ('issued', a.issued), ('active', a.active),
    ('revoked', a.revoked), ('admitted', a.admitted), ('unique_in', a.unique_in)) AS k(key, n)
WHERE k.n <> 0;

INSERT INTO event_stats (event_id, key, n)
SELECT event_id, key, count(*)
FROM (SELECT event_id,
             CASE WHEN outcome = 'success' THEN 'gate:' || coalesce(details->>'gate', '')
                  ELSE 'rej:' || coalesce(details->>'reason', '') END AS key
      FROM audit_log WHERE action = 'ticket.scan' AND event_id IS NOT NULL
      UNION ALL
      SELECT event_id, 'min:' || lpad(floor(extract(epoch FROM at) / 60)::bigint::text, 10, '0')
      FROM audit_log
      WHERE action = 'ticket.scan' AND outcome = 'success' AND event_id IS NOT NULL) s
GROUP BY event_id, key;
