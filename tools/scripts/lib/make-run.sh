# Shared by tools/scripts/check-run and bench/startup: drive `make run` as a developer's terminal does.
# Source it from the project root. Uses its own ports and data directory, never the developer's.

KEEL_DATA_DIR=$(mktemp -d /tmp/keel-make-run.XXXXXX)
chmod 755 "$KEEL_DATA_DIR"   # reachable by nobody, should PostgreSQL need the unprivileged fallback
# Fixed ports, so a leftover from an earlier run is found; KEEL_RUN_PORTS=<base> moves all four (base+80,
# +433, +1001, +1401) so two benches or checks can run side by side.
base=${KEEL_RUN_PORTS:-}
export KEEL_DATA_DIR KEEL_DOCKER=never KEEL_HTTP_PORT=${base:+$((base + 80))} KEEL_PG_PORT=${base:+$((base + 433))} \
  KEEL_S3_PORT=${base:+$((base + 1001))} KEEL_ISSUER_PORT=${base:+$((base + 1401))}
: "${KEEL_HTTP_PORT:=18080}" "${KEEL_PG_PORT:=15433}" "${KEEL_S3_PORT:=19001}" "${KEEL_ISSUER_PORT:=19401}"
unset base
unset SPRING_DATASOURCE_URL KEEL_DB_URL KEEL_S3_ENDPOINT
KEEL_HEALTH_URL=http://127.0.0.1:$KEEL_HTTP_PORT/actuator/health
RUN_PID=""
RUN_LOG=""
DB_KEPT=""

fail() { echo "$(basename "$0"): FAILED: $*" >&2; [ -n "$RUN_LOG" ] && tail -40 "$RUN_LOG" >&2; exit 1; }

run_cleanup() {
  if [ -n "$RUN_PID" ]; then
    kill -TERM -- "-$RUN_PID" 2>/dev/null || true
    wait "$RUN_PID" 2>/dev/null || true
  fi
  [ -z "$DB_KEPT" ] || stop_kept_db
  # The launcher may still be stopping PostgreSQL, or its training of the application's AOT cache, after make has
  # gone: wait before deleting its data.
  for _ in $(seq 1 120); do pgrep -f -- "$KEEL_DATA_DIR" >/dev/null || break; sleep 1; done
  rm -rf "$KEEL_DATA_DIR"
}
trap run_cleanup EXIT

# Starts `make run` in its own process group, as a terminal does, logging to $RUN_LOG.
# A script started in the background (nohup, `cmd &`, a CI step) has SIGINT ignored, which its
# children inherit and bash cannot undo: then the JVMs would ignore the Ctrl-C this harness sends.
# GNU env restores it for make and everything under it.
sigint_default=()
if env --default-signal=INT true 2>/dev/null; then sigint_default=(env --default-signal=INT); fi

start_run() {
  RUN_LOG=$(mktemp /tmp/keel-make-run-log.XXXXXX)
  set -m
  ${sigint_default[@]+"${sigint_default[@]}"} make --no-print-directory run >"$RUN_LOG" 2>&1 &
  RUN_PID=$!
  set +m
}

# The first run of a build trains the application's AOT cache in the background once it is up (JDK 25+): waits
# until the launcher says it is written (or why not), as a developer's run that lasts a minute lets it; fails after
# $1 seconds. A JDK without the AOT cache trains nothing: returns at once.
await_cache() {
  local deadline=$((SECONDS + ${1:-300}))
  grep -q "training the application's AOT cache" "$RUN_LOG" || return 0
  until grep -qE "AOT cache is written|no AOT cache written" "$RUN_LOG"; do
    kill -0 "$RUN_PID" 2>/dev/null || fail "make run exited while training the AOT cache"
    [ $SECONDS -lt $deadline ] || fail "the AOT cache was not written within ${1:-300} s"
    sleep 0.2
  done
}

health_is_up() { curl -fsS --max-time 1 "$KEEL_HEALTH_URL" 2>/dev/null | grep -q '"status":"UP"'; }

# Waits for the banner and health UP; fails when make run exits first or $1 seconds pass.
await_up() {
  local deadline=$((SECONDS + ${1:-180}))
  until grep -q "Keel is up" "$RUN_LOG" && health_is_up; do
    kill -0 "$RUN_PID" 2>/dev/null || fail "make run exited before Keel was up"
    [ $SECONDS -lt $deadline ] || fail "Keel was not up within ${1:-180} s"
    sleep 0.1
  done
}

# make db-start: the embedded PostgreSQL under this data directory, kept running across runs (make run uses
# it and leaves it up) until stop_kept_db or the cleanup stops it.
start_kept_db() {
  DB_KEPT=1
  make --no-print-directory -s db-start >/dev/null || fail "make db-start failed"
}
stop_kept_db() {
  make --no-print-directory -s db-stop >/dev/null || true
  DB_KEPT=""
}

# What of this data directory's processes may outlive a run: make db-start's PostgreSQL, while it is kept.
run_leftovers() {
  if [ -n "$DB_KEPT" ]; then
    pgrep -af -- "$KEEL_DATA_DIR" | grep -vF -- "$KEEL_DATA_DIR/postgres/" || true
  else
    pgrep -af -- "$KEEL_DATA_DIR" || true
  fi
}

# Ctrl-C: SIGINT to the whole foreground process group; then nothing of this run may remain.
interrupt_run() {
  kill -INT -- "-$RUN_PID"
  wait "$RUN_PID" 2>/dev/null || true   # make reports the interrupt with a non-zero status
  RUN_PID=""
  local leftovers=""
  # Stopping takes seconds on a busy machine (the application, S3Proxy, PostgreSQL, a training of the AOT cache).
  for _ in $(seq 1 120); do
    leftovers=$(run_leftovers)
    if [ -z "$leftovers" ] && ! (exec 3<>"/dev/tcp/127.0.0.1/$KEEL_HTTP_PORT") 2>/dev/null; then return 0; fi
    sleep 1
  done
  fail "processes or ports left behind after Ctrl-C: $leftovers"
}
