#!/usr/bin/env python3
"""Backup and restore drill (issue #29), on a test platform of its own: never the demo's databases, nor the default
test platform's. Run it as `./coprogram drill backup` (which picks that platform's ports, realm, topics and databases
and starts it if needed), or directly with the same COPROGRAM_TEST_* environment the test platform was started with.

 1. writes through the gateway, as the platform's users do: a plan, a questionnaire and a meeting (staff), then
    proposals, supports, questionnaire responses and meeting registrations (citizens of the drill's realm);
 2. backup: notes each consumer group's committed offsets and the topics' end offsets, then `pg_dump -Fc` of every
    service database;
 3. more accepted writes of each kind after the backup, until every outbox has relayed them to Kafka;
 4. disaster: stops the platform's services and drops the four databases;
 5. restore: creates the databases, `pg_restore`s the dumps, moves every consumer group back to the offsets noted at
    the backup (consumers are idempotent by event id, so what the dump already holds is skipped), starts the services;
 6. reconciles every accepted write against the restored databases, the topics and the synthesis, and prints the
    table (`--write-docs`: also into docs/reliability.md, "Backup and restore drill").

What can come back from where is in docs/operations.md, "Back up and restore". Standard library, psql/pg_dump/pg_restore
and Kafka's client (scripts/DrillKafka.java) only. Waits poll with deadlines.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import demo_data  # noqa: E402  (its HTTP client with retries, its Keycloak accounts)
from demo_data import ACCOUNTS, ApiError, api  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STATE = os.environ.get("COPROGRAM_STATE", os.path.join(ROOT, ".coprogram"))
PORT = int(os.environ.get("COPROGRAM_TEST_PORT", "18080"))
REALM = os.environ.get("COPROGRAM_TEST_REALM", "coprogram-test")
PREFIX = os.environ.get("COPROGRAM_TEST_TOPICS_PREFIX", "e2e.")
SUFFIX = os.environ.get("COPROGRAM_TEST_DB_SUFFIX", "_e2e")
GATEWAY = f"http://127.0.0.1:{PORT}"
KAFKA = "127.0.0.1:9092"
SERVICES = ["proposal", "survey", "meeting", "synthesis"]
TOPICS = [PREFIX + t for t in ["coprogram.plans", "coprogram.proposals", "coprogram.surveys",
                               "coprogram.survey-responses", "coprogram.meetings", "coprogram.synthesis",
                               "coprogram-restricted.social-reports"]]
# What each service's consumer group reads (application.properties: group `<prefix><service>`).
GROUPS = {f"{PREFIX}{s}-service": ([PREFIX + "coprogram.plans"] if s != "synthesis" else TOPICS) for s in SERVICES}
PEOPLE = [f"drill-cittadino-{i:02d}" for i in range(1, 13)]
STAFF = "regione"

demo_data.GATEWAY, demo_data.REALM = GATEWAY, REALM


def say(message):
    print(f"[drill] {message}", flush=True)


def db(service):
    return f"coprogram_{service}{SUFFIX}"


def psql(database, sql):
    return subprocess.run(["psql", "-qtAX", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-c", sql],
                          check=True, capture_output=True, text=True).stdout.strip()


def rows(database, sql):
    out = psql(database, sql)
    return out.splitlines() if out else []


def wait_until(what, check, timeout=180):
    deadline = time.monotonic() + timeout
    while True:
        try:
            if check():
                return
        except (ApiError, subprocess.CalledProcessError):
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"[drill] {what}: not within {timeout} s")
        time.sleep(0.5)


def kafka(*args):
    out = subprocess.run(["java", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                          os.path.join(STATE, "kafka", "libs", "*"),
                          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                          os.path.join(ROOT, "scripts", "DrillKafka.java"), KAFKA, *args],
                         check=True, capture_output=True, text=True)
    return out.stdout


def coprogram(*args):
    subprocess.run([os.path.join(ROOT, "coprogram"), *args], check=True)


def get(path):
    return api("GET", path)[1]


# ------------------------------------------------------------------------------------------------ the writes
def setup():
    for i, user in enumerate(PEOPLE):
        ACCOUNTS.create({"username": user, "firstName": "Prova", "lastName": f"Ripristino {i}", "role": "citizen",
                         "attributes": {"stakeholder_category": "CITIZEN"}})
    stamp = time.strftime("%Y%m%d-%H%M%S")
    _, plan = api("POST", "/api/plans", STAFF, {
        "region": "puglia", "title": f"Prova di backup e ripristino {stamp}", "periodStart": "2026-01-01",
        "periodEnd": "2028-12-31", "themes": [{"code": "anziani", "label": "Anziani"}], "leps": []})
    api("POST", f"/api/plans/{plan['id']}/phase", STAFF, {"phase": "CONSULTATION"})
    for service in ("proposals", "surveys", "meetings"):
        wait_until(f"{service} knowing the plan", lambda s=service: get(f"/api/plans/{plan['id']}/{s}") is not None)
    _, survey = api("POST", f"/api/plans/{plan['id']}/surveys", STAFF, {
        "title": "Questionario della prova di ripristino", "description": "Una domanda.", "anonymous": False,
        "questions": [{"id": "voto", "type": "SCALE", "label": "Quanto conta l'assistenza domiciliare?", "min": 1,
                       "max": 5, "required": True}]})
    api("POST", f"/api/surveys/{survey['id']}/publish", STAFF)
    _, meeting = api("POST", f"/api/plans/{plan['id']}/meetings", STAFF, {
        "type": "THEMATIC", "title": "Tavolo della prova di ripristino", "description": "Un incontro di prova.",
        "themes": ["anziani"], "municipality": "072006", "address": "Sede della Regione",
        "startsAt": "2027-02-03T10:00:00+01:00", "endsAt": "2027-02-03T13:00:00+01:00", "capacity": 100})
    return plan["id"], survey["id"], meeting["id"]


def writes(phase, plan_id, survey_id, meeting_id, people):
    """Accepted writes of one phase: a proposal per person, each supported by the next two people, a response and
    a registration per person. Returns what was accepted, by kind."""
    accepted = {"proposals": [], "supports": [], "responses": [], "registrations": []}
    for n, user in enumerate(people):
        _, p = api("POST", f"/api/plans/{plan_id}/proposals", user, {
            "kind": "PROPOSAL", "title": f"Proposta {phase} numero {n + 1}", "theme": "anziani",
            "municipality": "072006", "body": f"Testo della proposta {phase} numero {n + 1} della prova di ripristino."})
        accepted["proposals"].append(p["id"])
    for n, pid in enumerate(accepted["proposals"]):
        for k in (1, 2):
            api("POST", f"/api/proposals/{pid}/supports", people[(n + k) % len(people)])
            accepted["supports"].append((pid, people[(n + k) % len(people)]))
    for user in people:
        _, r = api("POST", f"/api/surveys/{survey_id}/responses", user, {"answers": {"voto": 4}})
        accepted["responses"].append(r["responseId"])
        api("POST", f"/api/meetings/{meeting_id}/registrations", user)
        accepted["registrations"].append(user)
    return accepted


# --------------------------------------------------------------------------------------------- observations
def source_counts(plan_id, survey_id, meeting_id):
    return {
        "proposals": set(rows(db("proposal"), f"select id from proposal where plan_id = '{plan_id}'")),
        "supports": int(psql(db("proposal"), "select count(*) from support s join proposal p on p.id = s.proposal_id "
                                             f"where p.plan_id = '{plan_id}'")),
        "responses": set(rows(db("survey"), f"select id from response where survey_id = '{survey_id}'")),
        "registrations": int(psql(db("meeting"), "select count(*) from registration where meeting_id = "
                                                 f"'{meeting_id}' and status <> 'CANCELLED'")),
    }


def unpublished():
    return sum(int(psql(db(s), "select count(*) from outbox_event where published_at is null")) for s in SERVICES)


def synthesis(plan_id):
    t = get(f"/api/plans/{plan_id}/synthesis")["totals"]
    return {"proposals": t["proposals"], "supports": t["supports"], "responses": t["surveyResponses"]}


def events_after(noted_ends, plan_id, survey_id, meeting_id):
    """The plan's events in the topics, split into before/after the backup's end offsets, by kind (ids)."""
    topics = [PREFIX + "coprogram.proposals", PREFIX + "coprogram.survey-responses", PREFIX + "coprogram.meetings"]
    found = {k: {"before": set(), "after": set()} for k in ("proposals", "supports", "responses", "registrations")}
    for line in kafka("records", ",".join(topics)).splitlines():
        r = json.loads(line)
        value = json.loads(r["value"]) if r["value"].startswith("{") else {}
        data = value.get("data", value)
        side = "after" if r["offset"] >= noted_ends.get(f"{r['topic']}/{r['partition']}", 0) else "before"
        t = r["type"]
        if t.endswith("proposal.submitted.v1") and data.get("planId") == plan_id:
            found["proposals"][side].add(data["proposalId"])
        elif t.endswith("proposal.supported.v1") and data.get("planId") == plan_id:
            found["supports"][side].add(r["id"])
        elif t.endswith("survey.response-submitted.v1") and data.get("surveyId") == survey_id:
            found["responses"][side].add(data["responseId"])
        elif t.endswith("meeting.registration-confirmed.v1") and data.get("meetingId") == meeting_id:
            found["registrations"][side].add(data["registrationId"])
    return found


# ----------------------------------------------------------------------------------------------------- drill
def backup(directory):
    noted = json.loads(kafka("offsets", ",".join(GROUPS), ",".join(TOPICS)))
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "kafka-offsets.json"), "w") as f:
        json.dump(noted, f, indent=1)
    for s in SERVICES:
        subprocess.run(["pg_dump", "-h", "127.0.0.1", "-U", "postgres", "-Fc", "-f",
                        os.path.join(directory, f"{db(s)}.dump"), db(s)], check=True)
    return noted


def destroy():
    coprogram("test-platform", "down")
    for s in SERVICES:
        psql("postgres", f"DROP DATABASE IF EXISTS {db(s)} WITH (FORCE)")
    left = psql("postgres", "select count(*) from pg_database where datname in (%s)"
                % ",".join(f"'{db(s)}'" for s in SERVICES))
    assert left == "0", left


def restore(directory, noted):
    for s in SERVICES:
        psql("postgres", f"CREATE DATABASE {db(s)}")
        subprocess.run(["pg_restore", "-h", "127.0.0.1", "-U", "postgres", "--no-owner", "--exit-on-error", "-d",
                        db(s), os.path.join(directory, f"{db(s)}.dump")], check=True)
    ends = noted["ends"]
    for group, topics in GROUPS.items():
        committed = noted["groups"].get(group, {})
        target = {p: committed.get(p, 0) for p in ends if p.rsplit("/", 1)[0] in topics}
        path = os.path.join(directory, f"reset-{group}.json")
        with open(path, "w") as f:
            json.dump(target, f)
        say(kafka("reset", group, path).strip())
    coprogram("test-platform", "up")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write-docs", action="store_true", help="write the table into docs/reliability.md")
    args = parser.parse_args()
    if SUFFIX in ("", "_e2e", "_test") or not re.fullmatch(r"_[a-z0-9_]+", SUFFIX):
        raise SystemExit("[drill] refusing to drop the demo's or the default test platform's databases: set "
                         "COPROGRAM_TEST_DB_SUFFIX (./coprogram drill backup does)")
    wait_until("the test platform's gateway", lambda: get("/api/plans?size=1") is not None, 30)
    started = time.monotonic()
    directory = os.path.join(STATE, "test", "drill", time.strftime("%Y%m%dT%H%M%S"))
    plan_id, survey_id, meeting_id = setup()
    say(f"plan {plan_id}, questionnaire {survey_id}, meeting {meeting_id}")
    half = len(PEOPLE) // 2
    before = writes("prima", plan_id, survey_id, meeting_id, PEOPLE[:half])
    wait_until("the synthesis counting the writes before the backup",
               lambda: synthesis(plan_id)["proposals"] >= len(before["proposals"])
               and synthesis(plan_id)["supports"] >= len(before["supports"]))

    say(f"backup to {directory}: consumer groups' offsets, then pg_dump -Fc of {', '.join(db(s) for s in SERVICES)}")
    t_backup = time.time()
    noted = backup(directory)
    after = writes("dopo", plan_id, survey_id, meeting_id, PEOPLE[half:])
    wait_until("every outbox relayed to Kafka", lambda: unpublished() == 0)
    wait_until("the synthesis counting every write",
               lambda: synthesis(plan_id)["proposals"] >= len(before["proposals"]) + len(after["proposals"])
               and synthesis(plan_id)["supports"] >= len(before["supports"]) + len(after["supports"]))
    at_disaster = source_counts(plan_id, survey_id, meeting_id)
    synthesis_at_disaster = synthesis(plan_id)
    t_disaster = time.time()

    say("disaster: services stopped, the four databases dropped")
    destroy()
    say("restore: pg_restore of the dumps, consumer groups back to the offsets noted at the backup, services started")
    restore(directory, noted)
    wait_until("the restored platform's gateway", lambda: get(f"/api/plans/{plan_id}") is not None)
    total = {k: len(before[k]) + len(after[k]) for k in before}
    wait_until("the synthesis re-reading the topics from the noted offsets",
               lambda: synthesis(plan_id)["proposals"] >= total["proposals"]
               and synthesis(plan_id)["supports"] >= total["supports"]
               and synthesis(plan_id)["responses"] >= total["responses"])
    restored = source_counts(plan_id, survey_id, meeting_id)
    synth = synthesis(plan_id)
    events = events_after(noted["ends"], plan_id, survey_id, meeting_id)
    # The platform takes writes again after the restore.
    _, p = api("POST", f"/api/plans/{plan_id}/proposals", PEOPLE[0], {
        "kind": "PROPOSAL", "title": "Proposta dopo il ripristino", "theme": "anziani", "municipality": "072006",
        "body": "Scritta dopo il ripristino: la piattaforma accetta di nuovo i contributi."})
    wait_until("a write after the restore reaching the synthesis",
               lambda: synthesis(plan_id)["proposals"] >= total["proposals"] + 1)

    table = []
    for kind, label in [("proposals", "proposals (proposal-service)"), ("supports", "supports (proposal-service)"),
                        ("responses", "questionnaire responses (survey-service)"),
                        ("registrations", "meeting registrations (meeting-service)")]:
        b, a = len(before[kind]), len(after[kind])
        back = restored[kind]
        if isinstance(back, set):  # by id
            restored_before = len(back & set(before[kind]))
            restored_after = len(back & set(after[kind]))
            in_kafka_after = len(events[kind]["after"] & set(after[kind]))
            lost_before = b - restored_before
        else:
            restored_before = min(back, b)
            restored_after = back - restored_before
            in_kafka_after = len(events[kind]["after"])
            lost_before = b - restored_before
        in_synthesis = synth.get(kind, "—")
        lost = lost_before + (a - max(restored_after, in_kafka_after))
        table.append({"kind": label, "accepted": b + a, "before": b, "restored": restored_before, "after": a,
                      "recovered": in_kafka_after, "synthesis": in_synthesis, "source_after": restored_after,
                      "lost": lost, "at_disaster": len(at_disaster[kind]) if isinstance(at_disaster[kind], set)
                      else at_disaster[kind], "synthesis_at_disaster": synthesis_at_disaster.get(kind, "—")})
    report = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "plan": plan_id,
              "backup_age_s": round(t_disaster - t_backup, 1), "minutes": round((time.monotonic() - started) / 60, 1),
              "dumps": {s: os.path.getsize(os.path.join(directory, f"{db(s)}.dump")) for s in SERVICES},
              "rows": table}
    with open(os.path.join(directory, "report.json"), "w") as f:
        json.dump(report, f, indent=1)
    text = render(report)
    print(text)
    if args.write_docs:
        write_docs(text)
    if any(r["lost"] for r in table) or any(r["restored"] != r["before"] for r in table):
        raise SystemExit("[drill] FAILED: an accepted write is lost")
    say(f"done in {report['minutes']} min; dumps and report in {directory}")


def render(report):
    head = ("| kind | accepted | before the backup | restored from the dump | after the backup | recovered from Kafka "
            "(events after the noted offsets) | counted by the synthesis after the restore | after the backup and "
            "back in the owning service's database | lost |\n|---|---|---|---|---|---|---|---|---|\n")
    body = "".join(f"| {r['kind']} | {r['accepted']} | {r['before']} | {r['restored']} | {r['after']} | "
                   f"{r['recovered']} | {r['synthesis']} | {r['source_after']} (RPO) | {r['lost']} |\n"
                   for r in report["rows"])
    return (f"Run of {report['when']} (`./coprogram drill backup`, {report['minutes']} min; plan `{report['plan']}`; "
            f"dumps {', '.join(f'{s} {v // 1024} KiB' for s, v in report['dumps'].items())}; the backup was "
            f"{report['backup_age_s']} s old at the disaster):\n\n" + head + body)


def write_docs(text):
    path = os.path.join(ROOT, "docs", "reliability.md")
    with open(path) as f:
        doc = f.read()
    begin, end = "<!-- drill-backup-restore:begin -->", "<!-- drill-backup-restore:end -->"
    if begin not in doc:
        raise SystemExit(f"[drill] {path} has no {begin} marker")
    doc = doc[:doc.index(begin) + len(begin)] + "\n" + text + doc[doc.index(end):]
    with open(path, "w") as f:
        f.write(doc)
    say(f"table written to {path}")


if __name__ == "__main__":
    main()
