#!/usr/bin/env bash
# Checks configuration that the local deploy does not exercise, rendered with each inventory's variables
# (render-check.yml; nothing is installed or started, about half a minute):
#   - the balancer's haproxy.cfg with the HSTS and IP allowlist options on: `haproxy -c -f` must accept it;
#   - the systemd units (production's service manager; the build machines run supervisord): the servers' template
#     unit (liberty@.service.j2) for each enabled server and every daemon of mcp_common's service tasks (the svc
#     definitions are read from the roles' tasks and vars), checked with `systemd-analyze verify`. Executables that
#     are not installed on this machine (the installation's own, /opt/<instance>/wlp/bin/server) are listed, not
#     failed; every other message fails (unknown keys, bad values). Skipped, and said so, without systemd-analyze.
#   - the deploy's port-owner check (port-owner-check.yml) against a stand-in listener on a spare port.
# ansible/ci-check.sh runs it (local and production) in its lint step.
#   ansible/render-check.sh [INVENTORY...]        (default: local topology production)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"
export ANSIBLE_FORCE_COLOR=0 ANSIBLE_NOCOLOR=1 ANSIBLE_DEPRECATION_WARNINGS=0 PY_COLORS=0 ANSIBLE_DISPLAY_OK_HOSTS=0
inventories=("$@")
((${#inventories[@]})) || inventories=(local topology production)
work=$(mktemp -d /tmp/mcp-render-check.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The daemons' definitions: every include of mcp_common's service tasks (its `svc`, inline or a variable of the role)
# whose unit is ours under systemd (not those included only without systemd, such as Grafana's: its package's unit).
python3 - "$work/services.yml" roles/*/tasks/*.yml <<'PY'
import sys, yaml
out, services = sys.argv[1], []
for path in sys.argv[2:]:
    for task in yaml.safe_load(open(path)) or []:
        inc = task.get("ansible.builtin.include_role") or task.get("include_role") or {}
        svc = (task.get("vars") or {}).get("svc")
        if inc.get("tasks_from") != "service" or svc is None:
            continue
        when = task.get("when", "")
        if "not mcp_use_systemd" in (when if isinstance(when, str) else " ".join(when)):
            continue
        services.append(svc)
yaml.safe_dump({"render_services": services}, open(out, "w"), width=1000)
print(f"{len(services)} daemons of the service tasks")
PY

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=render-check -keyout "$work/key.pem" -out "$work/cert.pem" \
  2>/dev/null
cat "$work/cert.pem" "$work/key.pem" >"$work/mcp.pem"

verify=1
command -v systemd-analyze >/dev/null || { verify=0; echo "systemd-analyze is not installed: the systemd units are rendered, not verified"; }
bad=0
for inventory in "${inventories[@]}"; do
  echo "=== inventory $inventory"
  dir=$work/$inventory
  mkdir -p "$dir"
  ansible-playbook -i "inventories/$inventory" render-check.yml -e render_dir="$dir" -e render_certificate="$work/mcp.pem" \
    -e "@$work/services.yml" >"$dir.log" 2>&1 || { tail -n 40 "$dir.log"; exit 1; }
  for host in "$dir"/*/; do
    [[ -f $host/haproxy.cfg ]] \
      && echo "  $(basename "$host"): haproxy.cfg with HSTS and an IP allowlist accepted by haproxy -c (render-check.yml)"
    ((verify)) || continue
    units=("$host"*.service)
    # Only the units' own files are read: no generators, no man pages; dependencies that do not exist here
    # (network-online.target exists; postgresql.service may not) are not what is checked.
    out=$(cd "$host" && systemd-analyze verify --man=no --generators=no "${units[@]##*/}" 2>&1 || true)
    missing=$(grep -E 'Command .* is not executable: No such file or directory' <<<"$out" \
      | sed -E 's/.*Command (.*) is not executable.*/\1/' | sort -u | tr '\n' ' ' || true)
    problems=$(grep -v -E 'Command .* is not executable: No such file or directory' <<<"$out" | grep -v '^$' || true)
    echo "  $(basename "$host"): ${#units[@]} units verified${missing:+; not installed here: $missing}"
    if [[ -n $problems ]]; then
      echo "$problems" | sed 's/^/    /'
      bad=1
    fi
  done
done
((bad == 0)) || { echo "systemd-analyze verify found problems in the rendered units" >&2; exit 1; }

echo "=== the deploy's port check against a listener that is not ours (port-owner-check.yml)"
ansible-playbook -i localhost, port-owner-check.yml >"$work/port-owner.log" 2>&1 || { tail -n 40 "$work/port-owner.log"; exit 1; }
echo "  a foreign listener is named (pid, command line), the expected one passes, a free port is named"
echo "render check passed: ${inventories[*]}"
