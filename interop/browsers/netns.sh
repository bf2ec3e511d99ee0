#!/usr/bin/env bash
# Runs one command inside a fresh, uniquely named network namespace that has nothing but the
# loopback interface up, then tears the namespace down (on success, failure, or a signal).
#
#   netns.sh COMMAND [ARGS...]
#
# The command's exit status is this script's exit status. Needs root (ip netns). Every process
# still left in the namespace when the command ends is killed, by its pid, before the namespace
# is deleted, so nothing that was started inside can outlive the run or leak onto another network.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "netns.sh: must run as root (ip netns add needs CAP_SYS_ADMIN)" >&2
  exit 2
fi
command -v ip >/dev/null || { echo "netns.sh: 'ip' not found (Debian package iproute2)" >&2; exit 2; }

NS="w4j-$$-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if ip netns list 2>/dev/null | grep -qw -- "$NS"; then
    # Kill what is left inside, by pid: first politely, then for good.
    local pids
    pids=$(ip netns pids "$NS" 2>/dev/null || true)
    if [[ -n $pids ]]; then
      kill -TERM $pids 2>/dev/null || true
      for _ in 1 2 3 4 5 6 7 8 9 10; do
        pids=$(ip netns pids "$NS" 2>/dev/null || true)
        [[ -z $pids ]] && break
        sleep 0.2
      done
      [[ -n $pids ]] && kill -KILL $pids 2>/dev/null || true
    fi
    ip netns delete "$NS" 2>/dev/null || echo "netns.sh: could not delete namespace $NS" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

ip netns add "$NS"
ip netns exec "$NS" ip link set lo up

# The namespace must hold nothing but an up loopback: refuse to run otherwise.
links=$(ip netns exec "$NS" ip -o link show | awk -F': ' '{print $2}' | sed 's/@.*//')
if [[ $links != "lo" ]]; then
  echo "netns.sh: namespace $NS has unexpected interfaces: $(echo $links)" >&2
  exit 3
fi
addrs=$(ip netns exec "$NS" ip -o addr show | awk '{print $4}')
for a in $addrs; do
  case $a in
    127.*|::1/*) ;;
    *) echo "netns.sh: namespace $NS has non-loopback address $a" >&2; exit 3 ;;
  esac
done

export WEBRTC4J_NETNS="$NS"
# Not exec: the trap must run after the command ends. In the background with `wait`, so that a
# signal to this script is handled at once (bash runs traps only between foreground commands);
# stdin is passed on explicitly (a background command would otherwise get /dev/null).
set +e
ip netns exec "$NS" "$@" <&0 &
child=$!
wait "$child"
rc=$?
set -e
exit "$rc"
