#!/usr/bin/env bash
# Storage benchmark: both storage backends measured in one run on this machine, through the
# storage SPI: embedded (H2 MVStore + local blob files, fsync on, and fsync off as a reference)
# and Cassandra 5 (one local node started here, in a temporary directory, on loopback).
#
#   bench/storage/run.sh [StorageBench options]
#     --records N (20000)  --cas N (5000)  --blobs N (200)  --concurrency N (32)
#     --backends embedded-fsync,embedded-nofsync,cassandra (all three)
#
# Results: a Markdown table on stdout and in bench/storage/target/results.md; progress on stderr.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH="$ROOT/bench/storage"
export JAVA_HOME=${TELECARE_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
CASSANDRA_JAVA=${TELECARE_CASSANDRA_JAVA:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
say() { printf 'bench/storage: %s\n' "$*" >&2; }

[ -x "$JAVA_HOME/bin/java" ] || { say "no JDK 25 at $JAVA_HOME (set TELECARE_JAVA_HOME)"; exit 2; }
[ -x "$CASSANDRA_JAVA" ] || { say "no Java 17 for Cassandra at $CASSANDRA_JAVA (set TELECARE_CASSANDRA_JAVA)"; exit 2; }

cd "$ROOT"
say "building cluster/core, the Cassandra node's jars and the harness ..."
# Maven writes to stdout (even with -q, colour codes): keep stdout for the results.
mvn -q -B -DskipTests install -pl bench/storage -am >&2
mvn -q -B -f "$BENCH/pom.xml" dependency:build-classpath -Dmdep.outputFile="$BENCH/target/classpath.txt" >&2
CP="$BENCH/target/classes:$(cat "$BENCH/target/classpath.txt")"

CDATA=$(mktemp -d "${TMPDIR:-/tmp}/telecare-bench-cassandra.XXXXXX")
WORK="$BENCH/target/work"
CLI=("$JAVA_HOME/bin/java" -cp "$CP"
     -Dtelecare.cassandra.lib="$ROOT/cluster/cassandra-node/target/lib"
     -Dtelecare.cassandra.java="$CASSANDRA_JAVA"
     org.telecare.cassandra.devnode.CassandraDevNodeCli)

cleanup() {
  "${CLI[@]}" stop --data "$CDATA" >&2 || true
  # Keep Cassandra's log for a look at what it did during the run; drop its data.
  [ -f "$CDATA/logs/system.log" ] && cp "$CDATA/logs/system.log" "$BENCH/target/cassandra-system.log" || true
  rm -rf "$CDATA" "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "starting a Cassandra node in $CDATA ..."
if ! out=$("${CLI[@]}" start --data "$CDATA" --port 0 2>&1); then
  echo "$out" >&2
  say "Cassandra did not start; its log is copied to $BENCH/target/cassandra-system.log"
  exit 1
fi
echo "$out" >&2
CONTACT=$(sed -n 's/^ *CQL contact point: *//p' <<<"$out" | head -1)
DC=$(sed -n 's/^ *local data centre: *//p' <<<"$out" | head -1)
[ -n "$CONTACT" ] && [ -n "$DC" ] || { say "could not read the contact point from the output above"; exit 1; }

status=0
"$JAVA_HOME/bin/java" -Xms1g -Xmx4g -XX:+UseG1GC \
  --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -cp "$CP" org.telecare.bench.storage.StorageBench \
  --cassandra "$CONTACT" --dc "$DC" --cassandra-data "$CDATA" \
  --work "$WORK" --out "$BENCH/target/results.md" "$@" || status=$?
[ $status -eq 0 ] || say "the harness exited with status $status (see the notes under the table)"
exit $status
