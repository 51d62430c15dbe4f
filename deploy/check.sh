#!/usr/bin/env bash
# Checks the production files in deploy/ without installing anything and
# without root: Prometheus alert rules and their unit tests, both Prometheus
# configs, nginx -t on each site (in a throwaway prefix, with a self-signed
# certificate for the TLS one), and the Grafana files.
# Needs promtool (Debian: prometheus), nginx, openssl and python3.
set -euo pipefail

deploy="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for tool in promtool nginx openssl python3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "deploy/check.sh: $tool is missing (Debian: apt-get install prometheus nginx openssl python3)" >&2
        exit 1
    fi
done

# --- Prometheus -----------------------------------------------------------------
promtool check rules "$deploy/prometheus/alerts.yml"
promtool test rules "$deploy/prometheus/alerts.test.yml"

# Both configs name a bearer-token file that exists only where they run;
# check copies that point at a stand-in, beside the rules they load.
mkdir "$tmp/prometheus"
cp "$deploy/prometheus/alerts.yml" "$tmp/prometheus/"
echo placeholder >"$tmp/prometheus/token"
for config in prometheus/prometheus.yml docker/prometheus.yml; do
    sed -E "s#credentials_file: .*#credentials_file: $tmp/prometheus/token#" \
        "$deploy/$config" >"$tmp/prometheus/prometheus.yml"
    echo "promtool check config deploy/$config"
    promtool check config "$tmp/prometheus/prometheus.yml" >/dev/null
done

# --- nginx -----------------------------------------------------------------------
# A main configuration of our own in a temporary prefix: pid, logs and
# temporary files there; `include qr-event/…` resolves against the prefix,
# where qr-event/ is this directory's nginx/.
prefix="$tmp/nginx"
mkdir -p "$prefix"
ln -s "$deploy/nginx" "$prefix/qr-event"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=tickets.example.org \
    -keyout "$prefix/privkey.pem" -out "$prefix/fullchain.pem" 2>/dev/null
sed "s#/etc/ssl/qr-event/#$prefix/#" "$deploy/nginx/qr-event.conf" >"$prefix/site-tls.conf"
# nginx -t binds the ports it is to listen on: without root, move 80 and 443
# to unprivileged ones (and leave IPv6 out, which would then repeat them).
if [[ "$(id -u)" -ne 0 ]]; then
    sed -i -E '/listen \[::\]/d; s/listen 80;/listen 127.0.0.1:18080;/; s/listen 443 /listen 127.0.0.1:18443 /' \
        "$prefix/site-tls.conf"
fi
# Compose's names resolve only inside Compose: check its file against
# local addresses.
sed -E 's#server app([0-9]):8080#server 127.0.0.1:808\1#' "$deploy/docker/nginx.conf" \
    >"$prefix/site-compose.conf"

nginx_t() {
    cat >"$prefix/nginx.conf" <<EOF
pid $prefix/nginx.pid;
error_log $prefix/error.log;
events {}
http {
    access_log off;
    client_body_temp_path $prefix/client_body;
    proxy_temp_path $prefix/proxy;
    fastcgi_temp_path $prefix/fastcgi;
    uwsgi_temp_path $prefix/uwsgi;
    scgi_temp_path $prefix/scgi;
    include $1;
}
EOF
    echo "nginx -t: $2"
    nginx -t -q -e "$prefix/error.log" -p "$prefix/" -c "$prefix/nginx.conf"
}
nginx_t site-tls.conf "deploy/nginx/qr-event.conf (TLS, self-signed test certificate)"
nginx_t qr-event/qr-event-loopback.conf "deploy/nginx/qr-event-loopback.conf"
nginx_t site-compose.conf "deploy/docker/nginx.conf (Compose names as local addresses)"

# --- Grafana and Compose files -----------------------------------------------
# The dashboard is valid JSON, every panel reads from the DS_PROMETHEUS
# variable, and its queries parse: they go through promtool as rules, with
# Grafana's $__rate_interval and $__range as plain durations.
python3 - "$deploy" "$tmp/dashboard-queries.yml" <<'PY'
import json, pathlib, sys
deploy, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
board = json.loads((deploy / "grafana/qr-event-dashboard.json").read_text())
rules = []
for panel in board["panels"]:
    if panel["type"] == "row":
        continue
    assert panel["datasource"]["uid"] == "${DS_PROMETHEUS}", panel["title"]
    for target in panel["targets"]:
        expr = target["expr"].replace("$__rate_interval", "5m").replace("$__range", "1h")
        rules.append({"record": f"dashboard:panel{panel['id']}:{target['refId']}", "expr": expr})
out.write_text(json.dumps({"groups": [{"name": "dashboard", "rules": rules}]}))
print(f"grafana/qr-event-dashboard.json: valid JSON, {len(rules)} queries")
try:
    import yaml
except ImportError:
    print("python3-yaml missing: YAML files not parsed")
else:
    for name in ["docker/compose.yaml", "grafana/provisioning/datasources/prometheus.yaml",
                 "grafana/provisioning/dashboards/qr-event.yaml"]:
        yaml.safe_load((deploy / name).read_text())
        print(f"{name}: valid YAML")
PY
promtool check rules "$tmp/dashboard-queries.yml" >/dev/null

echo "deploy/: all checks passed"
