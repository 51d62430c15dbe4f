"""A minimal HTTP/1.1 client on one keep-alive connection (standard library
only), signed in with the session cookies and the CSRF token."""

import http.client
import json
import time


class Answer:
    __slots__ = ("status", "headers", "body", "elapsed", "error")

    def __init__(self, status=None, headers=None, body=b"", elapsed=0.0, error=None):
        self.status = status
        self.headers = headers or {}
        self.body = body
        self.elapsed = elapsed
        self.error = error

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    @property
    def content_type(self):
        return self.headers.get("content-type", "").split(";")[0].strip()


class Client:
    def __init__(self, port, timeout=15.0):
        self.port = port
        self.timeout = timeout
        self.conn = None
        self.cookies = {}
        self.csrf = None

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method, path, body=None, headers=None):
        """Sends one request; a network failure comes back as an Answer with
        `error` set (and the connection is dropped), never as an exception."""
        hdrs = {"Accept": "application/json"}
        if body is not None:
            body = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        if self.cookies:
            hdrs["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.csrf and method not in ("GET", "HEAD"):
            hdrs["X-CSRF-Token"] = self.csrf
        hdrs.update(headers or {})
        start = time.monotonic()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            self.conn.request(method, path, body=body, headers=hdrs)
            resp = self.conn.getresponse()
            data = resp.read()
            headers = {}
            for k, v in resp.getheaders():
                k = k.lower()
                if k == "set-cookie":
                    name, _, rest = v.partition("=")
                    self.cookies[name.strip()] = rest.split(";")[0]
                headers[k] = v
            if resp.will_close:
                self.close()
            return Answer(resp.status, headers, data, time.monotonic() - start)
        except (OSError, http.client.HTTPException) as err:
            self.close()
            return Answer(elapsed=time.monotonic() - start, error=f"{type(err).__name__}: {err}")

    def sign_in(self, path, body):
        answer = self.request("POST", path, body)
        if answer.status in (200, 201):
            self.csrf = answer.json()["csrf_token"]
        return answer
