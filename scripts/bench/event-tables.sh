#!/usr/bin/env bash
# Do the outbox relay's and the inbox's per-event costs stay flat over millions of events with retention on?
# (issue #31; figures in docs/performance.md, "Event tables at volume".)
#
# In a scratch database made from the real migrations (V0_1, V0_3), DAYS simulated days of EVENTS events each are
# written to outbox_event, relayed with OutboxRelay's statements and consumed with EventInbox's (one processed_event
# insert per event), once with EventRetention's deletes after every day (outbox horizon OUTBOX_DAYS, inbox horizon
# INBOX_DAYS, in simulated days) and once without. Prints, per day, the cost per event of each step (µs), the
# retention round (ms) and the tables' rows and size. Kafka is left out on purpose: the broker's cost per record does
# not depend on these tables; what grew was the database's work.
#   DAYS=30 EVENTS=100000 scripts/bench/event-tables.sh       (2 × 3 million events; about 10 minutes here)
set -euo pipefail
cd "$(dirname "$0")/../.."
DAYS=${DAYS:-30}
EVENTS=${EVENTS:-100000}
BATCH=${BATCH:-500}
OUTBOX_DAYS=${OUTBOX_DAYS:-2}
INBOX_DAYS=${INBOX_DAYS:-5}
PG=${PG:-postgresql://postgres@127.0.0.1:5432}
DB=${BENCH_DB:-coprogram_bench_event_tables}

run_mode() {
  local mode=$1 retention=$2
  psql "$PG/postgres" -qXc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  psql "$PG/$DB" -qX -v ON_ERROR_STOP=1 -f common/src/main/resources/db/common/V0_1__outbox_inbox_audit.sql \
    -f common/src/main/resources/db/common/V0_3__event_retention_parking.sql -f scripts/bench/event-tables.sql
  for day in $(seq 1 "$DAYS"); do
    psql "$PG/$DB" -qX -v ON_ERROR_STOP=1 \
      -c "CALL bench_day('$mode', $day, $EVENTS, $BATCH, $retention, $OUTBOX_DAYS, $INBOX_DAYS)"
    # What autovacuum does in a service, done here at once so that each day starts from the same state in both modes.
    psql "$PG/$DB" -qX -c "VACUUM ANALYZE outbox_event" -c "VACUUM ANALYZE processed_event"
    psql "$PG/$DB" -qXAt -F ' ' -c "SELECT mode, day, outbox_us, relay_us, inbox_us, retention_ms, outbox_rows,
      processed_rows, outbox_mb, processed_mb FROM bench_window WHERE day = $day" |
      awk '{printf "%-9s day %3d  outbox %6s µs  relay %6s µs  inbox %6s µs  retention %6s ms  rows %9s / %9s  MB %7s / %7s\n", $1,$2,$3,$4,$5,$6,$7,$8,$9,$10}'
  done
  psql "$PG/$DB" -qXc "\copy bench_window TO '.coprogram/bench/event-tables-$mode.csv' CSV HEADER"
}

mkdir -p .coprogram/bench
echo "== $DAYS days × $EVENTS events, retention on (outbox $OUTBOX_DAYS days, inbox $INBOX_DAYS days)"
run_mode retention true
echo "== the same without retention"
run_mode none false
psql "$PG/postgres" -qXc "DROP DATABASE IF EXISTS $DB"
