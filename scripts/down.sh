#!/usr/bin/env bash
# Takes down what scripts/up.sh brought up on this machine: stops the ten servers, PgBouncer, the load balancer,
# monitoring and the backup schedule, and removes the installation's files (the default instance, mcp-writing). The
# PostgreSQL cluster and its data stay unless --drop-cluster is given (never a cluster named main). The private CA
# (~/.local/share/mcp-writing/mcp-writing/ca) stays, so that clients that trust it keep trusting the next one.
# Extra arguments go to ansible-playbook.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
args=()
for a in "$@"; do
  if [[ $a == --drop-cluster ]]; then args+=(-e teardown_drop_cluster=true); else args+=("$a"); fi
done
cd "$ROOT/ansible"
exec ansible-playbook -i inventories/local teardown.yml -e teardown_confirm=true -e teardown_default_instance=true \
  "${args[@]}"
