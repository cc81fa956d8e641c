#!/usr/bin/env bash
# Issue #31 through the real code and Kafka: do the relay's and the consumer's costs per event stay flat over millions
# of events once retention bounds the event tables? (docs/performance.md, "Event tables through Kafka".)
#
# meeting-service's test build (EventTablesKafkaBench) writes EVENTS events to the outbox in batches of 500 with the
# services' outbox insert; the real OutboxRelay publishes them to test.coprogram-bench.events; a SmallRye batch consumer
# applies them through the real EventInbox (processed_event inserts); the real EventRetention prunes both tables on
# short horizons (OUTBOX_HORIZON, INBOX_HORIZON, every RETENTION_INTERVAL). After WARMUP events (JIT, caches), one row
# of figures every WINDOW events; no new window starts after MAX_MINUTES. This machine's PostgreSQL runs with
# autovacuum off: the bench runs VACUUM (ANALYZE) of the two tables every VACUUM_INTERVAL instead (0s: never).
# Before and after, the machine's own baseline: pgbench (inserts, 10 s) and Kafka's ProducerPerformance (what
# kafka-producer-perf-test.sh runs; acks=all), so figures can be read as ratios to them. Uses its own database
# (coprogram_bench_kafka, dropped at the end) and topics (coprogram-bench.*, deleted at the end).
#   EVENTS=3000000 WINDOW=250000 scripts/bench/event-tables-kafka.sh     (20–25 minutes on the 2-core sandbox)
#   EVENTS=100000 WINDOW=10000 scripts/bench/event-tables-kafka.sh       (a quick check)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
EVENTS=${EVENTS:-3000000}
WINDOW=${WINDOW:-250000}
POLL_INTERVAL=${POLL_INTERVAL:-10ms}
RETENTION_INTERVAL=${RETENTION_INTERVAL:-10s}
OUTBOX_HORIZON=${OUTBOX_HORIZON:-60s}
INBOX_HORIZON=${INBOX_HORIZON:-180s}
WARMUP=${WARMUP:-100000}
MAX_MINUTES=${MAX_MINUTES:-26}
VACUUM_INTERVAL=${VACUUM_INTERVAL:-30s}
PG=${PG:-postgresql://postgres@127.0.0.1:5432}
export PGOPTIONS="-c client_min_messages=warning"
DB=coprogram_bench_kafka
STATE=${COPROGRAM_STATE:-$ROOT/.coprogram}
# In a git worktree the platform (and its Kafka) is the main checkout's.
ls "$STATE"/kafka/libs/kafka-tools-[0-9]*.jar >/dev/null 2>&1 ||
  STATE=$(git worktree list --porcelain | sed -n '1s/^worktree //p')/.coprogram
KAFKA_LIBS="$STATE/kafka/libs/*"
KAFKA_PID=$(cat "$STATE/pids/kafka.pid" 2>/dev/null || true)
OUT_DIR=$ROOT/.coprogram/bench
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$OUT_DIR/event-tables-kafka-$STAMP.md
LOG=$OUT_DIR/event-tables-kafka-$STAMP.log
mkdir -p "$OUT_DIR"

kafka_java() { java -Xms64m -Xmx256m -cp "$KAFKA_LIBS" "$@"; }
topics() { kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 "$@" >/dev/null 2>&1; }

baseline() {
  local when=$1
  [ "${BASELINE:-yes}" = yes ] || return 0
  psql "$PG/$DB" -qXc "DROP TABLE IF EXISTS bench_insert" \
    -c "CREATE TABLE bench_insert (id bigserial PRIMARY KEY, payload text NOT NULL, at timestamptz NOT NULL DEFAULT now())"
  echo "INSERT INTO bench_insert (payload) VALUES (repeat('x', 300));" >"$OUT_DIR/pgbench-insert.sql"
  local tps
  tps=$(pgbench -n -h 127.0.0.1 -U postgres -c 4 -j 2 -T 10 -f "$OUT_DIR/pgbench-insert.sql" "$DB" 2>/dev/null |
    sed -n 's/^tps = \([0-9.]*\).*/\1/p')
  psql "$PG/$DB" -qXc "DROP TABLE bench_insert"
  topics --delete --if-exists --topic coprogram-bench.baseline
  topics --create --topic coprogram-bench.baseline --partitions 3 --replication-factor 1
  local kafka
  kafka=$(kafka_java org.apache.kafka.tools.ProducerPerformance --topic coprogram-bench.baseline --num-records 300000 \
    --record-size 300 --throughput -1 --producer-props bootstrap.servers=127.0.0.1:9092 acks=all 2>/dev/null |
    grep 'records sent' | tail -n 1)
  topics --delete --if-exists --topic coprogram-bench.baseline
  printf 'baseline %-6s pgbench %s inserts/s (4 clients) | Kafka ProducerPerformance (300 B, acks=all): %s\n' \
    "$when" "${tps:-?}" "${kafka:-?}" | tee -a "$OUT"
}

echo "== event tables through Kafka: $EVENTS events, $(date -u '+%F %T UTC'), $(nproc) cores" | tee "$OUT"
echo "uptime: $(uptime)" | tee -a "$OUT"
psql "$PG/postgres" -qXc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
baseline before

# Machine load during the run, every 30 s.
(while true; do uptime >>"$OUT_DIR/uptime-$STAMP.txt"; sleep 30; done) &
LOAD_PID=$!
trap 'kill $LOAD_PID 2>/dev/null || true' EXIT

echo >>"$OUT"
export _TEST_QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://postgres@127.0.0.1:5432/$DB"
export _TEST_QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres"
set +e
mvn -q -pl meeting-service -am test -Dtest=EventTablesKafkaBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.events="$EVENTS" -Dbench.window="$WINDOW" -Dbench.out="$OUT.run" -Dbench.kafka-pid="$KAFKA_PID" \
  -Dbench.clk-tck="$(getconf CLK_TCK)" -Dbench.poll-interval="$POLL_INTERVAL" \
  -Dbench.retention-interval="$RETENTION_INTERVAL" -Dbench.outbox-horizon="$OUTBOX_HORIZON" \
  -Dbench.inbox-horizon="$INBOX_HORIZON" -Dbench.warmup="$WARMUP" -Dbench.max-minutes="$MAX_MINUTES" \
  -Dbench.vacuum-interval="$VACUUM_INTERVAL" >"$LOG" 2>&1 &
MVN_PID=$!
until [ -f "$OUT.run" ] || ! kill -0 $MVN_PID 2>/dev/null; do sleep 2; done
[ -f "$OUT.run" ] && tail --pid=$MVN_PID -n +1 -f "$OUT.run"
wait $MVN_PID
STATUS=$?
set -e
kill $LOAD_PID 2>/dev/null || true
[ -f "$OUT.run" ] && cat "$OUT.run" >>"$OUT" && rm "$OUT.run"
echo >>"$OUT"
[ $STATUS -eq 0 ] || { echo "bench failed ($STATUS): see $LOG" | tee -a "$OUT"; tail -n 40 "$LOG"; }
awk '{ for (i = 1; i <= NF; i++) if ($i == "average:") { v = $(i + 1); sub(",", "", v); s += v; n++;
       if (v > max) max = v } } END { if (n) printf "load (1-min average) during the run: mean %.1f, max %.1f (%d samples)\n", s / n, max, n }' \
  "$OUT_DIR/uptime-$STAMP.txt" | tee -a "$OUT"
baseline after
psql "$PG/postgres" -qXc "DROP DATABASE IF EXISTS $DB"
topics --delete --if-exists --topic test.coprogram-bench.events
echo "== written to $OUT"
exit $STATUS
