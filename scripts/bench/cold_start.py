"""The cold-start step of the peak benchmark (issue #28): the platform's processes start, and from the moment they all
report ready the 70/30 mix arrives at a fixed rate for two minutes; errors and p99 per 10-second window.

    python3 scripts/bench/cold_start.py          (scripts/bench-peak.sh runs it first when COLD_START=1)

What it does, against a running platform (the demo's, or a test platform: COPROGRAM_GATEWAY, COPROGRAM_KEYCLOAK and
COPROGRAM_REALM say which; `./coprogram test-platform` takes its own COPROGRAM_TEST_* variables from the environment):
  1. data the mix needs, through the API: a plan in consultation, seed proposals, questionnaires, meetings, bench
     citizens with tokens (COLD_USERS);
  2. every service and the gateway restarted (`./coprogram [test-platform] restart <m> --no-wait`, one after the other,
     with this environment: JDK, AOT cache and warm-up as ./coprogram chooses them), then each one's readiness polled:
     the first second after the last one is ready is the first second after `up`;
  3. at once, open model at COLD_RATE requests/s (default 20) for COLD_SECONDS (120): 70 % reads as the peak
     benchmark's mix (lists by theme and province, search, proposal, questionnaire, results, meetings, synthesis),
     30 % writes (proposal, support, questionnaire response, meeting registration). A request's latency is counted
     from when it was due, so a generator that falls behind shows as latency, not as a lighter load;
  4. per COLD_WINDOW (10) seconds: requests, errors (status other than expected, or no answer within 30 s) and
     p50/p99, printed as a table and kept as JSON under scripts/bench/target/cold-start/, with the load average.
The generator is this Python process (threads, keep-alive connections): light enough at these rates to leave the
machine to the platform.
"""
import datetime
import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))
import local_platform  # noqa: E402
import peak  # noqa: E402  (the peak benchmark's plan, questionnaire, meeting and seed-proposal set-up)

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "scripts" / "bench" / "target" / "cold-start"
GATEWAY = local_platform.GATEWAY
REALM = os.environ.get("COPROGRAM_REALM", "coprogram")
RATE = float(os.environ.get("COLD_RATE", 20))
SECONDS = int(os.environ.get("COLD_SECONDS", 120))
WINDOW = int(os.environ.get("COLD_WINDOW", 10))
USERS = int(os.environ.get("COLD_USERS", 50))
# "test-platform" to restart a test platform's processes; empty for the demo platform.
PLATFORM_ARGS = os.environ.get("COLD_PLATFORM", "test-platform" if os.environ.get("COPROGRAM_TEST_PORT") else "").split()
MODULES = ["proposal-service", "survey-service", "meeting-service", "synthesis-service", "notification-service",
           "gateway"]
READY_TIMEOUT = int(os.environ.get("COLD_READY_TIMEOUT", 900))
REQUEST_TIMEOUT = 30
PROVINCES = ["BA", "BT", "BR", "FG", "LE", "TA"]
WORDS = ["assistenza", "anziani", "famiglie", "disabilità", "giovani", "lavoro", "domiciliare", "caregiver", "centro",
         "servizi", "casa", "scuola", "trasporto", "povertà", "salute"]
MUNICIPALITIES = ["072006", "071024", "073027", "074001", "075035", "110001"]


def say(message):
    print(f"\033[1m[cold-start]\033[0m {message}", file=sys.stderr, flush=True)


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# -------------------------------------------------------------------------------------------------- accounts
def keycloak_form(path, data):
    body = urllib.parse.urlencode(data).encode()
    with urllib.request.urlopen(local_platform.KEYCLOAK + path, body, timeout=60) as response:
        return json.load(response)


def login(user):
    return keycloak_form(f"/realms/{REALM}/protocol/openid-connect/token",
                         {"grant_type": "password", "username": user, "password": user, **local_platform.CLI_CLIENT})


def bench_citizens(count):
    """cold-1..cold-<count> in the realm (role citizen, password = name), logged in: their token responses."""
    admin = keycloak_form("/realms/master/protocol/openid-connect/token",
                          {"grant_type": "password", "client_id": "admin-cli", "username": "admin", "password": "admin"})
    names = [f"cold-{i}" for i in range(1, count + 1)]
    users = [{"username": n, "enabled": True, "emailVerified": True, "email": f"{n}@bench.coprogram.invalid",
              "firstName": "Cold", "lastName": n, "realmRoles": ["citizen"],
              "credentials": [{"type": "password", "value": n, "temporary": False}]} for n in names]
    request = urllib.request.Request(f"{local_platform.KEYCLOAK}/admin/realms/{REALM}/partialImport",
                                     json.dumps({"users": users, "ifResourceExists": "SKIP"}).encode(),
                                     {"Content-Type": "application/json",
                                      "Authorization": "Bearer " + admin["access_token"]})
    urllib.request.urlopen(request, timeout=300).read()
    with ThreadPoolExecutor(4) as pool:
        return list(pool.map(login, names))


# ------------------------------------------------------------------------------------------------------ data
def prepare():
    writes = RATE * SECONDS * 0.3
    needs = {kind: int(writes * share * 1.3 / USERS) + 2 for kind, share in peak.WRITE_SHARES.items()}
    say(f"preparing: {USERS} citizens, a plan, {max(60, needs['support'])} proposals, {needs['response'] + 2}"
        f" questionnaires, {needs['registration']} meetings")
    tokens = [t["access_token"] for t in bench_citizens(USERS)]
    staff = login("regione")["access_token"]
    plan = peak.create_plan(staff, f"Avvio a freddo {datetime.datetime.now():%Y%m%d-%H%M%S}")
    proposals = peak.seed_proposals(plan, [{"access_token": t} for t in tokens], max(60, needs["support"]),
                                    peak.search_words.corpus_texts()[1])
    surveys = [peak.create_survey(staff, plan) for _ in range(needs["response"] + 2)]
    meetings = [peak.create_meeting(staff, plan, n) for n in range(needs["registration"])]
    for token in tokens[:10]:  # the read-target questionnaires get answers, so their results have cells
        for survey in surveys[:2]:
            peak.call("POST", f"/api/surveys/{survey}/responses", token, {
                "answers": {"servizio": "sad", "voto": 4, "priorita": ["a", "b", "c"], "nota": "Più ore"},
                "municipality": "072006"})
    data = {"plan": plan, "tokens": tokens, "proposals": proposals, "read_surveys": surveys[:2],
            "surveys": surveys[2:], "meetings": meetings, "readers": tokens[:10]}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "data.json").write_text(json.dumps(data))
    return data


def pairs(tokens, targets, skip=()):
    """Every (token, target) once, shuffled: a citizen supports a proposal, answers a questionnaire, registers once."""
    all_pairs = [(t, x) for t in tokens for x in targets if (t, x) not in skip]
    random.shuffle(all_pairs)
    return iter(all_pairs)


class Mix:
    """The next request of the 70/30 mix: (name, method, path, token, body, headers, expected status)."""

    def __init__(self, data):
        self.data = data
        self.plan = data["plan"]
        self.lock = threading.Lock()
        self.supports = pairs(data["tokens"], data["proposals"])
        self.responses = pairs(data["tokens"], data["surveys"])
        self.registrations = pairs(data["tokens"], data["meetings"])
        self.sequence = 0

    def next(self, rng):
        if rng.random() < 0.7:
            return self.read(rng)
        with self.lock:
            return self.write(rng)

    def read(self, rng):
        plan, pick = self.plan, rng.choice
        roll = rng.random()
        if roll < 0.30:
            return ("read: proposal list", "GET", f"/api/plans/{plan}/proposals?theme={pick(peak.THEMES)[0]}&province="
                    f"{pick(PROVINCES)}&sort={pick(['supports', 'recent'])}&page={rng.randrange(3)}&size=20",
                    None, None, 200)
        if roll < 0.45:
            return ("read: proposal search", "GET", f"/api/plans/{plan}/proposals?q={urllib.parse.quote(pick(WORDS))}",
                    None, None, 200)
        if roll < 0.65:
            return ("read: proposal", "GET", f"/api/proposals/{pick(self.data['proposals'])}", None, None, 200)
        if roll < 0.75:
            return ("read: questionnaire", "GET", f"/api/surveys/{pick(self.data['read_surveys'])}", None, None, 200)
        if roll < 0.85:
            return ("read: questionnaire results", "GET", f"/api/surveys/{pick(self.data['read_surveys'])}/results"
                    f"?province={pick(PROVINCES)}", None, None, 200)
        if roll < 0.95:
            return ("read: meeting list", "GET", f"/api/plans/{plan}/meetings", None, None, 200)
        return ("read: synthesis", "GET", f"/api/plans/{plan}/synthesis", None, None, 200)

    def write(self, rng):
        roll = rng.random()
        self.sequence += 1
        if roll < 0.15:
            return ("write: proposal", "POST", f"/api/plans/{self.plan}/proposals", rng.choice(self.data["tokens"]), {
                "kind": "PROPOSAL", "theme": rng.choice(peak.THEMES)[0], "municipality": rng.choice(MUNICIPALITIES),
                "title": f"Servizi di prossimità per il quartiere {self.sequence}",
                "body": "Proponiamo un punto di ascolto aperto due pomeriggi a settimana."}, 201)
        if roll < 0.50:
            token, proposal = next(self.supports)
            return ("write: support", "POST", f"/api/proposals/{proposal}/supports", token, None, 201)
        if roll < 0.85:
            token, survey = next(self.responses)
            return ("write: questionnaire response", "POST", f"/api/surveys/{survey}/responses", token, {
                "answers": {"servizio": rng.choice(["sad", "cd", "nessuno"]), "voto": rng.randint(1, 5),
                            "priorita": ["b", "a", "c"], "nota": "Più ore di assistenza"},
                "municipality": rng.choice(MUNICIPALITIES)}, 201)
        token, meeting = next(self.registrations)
        return ("write: meeting registration", "POST", f"/api/meetings/{meeting}/registrations", token, None, 201)


# ------------------------------------------------------------------------------------------------ the restart
def ports():
    base = urllib.parse.urlsplit(GATEWAY).port or 80
    return {m: base + i + 1 for i, m in enumerate(MODULES[:-1])} | {"gateway": base}


def ready(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/q/health/ready", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def restart():
    """Every process stopped and started again; the time from the first stop to the last readiness."""
    started = time.monotonic()
    for module in MODULES:
        subprocess.run([str(ROOT / "coprogram"), *PLATFORM_ARGS, "restart", module, "--no-wait"], check=True,
                       stdout=subprocess.DEVNULL)
    restarted = time.monotonic()
    waiting = dict(ports())
    ready_at = {}
    while waiting:
        if time.monotonic() - restarted > READY_TIMEOUT:
            raise RuntimeError(f"not ready after {READY_TIMEOUT} s: {sorted(waiting)}")
        for module, port in list(waiting.items()):
            if ready(port):
                ready_at[module] = time.monotonic() - restarted
                del waiting[module]
        time.sleep(0.2)
    return {"stop_and_start_s": restarted - started, "ready_after_s": ready_at}


def pid_dir():
    port = os.environ.get("COPROGRAM_TEST_PORT")
    if "test-platform" not in PLATFORM_ARGS:
        return Path(local_platform.STATE) / "pids"
    return Path(local_platform.STATE) / ("test" if port in (None, "18080") else f"test-{port}") / "pids"


class Rss(threading.Thread):
    """The largest resident set of each process during the run, MB."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peaks = {}
        self.stop = threading.Event()

    def run(self):
        while not self.stop.wait(2):
            for module in MODULES:
                try:
                    pid = (pid_dir() / f"{module}.pid").read_text().strip()
                    rss = peak.memory_mb(pid, "VmRSS:")
                except OSError:
                    continue
                self.peaks[module] = max(self.peaks.get(module, 0), round(rss))


# --------------------------------------------------------------------------------------------------- the load
class Generator:
    def __init__(self, mix):
        self.mix = mix
        self.local = threading.local()
        self.results = []  # (due offset s, name, latency ms, ok, status)
        self.lock = threading.Lock()

    def connection(self, fresh=False):
        if fresh or getattr(self.local, "conn", None) is None:
            parts = urllib.parse.urlsplit(GATEWAY)
            self.local.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=REQUEST_TIMEOUT)
        return self.local.conn

    def send(self, due, offset, request):
        name, method, path, token, body, expected = request
        headers = {"Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = "Bearer " + token
        if name == "write: questionnaire response":
            headers["Idempotency-Key"] = f"cold-{offset:.6f}-{random.random()}"
        status = 0
        try:
            conn = self.connection()
            try:
                conn.request(method, path, json.dumps(body) if body is not None else None, headers)
            except (http.client.HTTPException, OSError):  # a kept-alive connection the server closed: once more
                conn = self.connection(fresh=True)
                conn.request(method, path, json.dumps(body) if body is not None else None, headers)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (http.client.HTTPException, OSError):
            self.connection(fresh=True)
        latency = (time.monotonic() - due) * 1000
        with self.lock:
            self.results.append((offset, name, latency, status == expected, status))

    def run(self, rate, seconds):
        rng = random.Random(28)
        total = int(rate * seconds)
        start = time.monotonic()
        with ThreadPoolExecutor(max_workers=256) as pool:
            for i in range(total):
                due = start + i / rate
                delay = due - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                pool.submit(self.send, due, i / rate, self.mix.next(rng))
        return self.results


def percentile(values, p):
    return peak.percentile(values, p)


def windows(results, size, seconds):
    rows = []
    for start in range(0, seconds, size):
        inside = [r for r in results if start <= r[0] < start + size]
        ok = [r[2] for r in inside if r[3]]
        errors = [r for r in inside if not r[3]]
        statuses = {}
        for r in errors:
            statuses[r[4]] = statuses.get(r[4], 0) + 1
        rows.append({"from_s": start, "to_s": start + size, "requests": len(inside), "errors": len(errors),
                     "error_statuses": statuses, "p50_ms": percentile(ok, 50), "p99_ms": percentile(ok, 99),
                     "max_ms": max(ok) if ok else None})
    return rows


def table(rows):
    lines = ["| seconds after ready | requests | errors | p50 ms | p99 ms | max ms |",
             "| --- | --- | --- | --- | --- | --- |"]
    for w in rows:
        kinds = ", ".join(f"{status or 'no answer'}: {n}" for status, n in w["error_statuses"].items())
        errors = f"{w['errors']} ({kinds})" if w["errors"] else "0"
        lines.append(f"| {w['from_s']}–{w['to_s']} | {w['requests']} | {errors} | {peak.fmt(w['p50_ms'])} | "
                     f"{peak.fmt(w['p99_ms'])} | {peak.fmt(w['max_ms'])} |")
    return "\n".join(lines)


def main():
    # COLD_DATA=<file>: the data a previous run prepared (scripts/bench/target/cold-start/data.json), not yet written
    # to by a mix (its supports, answers and registrations would be refused as repeated).
    data = json.loads(Path(os.environ["COLD_DATA"]).read_text()) if os.environ.get("COLD_DATA") else prepare()
    mix = Mix(data)
    say(f"restarting every process ({' '.join(PLATFORM_ARGS) or 'demo platform'}); load average {load_average()}")
    timing = restart()
    before = load_average()
    say(f"all ready {max(timing['ready_after_s'].values()):.1f} s after the restarts (load average {before}): "
        f"{RATE:g} requests/s for {SECONDS} s, now")
    rss = Rss()
    rss.start()
    results = Generator(mix).run(RATE, SECONDS)
    time.sleep(1)
    rss.stop.set()
    after = load_average()
    rows = windows(results, WINDOW, SECONDS)
    ok = [r[2] for r in results if r[3]]
    summary = {"when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
               "gateway": GATEWAY, "rate": RATE, "seconds": SECONDS, "restart": timing,
               "load_average_before": before, "load_average_after": after, "requests": len(results),
               "errors": sum(1 for r in results if not r[3]), "p99_ms": percentile(ok, 99), "windows": rows,
               "rss_peak_mb": rss.peaks,
               "by_request": {name: {"requests": sum(1 for r in results if r[1] == name),
                                     "errors": sum(1 for r in results if r[1] == name and not r[3]),
                                     "p99_ms": percentile([r[2] for r in results if r[1] == name and r[3]], 99)}
                              for name in sorted({r[1] for r in results})}}
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"cold-start-{datetime.datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(summary, indent=2))
    print(table(rows))
    print(f"\nall: {summary['requests']} requests, {summary['errors']} errors, p99 {peak.fmt(summary['p99_ms'])} ms; "
          f"ready {max(timing['ready_after_s'].values()):.1f} s after the restarts; load average {before} before, "
          f"{after} after; largest RSS (MB) {rss.peaks}")
    say(f"kept in {path}")


if __name__ == "__main__":
    main()
