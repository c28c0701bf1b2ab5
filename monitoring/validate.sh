#!/usr/bin/env bash
# Runs every offline check of the monitoring configuration (no Prometheus,
# Alertmanager or Grafana needs to be running). Use it locally and in CI.
#
#   monitoring/validate.sh
#
# Needs: promtool, amtool, yamllint, jq, python3 with jinja2 and PyYAML
# (Debian: prometheus, prometheus-alertmanager, yamllint, jq, python3-jinja2,
# python3-yaml). Exits non-zero on the first failing step.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step() { printf '\n== %s\n' "$*"; }

step "yamllint (relaxed, warnings are errors)"
yamllint -s -d relaxed .
echo "ok"

step "promtool check config"
promtool check config prometheus/prometheus.yml

step "promtool check rules"
promtool check rules prometheus/rules/*.yml

step "promtool test rules"
promtool test rules prometheus/tests/*.yml

step "amtool check-config"
amtool check-config alertmanager/alertmanager.yml

step "Alertmanager routing"
route() {
  local want=$1; shift
  amtool config routes test --config.file=alertmanager/alertmanager.yml \
    --verify.receivers="$want" "$@" 2>/dev/null >/dev/null ||
    { echo "FAIL: $* should go to $want"; return 1; }
  echo "ok: $* -> $want"
}
route mcp-rollback alertname=McpHighErrorRate service=review severity=critical rollback=true
route mcp-rollback alertname=McpDatabaseConnectionFailures service=pgbouncer severity=critical rollback=true
route mcp-critical alertname=BackupMissed kind=full severity=critical
route mcp-default alertname=LibertyHeapUsageHigh service=scene severity=warning
route mcp-critical alertname=LoadBalancerNoHealthyInstance service=author severity=critical
route mcp-default alertname=TlsCertificateExpiresSoon severity=warning
route mcp-default alertname=SomethingElse

step "Jinja2 templates render the committed files"
python3 - "$work" <<'PY'
import shutil, subprocess, sys, os
import jinja2, yaml

work = sys.argv[1]
variables = yaml.safe_load(open("ansible-vars.example.yml"))
# Ansible's template module renders with trim_blocks=True.
env = jinja2.Environment(loader=jinja2.FileSystemLoader("."), trim_blocks=True,
                         undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
failed = False
os.makedirs(os.path.join(work, "rules"))
for template, committed, rendered in [
    ("prometheus/prometheus.yml.j2", "prometheus/prometheus.yml", "prometheus.yml"),
    ("prometheus/rules/pgbouncer-limits.yml.j2", "prometheus/rules/pgbouncer-limits.yml",
     "rules/pgbouncer-limits.yml"),
]:
    text = env.get_template(template).render(**variables)
    with open(os.path.join(work, rendered), "w") as f:
        f.write(text)
    same = yaml.safe_load(text) == yaml.safe_load(open(committed))
    print(("ok: " if same else "FAIL: ") + template + (" == " if same else " != ") + committed)
    failed |= not same
for name in ("recording.yml", "alerts.yml"):
    shutil.copy(os.path.join("prometheus/rules", name), os.path.join(work, "rules", name))
rc = subprocess.call(["promtool", "check", "config", os.path.join(work, "prometheus.yml")],
                     stdout=subprocess.DEVNULL)
print(("ok" if rc == 0 else "FAIL") + ": promtool check config on the rendered file")
sys.exit(1 if failed or rc else 0)
PY

step "Grafana dashboards (static)"
./check-dashboards.sh --static

step "stat tiles colour at the recorded alert thresholds"
./tile-thresholds.py

printf '\nAll monitoring checks passed.\n'
