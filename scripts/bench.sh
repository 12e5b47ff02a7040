#!/usr/bin/env bash
# Hookguard's end-to-end benchmark: intake against PostgreSQL's own limit and an HTTP floor, in one run.
# See README.md "Performance" and docs/PERFORMANCE.md. Loopback only; every run holds /tmp/hookguard-heavy.lock.
#
# Knobs (environment): BENCH_DURATION (s per cell, 10), BENCH_WARMUP (s, 5), BENCH_CONNECTIONS ("1 16 64"),
# BENCH_SCALE_ROWS (10000000; 0 skips the scale part), BENCH_PORT (18002), BENCH_DB (hookguard_bench),
# BENCH_JAVA_OPTS (production JVM flags, see below), BENCH_OUT (output folder), BENCH_REFERENCE (the one-statement
# delivery the database baseline starts from; the default is the path below, relative to the repository root),
# BENCH_GLOBAL_WARMUP (s, 60) and BENCH_JIT_SETTLE (s, 120: the most extra warm-up while the JIT still compiles).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

if [ -z "${BENCH_LOCKED:-}" ]; then
    # One heavy measurement at a time on this machine: the lock is shared with the other worktrees' load tests.
    exec env BENCH_LOCKED=1 flock /tmp/hookguard-heavy.lock bash "$0" "$@"
fi

DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-1 16 64}
SCALE_ROWS=${BENCH_SCALE_ROWS:-10000000}
PORT=${BENCH_PORT:-18002}
PEER_PORT=${BENCH_PEER_PORT:-18003}
SINK_PORT=${BENCH_SINK_PORT:-18004}
RELAY_PORT=${BENCH_RELAY_PORT:-18005} # and RELAY_PORT+1, the relay's control port
REFERENCE=${BENCH_REFERENCE:-../shared/bench/reference-delivery.sql}
DB=${BENCH_DB:-hookguard_bench}
SCALE_DB=${DB}_scale
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms128m -Xmx256m -XX:+UseG1GC -XX:FlightRecorderOptions:stackdepth=256}
# Seconds of mixed traffic before the first cell, so that the JIT has compiled the hot paths (on 2 cores C2 is
# still compiling after a minute of traffic).
GLOBAL_WARMUP=${BENCH_GLOBAL_WARMUP:-60}
PARTS=${BENCH_PARTS:-main scale} # "scale" or "forwarding" alone re-runs only that part
OUT=${BENCH_OUT:-$ROOT/target/bench/$(date -u +%Y%m%dT%H%M%SZ)}
PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
export PGHOST PGUSER
BASE="http://127.0.0.1:${PORT}"
SECRET=bench-webhook-secret
GITHUB_SECRET=bench-github-secret
ADMIN_TOKEN=bench-admin-token
DUP_POOL=2000
# Requests generated per second of a cell: more than any cell sends, so no new-delivery cell runs out (reported).
RATE_CAP=${BENCH_RATE_CAP:-7000}
# New deliveries per 10 s round of settle_jit (a round that sends them all wraps around to duplicates).
SETTLE_REQUESTS=30000

mkdir -p "$OUT"
RESULTS="$OUT/results.tsv"
: > "$RESULTS"
SERVER_PID=""
PEER_PID=""
SINK_PID=""
RELAY_PID=""
SAMPLER_PID=""

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
psql_q() { psql -X -q -t -A -v ON_ERROR_STOP=1 "$@"; }

cleanup() {
    local pid
    for pid in "$SAMPLER_PID" "$SERVER_PID" "$PEER_PID" "$SINK_PID" "$RELAY_PID"; do
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------- prerequisites
prerequisites() {
    if ! command -v wrk >/dev/null; then
        log "installing wrk"
        apt-get install -y wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y wrk >/dev/null; }
    fi
    for tool in pgbench psql java jcmd jfr flock; do
        command -v "$tool" >/dev/null || { log "missing $tool"; exit 1; }
    done
    if ! pg_isready -h "$PGHOST" -q; then
        log "starting PostgreSQL"
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
        for _ in $(seq 1 60); do pg_isready -h "$PGHOST" -q && break; sleep 1; done
    fi
    local jar=app/target/hookguard.jar
    if [ ! -f "$jar" ] || [ -n "$(find . \( -path ./scripts -o -name target \) -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.sql' \
            -o -name '*.lua' -o -name '*.xml' \) -newer "$jar" -print -quit)" ]; then
        log "building the jar (mvn -B -q package -DskipTests)"
        mvn -B -q package -DskipTests
    fi
    local peer=scripts/bench/camel-peer/target/camel-peer.jar
    if [ ! -f "$peer" ] || [ -n "$(find scripts/bench/camel-peer -name '*.java' -newer "$peer" -print -quit)" ]; then
        log "building the Camel peer (scripts/bench/camel-peer)"
        (cd scripts/bench/camel-peer && mvn -B -q package)
    fi
}

# The peer a Java team would pick instead (Apache Camel's idempotent consumer on its JDBC repository), on the same
# database, the same phase rows and the same signed requests; see scripts/bench/camel-peer.
start_peer() { # database
    PEER_DATABASE_URL="jdbc:postgresql://${PGHOST}:5432/$1" PEER_DATABASE_USER="$PGUSER" PEER_PORT=$PEER_PORT \
    PEER_WEBHOOK_SECRET=$SECRET \
        java $JAVA_OPTS -jar "$ROOT/scripts/bench/camel-peer/target/camel-peer.jar" > "$OUT/peer.log" 2>&1 &
    PEER_PID=$!
    for _ in $(seq 1 600); do
        # A report for an unknown phase, unsigned: 401 means the route is up.
        [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' \
            "http://127.0.0.1:${PEER_PORT}/api/v1/queue/workflow-complete")" = 401 ] && return
        kill -0 "$PEER_PID" 2>/dev/null || { log "peer died"; tail -n 20 "$OUT/peer.log" >&2; exit 1; }
        sleep 0.05
    done
    log "peer not ready after 30 s"; exit 1
}

stop_peer() {
    kill "$PEER_PID" 2>/dev/null || true
    wait "$PEER_PID" 2>/dev/null || true
    PEER_PID=""
}

# ------------------------------------------------------------------------------------------------------ server
start_server() { # database, log name [configuration file [JDBC URL]]
    local db=$1 name=$2 config=${3:-} url=${4:-jdbc:postgresql://${PGHOST}:5432/$1}
    local started
    started=$(date +%s%N)
    HOOKGUARD_CONFIG="$config" \
    HOOKGUARD_DATABASE_URL="$url" HOOKGUARD_DATABASE_USER="$PGUSER" \
    HOOKGUARD_WEBHOOK_SECRET=$SECRET HOOKGUARD_GITHUB_SECRET=$GITHUB_SECRET HOOKGUARD_ADMIN_TOKEN=$ADMIN_TOKEN \
    HOOKGUARD_HOST=127.0.0.1 HOOKGUARD_PORT=$PORT HOOKGUARD_DEDUP_WINDOW_WORKFLOW_COMPLETE=1h \
    HOOKGUARD_DATA_DIR="$OUT/data" \
        java $JAVA_OPTS -jar "$ROOT/app/target/hookguard.jar" > "$OUT/server-$name.log" 2>&1 &
    SERVER_PID=$!
    wait_ready "$started"
}

wait_ready() { # start time in ns; sets READY_MS
    for _ in $(seq 1 600); do
        if curl -fs -o /dev/null "$BASE/health/ready"; then
            READY_MS=$(( ($(date +%s%N) - $1) / 1000000 ))
            return
        fi
        kill -0 "$SERVER_PID" 2>/dev/null || { log "server died"; tail -n 20 "$OUT"/server-*.log >&2; exit 1; }
        sleep 0.05
    done
    log "server not ready after 30 s"; exit 1
}

stop_server() {
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

startup_times() {
    log "start-up to ready: embedded H2 (best of 3, each after the machine went quiet)"
    local started best=999999 i
    for i in 1 2 3; do
        wait_for_quiet
        start_embedded
        [ "$READY_MS" -lt "$best" ] && best=$READY_MS
        echo "embedded start $i: $READY_MS ms" >> "$OUT/startup.txt"
    done
    STARTUP_EMBEDDED_MS=$best
}

start_embedded() {
    local started
    rm -rf "$OUT/embedded"
    started=$(date +%s%N)
    HOOKGUARD_DATA_DIR="$OUT/embedded" HOOKGUARD_PORT=$PORT HOOKGUARD_WEBHOOK_SECRET=$SECRET \
    HOOKGUARD_GITHUB_SECRET=$GITHUB_SECRET HOOKGUARD_HOST=127.0.0.1 \
        java $JAVA_OPTS -jar "$ROOT/app/target/hookguard.jar" > "$OUT/server-embedded.log" 2>&1 &
    SERVER_PID=$!
    wait_ready "$started"
    stop_server
}

# ------------------------------------------------------------------------------------------------ measurement
cpu_ticks() { # user+system ticks of: the server (or the peer), postgres (all backends + reaped ones), all; JIT
    local java=0 pg=0 total
    java=$(awk '{print $14+$15}' "/proc/${MEASURED_PID:-$SERVER_PID}/stat" 2>/dev/null || echo 0)
    pg=$(for p in $(pgrep -x postgres); do awk '{print $14+$15+$16+$17}' "/proc/$p/stat" 2>/dev/null; done \
        | awk '{s+=$1} END {print s+0}')
    total=$(awk '/^cpu / {print $2+$3+$4+$7+$8}' /proc/stat)
    echo "$java $pg $total"
}

jit_ticks() { # pid -> user+system ticks of the JVM's JIT compiler threads (C1 and C2), part of the server's ticks
    # One awk over the threads' stat lines: the name "(C2 CompilerThre)" holds a space, so the fields are counted
    # after the name's closing parenthesis (state is the first, utime the 12th, stime the 13th).
    awk '/\((C1|C2) CompilerThre/ { sub(/^.*\) /, ""); split($0, f, " "); s += f[12] + f[13] } END { print s + 0 }' \
        /proc/"$1"/task/*/stat 2>/dev/null || echo 0
}

# Warms a JVM up until its JIT has settled: rounds of 10 s of new deliveries at 16 connections until the compiler
# threads used under 5 % of the process's CPU in a round (at most BENCH_JIT_SETTLE seconds, 120). On 2 cores C2
# competes with the load for CPU and is still compiling large methods minutes into a run; the cells are to
# measure the steady state, and each cell reports the JIT's share of the server's CPU all the same.
settle_jit() { # pid url file-prefix
    local pid=$1 url=$2 prefix=$3 spent=0 round=0 a b
    while [ "$spent" -lt "${BENCH_JIT_SETTLE:-120}" ]; do
        round=$((round + 1))
        workflow_file "$OUT/$prefix-settle-$round.txt" "${prefix}s$round" "$SETTLE_REQUESTS"
        a="$(awk '{print $14+$15}' "/proc/$pid/stat") $(jit_ticks "$pid")"
        run_wrk 16 10 scripts/bench/intake.lua "$OUT/$prefix-settle-$round.txt" "$url" > /dev/null
        b="$(awk '{print $14+$15}' "/proc/$pid/stat") $(jit_ticks "$pid")"
        rm -f "$OUT/$prefix-settle-$round.txt"
        spent=$((spent + 10))
        read -r p0 j0 <<< "$a"
        read -r p1 j1 <<< "$b"
        local share=$(( (j1 - j0) * 100 / ( (p1 - p0) > 0 ? (p1 - p0) : 1 ) ))
        log "JIT settling ($prefix): round $round, compiler threads ${share} % of the process's CPU"
        [ "$share" -lt 5 ] && break
    done
    echo "$prefix: JIT settled after $spent s of extra warm-up (last round: compiler threads ${share} % of the process's CPU)" \
        >> "$OUT/jit.txt"
}

wait_for_quiet() { # other work on the machine (builds, tests) distorts a cell: wait up to 60 s (BENCH_QUIET_WAIT)
    local busy i
    for i in $(seq 1 "${BENCH_QUIET_WAIT:-60}"); do
        busy=$(foreign_busy)
        [ "$busy" -lt 25 ] && return
        [ "$i" = 1 ] && log "waiting for other processes to go quiet (${busy} % of a core busy)"
        sleep 1
    done
    log "the machine stayed busy (${busy} % of a core): measuring anyway, see the 'other' CPU share"
}

foreign_busy() { # % of one core used during 1 s by everything but the server and PostgreSQL
    local a b
    a=$(cpu_ticks); sleep 1; b=$(cpu_ticks)
    read -r j0 p0 t0 <<< "$a"
    read -r j1 p1 t1 <<< "$b"
    echo $(( ( (t1 - t0) - (j1 - j0) - (p1 - p0) ) * 100 / $(getconf CLK_TCK) ))
}

record() { # workload conns rps p50_ms p99_ms max_ms errors note
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$RESULTS"
}

run_wrk() { # conns seconds script requests-file url -> RESULT line on stdout
    local c=$1 secs=$2 script=$3 file=$4 url=$5
    local t=$(( c < 2 ? c : 2 ))
    REQUESTS="$file" WRK_THREADS=$t wrk -t"$t" -c"$c" -d"${secs}s" --timeout 10s -s "$script" "$url" \
        | grep '^RESULT'
}

field() { # RESULT-line key
    sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<< " $1"
}

measure() { # workload conns file url script  — warm-up file is $file.warm when it exists
    local workload=$1 c=$2 file=$3 url=$4 script=${5:-scripts/bench/intake.lua}
    if [ -f "$file.warm" ]; then
        run_wrk "$c" "$WARMUP" "$script" "$file.warm" "$url" > /dev/null
    elif [ "$WARMUP" -gt 0 ]; then
        run_wrk "$c" "$WARMUP" "$script" "$file" "$url" > /dev/null
    fi
    local before after line
    wait_for_quiet
    before="$(cpu_ticks) $(jit_ticks "${MEASURED_PID:-$SERVER_PID}")"
    line=$(run_wrk "$c" "$DURATION" "$script" "$file" "$url")
    after="$(cpu_ticks) $(jit_ticks "${MEASURED_PID:-$SERVER_PID}")"
    echo "$workload c=$c $line" >> "$OUT/wrk.log"
    local rps p50 p99 max errors note
    rps=$(awk -v r="$(field "$line" requests)" -v s="$(field "$line" seconds)" 'BEGIN {printf "%.0f", r/s}')
    p50=$(awk -v u="$(field "$line" p50_us)" 'BEGIN {printf "%.2f", u/1000}')
    p99=$(awk -v u="$(field "$line" p99_us)" 'BEGIN {printf "%.2f", u/1000}')
    max=$(awk -v u="$(field "$line" max_us)" 'BEGIN {printf "%.1f", u/1000}')
    errors=$(( $(field "$line" errors) + $(field "$line" non2xx) ))
    note="replayed=$(field "$line" replayed)"
    # A duplicate cell cycles through its pool on purpose; any other cell that ran out would have sent duplicates.
    [ "$(field "$line" wrapped)" != "0" ] && [ "$workload" != duplicates ] && note="$note RAN-OUT-OF-REQUESTS"
    note="$note $(cpu_split "$before" "$after" "$(field "$line" requests)")"
    record "$workload" "$c" "$rps" "$p50" "$p99" "$max" "$errors" "$note"
    LAST_RPS=$rps
    LAST_LINE=$line
}

cpu_split() { # before after requests -> CPU per request of the server, PostgreSQL, the rest (load generator, others)
    read -r j0 p0 t0 c0 <<< "$1"
    read -r j1 p1 t1 c1 <<< "$2"
    local hz
    hz=$(getconf CLK_TCK)
    awk -v j=$((j1 - j0)) -v p=$((p1 - p0)) -v t=$((t1 - t0)) -v c=$((${c1:-0} - ${c0:-0})) -v n="$3" -v hz="$hz" \
        'BEGIN { if (n > 0) printf "cpu us/req: server=%.0f (jit=%.0f) pg=%.0f rest=%.0f", j/hz/n*1e6, c/hz/n*1e6, p/hz/n*1e6, (t-j-p)/hz/n*1e6 }'
}

pgbench_run() { # workload conns sql-file [extra pgbench args]; pgbench's own per-transaction log gives latencies
    # The same session settings as Hookguard's pooled connections (Database.connectionInitSql: the lock timeout,
    # default plan cache); PGBENCH_PGOPTIONS adds others (the forced custom plans of before, for the record).
    export PGOPTIONS="-c lock_timeout=5000 ${PGBENCH_PGOPTIONS:-}"
    local workload=$1 c=$2 sql=$3
    shift 3
    case $sql in /*) ;; *) sql="$ROOT/$sql" ;; esac
    local j=$(( c < 2 ? c : 2 )) dir="$OUT/pgbench-${workload// /-}-$c"
    mkdir -p "$dir"
    if [ "$WARMUP" -gt 0 ]; then
        pgbench -n -M prepared -c "$c" -j "$j" -T "$WARMUP" -f "$sql" "$@" "$DB" > /dev/null 2>&1
    fi
    local before after
    wait_for_quiet
    before=$(cpu_ticks)
    (cd "$dir" && pgbench -n -M prepared -c "$c" -j "$j" -T "$DURATION" -l -f "$sql" "$@" "$DB" \
        > "$dir/pgbench.out" 2>&1)
    after=$(cpu_ticks)
    local tps n stats
    tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$dir/pgbench.out" | head -1)
    n=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$dir/pgbench.out")
    local failed
    failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$dir/pgbench.out")
    stats=$(cat "$dir"/pgbench_log.* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {
        printf "%.2f %.2f %.1f", a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000, a[NR]/1000}')
    rm -f "$dir"/pgbench_log.*
    read -r p50 p99 max <<< "$stats"
    record "$workload" "$c" "$(printf '%.0f' "$tps")" "$p50" "$p99" "$max" "${failed:-0}" \
        "pgbench -M prepared $(cpu_split "$before" "$after" "$n")"
    LAST_RPS=$(printf '%.0f' "$tps")
}

# ------------------------------------------------------------------------------------------------ data set-up
NEXT_ISSUE=1
create_database() { # name
    psql_q -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
}

fill_phases() { # database first count: issues first..first+count-1, phase 1 ready and phase 2 queued each
    psql_q -d "$1" -c "
        INSERT INTO phase_queue (queue_id, parent_issue, phase_number, title, status, created_at, updated_at)
        SELECT 'bq-' || n || '-' || p, n, p, CASE p WHEN 1 THEN 'plan' ELSE 'build' END,
               CASE p WHEN 1 THEN 'ready' ELSE 'queued' END, now(), now()
        FROM generate_series($2::bigint, $2::bigint + $3 - 1) n, generate_series(1, 2) p;
        ANALYZE phase_queue;"
}

workflow_file() { # out tag count [dup-tag dup-first-issue] — takes the next free issue range
    local out=$1 tag=$2 count=$3
    shift 3
    local dup=()
    [ $# -gt 0 ] && dup=("$1" "$2" "$DUP_POOL" 5)
    java scripts/bench/SignedRequests.java workflow "$out" "$SECRET" "$tag" "$NEXT_ISSUE" "$count" "${dup[@]}"
    LAST_FIRST_ISSUE=$NEXT_ISSUE
    NEXT_ISSUE=$((NEXT_ISSUE + count))
}

wal_lsn() { psql_q -d "$DB" -c "SELECT pg_current_wal_lsn()"; }
wal_bytes() { psql_q -d "$DB" -c "SELECT pg_wal_lsn_diff('$2', '$1')::bigint"; }
wal_records_of_db() { # WAL records between two LSNs that touch a relation of $DB (pg_current_wal_lsn is cluster-wide,
                      # and other databases on this server may be busy)
    local oid pgdata waldump
    oid=$(psql_q -d "$DB" -c "SELECT oid FROM pg_database WHERE datname = current_database()")
    pgdata=$(psql_q -d "$DB" -c "SHOW data_directory")
    waldump=$(ls /usr/lib/postgresql/*/bin/pg_waldump 2>/dev/null | tail -1)
    if [ -z "$waldump" ] || [ ! -r "$pgdata/pg_wal" ]; then
        echo "n/a"
        return
    fi
    psql_q -d "$DB" -c "SELECT pg_switch_wal()" > /dev/null # the end LSN must be in a finished segment for pg_waldump
    { "$waldump" -p "$pgdata/pg_wal" -s "$1" -e "$2" 2>/dev/null || true; } | grep -c " [0-9]*/$oid/[0-9]*" || true
}

# ------------------------------------------------------------------------------------------- database reference
# The database's own limit for one new delivery: the reference statement (claim, phase effect and completion as
# one statement, one round trip, one commit), with one more CTE of the same statement writing the outbox messages a
# forwarded workflow-complete report makes (phase.completed and phase.ready for one destination, as Hookguard
# writes them when the source forwards to one destination). Prints nothing when the reference is missing.
reference_statement() { # issue_first issue_count
    [ -f "$REFERENCE" ] || { log "reference statement not found: $REFERENCE (set BENCH_REFERENCE)"; return 0; }
    local outbox
    outbox=$(tr '\n' ' ' <<'SQL'
, outbox as (insert into outbox_messages (id, destination, ordering_key, source, delivery_key, event_type,
content_type, body, status, attempts, failures, next_attempt_at, created_at)
select 'msg_' || md5(:k::text || e.type), 'sink', :issue::text, 'workflow_complete', lpad(:k::text, 64, '0'), e.type,
'application/json', convert_to('{"type": "' || e.type || '", "timestamp": "' || now() || '", "data": {"queue_id": "bq-'
|| :issue::text || '-' || e.phase || '", "parent_issue": ' || :issue::text || ', "phase_number": ' || e.phase
|| ', "status": "' || e.status || '", "adw_id": "adw-' || :k::text || '"}}', 'UTF8'), 'PENDING', 0, 0, now(), now()
from (values ('phase.completed', 1, 'completed'), ('phase.ready', 2, 'ready')) e(type, phase, status)
where exists (select 1 from claim) returning 1)
SQL
)
    # The reference ends in "... returning 1) select (select count(*) from claim), ...;": the outbox CTE goes before
    # that final select, and its count joins the select list.
    grep -v '^--' "$REFERENCE" \
        | sed -e "s/:issue_first/$1/g; s/:issue_count/$2/g" \
        | awk -v cte="$outbox" '
            /^with claim as/ {
                i = index($0, ") select (select count(*) from claim)")
                if (i == 0) { print "reference statement: no final select found" > "/dev/stderr"; exit 1 }
                line = substr($0, 1, i) cte substr($0, i + 1)
                sub(/;[ \t]*$/, ", (select count(*) from outbox);", line)
                print line; next
            }
            { print }'
}

# ------------------------------------------------------------------------------------------------ round trips
# Round trips per new delivery: the server's pool connects through a relay that counts the client's turns (sends
# after waiting for a ReadyForQuery) and PostgreSQL's ReadyForQuery messages (scripts/bench/RoundTrips.java); N deliveries are sent one after another, and the count of an idle
# interval as long is subtracted (pool housekeeping, the outbox dispatcher's polls). The statements themselves come
# from PostgreSQL's log (log_statement=all on this database only). With and without a forwarding destination.
round_trips() {
    local rt_db=${DB}_rt n=${BENCH_ROUND_TRIP_DELIVERIES:-50} saved_next=$NEXT_ISSUE
    log "round trips per new delivery ($n deliveries, one at a time, through a counting relay)"
    java scripts/bench/RoundTrips.java "$RELAY_PORT" "$PGHOST" 5432 > "$OUT/relay.log" 2>&1 &
    RELAY_PID=$!
    for _ in $(seq 1 200); do grep -q listening "$OUT/relay.log" 2>/dev/null && break; sleep 0.1; done
    start_sink
    local mode config
    for mode in plain forwarding; do
        config=""
        [ "$mode" = forwarding ] && config=$(forwarding_config)
        create_database "$rt_db"
        psql_q -d "$rt_db" -c "ALTER DATABASE $rt_db SET log_statement = 'all'"
        start_server "$rt_db" "rt-$mode" "$config" \
            "jdbc:postgresql://127.0.0.1:${RELAY_PORT}/${rt_db}?sslmode=disable"
        fill_phases "$rt_db" 1 "$((n + 10))"
        NEXT_ISSUE=1
        workflow_file "$OUT/rt-$mode.txt" "rt$mode" "$((n + 5))"
        send_one_by_one "$OUT/rt-$mode.txt" 1 5 # warm: the pool's connections, PgJDBC's prepared statements
        sleep 1
        local idle0 idle1 busy0 busy1 t0 t1 secs
        busy0=$(relay_count); t0=$(date +%s%N)
        send_one_by_one "$OUT/rt-$mode.txt" 6 "$n"
        busy1=$(relay_count); t1=$(date +%s%N)
        secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
        idle0=$(relay_count); sleep "$secs"; idle1=$(relay_count)
        local per per_ready
        # relay_count answers "<turns> <ReadyForQuery messages>"; the turns are the round trips.
        per=$(awk -v b="$busy0 $busy1" -v i="$idle0 $idle1" -v n="$n" 'BEGIN {
            split(b, x, " "); split(i, y, " "); printf "%.2f", ((x[3] - x[1]) - (y[3] - y[1])) / n }')
        per_ready=$(awk -v b="$busy0 $busy1" -v i="$idle0 $idle1" -v n="$n" 'BEGIN {
            split(b, x, " "); split(i, y, " "); printf "%.2f", ((x[4] - x[2]) - (y[4] - y[2])) / n }')
        local messages
        messages=$(psql_q -d "$rt_db" -c "SELECT count(*) FROM outbox_messages" 2>/dev/null || echo 0)
        echo "$mode: $per round trips per new delivery ($per_ready ReadyForQuery messages; $n deliveries in" \
            "${secs} s, the count of as long an idle interval subtracted; outbox messages written: $messages)" \
            >> "$OUT/round-trips.txt"
        [ "$mode" = plain ] && ROUND_TRIPS=$per || ROUND_TRIPS_FORWARDING=$per
        stop_server
        psql_q -d postgres -c "ALTER DATABASE $rt_db RESET log_statement"
        # One delivery's statements, as PostgreSQL logged them (the last delivery of the run).
        grep "@$rt_db " /var/log/postgresql/postgresql-*-main.log 2>/dev/null \
            | grep -E 'LOG:  (execute|statement)' | sed 's/^.*LOG:  //' | tail -n 40 > "$OUT/statements-$mode.txt" || true
    done
    stop_sink
    kill "$RELAY_PID" 2>/dev/null || true; wait "$RELAY_PID" 2>/dev/null || true; RELAY_PID=""
    psql_q -d postgres -c "DROP DATABASE IF EXISTS $rt_db WITH (FORCE)"
    NEXT_ISSUE=$saved_next
}

relay_count() { # "<turns> <ReadyForQuery messages>" so far
    exec 3<>"/dev/tcp/127.0.0.1/$((RELAY_PORT + 1))"; head -n 1 <&3; exec 3<&-; }

send_one_by_one() { # requests-file first-line count: POST each request and wait for its answer
    local path body h args
    tail -n +"$2" "$1" | head -n "$3" | while IFS=$'\t' read -r -a fields; do
        args=(-H 'Content-Type: application/json')
        for h in "${fields[@]:2}"; do args+=(-H "${h%%:*}: ${h#*:}"); done
        curl -s -o /dev/null -X POST "${args[@]}" --data-binary "${fields[1]}" "$BASE${fields[0]}"
    done
}

# --------------------------------------------------------------------------------------------------- forwarding
start_sink() {
    java scripts/bench/Sink.java "$SINK_PORT" > "$OUT/sink.log" 2>&1 &
    SINK_PID=$!
    for _ in $(seq 1 200); do curl -fs -o /dev/null "http://127.0.0.1:$SINK_PORT/count" && return; sleep 0.1; done
    log "sink not ready"; exit 1
}

stop_sink() { kill "$SINK_PID" 2>/dev/null || true; wait "$SINK_PID" 2>/dev/null || true; SINK_PID=""; }

forwarding_config() { # prints the path of a configuration that forwards workflow_complete to the sink
    local file="$OUT/forwarding.yaml"
    cat > "$file" <<YAML
sources:
  workflow_complete:
    forward: [sink]
destinations:
  sink:
    url: http://127.0.0.1:${SINK_PORT}/hooks
    secret: "whsec_$(printf 'bench-forwarding-signing-key-32b' | base64)"
    timeout: 5s
YAML
    echo "$file"
}

# Intake of new deliveries with one HTTP destination answering at once: messages delivered per second (the sink's
# count and the DELIVERED rows) and the age of the oldest pending message, sampled every 0.5 s during the cell.
forwarding() {
    local c=16 fdb=${DB}_fwd
    log "forwarding: new deliveries with one HTTP destination, c=$c"
    create_database "$fdb"
    start_sink
    local saved_db=$DB saved_next=$NEXT_ISSUE
    DB=$fdb
    start_server "$fdb" forwarding "$(forwarding_config)"
    NEXT_ISSUE=1
    local per_cell=$(( RATE_CAP * DURATION )) per_warm=$(( RATE_CAP * (WARMUP + 10) ))
    fill_phases "$fdb" 1 $(( per_cell + per_warm + 10 ))
    workflow_file "$OUT/fwd-probe.txt" "fp" 1
    send_one_by_one "$OUT/fwd-probe.txt" 1 1
    if [ "$(psql_q -d "$fdb" -c "SELECT count(*) FROM outbox_messages")" = 0 ]; then
        record "forwarding: new, 1 HTTP destination" "$c" "n/a" "" "" "" "" "n/a (forwarding not wired: no outbox message written)"
        stop_server; stop_sink; DB=$saved_db; NEXT_ISSUE=$saved_next
        return
    fi
    workflow_file "$OUT/fwd-warm-$c.txt" "fw" "$per_warm"
    workflow_file "$OUT/fwd-$c.txt" "fn" "$per_cell"
    run_wrk "$c" "$(( WARMUP + 10 ))" scripts/bench/intake.lua "$OUT/fwd-warm-$c.txt" "$BASE" > /dev/null
    drain "$fdb" 60 > /dev/null
    local sink0 del0 sink1 del1
    sink0=$(curl -fs "http://127.0.0.1:$SINK_PORT/count")
    del0=$(psql_q -d "$fdb" -c "SELECT count(*) FROM outbox_messages WHERE status = 'DELIVERED'")
    sample_oldest_pending "$fdb" > "$OUT/fwd-oldest.txt" &
    SAMPLER_PID=$!
    WARMUP=0 measure "forwarding: new, 1 HTTP destination" "$c" "$OUT/fwd-$c.txt" "$BASE"
    kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
    sink1=$(curl -fs "http://127.0.0.1:$SINK_PORT/count")
    del1=$(psql_q -d "$fdb" -c "SELECT count(*) FROM outbox_messages WHERE status = 'DELIVERED'")
    local secs drain_s pending_end
    secs=$(field "$LAST_LINE" seconds)
    pending_end=$(psql_q -d "$fdb" -c "SELECT count(*) FROM outbox_messages WHERE status = 'PENDING'")
    drain_s=$(drain "$fdb" 120)
    local oldest_max oldest_metric
    oldest_max=$(awk '{ if ($1 > m) m = $1 } END { printf "%.2f", m + 0 }' "$OUT/fwd-oldest.txt")
    oldest_metric=$(curl -s -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE/metrics" \
        | grep '^hookguard_outbox_oldest_pending' | head -3 | tr '\n' ';' || true)
    FORWARDING_SUMMARY=$(awk -v s0="$sink0" -v s1="$sink1" -v d0="$del0" -v d1="$del1" -v t="$secs" \
        -v o="$oldest_max" -v p="$pending_end" -v dr="$drain_s" 'BEGIN {
        printf "forwarding: %.0f messages/s received by the destination, %.0f/s marked delivered; oldest pending message at most %s s old (sampled every 0.5 s); %d pending when the cell ended, drained in %s s", (s1 - s0) / t, (d1 - d0) / t, o, p, dr }')
    sed -i '$ s/$/ msgs\/s='"$(awk -v s0="$sink0" -v s1="$sink1" -v t="$secs" 'BEGIN {printf "%.0f", (s1 - s0) / t}')"' oldest-pending-max-s='"$oldest_max"'/' "$RESULTS"
    echo "$FORWARDING_SUMMARY; metric at the end: ${oldest_metric:-none}" > "$OUT/forwarding.txt"
    stop_server
    stop_sink
    DB=$saved_db
    NEXT_ISSUE=$saved_next
}

sample_oldest_pending() { # database: the age in seconds of the oldest pending message, every 0.5 s
    while true; do
        psql_q -d "$1" -c "SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)
            FROM outbox_messages WHERE status = 'PENDING'"
        sleep 0.5
    done
}

drain() { # database max-seconds: waits until no message is pending; prints how long it took
    local t0 i
    t0=$(date +%s%N)
    for i in $(seq 1 $(( $2 * 10 ))); do
        [ "$(psql_q -d "$1" -c "SELECT count(*) FROM outbox_messages WHERE status = 'PENDING'")" = 0 ] && break
        sleep 0.1
    done
    awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN {printf "%.1f", (b - a) / 1e9}'
}

# ------------------------------------------------------------------------------------------------------- main
main() {
    prerequisites
    log "results in $OUT"
    local cells=0
    for c in $CONNECTIONS; do cells=$((cells + 1)); done
    # new + mixed cells at every concurrency, each with a warm-up file; the database baseline gets its own issues.
    local per_cell=$(( RATE_CAP * DURATION )) per_warm=$(( RATE_CAP * WARMUP ))
    local issues=$(( cells * 3 * (per_cell + per_warm) + RATE_CAP * GLOBAL_WARMUP * 2
        + 2 * SETTLE_REQUESTS * (${BENCH_JIT_SETTLE:-120} / 10) ))
    local pgbench_issues=200000

    if [[ " $PARTS " != *" main "* ]]; then
        [[ " $PARTS " == *" forwarding "* ]] && forwarding
        [[ " $PARTS " == *" scale "* ]] && scale
        report | tee "$OUT/report.txt"
        return
    fi
    round_trips
    startup_times
    create_database "$DB"
    local best=999999 i
    for i in 1 2 3; do # best of 3 on the migrated database; the first start also migrates it
        wait_for_quiet
        start_server "$DB" main
        echo "PostgreSQL start $i: $READY_MS ms" >> "$OUT/startup.txt"
        [ "$READY_MS" -lt "$best" ] && best=$READY_MS
        [ "$i" -lt 3 ] && stop_server
    done
    STARTUP_PG_MS=$best
    log "ready: PostgreSQL ${STARTUP_PG_MS} ms, embedded ${STARTUP_EMBEDDED_MS} ms; filling $issues issues"
    fill_phases "$DB" 1 "$((issues + pgbench_issues))"
    local pgbench_first=$((issues + 1))
    sed -e "s/:issue_first/$pgbench_first/g; s/:issue_count/$pgbench_issues/g" scripts/bench/delivery.sql \
        > "$OUT/delivery.sql"
    reference_statement "$pgbench_first" "$pgbench_issues" > "$OUT/reference.sql"

    if [ "$GLOBAL_WARMUP" -gt 0 ]; then
        log "warming up the JVM: ${GLOBAL_WARMUP} s of new deliveries, GitHub deliveries and duplicates"
        workflow_file "$OUT/warmup.txt" "warm" "$(( RATE_CAP * GLOBAL_WARMUP ))"
        java scripts/bench/SignedRequests.java github "$OUT/warmup-github.txt" "$GITHUB_SECRET" "gwarm" \
            "$(( RATE_CAP * GLOBAL_WARMUP / 4 ))"
        run_wrk 16 "$(( GLOBAL_WARMUP * 2 / 3 ))" scripts/bench/intake.lua "$OUT/warmup.txt" "$BASE" > /dev/null
        run_wrk 16 "$(( GLOBAL_WARMUP / 6 ))" scripts/bench/intake.lua "$OUT/warmup-github.txt" "$BASE" > /dev/null
        head -n "$DUP_POOL" "$OUT/warmup.txt" > "$OUT/warmup-dup.txt"
        run_wrk 16 "$(( GLOBAL_WARMUP / 6 ))" scripts/bench/intake.lua "$OUT/warmup-dup.txt" "$BASE" > /dev/null
        settle_jit "$SERVER_PID" "$BASE" hookguard
    fi
    log "starting the Camel peer on $DB"
    start_peer "$DB"
    if [ "$GLOBAL_WARMUP" -gt 0 ]; then
        log "warming up the peer's JVM: $(( GLOBAL_WARMUP / 2 )) s of new deliveries"
        workflow_file "$OUT/peer-warmup.txt" "pwarm" "$(( RATE_CAP * GLOBAL_WARMUP / 2 ))"
        run_wrk 16 "$(( GLOBAL_WARMUP / 2 ))" scripts/bench/intake.lua "$OUT/peer-warmup.txt" \
            "http://127.0.0.1:${PEER_PORT}" > /dev/null
        settle_jit "$PEER_PID" "http://127.0.0.1:${PEER_PORT}" peer
    fi

    for c in $CONNECTIONS; do
        log "c=$c: HTTP floor"
        measure "http-floor GET /health/live" "$c" /dev/null "$BASE/health/live" scripts/bench/get.lua
        local floor=$LAST_RPS
        local baseline=""
        if [ -s "$OUT/reference.sql" ]; then
            log "c=$c: database reference (pgbench, one statement: claim, effect, completion, outbox messages)"
            pgbench_run "db-reference (1 statement + outbox)" "$c" "$OUT/reference.sql"
            baseline=$LAST_RPS
        else
            record "db-reference (1 statement + outbox)" "$c" "n/a" "" "" "" "" "reference statement not found: $REFERENCE"
        fi
        log "c=$c: Hookguard's own SQL (pgbench, the old baseline)"
        pgbench_run "db-hookguard-sql (old baseline)" "$c" "$OUT/delivery.sql"
        if [ "$c" = 16 ]; then
            PGBENCH_PGOPTIONS="-c plan_cache_mode=force_custom_plan" \
                pgbench_run "db-hookguard-sql forced custom plans" "$c" "$OUT/delivery.sql"
        fi
        [ -n "$baseline" ] && echo "$c $baseline $floor" >> "$OUT/references.txt"

        log "c=$c: new workflow-complete deliveries"
        workflow_file "$OUT/new-$c.txt.warm" "w$c" "$per_warm"
        workflow_file "$OUT/new-$c.txt" "n$c" "$per_cell"
        local new_first=$LAST_FIRST_ISSUE
        measure "new workflow-complete" "$c" "$OUT/new-$c.txt" "$BASE"

        log "c=$c: the Camel peer, new workflow-complete deliveries"
        workflow_file "$OUT/peer-$c.txt.warm" "pw$c" "$per_warm"
        workflow_file "$OUT/peer-$c.txt" "pn$c" "$per_cell"
        MEASURED_PID=$PEER_PID measure "peer (Camel) new workflow-complete" "$c" "$OUT/peer-$c.txt" \
            "http://127.0.0.1:${PEER_PORT}"

        log "c=$c: duplicates"
        head -n "$DUP_POOL" "$OUT/new-$c.txt" > "$OUT/dup-$c.txt"
        psql_q -d "$DB" -c "CHECKPOINT" > /dev/null
        local lsn0 writes0 lsn1 writes1
        run_wrk "$c" "$WARMUP" scripts/bench/intake.lua "$OUT/dup-$c.txt" "$BASE" > /dev/null
        lsn0=$(wal_lsn)
        WARMUP=0 measure "duplicates" "$c" "$OUT/dup-$c.txt" "$BASE"
        lsn1=$(wal_lsn)
        local ours
        ours=$(wal_records_of_db "$lsn0" "$lsn1")
        echo "c=$c duplicate-only run: $(wal_bytes "$lsn0" "$lsn1") bytes of WAL in the cluster" \
            "(pg_current_wal_lsn before/after, every database), $ours WAL records touching $DB's relations" >> "$OUT/wal.txt"
        sed -i '$ s/$/ wal-records-of-this-db='"$ours"'/' "$RESULTS"

        log "c=$c: 80 % new / 20 % duplicates"
        workflow_file "$OUT/mixed-$c.txt.warm" "x$c" "$per_warm" "n$c" "$new_first"
        workflow_file "$OUT/mixed-$c.txt" "m$c" "$per_cell" "n$c" "$new_first"
        measure "mixed 80/20" "$c" "$OUT/mixed-$c.txt" "$BASE"

        log "c=$c: GitHub deliveries"
        java scripts/bench/SignedRequests.java github "$OUT/github-$c.txt.warm" "$GITHUB_SECRET" "gw$c" "$per_warm"
        java scripts/bench/SignedRequests.java github "$OUT/github-$c.txt" "$GITHUB_SECRET" "g$c" "$per_cell"
        measure "github" "$c" "$OUT/github-$c.txt" "$BASE"
    done

    stop_peer
    memory_and_profile
    stop_server
    forwarding
    if [ "$SCALE_ROWS" -gt 0 ] && [[ " $PARTS " == *" scale "* ]]; then
        scale
    fi
    report | tee "$OUT/report.txt"
}

memory_and_profile() {
    log "profile (JFR) and heap after GC under steady load: new deliveries at 16 connections"
    workflow_file "$OUT/profile.txt" "p" "$(( RATE_CAP * (DURATION + 4) ))"
    jcmd "$SERVER_PID" JFR.start name=bench settings=profile filename="$OUT/intake.jfr" > /dev/null
    run_wrk 16 "$((DURATION + 4))" scripts/bench/intake.lua "$OUT/profile.txt" "$BASE" > "$OUT/profile-wrk.txt" &
    local wrk_pid=$!
    sleep "$(( (DURATION + 4) / 2 ))"
    jcmd "$SERVER_PID" GC.run > /dev/null
    HEAP_AFTER_GC=$(jcmd "$SERVER_PID" GC.heap_info | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | head -1)
    wait "$wrk_pid"
    jcmd "$SERVER_PID" JFR.stop name=bench > /dev/null
    PEAK_RSS=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
    jfr print --stack-depth 256 --events jdk.ExecutionSample "$OUT/intake.jfr" > "$OUT/samples.txt"
    top_frames "$OUT/samples.txt" > "$OUT/profile-top.txt"
}

top_frames() { # JFR execution samples -> top self frames and inclusive share by layer
    awk '
        /jdk.ExecutionSample/ { n++; first = 1; delete seen; delete seenf; next }
        /line:/ {
            frame = $1
            if (first) { self[frame]++; first = 0 }
            layer = "other"
            if (frame ~ /^io\.hookguard\.http/) layer = "hookguard http adapter"
            else if (frame ~ /^io\.hookguard\.persistence/) layer = "hookguard persistence adapter"
            else if (frame ~ /^io\.hookguard\.domain/) layer = "hookguard domain"
            else if (frame ~ /^io\.hookguard/) layer = "hookguard app"
            else if (frame ~ /^org\.jooq/) layer = "jOOQ"
            else if (frame ~ /^org\.postgresql/) layer = "PgJDBC"
            else if (frame ~ /^com\.zaxxer/) layer = "HikariCP"
            else if (frame ~ /^org\.eclipse\.jetty/) layer = "Jetty"
            else if (frame ~ /^io\.javalin/) layer = "Javalin"
            else if (frame ~ /^com\.fasterxml/) layer = "Jackson"
            else if (frame ~ /^io\.micrometer/) layer = "Micrometer"
            else if (frame ~ /^ch\.qos\.logback|^org\.slf4j/) layer = "logging"
            else if (frame ~ /^(sun\.security|com\.sun\.crypto|javax\.crypto)/) layer = "JDK crypto"
            if (!(layer in seen)) { seen[layer] = 1; incl[layer]++ }
            if (frame ~ /^io\.hookguard/ && !(frame in seenf)) { seenf[frame] = 1; method[frame]++ }
        }
        END {
            printf "samples: %d\n\ninclusive share by layer (a sample counts once per layer on its stack):\n", n
            for (l in incl) printf "  %5.1f %%  %s\n", 100 * incl[l] / n, l | "sort -rn"
            close("sort -rn")
            printf "\nHookguard methods, inclusive:\n"
            for (f in method) printf "  %5.1f %%  %s\n", 100 * method[f] / n, f | "sort -rn | head -20"
            close("sort -rn | head -20")
            printf "\ntop self frames:\n"
            for (f in self) printf "  %5.1f %%  %s\n", 100 * self[f] / n, f | "sort -rn | head -25"
            close("sort -rn | head -25")
        }' "$1"
}

scale() {
    log "scale: fresh database, the plan trap (claims on a nearly empty table after > 5 executions per connection)"
    create_database "$SCALE_DB"
    local saved_db=$DB
    DB=$SCALE_DB
    start_server "$SCALE_DB" scale
    NEXT_ISSUE=1
    local n=$(( RATE_CAP * (DURATION * 6 + GLOBAL_WARMUP) ))
    fill_phases "$SCALE_DB" 1 "$n"
    # As migrating leaves it: an empty table never measured (Database.migrate); claims on it after > 5 executions
    # per connection use the generic plans of the default plan cache.
    workflow_file "$OUT/fresh.txt" "f" "$(( RATE_CAP * DURATION ))"
    WARMUP=0 measure "fresh table (first claims)" 16 "$OUT/fresh.txt" "$BASE"
    local seq
    seq=$(psql_q -d "$SCALE_DB" -c "SELECT seq_scan || ' seq scans reading ' || seq_tup_read || ' rows, '
        || idx_scan || ' index scans' FROM pg_stat_user_tables WHERE relname = 'webhook_events'")
    sed -i '$ s/$/ '"${seq// /_}"'/' "$RESULTS"

    log "scale: warming the new JVM up (${GLOBAL_WARMUP} s), then 10,000 rows"
    workflow_file "$OUT/scale-warmup.txt" "sw" "$(( RATE_CAP * GLOBAL_WARMUP ))"
    run_wrk 16 "$GLOBAL_WARMUP" scripts/bench/intake.lua "$OUT/scale-warmup.txt" "$BASE" > /dev/null
    psql_q -d "$SCALE_DB" -c "TRUNCATE webhook_events" -c "$(fill_events_sql 1 10000)" -c "VACUUM ANALYZE webhook_events"
    workflow_file "$OUT/scale-small.txt" "s" "$(( RATE_CAP * DURATION ))"
    WARMUP=0 measure "claims at 10,000 rows" 16 "$OUT/scale-small.txt" "$BASE"
    pgbench_run "claim statement at 10,000 rows" 16 scripts/bench/claim.sql
    log "scale: filling to $SCALE_ROWS rows (1,000,000 of them past retention)"
    local t0 t1
    t0=$(date +%s)
    psql_q -d "$SCALE_DB" -c "SET synchronous_commit = off" -c "SET maintenance_work_mem = '512MB'" \
        -c "$(fill_events_sql 10001 "$SCALE_ROWS")" -c "VACUUM ANALYZE webhook_events"
    t1=$(date +%s)
    FILL_SECONDS=$((t1 - t0))
    ROWS=$(psql_q -d "$SCALE_DB" -c "SELECT count(*) FROM webhook_events")
    workflow_file "$OUT/scale-large.txt" "l" "$(( RATE_CAP * DURATION ))"
    WARMUP=0 measure "claims at $SCALE_ROWS rows" 16 "$OUT/scale-large.txt" "$BASE"
    pgbench_run "claim statement at $SCALE_ROWS rows" 16 scripts/bench/claim.sql

    log "scale: retention pass over 1,000,000 expired rows while intake runs"
    local secs=$(( DURATION * 3 ))
    workflow_file "$OUT/retention.txt" "r" "$(( RATE_CAP * secs ))"
    local cleanup_out="$OUT/cleanup.txt"
    (sleep 2; /usr/bin/time -f '%e' -o "$OUT/cleanup-seconds.txt" curl -s -X POST \
        -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE/api/v1/admin/cleanup" > "$cleanup_out") &
    local cleanup_pid=$!
    local saved_duration=$DURATION
    DURATION=$secs WARMUP=0 measure "claims during retention pass" 16 "$OUT/retention.txt" "$BASE"
    DURATION=$saved_duration
    wait "$cleanup_pid"
    CLEANUP_SECONDS=$(cat "$OUT/cleanup-seconds.txt")
    CLEANUP_RESULT=$(cat "$cleanup_out")
    stop_server
    DB=$saved_db
}

fill_events_sql() { # first last: completed rows with SHA-like keys; the first 1,000,000 ids are past retention
    cat <<SQL
INSERT INTO webhook_events (webhook_id, webhook_type, adw_id, issue_number, received_at, processed, status,
                            fingerprint, completed_at, attempts, response)
SELECT k, 'workflow_complete', 'fill-' || g, 1 + g % 100000, t, true, 'COMPLETED', k, t, 1,
       '{"success":true,"message":"Phase filled","phase_updated":true,"next_phase_triggered":false}'
FROM (SELECT g, md5(g::text) || md5('hookguard' || g) AS k,
             now() - CASE WHEN g <= 1000000 THEN interval '8 days' ELSE interval '1 day' END
                   - (g % 86400) * interval '1 second' AS t
      FROM generate_series($1::bigint, $2::bigint) g) rows
SQL
}

report() {
    echo
    echo "Hookguard benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores shared by load generator, server and PostgreSQL"
    echo "cells: ${WARMUP} s warm-up + ${DURATION} s measured after a ${GLOBAL_WARMUP} s JVM warm-up; JVM: $JAVA_OPTS"
    echo "÷ DB: req/s over the database reference's transactions/s at the same connections (pgbench: claim, effect,"
    echo "completion and the outbox messages as ONE statement, default plan cache); db-hookguard-sql: pgbench running"
    echo "the statements Hookguard sends for one new delivery (scripts/bench/delivery.sql), the old baseline;"
    echo "÷ HTTP: over GET /health/live at the same connections. cpu us/req: CPU per request of the server,"
    echo "PostgreSQL, and the rest (load generator and anything else running)."
    echo
    touch "$OUT/references.txt"
    awk -F'\t' -v refs="$OUT/references.txt" '
        BEGIN { while ((getline line < refs) > 0) { split(line, r, " "); db[r[1]] = r[2]; http[r[1]] = r[3] } }
        {
            ratio_db = ($2 in db && $1 !~ /^db-|^http-|statement/) ? sprintf("%.2f", $3 / db[$2]) : ""
            ratio_http = ($2 in http && $1 !~ /^db-|^http-|statement/) ? sprintf("%.2f", $3 / http[$2]) : ""
            printf "| %-34s | %3s | %7s | %7s | %7s | %7s | %6s | %6s | %6s | %s\n", $1, $2, $3, $4, $5, $6, $7,
                ratio_db, ratio_http, $8
        }' "$RESULTS" | sed '1i | workload                           |   c |   req/s | p50 ms  | p99 ms  | max ms  | errors | ÷ DB   | ÷ HTTP | notes\n|---|---|---|---|---|---|---|---|---|---|'
    echo
    if [ -n "${STARTUP_PG_MS:-}" ]; then
        echo "start-up to ready (best of 3): PostgreSQL ${STARTUP_PG_MS} ms, embedded H2 ${STARTUP_EMBEDDED_MS} ms" \
            "— all: $(tr '\n' ';' < "$OUT/startup.txt")"
        echo "server process: peak RSS $(( PEAK_RSS / 1024 )) MB; heap after GC under load $(( HEAP_AFTER_GC / 1024 )) MB"
    fi
    [ -f "$OUT/round-trips.txt" ] && sed 's/^/round trips, /' "$OUT/round-trips.txt"
    [ -f "$OUT/forwarding.txt" ] && cat "$OUT/forwarding.txt"
    [ -f "$OUT/jit.txt" ] && cat "$OUT/jit.txt"
    [ -f "$OUT/wal.txt" ] && cat "$OUT/wal.txt"
    if [ -n "${ROWS:-}" ]; then
        echo "scale: filled $ROWS rows in ${FILL_SECONDS} s; retention pass: ${CLEANUP_SECONDS} s, answer $CLEANUP_RESULT"
    fi
    if [ -f "$OUT/profile-top.txt" ]; then
        echo
        echo "profile of new deliveries at c=16 (JFR, $OUT/intake.jfr):"
        sed 's/^/    /' "$OUT/profile-top.txt"
    fi
}

main "$@"
