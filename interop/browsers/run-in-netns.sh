#!/usr/bin/env bash
# The one entry point CI calls to run something against real browsers. It installs nothing: it
# checks the prerequisites, fails with a clear message when one is missing, and then runs the
# command inside a fresh loopback-only network namespace (netns.sh), torn down afterwards.
#
#   interop/browsers/run-in-netns.sh                       # = capture-sdp.mjs
#   interop/browsers/run-in-netns.sh capture-sdp.mjs [ARGS...]
#   interop/browsers/run-in-netns.sh SCRIPT.mjs [ARGS...]   # any node script in interop/browsers/
#   interop/browsers/run-in-netns.sh -- COMMAND [ARGS...]   # any command (e.g. a JVM test run)
#
# Environment:
#   WEBRTC4J_BROWSERS   browsers that must be present: "chrome,firefox" (default), "chrome", "firefox"
#   WEBRTC4J_CHROMIUM   Chromium binary (default /usr/bin/chromium)
#   WEBRTC4J_FIREFOX    Firefox binary (default /usr/bin/firefox-esr)
#
# Prerequisites (see interop/README.md): root; Debian packages iproute2, nodejs (>= 20), chromium,
# firefox-esr; `npm ci` done in interop/browsers/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
problems=()
need() { problems+=("$1"); }

[[ $(id -u) -eq 0 ]] || need "must run as root (network namespaces need CAP_SYS_ADMIN); CI runs as root"
command -v ip >/dev/null 2>&1 || need "'ip' not found: apt-get install -y iproute2"

if command -v node >/dev/null 2>&1; then
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  [[ $node_major -ge 20 ]] || need "node $(node --version) is too old: need >= 20"
  if ! (cd "$HERE" && node -e "require.resolve('playwright-core'); require.resolve('puppeteer-core')" 2>/dev/null); then
    need "npm dependencies missing: (cd interop/browsers && npm ci)"
  fi
else
  need "'node' not found: apt-get install -y nodejs npm (node >= 20)"
fi

browsers="${WEBRTC4J_BROWSERS:-chrome,firefox}"
chromium="${WEBRTC4J_CHROMIUM:-/usr/bin/chromium}"
firefox="${WEBRTC4J_FIREFOX:-/usr/bin/firefox-esr}"
if [[ ,$browsers, == *,chrome,* ]]; then
  [[ -x $chromium ]] || need "Chromium not found at $chromium: apt-get install -y chromium"
fi
if [[ ,$browsers, == *,firefox,* ]]; then
  [[ -x $firefox ]] || need "Firefox ESR not found at $firefox: apt-get install -y firefox-esr"
fi

if [[ ${#problems[@]} -gt 0 ]]; then
  echo "run-in-netns.sh: prerequisites missing:" >&2
  printf '  - %s\n' "${problems[@]}" >&2
  exit 2
fi

if [[ $# -gt 0 && $1 == "--" ]]; then
  shift
  [[ $# -gt 0 ]] || { echo "run-in-netns.sh: nothing to run after --" >&2; exit 2; }
  exec "$HERE/netns.sh" "$@"
fi

script="${1:-capture-sdp.mjs}"
[[ $# -gt 0 ]] && shift
case $script in
  /*) ;;
  *) script="$HERE/$script" ;;
esac
[[ -f $script ]] || { echo "run-in-netns.sh: no such script: $script" >&2; exit 2; }
exec "$HERE/netns.sh" node "$script" "$@"
