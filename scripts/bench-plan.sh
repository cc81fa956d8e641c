#!/usr/bin/env bash
# The plan pages benchmark (issue #26, docs/performance.md "Plan pages"): a plan with 300 published measures and
# 50,000 proposals linked to them; a measure's page and a proposal's fate page, p99 <= 50 ms at 200 requests/s through
# the gateway. Seeds the plan (scripts/bench/plan_pages.py says how), measures the same-run baselines, then three
# Gatling runs (PlanPagesSimulation: warm-up, baseline, the pages), and prints p50/p95/p99/max per endpoint and run.
#
#   scripts/bench-plan.sh        needs PostgreSQL, Kafka and Keycloak up (./coprogram infra)
#
# It runs on a test platform of its own (./coprogram test-platform), started fresh: ports BENCH_PORT..+5 (25080),
# realm coprogram-$BENCH_NAME, topics $BENCH_NAME., databases coprogram_<service>_$BENCH_NAME (dropped first, so every
# run starts empty), with the gateway's per-address limit raised (every request comes from one address). It stops
# the platform at the end (BENCH_KEEP=1 leaves it up; PLAN=<id> BENCH_REUSE=1 measures again an already seeded plan on
# it). Builds the service jars with `mvn package` (never install) if they are missing. Sizes and rates: see
# scripts/bench/plan_pages.py (MEASURES, PROPOSALS, RATE, BENCH_SECONDS, RUNS, ...).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }
NAME=${BENCH_NAME:-planbench}
PORT=${BENCH_PORT:-25080}
[[ "$NAME" =~ ^[a-z0-9]+$ ]] || { say "BENCH_NAME must be lower-case letters and digits"; exit 1; }
case "$NAME" in e2e | test | drill) say "BENCH_NAME $NAME is another platform's"; exit 1 ;; esac
export COPROGRAM_TEST_PORT=$PORT COPROGRAM_TEST_REALM=coprogram-$NAME COPROGRAM_TEST_TOPICS_PREFIX=$NAME.
export COPROGRAM_TEST_DB_SUFFIX=_$NAME COPROGRAM_START_TIMEOUT=${COPROGRAM_START_TIMEOUT:-600}
export COPROGRAM_RATE_IP=1000000 COPROGRAM_RATE_ACCOUNT=100000
# Flyway's first connection at start-up: on a machine loaded by other builds Agroal's default wait (5 s) ran out and a
# service did not start. The requests measured use the reactive pool, which this does not touch.
export QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT=${QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT:-120S}
export COPROGRAM_GATEWAY=http://127.0.0.1:$PORT BENCH_SYNTHESIS=http://127.0.0.1:$((PORT + 4)) BENCH_REALM=coprogram-$NAME BENCH_TOPICS_PREFIX=$NAME.
export BENCH_DB_SUFFIX=_$NAME
command -v pgbench >/dev/null || { say "pgbench is needed (Debian: postgresql-contrib or the server package)"; exit 1; }

modules="gateway proposal-service survey-service meeting-service synthesis-service notification-service"
missing=0
for m in $modules; do [ -f "$ROOT/$m/target/quarkus-app/quarkus-run.jar" ] || missing=1; done
if [ "$missing" = 1 ]; then
  say "building the services (mvn package, without the portal: the benchmark reads the API only)"
  (cd "$ROOT" && mvn -B -ntp -q package -DskipTests -DskipPortal=true -pl "${modules// /,}" -am)
fi

if [ "${BENCH_REUSE:-}" = 1 ]; then
  curl -sf "$COPROGRAM_GATEWAY/q/health/ready" >/dev/null || { say "no platform answers on $COPROGRAM_GATEWAY"; exit 1; }
else
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    say "port $PORT is taken: stop that platform (same environment, ./coprogram test-platform down) or set BENCH_REUSE=1"
    exit 1
  fi
  for service in proposal survey meeting synthesis notification; do
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS coprogram_${service}_$NAME WITH (FORCE)"
  done
  [ "${BENCH_KEEP:-}" = 1 ] || trap '"$ROOT/coprogram" test-platform down' EXIT
  say "starting a fresh test platform on $PORT (databases *_$NAME, topics $NAME., realm coprogram-$NAME)"
  "$ROOT/coprogram" test-platform up
fi
python3 "$ROOT/scripts/bench/plan_pages.py"
