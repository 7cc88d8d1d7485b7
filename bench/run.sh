#!/usr/bin/env bash
# Tributary benchmark: builds the hub from a snapshot of the working tree, starts it (embedded
# Artemis + embedded H2) as its own JVM with a local HTTP sink as CRM and ERP, drives load from a
# separate JVM through POST /ingest/{region}/canonical, measures throughput, latency, heap and RSS,
# runs Artemis' own perf client against the hub's embedded broker as the physical reference, and
# writes bench/results/<timestamp>.json. Everything it starts is stopped on exit, error or Ctrl-C.
#
#   bench/run.sh                       # defaults (see bench/README.md)
#   bench/run.sh --sat-events=20000    # any BENCH_* setting as a flag: --name=value -> BENCH_NAME
#   BENCH_JFR=1 bench/run.sh           # also record JFR on the hub during saturation
#   BENCH_ASPROF=1 bench/run.sh        # also profile the hub's CPU with async-profiler during saturation
set -Eeuo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)

usage() {
  sed -n '/^## Settings/,/^## /p' "$BENCH_DIR/README.md" 2>/dev/null | sed '$d' || true
  echo "flags: --name=value sets BENCH_NAME (e.g. --sat-events=20000 -> BENCH_SAT_EVENTS=20000); --help"
}

for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    --*=*) key=${arg%%=*}; key=${key#--}; key=BENCH_$(printf '%s' "$key" | tr 'a-z-' 'A-Z_')
           export "$key=${arg#*=}" ;;
    *) echo "unknown argument: $arg (use --name=value)" >&2; usage >&2; exit 2 ;;
  esac
done

# ------------------------------------------------------------------------------- settings
: "${BENCH_PHASES:=warmup,saturation,latency,failing,matching,file,lookup,adapters,broker}"
: "${BENCH_TIMEOUT:=2400}"                # hard bound for the whole run, seconds
: "${BENCH_SOURCE:=worktree}"             # worktree (tracked + untracked, not ignored) | head
: "${BENCH_JAR:=}"                        # use this hub jar instead of building
: "${BENCH_WORK_DIR:=$BENCH_DIR/.cache}"
: "${BENCH_CUSTOMERS:=5000}"
: "${BENCH_REGIONS:=cn-east,cn-south,eu-west}"
: "${BENCH_MIX:=order=1,opportunity=0,customer=0}"
: "${BENCH_SEED:=42}"
: "${BENCH_WARMUP_EVENTS:=50000}"
: "${BENCH_SAT_EVENTS:=50000}"
: "${BENCH_SAT_BATCH:=100}"
: "${BENCH_SAT_CLIENTS:=16}"
: "${BENCH_SAT_DRAIN_TIMEOUT:=300}"
: "${BENCH_LAT_RATE:=500}"
: "${BENCH_LAT_DURATION:=60}"
: "${BENCH_LAT_WARMUP:=20}"               # seconds at the fixed rate before it is measured (single-event requests warm other code than batches)
: "${BENCH_LAT_BATCH:=1}"
: "${BENCH_LAT_CLIENTS:=32}"
: "${BENCH_LAT_DRAIN_TIMEOUT:=120}"
: "${BENCH_FAIL_RATE:=$BENCH_LAT_RATE}"      # failing: events/s of the other customers (single-event requests, open loop)
: "${BENCH_FAIL_DURATION:=300}"           # failing: measured seconds while the sink fails one customer
: "${BENCH_FAIL_WARMUP:=20}"              # failing: seconds at the rate before the measured window (the customer fails already)
: "${BENCH_FAIL_CUSTOMER:=1}"             # failing: the bench customer whose calls fail (the other streams leave it out)
: "${BENCH_FAIL_INTERVAL_MS:=1000}"       # failing: one order of that customer every N ms, in sequence
: "${BENCH_FAIL_TARGETS:=crm,erp}"        # failing: targets that answer its calls with 503
: "${BENCH_FAIL_DRAIN_TIMEOUT:=240}"      # failing: max seconds after the window for everything to arrive
: "${BENCH_ADAPT_CRM:=salesforce}"        # adapters: the CRM's adapter
: "${BENCH_ADAPT_ERP:=kingdee-k3cloud}"   # adapters: the ERP's adapter
: "${BENCH_ADAPT_WARMUP_EVENTS:=$BENCH_WARMUP_EVENTS}"   # adapters: warm-up events of the restarted hub
: "${BENCH_ADAPT_EVENTS:=$BENCH_SAT_EVENTS}"             # adapters: measured events (as saturation)
: "${BENCH_ADAPT_HUB_OPTS:=}"             # adapters: more -D options for the restarted hub (adapter settings)
: "${BENCH_FILE_ROWS:=100000}"           # data rows of the distributor order file of the file phase
: "${BENCH_FILE_ENCODING:=GBK}"
: "${BENCH_FILE_DRAIN_TIMEOUT:=300}"
: "${BENCH_MATCH_COMPANIES:=6000}"        # companies of the matching phase (about 1.67 source customers each)
: "${BENCH_MATCH_DRAIN_TIMEOUT:=300}"     # max seconds to wait for every accepted customer to be resolved
: "${BENCH_MATCH_CHECK:=200}"             # multi-region companies whose sources are looked up afterwards (0 = none)
: "${BENCH_LOOKUP_GOLDEN:=1000000}"       # golden records seeded into the hub's database for the lookup phase
: "${BENCH_LOOKUP_DURATION:=30}"
: "${BENCH_LOOKUP_WARMUP:=30}"            # seconds of lookups before the measured ones (the restarted hub is cold: interpreted until C2 compiles)
: "${BENCH_LOOKUP_CLIENTS:=8}"
: "${BENCH_LOOKUP_SEED_BATCH:=5000}"      # rows per JDBC batch (and commit) of the seeding
: "${BENCH_ARTEMIS_VERSION:=2.40.0}"
: "${BENCH_PERF_DURATION:=20}"
: "${BENCH_PERF_WARMUP:=5}"
: "${BENCH_PERF_PRODUCERS:=1}"
: "${BENCH_PERF_CONSUMERS:=1}"
: "${BENCH_PERF_MAX_PENDING:=100}"
: "${BENCH_PERF_MESSAGE_SIZE:=1024}"
: "${BENCH_PERF_EXTRA_ARGS:=}"
: "${BENCH_PERF_JAVA_ARGS:=-Xms256m -Xmx1g}"
: "${BENCH_HUB_JAVA_OPTS:=-Xmx512m -XX:+UseParallelGC -XX:-TieredCompilation}"   # the heap the hub is meant to run in (Artemis pages beyond half of it); see README Performance
: "${BENCH_HUB_START_TIMEOUT:=120}"
: "${BENCH_HUB_PORT:=}"
: "${BENCH_BROKER_PORT:=}"
: "${BENCH_JFR:=0}"                       # 0 | 1 (saturation only, via jcmd) | run (whole hub lifetime)
: "${BENCH_JFR_SETTINGS:=profile}"
: "${BENCH_JFR_TOOL:=}"                   # a jfr binary with 'view' (JDK 21+); found automatically
: "${BENCH_ASPROF:=0}"                    # 1: async-profiler on the hub during saturation (fetched from Maven Central)
: "${BENCH_ASPROF_VERSION:=4.2}"
: "${BENCH_ASPROF_EVENT:=cpu}"            # cpu (perf events, with kernel frames), itimer, wall, alloc, lock
: "${BENCH_KEEP_DATA:=0}"
: "${BENCH_FAIL_ON_GOALS:=0}"
: "${BENCH_ALLOW_CONCURRENT:=0}"
: "${BENCH_GOAL_DELIVERED:=2000}"
: "${BENCH_GOAL_P99_MS:=250}"
: "${BENCH_GOAL_HEAP_MB:=512}"
: "${BENCH_GOAL_RATIO:=0.2}"
: "${BENCH_GOAL_RESOLVED:=5000}"         # matching: source customers resolved/s
: "${BENCH_GOAL_LOOKUP_P99_MS:=5}"       # lookup: p99 ms (worst endpoint)
: "${BENCH_GOAL_FAIL_MARGIN_MS:=50}"     # failing: the others' p99 may exceed the latency phase's by this much

DEADLINE=$((SECONDS + BENCH_TIMEOUT))
TS=$(date -u +%Y%m%dT%H%M%SZ)
RUN_TAG=$(date -u +%H%M%S)$RANDOM
RUN="$BENCH_WORK_DIR/runs/$TS"
RESULTS="$BENCH_DIR/results"
mkdir -p "$BENCH_WORK_DIR"
# One benchmark at a time per checkout: two runs would measure each other.
if [[ "$BENCH_ALLOW_CONCURRENT" != 1 ]] && command -v flock >/dev/null; then
  exec 9>"$BENCH_WORK_DIR/run.lock"
  if ! flock -n 9; then
    echo "another bench/run.sh is running (lock $BENCH_WORK_DIR/run.lock); set BENCH_ALLOW_CONCURRENT=1 to run anyway" >&2
    exit 1
  fi
fi
mkdir -p "$RUN" "$RESULTS"
META="$RUN/meta.tsv"
: > "$META"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
meta() { printf '%s\t%s\n' "$1" "$2" >> "$META"; }
remaining() { echo $((DEADLINE - SECONDS)); }
has_phase() { [[ ",$BENCH_PHASES," == *",$1,"* ]]; }

# ------------------------------------------------------------------ process bookkeeping
HUB_PID=""
HUB_LOG=""          # the log of the hub's current life (hub.log, hub-restart.log after the lookup seeding)
HUB_LOG_LINES_AT_UP=0
SINK_PID=""
BUILD=""
JOB_PID=""          # the bounded one-shot job running now (mvn, load, perf), a `timeout` process
JFR_ACTIVE=0
ASPROF_LIB=""

stop_pid() {        # stop_pid PID NAME GRACE_SECONDS: TERM, wait, then KILL; only our own PIDs
  local pid=$1 name=$2 grace=${3:-10} i
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  log "$name (pid $pid) did not stop in ${grace}s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$JOB_PID" ]]; then stop_pid "$JOB_PID" "job" 15; JOB_PID=""; fi
  if [[ "$JFR_ACTIVE" == 1 && -n "$HUB_PID" ]] && kill -0 "$HUB_PID" 2>/dev/null; then
    timeout 20 "$JCMD" "$HUB_PID" JFR.stop name=bench >/dev/null 2>&1 || true
  fi
  if [[ -n "$HUB_PID" ]]; then stop_pid "$HUB_PID" "hub" 30; HUB_PID=""; fi
  if [[ -n "$SINK_PID" ]]; then stop_pid "$SINK_PID" "sink" 5; SINK_PID=""; fi
  if [[ "$BENCH_KEEP_DATA" != 1 && -d "$RUN/data" ]]; then rm -rf "$RUN/data"; fi
  if [[ "$BENCH_KEEP_DATA" != 1 && -d "$RUN/data-adapters" ]]; then rm -rf "$RUN/data-adapters"; fi
  [[ -d "$RUN/hub" ]] && rm -rf "$RUN/hub"
  [[ -n "$BUILD" && -d "$BUILD" ]] && rm -rf "$BUILD"
  rm -f "$RUN/src.tar"
  if ((rc != 0)); then log "run failed (exit $rc); logs in $RUN"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# run_bounded SECONDS LOGFILE CMD...: runs CMD in the background under `timeout` (which stops the
# whole process group it creates) and waits for it; Ctrl-C interrupts the wait and cleanup stops it.
run_bounded() {
  local secs=$1 logfile=$2; shift 2
  ((secs > 0)) || { log "no time left for: $*"; return 124; }
  timeout --kill-after=10 "$secs" "$@" >"$logfile" 2>&1 &
  JOB_PID=$!
  local rc=0
  wait "$JOB_PID" || rc=$?
  JOB_PID=""
  return "$rc"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p=$1; while ! port_free "$p"; do p=$((p + 1)); done; echo "$p"; }

# ------------------------------------------------------------------------------ preflight
command -v java >/dev/null || die "java not found (JDK 17+ needed)"
command -v curl >/dev/null || die "curl not found"
command -v timeout >/dev/null || die "timeout (coreutils) not found"
JAVA_MAJOR=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
((${JAVA_MAJOR%%.*} >= 17)) || die "JDK 17+ needed, found $JAVA_MAJOR"
JAVA_HOME_DIR=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')
JCMD="$JAVA_HOME_DIR/bin/jcmd"; [[ -x "$JCMD" ]] || JCMD=jcmd

meta timestamp "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
meta run.dir "$RUN"
meta run.tag "$RUN_TAG"
meta phases "$BENCH_PHASES"
meta host.cores "$(nproc 2>/dev/null || echo '?')"
meta host.memMB "$(awk '/MemTotal/ {printf "%d", $2/1024}' /proc/meminfo 2>/dev/null || echo '?')"
meta host.kernel "$(uname -r)"
meta host.java "java $JAVA_MAJOR ($JAVA_HOME_DIR)"
meta host.loadavgAtStart "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
if git -C "$REPO" rev-parse --git-dir >/dev/null 2>&1; then
  meta git.commit "$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo none)"
  if [[ -n "$(git -C "$REPO" status --porcelain -- . ':(exclude)bench' 2>/dev/null)" ]]; then
    meta git.dirty true
  else
    meta git.dirty false
  fi
fi
meta source "$BENCH_SOURCE"
for k in CUSTOMERS REGIONS MIX SEED WARMUP_EVENTS SAT_EVENTS SAT_BATCH SAT_CLIENTS LAT_RATE LAT_DURATION \
         LAT_WARMUP LAT_BATCH LAT_CLIENTS MATCH_COMPANIES LOOKUP_GOLDEN LOOKUP_DURATION LOOKUP_WARMUP LOOKUP_CLIENTS \
         PERF_DURATION PERF_PRODUCERS PERF_CONSUMERS PERF_MAX_PENDING PERF_MESSAGE_SIZE TIMEOUT \
         FAIL_RATE FAIL_DURATION FAIL_WARMUP FAIL_CUSTOMER FAIL_INTERVAL_MS FAIL_TARGETS \
         ADAPT_CRM ADAPT_ERP ADAPT_WARMUP_EVENTS ADAPT_EVENTS; do
  v="BENCH_$k"; meta "config.$k" "${!v}"
done
meta goal.deliveredPerSec "$BENCH_GOAL_DELIVERED"
meta goal.p99Ms "$BENCH_GOAL_P99_MS"
meta goal.heapMB "$BENCH_GOAL_HEAP_MB"
meta goal.ratio "$BENCH_GOAL_RATIO"
meta goal.customersResolvedPerSec "$BENCH_GOAL_RESOLVED"
meta goal.lookupP99Ms "$BENCH_GOAL_LOOKUP_P99_MS"
meta goal.failMarginMs "$BENCH_GOAL_FAIL_MARGIN_MS"
meta jfr "$BENCH_JFR"

log "run $TS: phases $BENCH_PHASES, bound ${BENCH_TIMEOUT}s, logs in $RUN"

# ------------------------------------------------------------------------ source snapshot
# The other engineer builds in ./target; the hub is built from a copy of the sources instead.
mkdir -p "$RUN/hub" "$RUN/inbox/cn-east"
SNAP="$RUN/src.tar"
if [[ "$BENCH_SOURCE" == head ]]; then
  git -C "$REPO" archive --format=tar -o "$SNAP" HEAD -- . ':(exclude)bench' || die "git archive failed"
else
  if git -C "$REPO" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$REPO" && git ls-files -z -co --exclude-standard -- . ':(exclude)bench' \
      | while IFS= read -r -d '' f; do [[ -f "$f" || -L "$f" ]] && printf '%s\0' "$f"; done \
      | LC_ALL=C sort -z \
      | tar --null --no-recursion --mtime=@946684800 --owner=0 --group=0 --numeric-owner -cf "$SNAP" -T -) \
      || die "snapshot of the working tree failed"
  else
    tar -C "$REPO" --exclude=./.git --exclude=./target --exclude=./data --exclude=./bench --exclude='*.log' \
      --sort=name --mtime=@946684800 --owner=0 --group=0 --numeric-owner -cf "$SNAP" . || die "snapshot failed"
  fi
fi
SRC_HASH=$(sha256sum "$SNAP" | cut -c1-16)
meta source.hash "$SRC_HASH"
# The hub reads ./config, ./routes, ./adapters ... relative to its working directory: it runs in
# an unpacked copy of the same snapshot (never in the live tree, which may change during the run).
tar -C "$RUN/hub" -xf "$SNAP" || die "cannot unpack the snapshot"
[[ -f "$RUN/hub/config/broker/broker.xml" ]] || die "the sources have no config/broker/broker.xml"

# ---------------------------------------------------------------------------------- build
if [[ -n "$BENCH_JAR" ]]; then
  [[ -f "$BENCH_JAR" ]] || die "BENCH_JAR=$BENCH_JAR not found"
  JAR=$(cd "$(dirname "$BENCH_JAR")" && pwd)/$(basename "$BENCH_JAR")   # the hub runs in another directory
  log "using hub jar $JAR"
else
  JAR="$BENCH_WORK_DIR/jars/tributary-$SRC_HASH.jar"
  if [[ -f "$JAR" ]]; then
    log "hub jar for these sources already built: $JAR"
  else
    command -v mvn >/dev/null || die "mvn not found (or set BENCH_JAR)"
    BUILD="$BENCH_WORK_DIR/build/$SRC_HASH"
    rm -rf "$BUILD"; mkdir -p "$BUILD" "$BENCH_WORK_DIR/jars"
    tar -C "$BUILD" -xf "$SNAP"
    log "building the hub from a snapshot of the sources in $BUILD"
    t=$SECONDS
    run_bounded $(($(remaining) - 60)) "$RUN/build.log" mvn -B -q -f "$BUILD/pom.xml" -Dmaven.test.skip=true package \
      || { tail -30 "$RUN/build.log" >&2; die "build failed (log: $RUN/build.log)"; }
    built=$(ls "$BUILD"/target/*.jar 2>/dev/null | head -1)
    [[ -n "$built" ]] || die "build produced no jar"
    cp "$built" "$JAR.tmp" && mv "$JAR.tmp" "$JAR"
    rm -rf "$BUILD"
    BUILD=""
    # keep the three most recent jars
    ls -1t "$BENCH_WORK_DIR"/jars/tributary-*.jar 2>/dev/null | tail -n +4 | while read -r old; do rm -f "$old"; done
    log "built in $((SECONDS - t))s"
  fi
fi
meta hub.jar "$(basename "$JAR")"
rm -f "$SNAP"

# ------------------------------------------------------------ Artemis distribution (broker)
ARTEMIS_HOME="$BENCH_WORK_DIR/artemis/apache-artemis-$BENCH_ARTEMIS_VERSION"
if has_phase broker && [[ ! -x "$ARTEMIS_HOME/bin/artemis" ]]; then
  command -v mvn >/dev/null || die "mvn needed to fetch the Artemis distribution"
  log "fetching apache-artemis-$BENCH_ARTEMIS_VERSION-bin.tar.gz from Maven Central"
  DL="$BENCH_WORK_DIR/dl"; mkdir -p "$DL"
  run_bounded "$(( $(remaining) - 120 < 180 ? $(remaining) - 120 : 180 ))" "$RUN/artemis-download.log" bash -c 'cd "$1" && exec mvn -B -q \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      "-Dartifact=org.apache.activemq:apache-artemis:$2:tar.gz:bin" "-DoutputDirectory=$1"' _ "$DL" "$BENCH_ARTEMIS_VERSION" \
    || { tail -20 "$RUN/artemis-download.log" >&2; die "could not fetch the Artemis distribution"; }
  mkdir -p "$BENCH_WORK_DIR/artemis"
  tar -C "$BENCH_WORK_DIR/artemis" -xzf "$DL/apache-artemis-$BENCH_ARTEMIS_VERSION-bin.tar.gz"
  rm -f "$DL/apache-artemis-$BENCH_ARTEMIS_VERSION-bin.tar.gz"
fi

# ------------------------------------------------------- async-profiler (BENCH_ASPROF=1)
if [[ "$BENCH_ASPROF" == 1 ]]; then
  ASPROF_DIR="$BENCH_WORK_DIR/async-profiler-$BENCH_ASPROF_VERSION"
  ASPROF_LIB="$ASPROF_DIR/linux-x64/libasyncProfiler.so"
  if [[ ! -s "$ASPROF_LIB" ]]; then
    log "fetching async-profiler $BENCH_ASPROF_VERSION from Maven Central"
    DL="$BENCH_WORK_DIR/dl"; mkdir -p "$DL" "$ASPROF_DIR"
    run_bounded 180 "$RUN/asprof-download.log" bash -c 'cd "$1" && exec mvn -B -q \
        org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
        "-Dartifact=tools.profiler:async-profiler:$2:jar" "-DoutputDirectory=$1"' _ "$DL" "$BENCH_ASPROF_VERSION" \
      || { tail -20 "$RUN/asprof-download.log" >&2; die "could not fetch async-profiler"; }
    (cd "$ASPROF_DIR" && "$JAVA_HOME_DIR/bin/jar" xf "$DL/async-profiler-$BENCH_ASPROF_VERSION.jar" linux-x64/libasyncProfiler.so)
    [[ -s "$ASPROF_LIB" ]] || die "async-profiler $BENCH_ASPROF_VERSION has no linux-x64 library"
  fi
fi

# ----------------------------------------------------------------------------------- sink
log "starting the sink"
java -XX:+UseSerialGC -Xmx512m "$BENCH_DIR/Sink.java" \
  --port 0 --port-file "$RUN/sink.port" --threads 16 >"$RUN/sink.log" 2>&1 &
SINK_PID=$!
for ((i = 0; i < 300; i++)); do
  [[ -s "$RUN/sink.port" ]] && break
  kill -0 "$SINK_PID" 2>/dev/null || { cat "$RUN/sink.log" >&2; die "the sink exited"; }
  sleep 0.1
done
[[ -s "$RUN/sink.port" ]] || die "the sink did not start in 30s"
SINK_PORT=$(cat "$RUN/sink.port")
SINK="http://127.0.0.1:$SINK_PORT"

# ---------------------------------------------------------------------------- credentials
# The hub refuses ingest without the region's key and its metrics without a password: the run
# makes its own (unless they are set), hands them to the hub and to Load through the environment
# (never on a command line), and keeps them out of meta.tsv and the results.
random_secret() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }
IFS=, read -ra BENCH_REGION_LIST <<<"$BENCH_REGIONS"
for region in "${BENCH_REGION_LIST[@]}"; do
  key_var="HUB_REGION_$(printf '%s' "$region" | tr 'a-z-' 'A-Z_')_API_KEY"
  [[ -n "${!key_var:-}" ]] || export "$key_var=$(random_secret)"
done
: "${HUB_ADMIN_PASSWORD:=$(random_secret)}"
# the rate limit protects a hub from a runaway region; the benchmark measures throughput instead
: "${HUB_INGEST_RATE_PER_SECOND:=100000}"
export HUB_ADMIN_PASSWORD HUB_INGEST_RATE_PER_SECOND
# the failing phase keeps one customer failing for minutes: with the default 6 attempts its events
# would be dead-lettered. The hub reads it at start, so it holds for every hub of the run (the other
# phases never fail a call, so it changes nothing for them).
if has_phase failing; then
  : "${HUB_DELIVERY_MAX_ATTEMPTS:=1000}"
  export HUB_DELIVERY_MAX_ATTEMPTS
fi
meta hub.deliveryMaxAttempts "${HUB_DELIVERY_MAX_ATTEMPTS:-default}"
admin_curl() { curl -K <(printf 'user = "admin:%s"\n' "$HUB_ADMIN_PASSWORD") "$@"; }

# ------------------------------------------------------------------------------------ hub
BROKER_PORT=0
if has_phase broker; then BROKER_PORT=${BENCH_BROKER_PORT:-$(free_port $((61617 + RANDOM % 300)))}; fi
case "$BENCH_JFR" in
  0|""|1) ;;  # 1: started with jcmd around the saturation phase
  run) ;;     # for the hub's whole life (start_hub)
  *) die "BENCH_JFR must be 0, 1 or run" ;;
esac
meta hub.javaOpts "$BENCH_HUB_JAVA_OPTS$([[ "$BENCH_JFR" == run ]] && echo " (+ JFR for the whole run)")"
meta broker.port "$BROKER_PORT"
meta hub.inboundConsumers "${HUB_INBOUND_CONSUMERS:-4}"
meta hub.commitBatch "${HUB_COMMIT_BATCH:-64}"
meta hub.crmConsumers "${HUB_CRM_CONSUMERS:-16}"
meta hub.erpConsumers "${HUB_ERP_CONSUMERS:-16}"
meta hub.env "$(env | grep '^HUB_' | grep -v -E '^HUB_(HTTP_PORT|DATA_DIR|CRM_URL|ERP_URL|BROKER_TCP_PORT|DB_URL|BROKER_URL|BROKER_EMBEDDED)=' \
  | grep -v -E '^HUB_[A-Z0-9_]*(_API_KEY|_HMAC_SECRET|_PASSWORD)=' | tr '\n' ' ')"

# start_hub LOG META_PREFIX JFR_FILE: starts the hub on $RUN/data with the port settings above
# (HTTP port BENCH_HUB_PORT or any free one, the broker on BROKER_PORT) and waits until it is UP;
# sets HUB_PID, HUB_PORT, HUB, HUB_LOG and HUB_LOG_LINES_AT_UP. Returns 1 (logged) when it exits or
# is not UP in time. Called again on the same data directory for the lookup phase.
HUB_DATA="$RUN/data"   # the hub's data directory (the adapters phase starts one on a fresh one)
HUB_EXTRA_ENV=()       # NAME=value pairs for the hub's environment (the adapters phase)
HUB_EXTRA_OPTS=()      # more JVM options, e.g. -Dtributary.targets.crm.client-id=... (the adapters phase)
start_hub() {
  local logfile=$1 prefix=$2 jfr_file=$3 t_hub=$SECONDS i up=0 start_limit
  local -a java_opts
  # shellcheck disable=SC2206
  java_opts=($BENCH_HUB_JAVA_OPTS)
  java_opts+=("${HUB_EXTRA_OPTS[@]}")
  if [[ "$BENCH_JFR" == run ]]; then
    java_opts+=(-XX:+FlightRecorder "-XX:StartFlightRecording=name=bench,settings=$BENCH_JFR_SETTINGS,dumponexit=true,filename=$jfr_file")
  fi
  # HTTP port 0: the hub binds a free port and logs it (no race with other processes starting now)
  HUB_PORT=${BENCH_HUB_PORT:-0}
  HUB=""
  HUB_LOG=$logfile
  log "starting the hub (broker tcp port $BROKER_PORT, data $HUB_DATA, log $(basename "$logfile"))"
  (
    cd "$RUN/hub"
    unset SPRING_PROFILES_ACTIVE HUB_DB_URL HUB_BROKER_URL
    export HUB_CN_EAST_ORDERS_DIR="$RUN/inbox/cn-east"
    export HUB_HTTP_PORT=$HUB_PORT HUB_DATA_DIR="$HUB_DATA" HUB_BROKER_EMBEDDED=true \
           HUB_CRM_URL="$SINK/crm" HUB_ERP_URL="$SINK/erp" HUB_BROKER_TCP_PORT=$BROKER_PORT
    for kv in "${HUB_EXTRA_ENV[@]}"; do export "${kv?}"; done
    exec java "${java_opts[@]}" -jar "$JAR"
  ) >"$logfile" 2>&1 &
  HUB_PID=$!
  meta "$prefix.pid" "$HUB_PID"
  start_limit=$BENCH_HUB_START_TIMEOUT
  (( start_limit > $(remaining) - 60 )) && start_limit=$(( $(remaining) - 60 ))
  for ((i = 0; i < start_limit; i++)); do
    if ! kill -0 "$HUB_PID" 2>/dev/null; then
      tail -40 "$logfile" >&2; log "ERROR: the hub exited during startup"
      wait "$HUB_PID" 2>/dev/null || true; HUB_PID=""; return 1
    fi
    if [[ -z "$HUB" ]]; then
      if [[ "$HUB_PORT" == 0 ]]; then
        HUB_PORT=$(sed -n 's/.*Tomcat started on port \([0-9][0-9]*\).*/\1/p' "$logfile" | head -1)
        HUB_PORT=${HUB_PORT:-0}
      fi
      [[ "$HUB_PORT" != 0 ]] && HUB="http://127.0.0.1:$HUB_PORT"
    fi
    if [[ -n "$HUB" ]] && curl -sf -m 2 "$HUB/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then up=1; break; fi
    sleep 1
  done
  if ((up == 0)); then
    tail -40 "$logfile" >&2; log "ERROR: the hub was not UP within ${start_limit}s"
    return 1
  fi
  meta "$prefix.port" "$HUB_PORT"
  meta "$prefix.startupSeconds" "$((SECONDS - t_hub))"
  HUB_LOG_LINES_AT_UP=$(wc -l <"$logfile")
  log "hub UP on $HUB in $((SECONDS - t_hub))s (pid $HUB_PID)"
}

start_hub "$RUN/hub.log" hub "$RUN/hub-run.jfr" || die "the hub did not start (log: $RUN/hub.log)"

# ------------------------------------------------------------------------------ hub phases
load_common() {     # the options every Load run gets (again after the hub was restarted)
  LOAD_COMMON=(--hub "$HUB" --sink "$SINK" --hub-pid "$HUB_PID" --sink-pid "$SINK_PID" --run-tag "$RUN_TAG"
               --customers "$BENCH_CUSTOMERS" --regions "$BENCH_REGIONS" --mix "$BENCH_MIX" --seed "$BENCH_SEED")
}
load_common
# time kept for the phases that come later, so an earlier phase that runs long does not crowd them out
RESERVE_BROKER=0
has_phase broker && RESERVE_BROKER=$((BENCH_PERF_DURATION + BENCH_PERF_WARMUP + 40))
RESERVE_LAT=0
has_phase latency && RESERVE_LAT=$((BENCH_LAT_DURATION + 40))
RESERVE_MATCH=0
has_phase matching && RESERVE_MATCH=90
# failing: warm-up + window + up to ~72 s until the parked customer's next retry after the window
RESERVE_FAIL=0
has_phase failing && RESERVE_FAIL=$((BENCH_FAIL_WARMUP + BENCH_FAIL_DURATION + 120))
# adapters: stop, restart (~40 s), warm-up and saturation at a few hundred events/s at worst
RESERVE_ADAPT=0
has_phase adapters && RESERVE_ADAPT=$(( 120 + (BENCH_ADAPT_WARMUP_EVENTS + BENCH_ADAPT_EVENTS) / 500 ))
# the lookup phase: stop the hub, seed (~13,000 golden records/s measured on 2 cores, then ~15 s of
# compaction per million), start it again, measure
RESERVE_LOOKUP=0
has_phase lookup && RESERVE_LOOKUP=$((BENCH_LOOKUP_GOLDEN / 6000 + BENCH_LOOKUP_DURATION + BENCH_LOOKUP_WARMUP + 120))

HUB_DIED=0
load_phase() {      # load_phase NAME MODE RESERVE_SECONDS DRAIN_TIMEOUT ARGS...
  local name=$1 mode=$2 reserve=$3 drain=$4; shift 4
  if ((HUB_DIED)); then log "skipping $name: the hub is not running"; return 0; fi
  local budget=$(($(remaining) - reserve - 20))
  if ((budget < 30)); then log "skipping $name: not enough time left"; return 0; fi
  ((drain > budget - 30)) && drain=$((budget - 30))
  ((drain < 10)) && drain=10
  log "phase $name ($mode): $*"
  if ! run_bounded "$budget" "$RUN/$name.log" java -XX:+UseSerialGC -Xmx1g "$BENCH_DIR/Load.java" "$mode" \
        "${LOAD_COMMON[@]}" --phase "$name" --drain-timeout "$drain" --send-timeout "$((budget - 20))" \
        --out "$RUN/$name.json" "$@"; then
    tail -20 "$RUN/$name.log" >&2
    log "phase $name did not complete (log: $RUN/$name.log)"
    return 0
  fi
  grep -E 'accepted|done|NOT' "$RUN/$name.log" | tail -3 | sed 's/^/    /' >&2 || true
  if ! kill -0 "$HUB_PID" 2>/dev/null; then
    tail -40 "$HUB_LOG" >&2
    log "ERROR: the hub exited during phase $name (log: $HUB_LOG); skipping the remaining phases"
    HUB_DIED=1
    meta hub.exitedDuring "$name"
  fi
}

if has_phase warmup && ((BENCH_WARMUP_EVENTS > 0)); then
  load_phase warmup saturate $((RESERVE_LAT + RESERVE_FAIL + RESERVE_MATCH + RESERVE_LOOKUP + RESERVE_ADAPT + RESERVE_BROKER + 120)) 120 \
    --events "$BENCH_WARMUP_EVENTS" --batch "$BENCH_SAT_BATCH" --clients "$BENCH_SAT_CLIENTS"
fi

if has_phase saturation; then
  if [[ "$BENCH_JFR" == 1 ]]; then
    if timeout 30 "$JCMD" "$HUB_PID" JFR.start name=bench "settings=$BENCH_JFR_SETTINGS" \
         "filename=$RUN/hub-saturation.jfr" >"$RUN/jfr-start.log" 2>&1; then
      JFR_ACTIVE=1
    else
      log "could not start JFR: $(cat "$RUN/jfr-start.log")"
    fi
  fi
  ASPROF_ACTIVE=0
  if [[ -n "$ASPROF_LIB" ]]; then
    # jcmd parses name=value arguments, so the agent's options go in inner double quotes
    if timeout 30 "$JCMD" "$HUB_PID" JVMTI.agent_load "$ASPROF_LIB" \
         "\"start,event=$BENCH_ASPROF_EVENT,interval=1ms,threads\"" >"$RUN/asprof-start.log" 2>&1 \
       && grep -q 'return code: 0' "$RUN/asprof-start.log"; then
      ASPROF_ACTIVE=1
    else
      log "could not start async-profiler: $(tr '\n' ' ' < "$RUN/asprof-start.log")"
    fi
  fi
  load_phase saturation saturate $((RESERVE_LAT + RESERVE_FAIL + RESERVE_MATCH + RESERVE_LOOKUP + RESERVE_ADAPT + RESERVE_BROKER)) "$BENCH_SAT_DRAIN_TIMEOUT" \
    --events "$BENCH_SAT_EVENTS" --batch "$BENCH_SAT_BATCH" --clients "$BENCH_SAT_CLIENTS"
  if [[ "$ASPROF_ACTIVE" == 1 ]]; then
    timeout 60 "$JCMD" "$HUB_PID" JVMTI.agent_load "$ASPROF_LIB" \
      "\"dump,collapsed,file=$RUN/profile-saturation.collapsed\"" >"$RUN/asprof-stop.log" 2>&1 || true
    timeout 60 "$JCMD" "$HUB_PID" JVMTI.agent_load "$ASPROF_LIB" \
      "\"stop,file=$RUN/profile-saturation.html\"" >>"$RUN/asprof-stop.log" 2>&1 || true
    # CPU share per thread pool (thread numbers folded), from the collapsed stacks
    [[ -s "$RUN/profile-saturation.collapsed" ]] && awk '{
        n = $NF; total += n; name = $0; sub(/ tid=[0-9]+\].*/, "", name); sub(/^\[/, "", name);
        gsub(/[0-9]+/, "N", name); share[name] += n }
      END { for (k in share) printf "%5.1f%% %s\n", 100 * share[k] / total, k }' \
      "$RUN/profile-saturation.collapsed" | sort -rn > "$RUN/profile-threads.txt"
  fi
  if [[ "$JFR_ACTIVE" == 1 ]]; then
    timeout 60 "$JCMD" "$HUB_PID" JFR.stop name=bench >"$RUN/jfr-stop.log" 2>&1 || log "JFR.stop failed: $(cat "$RUN/jfr-stop.log")"
    JFR_ACTIVE=0
  fi
fi

if has_phase latency; then
  if ((BENCH_LAT_WARMUP > 0)); then
    load_phase latency-warmup rate "$((RESERVE_LAT + RESERVE_FAIL + RESERVE_MATCH + RESERVE_LOOKUP + RESERVE_ADAPT + RESERVE_BROKER))" 30 \
      --rate "$BENCH_LAT_RATE" --duration "$BENCH_LAT_WARMUP" --batch "$BENCH_LAT_BATCH" --clients "$BENCH_LAT_CLIENTS"
  fi
  load_phase latency rate "$((RESERVE_FAIL + RESERVE_MATCH + RESERVE_LOOKUP + RESERVE_ADAPT + RESERVE_BROKER))" "$BENCH_LAT_DRAIN_TIMEOUT" \
    --rate "$BENCH_LAT_RATE" --duration "$BENCH_LAT_DURATION" --batch "$BENCH_LAT_BATCH" --clients "$BENCH_LAT_CLIENTS"
fi

# A failing customer: the latency phase's load for everyone else while the sink answers 503 to one
# customer's calls for the whole window; then its parked orders must all arrive, in sequence order.
if has_phase failing; then
  load_phase failing failing "$((RESERVE_MATCH + RESERVE_LOOKUP + RESERVE_ADAPT + RESERVE_BROKER))" "$BENCH_FAIL_DRAIN_TIMEOUT" \
    --rate "$BENCH_FAIL_RATE" --duration "$BENCH_FAIL_DURATION" --warmup "$BENCH_FAIL_WARMUP" --batch 1 \
    --clients "$BENCH_LAT_CLIENTS" --fail-customer "$BENCH_FAIL_CUSTOMER" --fail-interval-ms "$BENCH_FAIL_INTERVAL_MS" \
    --fail-targets "$BENCH_FAIL_TARGETS"
fi

if has_phase matching; then
  load_phase matching matching "$((RESERVE_LOOKUP + RESERVE_ADAPT + RESERVE_BROKER))" "$BENCH_MATCH_DRAIN_TIMEOUT" \
    --companies "$BENCH_MATCH_COMPANIES" --check "$BENCH_MATCH_CHECK" --batch "$BENCH_SAT_BATCH" --clients "$BENCH_SAT_CLIENTS"
fi

if has_phase file; then
  load_phase file file "$((RESERVE_LOOKUP + RESERVE_ADAPT + RESERVE_BROKER))" "$BENCH_FILE_DRAIN_TIMEOUT" \
    --rows "$BENCH_FILE_ROWS" --encoding "$BENCH_FILE_ENCODING" --folder "$RUN/inbox/cn-east" --work "$RUN"
fi

# WARN/ERROR lines the hub logged once it was UP (startup probes are left out), appended per hub life
: >"$RUN/hub-warnings.txt"
collect_warnings() {
  [[ -n "$HUB_LOG" && -f "$HUB_LOG" ]] || return 0
  tail -n +"$((HUB_LOG_LINES_AT_UP + 1))" "$HUB_LOG" | grep -E '^[0-9TZ:.-]+ +(ERROR|WARN) ' >>"$RUN/hub-warnings.txt" || true
}
if ((HUB_DIED == 0)); then
  admin_curl -sf -m 10 "$HUB/api/stats" >"$RUN/hub-stats.json" 2>/dev/null || log "could not read $HUB/api/stats"
  grep -q '"status":"UP"' <(curl -sf -m 10 "$HUB/actuator/health" 2>/dev/null) || log "WARNING: hub health is not UP after the phases"
fi
collect_warnings

# ------------------------------------------------------------------------- lookup phase
# Lookups with BENCH_LOOKUP_GOLDEN golden records in the database: the hub is stopped, the records
# are inserted straight into its H2 file (Load.java seed, JDBC batches, with the H2 jar the hub jar
# carries), the hub is started again on the same data directory and port settings, and Load.java
# lookup reads them through the customer API.
if has_phase lookup && ((HUB_DIED == 0)); then
  if (( $(remaining) - RESERVE_ADAPT - RESERVE_BROKER < BENCH_LOOKUP_DURATION + BENCH_LOOKUP_WARMUP + 120 )); then
    log "skipping lookup: not enough time left"
  else
    H2_JAR="$RUN/h2.jar"
    if command -v unzip >/dev/null; then
      unzip -p "$JAR" 'BOOT-INF/lib/h2-[0-9]*.jar' >"$H2_JAR" 2>/dev/null || rm -f "$H2_JAR"
    else
      h2_entry=$("$JAVA_HOME_DIR/bin/jar" tf "$JAR" | grep -m1 -E '^BOOT-INF/lib/h2-[0-9][^/]*\.jar$' || true)
      if [[ -n "$h2_entry" ]]; then
        (cd "$RUN" && "$JAVA_HOME_DIR/bin/jar" xf "$JAR" "$h2_entry" && mv "$h2_entry" "$H2_JAR" && rm -rf BOOT-INF) || rm -f "$H2_JAR"
      fi
    fi
    if [[ ! -s "$H2_JAR" ]]; then
      log "skipping lookup: the hub jar has no BOOT-INF/lib/h2-*.jar"
    else
      log "lookup: stopping the hub (pid $HUB_PID) to seed $BENCH_LOOKUP_GOLDEN golden records into its database"
      t_stop=$SECONDS
      stop_pid "$HUB_PID" "hub" 60
      HUB_PID=""
      meta lookup.hubStopSeconds "$((SECONDS - t_stop))"
      # the hub's own default (application.yml) with HUB_DATA_DIR=$RUN/data
      DB_URL="jdbc:h2:file:$RUN/data/db/hub;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64"
      seed_budget=$(( $(remaining) - RESERVE_ADAPT - RESERVE_BROKER - BENCH_LOOKUP_DURATION - BENCH_LOOKUP_WARMUP - 90 ))
      log "lookup: seeding (log $RUN/lookup-seed.log, at most ${seed_budget}s)"
      if run_bounded "$seed_budget" "$RUN/lookup-seed.log" java -Xmx1g -XX:+UseParallelGC -cp "$H2_JAR" \
           "$BENCH_DIR/Load.java" seed --db "$DB_URL" --golden "$BENCH_LOOKUP_GOLDEN" \
           --seed-batch "$BENCH_LOOKUP_SEED_BATCH" --out "$RUN/lookup-seed.json"; then
        SEEDED=1
        tail -1 "$RUN/lookup-seed.log" | sed 's/^/    /' >&2
      else
        SEEDED=0
        tail -20 "$RUN/lookup-seed.log" >&2
        log "lookup: the seeding did not complete (log: $RUN/lookup-seed.log)"
      fi
      if start_hub "$RUN/hub-restart.log" hub.restart "$RUN/hub-run-restart.jfr"; then
        load_common
        if ((SEEDED)); then
          load_phase lookup lookup "$((RESERVE_ADAPT + RESERVE_BROKER))" 30 \
            --golden "$BENCH_LOOKUP_GOLDEN" --duration "$BENCH_LOOKUP_DURATION" --warmup "$BENCH_LOOKUP_WARMUP" \
            --clients "$BENCH_LOOKUP_CLIENTS" --seed-result "$RUN/lookup-seed.json"
        fi
        collect_warnings
      else
        log "ERROR: the hub did not start again after the seeding (log: $RUN/hub-restart.log); skipping the remaining phases"
        HUB_DIED=1
        meta hub.exitedDuring "lookup (restart)"
      fi
    fi
  fi
fi

# ------------------------------------------------------------------------- adapters phase
# The vendor adapters against the sink's Salesforce and Kingdee shapes: the hub is stopped and started
# again on a fresh data directory with HUB_CRM_ADAPTER / HUB_ERP_ADAPTER and the adapters' settings,
# warmed up, and loaded as in saturation; events are counted by the orders' external ids.
if has_phase adapters && ((HUB_DIED == 0)); then
  if (( $(remaining) - RESERVE_BROKER < 90 )); then
    log "skipping adapters: not enough time left"
  else
    log "adapters: stopping the hub (pid $HUB_PID); starting it on a fresh data directory with crm=$BENCH_ADAPT_CRM erp=$BENCH_ADAPT_ERP"
    stop_pid "$HUB_PID" "hub" 60
    HUB_PID=""
    HUB_DATA="$RUN/data-adapters"
    # the env names the adapters' READMEs give too, for when application.yml gets those placeholders
    HUB_EXTRA_ENV=("HUB_CRM_ADAPTER=$BENCH_ADAPT_CRM" "HUB_ERP_ADAPTER=$BENCH_ADAPT_ERP"
                   HUB_CRM_CLIENT_ID=bench-client HUB_CRM_CLIENT_SECRET=bench-secret
                   HUB_ERP_KINGDEE_ACCT_ID=bench-acct HUB_ERP_KINGDEE_USERNAME=bench
                   HUB_ERP_KINGDEE_APP_ID=benchapp HUB_ERP_KINGDEE_APP_SECRET=bench-secret)
    # the sink checks no credentials; system properties bind whatever placeholders application.yml has
    HUB_EXTRA_OPTS=(-Dtributary.targets.crm.client-id=bench-client -Dtributary.targets.crm.client-secret=bench-secret
                    -Dtributary.targets.erp.acct-id=bench-acct -Dtributary.targets.erp.username=bench
                    -Dtributary.targets.erp.app-id=benchapp -Dtributary.targets.erp.app-secret=bench-secret)
    # shellcheck disable=SC2206
    HUB_EXTRA_OPTS+=($BENCH_ADAPT_HUB_OPTS)
    meta adapters.crm "$BENCH_ADAPT_CRM"
    meta adapters.erp "$BENCH_ADAPT_ERP"
    if start_hub "$RUN/hub-adapters.log" hub.adapters "$RUN/hub-run-adapters.jfr"; then
      load_common
      if ((BENCH_ADAPT_WARMUP_EVENTS > 0)); then
        load_phase adapters-warmup saturate "$((RESERVE_BROKER + 60))" 120 --key external \
          --events "$BENCH_ADAPT_WARMUP_EVENTS" --batch "$BENCH_SAT_BATCH" --clients "$BENCH_SAT_CLIENTS"
      fi
      load_phase adapters saturate "$RESERVE_BROKER" "$BENCH_SAT_DRAIN_TIMEOUT" --key external \
        --events "$BENCH_ADAPT_EVENTS" --batch "$BENCH_SAT_BATCH" --clients "$BENCH_SAT_CLIENTS"
      collect_warnings
    else
      log "ERROR: the hub did not start with the adapters (log: $RUN/hub-adapters.log); skipping the remaining phases"
      HUB_DIED=1
      meta hub.exitedDuring "adapters (restart)"
    fi
  fi
fi
meta hub.warnAndErrorLines "$(wc -l <"$RUN/hub-warnings.txt")"

# ---------------------------------------------------------------------- broker reference
if has_phase broker && ((HUB_DIED == 0)); then
  PERF_ARGS=(perf client --url "tcp://127.0.0.1:$BROKER_PORT" --persistent --message-size "$BENCH_PERF_MESSAGE_SIZE"
             --duration "$BENCH_PERF_DURATION" --warmup "$BENCH_PERF_WARMUP" --producers "$BENCH_PERF_PRODUCERS"
             --consumers "$BENCH_PERF_CONSUMERS" --max-pending "$BENCH_PERF_MAX_PENDING" --silent
             --json "$RUN/perf.json")
  # shellcheck disable=SC2206
  PERF_ARGS+=($BENCH_PERF_EXTRA_ARGS "queue://bench.perf.$RUN_TAG")
  meta broker.command "artemis ${PERF_ARGS[*]}"
  log "broker reference: artemis ${PERF_ARGS[*]}"
  if ! JAVA_ARGS="$BENCH_PERF_JAVA_ARGS" run_bounded $((BENCH_PERF_DURATION + BENCH_PERF_WARMUP + 60)) "$RUN/perf.log" \
        "$ARTEMIS_HOME/bin/artemis" "${PERF_ARGS[@]}"; then
    tail -20 "$RUN/perf.log" >&2
    log "the Artemis perf client did not complete (log: $RUN/perf.log)"
  fi
fi

# ------------------------------------------------------------------------------- stop hub
stop_pid "$HUB_PID" "hub" 30
HUB_PID=""
stop_pid "$SINK_PID" "sink" 5
SINK_PID=""

# ------------------------------------------------------------------------------------ JFR
JFR_FILE=""
[[ -s "$RUN/hub-saturation.jfr" ]] && JFR_FILE="$RUN/hub-saturation.jfr"
[[ -s "$RUN/hub-run.jfr" ]] && JFR_FILE="$RUN/hub-run.jfr"
if [[ -n "$JFR_FILE" ]]; then
  meta jfr.file "$JFR_FILE"
  JFR_VIEW=""
  for cand in "$BENCH_JFR_TOOL" /usr/lib/jvm/temurin-2[1-9]*/bin/jfr /usr/lib/jvm/*-2[1-9]*/bin/jfr \
              "$JAVA_HOME_DIR/bin/jfr" "$(command -v jfr 2>/dev/null || true)"; do
    [[ -n "$cand" && -x "$cand" ]] || continue
    if "$cand" help view >/dev/null 2>&1; then JFR_VIEW=$cand; break; fi
  done
  if [[ -n "$JFR_VIEW" ]]; then
    for view in hot-methods allocation-by-site gc-pauses contention-by-site; do
      timeout 60 "$JFR_VIEW" view --width 200 "$view" "$JFR_FILE" >"$RUN/jfr-$view.txt" 2>&1 || true
    done
    log "JFR views written to $RUN/jfr-*.txt (tool: $JFR_VIEW)"
  else
    timeout 120 "$JAVA_HOME_DIR/bin/jfr" summary "$JFR_FILE" >"$RUN/jfr-summary.txt" 2>&1 || true
    log "no jfr with 'view' (JDK 21+) found; wrote $RUN/jfr-summary.txt; see bench/README.md for reading the recording"
  fi
fi

# --------------------------------------------------------------------------------- report
OUT="$RESULTS/$TS.json"
java "$BENCH_DIR/Report.java" --out "$OUT" --meta "$META" \
  --phase "warmup=$RUN/warmup.json" --phase "saturation=$RUN/saturation.json" --phase "latency-warmup=$RUN/latency-warmup.json" \
  --phase "latency=$RUN/latency.json" --phase "failing=$RUN/failing.json" --phase "matching=$RUN/matching.json" \
  --phase "file=$RUN/file.json" --phase "lookup=$RUN/lookup.json" \
  --phase "adapters-warmup=$RUN/adapters-warmup.json" --phase "adapters=$RUN/adapters.json" \
  --perf "$RUN/perf.json" --hub-stats "$RUN/hub-stats.json" | tee "$RUN/table.txt"
if [[ -n "$JFR_FILE" && -s "$RUN/jfr-hot-methods.txt" ]]; then
  echo "JFR hot methods (hub, $(basename "$JFR_FILE")):"
  head -22 "$RUN/jfr-hot-methods.txt"
  echo "JFR allocation by site:"
  head -18 "$RUN/jfr-allocation-by-site.txt"
fi
if [[ -s "$RUN/profile-threads.txt" ]]; then
  echo "async-profiler, hub CPU by thread pool during saturation ($RUN/profile-saturation.html):"
  head -15 "$RUN/profile-threads.txt"
fi
if [[ -s "$RUN/hub-warnings.txt" ]]; then
  log "the hub logged WARN/ERROR lines (first ones in $RUN/hub-warnings.txt)"
fi
log "done in $((SECONDS))s; results $OUT; logs $RUN"
if ((HUB_DIED)); then
  log "ERROR: the hub exited during the run; results are partial"
  exit 1
fi
if [[ "$BENCH_FAIL_ON_GOALS" == 1 ]] && grep -q '"pass": false' "$OUT"; then
  exit 3
fi
