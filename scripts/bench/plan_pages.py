"""The plan pages benchmark (issue #26; run it through scripts/bench-plan.sh, which starts a platform of its own).

Against a running platform, in one run:
  1. a plan with MEASURES (300) measures, published as v1 through the draft/publish API;
  2. PROPOSALS (50,000) proposals, published as org.coprogram.proposal.submitted.v1 events on the platform's
     coprogram.proposals topic (the event proposal-service's outbox relay sends), which the synthesis-service consumes
     into its read model as it does any submission;
  3. every proposal linked to one measure through the API (POST /api/measures/{id}/links/bulk, 500 a call): HEAVY
     measures get HEAVY_LINKS (2,000) links each, the others share the rest; then v2 published (new amounts), so that
     pages show two versions; then ANALYZE of the synthesis database;
  4. the same-run baselines: pgbench's select-only transaction (a primary-key read, 4 clients) before and after, and in
     every Gatling run GET /api/plans/{id} through the gateway at the same rate;
  5. RUNS (3) Gatling runs of PlanPagesSimulation: a warm-up, the baseline, then RATE (200) requests/s of measure pages
     and fate pages for BENCH_SECONDS (60), random ids across all;
  6. a table per run and endpoint: count, KO, p50/p95/p99/max of the successful requests.
Environment (defaults): COPROGRAM_GATEWAY, BENCH_REALM, BENCH_TOPICS_PREFIX, BENCH_DB_SUFFIX (set by bench-plan.sh),
MEASURES, PROPOSALS, HEAVY (5), HEAVY_LINKS (2000), RATE, BENCH_SECONDS, WARMUP_SECONDS (20), BASELINE_SECONDS (20),
RUNS; PLAN=<id> reuses a plan this script seeded (its files are kept in .coprogram/bench/plan/<id>/).
"""
import datetime
import json
import math
import os
import random
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import gatling_stats  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
STATE = Path(os.environ.get("COPROGRAM_STATE", ROOT / ".coprogram"))
GATEWAY = os.environ.get("COPROGRAM_GATEWAY", "http://127.0.0.1:8080")
# The seeding's writes go straight to synthesis-service, which owns plans, documents and links (as bench-proposals.sh
# loads proposal-service): publishing a 300-measure version takes long enough on a loaded machine for the gateway's
# upstream timeout to close the request while the service still works on it. Every read measured goes through the
# gateway.
SYNTHESIS = os.environ.get("BENCH_SYNTHESIS", "http://127.0.0.1:8084")
KEYCLOAK = os.environ.get("COPROGRAM_KEYCLOAK", "http://127.0.0.1:8180")
REALM = os.environ.get("BENCH_REALM", "coprogram")
PREFIX = os.environ.get("BENCH_TOPICS_PREFIX", "")
SYNTHESIS_DB = "coprogram_synthesis" + os.environ.get("BENCH_DB_SUFFIX", "")
MEASURES = int(os.environ.get("MEASURES", 300))
PROPOSALS = int(os.environ.get("PROPOSALS", 50_000))
HEAVY = int(os.environ.get("HEAVY", 5))
HEAVY_LINKS = int(os.environ.get("HEAVY_LINKS", 2000))
RATE = int(os.environ.get("RATE", 200))
SECONDS = int(os.environ.get("BENCH_SECONDS", 60))
WARMUP = int(os.environ.get("WARMUP_SECONDS", 20))
BASELINE = int(os.environ.get("BASELINE_SECONDS", 20))
RUNS = int(os.environ.get("RUNS", 3))
# How long the seed waits for the consumer before writing the rest of the rows itself (see copy_rows).
SEED_WAIT = int(os.environ.get("SEED_WAIT", 300))
# How long links are made through the API before the rest are written with its statement (see link_all).
LINK_API_SECONDS = int(os.environ.get("LINK_API_SECONDS", 300))
BULK = 500
PAGE = 20
THEMES = [("poverta", "Povertà e inclusione sociale"), ("famiglie-minori", "Famiglie e minori"),
          ("disabilita", "Disabilità"), ("anziani", "Anziani e non autosufficienza"),
          ("abitare", "Politiche abitative"), ("welfare-accesso", "Welfare d'accesso")]
OUTCOMES = ["INCORPORATED", "PARTIALLY_INCORPORATED", "NOT_INCORPORATED"]
WORDS = ["assistenza domiciliare", "trasporto sociale", "centro diurno", "sportello unico", "emporio solidale",
         "housing sociale", "educativa di strada", "dimissioni protette", "pronto intervento sociale",
         "servizio civico", "mediazione familiare", "inserimento lavorativo", "casa rifugio", "banco alimentare"]
PLACES = ["anziani soli", "famiglie con minori", "persone con disabilità", "giovani senza lavoro",
          "donne vittime di violenza", "persone senza dimora", "caregiver familiari", "migranti"]


def say(message):
    print(f"\033[1m[plan-bench]\033[0m {message}", file=sys.stderr, flush=True)


def call(method, path, token=None, body=None, retry=(429, 502, 503, 504), timeout=900, base=None):
    """(status, parsed body) of a call (reads through the gateway, writes straight to synthesis-service); retries the
    given statuses for up to 2 minutes, a POST under the same Idempotency-Key, so a retry never writes twice."""
    deadline = time.monotonic() + 120
    key = str(uuid.uuid4())
    base = base or (GATEWAY if method == "GET" else SYNTHESIS)
    while True:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(base + path, data, method=method)
        request.add_header("Content-Type", "application/json")
        request.add_header("Accept", "application/json")
        if method == "POST":
            request.add_header("Idempotency-Key", key)
        if token:
            request.add_header("Authorization", "Bearer " + token())
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            status, raw = 0, str(error).encode()
        if (status in retry or status == 0) and time.monotonic() < deadline:
            time.sleep(1)
            continue
        if status >= 400 or status == 0:
            raise RuntimeError(f"{method} {path} -> {status}: {raw[:400]!r}")
        return status, json.loads(raw) if raw else None


class Login:
    """Region staff's token (the realm's demo account "regione"), renewed before it expires."""

    def __init__(self, user):
        self.user, self.value, self.expires = user, None, 0
        self.lock = threading.Lock()

    def __call__(self):
        with self.lock:
            for attempt in range(10):
                if time.monotonic() <= self.expires:
                    break
                body = urllib.parse.urlencode({"grant_type": "password", "username": self.user,
                                               "password": self.user, "client_id": "coprogram-cli",
                                               "client_secret": "coprogram-demo-secret"}).encode()
                url = f"{KEYCLOAK}/realms/{REALM}/protocol/openid-connect/token"
                try:
                    with urllib.request.urlopen(url, body, timeout=60) as response:
                        answer = json.load(response)
                except urllib.error.HTTPError as error:
                    # A loaded Keycloak answered 400 now and then; the same grant a moment later works.
                    say(f"  token: {error.code} {error.read()[:200]!r}, again")
                    time.sleep(2)
                    continue
                self.value, self.expires = answer["access_token"], time.monotonic() + answer["expires_in"] * 0.6
            return self.value


def psql(database, sql):
    return subprocess.run(["psql", "-qtAX", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-c", sql],
                          check=True, capture_output=True, text=True).stdout.strip()


def load():
    return os.getloadavg()[0]


# ------------------------------------------------------------------------------------------------------------ seeding
def measure(i, version):
    theme = THEMES[i % len(THEMES)][0]
    # v2 raises the amounts of every tenth measure and renames it: the diff and the version texts differ.
    changed = version == 2 and i % 10 == 0
    amount = 10_000 + (i * 7919) % 90_000 + (5_000 if changed else 0)
    return {"code": f"M{i + 1:03d}",
            "title": f"Intervento {i + 1}: {WORDS[i % len(WORDS)]} per {PLACES[i % len(PLACES)]}"
                     + (" (rivisto)" if changed else ""),
            "description": (f"L'intervento finanzia {WORDS[i % len(WORDS)]} rivolto a {PLACES[i % len(PLACES)]}"
                            " in tutti gli ambiti della regione, con personale dedicato, una rete con il terzo"
                            " settore e un monitoraggio semestrale dei risultati. ") * 3,
            "theme": theme, "priority": ["HIGH", "MEDIUM", "LOW"][i % 3], "office": "Sezione Inclusione sociale",
            "scope": {"level": "REGION", "codes": []},
            "resources": [{"source": "FNPS", "year": 2027, "amount": amount + 0.5},
                          {"source": "FNA", "year": 2028, "amount": amount // 2}]}


def draft(plan, token, revision, version):
    document = {"sections": [{"key": "NEEDS", "text": "I bisogni rilevati nella consultazione del piano."},
                             {"key": "PRIORITIES", "text": "Le priorità del piano per il triennio."}],
                "measures": [measure(i, version) for i in range(MEASURES)]}
    call("PUT", f"/api/plans/{plan}/document/draft", token, {"revision": revision, "document": document})
    status, published = call("POST", f"/api/plans/{plan}/document/versions", token, {"note": f"versione {version}"})
    return published


def proposal_events(plan, path):
    """PROPOSALS proposal.submitted events, spread over Puglia's municipalities, districts and two categories."""
    provinces = {}
    with open(ROOT / "data/territory/istat-comuni-puglia-abruzzo.csv", encoding="utf-8") as f:
        next(f)
        for line in f:
            cells = line.strip().split(",")
            if cells[2] == "Puglia":
                provinces[cells[0]] = cells[-2]
    districts = {}
    with open(ROOT / "data/territory/districts-puglia.csv", encoding="utf-8") as f:
        next(f)
        for line in f:
            cells = line.split(",")
            districts[cells[0]] = cells[1]
    municipalities = sorted(m for m in provinces if m in districts)
    rng = random.Random(26)
    ids = []
    created = datetime.datetime(2027, 3, 1, tzinfo=datetime.timezone.utc)
    with open(path, "w", encoding="utf-8") as out:
        for n in range(PROPOSALS):
            pid = str(uuid_of(rng))
            ids.append(pid)
            municipality = rng.choice(municipalities)
            words, place = rng.choice(WORDS), rng.choice(PLACES)
            data = {"proposalId": pid, "planId": plan, "region": "puglia", "kind": rng.choice(["PROPOSAL", "IDEA"]),
                    "title": f"Più {words} per {place} ({n + 1})",
                    "body": f"Chiediamo di potenziare {words} per {place} del nostro comune: oggi le liste d'attesa"
                            f" sono lunghe e le famiglie non sanno a chi rivolgersi. Proposta numero {n + 1}.",
                    "theme": THEMES[n % len(THEMES)][0], "municipality": municipality,
                    "district": districts[municipality], "province": provinces[municipality],
                    "category": "THIRD_SECTOR" if n % 7 == 0 else "CITIZEN", "organization": None,
                    "status": "SUBMITTED", "author": f"bench-{n % 5000}",
                    "createdAt": (created + datetime.timedelta(seconds=n * 13)).isoformat()}
            out.write(pid + "\t" + json.dumps(data, ensure_ascii=False) + "\n")
    return ids


def copy_rows(events):
    """The rows ProposalProjection writes for these submissions, written with its own statement (ReadModelRepository
    .insertProposal: the same columns, placed_district(), ON CONFLICT (id) DO NOTHING), for those the consumer has not
    applied yet; the consumer then finds them there. Returns their number."""
    started = time.monotonic()
    before = int(psql(SYNTHESIS_DB, "SELECT count(*) FROM contribution"))
    rows = events.with_suffix(".tsv")
    with open(events, encoding="utf-8") as source, open(rows, "w", encoding="utf-8") as out:
        for line in source:
            d = json.loads(line.split("\t", 1)[1])
            cells = [d["proposalId"], d["planId"], d["kind"], d["theme"], d["category"], d["municipality"],
                     d["province"], d["title"], d["body"], d["status"], d["createdAt"]]
            out.write("\t".join(c.replace("\\", "\\\\").replace("\t", " ") for c in cells) + "\n")
    sql = ("CREATE TEMP TABLE seed (id uuid, plan_id uuid, kind text, theme text, category text, municipality text,"
           " province text, title text, body text, status text, created_at timestamptz);\n"
           f"\\copy seed FROM '{rows}'\n"
           "INSERT INTO contribution (id, plan_id, source, kind, theme, category, municipality, district, province,"
           " title, body, status, created_at) SELECT id, plan_id, 'PROPOSAL', kind, theme, category, municipality,"
           " placed_district(plan_id, municipality), province, title, body, status, created_at FROM seed"
           " ON CONFLICT (id) DO NOTHING;")
    subprocess.run(["psql", "-qtAX", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres", "-d", SYNTHESIS_DB],
                   input=sql, check=True, capture_output=True, text=True)
    written = int(psql(SYNTHESIS_DB, "SELECT count(*) FROM contribution")) - before
    say(f"  {written} rows written that the consumer had not applied yet")
    return time.monotonic() - started


def uuid_of(rng):
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def assignment(measure_ids, proposals):
    """measure id -> its proposals: HEAVY measures get HEAVY_LINKS each, the others share the rest evenly."""
    heavy = min(HEAVY, len(measure_ids))
    counts = [HEAVY_LINKS] * heavy
    rest = len(proposals) - HEAVY_LINKS * heavy
    light = len(measure_ids) - heavy
    counts += [rest // light + (1 if i < rest % light else 0) for i in range(light)]
    out, start = {}, 0
    for measure_id, count in zip(measure_ids, counts):
        out[measure_id] = proposals[start:start + count]
        start += count
    return out


REASON = "La proposta è stata esaminata dal tavolo tematico e ripresa nell'intervento."


def link_all(plan, token, links, codes):
    """Through the API (POST /api/measures/{id}/links/bulk, 500 a call, three at a time) for LINK_API_SECONDS, then
    the rest with the statement the API's writes use (LinkRepository.insert; see the docstring at the top)."""
    already = set(psql(SYNTHESIS_DB, f"SELECT measure_id || ' ' || ref FROM measure_link WHERE plan_id = '{plan}'")
                  .split("\n"))
    batches = []
    for n, (measure_id, proposals) in enumerate(links.items()):
        todo = [p for p in proposals if f"{measure_id} {p}" not in already]
        for i in range(0, len(todo), BULK):
            batches.append((measure_id, todo[i:i + BULK], OUTCOMES[n % 3]))
    stop = time.monotonic() + LINK_API_SECONDS

    def post(batch):
        measure_id, proposals, outcome = batch
        if time.monotonic() > stop:
            return 0
        call("POST", f"/api/measures/{measure_id}/links/bulk", token, {
            "contributions": [{"kind": "PROPOSAL", "id": p} for p in proposals], "outcome": outcome,
            "reason": REASON})
        return len(proposals)

    through_api = 0
    with ThreadPoolExecutor(3) as pool:
        for n in pool.map(post, batches):
            through_api += n
    say(f"  {through_api} links through the API")
    rest = Path(STATE / "bench" / "plan" / plan / "links.tsv")
    by = psql(SYNTHESIS_DB, f"SELECT created_by FROM measure_link WHERE plan_id = '{plan}' LIMIT 1") or "bench"
    now = datetime.datetime.now(datetime.timezone.utc)
    written = 0
    with open(rest, "w", encoding="utf-8") as out:
        for n, (measure_id, proposals) in enumerate(links.items()):
            for p in proposals:
                written += 1
                at = (now + datetime.timedelta(milliseconds=written)).isoformat()
                out.write("\t".join([str(uuid.uuid4()), plan, measure_id, codes[measure_id], "PROPOSAL", p, p,
                                      OUTCOMES[n % 3], REASON, by, at, at]) + "\n")
    sql = ("CREATE TEMP TABLE seed (id uuid, plan_id uuid, measure_id uuid, measure_code text, kind text, ref text,"
           " contribution_id uuid, outcome text, reason text, created_by text, created_at timestamptz,"
           " updated_at timestamptz);\n"
           f"\\copy seed FROM '{rest}'\n"
           "INSERT INTO measure_link (id, plan_id, measure_id, measure_code, kind, ref, contribution_id, outcome,"
           " reason, created_by, created_at, updated_at) SELECT * FROM seed ON CONFLICT (measure_id, ref) DO NOTHING;")
    before = int(psql(SYNTHESIS_DB, f"SELECT count(*) FROM measure_link WHERE plan_id = '{plan}'"))
    subprocess.run(["psql", "-qtAX", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres", "-d", SYNTHESIS_DB],
                   input=sql, check=True, capture_output=True, text=True)
    after = int(psql(SYNTHESIS_DB, f"SELECT count(*) FROM measure_link WHERE plan_id = '{plan}'"))
    say(f"  {after - before} links with the API's insert statement (no event, no audit row)")
    return through_api, after - before


def seed(plan=None):
    token = Login("regione")
    started = time.monotonic()
    if plan:
        return seed_links(plan, token, {})
    status, plan = call("POST", "/api/plans", token, {
        "region": "puglia", "title": f"Piano sociale (benchmark delle pagine, {MEASURES} interventi)",
        "periodStart": "2027-01-01", "periodEnd": "2029-12-31",
        "themes": [{"code": c, "label": l} for c, l in THEMES], "leps": []})
    plan = plan["id"]
    call("POST", f"/api/plans/{plan}/phase", token, {"phase": "CONSULTATION"})
    work = STATE / "bench" / "plan" / plan
    work.mkdir(parents=True, exist_ok=True)
    say(f"plan {plan}: draft with {MEASURES} measures, published as v1")
    v1 = draft(plan, token, 0, 1)
    version = call("GET", f"/api/plans/{plan}/document/versions/{v1['version']}")[1]
    measure_ids = [version["measureIds"][f"M{i + 1:03d}"] for i in range(MEASURES)]
    timings = {"plan and v1": time.monotonic() - started}

    say(f"{PROPOSALS} proposal.submitted events to {PREFIX}coprogram.proposals")
    t = time.monotonic()
    proposals = proposal_events(plan, work / "proposals.events")
    subprocess.run(["java", "-Xmx512m", "-cp", str(STATE / "kafka" / "libs" / "*"),
                    str(ROOT / "scripts/bench/PublishEvents.java"), "127.0.0.1:9092", f"{PREFIX}coprogram.proposals",
                    "org.coprogram.proposal.submitted.v1", plan, str(work / "proposals.events")], check=True)
    timings["events published"] = time.monotonic() - t
    deadline = time.monotonic() + 1800
    copied = False
    while True:
        counted = int(psql(SYNTHESIS_DB, f"SELECT count(*) FROM contribution WHERE plan_id = '{plan}'"))
        if counted >= PROPOSALS:
            break
        if not copied and time.monotonic() - t > SEED_WAIT:
            say(f"  the consumer has applied {counted} in {SEED_WAIT} s: the rest with the projector's own statement")
            timings["rows the consumer had not applied, written"] = copy_rows(work / "proposals.events")
            copied = True
        if time.monotonic() > deadline:
            raise RuntimeError(f"the read model holds {counted} of {PROPOSALS} after 30 minutes")
        time.sleep(2)
    timings["events in the read model"] = time.monotonic() - t
    say(f"  the read model holds {counted} ({timings['events in the read model']:.0f} s)")

    return seed_links(plan, token, timings)


def seed_links(plan, token, timings):
    """The links, v2 and the statistics; resumes a seed that stopped after the proposals (PLAN=... RESUME=1)."""
    work = STATE / "bench" / "plan" / plan
    version = call("GET", f"/api/plans/{plan}/document/versions/1")[1]
    codes = {version["measureIds"][f"M{i + 1:03d}"]: f"M{i + 1:03d}" for i in range(MEASURES)}
    measure_ids = list(codes)
    proposals = [line.split("\t", 1)[0] for line in (work / "proposals.events").read_text().splitlines()]
    t = time.monotonic()
    links = assignment(measure_ids, proposals)
    say(f"linking {PROPOSALS} proposals, {BULK} a call ({HEAVY} measures with {HEAVY_LINKS} each)")
    api, direct = link_all(plan, token, links, codes)
    timings[f"links ({api} through the API, {direct} by statement)"] = time.monotonic() - t
    t = time.monotonic()
    draft(plan, token, 1, 2)
    timings["v2 published"] = time.monotonic() - t
    t = time.monotonic()
    psql(SYNTHESIS_DB, "ANALYZE")
    timings["ANALYZE"] = time.monotonic() - t
    (work / "measures.csv").write_text("".join(f"{m},{math.ceil(len(p) / PAGE)}\n" for m, p in links.items()))
    (work / "proposals.txt").write_text("\n".join(proposals) + "\n")
    (work / "seed.json").write_text(json.dumps({"timings": timings, "heaviest": measure_ids[0]}, indent=1))
    return plan, work


def check(plan, work):
    """The pages hold what was seeded: the heaviest measure counts all its links and pages them; a fate names one
    measure in two versions."""
    heaviest, pages = (work / "measures.csv").read_text().splitlines()[0].split(",")
    expected = int(pages) * PAGE if HEAVY_LINKS % PAGE == 0 else None
    page = call("GET", f"/api/measures/{heaviest}")[1]
    total, listed = page["contributions"]["total"], len(page["linked"]["items"])
    say(f"heaviest measure: {total} contributions counted, linked.total {page['linked']['total']}, {listed} listed"
        f" on its first page; {len(page['versions'])} versions")
    if expected is not None and (total != expected or page["linked"]["total"] != expected or listed != PAGE):
        raise RuntimeError(f"the heaviest measure's page does not hold its {expected} links")
    proposal = (work / "proposals.txt").read_text().split()[-1]
    fate = call("GET", f"/api/proposals/{proposal}/fate")[1]
    if len(fate["measures"]) != 1 or len(fate["measures"][0]["versions"]) != 2:
        raise RuntimeError(f"unexpected fate: {json.dumps(fate)[:400]}")


# ---------------------------------------------------------------------------------------------------------- baseline
def pgbench():
    """pgbench's built-in select-only script (one primary-key read of 100,000 rows), 4 clients, 10 s."""
    db = "coprogram_pgbench" + os.environ.get("BENCH_DB_SUFFIX", "")
    if psql("postgres", f"SELECT count(*) FROM pg_database WHERE datname = '{db}'") == "0":
        psql("postgres", f"CREATE DATABASE {db}")
        subprocess.run(["pgbench", "-q", "-i", "-s", "1", "-h", "127.0.0.1", "-U", "postgres", db], check=True,
                       capture_output=True)
    out = subprocess.run(["pgbench", "-n", "-S", "-c", "4", "-j", "2", "-T", "10", "-h", "127.0.0.1", "-U",
                          "postgres", db], check=True, capture_output=True, text=True).stdout
    return float(re.search(r"tps = ([\d.]+)", out).group(1)), float(
        re.search(r"latency average = ([\d.]+) ms", out).group(1))


# -------------------------------------------------------------------------------------------------------------- runs
def gatling(plan, work, run):
    started = datetime.datetime.now(datetime.timezone.utc)
    before = load()
    subprocess.run(["mvn", "-B", "-ntp", "-q", "gatling:test",
                    "-Dgatling.simulationClass=org.coprogram.bench.PlanPagesSimulation", f"-DplanId={plan}",
                    f"-DgatewayUrl={GATEWAY}", f"-Drate={RATE}", f"-Dseconds={SECONDS}", f"-DwarmupSeconds={WARMUP}",
                    f"-DbaselineSeconds={BASELINE}", f"-DmeasuresFile={work / 'measures.csv'}",
                    f"-DproposalsFile={work / 'proposals.txt'}"], cwd=ROOT / "scripts/bench", check=False)
    report = max((ROOT / "scripts/bench/target/gatling").glob("planpagessimulation-*"), key=lambda p: p.stat().st_mtime)
    return {"run": run, "at": started.strftime("%H:%M"), "load": (before, load()), "report": report,
            "stats": gatling_stats.requests(report)}


def fmt(value):
    return "—" if value == math.inf else f"{value:,}"


def main():
    plan = os.environ.get("PLAN")
    if plan and os.environ.get("RESUME") == "1":
        plan, work = seed(plan)
    elif plan:
        work = STATE / "bench" / "plan" / plan
        say(f"reusing plan {plan} ({work})")
    else:
        plan, work = seed()
    check(plan, work)
    seeded = json.loads((work / "seed.json").read_text())
    pg_before = pgbench()
    runs = []
    for run in range(1, RUNS + 1):
        say(f"run {run} of {RUNS}: {WARMUP} s warm-up, {BASELINE} s baseline, {SECONDS} s of pages at {RATE}/s")
        runs.append(gatling(plan, work, run))
    pg_after = pgbench()

    lines = [f"Plan pages through the gateway ({GATEWAY}): plan {plan}, {MEASURES} measures, {PROPOSALS:,} linked"
             f" proposals ({HEAVY} measures with {HEAVY_LINKS:,}); offered {RATE} requests/s, open model",
             "seeding: " + ", ".join(f"{k} {v:.0f} s" for k, v in seeded["timings"].items()),
             f"pgbench select-only (4 clients, 10 s): {pg_before[0]:,.0f} tps ({pg_before[1]:.2f} ms) before,"
             f" {pg_after[0]:,.0f} tps ({pg_after[1]:.2f} ms) after",
             "",
             "| run | UTC | load (1 min) | request | sent | KO | p50 ms | p95 ms | p99 ms | max ms |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in runs:
        for name in ("baseline: GET /api/plans/{id}", "measure page", "fate page"):
            s = r["stats"].get(name)
            if s is None:
                lines.append(f"| {r['run']} | {r['at']} | | {name} | not run | | | | | |")
                continue
            lines.append(f"| {r['run']} | {r['at']} | {r['load'][0]:.0f} → {r['load'][1]:.0f} | {name} | "
                         f"{fmt(s['sent'])} | {fmt(s['ko'])} | {fmt(s['p50'])} | {fmt(s['p95'])} | {fmt(s['p99'])} |"
                         f" {fmt(s['max'])} |")
    lines.append("")
    lines += [f"Gatling reports: {r['report']}/index.html" for r in runs]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
