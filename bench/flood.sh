#!/usr/bin/env bash
# Reject flood: starts the hub (embedded broker and H2 in a fresh data directory, no demo), floods
# one region's ingest with malformed bodies and rejected items (Flood.java) for FLOOD_SECONDS, and prints
# the answers and the database's size on disk before and after. Everything it starts is stopped.
#   bench/flood.sh                     # 60 s, 8 clients
#   FLOOD_SECONDS=10 bench/flood.sh
set -Eeuo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
: "${FLOOD_SECONDS:=60}"
: "${FLOOD_CLIENTS:=8}"
: "${FLOOD_JAR:=}"
WORK=$(mktemp -d /tmp/tributary-flood.XXXXXX)
HUB_PID=""
cleanup() { [[ -n "$HUB_PID" ]] && kill "$HUB_PID" 2>/dev/null && wait "$HUB_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
cd "$REPO"
if [[ -z "$FLOOD_JAR" ]]; then
  mvn -B -q -DskipTests package >/dev/null
  FLOOD_JAR=$(ls target/tributary-*.jar | grep -v original | head -1)
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
KEY=flood-key-$RANDOM$RANDOM
HUB_HTTP_PORT=$PORT HUB_DATA_DIR="$WORK/data" HUB_CRM_URL=http://127.0.0.1:9/crm HUB_ERP_URL=http://127.0.0.1:9/erp \
  HUB_REGION_CN_EAST_API_KEY=$KEY HUB_ADMIN_PASSWORD=flood-admin \
  java -Xmx512m -jar "$FLOOD_JAR" --spring.profiles.active=default >"$WORK/hub.log" 2>&1 &
HUB_PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
size() { du -sk "$WORK/data/db" | cut -f1; }
echo "database before: $(size) KiB"
java "$REPO/bench/Flood.java" "http://127.0.0.1:$PORT" cn-east "$KEY" "$FLOOD_SECONDS" "$FLOOD_CLIENTS"
echo "database after:  $(size) KiB"
echo "rejections stored (newest id): $(curl -fs -u admin:flood-admin "http://127.0.0.1:$PORT/api/rejected?limit=1" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r[0]["id"] if r else 0)')"
