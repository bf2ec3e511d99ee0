#!/usr/bin/env bash
# Runs the interop suite (suite/run-suite.mjs) inside a fresh loopback-only network namespace:
# every peer, the echo server under test and the offerer under test share that namespace's lo.
#
#   interop/run-suite.sh [--server CMD] [--offerer CMD] [--peers werift,aiortc,chrome,firefox]
#                        [--roles offerer,answerer] [--cases text,...,peer-killed] [--log-dir DIR]
#
# Defaults test webrtc4j: --server './webrtc4j echo --listen 127.0.0.1:{port} --ice-loopback',
# --offerer './webrtc4j interop-offer --url {url} --case {case}' (run from the repository root).
# Prerequisites as for browsers/run-in-netns.sh, plus `npm ci` in interop/suite and Debian's
# python3-aiortc; .ci/run installs them all.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
missing=()
(cd "$HERE/suite" && node -e "require.resolve('werift')" 2>/dev/null) \
  || missing+=("npm dependencies missing: (cd interop/suite && npm ci)")
/usr/bin/python3 -c 'import aiortc' 2>/dev/null || missing+=("aiortc missing: apt-get install -y python3-aiortc")
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "run-suite.sh: prerequisites missing:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  echo "0 passed, 1 failed"
  exit 2
fi
exec "$HERE/browsers/run-in-netns.sh" "$HERE/suite/run-suite.mjs" "$@"
