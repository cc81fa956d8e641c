#!/usr/bin/env bash
# Loads the demo data through the public API (gateway + Keycloak tokens), as a region's staff would. Idempotent:
# plans are found by title before being created, demo proposals are added only to a plan that has none.
set -euo pipefail

GATEWAY=${COPROGRAM_GATEWAY:-http://127.0.0.1:8080}
KEYCLOAK=${COPROGRAM_KEYCLOAK:-http://127.0.0.1:8180}
PUGLIA_TITLE="VI Piano Regionale delle Politiche Sociali 2026-2028"
ABRUZZO_TITLE="Piano Sociale Regionale 2022-2024"

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }

token() {
  curl -sf -d grant_type=password -d client_id=coprogram-cli -d client_secret=coprogram-demo-secret \
    -d "username=$1" -d "password=$1" "$KEYCLOAK/realms/coprogram/protocol/openid-connect/token" | json "d['access_token']"
}

api() { # METHOD PATH USER [BODY]
  local method=$1 path=$2 user=$3 body=${4:-}
  curl -sS -f -X "$method" -H "Authorization: Bearer $(token "$user")" -H 'Content-Type: application/json' \
    ${body:+--data-binary "$body"} "$GATEWAY$path"
}

find_plan() { # REGION TITLE -> id or empty
  curl -sf "$GATEWAY/api/plans?region=$1&size=100" |
    python3 -c "import json,sys; print(next((p['id'] for p in json.load(sys.stdin)['items'] if p['title']==sys.argv[1]), ''))" "$2"
}

ensure_plan() { # REGION USER TITLE START END PHASES...
  local region=$1 user=$2 title=$3 start=$4 end=$5; shift 5
  local id; id=$(find_plan "$region" "$title")
  if [ -z "$id" ]; then
    id=$(api POST /api/plans "$user" "$(python3 - "$region" "$title" "$start" "$end" <<'PY'
import json, sys
region, title, start, end = sys.argv[1:5]
themes = [("poverta", "Povertà e inclusione sociale"), ("famiglie-minori", "Famiglie e minori"),
          ("disabilita", "Disabilità"), ("anziani", "Anziani e non autosufficienza"),
          ("violenza-genere", "Contrasto alla violenza di genere"), ("immigrazione", "Immigrazione"),
          ("dipendenze", "Dipendenze"), ("abitare", "Politiche abitative"), ("welfare-accesso", "Welfare d'accesso")]
leps = ["pronto-intervento-sociale", "supervisione-personale", "dimissioni-protette", "pippi",
        "residenza-fittizia", "dopo-di-noi-vita-indipendente"]
print(json.dumps({"region": region, "title": title, "periodStart": start, "periodEnd": end,
                  "themes": [{"code": c, "label": l} for c, l in themes], "leps": leps}))
PY
)" | json "d['id']")
    local phase
    for phase in "$@"; do api POST "/api/plans/$id/phase" "$user" "{\"phase\":\"$phase\"}" >/dev/null; done
    echo "created plan '$title' ($id)" >&2
  fi
  echo "$id"
}

puglia=$(find_plan puglia "$PUGLIA_TITLE")
if [ -z "$puglia" ]; then
  # The restricted first phase: two districts file their Relazione Sociale, the region publishes them.
  puglia=$(ensure_plan puglia regione "$PUGLIA_TITLE" 2026-01-01 2028-12-31 SOCIAL_REPORT)
  report() { # USER DISTRICT TEXT
    api PUT "/api/plans/$puglia/social-reports/$2" "$1" "$(python3 -c 'import json,sys; t=sys.argv[1]; print(json.dumps({
      "resultsAchieved": [{"theme": "anziani", "text": "Assistenza domiciliare integrata estesa a tutti i quartieri: " + t}],
      "effectivePractices": [{"theme": "poverta", "title": "Emporio solidale di comunità",
        "description": "Beni di prima necessità con tessera a punti, in rete con le parrocchie e le associazioni.",
        "transferability": "HIGH", "transferabilityNotes": "Serve una rete di volontariato già attiva."}],
      "criticalIssues": [{"text": "Assistenti sociali sotto il LEPS di uno ogni 5.000 abitanti."}],
      "unmetNeeds": [{"theme": "disabilita", "text": "Progetti di vita indipendente per giovani adulti con disabilità."}],
      "attachments": []}))' "$3")" >/dev/null
    api POST "/api/plans/$puglia/social-reports/$2/submit" "$1" >/dev/null
  }
  report ambito BA-BARI "oltre 1.200 persone raggiunte (dato dimostrativo)."
  report ambito-foggia FG-FOGGIA "800 persone raggiunte (dato dimostrativo)."
  api POST "/api/plans/$puglia/social-reports/publish" regione >/dev/null
  api POST "/api/plans/$puglia/phase" regione '{"phase":"CONSULTATION"}' >/dev/null
  echo "filed and published the demo social reports of BA-BARI and FG-FOGGIA" >&2
fi
abruzzo=$(ensure_plan abruzzo regione-abruzzo "$ABRUZZO_TITLE" 2022-01-01 2024-12-31 CONSULTATION)

# proposal-service learns plans from Kafka: wait until it knows the Puglia plan.
for _ in $(seq 1 60); do
  curl -sf "$GATEWAY/api/plans/$puglia/proposals" >/dev/null && break
  sleep 1
done
# The demo organisation (docs/identity.md, "Verified organisations"): registered and verified by the region, with ets
# as its representative, which sets ets' organization claim in Keycloak. Found by name before being registered.
DEMO_ORGANISATION="Cooperativa sociale dimostrativa (demo)"
organisation=$(curl -sf -H "Authorization: Bearer $(token regione)" "$GATEWAY/api/regions/puglia/organizations?size=100" |
  python3 -c "import json,sys; print(next((o['id'] for o in json.load(sys.stdin)['items'] if o['name']==sys.argv[1]), ''))" \
    "$DEMO_ORGANISATION")
if [ -z "$organisation" ]; then
  organisation=$(api POST /api/regions/puglia/organizations regione \
    "{\"name\":\"$DEMO_ORGANISATION\",\"kind\":\"THIRD_SECTOR\",\"runtsNumber\":\"100001\"}" | json "d['id']")
  echo "registered the demo organisation $organisation" >&2
fi
api POST "/api/organizations/$organisation/verification" regione >/dev/null
api POST "/api/organizations/$organisation/representatives" regione '{"username":"ets"}' >/dev/null ||
  echo "could not make ets the demo organisation's representative: a Keycloak started before the realm had the client" \
    "coprogram-organizations keeps the old realm (./coprogram keycloak-stop, then ./coprogram up)" >&2

count=$(curl -sf "$GATEWAY/api/plans/$puglia/proposals" | json "d['total']")
if [ "$count" = 0 ]; then
  submit() { # USER KIND THEME ISTAT TITLE BODY
    python3 -c 'import json,sys; k,t,m,ti,b=sys.argv[1:6]; print(json.dumps({"kind":k,"theme":t,"municipality":m,"title":ti,"body":b}))' \
      "$2" "$3" "$4" "$5" "$6" | { read -r body; api POST "/api/plans/$puglia/proposals" "$1" "$body" >/dev/null; }
  }
  submit cittadino PROPOSAL anziani 072006 "Assistenza domiciliare per anziani soli" \
    "Rafforzare l'assistenza domiciliare integrata per le persone anziane che vivono sole nei quartieri periferici di Bari."
  submit ets IDEA poverta 075035 "Emporio solidale di comunità a Lecce" \
    "Un emporio solidale gestito con il Terzo Settore per le famiglie in povertà, collegato ai servizi sociali dell'ambito."
  submit ambito REPORT welfare-accesso 072006 "Tempi di attesa allo sportello di segretariato sociale" \
    "Segnaliamo tempi di attesa elevati allo sportello di segretariato sociale: servono più operatori nelle ore serali."
  echo "added 3 demo proposals to the Puglia plan" >&2
fi

# meeting-service learns plans from Kafka too.
for _ in $(seq 1 60); do
  curl -sf "$GATEWAY/api/plans/$puglia/meetings" >/dev/null && break
  sleep 1
done
if [ "$(curl -sf "$GATEWAY/api/plans/$puglia/meetings" | json "d['total']")" = 0 ]; then
  api POST "/api/plans/$puglia/meetings" regione '{"type":"PLENARY","title":"Apertura della consultazione: incontro plenario",
    "description":"Presentazione del percorso di co-programmazione del VI Piano e raccolta dei primi contributi.",
    "themes":["poverta","anziani","disabilita"],"municipality":"072006","address":"Fiera del Levante, Lungomare Starita 4",
    "onlineUrl":"https://example.org/diretta-plenaria","accessibilityNotes":"Sala accessibile, interpretariato LIS su richiesta.",
    "startsAt":"2027-02-15T10:00:00+01:00","endsAt":"2027-02-15T13:00:00+01:00","capacity":300}' >/dev/null
  echo "scheduled the demo plenary meeting" >&2
fi

# survey-service learns plans from Kafka too.
for _ in $(seq 1 60); do
  curl -sf "$GATEWAY/api/plans/$puglia/surveys" >/dev/null && break
  sleep 1
done
if [ "$(curl -sf "$GATEWAY/api/plans/$puglia/surveys" | json "d['total']")" = 0 ]; then
  survey=$(api POST "/api/plans/$puglia/surveys" regione '{"title":"Questionario sul VI Piano Regionale delle Politiche Sociali",
    "description":"Dieci minuti per dirci quali servizi usi, cosa funziona e dove intervenire prima. Le risposte sono anonime.",
    "anonymous":true,"questions":[
     {"id":"servizi","type":"MULTIPLE_CHOICE","label":"Quali servizi sociali hai usato negli ultimi due anni?","maxSelections":3,
      "options":[{"id":"segretariato","label":"Segretariato sociale / PUA"},{"id":"domiciliare","label":"Assistenza domiciliare"},
                 {"id":"centri","label":"Centri diurni"},{"id":"nessuno","label":"Nessuno"}]},
     {"id":"soddisfazione","type":"SCALE","label":"Quanto sei soddisfatto dell’assistenza domiciliare?","min":1,"max":5,
      "showIf":{"question":"servizi","equals":"domiciliare"}},
     {"id":"priorita","type":"RANKING","label":"Ordina le aree per priorità","required":true,
      "options":[{"id":"poverta","label":"Povertà e inclusione"},{"id":"anziani","label":"Anziani e non autosufficienza"},
                 {"id":"disabilita","label":"Disabilità"},{"id":"famiglie","label":"Famiglie e minori"}]},
     {"id":"comune","type":"MUNICIPALITY","label":"In quale comune vivi?","required":true},
     {"id":"proposta","type":"LONG_TEXT","label":"Una proposta per il tuo territorio","max":2000}]}' | json "d['id']")
  api POST "/api/surveys/$survey/publish" regione >/dev/null
  # Anonymous responses are published in shuffled batches of at least five (survey.mix.min-batch, docs/privacy.md):
  # five demo people answer, and the results show within one mixing interval (30 s).
  api POST "/api/surveys/$survey/responses" cittadino '{"answers":{"servizi":["domiciliare"],"soddisfazione":3,
    "priorita":["anziani","disabilita","poverta","famiglie"],"comune":"072006",
    "proposta":"Più ore di assistenza domiciliare il fine settimana."}}' >/dev/null
  api POST "/api/surveys/$survey/responses" ets '{"answers":{"servizi":["segretariato","centri"],
    "priorita":["poverta","famiglie","anziani","disabilita"],"comune":"072006"}}' >/dev/null
  api POST "/api/surveys/$survey/responses" ambito '{"answers":{"servizi":["domiciliare","segretariato"],"soddisfazione":4,
    "priorita":["anziani","poverta","disabilita","famiglie"],"comune":"072006"}}' >/dev/null
  api POST "/api/surveys/$survey/responses" ambito-foggia '{"answers":{"servizi":["nessuno"],
    "priorita":["famiglie","poverta","anziani","disabilita"],"comune":"071024"}}' >/dev/null
  api POST "/api/surveys/$survey/responses" moderatore '{"answers":{"servizi":["centri"],
    "priorita":["disabilita","anziani","famiglie","poverta"],"comune":"071024"}}' >/dev/null
  echo "published the demo questionnaire (anonymous) with five responses; its results show once they are mixed" >&2
fi

echo "Puglia plan:  $GATEWAY/api/plans/$puglia"
echo "Abruzzo plan: $GATEWAY/api/plans/$abruzzo"
