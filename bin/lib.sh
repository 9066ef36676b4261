# Shared by bin/weft, bin/weftctl and bin/test: find JDK 25, build when stale.
# Sourced, not run. Sets WEFT_HOME, JAVA_HOME, JAVA, WEFT_CP.

WEFT_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

weft_java_version() { # prints the feature version of a java binary, e.g. 25
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}

weft_find_java() {
  local candidate v
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    v=$(weft_java_version "$JAVA_HOME/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 25 ] 2>/dev/null; then JAVA="$JAVA_HOME/bin/java"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/*25*; do
    if [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ]; then
      JAVA_HOME="$candidate"; JAVA="$candidate/bin/java"; export JAVA_HOME; return 0
    fi
  done
  echo "weft: Java 25 or newer is required, and none was found." >&2
  echo "      Set JAVA_HOME to a JDK 25 (e.g. Temurin 25), or install one under /usr/lib/jvm." >&2
  return 1
}

# True when the launcher jar is missing or any source or pom is newer than it.
weft_is_stale() {
  local jar="$WEFT_HOME/weft-app/target/weft-app.jar"
  [ -f "$jar" ] && [ -d "$WEFT_HOME/weft-app/target/lib" ] || return 0
  [ -n "$(find "$WEFT_HOME" -path "$WEFT_HOME/bench" -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -newer "$jar" -print -quit 2>/dev/null)" ]
}

weft_mvn() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "weft: Maven is missing; installing it (apt-get install -y maven)" >&2
    apt-get install -y -q maven >/dev/null || { echo "weft: could not install Maven" >&2; return 1; }
  fi
  (cd "$WEFT_HOME" && JAVA_HOME="$JAVA_HOME" mvn -B -q -Dstyle.color=never "$@")
}

weft_build_if_stale() {
  if weft_is_stale; then
    echo "weft: building (first use, or sources changed)..." >&2
    weft_mvn -DskipTests package >&2 || { echo "weft: build failed" >&2; return 1; }
    # Maven leaves a jar whose content did not change untouched (a change in another module,
    # or a comment): without this every later start would find it stale and build again.
    touch "$WEFT_HOME/weft-app/target/weft-app.jar"
  fi
  WEFT_CP="$WEFT_HOME/weft-app/target/weft-app.jar:$WEFT_HOME/weft-app/target/lib/*"
}

# JVM flags of the long-running server (bin/weft; bench/config-api starts `weft up` with them;
# `weft config` has its own below).
# G1 as ergonomics would pick, but told that up to 20% of the time in GC is fine
# (GCTimeRatio=4, default 12): on a busy 2-core host the default read slow, CPU-starved
# pauses as "collect less often" and grew a 100 MB live set to a 3.6 GB committed heap
# (weft up RSS 2.3 GB under bench/config-api). Idle heap goes back to the OS after 30 s.
# No shorter pause goal: -XX:MaxGCPauseMillis=10 was tried and, on the starved machine,
# made bench/config-api slower with a worse p99 (many more, CPU-starved young pauses).
# The heap limit stays the JVM default (a quarter of RAM): the compiler holds every input.
WEFT_JVM_OPTS="${WEFT_JVM_OPTS:--XX:+UseG1GC -XX:GCTimeRatio=4 -XX:G1PeriodicGCInterval=30000}"

# JVM flags of `weft config`, the config role alone (bin/weft; bench/config-api starts it with
# them). Measured with bench/config-api (40,000 creates on 2 cores, November 2026):
# - The JIT as it comes (tiered, C2): C2 spends 12-15 s of CPU compiling Jetty, Jackson, SQLite
#   JDBC and Weft in the first 40,000 creates, and after that its code takes about 270 us of
#   server CPU per create against C1's 440 (C1 alone, TieredStopAtLevel=1, was cheaper only
#   in a server's first minute). A config role runs for months, so it is built for the warm state.
# - SerialGC: a card-marking write barrier, cheaper than G1's (with ParallelGC's, the same,
#   the request threads' CPU fell by a quarter); one GC thread, none concurrent. ParallelGC used
#   the same CPU per create with 680-820 MiB resident against SerialGC's 400 MiB (G1: 490-810).
#   Its collections stop the world; old-generation ones grow with what the compiler holds.
# - Compact object headers (JEP 519): smaller objects, less to allocate and copy.
# - A 400 MB young generation on a host with 8 GiB or more (the default heap is then 2 GiB or
#   more, so the old generation keeps the rest): young collections stop every request thread,
#   and fewer of them cut GC CPU by a quarter and the p99 of a create from 9-13 ms to 7 ms, for
#   about 140 MB more resident memory. The JVM's default (a third of the heap) below that.
weft_config_young_gen() {
  local kib
  kib=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null || echo 0)
  if [ "${kib:-0}" -ge $((8 * 1024 * 1024)) ]; then echo " -Xmn400m"; fi
}
WEFT_CONFIG_JVM_OPTS="${WEFT_CONFIG_JVM_OPTS:--XX:+UseSerialGC -XX:+UseCompactObjectHeaders$(weft_config_young_gen)}"
