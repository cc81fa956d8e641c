#!/usr/bin/env python3
"""Upgrade drill (issue #29): a rolling update runs the previous code on the new schema, beside the new code. For each
service with migrations, this builds the service as it was at the commit before its newest migration (a `git worktree`
in a temporary directory, `mvn package -DskipTests` of that module; cached under .coprogram/upgrade/), migrates a fresh
database with this checkout's code, starts the old jar on the same database beside the new one, and exercises the
service's main reads and writes through both: each writes, each reads what the other wrote, and each enforces its
rules on the other's rows. docs/operations.md, "Upgrade", has the rule for writing migrations.

    scripts/drill_upgrade.py [--write-docs] [proposal] [survey] [meeting] [synthesis]     (default: all four)

Run it as `./coprogram drill upgrade [SERVICE...]`: beside a test platform (its realm, topics and synthesis, which
makes the plans), on ports COPROGRAM_TEST_PORT+10.. (new) and +20.. (old), databases coprogram_<service>_upgrade<suffix>
and consumer groups of their own. Standard library only; waits poll with deadlines.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import demo_data  # noqa: E402
from demo_data import ACCOUNTS, ApiError, http  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STATE = os.environ.get("COPROGRAM_STATE", os.path.join(ROOT, ".coprogram"))
PORT = int(os.environ.get("COPROGRAM_TEST_PORT", "18080"))
REALM = os.environ.get("COPROGRAM_TEST_REALM", "coprogram-test")
PREFIX = os.environ.get("COPROGRAM_TEST_TOPICS_PREFIX", "e2e.")
SUFFIX = os.environ.get("COPROGRAM_TEST_DB_SUFFIX", "_e2e")
KEYCLOAK = "http://127.0.0.1:8180"
GATEWAY = f"http://127.0.0.1:{PORT}"
START_TIMEOUT = int(os.environ.get("COPROGRAM_START_TIMEOUT", "300"))
ALL = ["proposal", "survey", "meeting", "synthesis"]
PEOPLE = [f"drill-cittadino-{i:02d}" for i in range(1, 9)]
STAFF = "regione"
OLD_FLYWAY_IGNORE = os.environ.get("DRILL_OLD_FLYWAY_IGNORE", "*:future,*:missing")

demo_data.GATEWAY, demo_data.REALM = GATEWAY, REALM


def say(message):
    print(f"[upgrade] {message}", flush=True)


def git(*args):
    return subprocess.run(["git", "-C", ROOT, *args], check=True, capture_output=True, text=True).stdout.strip()


def migration_paths(service):
    paths = [f"{service}-service/src/main/resources/db/migration", "common/src/main/resources/db/common"]
    return paths + ([] if service == "synthesis" else ["common/src/main/resources/db/planview"])


def before_newest_migration(service):
    """(commit of the newest migration the service runs, its parent, the migrations that commit added)."""
    paths = migration_paths(service)
    commit = git("log", "-1", "--diff-filter=A", "--format=%H", "HEAD", "--", *paths)
    added = [p for p in git("show", "--diff-filter=A", "--name-only", "--format=", commit, "--", *paths).splitlines()
             if p.endswith(".sql")]
    return commit, git("rev-parse", commit + "^"), added


def old_build(service, commit):
    """The service's quarkus-app as built at commit, from the cache or built now."""
    module = f"{service}-service"
    cached = os.path.join(STATE, "upgrade", commit[:12], module, "quarkus-app")
    if os.path.isfile(os.path.join(cached, "quarkus-run.jar")):
        return cached
    work = tempfile.mkdtemp(prefix="coprogram-upgrade-")
    tree = os.path.join(work, "src")
    git("worktree", "add", "--detach", tree, commit)
    try:
        say(f"building {module} at {commit[:10]} (mvn package -DskipTests -pl {module} -am)")
        started = time.monotonic()
        subprocess.run(["mvn", "-B", "-ntp", "-q", "package", "-DskipTests", "-pl", module, "-am"], cwd=tree,
                       check=True, stdout=subprocess.DEVNULL)
        say(f"built in {time.monotonic() - started:.0f} s")
        os.makedirs(os.path.dirname(cached), exist_ok=True)
        shutil.copytree(os.path.join(tree, module, "target", "quarkus-app"), cached)
    finally:
        git("worktree", "remove", "--force", tree)
        shutil.rmtree(work, ignore_errors=True)
    return cached


def psql(database, sql):
    return subprocess.run(["psql", "-qtAX", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-c", sql],
                          check=True, capture_output=True, text=True).stdout.strip()


def wait_until(what, check, timeout=120):
    deadline = time.monotonic() + timeout
    while True:
        try:
            if check():
                return
        except (ApiError, subprocess.CalledProcessError, OSError):
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"[upgrade] {what}: not within {timeout} s")
        time.sleep(0.5)


class Instance:
    """One replica of a service: a jar on a port, on the drill's database, in the drill's consumer group."""

    def __init__(self, service, label, app, port, database, group, log_dir):
        self.service, self.label, self.port = service, label, port
        self.url = f"http://127.0.0.1:{port}"
        env = dict(os.environ, COPROGRAM_DB_REACTIVE_URL=f"postgresql://127.0.0.1:5432/{database}",
                   COPROGRAM_DB_JDBC_URL=f"jdbc:postgresql://127.0.0.1:5432/{database}", QUARKUS_HTTP_PORT=str(port),
                   QUARKUS_OIDC_AUTH_SERVER_URL=f"{KEYCLOAK}/realms/{REALM}", COPROGRAM_TOPICS_PREFIX=PREFIX,
                   MALLOC_ARENA_MAX="2")
        if service == "synthesis":
            env["MP_MESSAGING_CONNECTOR_SMALLRYE_KAFKA_GROUP_ID"] = group
        else:
            env["MP_MESSAGING_INCOMING_PLANS_GROUP_ID"] = group
        if label == "old":
            # The project runs Flyway out of order (common's microprofile-config.properties), and then Flyway counts
            # an applied migration newer than the code's as missing, not future: without this setting the previous
            # code refuses to start on the migrated schema (FlywayValidateException "Detected applied migration not
            # resolved locally"). docs/operations.md, "Upgrade", says what this means for a rollout.
            env["QUARKUS_FLYWAY_IGNORE_MIGRATION_PATTERNS"] = OLD_FLYWAY_IGNORE
        self.log = os.path.join(log_dir, f"{service}-{label}.log")
        self.process = subprocess.Popen(
            ["java", "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-jar", os.path.join(app, "quarkus-run.jar")],
            env=env, stdout=open(self.log, "a"), stderr=subprocess.STDOUT)

    def ready(self):
        if self.process.poll() is not None:
            raise SystemExit(f"[upgrade] {self.service} ({self.label}) exited — see {self.log}")
        try:
            return http("GET", self.url + "/q/health/ready", pace=False)[0] == 200
        except ApiError:
            return False

    def call(self, method, path, user=None, body=None):
        headers = {"Authorization": f"Bearer {ACCOUNTS.token(user)}"} if user else {}
        return http(method, self.url + path, body=body, headers=headers, pace=False,
                    what=f"{method} {path} through the {self.label} {self.service}-service")[1]

    def refuses(self, status, method, path, user=None, body=None):
        try:
            self.call(method, path, user, body)
        except ApiError as e:
            return e.status == status
        return False

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()


def gateway(method, path, user=None, body=None):
    return demo_data.api(method, path, user, body)[1]


def new_plan():
    wait_until("the test platform's gateway and synthesis", lambda: demo_data.api("GET", "/api/plans?size=1")[1]
               is not None, START_TIMEOUT)
    _, plan = demo_data.api("POST", "/api/plans", STAFF, {
        "region": "puglia", "title": f"Prova di aggiornamento {time.strftime('%H%M%S')}", "periodStart": "2026-01-01",
        "periodEnd": "2028-12-31", "themes": [{"code": "anziani", "label": "Anziani"}], "leps": []})
    gateway("POST", f"/api/plans/{plan['id']}/phase", STAFF, {"phase": "CONSULTATION"})
    return plan["id"]


PROPOSAL = {"kind": "PROPOSAL", "theme": "anziani", "municipality": "072006",
            "body": "Una proposta scritta durante la prova di aggiornamento, per vedere le due versioni insieme."}


# ------------------------------------------------------------------ main paths, through the old and the new replica
def exercise_proposal(old, new, checks):
    plan = new_plan()
    for r in (old, new):
        wait_until(f"the {r.label} replica knowing the plan", lambda r=r: r.call("GET", f"/api/plans/{plan}/proposals"))
    a = old.call("POST", f"/api/plans/{plan}/proposals", PEOPLE[0], dict(PROPOSAL, title="Scritta dalla versione vecchia"))
    b = new.call("POST", f"/api/plans/{plan}/proposals", PEOPLE[1], dict(PROPOSAL, title="Scritta dalla versione nuova"))
    checks.append(("submit a proposal through each", True))
    checks.append(("each reads the other's proposal", new.call("GET", f"/api/proposals/{a['id']}")["title"] ==
                   "Scritta dalla versione vecchia" and old.call("GET", f"/api/proposals/{b['id']}")["title"] ==
                   "Scritta dalla versione nuova"))
    new.call("PUT", f"/api/proposals/{a['id']}", PEOPLE[0], dict(PROPOSAL, title="Modificata dalla versione nuova"))
    checks.append(("the author edits through the other replica, the old one reads the edit",
                   old.call("GET", f"/api/proposals/{a['id']}")["title"] == "Modificata dalla versione nuova"))
    new.call("POST", f"/api/proposals/{a['id']}/supports", PEOPLE[2])
    old.call("POST", f"/api/proposals/{b['id']}/supports", PEOPLE[3])
    checks.append(("support through one, counted by the other",
                   old.call("GET", f"/api/proposals/{a['id']}")["supports"] == 1
                   and new.call("GET", f"/api/proposals/{b['id']}")["supports"] == 1))
    again = http("POST", old.url + f"/api/proposals/{a['id']}/supports", pace=False,
                 headers={"Authorization": f"Bearer {ACCOUNTS.token(PEOPLE[2])}"})[0]
    checks.append(("a second support of the same person through the other replica: 200 \"already\", still one",
                   again == 200 and new.call("GET", f"/api/proposals/{a['id']}")["supports"] == 1))
    checks.append(("both list both proposals",
                   all({a["id"], b["id"]} <= {p["id"] for p in r.call("GET", f"/api/plans/{plan}/proposals")["items"]}
                       for r in (old, new))))


def exercise_survey(old, new, checks):
    plan = new_plan()
    for r in (old, new):
        wait_until(f"the {r.label} replica knowing the plan", lambda r=r: r.call("GET", f"/api/plans/{plan}/surveys"))
    s = old.call("POST", f"/api/plans/{plan}/surveys", STAFF, {
        "title": "Questionario della prova di aggiornamento", "description": "Una domanda.", "anonymous": False,
        "questions": [{"id": "voto", "type": "SCALE", "label": "Quanto conta?", "min": 1, "max": 5, "required": True}]})
    new.call("POST", f"/api/surveys/{s['id']}/publish", STAFF)
    checks.append(("created by the old replica, published by the new, seen published by the old",
                   old.call("GET", f"/api/surveys/{s['id']}")["status"] == "PUBLISHED"))
    old.call("POST", f"/api/surveys/{s['id']}/responses", PEOPLE[0], {"answers": {"voto": 4}})
    new.call("POST", f"/api/surveys/{s['id']}/responses", PEOPLE[1], {"answers": {"voto": 2}})
    checks.append(("a response through each", True))
    checks.append(("a second response of the same person refused by the other replica (409)",
                   new.refuses(409, "POST", f"/api/surveys/{s['id']}/responses", PEOPLE[0], {"answers": {"voto": 1}})
                   and old.refuses(409, "POST", f"/api/surveys/{s['id']}/responses", PEOPLE[1], {"answers": {"voto": 1}})))
    checks.append(("both list the survey", all(s["id"] in {x["id"] for x in r.call("GET", f"/api/plans/{plan}/surveys")["items"]}
                                               for r in (old, new))))


def exercise_meeting(old, new, checks):
    plan = new_plan()
    for r in (old, new):
        wait_until(f"the {r.label} replica knowing the plan", lambda r=r: r.call("GET", f"/api/plans/{plan}/meetings"))
    m = old.call("POST", f"/api/plans/{plan}/meetings", STAFF, {
        "type": "THEMATIC", "title": "Tavolo della prova di aggiornamento", "description": "Un incontro di prova.",
        "themes": ["anziani"], "municipality": "072006", "address": "Sede della Regione",
        "startsAt": "2027-02-03T10:00:00+01:00", "endsAt": "2027-02-03T13:00:00+01:00", "capacity": 1})
    checks.append(("created by the old replica, read by the new", new.call("GET", f"/api/meetings/{m['id']}")["id"] == m["id"]))
    first = new.call("POST", f"/api/meetings/{m['id']}/registrations", PEOPLE[0])
    second = old.call("POST", f"/api/meetings/{m['id']}/registrations", PEOPLE[1])
    checks.append(("one seat: registered through the new replica, waitlisted through the old",
                   first["status"] == "CONFIRMED" and second["status"] == "WAITLISTED"))
    checks.append(("each reads the other's registration",
                   old.call("GET", f"/api/meetings/{m['id']}/registrations/me", PEOPLE[0])["status"] == "CONFIRMED"
                   and new.call("GET", f"/api/meetings/{m['id']}/registrations/me", PEOPLE[1])["status"] == "WAITLISTED"))
    old.call("DELETE", f"/api/meetings/{m['id']}/registrations/me", PEOPLE[0])
    checks.append(("cancelled through the old replica, the waitlisted person promoted, seen by the new",
                   new.call("GET", f"/api/meetings/{m['id']}/registrations/me", PEOPLE[1])["status"] == "CONFIRMED"))


def exercise_synthesis(old, new, checks):
    body = {"region": "puglia", "title": f"Piano della prova di aggiornamento {time.strftime('%H%M%S')}",
            "periodStart": "2026-01-01", "periodEnd": "2028-12-31", "themes": [{"code": "anziani", "label": "Anziani"}],
            "leps": []}
    p = old.call("POST", "/api/plans", STAFF, body)
    checks.append(("plan created by the old replica, read by the new", new.call("GET", f"/api/plans/{p['id']}")["title"] == body["title"]))
    new.call("POST", f"/api/plans/{p['id']}/phase", STAFF, {"phase": "CONSULTATION"})
    checks.append(("phase changed by the new replica, read by the old",
                   old.call("GET", f"/api/plans/{p['id']}")["phase"] == "CONSULTATION"))
    checks.append(("a phase change the old replica must refuse (back to DRAFT: 409)",
                   old.refuses(409, "POST", f"/api/plans/{p['id']}/phase", STAFF, {"phase": "DRAFT"})))
    checks.append(("the synthesis of the plan through both",
                   all(r.call("GET", f"/api/plans/{p['id']}/synthesis")["planId"] == p["id"] for r in (old, new))))


EXERCISE = {"proposal": exercise_proposal, "survey": exercise_survey, "meeting": exercise_meeting,
            "synthesis": exercise_synthesis}


def drill(service, index, log_dir):
    commit, parent, added = before_newest_migration(service)
    old_app = old_build(service, parent)
    new_app = os.path.join(ROOT, f"{service}-service", "target", "quarkus-app")
    if not os.path.isfile(os.path.join(new_app, "quarkus-run.jar")):
        raise SystemExit(f"[upgrade] build this checkout first: mvn package -DskipTests -pl {service}-service -am")
    database = f"coprogram_{service}_upgrade{SUFFIX}"
    psql("postgres", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    psql("postgres", f"CREATE DATABASE {database}")
    group = f"{PREFIX}{service}-service-upgrade-{int(time.time())}"
    started = time.monotonic()
    new = Instance(service, "new", new_app, PORT + 10 + index, database, group, log_dir)
    old = None
    checks = []
    try:
        newest = os.path.basename(added[-1]).split("__")[0][1:].replace("_", ".")
        wait_until(f"{service}-service (new) migrating to {newest}", lambda: psql(
            database, f"select count(*) from flyway_schema_history where success and version = '{newest}'") == "1",
            START_TIMEOUT)
        versions = psql(database, "select string_agg(version, ' ' order by installed_rank) from flyway_schema_history "
                                  "where success")
        # The old replica starts once the new one has migrated, as in a rolling update; both then start together.
        old = Instance(service, "old", old_app, PORT + 20 + index, database, group, log_dir)
        wait_until(f"{service}-service (new) ready", new.ready, START_TIMEOUT)
        wait_until(f"{service}-service (old) ready on the new schema", old.ready, START_TIMEOUT)
        checks.append((f"the old code starts on the migrated schema (with quarkus.flyway.ignore-migration-patterns="
                       f"{OLD_FLYWAY_IGNORE}) and adds no migration",
                       psql(database, "select count(*) from flyway_schema_history") == str(len(versions.split()))))
        EXERCISE[service](old, new, checks)
    except (ApiError, KeyError, TypeError) as e:
        checks.append((f"failed: {e}", False))
    finally:
        for r in (old, new):
            if r:
                r.stop()
        psql("postgres", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    return {"service": service, "old": parent[:10], "migration": ", ".join(os.path.basename(a) for a in added),
            "commit": commit[:10], "checks": checks, "seconds": round(time.monotonic() - started)}


def main():
    write_docs = "--write-docs" in sys.argv[1:]
    services = [s.removesuffix("-service") for s in sys.argv[1:] if s != "--write-docs"] or ALL
    unknown = set(services) - set(ALL)
    if unknown:
        raise SystemExit(f"[upgrade] unknown service(s): {', '.join(sorted(unknown))}; choose among {', '.join(ALL)}")
    for i, user in enumerate(PEOPLE):
        ACCOUNTS.create({"username": user, "firstName": "Prova", "lastName": f"Aggiornamento {i}", "role": "citizen",
                         "attributes": {"stakeholder_category": "CITIZEN"}})
    log_dir = os.path.join(STATE, "test", "logs", "upgrade")
    os.makedirs(log_dir, exist_ok=True)
    results = [drill(s, ALL.index(s), log_dir) for s in services]
    text = (f"Run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} (*s*: from the new replica's start to "
            "the end of the checks, the old jar's build not included):\n\n"
            "| service | old code: commit before its newest migration | newest migration (commit) | checks through "
            "the old and the new replica | passed | s |\n|---|---|---|---|---|---|\n")
    for r in results:
        passed = sum(1 for _, ok in r["checks"] if ok)
        text += (f"| {r['service']}-service | `{r['old']}` | {r['migration']} (`{r['commit']}`) | "
                 f"{'; '.join(name + ('' if ok else ' **FAILED**') for name, ok in r['checks'])} | "
                 f"{passed}/{len(r['checks'])} | {r['seconds']} |\n")
    print(text)
    if write_docs:
        path = os.path.join(ROOT, "docs", "reliability.md")
        with open(path) as f:
            doc = f.read()
        begin, end = "<!-- drill-upgrade:begin -->", "<!-- drill-upgrade:end -->"
        doc = doc[:doc.index(begin) + len(begin)] + "\n" + text + doc[doc.index(end):]
        with open(path, "w") as f:
            f.write(doc)
        say(f"table written to {path}")
    if any(not ok for r in results for _, ok in r["checks"]) or any(not r["checks"] for r in results):
        raise SystemExit("[upgrade] FAILED: the previous code does not serve its main paths on the new schema")
    say(f"passed; logs in {log_dir}")


if __name__ == "__main__":
    main()
