# Sourced by .ci/run, ./webrtc4j and ./mvnw (POSIX sh): exports JAVA_HOME pointing at a JDK >= 21.
# Keeps a JAVA_HOME (or the java on PATH) that is new enough; otherwise takes the newest JDK
# under /usr/lib/jvm that is.
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1; }
pick_java_home() {
  local cand
  for cand in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    if [ -n "$cand" ] && [ -x "$cand/bin/javac" ] && [ "$(java_major "$cand/bin/java")" -ge 21 ] 2>/dev/null; then
      echo "$cand"; return 0
    fi
  done
  # No glob here: mvnw runs this under `set -f`.
  for cand in $(ls -1 /usr/lib/jvm 2>/dev/null | sort -rV); do
    cand="/usr/lib/jvm/$cand"
    if [ -x "$cand/bin/javac" ] && [ "$(java_major "$cand/bin/java")" -ge 21 ] 2>/dev/null; then
      echo "$cand"; return 0
    fi
  done
  return 1
}
JAVA_HOME="$(pick_java_home)" || { echo "webrtc4j needs a JDK >= 21 (set JAVA_HOME)" >&2; exit 1; }
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
