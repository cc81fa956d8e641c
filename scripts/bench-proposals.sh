#!/usr/bin/env bash
# Benchmark of the public proposal pages (issue: p99 under 50 ms for a filtered, sorted page at 200 requests/s).
#
#   scripts/bench-proposals.sh            start the platform if needed, load 20,000 proposals, measure, print figures
#
# Loads proposals into the demo Puglia plan straight to proposal-service (Gatling, ProposalLoadSimulation), then
# measures list / search / facet requests through the gateway at a constant arrival rate (ProposalBrowseSimulation).
# The gateway limits anonymous reads per client address (200/s by default), and every request here comes from one
# address, so the platform must run with that limit raised: this script starts it so, and refuses to reuse a
# platform it did not start. Environment: RATE (200), BENCH_SECONDS (60 per request type), COUNT (20000).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RATE=${RATE:-200}
SECONDS_PER_TYPE=${BENCH_SECONDS:-60}
COUNT=${COUNT:-20000}
GATEWAY=http://127.0.0.1:8080
KEYCLOAK=http://127.0.0.1:8180
say() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }

if (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; then
  [ "${BENCH_REUSE:-}" = 1 ] || { say "the gateway already runs: stop it (./coprogram down) so this script can start it with the per-address limit raised, or set BENCH_REUSE=1 if you started it with COPROGRAM_RATE_IP raised"; exit 1; }
else
  COPROGRAM_RATE_IP=1000000 "$ROOT/coprogram" up
fi

token=$(curl -sf -d grant_type=password -d client_id=coprogram-cli -d client_secret=coprogram-demo-secret \
  -d username=cittadino -d password=cittadino "$KEYCLOAK/realms/coprogram/protocol/openid-connect/token" | json "d['access_token']")
plan=$(curl -sf "$GATEWAY/api/plans" | json "next(p['id'] for p in d['items'] if p['region']=='puglia')")
themes=$(curl -sf "$GATEWAY/api/plans/$plan" | json "','.join(t['code'] for t in d['themes'])")
existing=$(curl -sf "$GATEWAY/api/plans/$plan/proposals?size=1" | json "d['total']")
gatling() { (cd "$ROOT/scripts/bench" && mvn -B -ntp -q gatling:test "$@"); }

if [ "$existing" -lt "$COUNT" ]; then
  missing=$((COUNT - existing))
  say "loading $missing proposals into plan $plan (already $existing)"
  gatling -Dgatling.simulationClass=org.coprogram.bench.ProposalLoadSimulation -DplanId="$plan" -Dtoken="$token" \
    -Dthemes="$themes" -Dcount="$missing" -Dseconds=$((missing / 150 + 1)) \
    -DistatFile="$ROOT/data/territory/istat-comuni-puglia-abruzzo.csv"
  # As after any bulk load: fresh planner statistics (autovacuum lags behind 20,000 inserts on two cores).
  if command -v psql >/dev/null; then psql -q -h 127.0.0.1 -U postgres coprogram_proposal -c 'VACUUM ANALYZE proposal'; fi
fi
total=$(curl -sf "$GATEWAY/api/plans/$plan/proposals?size=1" | json "d['total']")
say "plan $plan holds $total listed proposals; measuring at $RATE requests/s, ${SECONDS_PER_TYPE}s per request type"

gatling -Dgatling.simulationClass=org.coprogram.bench.ProposalBrowseSimulation -DplanId="$plan" -Dthemes="$themes" \
  -Drate="$RATE" -Dseconds="$SECONDS_PER_TYPE"

report=$(ls -td "$ROOT"/scripts/bench/target/gatling/proposalbrowsesimulation-* | head -1)
python3 "$ROOT/scripts/bench/gatling_stats.py" "$report" \
  "Proposal pages through the gateway: $total proposals, offered $RATE requests/s per request type"
