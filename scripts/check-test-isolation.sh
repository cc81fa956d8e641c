#!/usr/bin/env bash
# Proves the rule "the test command never changes what ./coprogram up shows" (docs/architecture.md, "Tests never change
# the demo"): a snapshot of what the demo shows, before and after a test run, must be the same.
#
#   scripts/check-test-isolation.sh run COMMAND [ARGS...]   snapshot, run COMMAND, snapshot again, compare
#   scripts/check-test-isolation.sh snapshot FILE           write what the demo shows now to FILE
#   scripts/check-test-isolation.sh compare FILE            compare what the demo shows now with FILE
#
# What the demo shows: the end offset of every partition of the demo's topics (infra/topics.txt, without a prefix),
# the users and clients of Keycloak realm coprogram, and the row count of every table of the demo's databases
# (coprogram_<service>). Also printed, not compared: how far the tests' own topics (test., e2e.) and realm
# (coprogram-test) moved, which shows that the run did write somewhere. A difference on a demo topic lists the new
# records' CloudEvents headers, so that a write by something else running on the machine can be told apart.
# Needs the infrastructure up, psql, python3 and Kafka's libraries (KAFKA_LIBS, by default those ./coprogram fetched).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${COPROGRAM_STATE:-$ROOT/.coprogram}"
KAFKA_LIBS="${KAFKA_LIBS:-$STATE/kafka/libs}"
KAFKA=${KAFKA:-127.0.0.1:9092}
KEYCLOAK=${KEYCLOAK:-http://127.0.0.1:8180}
PG=${PG:-postgresql://postgres@127.0.0.1:5432}
DEMO_DATABASES="coprogram_proposal coprogram_survey coprogram_meeting coprogram_synthesis"
TEST_PREFIXES="test. e2e."
TEST_REALM=coprogram-test

say() { printf '\033[1m[isolation]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[isolation] %s\033[0m\n' "$*" >&2; exit 1; }

[ -f "$(ls "$KAFKA_LIBS"/kafka-clients-*.jar 2>/dev/null | head -n 1)" ] \
  || die "no Kafka libraries in $KAFKA_LIBS (set KAFKA_LIBS)"
kafka_java() { java -Xmx256m -cp "$KAFKA_LIBS/*" "$@" 2>/dev/null; }

demo_topics() { awk '!/^#/ && NF { print $1 }' "$ROOT/infra/topics.txt"; }

# "topic NAME PARTITION END" for the topics whose names match the regular expression $1.
end_offsets() {
  kafka_java org.apache.kafka.tools.GetOffsetShell --bootstrap-server "$KAFKA" --topic "$1" \
    | awk -F: 'NF == 3 { print "topic", $1, $2, $3 }' || true
}

# "realm-user NAME ID" and "realm-client ID" of realm $1.
realm_entries() {
  python3 - "$KEYCLOAK" "$1" <<'EOF'
import json, sys, urllib.parse, urllib.request
keycloak, realm = sys.argv[1:]
form = urllib.parse.urlencode({"grant_type": "password", "client_id": "admin-cli", "username": "admin",
                               "password": "admin"}).encode()
token = json.load(urllib.request.urlopen(keycloak + "/realms/master/protocol/openid-connect/token", form))["access_token"]
def get(path):
    request = urllib.request.Request(keycloak + "/admin/realms/" + realm + path,
                                     headers={"Authorization": "Bearer " + token})
    return json.load(urllib.request.urlopen(request))
for user in get("/users?briefRepresentation=true&max=1000000"):
    print("realm-user", user["username"], user["id"])
for client in get("/clients?max=100000"):
    print("realm-client", client["clientId"])
EOF
}

# "db DATABASE tables N", then "db DATABASE TABLE ROWS" for every table of the demo's databases.
row_counts() {
  local db
  for db in $DEMO_DATABASES; do
    if [ "$(psql "$PG/postgres" -tAXc "select 1 from pg_database where datname = '$db'")" != 1 ]; then
      echo "db $db (none)"; continue
    fi
    echo "db $db tables $(psql "$PG/$db" -tAXc "select count(*) from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')")"
    psql "$PG/$db" -tAXF ' ' -c "select '$db', table_schema || '.' || table_name,
        (xpath('/row/c/text()', query_to_xml(format('select count(*) as c from %I.%I', table_schema, table_name),
          false, true, '')))[1]::text
      from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
      order by 2" | sed 's/^/db /'
  done
}

snapshot() {
  local out=$1 demo
  demo="^($(demo_topics | sed 's/\./\\./g' | paste -sd '|'))\$"
  {
    end_offsets "$demo"
    realm_entries coprogram
    row_counts
  } | LC_ALL=C sort >"$out"
  grep -q '^topic ' "$out" || die "no demo topic found on $KAFKA"
  grep -q '^realm-user ' "$out" || die "no user in realm coprogram at $KEYCLOAK"
  # The tests' own namespaces, for the record (not compared).
  local prefix
  for prefix in $TEST_PREFIXES; do
    end_offsets "^${prefix//./\\.}coprogram" | awk -v p="$prefix" '{ n += $4 } END { print "info records-behind " p, n + 0 }'
  done >"$out.tests"
  realm_entries "$TEST_REALM" 2>/dev/null | awk '{ n[$1]++ } END { for (k in n) print "info " k "s-of-" realm, n[k] }' \
    realm="$TEST_REALM" >>"$out.tests" || true
}

# The CloudEvents headers of the records after OFFSET in TOPIC's PARTITION.
new_records() {
  local topic=$1 partition=$2 from=$3 to=$4
  kafka_java org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$KAFKA" --topic "$topic" \
    --partition "$partition" --offset "$from" --max-messages "$((to - from))" --timeout-ms 20000 \
    --property print.headers=true --property print.value=false \
    | tr ',' '\n' | grep -E '^(ce_source|ce_type|ce_planid|testfixture):' | paste -sd ' ' | sed "s/ce_source/\n  ce_source/g"
}

compare() {
  local before=$1 after; after=$(mktemp)
  snapshot "$after"
  if [ -f "$before.tests" ]; then
    say "the tests' own namespaces, before → after:"
    join -a 2 <(cut -d' ' -f2- "$before.tests" | awk '{ v = $NF; $NF = ""; print $0 "\t" v }' | LC_ALL=C sort) \
      <(cut -d' ' -f2- "$after.tests" | awk '{ v = $NF; $NF = ""; print $0 "\t" v }' | LC_ALL=C sort) -t $'\t' \
      | awk -F'\t' '{ printf "  %-40s %s → %s\n", $1, ($3 == "" ? "-" : $2), ($3 == "" ? $2 : $3) }' >&2
  fi
  if diff -u "$before" "$after" >"$after.diff"; then
    say "what ./coprogram up shows is unchanged: $(grep -c '^topic ' "$after") partitions of the demo's topics," \
      "$(grep -c '^realm-user ' "$after") users and $(grep -c '^realm-client ' "$after") clients of realm coprogram," \
      "$(grep -c '^db ' "$after") tables of the demo's databases"
    rm -f "$after" "$after.tests" "$after.diff"
    return 0
  fi
  say "what ./coprogram up shows changed:"
  grep -E '^[-+][^-+]' "$after.diff" >&2
  local topic partition from to
  while read -r _ topic partition from; do
    to=$(awk -v t="$topic" -v p="$partition" '$2 == t && $3 == p { print $4 }' "$after")
    [ -n "$to" ] && [ "$to" -gt "$from" ] || continue
    say "new records on $topic/$partition ($from → $to):"
    new_records "$topic" "$partition" "$from" "$to" >&2 || true
  done < <(grep '^topic ' "$before")
  return 1
}

case "${1:-}" in
  snapshot) [ $# -eq 2 ] || die "usage: $0 snapshot FILE"; snapshot "$2"; say "snapshot in $2" ;;
  compare) [ $# -eq 2 ] || die "usage: $0 compare FILE"; compare "$2" ;;
  run)
    shift; [ $# -ge 1 ] || die "usage: $0 run COMMAND [ARGS...]"
    before=$(mktemp); snapshot "$before"
    say "before: $(wc -l <"$before") lines of what the demo shows; running: $*"
    status=0; "$@" || status=$?
    say "the command ended with status $status"
    compare "$before" || exit 1
    exit "$status" ;;
  *) sed -n '2,16p' "$0"; exit 2 ;;
esac
