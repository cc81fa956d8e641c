"""The consultation-peak benchmark (run it through scripts/bench-peak.sh, which starts the platform if needed).

Against a running platform, in one run:
  1. the machine's own limits: PostgreSQL single-row insert + commit rate (pgbench, same server, same durability
     settings) and Kafka producer throughput with acks=all (the broker's own ProducerPerformance tool);
  2. USERS bench citizens created through Keycloak's admin API, with real tokens;
  3. a fresh Puglia plan in consultation with seed proposals, questionnaires and meetings, plus a probe plan;
  4. through the gateway, open model (Gatling PeakSimulation): a warm-up, writes stepped up to the highest rate
     sustained, writes at 70 % of it, reads stepped up the same way, then the 70/30 peak mix;
  5. meanwhile: write -> synthesis propagation on the probe plan, RSS and CPU of every process;
  6. reconciliation: every accepted write is a row, and the synthesis counted it;
  7. a summary table, printed and written to docs/performance.md between its peak-benchmark markers.
Environment (defaults): USERS (500), WARMUP_SECONDS (60), STEP_SECONDS (20), BENCH_SECONDS (60; 300 is the issue's
five minutes), WRITE_STEPS (100,200,300,400,500,600,800,1000), READ_STEPS (250,500,750,1000,1500,2000,3000),
MIX_RATE (70 % of the capacity the two maxima imply for a 70/30 mix), SEED_PROPOSALS (1000), GENERATOR (gatling, or
open: the light constant-rate generator scripts/bench/OpenLoad.java on a schedule from open_mix.py), BENCH_CORPORA
(search_words.py). The reads search Italian words drawn Zipf-like from the real corpora, which also make the seed
proposals; one reader in five is signed in; list and search pages go deep (#28, "honest load").
"""
import datetime
import http.client
import json
import math
import os
import re
import resource
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))
import bench_users  # noqa: E402
import gatling_stats  # noqa: E402
import local_platform  # noqa: E402
import open_mix  # noqa: E402
import search_words  # noqa: E402
from local_platform import GATEWAY, psql  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
STATE = Path(local_platform.STATE)
WORK = STATE / "bench" / "peak"
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- peak-benchmark:begin -->", "<!-- peak-benchmark:end -->"
GENERATOR = os.environ.get("GENERATOR", "gatling")
GATLING = ("load generator (Maven + Gatling, start-up and report included)" if GENERATOR == "gatling" else
           "load generator (OpenLoad.java, JVM start and compilation included)")

USERS = int(os.environ.get("USERS", 500))
WARMUP = int(os.environ.get("WARMUP_SECONDS", 60))
STEP = int(os.environ.get("STEP_SECONDS", 20))
LONG = int(os.environ.get("BENCH_SECONDS", 60))
WRITE_STEPS = [int(r) for r in os.environ.get("WRITE_STEPS", "100,200,300,400,500,600,800,1000").split(",")]
READ_STEPS = [int(r) for r in os.environ.get("READ_STEPS", "250,500,750,1000,1500,2000,3000").split(",")]
SEED_PROPOSALS = int(os.environ.get("SEED_PROPOSALS", 1000))
# A step is sustained when nothing failed and the queue did not grow: p99 under a second.
SUSTAINED_P99_MS = 1000
READ_TARGET_P99_MS = 50
WRITE_KINDS = {"proposal": "write: proposal", "support": "write: support",
               "response": "write: questionnaire response", "registration": "write: meeting registration"}
# Shares of the write mix (PeakSimulation's randomSwitch), used to size the targets each run needs.
WRITE_SHARES = {"support": 0.35, "response": 0.35, "registration": 0.15}
THEMES = [("poverta", "Povertà e inclusione sociale"), ("famiglie-minori", "Famiglie e minori"),
          ("disabilita", "Disabilità"), ("anziani", "Anziani e non autosufficienza"),
          ("abitare", "Politiche abitative"), ("welfare-accesso", "Welfare d'accesso")]


def say(message):
    print(f"\033[1m[peak]\033[0m {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------------------------ HTTP
def call(method, path, token=None, body=None, retry=()):
    """(status, parsed body) of a gateway call; retries the given statuses for up to 60 s."""
    deadline = time.monotonic() + 60
    while True:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(GATEWAY + path, data, method=method)
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", "Bearer " + token)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        if status in retry and time.monotonic() < deadline:
            time.sleep(0.3)
            continue
        if status >= 400:
            raise RuntimeError(f"{method} {path} -> {status}: {raw[:300]!r}")
        return status, json.loads(raw) if raw else None


# ------------------------------------------------------------------------------------------------------- processes
def pids():
    """name -> pid of every process the platform runs here, plus PostgreSQL's and the load generator's."""
    found = {}
    for file in (STATE / "pids").glob("*.pid"):
        pid = file.read_text().strip()
        if pid.isdigit() and Path(f"/proc/{pid}").exists():
            # Keycloak's pid is its launcher script's: the JVM is its child.
            children = subprocess.run(["pgrep", "-P", pid], capture_output=True, text=True).stdout.split()
            found[file.stem] = [int(pid)] + [int(c) for c in children]
    found["postgres"] = [int(p) for p in subprocess.run(["pgrep", "-x", "postgres"], capture_output=True,
                                                        text=True).stdout.split()]
    found[GATLING] = [int(p) for p in subprocess.run(["pgrep", "-f", "io.gatling" if GENERATOR == "gatling" else
                                                      "OpenLoad.java"], capture_output=True, text=True).stdout.split()]
    return found


def cpu_seconds():
    totals = {}
    for name, group in pids().items():
        ticks = 0
        for pid in group:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])
            except (OSError, IndexError):
                pass
        totals[name] = ticks / os.sysconf("SC_CLK_TCK")
    # The load generator runs only inside a run: Maven and its forked Gatling JVM, as children this process waited for.
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    totals[GATLING] = children.ru_utime + children.ru_stime
    return totals


def memory_mb(pid, field):
    try:
        source = "smaps_rollup" if field == "Pss:" else "status"
        for line in Path(f"/proc/{pid}/{source}").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Sampler(threading.Thread):
    """Largest resident memory of every process, per phase; PostgreSQL as the PSS sum of its processes (their shared
    buffers counted once), the JVMs as RSS."""

    def __init__(self):
        super().__init__(daemon=True)
        self.phase = "idle"
        self.peaks = {}
        self.stop = threading.Event()

    def run(self):
        while not self.stop.wait(1.0):
            for name, group in pids().items():
                field = "Pss:" if name == "postgres" else "VmRSS:"
                mb = sum(memory_mb(pid, field) for pid in group)
                key = (self.phase, name)
                self.peaks[key] = max(self.peaks.get(key, 0.0), mb)

    def peak(self, name, phases=None):
        return max((mb for (phase, n), mb in self.peaks.items() if n == name and (phases is None or phase in phases)),
                   default=0.0)


class PropagationProbe(threading.Thread):
    """Every half second: a new proposal on the probe plan, then the probe plan's synthesis read every 20 ms until it
    counts it. The time from the write's 201 to the first synthesis that shows it, per phase. The probe plan gets no
    other writes, so its count identifies the probe's own write; the events share topics and consumers with the load.
    """

    def __init__(self, plan, token, expected):
        super().__init__(daemon=True)
        self.plan, self.token, self.expected = plan, token, expected
        self.phase = None
        self.samples = {}
        self.misses = {}
        self.stop = threading.Event()

    def request(self, conn, method, path, body=None):
        headers = {"Content-Type": "application/json"}
        if method == "POST":
            headers["Authorization"] = "Bearer " + self.token
        conn.request(method, path, body=json.dumps(body) if body else None, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", 8080, timeout=30)
        n = 0
        while not self.stop.is_set():
            started = time.monotonic()
            phase = self.phase
            if phase is None:
                time.sleep(0.2)
                continue
            try:
                n += 1
                status, _ = self.request(conn, "POST", f"/api/plans/{self.plan}/proposals", {
                    "kind": "IDEA", "theme": "anziani", "municipality": "072006",
                    "title": f"Sonda di propagazione {n}", "body": "Misura il tempo dalla scrittura alla sintesi."})
                if status != 201:
                    self.misses[phase] = self.misses.get(phase, 0) + 1
                    continue
                accepted = time.monotonic()
                self.expected += 1
                while time.monotonic() - accepted < 30:
                    status, raw = self.request(conn, "GET", f"/api/plans/{self.plan}/synthesis")
                    if status == 200 and json.loads(raw)["totals"]["proposals"] >= self.expected:
                        self.samples.setdefault(phase, []).append((time.monotonic() - accepted) * 1000)
                        break
                    time.sleep(0.02)
                else:
                    self.misses[phase] = self.misses.get(phase, 0) + 1
            except (OSError, http.client.HTTPException, ValueError, KeyError):
                self.misses[phase] = self.misses.get(phase, 0) + 1
                conn = http.client.HTTPConnection("127.0.0.1", 8080, timeout=30)
            time.sleep(max(0.0, 0.5 - (time.monotonic() - started)))


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1)]


# ------------------------------------------------------------------------------------------------------- baselines
def pgbench_baseline(clients=8, seconds=15):
    if psql("postgres", "SELECT count(*) FROM pg_database WHERE datname = 'coprogram_bench'") == "0":
        psql("postgres", "CREATE DATABASE coprogram_bench")
    psql("coprogram_bench", "DROP TABLE IF EXISTS bench_insert; CREATE TABLE bench_insert (id bigserial PRIMARY KEY,"
                            " payload text NOT NULL, at timestamptz NOT NULL DEFAULT now())")
    script = WORK / "insert.sql"
    script.write_text("INSERT INTO bench_insert (payload) VALUES (repeat('x', 600));\n")
    out = subprocess.run(["pgbench", "-n", "-h", "127.0.0.1", "-U", "postgres", "-c", str(clients), "-j", "2", "-T",
                          str(seconds), "-f", str(script), "coprogram_bench"], capture_output=True, text=True,
                         check=True).stdout
    tps = float(re.search(r"tps = ([\d.]+)", out).group(1))
    latency = float(re.search(r"latency average = ([\d.]+) ms", out).group(1))
    settings = {name: psql("postgres", f"SHOW {name}") for name in
                ("server_version", "synchronous_commit", "fsync", "wal_sync_method", "shared_buffers")}
    psql("coprogram_bench", "DROP TABLE bench_insert")
    return {"clients": clients, "seconds": seconds, "tps": tps, "latency_ms": latency, "settings": settings}


def kafka_java(*args):
    return subprocess.run(["java", "-Xmx512m", "-cp", str(STATE / "kafka" / "libs" / "*"), *args],
                          capture_output=True, text=True)


def kafka_baseline(records=300_000, size=1000):
    topic = "coprogram.bench-baseline"
    bootstrap = ["--bootstrap-server", "127.0.0.1:9092"]
    kafka_java("org.apache.kafka.tools.TopicCommand", *bootstrap, "--delete", "--if-exists", "--topic", topic)
    kafka_java("org.apache.kafka.tools.TopicCommand", *bootstrap, "--create", "--topic", topic, "--partitions", "6",
               "--replication-factor", "1")
    out = kafka_java("org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records", str(records),
                     "--record-size", str(size), "--throughput", "-1", "--producer-props",
                     "bootstrap.servers=127.0.0.1:9092", "acks=all").stdout
    kafka_java("org.apache.kafka.tools.TopicCommand", *bootstrap, "--delete", "--topic", topic)
    last = [line for line in out.splitlines() if "records sent" in line][-1]
    rate = float(re.search(r"([\d.]+) records/sec", last).group(1))
    avg = float(re.search(r"([\d.]+) ms avg latency", last).group(1))
    p99 = re.search(r"([\d.]+) ms 99th", last)
    return {"records": records, "size": size, "rate": rate, "avg_ms": avg, "p99_ms": float(p99.group(1)) if p99 else None}


# ------------------------------------------------------------------------------------------------------------ data
def create_plan(staff, title):
    _, plan = call("POST", "/api/plans", staff, {
        "region": "puglia", "title": title, "periodStart": "2026-01-01", "periodEnd": "2028-12-31",
        "themes": [{"code": c, "label": label} for c, label in THEMES], "leps": ["pronto-intervento-sociale"]})
    call("POST", f"/api/plans/{plan['id']}/phase", staff, {"phase": "CONSULTATION"})
    return plan["id"]


def create_survey(staff, plan):
    _, survey = call("POST", f"/api/plans/{plan}/surveys", staff, {
        "title": "Questionario di picco", "description": "", "anonymous": False, "questions": [
            {"id": "servizio", "type": "SINGLE_CHOICE", "label": "Servizio più usato", "required": True,
             "options": [{"id": "sad", "label": "Assistenza domiciliare"}, {"id": "cd", "label": "Centro diurno"},
                         {"id": "nessuno", "label": "Nessuno"}]},
            {"id": "voto", "type": "SCALE", "label": "Soddisfazione", "min": 1, "max": 5},
            {"id": "priorita", "type": "RANKING", "label": "Priorità", "options": [
                {"id": "a", "label": "Povertà"}, {"id": "b", "label": "Anziani"}, {"id": "c", "label": "Disabilità"}]},
            {"id": "nota", "type": "SHORT_TEXT", "label": "Una proposta"}]}, retry=(404, 409, 503))
    call("POST", f"/api/surveys/{survey['id']}/publish", staff)
    return survey["id"]


def create_meeting(staff, plan, n):
    _, meeting = call("POST", f"/api/plans/{plan}/meetings", staff, {
        "type": "TERRITORIAL", "title": f"Incontro territoriale di picco {n}", "description": "Incontro di prova.",
        "themes": ["anziani"], "municipality": "072006", "address": "Via Sparano 1, Bari",
        "startsAt": "2027-03-01T10:00:00+01:00", "endsAt": "2027-03-01T12:00:00+01:00", "capacity": 100000},
        retry=(404, 409, 503))
    return meeting["id"]


MUNICIPALITIES = ["072006", "071024", "073027", "074001", "075035", "110001"]


def seed_proposals(plan, tokens, count, texts):
    """count proposals made of the corpus' real texts (search_words.proposal), in turn."""
    def one(n):
        title, body = search_words.proposal(texts[n % len(texts)], n)
        _, proposal = call("POST", f"/api/plans/{plan}/proposals", tokens[n % len(tokens)]["access_token"], {
            "kind": ["PROPOSAL", "IDEA", "REPORT"][n % 3], "theme": THEMES[n % len(THEMES)][0],
            "municipality": MUNICIPALITIES[n % len(MUNICIPALITIES)], "title": title, "body": body},
            retry=(404, 409, 503))
        return proposal["id"]

    first = one(0)  # waits until proposal-service has seen the plan open
    with ThreadPoolExecutor(8) as pool:
        return [first] + list(pool.map(one, range(1, count)))


# --------------------------------------------------------------------------------------------------------- gatling
class Runner:
    def __init__(self, plan, tokens, pools, sampler, probe, words=None, texts=None):
        self.plan, self.tokens, self.pools = plan, tokens, pools
        self.words, self.texts = words, texts
        self.sampler, self.probe = sampler, probe
        self.runs = []
        self.token_time = time.monotonic()

    def take(self, kind, count):
        taken, self.pools[kind] = self.pools[kind][:count], self.pools[kind][count:]
        if len(taken) < count:
            raise RuntimeError(f"not enough {kind} targets left: add more in setup")
        return taken

    def fresh_tokens(self, seconds):
        # Access tokens live 15 minutes: renew when a run could outlive them.
        if time.monotonic() - self.token_time + seconds > 600:
            say("renewing the bench tokens (refresh grant)")
            self.tokens = bench_users.refresh(self.tokens)
            self.token_time = time.monotonic()
        path = WORK / "tokens.txt"
        path.write_text("\n".join(t["access_token"] for t in self.tokens) + "\n")
        return path

    def run(self, label, read_rate, write_rate, seconds, propagation=False):
        writes = write_rate * seconds
        targets = {kind: self.take(kind, math.ceil(writes * share * 1.2 / len(self.tokens)) + 1)
                   for kind, share in WRITE_SHARES.items()} if write_rate else {}
        props = {"planId": self.plan, "readRate": read_rate, "writeRate": write_rate, "seconds": seconds,
                 "tokensFile": self.fresh_tokens(seconds), "readProposals": ",".join(self.pools["read"]),
                 "supportTargets": ",".join(targets.get("support", self.pools["read"][:1])),
                 "surveys": ",".join(targets.get("response", ["none"])),
                 "readSurveys": ",".join(self.pools["readSurveys"]), "meetings": ",".join(targets.get("registration", ["none"])),
                 "themes": ",".join(c for c, _ in THEMES),
                 "istatFile": ROOT / "data" / "territory" / "istat-comuni-puglia-abruzzo.csv",
                 "wordsFile": WORK / "words.txt", "textsFile": WORK / "texts.txt"}
        say(f"{label}: {read_rate} reads/s + {write_rate} writes/s for {seconds} s ({GENERATOR} generator)")
        if GENERATOR == "open":
            mix = open_mix.Mix(self.plan, [t["access_token"] for t in self.tokens], {
                "read": self.pools["read"], "readSurveys": self.pools["readSurveys"],
                "support": targets.get("support", self.pools["read"][:1]), "response": targets.get("response", []),
                "registration": targets.get("registration", [])}, self.words, self.texts, [c for c, _ in THEMES],
                MUNICIPALITIES, seed=len(self.runs) + 1)
            schedule = open_mix.schedule(WORK / "schedule.tsv", mix, read_rate, write_rate, seconds)
        self.sampler.phase = label
        if propagation:
            self.probe.phase = label
        before = cpu_seconds()
        if GENERATOR == "open":
            stats, report = open_load(schedule, WORK / "open-load.json"), str(WORK / "open-load.json")
        else:
            subprocess.run(["mvn", "-B", "-ntp", "-q", "gatling:test",
                            "-Dgatling.simulationClass=org.coprogram.bench.PeakSimulation",
                            *[f"-D{k}={v}" for k, v in props.items()]], cwd=ROOT / "scripts" / "bench",
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            report = max((ROOT / "scripts" / "bench" / "target" / "gatling").glob("peaksimulation-*"),
                         key=lambda p: p.stat().st_mtime)
            stats = gatling_stats.requests(report)
        after = cpu_seconds()
        self.probe.phase = None
        self.sampler.phase = "idle"
        cpu = {name: after.get(name, 0) - before.get(name, 0) for name in after}
        result = {"label": label, "read_rate": read_rate, "write_rate": write_rate, "seconds": seconds,
                  "stats": stats, "cpu": cpu, "report": str(report)}
        self.runs.append(result)
        if "_generator" in stats:
            g = stats["_generator"]
            say(f"  generator: {g['cpu_seconds_sending']:.1f} s of its own CPU while sending "
                f"({g['cpu_seconds_total']:.1f} s in all); {g['late_sends_over_10ms']} sends over 10 ms late")
        for group in ("reads", "writes"):
            if group in stats:
                s = stats[group]
                say(f"  {group}: {s['ok']} OK, {s['ko']} KO, {s['ok'] / seconds:.0f}/s, "
                    f"p50 {s['p50']} p95 {s['p95']} p99 {s['p99']} max {s['max']} ms")
        time.sleep(5)
        return result


def open_load(schedule, out):
    """Runs OpenLoad.java on the schedule; its figures in gatling_stats' shape, plus "_generator"."""
    subprocess.run(["java", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-XX:+UseSerialGC",
                    str(ROOT / "scripts" / "bench" / "OpenLoad.java"), GATEWAY, str(schedule), str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    stats = json.loads(Path(out).read_text())
    for name, figures in stats.items():
        if name != "_generator":
            for key in ("p50", "p95", "p99", "max"):
                figures[key] = math.inf if figures[key] is None else figures[key]
    return stats


def sustained(result, group):
    s = result["stats"].get(group)
    return s is not None and s["ko"] == 0 and s["p99"] <= SUSTAINED_P99_MS


def step_up(runner, group, steps):
    best = None
    for rate in steps:
        result = runner.run(f"{group} step {rate}/s", rate if group == "reads" else 0,
                            rate if group == "writes" else 0, STEP)
        if not sustained(result, group):
            break
        best = result
    return best


# ------------------------------------------------------------------------------------------------- reconciliation
def pending_events():
    return sum(int(psql(db, "SELECT count(*) FROM outbox_event WHERE published_at IS NULL"))
               for db in ("coprogram_proposal", "coprogram_survey", "coprogram_meeting"))


def drain_outboxes(deadline):
    while pending_events() and time.monotonic() < deadline:
        time.sleep(2)


def settle(plan, seeds, quiet_share=0.10, window=5, limit=600):
    """Waits until the seeding is digested before any measured load: every outbox relayed, the synthesis counting
    every seed proposal, and the platform's processes (PostgreSQL, Kafka, Keycloak, the services) using at most
    quiet_share of the machine's CPU over a window. Until 7 December 2026 the warm-up began while the services were
    still consuming the seeds' events, and every run after it saturated from the start (docs/performance.md)."""
    started = time.monotonic()
    deadline = started + limit
    drain_outboxes(deadline)
    while time.monotonic() < deadline:
        if call("GET", f"/api/plans/{plan}/synthesis")[1]["totals"]["proposals"] >= seeds:
            break
        time.sleep(2)
    busy = None
    while time.monotonic() < deadline:
        before = sum(v for k, v in cpu_seconds().items() if k != GATLING)
        time.sleep(window)
        busy = (sum(v for k, v in cpu_seconds().items() if k != GATLING) - before) / window / os.cpu_count()
        if busy <= quiet_share:
            break
    waited = time.monotonic() - started
    say(f"settled after {waited:.0f} s: outboxes drained, synthesis at the seeds, platform {busy:.0%} busy"
        if busy is not None and busy <= quiet_share else f"not settled after {waited:.0f} s (platform {busy} busy)")
    return {"waited": waited, "busy": busy}


def reconcile(plan, seeds, seeded_responses, runs):
    say("reconciling: waiting for every outbox to drain and the synthesis to settle")
    deadline = time.monotonic() + 180
    drain_outboxes(deadline)
    previous = None
    while time.monotonic() < deadline:
        totals = call("GET", f"/api/plans/{plan}/synthesis")[1]["totals"]
        if totals == previous:
            break
        previous = totals
        time.sleep(3)
    accepted = {kind: sum(r["stats"].get(name, {}).get("ok", 0) for r in runs) for kind, name in WRITE_KINDS.items()}
    stored = {
        "proposal": int(psql("coprogram_proposal", f"SELECT count(*) FROM proposal WHERE plan_id = '{plan}'")) - seeds,
        "support": int(psql("coprogram_proposal", "SELECT count(*) FROM support s JOIN proposal p ON p.id ="
                                                  f" s.proposal_id WHERE p.plan_id = '{plan}'")),
        "response": int(psql("coprogram_survey", "SELECT count(*) FROM response r JOIN survey s ON s.id ="
                                                 f" r.survey_id WHERE s.plan_id = '{plan}'")) - seeded_responses,
        "registration": int(psql("coprogram_meeting", "SELECT count(*) FROM registration r JOIN meeting m ON m.id ="
                                                      f" r.meeting_id WHERE m.plan_id = '{plan}'"))}
    counted = {"proposal": previous["proposals"] - seeds, "support": previous["supports"],
               "response": previous["surveyResponses"] - seeded_responses, "registration": None}
    return {"accepted": accepted, "stored": stored, "counted": counted, "pending": pending_events()}


# --------------------------------------------------------------------------------------------------------- report
def versions():
    pom = (ROOT / "pom.xml").read_text()
    quarkus = re.search(r"<quarkus.platform.version>([^<]+)<", pom)
    coprogram = (ROOT / "coprogram").read_text()
    # The services' own JDK (./coprogram picks Temurin 25 where present), not the first java on the PATH.
    service = pids().get("proposal-service", [])
    binary = os.readlink(f"/proc/{service[0]}/exe") if service else "java"
    java = subprocess.run([binary, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    gatling = re.search(r"<gatling.version>([^<]+)<", (ROOT / "scripts" / "bench" / "pom.xml").read_text())
    return {"Java (services)": java, "Quarkus": quarkus.group(1) if quarkus else "?",
            "Kafka": re.search(r"KAFKA_VERSION=(\S+)", coprogram).group(1),
            "Keycloak": re.search(r"KEYCLOAK_VERSION=(\S+)", coprogram).group(1),
            "Gatling": gatling.group(1) if gatling else "?"}


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "?")
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, Linux {os.uname().release}"


def jvm_flags():
    pid = pids().get("proposal-service", [None])[0]
    if not pid:
        return "?"
    args = Path(f"/proc/{pid}/cmdline").read_text().split("\0")
    return " ".join(a for a in args if a.startswith("-X"))


def row(cells):
    return "| " + " | ".join(str(c) for c in cells) + " |"


def fmt(value, digits=0):
    return "—" if value is None else f"{value:,.{digits}f}"


def render(baseline, runs, best_write, write70, best_read, mix, probe, sampler, ledger, started, settled):
    lines = [BEGIN, "", "## Consultation peak — `scripts/bench-peak.sh`", "",
             f"Generated by the script on {started:%Y-%m-%d %H:%M} UTC. Machine: {machine()}. The whole platform, "
             "Kafka, Keycloak, PostgreSQL and the load generator share it.", "",
             "Versions: " + "; ".join(f"{k} {v}" for k, v in versions().items()) + f". Service JVMs: `{jvm_flags()}`. "
             f"Gateway limits raised for the run (one client address, {USERS} accounts). Steps of {STEP} s, long runs "
             f"of {LONG} s, after a {WARMUP} s warm-up, which starts once the seeding is digested (outboxes relayed, "
             f"the synthesis counting every seed, the platform at most 10 % busy): here after {settled['waited']:.0f} s, "
             f"the platform {fmt((settled['busy'] or 0) * 100)} % busy.", "",
             "### The machine's own limits, measured first", "",
             row(["baseline", "settings", "result"]), row(["---"] * 3),
             row(["PostgreSQL single-row INSERT + COMMIT (`pgbench`)",
                  f"{baseline['pg']['clients']} clients, {baseline['pg']['seconds']} s; " + ", ".join(
                      f"{k} {v}" for k, v in baseline['pg']['settings'].items()),
                  f"**{fmt(baseline['pg']['tps'])} tps**, mean latency {baseline['pg']['latency_ms']} ms"]),
             row(["Kafka producer (`ProducerPerformance`)",
                  f"acks=all, {baseline['kafka']['size']} B records, {baseline['kafka']['records']:,} records, "
                  "6 partitions, default batching",
                  f"**{fmt(baseline['kafka']['rate'])} records/s**, mean {baseline['kafka']['avg_ms']} ms, "
                  f"p99 {fmt(baseline['kafka']['p99_ms'])} ms"]), "",
             "### Every run through the gateway (open model; latencies of successful requests, ms)", "",
             row(["run", "offered/s", "OK", "KO", "achieved/s", "p50", "p95", "p99", "max", "CPU busy (all processes)"]),
             row(["---"] * 10)]
    for r in runs:
        cpu_total = sum(r["cpu"].values())
        for group in ("reads", "writes"):
            s = r["stats"].get(group)
            if not s:
                continue
            offered = r["read_rate"] if group == "reads" else r["write_rate"]
            lines.append(row([f"{r['label']} — {group}", offered, f"{s['ok']:,}", s["ko"], fmt(s["ok"] / r["seconds"]),
                              s["p50"], s["p95"], s["p99"], s["max"],
                              f"{min(100, cpu_total / r['seconds'] / os.cpu_count() * 100):.0f} %"]))
    lines += ["", "### Against the targets", "", row(["target", "measured", "met"]), row(["---"] * 3)]
    max_writes = best_write["write_rate"] if best_write else 0
    lines.append(row(["≥ 1,000 accepted writes/s sustained, 0 errors", f"{max_writes:,}/s (highest step with 0 errors "
                      f"and p99 < {SUSTAINED_P99_MS} ms)", "yes" if max_writes >= 1000 else "**no**"]))
    if write70:
        s = write70["stats"]["writes"]
        lines.append(row([f"write p99 ≤ 100 ms at 70 % of that rate ({write70['write_rate']}/s, {LONG} s)",
                          f"p99 {s['p99']} ms, {s['ko']} KO", "yes" if s["p99"] <= 100 and s["ko"] == 0 else "**no**"]))
    max_reads = best_read["read_rate"] if best_read else 0
    read_p99 = best_read["stats"]["reads"]["p99"] if best_read else None
    lines.append(row([f"≥ 3,000 reads/s with p99 ≤ {READ_TARGET_P99_MS} ms",
                      f"{max_reads:,}/s sustained (p99 {fmt(read_p99)} ms)",
                      "yes" if max_reads >= 3000 and read_p99 is not None and read_p99 <= 50 else "**no**"]))
    all_samples = [v for values in probe.samples.values() for v in values]
    lines.append(row(["write → synthesis propagation p99 ≤ 1 s",
                      f"p50 {fmt(percentile(all_samples, 50))}, p99 {fmt(percentile(all_samples, 99))}, max "
                      f"{fmt(max(all_samples) if all_samples else None)} ms over {len(all_samples)} probes; "
                      f"{sum(probe.misses.values())} missed",
                      "yes" if all_samples and percentile(all_samples, 99) <= 1000 else "**no**"]))
    loaded = [r["label"] for r in runs]
    services = ["proposal-service", "survey-service", "meeting-service", "synthesis-service", "notification-service",
                "gateway"]
    largest = max(sampler.peak(s, loaded) for s in services)
    platform = sum(sampler.peak(s, loaded) for s in services + ["kafka", "postgres"])
    lines.append(row(["each service ≤ 300 MB RSS under load", f"largest {largest:.0f} MB",
                      "yes" if largest <= 300 else "**no**"]))
    lines.append(row(["whole platform except Keycloak ≤ 2 GB", f"{platform:,.0f} MB (sum of each process' peak)",
                      "yes" if platform <= 2048 else "**no**"]))
    lines += ["", "Ratios: " + (f"our highest sustained write rate ÷ pgbench's insert rate = "
                                f"{max_writes / baseline['pg']['tps']:.3f}" if baseline['pg']['tps'] else "—")
              + (f"; write p99 at 70 % of the maximum = {write70['stats']['writes']['p99']} ms" if write70 else "")
              + (f"; mix of {mix['read_rate'] + mix['write_rate']}/s (70/30): reads p99 "
                 f"{mix['stats']['reads']['p99']} ms, writes p99 {mix['stats']['writes']['p99']} ms" if mix and
                 'reads' in mix['stats'] and 'writes' in mix['stats'] else "") + ".", "",
              "### Memory (largest resident set during the load runs, MB; PostgreSQL as PSS of all its processes)", "",
              row(["process", "MB"]), row(["---"] * 2)]
    for name in services + ["kafka", "postgres", "keycloak", GATLING]:
        lines.append(row([name, f"{sampler.peak(name, loaded):.0f}"]))
    lines += ["", "### Where the CPU went (seconds of CPU per 1,000 successful requests, per process)", "",
              row(["run", *services, "kafka", "postgres", "keycloak", GATLING]),
              row(["---"] * (len(services) + 5))]
    for r in runs:
        ok = sum(r["stats"][g]["ok"] for g in ("reads", "writes") if g in r["stats"]) or 1
        lines.append(row([r["label"], *[f"{r['cpu'].get(n, 0) / ok * 1000:.2f}" for n in
                                        services + ["kafka", "postgres", "keycloak", GATLING]]]))
    lines += ["", "### Write → synthesis propagation, per run (ms from the write's 201 to the synthesis showing it)", "",
              row(["run", "probes", "p50", "p95", "p99", "max", "missed"]), row(["---"] * 7)]
    for phase, values in probe.samples.items():
        lines.append(row([phase, len(values), fmt(percentile(values, 50)), fmt(percentile(values, 95)),
                          fmt(percentile(values, 99)), fmt(max(values)), probe.misses.get(phase, 0)]))
    lines += ["", "### Reconciliation: nothing accepted is lost", "",
              row(["write", "accepted (2xx)", "rows stored", "counted by the synthesis", "lost"]), row(["---"] * 5)]
    for kind in WRITE_KINDS:
        accepted, stored, counted = ledger["accepted"][kind], ledger["stored"][kind], ledger["counted"][kind]
        lost = max(0, accepted - stored) + (max(0, stored - counted) if counted is not None else 0)
        lines.append(row([kind, f"{accepted:,}", f"{stored:,}", "—" if counted is None else f"{counted:,}", lost]))
    lines += ["", f"Events still in an outbox after the drain: {ledger['pending']}. Rows above the accepted count are "
                  "writes committed whose answer the client did not wait for (a timeout), never lost ones.", "",
              "Gatling's HTML reports: `scripts/bench/target/gatling/peaksimulation-*`.", "", END]
    return "\n".join(lines)


def write_doc(section):
    text = DOC.read_text() if DOC.exists() else "# Performance\n"
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    DOC.write_text(text)


# ----------------------------------------------------------------------------------------------------------- main
def main():
    started = datetime.datetime.now(datetime.timezone.utc)
    WORK.mkdir(parents=True, exist_ok=True)
    say("baselines: pgbench single-row inserts, then Kafka's producer with acks=all")
    baseline = {"pg": pgbench_baseline(), "kafka": kafka_baseline()}
    say(f"  pgbench {baseline['pg']['tps']:.0f} tps; Kafka {baseline['kafka']['rate']:.0f} records/s")

    source, texts = search_words.corpus_texts()
    words = search_words.vocabulary(texts)
    search_words.write_words(WORK / "words.txt", words)
    search_words.write_texts(WORK / "texts.txt", texts)
    say(f"search words: {len(words):,} distinct, from {len(texts):,} texts ({source}), drawn Zipf-like")
    say(f"creating {USERS} bench citizens through Keycloak's admin API and logging them in")
    tokens = bench_users.login(bench_users.create(USERS))
    staff = local_platform.token("regione")
    stamp = started.strftime("%Y%m%d-%H%M%S")
    plan = create_plan(staff, f"Benchmark di picco {stamp}")
    probe_plan = create_plan(staff, f"Sonda di propagazione {stamp}")

    write_runs = [(STEP, r) for r in WRITE_STEPS] + [(LONG, max(WRITE_STEPS)), (WARMUP, 60), (LONG, 300)]
    needs = {kind: sum(math.ceil(rate * seconds * share * 1.2 / USERS) + 1 for seconds, rate in write_runs)
             for kind, share in WRITE_SHARES.items()}
    say(f"plan {plan}: {SEED_PROPOSALS} seed proposals, {needs['response'] + 2} questionnaires, "
        f"{needs['registration']} meetings")
    seeds = seed_proposals(plan, tokens, max(SEED_PROPOSALS, needs["support"] + 50), texts)
    surveys = [create_survey(staff, plan) for _ in range(needs["response"] + 2)]
    meetings = [create_meeting(staff, plan, n) for n in range(needs["registration"])]
    pools = {"read": seeds[:500], "support": seeds, "response": surveys[2:], "readSurveys": surveys[:2],
             "registration": meetings}
    # Each read-target questionnaire gets answers, so its results have cells to compute.
    readers = tokens[:20]
    for token in readers:
        for survey in pools["readSurveys"]:
            call("POST", f"/api/surveys/{survey}/responses", token["access_token"], {
                "answers": {"servizio": "sad", "voto": 4, "priorita": ["a", "b", "c"], "nota": "Più ore"},
                "municipality": "072006"})

    sampler = Sampler()
    sampler.start()
    call("POST", f"/api/plans/{probe_plan}/proposals", tokens[-1]["access_token"], {
        "kind": "IDEA", "theme": "anziani", "municipality": "072006", "title": "Sonda di propagazione 0",
        "body": "Attende che il servizio conosca il piano."}, retry=(404, 409, 503))
    probe = PropagationProbe(probe_plan, tokens[-1]["access_token"], 1)
    probe.start()
    runner = Runner(plan, tokens[:-1], pools, sampler, probe, words, texts)

    settled = settle(plan, len(seeds))
    warmup = runner.run("warm-up (mix)", 140, 60, WARMUP)
    runner.runs.remove(warmup)  # not a measurement; its writes still count in the reconciliation below
    best_write = step_up(runner, "writes", WRITE_STEPS)
    write70 = None
    if best_write:
        write70 = runner.run(f"writes at 70 % of {best_write['write_rate']}/s", 0,
                             int(best_write["write_rate"] * 0.7), LONG, propagation=True)
    best_read = step_up(runner, "reads", READ_STEPS)
    # Reads and writes share the same two cores: a mix's capacity is the harmonic combination of the two maxima
    # (each request takes its share of the time), and the mix runs at 70 % of it.
    read_max = best_read["read_rate"] if best_read else READ_STEPS[0] / 2
    write_max = best_write["write_rate"] if best_write else WRITE_STEPS[0] / 2
    mix_rate = int(os.environ.get("MIX_RATE", int(0.7 / (0.7 / read_max + 0.3 / write_max))))
    mix = runner.run(f"peak mix 70/30 at {mix_rate}/s", int(mix_rate * 0.7), mix_rate - int(mix_rate * 0.7), LONG,
                     propagation=True)
    probe.stop.set()
    sampler.stop.set()

    ledger = reconcile(plan, len(seeds), len(readers) * len(pools["readSurveys"]), runner.runs + [warmup])
    section = render(baseline, runner.runs, best_write, write70, best_read, mix, probe, sampler, ledger, started,
                     settled)
    write_doc(section)
    print(section)
    say(f"written to {DOC}")


if __name__ == "__main__":
    main()
