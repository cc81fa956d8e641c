#!/usr/bin/env python3
"""Fault drills against the running platform (./coprogram up), issue #10: a steady proposal-writing load through the
gateway while one part of the platform fails, then a reconciliation of what was accepted against the proposal
service's rows, its outbox and the synthesis (which counts only events it consumed from Kafka, once each by id).

    scripts/faults.py [kill-service] [broker-down] [postgres-restart] [keycloak-down]

Prints one table row per drill and writes the table to docs/reliability-faults.md. Standard library only.
"""
import concurrent.futures
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from local_platform import GATEWAY, ROOT, STATE, psql, token

WRITERS = ["cittadino", "ets", "ambito", "moderatore"]
RATE = float(os.environ.get("FAULT_RATE", "20"))  # proposals per second, all writers together


def call(method, path, tok=None, body=None, timeout=10):
    """(status, content type, parsed body or text); status 0 means no answer (refused, reset or timed out)."""
    request = urllib.request.Request(GATEWAY + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
    request.add_header("Accept", "application/json")
    if tok:
        request.add_header("Authorization", "Bearer " + tok)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            text = r.read().decode()
            return r.status, r.headers.get("Content-Type", ""), json.loads(text) if text else None
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode(errors="replace")
    except Exception as e:  # connection refused, reset, timeout: the caller sees no answer
        return 0, "", repr(e)


def coprogram(*args):
    subprocess.run([os.path.join(ROOT, "coprogram"), *args], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def unpublished_events(plan_id):
    """Events of the plan committed in the proposal service's outbox and not yet relayed to Kafka."""
    return psql("coprogram_proposal", f"select count(*) from outbox_event where plan_id = '{plan_id}' "
                                      "and published_at is null")


def wait(what, check, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if check():
                return True
        except Exception:
            pass
        time.sleep(0.5)
    print(f"  ! {what}: not within {seconds}s", file=sys.stderr)
    return False


def fresh_plan(staff, name):
    status, _, plan = call("POST", "/api/plans", staff, {
        "region": "puglia", "title": f"Prova di guasto {name} {time.strftime('%H%M%S')}", "periodStart": "2026-01-01",
        "periodEnd": "2028-12-31", "themes": [{"code": "anziani", "label": "Anziani"}], "leps": []})
    assert status == 201, plan
    call("POST", f"/api/plans/{plan['id']}/phase", staff, {"phase": "CONSULTATION"})
    wait("proposal service learning the plan", lambda: call("GET", f"/api/plans/{plan['id']}/proposals")[0] == 200)
    return plan["id"]


class Load:
    """Writes proposals at a fixed arrival rate (an open model: a slow answer does not slow the arrivals)."""

    def __init__(self, plan_id, tokens):
        self.plan_id, self.tokens, self.results, self.stop = plan_id, tokens, [], threading.Event()
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=64)
        self.lock = threading.Lock()

    def one(self, n):
        user = WRITERS[n % len(WRITERS)]
        started = time.time()
        status, ctype, body = call("POST", f"/api/plans/{self.plan_id}/proposals", self.tokens[user], {
            "kind": "PROPOSAL", "title": f"Proposta di prova numero {n}", "theme": "anziani", "municipality": "072006",
            "body": f"Testo della proposta di prova numero {n}, scritta durante una prova di guasto."})
        with self.lock:
            self.results.append((started, time.time() - started, status, ctype))

    def run(self):
        n, t0 = 0, time.time()
        while not self.stop.is_set():
            self.pool.submit(self.one, n)
            n += 1
            time.sleep(max(0.0, t0 + n / RATE - time.time()))
        self.pool.shutdown(wait=True)


def drill(name, description, inject, recover, staff, tokens, before=5, after=15):
    plan_id = fresh_plan(staff, name)
    load = Load(plan_id, tokens)
    runner = threading.Thread(target=load.run)
    runner.start()
    time.sleep(before)
    window_start = time.time()
    observed = inject(plan_id) or ""
    recover()
    window_end = time.time() + 5  # grace for the first requests after recovery
    time.sleep(after)
    load.stop.set()
    runner.join()

    accepted = sum(1 for r in load.results if 200 <= r[2] < 300)
    # A request belongs to the outage window if it was in flight at any moment of it.
    overlaps = lambda r: r[0] <= window_end and r[0] + r[1] >= window_start
    outside = [r for r in load.results if not overlaps(r)]
    inside = [r for r in load.results if overlaps(r)]
    errors_outside = sum(1 for r in outside if r[2] >= 500 or r[2] == 0)
    errors_inside = sum(1 for r in inside if r[2] >= 500 or r[2] == 0)
    not_problem = sum(1 for r in load.results if r[2] >= 400 and "problem+json" not in r[3])
    slowest = max(r[1] for r in load.results)
    in_window = {}
    for r in inside:
        in_window[r[2]] = in_window.get(r[2], 0) + 1
    observed += "; answers in the window: " + ", ".join(
        f"{count}× {status or 'no answer'}" for status, count in sorted(in_window.items()))

    rows = lambda: call("GET", f"/api/plans/{plan_id}/proposals?size=1")[2]["total"]
    synthesis = lambda: call("GET", f"/api/plans/{plan_id}/synthesis")[2]["totals"]["proposals"]
    wait("synthesis catching up", lambda: synthesis() >= accepted, 180)
    stored, projected = rows(), synthesis()
    unpublished = unpublished_events(plan_id)
    lost = accepted - min(stored, projected)
    row = {"drill": name, "what": description, "requests": len(load.results), "accepted": accepted,
           "rows": stored, "synthesis": projected, "unpublished": unpublished, "lost": lost,
           "5xx_or_no_answer_in_window": errors_inside, "5xx_or_no_answer_outside": errors_outside,
           "errors_not_problem_json": not_problem, "slowest_s": round(slowest, 2), "observed": observed}
    print(json.dumps(row, ensure_ascii=False))
    return row


def kill_service(plan_id):
    # The broker goes first so that accepted writes wait in the outbox: the kill then surely falls between their
    # commit and their relay, instead of by chance.
    coprogram("kafka-stop")
    time.sleep(5)
    pending = unpublished_events(plan_id)
    pid = int(open(os.path.join(STATE, "pids", "proposal-service.pid")).read())
    os.kill(pid, 9)
    return f"kill -9 while {pending} committed events of the drill were not yet relayed (broker stopped 5 s before)"


def restart_broker_then_service():
    # The broker first: a service reports ready only once it reaches the broker. The events the dead process left
    # in the outbox can only be relayed by the restarted one.
    coprogram("kafka-start")
    coprogram("services")


def broker_down(plan_id):
    coprogram("kafka-stop")
    time.sleep(30)
    return "broker stopped for 30 s"


def postgres_restart(plan_id):
    bin_file = os.path.join(STATE, "pids", "postgres.bin")
    if os.path.exists(bin_file):
        command = f"'{open(bin_file).read().strip()}/pg_ctl' -D '{STATE}/postgres/data' -m fast -w restart"
    else:
        version = sorted(os.listdir("/etc/postgresql"))[-1]
        command = f"pg_ctlcluster --skip-systemctl-redirect {version} main restart -m fast"
    subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c", command] if os.getuid() == 0 else ["sh", "-c", command],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return "PostgreSQL restarted (fast shutdown: open connections cut)"


def keycloak_down(plan_id):
    coprogram("keycloak-stop")
    try:
        token("cittadino")
        login = "a new login still worked"
    except Exception as e:
        login = f"a new login failed at once ({type(e).__name__})"
    time.sleep(20)
    return f"Keycloak stopped for 20 s; tokens issued before kept working; {login}"


DRILLS = {
    "kill-service": ("proposal-service killed with SIGKILL under load with events committed but not relayed, "
                     "then restarted", kill_service, restart_broker_then_service),
    "broker-down": ("Kafka stopped for 30 s under load, then restarted", broker_down,
                    lambda: coprogram("kafka-start")),
    "postgres-restart": ("PostgreSQL restarted under load, services left running", postgres_restart, lambda: None),
    "keycloak-down": ("Keycloak stopped for 20 s under load", keycloak_down, lambda: None),
}


def main():
    chosen = sys.argv[1:] or list(DRILLS)
    tokens = {user: token(user) for user in WRITERS}
    staff = token("regione")
    rows = []
    for name in chosen:
        description, inject, recover = DRILLS[name]
        rows.append(drill(name, description, inject, recover, staff, tokens))
        if name == "keycloak-down":
            coprogram("infra")  # brings Keycloak back for whatever runs next
    write_table(rows)


def write_table(rows):
    header = ("| drill | requests | accepted | rows | synthesis | lost | 5xx / no answer in the outage window | "
              "outside it | error answers not problem+json | slowest answer | observed |\n"
              "|---|---|---|---|---|---|---|---|---|---|---|\n")
    lines = "".join(f"| {r['what']} | {r['requests']} | {r['accepted']} | {r['rows']} | {r['synthesis']} | "
                    f"{r['lost']} | {r['5xx_or_no_answer_in_window']} | {r['5xx_or_no_answer_outside']} | "
                    f"{r['errors_not_problem_json']} | {r['slowest_s']} s | {r['observed']} |\n" for r in rows)
    path = os.path.join(ROOT, "docs", "reliability-faults.md")
    with open(path, "w", encoding="utf-8") as out:
        out.write("# Fault drills: latest run of `scripts/faults.py`\n\n"
                  f"{time.strftime('%Y-%m-%d %H:%M')}, load {RATE:g} proposals/s through the gateway from "
                  f"{len(WRITERS)} accounts. *rows* = the proposal service's stored proposals of the drill's plan, "
                  "*synthesis* = proposals the synthesis counted from the events it consumed (deduplicated by event "
                  "id), *lost* = accepted minus the smaller of the two.\n\n" + header + lines)
    print(f"written {path}")


if __name__ == "__main__":
    main()
