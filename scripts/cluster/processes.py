"""The processes of the local cluster: a private PostgreSQL, Redis, nginx and
the qr-event instances, all on 127.0.0.1 and under one temporary directory.

Every process started here writes its pid to `<tmp>/pids/<name>`, so that
scripts/cluster-test.sh can stop whatever is left even if this driver dies.
"""

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path


def free_ports(n):
    """n distinct free TCP ports on 127.0.0.1 (held together while chosen)."""
    socks = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def wait_until(check, timeout, what, step=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(step)
    raise RuntimeError(f"{what}: not ready within {timeout:.0f}s")


def tcp_ping(port, payload=None, expect=None):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
            if payload is None:
                return True
            s.sendall(payload)
            return s.recv(64).startswith(expect)
    except OSError:
        return False


class Cluster:
    def __init__(self, tmp, repo, binary, pg_bin, instances=3):
        self.tmp = Path(tmp)
        self.repo = Path(repo)
        self.binary = binary
        self.pg_bin = Path(pg_bin)
        (self.tmp / "pids").mkdir(exist_ok=True)
        (self.tmp / "logs").mkdir(exist_ok=True)
        ports = free_ports(3 + instances)
        self.pg_port, self.redis_port, self.nginx_port = ports[:3]
        self.app_ports = ports[3:]
        self.procs = {}
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.db_url = f"postgres://postgres@127.0.0.1:{self.pg_port}/qr_event"
        self.redis_url = f"redis://127.0.0.1:{self.redis_port}"
        self.base = f"http://127.0.0.1:{self.nginx_port}"

    # --- bookkeeping -------------------------------------------------------
    def _spawn(self, name, argv, log, env=None):
        out = open(self.tmp / "logs" / log, "ab")
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env,
                                stdin=subprocess.DEVNULL)
        out.close()
        self.procs[name] = proc
        (self.tmp / "pids" / name).write_text(str(proc.pid))
        return proc

    def _kill(self, name, sig=signal.SIGKILL, wait=10):
        proc = self.procs.pop(name, None)
        if proc is None:
            return
        if proc.poll() is None:
            proc.send_signal(sig)
            try:
                proc.wait(wait)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        (self.tmp / "pids" / name).unlink(missing_ok=True)

    # --- PostgreSQL ----------------------------------------------------------
    def _pg(self, *args, check=True):
        return subprocess.run(self.as_postgres + [str(self.pg_bin / args[0]), *args[1:]],
                              check=check, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True, timeout=60)

    def pg_init(self):
        root = self.tmp / "pg"
        root.mkdir()
        if self.as_postgres:
            shutil.chown(root, "postgres", "postgres")
        self.pg_data = root / "data"
        self._pg("initdb", "-D", str(self.pg_data), "-U", "postgres", "--auth=trust",
                 "-E", "UTF8", "--no-locale", "--no-sync")
        # The database's own settings (defaults otherwise): reachable on
        # 127.0.0.1 only, no Unix socket outside the temporary directory.
        with open(self.pg_data / "postgresql.conf", "a") as conf:
            conf.write(f"\nlisten_addresses = '127.0.0.1'\nport = {self.pg_port}\n"
                       f"unix_socket_directories = '{root}'\nmax_connections = 120\n")
        self.pg_start()
        self.psql("postgres", "CREATE DATABASE qr_event")

    def pg_start(self):
        self._pg("pg_ctl", "-D", str(self.pg_data), "-l", str(self.tmp / "pg" / "postgres.log"),
                 "-w", "-t", "30", "start")

    def pg_stop(self, mode="fast"):
        self._pg("pg_ctl", "-D", str(self.pg_data), "-w", "-t", "30", "-m", mode, "stop",
                 check=False)

    def pg_ready(self):
        return tcp_ping(self.pg_port) and subprocess.run(
            [str(self.pg_bin / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(self.pg_port)],
            check=False).returncode == 0

    def psql(self, db, sql):
        """Runs sql, returns the rows as lists of strings (tab-separated)."""
        out = subprocess.run(
            [str(self.pg_bin / "psql"), "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1",
             "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres", "-d", db, "-c", sql],
            check=True, capture_output=True, text=True, timeout=60).stdout
        return [line.split("\t") for line in out.splitlines() if line]

    # --- Redis -----------------------------------------------------------------
    def redis_start(self):
        (self.tmp / "redis").mkdir(exist_ok=True)
        # No persistence: counters and caches only, as in production.
        self._spawn("redis", ["redis-server", "--bind", "127.0.0.1", "--port",
                              str(self.redis_port), "--save", "", "--appendonly", "no",
                              "--dir", str(self.tmp / "redis")], "redis.log")
        wait_until(lambda: tcp_ping(self.redis_port, b"PING\r\n", b"+PONG"), 10, "redis")

    def redis_kill(self):
        self._kill("redis")

    # --- nginx -----------------------------------------------------------------
    def nginx_start(self):
        prefix = self.tmp / "nginx"
        prefix.mkdir()
        (prefix / "qr-event").symlink_to(self.repo / "deploy" / "nginx")
        # The shipped upstream (max_fails, fail_timeout, keep-alive) with
        # this run's ports; the location rules are included unchanged.
        upstream = (self.repo / "deploy/nginx/qr-event-upstream.conf").read_text()
        for shipped, port in zip((8081, 8082, 8083), self.app_ports):
            upstream = upstream.replace(f"127.0.0.1:{shipped}", f"127.0.0.1:{port}")
        (prefix / "upstream.conf").write_text(upstream)
        (prefix / "nginx.conf").write_text(f"""
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    log_format upstream '$msec $status $request_method $uri $request_time '
                        'up=$upstream_addr upst=$upstream_status';
    access_log {prefix}/access.log upstream;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include upstream.conf;
    server {{
        listen 127.0.0.1:{self.nginx_port};
        server_name _;
        # Which instances a request went to, and what each answered (for
        # the report; nginx's access log has the same).
        add_header X-Upstream-Addr $upstream_addr always;
        add_header X-Upstream-Status $upstream_status always;
        include qr-event/qr-event-locations.conf;
    }}
}}
""")
        self._spawn("nginx", ["nginx", "-p", f"{prefix}/", "-c", str(prefix / "nginx.conf"),
                              "-e", str(prefix / "error.log"), "-g", "daemon off;"], "nginx.log")
        wait_until(lambda: tcp_ping(self.nginx_port), 10, "nginx")

    def nginx_stop(self):
        self._kill("nginx", signal.SIGQUIT)

    # --- instances ---------------------------------------------------------------
    def instance_args(self, i, extra):
        return [self.binary, "serve", "--bind", f"127.0.0.1:{self.app_ports[i]}",
                "--data-dir", str(self.tmp / f"app{i}"), "--web-dir", str(self.tmp / "no-web"),
                "--database-url", self.db_url, "--redis-url", self.redis_url,
                "--master-key-file", str(self.tmp / "master.key"),
                "--trusted-proxies", "127.0.0.1/32", "--shutdown-grace-secs", "2", *extra]

    def instance_start(self, i, extra, env):
        (self.tmp / f"app{i}").mkdir(exist_ok=True)
        self._spawn(f"app{i}", self.instance_args(i, extra), f"app{i}.log", env)

    def instance_ready(self, i):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.app_ports[i]}/readyz",
                                        timeout=1) as r:
                return r.status == 200
        except OSError:
            return False

    def instance_wait(self, i, timeout=60):
        def ready():
            proc = self.procs.get(f"app{i}")
            if proc is not None and proc.poll() is not None:
                raise RuntimeError(f"instance {i} exited with {proc.returncode}; "
                                   f"see {self.tmp}/logs/app{i}.log")
            return self.instance_ready(i)
        wait_until(ready, timeout, f"instance {i}", step=0.05)

    def instance_kill(self, i):
        self._kill(f"app{i}")

    # --- the end -----------------------------------------------------------------
    def stop_all(self):
        for name in [n for n in self.procs if n.startswith("app")]:
            self._kill(name, signal.SIGTERM, wait=5)
        self.nginx_stop()
        self.redis_kill()
        if getattr(self, "pg_data", None) and (self.pg_data / "postmaster.pid").exists():
            self.pg_stop("immediate")
