#!/usr/bin/env bash
# Synthesis benchmarks (issue #8), figures recorded in docs/performance.md:
#  1. full recomputation of the text analysis (Italian analysis, TF-IDF, clustering, near-duplicates) for
#     CONTRIBUTIONS contributions (default 100,000), in-process, RUNS times;
#  2. event-to-read-model lag: RATE events/s (default 500) for BENCH_SECONDS (default 60) into coprogram.proposals on
#     the real broker, consumed by the running synthesis-service; lag percentiles from its Micrometer timer.
# Starts the platform with ./coprogram up if the synthesis-service is not answering.
set -euo pipefail
cd "$(dirname "$0")/.."
CONTRIBUTIONS=${CONTRIBUTIONS:-100000}
RUNS=${RUNS:-3}
RATE=${RATE:-500}
BENCH_SECONDS=${BENCH_SECONDS:-60}
KEYCLOAK=${KEYCLOAK:-http://127.0.0.1:8180}
SYNTHESIS=${SYNTHESIS:-http://127.0.0.1:8084}
mkdir -p .coprogram/bench

echo "== building the benchmark classpath"
mvn -q -pl common install -DskipTests
mvn -q -pl synthesis-service test-compile
mvn -q -pl synthesis-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/.coprogram/bench/synthesis.cp" >/dev/null
CP="synthesis-service/target/test-classes:synthesis-service/target/classes:$(cat .coprogram/bench/synthesis.cp)"

echo "== 1. clusters: full recomputation for $CONTRIBUTIONS contributions"
java -Xmx3g -cp "$CP" org.coprogram.synthesis.analysis.ClusterBenchmark "$CONTRIBUTIONS" "$RUNS"

echo "== 2. event -> read model lag at $RATE events/s for $BENCH_SECONDS s"
curl -sf "$SYNTHESIS/q/health/ready" >/dev/null || ./coprogram up
token=$(curl -sf -d grant_type=password -d client_id=coprogram-cli -d client_secret=coprogram-demo-secret \
  -d username=regione -d password=regione "$KEYCLOAK/realms/coprogram/protocol/openid-connect/token" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
plan=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$SYNTHESIS/api/plans" -d '{
  "region":"puglia","title":"Piano per il benchmark della sintesi","periodStart":"2026-01-01","periodEnd":"2028-12-31",
  "themes":[{"code":"anziani","label":"Anziani"},{"code":"famiglie-minori","label":"Famiglie e minori"},
  {"code":"disabilita","label":"Disabilità"},{"code":"violenza-genere","label":"Violenza di genere"},
  {"code":"poverta","label":"Povertà"},{"code":"abitare","label":"Abitare"},{"code":"immigrazione","label":"Immigrazione"},
  {"code":"dipendenze","label":"Dipendenze"},{"code":"welfare-accesso","label":"Welfare d accesso"}],"leps":[]}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
before=$(curl -sf "$SYNTHESIS/q/metrics" | awk '/^coprogram_synthesis_event_lag_seconds_count/ {print $2}')
buckets_before=$(curl -sf "$SYNTHESIS/q/metrics" | grep '^coprogram_synthesis_event_lag_seconds_bucket' || true)
java -cp "$CP" org.coprogram.synthesis.analysis.EventRateBenchmark "$plan" "$RATE" "$BENCH_SECONDS"
expected=$((RATE * BENCH_SECONDS / 2))
for _ in $(seq 1 120); do
  got=$(curl -sf "$SYNTHESIS/api/plans/$plan/synthesis" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totals"]["proposals"])')
  [ "$got" -ge "$expected" ] && break
  sleep 1
done
echo "proposals in the read model: $got of $expected"
echo "lag (seconds; Micrometer percentiles over the last minute, all events of this service):"
curl -sf "$SYNTHESIS/q/metrics" | grep -E '^coprogram_synthesis_event_lag_seconds(\{|_max|_count|_sum)'
echo "lag events before this run: ${before:-0}"
echo "lag over the whole run (cumulative buckets, this run's events only):"
curl -sf "$SYNTHESIS/q/metrics" | grep '^coprogram_synthesis_event_lag_seconds_bucket' |
  python3 -c '
import re, sys
def parse(text):
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"le=\"([^\"]+)\"\} (\S+)", text)}
before = parse(sys.argv[1]); after = parse(sys.stdin.read())
total = after["+Inf"] - before.get("+Inf", 0)
for le, count in after.items():
    if le != "+Inf":
        share = (count - before.get(le, 0)) / total * 100 if total else 0
        print(f"  within {float(le):g} s: {share:.2f} %")
print(f"  events: {int(total)}")' "$buckets_before"
echo "RSS of synthesis-service (MB): $(ps -o rss= -p "$(cat .coprogram/pids/synthesis-service.pid 2>/dev/null || pgrep -f synthesis-service | head -1)" | awk '{print int($1/1024)}')"
