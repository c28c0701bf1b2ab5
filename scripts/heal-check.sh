#!/usr/bin/env bash
# The self-healing measurement of the operations checks (ansible/ci-check.sh on one host, scripts/topology-check.sh
# across network namespaces), sourced by both:
#   heal_check SIGNAL LIMIT TARGET OTHER
# sends SIGNAL to the JVM serving TARGET, then waits at most LIMIT seconds for that JVM to be gone and a new one to
# answer ready there, and checks OTHER (another server, which must keep serving) about every second meanwhile. It
# prints the seconds, and fails when the limit passes or OTHER missed once. A JVM stopped with SIGSTOP that is not
# healed in time is continued (SIGCONT), not left hanging.
# TARGET and OTHER mean what the caller's functions make of them (a port, "host port", a server name):
#   heal_listener TARGET   prints the pid listening for TARGET (nothing when none)
#   heal_ready TARGET      succeeds when TARGET answers /health/ready 200
#   heal_probe OTHER       succeeds when OTHER serves (directly, or through the balancer)

heal_ms() { echo $(($(date +%s%N) / 1000000)); }
heal_secs() { printf '%d.%d' $(($1 / 1000)) $(($1 % 1000 / 100)); }

heal_check() {
  local signal=$1 limit=$2 target=$3 other=$4 pid new t0 gone="" misses=0 elapsed
  pid=$(heal_listener "$target")
  [[ -n $pid ]] || { echo "nothing listens for $target" >&2; return 1; }
  t0=$(heal_ms)
  kill -s "$signal" "$pid" || return 1
  while :; do
    elapsed=$(($(heal_ms) - t0))
    if [[ -z $gone ]] && ! kill -0 "$pid" 2>/dev/null; then gone=$elapsed; fi
    new=$(heal_listener "$target")
    if [[ -n $gone && -n $new && $new != "$pid" ]] && heal_ready "$target"; then
      elapsed=$(($(heal_ms) - t0))
      break
    fi
    if ! heal_probe "$other"; then
      misses=$((misses + 1))
      echo "$other: not serving at $(heal_secs "$(($(heal_ms) - t0))") s" >&2
    fi
    if ((elapsed > limit * 1000)); then
      echo "$signal of JVM $pid ($target): not ready again after $limit s" \
        "(JVM gone: $([[ -n $gone ]] && echo "after $(heal_secs "$gone") s" || echo no))" >&2
      [[ $signal != STOP ]] || kill -CONT "$pid" 2>/dev/null || true
      return 1
    fi
    sleep 1
  done
  echo "$signal of JVM $pid ($target): JVM gone after $(heal_secs "$gone") s, ready again after $(heal_secs "$elapsed") s" \
    "(new JVM $new; limit $limit s); $other served throughout: $([[ $misses == 0 ]] && echo yes || echo "no, $misses misses")"
  if ((elapsed > limit * 1000)); then
    echo "$signal of JVM $pid ($target): ready again only after $(heal_secs "$elapsed") s, over the limit of $limit s" >&2
    return 1
  fi
  ((misses == 0))
}
