#!/usr/bin/env bash
# Builds what changed, then starts Workflow Chat: PostgreSQL and Redis from the environment,
# else the local ones on their default ports, else embedded ones with data in .wfchat-data/.
# Ctrl-C stops everything it started. With --demo, a team of demo agents joins the chat.
set -euo pipefail
cd "$(dirname "$0")"

launcher=local-infra/target/local-infra.jar
service_jars=(chat-service/target/quarkus-app/quarkus-run.jar state-broadcaster/target/quarkus-app/quarkus-run.jar
              discord-bridge/target/quarkus-app/quarkus-run.jar examples/demo-agent/target/demo-agent.jar)

needs_build() {
  [ -f "$launcher" ] || return 0
  for jar in "${service_jars[@]}"; do
    [ -f "$jar" ] || return 0
    [ -z "$(find pom.xml ./*/pom.xml ./*/src examples/*/pom.xml examples/*/src -newer "$jar" -print -quit 2>/dev/null)" ] || return 0
  done
  return 1
}

if needs_build; then
  echo "[wfchat] building (first run, or sources changed)…"
  ./mvnw -B -q -DskipTests package
  # a jar whose content did not change keeps its old time: mark them all built now
  touch "$launcher" "${service_jars[@]}"
fi

exec java -cp "$launcher:local-infra/target/lib/*" dev.workflowchat.infra.Launcher "$@"
