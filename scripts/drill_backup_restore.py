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
from demo_data import ACCOUNTS, ApiError  # noqa: E402

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
RUN = time.strftime("%Y%m%dT%H%M%S")

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


def api(method, path, user=None, body=None, key=None):
    """demo_data's call (retries on 429/502/503/504 and lost connections). Every create carries an Idempotency-Key
    so that a retry after a lost answer never writes twice; a retried support that already landed answers 409."""
    return demo_data.api(method, path, user, body, key=key and f"{RUN} {key}")


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
        "periodEnd": "2028-12-31", "themes": [{"code": "anziani", "label": "Anziani"}], "leps": []}, key="plan")
    api("POST", f"/api/plans/{plan['id']}/phase", STAFF, {"phase": "CONSULTATION"})
    for service in ("proposals", "surveys", "meetings"):
        wait_until(f"{service} knowing the plan", lambda s=service: get(f"/api/plans/{plan['id']}/{s}") is not None)
    _, survey = api("POST", f"/api/plans/{plan['id']}/surveys", STAFF, {
        "title": "Questionario della prova di ripristino", "description": "Una domanda.", "anonymous": False,
        "questions": [{"id": "voto", "type": "SCALE", "label": "Quanto conta l'assistenza domiciliare?", "min": 1,
                       "max": 5, "required": True}]}, key="survey")
    api("POST", f"/api/surveys/{survey['id']}/publish", STAFF)
    _, meeting = api("POST", f"/api/plans/{plan['id']}/meetings", STAFF, {
        "type": "THEMATIC", "title": "Tavolo della prova di ripristino", "description": "Un incontro di prova.",
        "themes": ["anziani"], "municipality": "072006", "address": "Sede della Regione",
        "startsAt": "2027-02-03T10:00:00+01:00", "endsAt": "2027-02-03T13:00:00+01:00", "capacity": 100},
        key="meeting")
    return plan["id"], survey["id"], meeting["id"]


def writes(phase, plan_id, survey_id, meeting_id, people):
    """Accepted writes of one phase: a proposal per person, each supported by the next two people, a response and
    a registration per person. Returns what was accepted, by kind."""
    accepted = {"proposals": [], "supports": [], "responses": [], "registrations": []}
    for n, user in enumerate(people):
        _, p = api("POST", f"/api/plans/{plan_id}/proposals", user, {
            "kind": "PROPOSAL", "title": f"Proposta {phase} numero {n + 1}", "theme": "anziani",
            "municipality": "072006", "body": f"Testo della proposta {phase} numero {n + 1} della prova di ripristino."}, key=f"proposal {phase} {n}")
        accepted["proposals"].append(p["id"])
    for n, pid in enumerate(accepted["proposals"]):
        for k in (1, 2):
            try:
                api("POST", f"/api/proposals/{pid}/supports", people[(n + k) % len(people)])
            except ApiError as e:
                if e.status != 409:  # 409: a retry of a support that had landed
                    raise
            accepted["supports"].append((pid, people[(n + k) % len(people)]))
    for user in people:
        _, r = api("POST", f"/api/surveys/{survey_id}/responses", user, {"answers": {"voto": 4}}, key=f"response {user}")
        accepted["responses"].append(r["responseId"])
        api("POST", f"/api/meetings/{meeting_id}/registrations", user, key=f"registration {user}")
        accepted["registrations"].append(user)
    return accepted


# --------------------------------------------------------------------------------------------- observations
KINDS = [("proposals", "proposals (proposal-service)"), ("supports", "supports (proposal-service)"),
         ("responses", "questionnaire responses (survey-service)"),
         ("registrations", "meeting registrations (meeting-service)")]


def source_counts(plan_id, survey_id, meeting_id, until=None):
    """Rows of the owning services' databases, by kind; `until` (epoch seconds): only rows written before it."""
    t = "" if until is None else f" and %s < to_timestamp({until})"
    return {
        "proposals": int(psql(db("proposal"), f"select count(*) from proposal where plan_id = '{plan_id}'"
                              + t % "created_at")),
        "supports": int(psql(db("proposal"), "select count(*) from support s join proposal p on p.id = s.proposal_id "
                                             f"where p.plan_id = '{plan_id}'" + t % "s.created_at")),
        "responses": int(psql(db("survey"), f"select count(*) from response where survey_id = '{survey_id}'"
                              + t % "submitted_at")),
        "registrations": int(psql(db("meeting"), f"select count(*) from registration where meeting_id = '{meeting_id}' "
                                                 "and status <> 'CANCELLED'" + t % "created_at")),
    }


def unpublished():
    return sum(int(psql(db(s), "select count(*) from outbox_event where published_at is null")) for s in SERVICES)


def synthesis(plan_id):
    t = get(f"/api/plans/{plan_id}/synthesis")["totals"]
    return {"proposals": t["proposals"], "supports": t["supports"], "responses": t["surveyResponses"]}


def events_after(noted_ends, plan_id, survey_id, meeting_id, until):
    """The plan's events appended to the topics after the backup's end offsets and before `until`, by kind, counted
    once per proposal, response, registration or support event (a relay may send an event twice)."""
    topics = [PREFIX + "coprogram.proposals", PREFIX + "coprogram.survey-responses", PREFIX + "coprogram.meetings"]
    found = {k: set() for k, _ in KINDS}
    for line in kafka("records", ",".join(topics)).splitlines():
        r = json.loads(line)
        if r["offset"] < noted_ends.get(f"{r['topic']}/{r['partition']}", 0) or r["timestamp"] >= until * 1000:
            continue
        value = json.loads(r["value"]) if r["value"].startswith("{") else {}
        data = value.get("data", value)
        t = r["type"]
        if t.endswith("proposal.submitted.v1") and data.get("planId") == plan_id:
            found["proposals"].add(data["proposalId"])
        elif t.endswith("proposal.supported.v1") and data.get("planId") == plan_id:
            found["supports"].add(r["id"])
        elif t.endswith("survey.response-submitted.v1") and data.get("surveyId") == survey_id:
            found["responses"].add(data["responseId"])
        elif t.endswith("meeting.registration-confirmed.v1") and data.get("meetingId") == meeting_id:
            found["registrations"].add(data["registrationId"])
    return {k: len(v) for k, v in found.items()}


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
    parser.add_argument("--resume", metavar="DIR", help="only the checks after the restore, for the run whose backup "
                        "is in DIR (e.g. after restarting a service that failed to catch up)")
    args = parser.parse_args()
    if SUFFIX in ("", "_e2e", "_test") or not re.fullmatch(r"_[a-z0-9_]+", SUFFIX):
        raise SystemExit("[drill] refusing to drop the demo's or the default test platform's databases: set "
                         "COPROGRAM_TEST_DB_SUFFIX (./coprogram drill backup does)")
    if args.resume:
        directory = args.resume
        with open(os.path.join(directory, "state.json")) as f:
            state = json.load(f)
    else:
        directory = os.path.join(STATE, "test", "drill", RUN)
        state = before_the_restore(directory)
    check(directory, state, args.write_docs)


def before_the_restore(directory):
    wait_until("the test platform's gateway", lambda: get("/api/plans?size=1") is not None, 30)
    started = time.time()
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
    state = {"plan": plan_id, "survey": survey_id, "meeting": meeting_id, "started": started, "t_backup": t_backup,
             "accepted_before": {k: len(v) for k, v in before.items()},
             "accepted_after": {k: len(v) for k, v in after.items()}, "noted_ends": noted["ends"],
             "at_disaster": source_counts(plan_id, survey_id, meeting_id),
             "synthesis_at_disaster": synthesis(plan_id), "t_disaster": time.time()}
    with open(os.path.join(directory, "state.json"), "w") as f:
        json.dump(state, f, indent=1)

    say("disaster: services stopped, the four databases dropped")
    destroy()
    say("restore: pg_restore of the dumps, consumer groups back to the offsets noted at the backup, services started")
    restore(directory, noted)
    return state


def check(directory, state, write_docs):
    plan_id, survey_id, meeting_id = state["plan"], state["survey"], state["meeting"]
    wait_until("the restored platform's gateway", lambda: get(f"/api/plans/{plan_id}") is not None)
    before, after = state["accepted_before"], state["accepted_after"]
    total = {k: before[k] + after[k] for k in before}
    wait_until("the synthesis re-reading the topics from the noted offsets",
               lambda: synthesis(plan_id)["proposals"] >= total["proposals"]
               and synthesis(plan_id)["supports"] >= total["supports"]
               and synthesis(plan_id)["responses"] >= total["responses"])
    synth = synthesis(plan_id)
    # Rows and events up to the disaster; later ones are the restored platform's own (the write below, a relay
    # sending again what its restored outbox had not yet marked published).
    restored = source_counts(plan_id, survey_id, meeting_id, until=state["t_disaster"])
    recovered = events_after(state["noted_ends"], plan_id, survey_id, meeting_id, state["t_disaster"])
    api("POST", f"/api/plans/{plan_id}/proposals", PEOPLE[0], {
        "kind": "PROPOSAL", "title": "Proposta dopo il ripristino", "theme": "anziani", "municipality": "072006",
        "body": "Scritta dopo il ripristino: la piattaforma accetta di nuovo i contributi."}, key="after restore")
    wait_until("a write after the restore reaching the synthesis",
               lambda: synthesis(plan_id)["proposals"] >= synth["proposals"] + 1)

    table = []
    for kind, label in KINDS:
        b, a = before[kind], after[kind]
        restored_after = max(0, restored[kind] - b)  # rows of writes after the backup (expected: none)
        table.append({"kind": label, "accepted": b + a, "before": b, "restored": min(restored[kind], b), "after": a,
                      "recovered": recovered[kind], "synthesis": synth.get(kind, "—"),
                      "source_after": restored_after,
                      "lost": max(0, b - restored[kind]) + max(0, a - max(recovered[kind], restored_after))})
    report = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(state["started"])), "plan": plan_id,
              "backup_age_s": round(state["t_disaster"] - state["t_backup"], 1),
              "dumps": {s: os.path.getsize(os.path.join(directory, f"{db(s)}.dump")) for s in SERVICES},
              "rows": table}
    with open(os.path.join(directory, "report.json"), "w") as f:
        json.dump(report, f, indent=1)
    text = render(report)
    print(text)
    if write_docs:
        write_docs_table(text)
    if any(r["lost"] for r in table) or any(r["restored"] != r["before"] for r in table):
        raise SystemExit("[drill] FAILED: an accepted write is lost")
    say(f"done; dumps, noted offsets and report in {directory}")


def render(report):
    head = ("| kind | accepted | before the backup | restored from the dump | after the backup | recovered from Kafka "
            "(events after the noted offsets) | counted by the synthesis after the restore | after the backup and "
            "back in the owning service's database | lost |\n|---|---|---|---|---|---|---|---|---|\n")
    body = "".join(f"| {r['kind']} | {r['accepted']} | {r['before']} | {r['restored']} | {r['after']} | "
                   f"{r['recovered']} | {r['synthesis']} | {r['source_after']} (RPO) | {r['lost']} |\n"
                   for r in report["rows"])
    return (f"Run of {report['when']} (`./coprogram drill backup`; plan `{report['plan']}`; "
            f"dumps {', '.join(f'{s} {v // 1024} KiB' for s, v in report['dumps'].items())}; the backup was "
            f"{report['backup_age_s']} s old at the disaster):\n\n" + head + body)


def write_docs_table(text):
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
