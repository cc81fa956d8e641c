#!/usr/bin/env bash
# The daily-digest benchmark (#27, docs/performance.md "Daily digest"): FOLLOWERS people (100,000) follow one plan and
# chose DAILY_DIGEST; one plan.phase-changed event gives each of them one notification; the digest job composes one
# digest per person in keyset pages and the mail sender hands every digest to a real SMTP server. Prints the time of
# each stage and notification-service's peak RSS (VmHWM), with its RSS sampled during the run.
#
#   scripts/bench-digest.sh        needs PostgreSQL and Kafka up (./coprogram infra) and notification-service built
#
# Its own database (coprogram_notification_bench, dropped first), topics (prefix notifybench.), port (BENCH_PORT,
# 24095) and a counting SMTP sink (scripts/bench/smtp_sink.py, BENCH_SMTP_PORT 24029): nothing of the demo or the
# tests is touched. Addresses are synthetic (<account>@bench.invalid), so Keycloak is not asked 100,000 times.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }
FOLLOWERS=${FOLLOWERS:-100000}
PORT=${BENCH_PORT:-24095}
SMTP=${BENCH_SMTP_PORT:-24029}
DB=coprogram_notification_bench
PREFIX=notifybench.
KAFKA_LIBS=${KAFKA_LIBS:-$ROOT/.coprogram/kafka/libs}
JAR="$ROOT/notification-service/target/quarkus-app/quarkus-run.jar"
WORK=$(mktemp -d)
[ -f "$JAR" ] || { say "build notification-service first (mvn -pl notification-service -am package -DskipTests)"; exit 1; }
psql_() { psql -h 127.0.0.1 -U postgres -d "$DB" -tAq "$@"; }
now() { date +%s.%N; }
since() { python3 -c "print(f'{$(now) - $1:.1f}')"; }

cleanup() {
  [ -n "${SERVICE:-}" ] && kill "$SERVICE" 2>/dev/null || true
  [ -n "${SINK:-}" ] && kill "$SINK" 2>/dev/null || true
  [ -n "${SAMPLER:-}" ] && kill "$SAMPLER" 2>/dev/null || true
}
trap cleanup EXIT

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
java -cp "$KAFKA_LIBS/*" "$ROOT/infra/kafka/CreateTopics.java" 127.0.0.1:9092 "$ROOT/infra/topics.txt" "$PREFIX" >/dev/null
python3 "$ROOT/scripts/bench/smtp_sink.py" "$SMTP" "$WORK/sent" & SINK=$!

say "starting notification-service on port $PORT (database $DB, SMTP sink on $SMTP)"
env QUARKUS_HTTP_PORT="$PORT" COPROGRAM_DB_REACTIVE_URL="postgresql://127.0.0.1:5432/$DB" \
  COPROGRAM_DB_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB" COPROGRAM_TOPICS_PREFIX="$PREFIX" \
  COPROGRAM_SMTP_PORT="$SMTP" NOTIFICATION_DIRECTORY_SYNTHETIC_DOMAIN=bench.invalid \
  COPROGRAM_DIGEST_CRON="0/5 * * * * ?" COPROGRAM_TRACING_ZIPKIN_ENDPOINT=http://127.0.0.1:9/api/v2/spans QUARKUS_OTEL_ENABLED=false \
  QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE=10 MALLOC_ARENA_MAX=2 java -Xms128m -Xmn64m -Xmx256m -XX:+UseSerialGC -jar "$JAR" >"$WORK/service.log" 2>&1 &
SERVICE=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { tail -30 "$WORK/service.log"; exit 1; }
( while kill -0 "$SERVICE" 2>/dev/null; do awk '/VmRSS/{print $2}' "/proc/$SERVICE/status" >>"$WORK/rss"; sleep 1; done ) &
SAMPLER=$!

PLAN=$(python3 -c 'import uuid; print(uuid.uuid4())')
say "$FOLLOWERS followers of plan $PLAN, all DAILY_DIGEST"
psql_ -c "INSERT INTO follow (account_id, target_type, target_id, reason, created_at)
            SELECT 'bench-' || lpad(i::text, 7, '0'), 'PLAN', '$PLAN', 'MANUAL', now() FROM generate_series(1, $FOLLOWERS) i;
          INSERT INTO notification_preference (account_id, mode, updated_at)
            SELECT 'bench-' || lpad(i::text, 7, '0'), 'DAILY_DIGEST', now() FROM generate_series(1, $FOLLOWERS) i;"

cat >"$WORK/event.json" <<JSON
{"planId":"$PLAN","region":"PUGLIA","title":"Piano sociale di zona (benchmark)","periodStart":"2027-01-01",
 "periodEnd":"2029-12-31","phase":"CONSULTATION","previousPhase":"DRAFT","themes":[],"leps":[]}
JSON
START=$(now)
java -cp "$KAFKA_LIBS/*" "$ROOT/scripts/bench/PublishCloudEvent.java" 127.0.0.1:9092 "${PREFIX}coprogram.plans" \
  org.coprogram.plan.phase-changed.v1 "$PLAN" "$PLAN" "$WORK/event.json"
until [ "$(psql_ -c "SELECT count(*) FROM notification WHERE delivery = 'DIGEST'")" -ge "$FOLLOWERS" ]; do sleep 0.5; done
FANOUT=$(since "$START")
say "fan-out: $FOLLOWERS notifications in ${FANOUT}s (from publishing the event)"

# The digest job runs on its cron (every 5 s here): the same code as the daily run (DigestJob), which logs its pages and
# its duration once it has queued every digest.
until grep -q "Daily digest of .*: $FOLLOWERS recipients" "$WORK/service.log"; do sleep 1; done
LINE=$(grep "Daily digest of .*: $FOLLOWERS recipients" "$WORK/service.log" | head -1)
PAGES=$(sed -E 's/.* in ([0-9]+) pages.*/\1/' <<<"$LINE")
COMPOSE=$(sed -E 's/.*pages, ([0-9.]+) s.*/\1/' <<<"$LINE")
say "digest job: $PAGES pages of 500 in ${COMPOSE}s"
START=$(now)
sent() { local n; n=$(cat "$WORK/sent" 2>/dev/null || true); echo "${n:-0}"; }
until [ "$(sent)" -ge "$FOLLOWERS" ]; do
  sleep 2
  kill -0 "$SERVICE" || { tail -30 "$WORK/service.log"; exit 1; }
done
SEND=$(since "$START")
HWM=$(awk '/VmHWM/{print $2}' "/proc/$SERVICE/status")
RSS_MAX=$(sort -n "$WORK/rss" | tail -1)
PENDING=$(psql_ -c "SELECT count(*) FROM mail_outbox WHERE status <> 'SENT'")
cat <<OUT
digest benchmark: $FOLLOWERS followers of one plan, one event each
  fan-out (event -> $FOLLOWERS notifications):  ${FANOUT} s
  digest job ($PAGES keyset pages of 500):       ${COMPOSE} s
  compose + hand to SMTP ($FOLLOWERS digests):  ${SEND} s   ($(python3 -c "print(round($FOLLOWERS / $SEND))") messages/s)
  notification-service peak RSS (VmHWM):        $((HWM / 1024)) MB  (largest 1 s sample $((RSS_MAX / 1024)) MB; heap -Xmx256m)
  rows not sent:                                $PENDING
OUT
