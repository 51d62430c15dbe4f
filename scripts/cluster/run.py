"""The cluster fault test (entry: scripts/cluster-test.sh, which documents it).

nginx in front of three qr-event instances sharing a private PostgreSQL and a
private Redis; a scan storm, dashboard readers and a login burst through
nginx while an instance is killed, Redis goes away and PostgreSQL restarts;
then the checks of verdict.py on what every client saw and what the
database holds.
"""

import argparse
import base64
import csv
import datetime
import io
import json
import os
import random
import signal
import sys
import time
from pathlib import Path

from client import Client
from load import Load, Recorder
from processes import Cluster
import verdict

# Limits raised so that the load itself is never refused (as in
# scripts/api-contract.sh); everything else is the default.
SERVER_ARGS = [
    "--log-level", "warn", "--access-token-minutes", "15",
    "--scans-per-minute", "1000000", "--login-max-per-ip", "1000000",
    "--login-max-per-account", "1000000", "--register-max-per-ip", "1000000",
    "--quota-events-per-day", "1000000", "--quota-invitations-per-hour", "1000000",
    "--quota-devices-per-hour", "1000000", "--quota-renders-per-minute", "1000000",
    "--quota-public-per-minute", "1000000",
]
PASSWORD = "a long enough passphrase"
KILLED = 1  # the instance killed and started again


def say(msg):
    print(f"[cluster] {msg}", flush=True)


def server_env():
    """The caller's environment without any QR Event setting."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith("QR_EVENT_") and k not in ("DATABASE_URL", "REDIS_URL")}


def must(answer, what, statuses=(200, 201)):
    if answer.status not in statuses:
        sys.exit(f"cluster-test: {what}: {answer.status or answer.error} "
                 f"{answer.body[:300]!r}")
    return answer


def seed(base_port, tickets):
    """An organizer, an event running now, `tickets` tickets and their codes."""
    org = Client(base_port, timeout=120)
    must(org.sign_in("/api/v1/auth/register", {"email": "organizer@example.org",
                                                "name": "Organizer", "password": PASSWORD}),
         "register the organizer")
    door = Client(base_port)
    must(door.sign_in("/api/v1/auth/register", {"email": "door@example.org",
                                                 "name": "Door", "password": PASSWORD}),
         "register the sign-in account")
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    iso = lambda t: t.isoformat().replace("+00:00", "Z")
    event = must(org.request("POST", "/api/v1/events", {
        "name": "Cluster under faults", "venue": "Hall",
        "starts_at": iso(now - datetime.timedelta(hours=1)),
        "ends_at": iso(now + datetime.timedelta(hours=5)), "timezone": "Europe/Paris"}),
        "create the event").json()["id"]
    start = time.monotonic()
    issued = must(org.request("POST", f"/api/v1/events/{event}/tickets/batch",
                              {"count": tickets}), "bulk issue").json()["issued"]
    issue_s = time.monotonic() - start
    export = must(org.request("GET", f"/api/v1/events/{event}/tickets/export.csv"),
                  "CSV export")
    rows = list(csv.DictReader(io.StringIO(export.body.decode())))
    codes = [(r["ticket_id"], r["code"]) for r in rows]
    if issued != tickets or len(codes) != tickets:
        sys.exit(f"cluster-test: issued {issued}, exported {len(codes)}, wanted {tickets}")
    say(f"seeded: event {event}, {tickets} tickets issued in {issue_s:.1f}s")
    session = {"cookies": dict(org.cookies), "csrf": org.csrf}
    return event, codes, session, "door@example.org", issue_s


def faults(cluster, rec, args, start_instance):
    """The faults, one after the other, with pauses; returns the timeline."""
    timeline = []
    time.sleep(args.baseline)

    port = cluster.app_ports[KILLED]
    say(f"fault 1: SIGKILL instance {KILLED} (:{port}), start it again after {args.down}s")
    f = {"fault": "instance_kill", "start": rec.now()}
    cluster.instance_kill(KILLED)
    time.sleep(args.down)
    f["restarted"] = rec.now()
    start_instance(KILLED)
    cluster.instance_wait(KILLED)
    f["end"] = rec.now()
    timeline.append(f)
    time.sleep(args.pause)

    say(f"fault 2: Redis killed, started again on :{cluster.redis_port} after {args.redis_down}s")
    f = {"fault": "redis_outage", "start": rec.now()}
    cluster.redis_kill()
    time.sleep(args.redis_down)
    f["restarted"] = rec.now()
    cluster.redis_start()
    f["end"] = rec.now()
    timeline.append(f)
    time.sleep(args.pause)

    say(f"fault 3: PostgreSQL stopped (-m fast), started again after {args.pg_down}s")
    f = {"fault": "postgres_restart", "start": rec.now()}
    cluster.pg_stop("fast")
    f["stopped"] = rec.now()
    time.sleep(args.pg_down)
    f["restarted"] = rec.now()
    cluster.pg_start()
    f["end"] = rec.now()
    timeline.append(f)
    time.sleep(args.tail)
    return timeline


def database_view(cluster, event):
    tickets = {r[0]: {"uses": int(r[1]), "max_uses": int(r[2])} for r in cluster.psql(
        "qr_event", f"SELECT id, uses, max_uses FROM tickets WHERE event_id = '{event}'")}
    audit = cluster.psql("qr_event", f"""
        SELECT subject, details->>'scan_id' FROM audit_log
        WHERE event_id = '{event}' AND action = 'ticket.scan' AND outcome = 'success'""")
    claims = int(cluster.psql("qr_event", f"SELECT count(*) FROM scan_claims "
                                          f"WHERE event_id = '{event}'")[0][0])
    return {"tickets": tickets, "audit_admissions": audit, "scan_claims": claims}


def server_logs(tmp):
    """Counts of WARN/ERROR messages per instance log, and any panic."""
    out = {}
    for log in sorted(Path(tmp, "logs").glob("app*.log")):
        counts = {}
        for line in log.read_text(errors="replace").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                if "panicked" in line:
                    counts["PANIC " + line[:200]] = counts.get("PANIC " + line[:200], 0) + 1
                continue
            level = entry.get("level", "")
            if level in ("WARN", "ERROR"):
                msg = f"{level} {entry.get('message', '')}"[:160]
                counts[msg] = counts.get(msg, 0) + 1
        out[log.stem] = counts
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--tmp", required=True)
    p.add_argument("--repo", required=True)
    p.add_argument("--bin", required=True)
    p.add_argument("--bin-label", help="where the binary was copied from (for the report)")
    p.add_argument("--pg-bin", required=True)
    p.add_argument("--report", required=True)
    p.add_argument("--tickets", type=int, default=10000)
    p.add_argument("--rate", type=float, default=150.0, help="scans started per second")
    p.add_argument("--workers", type=int, default=24)
    p.add_argument("--baseline", type=float, default=10)
    p.add_argument("--down", type=float, default=3, help="seconds the killed instance stays down")
    p.add_argument("--redis-down", type=float, default=6)
    p.add_argument("--pg-down", type=float, default=8)
    p.add_argument("--pause", type=float, default=12)
    p.add_argument("--tail", type=float, default=15)
    p.add_argument("--recovery-limit", type=float, default=10)
    p.add_argument("--seed", type=int, default=20261130)
    args = p.parse_args()
    random.seed(args.seed)
    # Stopped by the time limit: still stop the cluster (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    tmp = Path(args.tmp)
    key = tmp / "master.key"
    key.write_text(base64.b64encode(os.urandom(32)).decode() + "\n")
    key.chmod(0o600)
    cluster = Cluster(tmp, args.repo, args.bin, args.pg_bin)
    env = server_env()
    start_instance = lambda i: cluster.instance_start(i, SERVER_ARGS, env)
    started = time.monotonic()
    try:
        cluster.pg_init()
        cluster.redis_start()
        say(f"PostgreSQL :{cluster.pg_port}, Redis :{cluster.redis_port}")
        # One instance first, alone on the empty database: it creates the
        # signing keys the other two then load.
        start_instance(0)
        cluster.instance_wait(0)
        for i in (1, 2):
            start_instance(i)
        for i in (1, 2):
            cluster.instance_wait(i)
        cluster.nginx_start()
        say(f"instances :{', :'.join(map(str, cluster.app_ports))} behind nginx {cluster.base}")
        event, codes, session, login_email, issue_s = seed(cluster.nginx_port, args.tickets)
        random.shuffle(codes)

        rec = Recorder()
        load = Load(cluster.nginx_port, event, session, codes, rec, args.rate, args.workers)
        load.start(login_email, PASSWORD, cluster.app_ports)
        say(f"load: {args.workers}+2 door workers at {args.rate:.0f} scans/s, "
            "2 dashboard readers, 3 sign-ins/s")
        timeline = faults(cluster, rec, args, start_instance)
        load_end = rec.now()
        stuck = load.finish()
        if stuck:
            sys.exit(f"cluster-test: {len(stuck)} client threads did not stop")
        say(f"load stopped after {load_end:.0f}s; {len(rec.attempts)} requests")
        db = database_view(cluster, event)
        stats = Client(cluster.nginx_port)
        stats.cookies, stats.csrf = dict(session["cookies"]), session["csrf"]
        figures = must(stats.request("GET", f"/api/v1/events/{event}/stats"), "stats").json()
        args.killed_port = cluster.app_ports[KILLED]
        result = verdict.judge(rec, timeline, load_end, db, figures, args)
        result["setup"] = {"tickets": args.tickets, "issue_seconds": round(issue_s, 2),
                           "rate": args.rate, "workers": args.workers,
                           "binary": args.bin_label or args.bin, "cores": os.cpu_count(),
                           "load_seconds": round(load_end, 1)}
        result["server_logs"] = server_logs(tmp)
        panics = [m for counts in result["server_logs"].values() for m in counts
                  if m.startswith("PANIC")]
        if panics:
            result["failures"].append(f"an instance panicked: {panics[0]}")
        result["wall_seconds"] = round(time.monotonic() - started, 1)
        verdict.print_summary(result)
        Path(args.report).parent.mkdir(parents=True, exist_ok=True)
        Path(args.report).write_text(json.dumps(result, indent=2) + "\n")
        say(f"report: {args.report}")
        if result["failures"]:
            # Every attempt, for a look at what failed (kept with the logs).
            with open(tmp / "logs" / "attempts.jsonl", "w") as out:
                for a in rec.attempts:
                    out.write(json.dumps(a) + "\n")
            with open(tmp / "logs" / "readyz.jsonl", "w") as out:
                for sample in rec.readyz:
                    out.write(json.dumps(sample) + "\n")
            (tmp / "logs" / "timeline.json").write_text(json.dumps(timeline))
            for failure in result["failures"][:20]:
                print(f"cluster-test: FAILED: {failure}", file=sys.stderr)
            if len(result["failures"]) > 20:
                print(f"cluster-test: ... and {len(result['failures']) - 20} more failures "
                      f"(all in {args.report})", file=sys.stderr)
            sys.exit(1)
        say("all checks passed")
    finally:
        cluster.stop_all()


if __name__ == "__main__":
    main()
