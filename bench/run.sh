#!/usr/bin/env bash
# Runs the benchmark: ./bench/run.sh [idle|fanout|conversation|ingest|connections|history …] [--scale=smoke|full] [--key=value …]
# Builds first when needed. By default it starts its own chat-service (on a database and Redis
# prefix of its own) and writes bench/target/report/report.md with a plot per scenario.
set -euo pipefail
cd "$(dirname "$0")/.."

jars=(bench/target/bench.jar chat-service/target/quarkus-app/quarkus-run.jar local-infra/target/local-infra.jar)
needs_build() {
  for jar in "${jars[@]}"; do
    [ -f "$jar" ] || return 0
    [ -z "$(find pom.xml ./*/pom.xml ./*/src -newer "$jar" -print -quit 2>/dev/null)" ] || return 0
  done
  return 1
}
if needs_build; then
  echo "[bench] building (first run, or sources changed)…"
  ./mvnw -B -q -DskipTests package -pl bench,chat-service -am
fi
# The load generator on the same 2-core machine as the server: a heap big enough for its histograms.
exec java -Xmx2g -Djava.awt.headless=true -cp "bench/target/bench.jar:bench/target/lib/*" dev.workflowchat.bench.Bench "$@"
