#!/usr/bin/env bash
# The service path of one new contribution at scale (issue #30), figures in docs/synthesis.md: starts this checkout's
# synthesis-service on its own port, database and topic prefix (defaults below; Kafka, PostgreSQL and Keycloak must be
# up), fills one plan with N synthetic proposals (default 100,000) through the broker, asks for its clusters once (the
# full computation), then M times (default 100) publishes one new proposal and asks for the clusters until they hold
# it (IncrementalServiceBenchmark). Prints, for the M new contributions: the time from publication to the clusters
# that hold it as a client sees it (p50/p95/max), the server's incremental analysis per request (change log read,
# placement, clusters recounted: from its DEBUG log), and the service's CPU time per new contribution. Real corpora
# as for scripts/bench-clusters.sh ($CORPORA, default .coprogram/corpora).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-24084}
N=${N:-100000}
M=${M:-100}
PREFIX=${PREFIX:-inb.}
DB=${DB:-coprogram_synthesis_bench_incremental}
KEYCLOAK=${KEYCLOAK:-http://127.0.0.1:8180}
BOOTSTRAP=${BOOTSTRAP:-127.0.0.1:9092}
export CORPORA=${CORPORA:-$PWD/.coprogram/corpora}
out=.coprogram/bench
mkdir -p "$out"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "== building synthesis-service and the benchmark classpath"
  mvn -B -ntp -q -pl synthesis-service -am package -DskipTests
  mvn -B -ntp -q -pl synthesis-service -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/$out/synthesis.cp" >/dev/null
fi
CP="synthesis-service/target/test-classes:synthesis-service/target/classes:$(cat "$out/synthesis.cp")"
psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 ||
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB"
java -cp "${COPROGRAM_STATE:-$PWD/.coprogram}/kafka/libs/*" infra/kafka/CreateTopics.java "$BOOTSTRAP" infra/topics.txt "$PREFIX" >/dev/null

log="$out/incremental-service.log"
echo "== starting synthesis-service on $PORT (database $DB, topics $PREFIX*)"
java -Xmx3g -Dquarkus.http.port="$PORT" \
  -Dquarkus.datasource.reactive.url="postgresql://127.0.0.1:5432/$DB" \
  -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/$DB" \
  -Dcoprogram.topics.prefix="$PREFIX" \
  -Dquarkus.log.category.\"org.coprogram.synthesis.analysis\".level=DEBUG \
  -jar synthesis-service/target/quarkus-app/quarkus-run.jar >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && break
  kill -0 $pid || { tail -30 "$log"; exit 1; }
  sleep 1
done
base="http://127.0.0.1:$PORT"
if [ -z "${PLAN:-}" ]; then
  token=$(curl -sf -d grant_type=password -d client_id=coprogram-cli -d client_secret=coprogram-demo-secret \
    -d username=regione -d password=regione "$KEYCLOAK/realms/coprogram/protocol/openid-connect/token" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  PLAN=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$base/api/plans" -d '{
    "region":"puglia","title":"Piano per il benchmark incrementale","periodStart":"2026-01-01",
    "periodEnd":"2028-12-31","themes":[{"code":"anziani","label":"Anziani"}],"leps":[]}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
fi
echo "plan $PLAN (PLAN=$PLAN SKIP_BUILD=1 $0 reuses it)"
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
ticks=$(getconf CLK_TCK)
counted=$(psql -h 127.0.0.1 -U postgres -d "$DB" -tAc "SELECT count(*) FROM contribution WHERE plan_id = '$PLAN'")
if [ "$counted" -lt "$N" ] && [ "${LOAD_BY_EVENTS:-}" != 1 ]; then
  # The broker carries a few hundred submissions a second here under load: the N rows are copied into the read model
  # as the projector writes them (the change log's trigger sees them too); the new contributions measured below do
  # go through the broker. LOAD_BY_EVENTS=1 publishes all N instead.
  echo "== copying $N proposals into the read model"
  java -Xmx1g -cp "$CP" org.coprogram.synthesis.analysis.IncrementalServiceBenchmark csv "$out/incremental.csv" \
    "$PLAN" "$N"
  psql -h 127.0.0.1 -U postgres -d "$DB" -v ON_ERROR_STOP=1 -q \
    -c "\\copy contribution (id, plan_id, source, kind, theme, municipality, province, body, status, created_at) FROM '$out/incremental.csv' CSV" \
    -c "INSERT INTO read_model_version (plan_id, version, updated_at) VALUES ('$PLAN', 1, now())
        ON CONFLICT (plan_id) DO UPDATE SET version = read_model_version.version + 1, updated_at = now()"
fi
echo "== load and full computation ($(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg))"
java -Xmx1g -cp "$CP" org.coprogram.synthesis.analysis.IncrementalServiceBenchmark "$base" "$PLAN" "$N" 0 \
  "$BOOTSTRAP" "$PREFIX"
grep 'Full analysis' "$log" | tail -3 || true
echo "== $M new contributions, one at a time ($(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg))"
lines=$(wc -l <"$log")
before=$(cpu)
java -Xmx1g -cp "$CP" org.coprogram.synthesis.analysis.IncrementalServiceBenchmark "$base" "$PLAN" "$N" "$M" \
  "$BOOTSTRAP" "$PREFIX" | tail -1
after=$(cpu)
echo "after: $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "service CPU during the $M new contributions: $(python3 -c "print(f'{($after - $before) / $ticks:.2f} s, {($after - $before) / $ticks / $M * 1000:.1f} ms per contribution')")"
tail -n +"$((lines + 1))" "$log" | python3 -c '
import re, sys
placed, cpu, total, full = [], [], [], 0
for line in sys.stdin:
    m = re.search(r"placed in ([\d.]+) ms \(thread CPU ([\d.]+) ms\)", line)
    if m: placed.append(float(m.group(1))); cpu.append(float(m.group(2)))
    m = re.search(r"([\d.]+) ms from the request", line)
    if m: total.append(float(m.group(1)))
    if "Full analysis" in line: full += 1
def q(v, p):
    v = sorted(v); return v[min(len(v) - 1, max(0, -(-int(p * len(v) * 1000) // 1000) - 1))] if v else float("nan")
for name, v in (("incremental analysis per request (change log read included)", total),
                ("  of which placement and recount", placed), ("  its thread CPU", cpu)):
    print(f"{name}: n={len(v)} p50 {q(v, .5):.2f} ms, p95 {q(v, .95):.2f} ms, max {max(v) if v else 0:.2f} ms")
print(f"full computations meanwhile: {full}")'
