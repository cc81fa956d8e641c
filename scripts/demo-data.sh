#!/usr/bin/env bash
# Loads the demo consultation through the public API (gateway + Keycloak tokens), as its people would: see
# scripts/demo_data.py (deterministic, idempotent) and docs/demo.md. Options are passed on (--citizens N, --check-only).
set -euo pipefail

GATEWAY=${COPROGRAM_GATEWAY:-http://127.0.0.1:8080}
KEYCLOAK=${COPROGRAM_KEYCLOAK:-http://127.0.0.1:8180}

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
  echo "ets was not made the demo organisation's representative: it already is (a second run), or a Keycloak started" \
    "before the realm had the client coprogram-organizations (./coprogram keycloak-stop, then ./coprogram up)" >&2

exec python3 "$(dirname "${BASH_SOURCE[0]}")/demo_data.py" "$@"
