"""What the clients saw and what the database holds, checked against the
fault timeline; the summary table and the JSON report."""

from collections import Counter, defaultdict

PROBLEM = "application/problem+json"


def pct(values, q):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def ms(v):
    return None if v is None else round(v * 1000, 1)


def phases(timeline, load_end):
    f1, f2, f3 = timeline
    return [("steady", 0, f1["start"]), ("instance down", f1["start"], f1["end"]),
            ("after instance", f1["end"], f2["start"]), ("redis down", f2["start"], f2["end"]),
            ("after redis", f2["end"], f3["start"]), ("postgres down", f3["start"], f3["end"]),
            ("after postgres", f3["end"], load_end), ("drain", load_end, float("inf"))]


def phase_of(bounds, t):
    for name, start, end in bounds:
        if start <= t < end:
            return name
    return bounds[-1][0]


def failed(a):
    return a["status"] is None or a["status"] >= 500


def clean_503(a):
    return a["status"] == 503 and a["ctype"] == PROBLEM and bool(a["retry_after"])


def describe(a):
    what = a["status"] or a["error"]
    return (f"{a['kind']} sent at {a['sent']:.2f}s answered {what} after {a['done'] - a['sent']:.2f}s "
            f"(content-type {a['ctype']}, Retry-After {a['retry_after']}, code {a.get('code')}, "
            f"upstream {a['upstream']} -> {a['upstream_status']}"
            + (f", scan_id {a['scan_id']}" if "scan_id" in a else "") + ")")


def judge(rec, timeline, load_end, db, figures, args):
    """Every check; returns the report, its `failures` empty when all hold."""
    fails = []
    bounds = phases(timeline, load_end)
    attempts = [a for a in rec.attempts if "status" in a]
    gave_up = [a for a in rec.attempts if a["kind"] == "scan_gave_up"]
    for a in attempts:
        a["phase"] = phase_of(bounds, a["sent"])
    scans = [a for a in attempts if a["kind"] == "scan"]

    excused = check_errors(attempts, timeline, args, fails)
    by_id, answered = check_answers(scans, fails)
    admitted_by_ticket, kinds = check_outcomes(answered, fails)
    database = check_database(db, figures, admitted_by_ticket, gave_up, fails)
    recovery = check_recovery(scans, timeline, load_end, args, fails)
    readyz = readyz_checks(rec.readyz, timeline, args.recovery_limit, fails)
    return {"timeline": [{k: (round(v, 2) if isinstance(v, float) else v) for k, v in f.items()}
                         for f in timeline],
            "phases": phase_table(attempts, bounds),
            "scans": {"scan_ids": len(by_id), "attempts": len(scans),
                      "retried": sum(1 for tries in by_id.values() if len(tries) > 1),
                      "replayed_answers": sum(1 for a in answered.values() if a["replayed"]),
                      "passed_on_by_nginx": sum(1 for a in scans
                                                if "," in (a["upstream_status"] or "")),
                      "by_kind": {k: dict(v) for k, v in kinds.items()},
                      "admitted_acknowledged": sum(map(len, admitted_by_ticket.values())),
                      "gave_up": len(gave_up)},
            "database": database, "recovery": recovery, "readyz": readyz,
            "excused_in_flight_at_kill": excused, "failures": fails}


def check_errors(attempts, timeline, args, fails):
    """5xx only while PostgreSQL is away, and then the server's clean 503;
    no refusal the load should not meet. Returns the excused 5xx."""
    f1, _, f3 = timeline
    pg_window = (f3["start"], f3["end"] + args.recovery_limit)
    excused = []
    for a in attempts:
        if not failed(a):
            continue
        in_pg = a["sent"] < pg_window[1] and a["done"] > pg_window[0]
        # In flight when the instance died (or sent to it in the instant
        # before nginx saw its connections close).
        at_kill = a["sent"] <= f1["start"] + 1.0 and a["done"] >= f1["start"]
        if a["status"] is None:
            fails.append(f"network failure between the client and nginx: {describe(a)}")
        elif in_pg and not clean_503(a):
            fails.append(f"not a clean 503 while PostgreSQL was away: {describe(a)}")
        elif in_pg:
            pass
        elif (a["kind"] == "login" and a["status"] == 502 and at_kill
              and f":{args.killed_port}" in (a["upstream"] or "")):
            # A sign-in the killed instance was working on: nginx must not
            # send a POST twice, so it answers 502. Reported, not a failure.
            excused.append(describe(a))
        else:
            fails.append(f"5xx while PostgreSQL was up and instances alive: {describe(a)}")
    refused = Counter((a["kind"], a["status"], a.get("code")) for a in attempts
                      if a["status"] and 400 <= a["status"] < 500
                      and not (a["kind"] == "login" and a["status"] == 401
                               and a["wrong_password"]))
    for (kind, status, code), n in refused.items():
        fails.append(f"{n} unexpected {status} {code} answers to {kind} requests")
    wrong_in = sum(1 for a in attempts
                   if a["kind"] == "login" and a["status"] == 200 and a["wrong_password"])
    if wrong_in:
        fails.append(f"{wrong_in} sign-ins with a wrong password succeeded")
    return excused


def check_answers(scans, fails):
    """Each scan_id: answered, and always the same answer."""
    by_id = defaultdict(list)
    for a in scans:
        by_id[a["scan_id"]].append(a)
    answered = {}
    for scan_id, tries in by_id.items():
        oks = [a for a in tries if a["status"] == 200]
        if not oks:
            continue
        first = answered[scan_id] = oks[0]
        if any((a["result"], a["reason"]) != (first["result"], first["reason"]) for a in oks):
            fails.append(f"scan_id {scan_id} got different answers: "
                         f"{[(a['result'], a['reason'], a['replayed']) for a in oks]}")
        if first["replayed"] and first["attempt"] == 1 and "," not in (first["upstream_status"]
                                                                       or ""):
            # Replayed on the door's first attempt: only right when nginx
            # had already sent it to another instance.
            fails.append(f"scan_id {scan_id} answered replayed on its first attempt: "
                         f"{describe(first)}")
    unanswered = set(by_id) - set(answered)
    if unanswered:
        fails.append(f"{len(unanswered)} scans never got an answer (e.g. {sorted(unanswered)[0]})")
    return by_id, answered


def check_outcomes(answered, fails):
    """First scans of unused tickets admitted, re-presentations refused,
    and of two doors scanning one ticket at once, exactly one admitted."""
    admitted_by_ticket = defaultdict(set)
    kinds = defaultdict(Counter)
    pairs = defaultdict(list)
    for scan_id, a in answered.items():
        if a["result"] == "admitted":
            admitted_by_ticket[a["ticket"]].add(scan_id)
        kinds[a["scan_kind"]][a["result"] if a["result"] == "admitted" else a["reason"]] += 1
        if a["scan_kind"] == "pair":
            pairs[a["ticket"]].append(a["result"])
    for outcome, n in kinds["fresh"].items():
        if outcome != "admitted":
            fails.append(f"{n} first scans of unused tickets answered {outcome} "
                         f"(no other scan presented them)")
    for outcome, n in kinds["again"].items():
        if outcome != "already_used":
            fails.append(f"{n} re-presentations answered {outcome}")
    for ticket, results in pairs.items():
        if len(results) == 2 and results.count("admitted") != 1:
            fails.append(f"ticket {ticket} scanned at once by two doors: {results}")
    return admitted_by_ticket, kinds


def check_database(db, figures, admitted_by_ticket, gave_up, fails):
    """No acknowledged admission lost, none counted twice: the tickets, the
    audit log and the live figures agree with what the doors were told."""
    tickets = db["tickets"]
    unknown = Counter(a["ticket"] for a in gave_up)
    for ticket, ids in admitted_by_ticket.items():
        t = tickets.get(ticket)
        if t is None or t["uses"] < 1:
            fails.append(f"acknowledged admission lost: ticket {ticket} (scan_ids {sorted(ids)}) "
                         f"has uses {t and t['uses']}")
        elif len(ids) > t["max_uses"]:
            fails.append(f"ticket {ticket} admitted {len(ids)} times, max_uses {t['max_uses']}: "
                         f"{sorted(ids)}")
    for ticket, t in tickets.items():
        acked = len(admitted_by_ticket.get(ticket, ()))
        if t["uses"] > t["max_uses"]:
            fails.append(f"ticket {ticket}: uses {t['uses']} > max_uses {t['max_uses']}")
        if not acked <= t["uses"] <= acked + unknown[ticket]:
            fails.append(f"ticket {ticket}: uses {t['uses']} in the database, {acked} admissions "
                         f"acknowledged to the door")
    audit_by_ticket = defaultdict(set)
    for subject, scan_id in db["audit_admissions"]:
        audit_by_ticket[subject].add(scan_id)
    for ticket, ids in audit_by_ticket.items():
        if len(ids) > tickets.get(ticket, {}).get("max_uses", 1):
            fails.append(f"ticket {ticket}: {len(ids)} ticket.scan admissions in the audit log")
    acked_ids = set().union(set(), *admitted_by_ticket.values())
    audited_ids = set().union(set(), *audit_by_ticket.values())
    if acked_ids - audited_ids:
        fails.append(f"{len(acked_ids - audited_ids)} acknowledged admissions without their "
                     f"audit entry (e.g. {sorted(acked_ids - audited_ids)[0]})")
    extra_audit = audited_ids - acked_ids - {a["scan_id"] for a in gave_up}
    if extra_audit:
        fails.append(f"{len(extra_audit)} audited admissions never acknowledged to the door "
                     f"(e.g. {sorted(extra_audit)[0]})")
    uses_total = sum(t["uses"] for t in tickets.values())
    unique_in = sum(1 for t in tickets.values() if t["uses"] > 0)
    if (figures["admitted"], figures["unique_in"]) != (uses_total, unique_in):
        fails.append(f"stats say admitted {figures['admitted']}, unique_in "
                     f"{figures['unique_in']}; the tickets say {uses_total}, {unique_in}")
    return {"tickets": len(tickets), "uses": uses_total, "unique_in": unique_in,
            "audit_admissions": len(db["audit_admissions"]), "scan_claims": db["scan_claims"]}


def check_recovery(scans, timeline, load_end, args, fails):
    """After each fault, scans succeed again within the limit, no instance
    restarted: `recovery_s` is when the last failing scan was answered."""
    limit = args.recovery_limit
    recovery = []
    for f, after in zip(timeline, [g["start"] for g in timeline[1:]] + [load_end]):
        window_end = min(f["end"] + limit, after)
        failing = [a for a in scans if f["start"] <= a["sent"] <= window_end and failed(a)]
        ok_after = [a["done"] for a in scans if a["status"] == 200 and a["sent"] >= f["end"]]
        r = {"fault": f["fault"], "start_s": round(f["start"], 2), "end_s": round(f["end"], 2),
             "duration_s": round(f["end"] - f["start"], 2), "scan_failures": len(failing),
             "recovery_s": round(max([a["done"] - f["end"] for a in failing] + [0.0]), 2),
             "first_success_after_s": round(min(ok_after) - f["end"], 3) if ok_after else None}
        if r["first_success_after_s"] is None or r["first_success_after_s"] > limit:
            fails.append(f"{f['fault']}: no scan succeeded within {limit:.0f}s after it ended")
        if r["recovery_s"] > limit:
            fails.append(f"{f['fault']}: scans failed until {r['recovery_s']}s after it ended")
        recovery.append(r)
    recovery[0]["killed_back_in_rotation_s"] = back_in_rotation(scans, timeline[0],
                                                                args.killed_port)
    return recovery


def back_in_rotation(scans, f1, port):
    """Seconds from the killed instance's restart until nginx sent it scans."""
    served = [a["done"] for a in scans if a["sent"] >= f1["end"] and a["status"] == 200
              and (a["upstream"] or "").endswith(f":{port}")]
    return round(min(served) - f1["end"], 2) if served else None


def readyz_checks(samples, timeline, limit, fails):
    """/readyz of each instance (asked directly): degraded with the cache
    unreachable during the Redis outage, `cache: redis` again after it; 503
    while PostgreSQL is stopped, 200 again after it."""
    f1, f2, f3 = timeline
    body = lambda s: s[4] if isinstance(s[4], dict) else {}
    since = lambda t, ref: None if t is None else round(max(t - ref, 0.0), 2)
    out = {}
    for i in sorted({s[2] for s in samples}):
        mine = [s for s in samples if s[2] == i]
        during = [s for s in mine if s[0] >= f2["start"] + 1.0 and s[1] <= f2["restarted"]]
        degraded = [s for s in during if s[3] == 200 and body(s).get("cache") == "unreachable"
                    and body(s).get("status") == "degraded"]
        first_bad = min((s[1] for s in mine if s[0] >= f2["start"]
                         and body(s).get("cache") == "unreachable"), default=None)
        redis_back = min((s[1] for s in mine if s[0] >= f2["end"] and s[3] == 200
                          and body(s).get("cache") == "redis" and body(s).get("status") == "ok"),
                         default=None)
        # Asked once the stop began and answered before the start: 503
        # (the stop takes a moment: a 200 then is right until it is done).
        pg_sent = [s for s in mine if f3["start"] <= s[0] and s[1] < f3["restarted"]]
        pg_503 = [s for s in pg_sent if s[3] == 503]
        pg_lies = [s for s in pg_sent if s[3] != 503 and s[0] >= f3["stopped"]]
        pg_back = min((s[1] for s in mine if s[3] == 200 and s[1] >= f3["restarted"]),
                      default=None)
        r = {"redis_outage_answers": len(during), "redis_outage_degraded": len(degraded),
             "redis_unreachable_seen_after_s": since(first_bad, f2["start"]),
             "redis_back_after_s": since(redis_back, f2["end"]),
             "postgres_stopped_asked": len(pg_sent), "postgres_stopped_503": len(pg_503),
             "postgres_back_after_s": since(pg_back, f3["end"]),
             "postgres_stopped_answer_ms": [round((s[1] - s[0]) * 1000) for s in pg_503][:5]}
        out[f"instance {i}"] = r
        if not during or len(degraded) != len(during):
            fails.append(f"instance {i}: /readyz during the Redis outage: {len(degraded)} of "
                         f"{len(during)} answers said degraded with the cache unreachable")
        if r["redis_back_after_s"] is None or r["redis_back_after_s"] > limit:
            fails.append(f"instance {i}: /readyz did not report cache redis within {limit:.0f}s "
                         f"of Redis returning ({r['redis_back_after_s']})")
        if not pg_503 or pg_lies:
            fails.append(f"instance {i}: /readyz while PostgreSQL was stopped: {len(pg_503)} "
                         f"503 and {len(pg_lies)} 200 of {len(pg_sent)} answers")
        if r["postgres_back_after_s"] is None or r["postgres_back_after_s"] > limit:
            fails.append(f"instance {i}: /readyz not 200 within {limit:.0f}s of PostgreSQL "
                         f"returning ({r['postgres_back_after_s']})")
    return out


def phase_table(attempts, bounds):
    table = []
    for name, start, end in bounds:
        row = {"phase": name, "from_s": round(start, 1),
               "to_s": None if end == float("inf") else round(end, 1)}
        for kind in ("scan", "read", "login"):
            mine = [a for a in attempts if a["kind"] == kind and a["phase"] == name]
            lat = [a["done"] - a["sent"] for a in mine if a["status"] is not None]
            cell = {"requests": len(mine),
                    "5xx": sum(1 for a in mine if failed(a)),
                    "503_retry_after": sum(1 for a in mine if clean_503(a)),
                    "p50_ms": ms(pct(lat, 0.5)), "p99_ms": ms(pct(lat, 0.99)),
                    "max_ms": ms(max(lat, default=None))}
            if kind == "scan":
                oks = [a for a in mine if a["status"] == 200]
                cell["admitted"] = sum(1 for a in oks if a["result"] == "admitted")
                cell["refused"] = dict(Counter(a["reason"] for a in oks
                                               if a["result"] != "admitted"))
                cell["retries"] = sum(1 for a in mine if a["attempt"] > 1)
            row[kind] = cell
        table.append(row)
    return table


def print_summary(r):
    print("\nphase            span (s)      | scans   adm  refused  retry 5xx 503RA  p50    p99    max"
          "   | reads 5xx p99   | logins 5xx p99")
    for row in r["phases"]:
        s, rd, lg = row["scan"], row["read"], row["login"]
        span = f"{row['from_s']:>5}-{row['to_s'] if row['to_s'] is not None else 'end':<6}"
        refused = sum(s["refused"].values())
        print(f"{row['phase']:<16} {span:<13} | {s['requests']:>5} {s['admitted']:>5} {refused:>7}"
              f" {s['retries']:>6} {s['5xx']:>3} {s['503_retry_after']:>5} {fmt(s['p50_ms'])}"
              f" {fmt(s['p99_ms'])} {fmt(s['max_ms'])} | {rd['requests']:>5} {rd['5xx']:>3}"
              f" {fmt(rd['p99_ms'])} | {lg['requests']:>5} {lg['5xx']:>3} {fmt(lg['p99_ms'])}")
    sc = r["scans"]
    print(f"\nscans: {sc['scan_ids']} scan_ids, {sc['attempts']} attempts, {sc['retried']} "
          f"sent again by the door, {sc['passed_on_by_nginx']} passed on by nginx to another "
          f"instance, {sc['replayed_answers']} first answers replayed; by kind {sc['by_kind']}")
    db = r["database"]
    print(f"database: {db['uses']} uses on {db['unique_in']} tickets, "
          f"{db['audit_admissions']} audited admissions, {db['scan_claims']} scan claims")
    print("\nfault             start   end    lasted  scan failures  recovered after  first OK after")
    for f in r["recovery"]:
        print(f"{f['fault']:<17} {f['start_s']:>6} {f['end_s']:>6} {f['duration_s']:>6}s "
              f"{f['scan_failures']:>10} {f['recovery_s']:>12}s {fmt(f['first_success_after_s'])}s")
    back = r["recovery"][0].get("killed_back_in_rotation_s")
    print(f"killed instance serving scans again {back}s after its restart")
    for name, rz in r["readyz"].items():
        print(f"/readyz {name}: Redis outage {rz['redis_outage_degraded']}/"
              f"{rz['redis_outage_answers']} degraded (first after "
              f"{rz['redis_unreachable_seen_after_s']}s), cache redis again after "
              f"{rz['redis_back_after_s']}s; PostgreSQL stopped {rz['postgres_stopped_503']}/"
              f"{rz['postgres_stopped_asked']} 503 (in {rz['postgres_stopped_answer_ms']} ms), "
              f"200 again after {rz['postgres_back_after_s']}s")
    for app, counts in r.get("server_logs", {}).items():
        errors = {m[6:]: n for m, n in counts.items() if m.startswith("ERROR")}
        warns = sum(n for m, n in counts.items() if m.startswith("WARN"))
        print(f"log of {app}: {sum(errors.values())} ERROR {errors or ''}, {warns} WARN")
    for e in r["excused_in_flight_at_kill"]:
        print(f"in flight on the killed instance: {e}")


def fmt(v):
    return f"{'-' if v is None else v:>6}"
