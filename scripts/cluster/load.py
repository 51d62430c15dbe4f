"""The traffic: a door scan storm, dashboard readers, a login burst and a
/readyz monitor on each instance. Every attempt is recorded with its send and
answer times (seconds since the run's start), for classification by phase."""

import random
import threading
import time
import uuid

from client import Client


class Recorder:
    def __init__(self):
        self.t0 = time.monotonic()
        self.attempts = []  # one dict per HTTP attempt through nginx
        self.readyz = []  # (sent, done, instance, status or None, body dict or error)

    def now(self):
        return time.monotonic() - self.t0

    def add(self, kind, answer, sent, **extra):
        h = answer.headers
        rec = {"kind": kind, "sent": sent, "done": sent + answer.elapsed,
               "status": answer.status, "error": answer.error,
               "ctype": answer.content_type if answer.status else None,
               "retry_after": h.get("retry-after"),
               "upstream": h.get("x-upstream-addr"), "upstream_status": h.get("x-upstream-status")}
        if answer.status and answer.status >= 400:
            body = answer.json()
            rec["code"] = body.get("code") if isinstance(body, dict) else None
            if rec["code"] is None:
                rec["body"] = answer.body[:200].decode("utf-8", "replace")
        rec.update(extra)
        self.attempts.append(rec)
        return rec


class Pacer:
    """Hands out start times at a fixed rate to any number of threads."""

    def __init__(self, rate):
        self.interval = 1.0 / rate
        self.next = time.monotonic()
        self.lock = threading.Lock()

    def wait(self):
        with self.lock:
            at = max(self.next, time.monotonic())
            self.next = at + self.interval
        delay = at - time.monotonic()
        if delay > 0:
            time.sleep(delay)


class Load:
    def __init__(self, port, event, session, codes, rec, rate, workers, again_share=0.1,
                 pair_share=0.05, retry_delay=0.5):
        self.port, self.event, self.session, self.rec = port, event, session, rec
        self.scan_path = f"/api/v1/events/{event}/scan"
        self.workers = workers
        self.retry_delay = retry_delay
        self.again_share = again_share
        n_pairs = int(len(codes) * pair_share)
        self.pair_codes = codes[:n_pairs]
        self.fresh = iter(codes[n_pairs:])
        self.fresh_lock = threading.Lock()
        self.admitted = []  # codes answered admitted, for re-presentations
        self.pacer = Pacer(rate * (1 - pair_share * 2))
        self.pair_pacer = Pacer(max(rate * pair_share, 0.5))
        self.stop = threading.Event()
        self.drain_deadline = None  # set at stop: retries end there
        self.pair_barrier = threading.Barrier(2, timeout=30)
        self.threads = []

    def client(self):
        c = Client(self.port)
        c.cookies = dict(self.session["cookies"])
        c.csrf = self.session["csrf"]
        return c

    # --- scans ---------------------------------------------------------------
    def scan(self, client, code, kind):
        """One door scan: the same scan_id until an answer that is not a 5xx
        or a network failure, like a door phone."""
        scan_id = str(uuid.uuid4())
        attempt = 0
        while True:
            attempt += 1
            sent = self.rec.now()
            ans = client.request("POST", self.scan_path, {"code": code[1], "scan_id": scan_id})
            extra = {"scan_id": scan_id, "ticket": code[0], "scan_kind": kind, "attempt": attempt}
            if ans.status == 200:
                body = ans.json()
                r = self.rec.add("scan", ans, sent, result=body["result"],
                                 reason=body.get("reason"), replayed=body["replayed"], **extra)
                if r["result"] == "admitted":
                    self.admitted.append(code)
                return
            self.rec.add("scan", ans, sent, **extra)
            if ans.status is not None and ans.status < 500:
                return
            if self.drain_deadline is not None and time.monotonic() > self.drain_deadline:
                self.rec.attempts.append({"kind": "scan_gave_up", "scan_id": scan_id,
                                          "ticket": code[0], "sent": self.rec.now()})
                return
            time.sleep(self.retry_delay)

    def scan_worker(self):
        client = self.client()
        while not self.stop.is_set():
            self.pacer.wait()
            code, kind = None, "fresh"
            if self.admitted and random.random() < self.again_share:
                code, kind = random.choice(self.admitted), "again"
            else:
                with self.fresh_lock:
                    code = next(self.fresh, None)
                if code is None:
                    if not self.admitted:
                        return
                    code, kind = random.choice(self.admitted), "again"
            self.scan(client, code, kind)
        client.close()

    def pair_worker(self, leader):
        """Two threads scan the same code at the same moment, each with its
        own scan_id: exactly one may be admitted."""
        client = self.client()
        for code in self.pair_codes:
            if self.stop.is_set():
                break
            if leader:
                self.pair_pacer.wait()
            try:
                self.pair_barrier.wait()
            except threading.BrokenBarrierError:
                break
            self.scan(client, code, "pair")
        self.pair_barrier.abort()
        client.close()

    # --- dashboard and sign-ins -------------------------------------------------
    def reader(self):
        client = self.client()
        paths = [f"/api/v1/events/{self.event}/stats?minutes=120",
                 f"/api/v1/events/{self.event}/tickets?limit=50"]
        i = 0
        while not self.stop.is_set():
            path = paths[i % 2]
            sent = self.rec.now()
            ans = client.request("GET", path)
            self.rec.add("read", ans, sent, path=path.split("?")[0].rsplit("/", 1)[1])
            i += 1
            self.stop.wait(0.4)
        client.close()

    def logins(self, email, password, rate=3.0):
        client = Client(self.port)
        pacer = Pacer(rate)
        i = 0
        while not self.stop.is_set():
            pacer.wait()
            client.cookies, client.csrf = {}, None
            bad = i % 5 == 4  # one in five with a wrong password
            sent = self.rec.now()
            ans = client.request("POST", "/api/v1/auth/login",
                                 {"email": email, "password": password + ("x" if bad else "")})
            self.rec.add("login", ans, sent, wrong_password=bad)
            i += 1
        client.close()

    def readyz_monitor(self, i, port):
        """/readyz of one instance, directly, four times a second (an answer
        may take the pool's acquire timeout while PostgreSQL is away)."""
        client = Client(port, timeout=10.0)
        while not self.stop.is_set():
            sent = self.rec.now()
            ans = client.request("GET", "/readyz")
            body = ans.json() if ans.status else None
            self.rec.readyz.append((sent, sent + ans.elapsed, i, ans.status,
                                    body if isinstance(body, dict) else ans.error))
            self.stop.wait(0.25)
        client.close()

    # --- control ---------------------------------------------------------------------
    def start(self, login_email, login_password, app_ports):
        targets = [self.scan_worker] * self.workers + [lambda: self.pair_worker(True),
                                                       lambda: self.pair_worker(False)]
        targets += [self.reader, self.reader]
        targets += [lambda: self.logins(login_email, login_password)]
        targets += [lambda i=i, p=p: self.readyz_monitor(i, p) for i, p in enumerate(app_ports)]
        for target in targets:
            t = threading.Thread(target=target, daemon=True)
            t.start()
            self.threads.append(t)

    def finish(self, drain=20.0):
        """Stops starting new scans; scans waiting for an answer get until
        `drain` seconds from now."""
        self.drain_deadline = time.monotonic() + drain
        self.stop.set()
        self.pair_barrier.abort()
        for t in self.threads:
            t.join(drain + 20)
        return [t for t in self.threads if t.is_alive()]
