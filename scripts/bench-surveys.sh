#!/usr/bin/env bash
# Benchmark of questionnaire responses (issue: at least 800 responses/s, p99 under 100 ms, whole platform running).
#
#   scripts/bench-surveys.sh      start the platform if needed, create bench users and surveys, measure, print figures
#
# Creates USERS bench accounts in Keycloak and fetches a real token for each, creates and publishes enough surveys on
# the demo Puglia plan that nobody answers one twice, then submits responses through the gateway at a constant
# arrival rate (SurveyResponseSimulation), each with its own token and Idempotency-Key. All requests come from one
# address, so the platform must run with the gateway's per-address limit raised: this script starts it so.
# Before the measured BENCH_SECONDS, arrivals ramp up to RATE for WARMUP_SECONDS, reported on their own line: the JIT
# of a JVM that just started (Gatling's own, or a service's) is not what a consultation peak meets.
# Environment: RATE (800), BENCH_SECONDS (60), WARMUP_SECONDS (30), USERS (1000).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RATE=${RATE:-800}
DURATION=${BENCH_SECONDS:-60}
WARMUP=${WARMUP_SECONDS:-30}
USERS=${USERS:-1000}
GATEWAY=http://127.0.0.1:8080
KEYCLOAK=http://127.0.0.1:8180
WORK="$ROOT/.coprogram/bench"
say() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }

if (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; then
  [ "${BENCH_REUSE:-}" = 1 ] || { say "the gateway already runs: stop it (./coprogram down) so this script can start it with the per-address limit raised, or set BENCH_REUSE=1 if you started it with COPROGRAM_RATE_IP raised"; exit 1; }
else
  COPROGRAM_RATE_IP=1000000 COPROGRAM_RATE_ACCOUNT=1000 "$ROOT/coprogram" up
fi
mkdir -p "$WORK"

# Tokens live 15 minutes: a file younger than 10 with enough of them is used again.
if [ -n "$(find "$WORK/tokens.txt" -mmin -10 2>/dev/null)" ] && [ "$(wc -l < "$WORK/tokens.txt")" -ge "$USERS" ]; then
  say "reusing the bench tokens fetched less than 10 minutes ago"
else
  say "creating $USERS bench users and fetching their tokens"
  python3 "$ROOT/scripts/bench/bench_users.py" "$USERS" > "$WORK/tokens.txt.new"
  mv "$WORK/tokens.txt.new" "$WORK/tokens.txt"
fi

staff=$(curl -sf -d grant_type=password -d client_id=coprogram-cli -d client_secret=coprogram-demo-secret \
  -d username=regione -d password=regione "$KEYCLOAK/realms/coprogram/protocol/openid-connect/token" | json "d['access_token']")
plan=$(curl -sf "$GATEWAY/api/plans" | json "next(p['id'] for p in d['items'] if p['region']=='puglia')")
needed=$(( (RATE * (DURATION + WARMUP) + USERS - 1) / USERS + 1 ))
say "creating and publishing $needed surveys on plan $plan"
surveys=""
for _ in $(seq "$needed"); do
  id=$(curl -sf -H "Authorization: Bearer $staff" -H 'Content-Type: application/json' \
    "$GATEWAY/api/plans/$plan/surveys" -d '{"title":"Questionario di carico","description":"","anonymous":false,
    "questions":[{"id":"servizio","type":"SINGLE_CHOICE","label":"Servizio più usato","required":true,
      "options":[{"id":"sad","label":"Assistenza domiciliare"},{"id":"cd","label":"Centro diurno"},{"id":"nessuno","label":"Nessuno"}]},
     {"id":"voto","type":"SCALE","label":"Soddisfazione","min":1,"max":5},
     {"id":"priorita","type":"RANKING","label":"Priorità","options":[{"id":"a","label":"Povertà"},{"id":"b","label":"Anziani"},{"id":"c","label":"Disabilità"}]},
     {"id":"nota","type":"SHORT_TEXT","label":"Una proposta"}]}' | json "d['id']")
  curl -sf -o /dev/null -X POST -H "Authorization: Bearer $staff" "$GATEWAY/api/surveys/$id/publish"
  surveys="${surveys:+$surveys,}$id"
done

say "submitting responses through the gateway: ${WARMUP}s ramping up to $RATE/s, then $RATE/s for ${DURATION}s"
(cd "$ROOT/scripts/bench" && mvn -B -ntp -q gatling:test -Dgatling.simulationClass=org.coprogram.bench.SurveyResponseSimulation \
  -Drate="$RATE" -Dseconds="$DURATION" -DwarmupSeconds="$WARMUP" -DtokensFile="$WORK/tokens.txt" -Dsurveys="$surveys") || say "Gatling reports failed requests (see the figures)"

report=$(ls -td "$ROOT"/scripts/bench/target/gatling/surveyresponsesimulation-* | head -1)
python3 "$ROOT/scripts/bench/gatling_stats.py" "$report" \
  "Survey responses through the gateway: offered $RATE responses/s for ${DURATION}s by $USERS accounts"
if command -v psql >/dev/null; then
  stored=$(psql -qtA -h 127.0.0.1 -U postgres coprogram_survey -c \
    "SELECT count(*) FROM response WHERE survey_id IN ('${surveys//,/\',\'}')")
  events=$(psql -qtA -h 127.0.0.1 -U postgres coprogram_survey -c \
    "SELECT count(*) || ' recorded, ' || count(published_at) || ' relayed to Kafka' FROM outbox_event
     WHERE subject IN ('${surveys//,/\',\'}') AND type LIKE '%response-submitted%'")
  say "stored responses: $stored; their events: $events"
fi
