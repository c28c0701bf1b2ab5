#!/usr/bin/env bash
# Brings the whole system up on this machine: PostgreSQL (its own cluster), PgBouncer, the ten Liberty servers
# (ports 3001-3010), the TLS load balancer in front of them (HAProxy, https://localhost:8443/<server>/mcp, a private
# CA: /etc/mcp-writing/tls/ca.crt), Prometheus, Alertmanager and the exporters, and scheduled pgBackRest backups —
# the Ansible deployment on the local inventory (docs/DEPLOYMENT.md). A second run changes nothing.
# Extra arguments go to ansible-playbook (e.g. -e mcp_auth_token=... or --check).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
bash "$ROOT/scripts/bootstrap.sh"
cd "$ROOT/ansible"
exec ansible-playbook -i inventories/local deploy.yml "$@"
