-- Live figures as counters, kept by triggers in the same transaction as the
-- change (writers are serialised here, so a direct upsert never contends).
-- Keys as on PostgreSQL: issued, active, revoked, admitted, unique_in,
-- rej:<reason>, gate:<gate>, min:<UTC minute since the epoch, 10 digits>.

CREATE TABLE event_stats (
    event_id BLOB NOT NULL,
    key      TEXT NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (event_id, key)
) WITHOUT ROWID;

CREATE TRIGGER tickets_stats_inserted AFTER INSERT ON tickets BEGIN
    INSERT INTO event_stats (event_id, key, n)
    SELECT NEW.event_id, k.key, k.n
    FROM (SELECT 'issued' AS key, 1 AS n
          UNION ALL SELECT NEW.status, 1
          UNION ALL SELECT 'admitted', NEW.uses
          UNION ALL SELECT 'unique_in', NEW.uses > 0) k
    WHERE k.n <> 0
    ON CONFLICT (event_id, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER tickets_stats_updated AFTER UPDATE OF status, uses ON tickets BEGIN
    INSERT INTO event_stats (event_id, key, n)
    SELECT NEW.event_id, k.key, k.n
    FROM (SELECT 'active' AS key, (NEW.status = 'active') - (OLD.status = 'active') AS n
          UNION ALL SELECT 'revoked', (NEW.status = 'revoked') - (OLD.status = 'revoked')
          UNION ALL SELECT 'admitted', NEW.uses - OLD.uses
          UNION ALL SELECT 'unique_in', (NEW.uses > 0) - (OLD.uses > 0)) k
    WHERE k.n <> 0
    ON CONFLICT (event_id, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER audit_log_stats AFTER INSERT ON audit_log
WHEN NEW.action = 'ticket.scan' AND NEW.event_id IS NOT NULL BEGIN
    INSERT INTO event_stats (event_id, key, n)
    SELECT NEW.event_id, k.key, 1
    FROM (SELECT CASE WHEN NEW.outcome = 'success'
                      THEN 'gate:' || coalesce(json_extract(NEW.details, '$.gate'), '')
                      ELSE 'rej:' || coalesce(json_extract(NEW.details, '$.reason'), '') END AS key
          UNION ALL
          SELECT printf('min:%010d', NEW.at / 60000000) WHERE NEW.outcome = 'success') k
    WHERE true
    ON CONFLICT (event_id, key) DO UPDATE SET n = n + excluded.n;
END;

-- What happened before counters existed.
INSERT INTO event_stats (event_id, key, n)
SELECT event_id, key, n FROM (
    SELECT event_id, 'issued' AS key, count(*) AS n FROM tickets GROUP BY event_id
    UNION ALL SELECT event_id, 'active', count(*) FROM tickets WHERE status = 'active' GROUP BY event_id
    UNION ALL SELECT event_id, 'revoked', count(*) FROM tickets WHERE status = 'revoked' GROUP BY event_id
    UNION ALL SELECT event_id, 'admitted', sum(uses) FROM tickets WHERE uses > 0 GROUP BY event_id
    UNION ALL SELECT event_id, 'unique_in', count(*) FROM tickets WHERE uses > 0 GROUP BY event_id
    UNION ALL
    SELECT event_id,
           CASE WHEN outcome = 'success' THEN 'gate:' || coalesce(json_extract(details, '$.gate'), '')
                ELSE 'rej:' || coalesce(json_extract(details, '$.reason'), '') END,
           count(*)
    FROM audit_log WHERE action = 'ticket.scan' AND event_id IS NOT NULL GROUP BY 1, 2
    UNION ALL
    SELECT event_id, printf('min:%010d', at / 60000000), count(*)
    FROM audit_log WHERE action = 'ticket.scan' AND outcome = 'success' AND event_id IS NOT NULL
    GROUP BY 1, 2
) WHERE n <> 0;
