#!/usr/bin/env python3
"""Proves the rule "the test command never changes what ./coprogram up shows" (docs/architecture.md, "Tests never
change the demo"): what the demo shows, before and after a test run, must be the same.

  scripts/check-test-isolation.py run COMMAND [ARGS...]   snapshot, run COMMAND, snapshot again, compare
  scripts/check-test-isolation.py snapshot FILE           write what the demo shows now to FILE (JSON)
  scripts/check-test-isolation.py compare FILE            compare what the demo shows now with FILE

What the demo shows: the end offset of every partition of the demo's topics (infra/topics.txt, no prefix), the users
and clients of Keycloak realm coprogram, and the row count of every table of the demo's databases (coprogram_<service>).
The tests' own topics (test., e2e.) and realm (coprogram-test) are recorded too, not compared: they show that the run
did write, and where. When the demo changed, the new records and users are traced: a new demo record that carries the
plan id of a record the run wrote in its own topics, or a new demo user the run also made in its own realm, is the
run's; anything else was written by something else on the machine (another checkout's tests, a running demo).
Exit status: 0 when the demo is unchanged, 1 when it changed (2 when only others' writes explain the change), or the
command's own status when it failed and the demo is unchanged.

Needs the infrastructure up, psql, java and Kafka's libraries (KAFKA_LIBS, by default those ./coprogram fetched).
"""
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
STATE = pathlib.Path(os.environ.get("COPROGRAM_STATE", ROOT / ".coprogram"))
KAFKA_LIBS = pathlib.Path(os.environ.get("KAFKA_LIBS", STATE / "kafka/libs"))
KAFKA = os.environ.get("KAFKA", "127.0.0.1:9092")
KEYCLOAK = os.environ.get("KEYCLOAK", "http://127.0.0.1:8180")
PG = os.environ.get("PG", "postgresql://postgres@127.0.0.1:5432")
DEMO_REALM = "coprogram"
TEST_REALM = "coprogram-test"
TEST_PREFIXES = ["test.", "e2e."]
DEMO_DATABASES = ["coprogram_proposal", "coprogram_survey", "coprogram_meeting", "coprogram_synthesis",
                  "coprogram_notification"]

# Reads the records of the given partitions between two offsets and prints their CloudEvents headers, one JSON per
# line: one JVM for all of them.
SCANNER = r"""
import java.time.Duration;
import java.util.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

public class Scan {
    public static void main(String[] args) throws Exception {
        Properties config = new Properties();
        config.put("bootstrap.servers", args[0]);
        config.put("key.deserializer", ByteArrayDeserializer.class.getName());
        config.put("value.deserializer", ByteArrayDeserializer.class.getName());
        config.put("enable.auto.commit", "false");
        Map<TopicPartition, long[]> ranges = new HashMap<>();
        for (String line : new String(System.in.readAllBytes()).split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length == 4) {
                ranges.put(new TopicPartition(f[0], Integer.parseInt(f[1])),
                        new long[]{Long.parseLong(f[2]), Long.parseLong(f[3])});
            }
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(ranges.keySet());
            ranges.forEach((p, r) -> consumer.seek(p, r[0]));
            Set<TopicPartition> open = new HashSet<>(ranges.keySet());
            open.removeIf(p -> ranges.get(p)[0] >= ranges.get(p)[1]);
            long deadline = System.currentTimeMillis() + 120_000;
            while (!open.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition p = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= ranges.get(p)[1]) continue;
                    StringBuilder line = new StringBuilder("{\"topic\":\"" + record.topic() + "\"");
                    for (String name : List.of("ce_source", "ce_type", "ce_planid", "testfixture")) {
                        Header h = record.headers().lastHeader(name);
                        if (h != null) line.append(",\"").append(name).append("\":\"")
                                .append(new String(h.value()).replace("\"", "")).append('"');
                    }
                    System.out.println(line.append('}'));
                }
                open.removeIf(p -> consumer.position(p) >= ranges.get(p)[1]);
            }
        }
    }
}
"""


def java(*args, stdin=None):
    return subprocess.run(["java", "-Xmx256m", "-cp", str(KAFKA_LIBS / "*"), *args], input=stdin,
                          capture_output=True, text=True, check=True).stdout


def end_offsets(pattern):
    """{"topic/partition": end offset} of the topics whose whole names match the regular expression."""
    out = subprocess.run(["java", "-Xmx256m", "-cp", str(KAFKA_LIBS / "*"), "org.apache.kafka.tools.GetOffsetShell",
                          "--bootstrap-server", KAFKA, "--topic", pattern], capture_output=True, text=True).stdout
    offsets = {}
    for line in out.splitlines():
        parts = line.rsplit(":", 2)
        if len(parts) == 3 and parts[2].isdigit():
            offsets[f"{parts[0]}/{parts[1]}"] = int(parts[2])
    return offsets


def keycloak(path, token=None, form=None):
    data = urllib.parse.urlencode(form).encode() if form else None
    headers = {"Authorization": "Bearer " + token} if token else {}
    with urllib.request.urlopen(urllib.request.Request(KEYCLOAK + path, data=data, headers=headers), timeout=60) as r:
        return json.load(r)


def realm(name):
    token = keycloak("/realms/master/protocol/openid-connect/token",
                     form={"grant_type": "password", "client_id": "admin-cli", "username": "admin",
                           "password": "admin"})["access_token"]
    try:
        users = keycloak(f"/admin/realms/{name}/users?briefRepresentation=true&max=1000000", token)
        clients = keycloak(f"/admin/realms/{name}/clients?max=100000", token)
    except urllib.error.HTTPError as e:
        if e.code == 404:
            return {"users": {}, "clients": []}
        raise
    return {"users": {u["username"]: u["id"] for u in users}, "clients": sorted(c["clientId"] for c in clients)}


def psql(database, sql):
    return subprocess.run(["psql", f"{PG}/{database}", "-tAXF", "\t", "-c", sql], capture_output=True, text=True,
                          check=True).stdout


def row_counts():
    counts = {}
    existing = set(psql("postgres", "select datname from pg_database").split())
    for db in DEMO_DATABASES:
        if db not in existing:
            counts[db] = "(no database)"
            continue
        tables = psql(db, """select table_schema || '.' || table_name,
            (xpath('/row/c/text()', query_to_xml(format('select count(*) as c from %I.%I', table_schema, table_name),
              false, true, '')))[1]::text
          from information_schema.tables
          where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')""")
        counts[db] = dict(line.split("\t") for line in tables.splitlines() if line)
    return counts


def demo_topics():
    lines = (ROOT / "infra/topics.txt").read_text().splitlines()
    return [line.split()[0] for line in lines if line.strip() and not line.startswith("#")]


def snapshot():
    demo = end_offsets("^(" + "|".join(re.escape(t) for t in demo_topics()) + ")$")
    if not demo:
        sys.exit(f"no demo topic found on {KAFKA}")
    tests = end_offsets("(" + "|".join(re.escape(p) for p in TEST_PREFIXES) + ")coprogram.*")
    demo_realm = realm(DEMO_REALM)
    if not demo_realm["users"]:
        sys.exit(f"no user in realm {DEMO_REALM} at {KEYCLOAK}")
    return {"shown": {"topics": demo, "realm": demo_realm, "databases": row_counts()},
            "tests": {"topics": tests, "realm": realm(TEST_REALM)}}


def differences(before, after):
    found = []
    for name, offset in sorted(after["topics"].items()):
        if before["topics"].get(name) != offset:
            found.append(f"topic {name}: end offset {before['topics'].get(name)} → {offset}")
    for name in sorted(set(before["topics"]) - set(after["topics"])):
        found.append(f"topic {name}: gone")
    for kind in ("users", "clients"):
        b, a = set(before["realm"][kind]), set(after["realm"][kind])
        found += [f"realm {DEMO_REALM}: new {kind[:-1]} {x}" for x in sorted(a - b)]
        found += [f"realm {DEMO_REALM}: {kind[:-1]} {x} gone" for x in sorted(b - a)]
    for db in DEMO_DATABASES:
        b, a = before["databases"].get(db), after["databases"].get(db)
        if b != a:
            if isinstance(b, dict) and isinstance(a, dict):
                for table in sorted(set(a) | set(b)):
                    if b.get(table) != a.get(table):
                        found.append(f"database {db}: {table} rows {b.get(table)} → {a.get(table)}")
            else:
                found.append(f"database {db}: {b if isinstance(b, str) else len(b)} tables → "
                              f"{a if isinstance(a, str) else len(a)}")
    return found


def new_records(before, after):
    """The CloudEvents headers of the records between two snapshots of end offsets."""
    ranges = "\n".join(f"{k.rsplit('/', 1)[0]} {k.rsplit('/', 1)[1]} {before.get(k, 0)} {v}"
                       for k, v in after.items() if v > before.get(k, 0))
    if not ranges:
        return []
    with tempfile.TemporaryDirectory() as work:
        source = pathlib.Path(work, "Scan.java")
        source.write_text(SCANNER)
        return [json.loads(line) for line in java(str(source), KAFKA, stdin=ranges).splitlines()
                if line.startswith("{")]


def trace(before, after):
    """Which of the demo's changes the run made: True when none of them is the run's."""
    own = new_records(before["tests"]["topics"], after["tests"]["topics"])
    plans = {r["ce_planid"] for r in own if "ce_planid" in r}
    print(f"  the run's own topics: {len(own)} new records, of {len(plans)} plans", file=sys.stderr)
    innocent = True
    demo = new_records(before["shown"]["topics"], after["shown"]["topics"])
    if demo:
        theirs = [r for r in demo if r.get("ce_planid") in plans]
        kinds = {}
        for r in demo:
            key = f"{r['topic']} {r.get('ce_source', '?')}{' (test fixture)' if 'testfixture' in r else ''}"
            kinds[key] = kinds.get(key, 0) + 1
        print(f"  new records on the demo's topics: {len(demo)}; with a plan id of the run's records: {len(theirs)}",
              file=sys.stderr)
        for key, n in sorted(kinds.items()):
            print(f"    {n:6d}  {key}", file=sys.stderr)
        innocent &= not theirs
    made = set(after["tests"]["realm"]["users"]) - set(before["tests"]["realm"]["users"])
    added = set(after["shown"]["realm"]["users"]) - set(before["shown"]["realm"]["users"])
    if added:
        both = added & made
        print(f"  new users in realm {DEMO_REALM}: {len(added)}; also made in realm {TEST_REALM} during the run: "
              f"{len(both)}", file=sys.stderr)
        innocent &= not both
    clients_made = set(after["tests"]["realm"]["clients"]) - set(before["tests"]["realm"]["clients"])
    clients_added = set(after["shown"]["realm"]["clients"]) - set(before["shown"]["realm"]["clients"])
    if clients_added:
        print(f"  new clients in realm {DEMO_REALM}: {sorted(clients_added)}; also made in realm {TEST_REALM}: "
              f"{sorted(clients_added & clients_made)}", file=sys.stderr)
        innocent &= not (clients_added & clients_made)
    return innocent


def report_tests(before, after):
    b, a = before["tests"], after["tests"]
    for prefix in TEST_PREFIXES:
        count = lambda offsets: sum(v for k, v in offsets.items() if k.startswith(prefix))
        print(f"  topics {prefix}coprogram*: {count(b['topics'])} → {count(a['topics'])} records", file=sys.stderr)
    print(f"  realm {TEST_REALM}: {len(b['realm']['users'])} → {len(a['realm']['users'])} users, "
          f"{len(b['realm']['clients'])} → {len(a['realm']['clients'])} clients", file=sys.stderr)


def compare(before):
    after = snapshot()
    print("[isolation] the tests' own namespaces, before → after:", file=sys.stderr)
    report_tests(before, after)
    found = differences(before["shown"], after["shown"])
    shown = after["shown"]
    if not found:
        tables = sum(len(t) for t in shown["databases"].values() if isinstance(t, dict))
        print(f"[isolation] what ./coprogram up shows is unchanged: {len(shown['topics'])} partitions of the demo's "
              f"topics ({sum(shown['topics'].values())} records), {len(shown['realm']['users'])} users and "
              f"{len(shown['realm']['clients'])} clients of realm {DEMO_REALM}, {tables} tables of "
              f"{len(DEMO_DATABASES)} demo databases", file=sys.stderr)
        return 0
    print(f"[isolation] what ./coprogram up shows changed ({len(found)} differences):", file=sys.stderr)
    for line in found[:40]:
        print("  " + line, file=sys.stderr)
    if len(found) > 40:
        print(f"  … and {len(found) - 40} more", file=sys.stderr)
    if trace(before, after):
        print("[isolation] none of these changes is the run's: something else wrote into the demo meanwhile",
              file=sys.stderr)
        return 2
    print("[isolation] the run changed what the demo shows", file=sys.stderr)
    return 1


def main(args):
    if not list(KAFKA_LIBS.glob("kafka-clients-*.jar")):
        sys.exit(f"no Kafka libraries in {KAFKA_LIBS} (set KAFKA_LIBS)")
    if len(args) == 2 and args[0] == "snapshot":
        pathlib.Path(args[1]).write_text(json.dumps(snapshot(), indent=1, sort_keys=True))
        return 0
    if len(args) == 2 and args[0] == "compare":
        return compare(json.loads(pathlib.Path(args[1]).read_text()))
    if len(args) >= 2 and args[0] == "run":
        before = snapshot()
        print(f"[isolation] snapshot taken; running: {' '.join(args[1:])}", file=sys.stderr)
        status = subprocess.run(args[1:]).returncode
        print(f"[isolation] the command ended with status {status}", file=sys.stderr)
        result = compare(before)
        return result if result else status
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
