#!/usr/bin/env python3
"""The demo consultation, loaded through the public API as real people would (issue #32, "A living demo").

Everything is generated from a fixed seed, from the synthesis test corpus (synthesis-service/src/test/resources/corpus,
205 Italian contributions on 10 topics) and from the districts' composition (data/territory): the same data comes
out at every run. Demo people are accounts of realm `coprogram` (never the test realm), made through Keycloak's admin
API when missing: citizens `demo-cittadino-NNN`, a district operator per district of the composition, a few
organisations. Writes go through the gateway with each person's own token (password grant of client coprogram-cli)
and an Idempotency-Key derived from what is written, so a retried request never duplicates; a second run finds what
is there (plans by title, proposals by title, supports, comments, responses, meetings by title, answers) and adds
only what is missing. A global pace stays well under the gateway's limits (docs: gateway rate-limit settings), and a
429 waits for Retry-After.

Usage: demo_data.py [--citizens N] [--check-only]. Environment: COPROGRAM_GATEWAY, COPROGRAM_KEYCLOAK,
COPROGRAM_DEMO_CITIZENS (default 2000), COPROGRAM_DEMO_THREADS (default 6).
"""
import argparse
import base64
import csv
import hashlib
import json
import os
import random
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GATEWAY = os.environ.get("COPROGRAM_GATEWAY", "http://127.0.0.1:8080")
KEYCLOAK = os.environ.get("COPROGRAM_KEYCLOAK", "http://127.0.0.1:8180")
REALM = "coprogram"
SEED = 20261206
PUGLIA_TITLE = "VI Piano Regionale delle Politiche Sociali 2026-2028"
ABRUZZO_TITLE = "Piano Sociale Regionale 2022-2024"
THEMES = [("poverta", "Povertà e inclusione sociale"), ("famiglie-minori", "Famiglie e minori"),
          ("disabilita", "Disabilità"), ("anziani", "Anziani e non autosufficienza"),
          ("violenza-genere", "Contrasto alla violenza di genere"), ("immigrazione", "Immigrazione"),
          ("dipendenze", "Dipendenze"), ("abitare", "Politiche abitative"), ("welfare-accesso", "Welfare d'accesso")]
LEPS = ["pronto-intervento-sociale", "supervisione-personale", "dimissioni-protette", "pippi",
        "residenza-fittizia", "dopo-di-noi-vita-indipendente"]
# Named demo accounts of the realm file (README) that are people and may support and answer.
NAMED_PEOPLE = ["cittadino", "ets", "ambito", "ambito-foggia", "moderatore"]
NAMED_OPERATORS = {"BA-BARI": "ambito", "FG-FOGGIA": "ambito-foggia", "ADS-PESCARA": "ambito-pescara"}
# Organisations that speak in the consultation: (user, category, organisation, region).
ORGANISATIONS = [
    ("demo-ets-puglia-1", "THIRD_SECTOR", "Forum del Terzo Settore Puglia (demo)", "puglia"),
    ("demo-ets-puglia-2", "THIRD_SECTOR", "Cooperativa sociale Il Melograno (demo)", "puglia"),
    ("demo-sindacato-puglia", "TRADE_UNION", "Coordinamento sindacale pensionati (demo)", "puglia"),
    ("demo-ordine-puglia", "PROFESSIONAL_ORDER", "Ordine degli assistenti sociali (demo)", "puglia"),
    ("demo-comune-puglia", "MUNICIPALITY", "Comune dimostrativo (demo)", "puglia"),
    ("demo-ets-abruzzo-1", "THIRD_SECTOR", "Rete solidale abruzzese (demo)", "abruzzo"),
]
# The other stakeholder categories, a few proposals each, so that no category of the synthesis is empty.
OTHER_VOICES = [
    ("demo-provincia-puglia", "PROVINCE", "Provincia dimostrativa (demo)", "puglia"),
    ("demo-datori-puglia", "EMPLOYER_ORGANIZATION", "Associazione datoriale dimostrativa (demo)", "puglia"),
    ("demo-asl-puglia", "OTHER_PUBLIC_BODY", "Azienda sanitaria dimostrativa (demo)", "puglia"),
    ("demo-garante-puglia", "REGIONAL_GUARANTOR", "Garante regionale dei diritti dei minori (demo)", "puglia"),
]
FIRST = ["Anna", "Marco", "Giulia", "Luca", "Francesca", "Antonio", "Maria", "Giuseppe", "Rosa", "Vito", "Lucia",
         "Nicola", "Teresa", "Michele", "Angela", "Domenico", "Paola", "Raffaele", "Carmela", "Pasquale"]
LAST = ["Rossi", "De Santis", "Lorusso", "Russo", "Greco", "Colucci", "Caputo", "Lombardi", "Ferri", "Marino",
        "Longo", "Palmieri", "Di Pietro", "Gentile", "Conte", "Fiore", "Sardella", "Ricci", "Leone", "Bianco"]


def log(message):
    print(f"[demo] {message}", file=sys.stderr, flush=True)


class Pace:
    """A token bucket: at most `rate` requests a second in all, far under the gateway's 200 per address."""

    def __init__(self, rate):
        self.interval, self.next, self.lock = 1.0 / rate, time.monotonic(), threading.Lock()

    def wait(self):
        with self.lock:
            now = time.monotonic()
            self.next = max(self.next, now) + self.interval
            delay = self.next - self.interval - now
        if delay > 0:
            time.sleep(delay)


PACE = Pace(float(os.environ.get("COPROGRAM_DEMO_RATE", "80")))
COUNT = {"requests": 0}
COUNT_LOCK = threading.Lock()


class ApiError(Exception):
    def __init__(self, status, body, what):
        super().__init__(f"{what}: HTTP {status} {body[:300]}")
        self.status, self.body = status, body


def http(method, url, body=None, headers=None, form=None, pace=True, what=""):
    """One request with retries on 429 (Retry-After), 502/503/504 and connection errors; JSON in and out."""
    data, hdrs = None, dict(headers or {})
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        hdrs["Content-Type"] = "application/x-www-form-urlencoded"
    elif body is not None:
        data = json.dumps(body).encode()
        hdrs["Content-Type"] = "application/json"
    hdrs.setdefault("Accept", "application/json")
    for attempt in range(12):
        if pace:
            PACE.wait()
        with COUNT_LOCK:
            COUNT["requests"] += 1
        request = urllib.request.Request(url, data=data, headers=hdrs, method=method)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                text = response.read().decode()
                return response.status, (json.loads(text) if text and text[0] in "[{" else text)
        except urllib.error.HTTPError as e:
            text = e.read().decode(errors="replace")
            if e.code == 429 or e.code in (502, 503, 504):
                time.sleep(float(e.headers.get("Retry-After") or 1) + attempt * 0.2)
                continue
            raise ApiError(e.code, text, what or f"{method} {url}") from None
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(1 + attempt)
    raise ApiError(0, "no answer after retries", what or f"{method} {url}")


# ------------------------------------------------------------------------------------------------------- Keycloak
class Accounts:
    """Demo accounts of realm coprogram and their tokens (cached until a minute before they expire)."""

    def __init__(self):
        self.tokens, self.lock, self.admin_token, self.admin_expiry = {}, threading.Lock(), None, 0
        self.user_locks, self.roles = {}, {}

    def admin(self):
        if time.time() > self.admin_expiry:
            _, d = http("POST", f"{KEYCLOAK}/realms/master/protocol/openid-connect/token", pace=False,
                        form={"grant_type": "password", "client_id": "admin-cli", "username": "admin",
                              "password": "admin"}, what="Keycloak admin token")
            self.admin_token, self.admin_expiry = d["access_token"], time.time() + d["expires_in"] - 20
        return {"Authorization": f"Bearer {self.admin_token}"}

    def existing(self, prefix):
        names, first = set(), 0
        while True:
            _, page = http("GET", f"{KEYCLOAK}/admin/realms/{REALM}/users?briefRepresentation=true&search="
                           f"{urllib.parse.quote(prefix)}&first={first}&max=1000", headers=self.admin(), pace=False)
            names |= {u["username"] for u in page}
            if len(page) < 1000:
                return names
            first += 1000

    def holders(self, role):
        """User names of the realm role's holders."""
        names, first = set(), 0
        while True:
            _, page = http("GET", f"{KEYCLOAK}/admin/realms/{REALM}/roles/{role}/users?briefRepresentation=true"
                           f"&first={first}&max=1000", headers=self.admin(), pace=False)
            names |= {u["username"] for u in page}
            if len(page) < 1000:
                return names
            first += 1000

    def create(self, user):
        """user: dict username, firstName, lastName, role, attributes. The password (= user name, as for every demo
        account) is given already hashed, so that creating an account costs Keycloak no hashing."""
        rep = {"username": user["username"], "enabled": True, "emailVerified": True,
               "email": f"{user['username']}@demo.coprogram.invalid", "firstName": user["firstName"],
               "lastName": user["lastName"], "attributes": {k: [v] for k, v in user["attributes"].items()},
               "credentials": [prehashed_password(user["username"])]}
        try:
            http("POST", f"{KEYCLOAK}/admin/realms/{REALM}/users", body=rep, headers=self.admin(), pace=False)
        except ApiError as e:
            if e.status != 409:
                raise
        _, found = http("GET", f"{KEYCLOAK}/admin/realms/{REALM}/users?exact=true&username={user['username']}",
                        headers=self.admin(), pace=False)
        uid = found[0]["id"]
        if user["role"] not in self.roles:
            self.roles[user["role"]] = http("GET", f"{KEYCLOAK}/admin/realms/{REALM}/roles/{user['role']}",
                                            headers=self.admin(), pace=False)[1]
        role = self.roles[user["role"]]
        http("POST", f"{KEYCLOAK}/admin/realms/{REALM}/users/{uid}/role-mappings/realm", body=[role],
             headers=self.admin(), pace=False)

    def token(self, username):
        with self.lock:
            lock = self.user_locks.setdefault(username, threading.Lock())
        with lock:
            cached = self.tokens.get(username)
            if cached and cached[1] > time.time():
                return cached[0]
            _, d = http("POST", f"{KEYCLOAK}/realms/{REALM}/protocol/openid-connect/token", pace=False,
                        form={"grant_type": "password", "client_id": "coprogram-cli",
                              "client_secret": "coprogram-demo-secret", "username": username,
                              "password": username}, what=f"token of {username}")
            self.tokens[username] = (d["access_token"], time.time() + d["expires_in"] - 60)
            return d["access_token"]


def prehashed_password(password):
    """A password credential as Keycloak stores it, hashed here with PBKDF2 (one round: it is the user name anyway).
    Keycloak re-hashes it with the realm's policy (Argon2) at the first login, so the account ends like any other and
    its creation skips one of the two expensive hashes (measured: 2.6 accounts/s with a plain password)."""
    salt = hashlib.sha256(("coprogram-demo " + password).encode()).digest()[:16]
    value = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 1, 32)
    return {"type": "password", "temporary": False,
            "secretData": json.dumps({"value": base64.b64encode(value).decode(),
                                      "salt": base64.b64encode(salt).decode(), "additionalParameters": {}}),
            "credentialData": json.dumps({"hashIterations": 1, "algorithm": "pbkdf2-sha256",
                                          "additionalParameters": {}})}


ACCOUNTS = Accounts()


def api(method, path, user=None, body=None, key=None, what=""):
    headers = {}
    if user:
        headers["Authorization"] = f"Bearer {ACCOUNTS.token(user)}"
    if key:
        headers["Idempotency-Key"] = "demo-" + hashlib.sha256(key.encode()).hexdigest()[:40]
    # Services learn a plan's phase from Kafka, a moment after it changed: a write refused for the phase is tried
    # again for up to a minute (a refused create stores no Idempotency-Key, so the retry is a first attempt).
    deadline = time.monotonic() + 60
    while True:
        try:
            return http(method, GATEWAY + path, body=body, headers=headers, what=what or f"{method} {path} as {user}")
        except ApiError as e:
            if e.status != 409 or "fase attuale" not in e.body or time.monotonic() > deadline:
                raise
            time.sleep(1)


def get(path):
    return api("GET", path)[1]


def pool_map(function, items, label, threads=None):
    """Runs function over items on a small thread pool, printing progress; returns the results in order."""
    items = list(items)
    if not items:
        return []
    threads = threads or int(os.environ.get("COPROGRAM_DEMO_THREADS", "6"))
    done, results, started = [0], [None] * len(items), time.monotonic()
    step = max(1, len(items) // 5)

    def run(i):
        results[i] = function(items[i])
        with COUNT_LOCK:
            done[0] += 1
            if done[0] % step == 0 or done[0] == len(items):
                log(f"  {label}: {done[0]}/{len(items)} ({time.monotonic() - started:.0f} s)")

    with ThreadPoolExecutor(threads) as executor:
        for future in [executor.submit(run, i) for i in range(len(items))]:
            future.result()
    return results


# ------------------------------------------------------------------------------------------------- source data
def read_csv(path):
    with open(os.path.join(ROOT, path), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


CORPUS = read_csv("synthesis-service/src/test/resources/corpus/contributi.csv")
MUNICIPALITIES = {m["istat_code"]: m for m in read_csv("data/territory/istat-comuni-puglia-abruzzo.csv")}
DISTRICTS = {"puglia": read_csv("data/territory/districts-puglia.csv"),
             "abruzzo": read_csv("data/territory/districts-abruzzo.csv")}


def district_codes(region):
    return sorted({row["district_code"] for row in DISTRICTS[region]})


def placed_municipalities(region):
    """Municipalities of the composition, weighted by population: bigger places speak more."""
    codes = sorted({row["istat_code"] for row in DISTRICTS[region]})
    return codes, [max(1, int(MUNICIPALITIES[c]["population_2011"] or 1)) ** 0.6 for c in codes]


def operator_of(district):
    return NAMED_OPERATORS.get(district) or "demo-ambito-" + district.lower()


def citizen(i):
    return f"demo-cittadino-{i:04d}"


def demo_users(citizens):
    users = []
    for i in range(1, citizens + 1):
        users.append({"username": citizen(i), "firstName": FIRST[i % len(FIRST)],
                      "lastName": LAST[(i * 7) % len(LAST)], "role": "citizen",
                      "attributes": {"stakeholder_category": "CITIZEN"}})
    for region in ("puglia", "abruzzo"):
        for district in district_codes(region):
            if district not in NAMED_OPERATORS:
                users.append({"username": operator_of(district), "firstName": "Operatore",
                              "lastName": f"Ambito {district}", "role": "district-operator",
                              "attributes": {"region": region, "district": district,
                                             "stakeholder_category": "DISTRICT"}})
    for username, category, organisation, region in ORGANISATIONS + OTHER_VOICES:
        users.append({"username": username, "firstName": "Referente", "lastName": organisation.split(" (")[0],
                      "role": "organization-rep",
                      "attributes": {"region": region, "stakeholder_category": category,
                                     "organization": organisation}})
    return users


def ensure_accounts(citizens):
    wanted = demo_users(citizens)
    have = ACCOUNTS.existing("demo-")
    # An account is complete with its role: one whose creation was interrupted before the role is created again
    # (a 409 there) and given its role.
    holders = {role: ACCOUNTS.holders(role) for role in {u["role"] for u in wanted}}
    missing = [u for u in wanted if u["username"] not in have or u["username"] not in holders[u["role"]]]
    log(f"accounts: {len(wanted) - len(missing)} demo accounts already in realm {REALM}, creating or completing "
        f"{len(missing)}")
    pool_map(ACCOUNTS.create, missing, "accounts created", threads=3)


# ------------------------------------------------------------------------------------------------------- plans
def find_plan(region, title):
    items = get(f"/api/plans?region={region}&size=100")["items"]
    return next((p for p in items if p["title"] == title), None)


def wait_until(what, check, timeout=90):
    deadline = time.monotonic() + timeout
    while True:
        try:
            if check():
                return
        except ApiError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"[demo] {what}: not ready after {timeout} s")
        time.sleep(0.5)


def report_body(rng, district, region):
    """A district's Relazione Sociale, from the corpus texts of its region's needs (demo figures)."""
    rows = rng.sample(CORPUS, 6)
    reached = rng.randrange(300, 2400, 50)
    return {
        "resultsAchieved": [{"theme": rows[0]["theme"], "text": f"{rows[0]['text']} Nel triennio {reached} persone "
                             f"raggiunte nell'ambito {district} (dato dimostrativo)."},
                            {"theme": rows[1]["theme"], "text": rows[1]["text"]}],
        "effectivePractices": [{"theme": rows[2]["theme"], "title": rows[2]["title"][:120],
                                "description": rows[2]["text"],
                                "transferability": rng.choice(["HIGH", "MEDIUM", "LOW"]),
                                "transferabilityNotes": "Serve una rete di servizi e di volontariato già attiva."}],
        "criticalIssues": [{"text": rows[3]["text"]}],
        "unmetNeeds": [{"theme": rows[4]["theme"], "text": rows[4]["text"]},
                       {"theme": rows[5]["theme"], "text": rows[5]["text"]}],
        "attachments": []}


def ensure_plan(region, staff, title, start, end):
    """The plan; when new, its restricted first phase (every district of the composition files its social report,
    the region publishes them), then the consultation."""
    plan = find_plan(region, title)
    if plan is None:
        _, plan = api("POST", "/api/plans", staff, {
            "region": region, "title": title, "periodStart": start, "periodEnd": end,
            "themes": [{"code": c, "label": l} for c, l in THEMES], "leps": LEPS}, key=f"plan {region} {title}")
        log(f"created plan '{title}' ({plan['id']})")
    plan_id = plan["id"]
    if plan.get("phase", "DRAFT") == "DRAFT":
        api("POST", f"/api/plans/{plan_id}/phase", staff, {"phase": "SOCIAL_REPORT"})
        plan["phase"] = "SOCIAL_REPORT"
    if plan["phase"] == "SOCIAL_REPORT":
        rng = random.Random(f"{SEED} reports {region}")
        districts = district_codes(region)
        bodies = {d: report_body(rng, d, region) for d in districts}

        def file(district):
            user = operator_of(district)
            try:
                api("PUT", f"/api/plans/{plan_id}/social-reports/{district}", user, bodies[district])
                api("POST", f"/api/plans/{plan_id}/social-reports/{district}/submit", user)
            except ApiError as e:
                if e.status != 409:  # already submitted by an earlier run
                    raise

        for attempt in range(60):  # synthesis-service learns the plan from Kafka: 404 until then
            try:
                pool_map(file, districts, f"social reports {region}")
                break
            except ApiError as e:
                if e.status != 404 or attempt == 59:
                    raise
                time.sleep(1)
        api("POST", f"/api/plans/{plan_id}/social-reports/publish", staff)
        api("POST", f"/api/plans/{plan_id}/phase", staff, {"phase": "CONSULTATION"})
        log(f"{region}: {len(districts)} social reports filed and published; plan in consultation")
    return plan_id


# --------------------------------------------------------------------------------------------------- proposals
OPENINGS = ["", "", "", "Nel comune di {name} ", "A {name}: ", "Dal territorio di {name}. "]


# The people who write, support and register: always the same, whatever the number of citizens (--citizens only
# changes how many answer the questionnaire), so the proposals and their supports never depend on it.
CORE = 300


def proposal_specs(region, count, citizens):
    """count proposals: corpus texts, each placed in a municipality of the composition, by people of the demo."""
    rng = random.Random(f"{SEED} proposals {region}")
    codes, weights = placed_municipalities(region)
    orgs = [o for o in ORGANISATIONS if o[3] == region]
    operators = {d: operator_of(d) for d in district_codes(region)}
    district_of = {row["istat_code"]: row["district_code"] for row in DISTRICTS[region]}
    specs, titles = [], set()
    order = list(range(len(CORPUS)))
    by_topic = {}
    for r in CORPUS:
        by_topic.setdefault(r["topic"], []).append(r)
    rng.shuffle(order)
    i = 0
    while len(specs) < count:
        row = CORPUS[order[i % len(order)]]
        i += 1
        municipality = rng.choices(codes, weights)[0]
        name = MUNICIPALITIES[municipality]["name"]
        title = row["title"] if i <= len(order) else f"{row['title'][:120]} ({name})"
        if title in titles or len(title) < 10:
            continue
        titles.add(title)
        body = rng.choice(OPENINGS).format(name=name) + row["text"]
        # Often a second sentence from another contribution on the same topic: the corpus has 205 texts, the plan
        # several hundred proposals, and people rarely write the very same words.
        if i > len(order) or rng.random() < 0.5:
            other = rng.choice([r for r in by_topic[row["topic"]] if r is not row])
            body += " " + other["text"]
        if len(body) < 30:
            body += f" Lo chiediamo per chi vive a {name}."
        roll = rng.random()
        if roll < 0.72:
            author = citizen(rng.randrange(1, min(citizens, CORE) + 1))
        elif roll < 0.9 and orgs:
            author = rng.choice(orgs)[0]
        else:
            author = operators[district_of[municipality]]
        kind = row["kind"] if author.startswith("demo-cittadino") or roll < 0.9 else "REPORT"
        specs.append({"kind": kind, "title": title, "body": body, "theme": row["theme"],
                      "municipality": municipality, "author": author})
    voices = random.Random(f"{SEED} other voices {region}")
    for username, _, organisation, _ in (v for v in OTHER_VOICES if v[3] == region):
        for row in voices.sample(CORPUS, 3):
            municipality = voices.choices(codes, weights)[0]
            title = f"{row['title'][:100]} ({organisation.split(' (')[0]})"
            specs.append({"kind": row["kind"], "title": title, "body": row["text"] if len(row["text"]) >= 30
                          else row["text"] + " Lo chiediamo per il nostro territorio.", "theme": row["theme"],
                          "municipality": municipality, "author": username})
    return specs


def all_proposals(plan_id):
    found, page = [], 0
    while True:
        d = get(f"/api/plans/{plan_id}/proposals?size=100&page={page}")
        found += d["items"]
        if not d["items"] or len(found) >= d["total"]:
            return found
        page += 1


def ensure_proposals(plan_id, region, count, citizens):
    wait_until("proposal-service knows the plan", lambda: get(f"/api/plans/{plan_id}/proposals") is not None)
    specs = proposal_specs(region, count, citizens)
    have = {p["title"] for p in all_proposals(plan_id)}
    missing = [s for s in specs if s["title"] not in have]
    log(f"{region}: {len(specs) - len(missing)} of {len(specs)} demo proposals present, submitting {len(missing)}")

    def submit(s):
        body = {k: s[k] for k in ("kind", "title", "body", "theme", "municipality")}
        api("POST", f"/api/plans/{plan_id}/proposals", s["author"], body,
            key=f"proposal {plan_id} {s['title']}")

    pool_map(submit, missing, f"proposals {region}")
    # Lists are cached for a couple of seconds (proposal-service's proposal-pages cache): wait for the new ones.
    deadline = time.monotonic() + 30
    while True:
        by_title = {p["title"]: p for p in all_proposals(plan_id)}
        if all(s["title"] in by_title for s in specs) or time.monotonic() > deadline:
            break
        time.sleep(1)
    return [(s, by_title[s["title"]]) for s in specs if s["title"] in by_title]


def ensure_supports(region, proposals, citizens, share):
    """Supports from distinct people, skewed as in a real consultation: most proposals a few, some many."""
    rng = random.Random(f"{SEED} supports {region}")
    people = [citizen(i) for i in range(1, int(min(citizens, CORE) * share) + 1)] + NAMED_PEOPLE
    work = []
    for spec, proposal in proposals:
        target = min(len(people) - 1, int(rng.paretovariate(1.3)) - 1 + rng.randrange(0, 4))
        supporters = [p for p in rng.sample(people, target) if p != spec["author"]]
        if proposal.get("supports", 0) < len(supporters):
            work += [(proposal["id"], p) for p in supporters]
    log(f"{region}: {len(work)} supports to give")

    def support(item):
        api("POST", f"/api/proposals/{item[0]}/supports", item[1], key=f"support {item[0]} {item[1]}")

    # One person's supports in a row share a token; a person is never two requests at once past its own limit.
    pool_map(support, work, f"supports {region}")
    return len(work)


COMMENTS = [
    "Sono d'accordo: nel nostro quartiere manca proprio un servizio così, soprattutto d'estate.",
    "Bene l'idea, ma servono orari che tengano conto di chi lavora su turni.",
    "Aggiungerei il coinvolgimento delle associazioni di volontariato che già operano sul territorio.",
    "Attenzione ai costi di trasporto: senza un servizio dedicato molte famiglie non potranno accedervi.",
    "Nel nostro Ambito un progetto simile è partito due anni fa e funziona: si può partire da lì.",
    "Chiederei di prevedere anche uno sportello per le persone con disabilità e i loro caregiver.",
    "Serve un coordinamento con i servizi sanitari del distretto, altrimenti si duplicano gli interventi.",
    "Come cooperativa sociale siamo disponibili a collaborare alla co-progettazione.",
]


def ensure_comments(region, proposals, citizens, share):
    """Public comments under a share of the proposals, by people other than the author: the dialogue the portal shows
    and the synthesis counts. Only the comments a proposal lacks are added, so a second run adds none."""
    rng = random.Random(f"{SEED} comments {region}")
    people = [citizen(i) for i in range(1, min(citizens, CORE) + 1)] + NAMED_PEOPLE
    work = []
    for spec, proposal in proposals:
        # Every draw always, whatever the proposal's state, so a second run picks the same comments.
        chosen, count = rng.random() < share, rng.randrange(1, 4)
        authors = [p for p in rng.sample(people, count + 1) if p != spec["author"]][:count]
        texts = rng.sample(COMMENTS, count)
        if chosen:
            work += [(proposal["id"], author, text, i) for i, (author, text) in enumerate(zip(authors, texts))
                     if i >= proposal.get("comments", 0)]
    log(f"{region}: {len(work)} comments to post")

    def comment(item):
        api("POST", f"/api/proposals/{item[0]}/comments", item[1], {"body": item[2]},
            key=f"comment {item[0]} {item[3]}")

    pool_map(comment, work, f"comments {region}")
    return len(work)


ANSWERS = [("ACCEPTED", "La proposta è accolta: entra tra le azioni del Piano per il triennio, con le risorse del "
            "fondo nazionale politiche sociali."),
           ("PARTIALLY_ACCEPTED", "La proposta è accolta in parte: il Piano ne riprende l'obiettivo, ma "
            "l'attuazione è lasciata alla programmazione dei singoli ambiti."),
           ("NOT_ACCEPTED", "La proposta non è accolta: l'intervento è di competenza sanitaria e rientra nella "
            "programmazione delle aziende sanitarie locali.")]


def ensure_answers(region, plan_id, proposals, staff, share):
    rng = random.Random(f"{SEED} answers {region}")
    work = []
    for spec, proposal in proposals:
        # Both draws always, whatever the proposal's state, so a second run picks the same proposals.
        chosen, answer = rng.random() < share, rng.choices(ANSWERS, [4, 3, 2])[0]
        if chosen:
            work.append((proposal["id"], answer))
    current = {p["id"]: p.get("status") for p in all_proposals(plan_id)}
    work = [w for w in work if current.get(w[0]) not in ("ACCEPTED", "PARTIALLY_ACCEPTED", "NOT_ACCEPTED", "MERGED")]

    def answer(item):
        try:
            api("POST", f"/api/proposals/{item[0]}/answer", staff, {"status": item[1][0], "text": item[1][1]})
        except ApiError as e:
            if e.status != 409:
                raise

    pool_map(answer, work, f"region answers {region}", threads=2)
    return len(work)


# ------------------------------------------------------------------------------------------------------ survey
SURVEY_TITLE = {"puglia": "Questionario sul VI Piano Regionale delle Politiche Sociali",
                "abruzzo": "Questionario sul Piano Sociale Regionale"}
SERVICES = [("segretariato", "Segretariato sociale / PUA"), ("domiciliare", "Assistenza domiciliare"),
            ("centri", "Centri diurni"), ("nessuno", "Nessuno")]
PRIORITIES = [("poverta", "Povertà e inclusione"), ("anziani", "Anziani e non autosufficienza"),
              ("disabilita", "Disabilità"), ("famiglie", "Famiglie e minori")]


def ensure_survey(region, plan_id, staff):
    wait_until("survey-service knows the plan", lambda: get(f"/api/plans/{plan_id}/surveys") is not None)
    items = get(f"/api/plans/{plan_id}/surveys?size=100")["items"]
    survey = next((s for s in items if s["title"] == SURVEY_TITLE[region]), None)
    if survey is None:
        _, survey = api("POST", f"/api/plans/{plan_id}/surveys", staff, {
            "title": SURVEY_TITLE[region],
            "description": "Dieci minuti per dirci quali servizi usi, cosa funziona e dove intervenire prima. "
                           "Le risposte sono anonime.",
            "anonymous": True, "questions": [
                {"id": "servizi", "type": "MULTIPLE_CHOICE", "label": "Quali servizi sociali hai usato negli "
                 "ultimi due anni?", "maxSelections": 3, "options": [{"id": i, "label": l} for i, l in SERVICES]},
                {"id": "soddisfazione", "type": "SCALE", "label": "Quanto sei soddisfatto dell’assistenza "
                 "domiciliare?", "min": 1, "max": 5, "showIf": {"question": "servizi", "equals": "domiciliare"}},
                {"id": "priorita", "type": "RANKING", "label": "Ordina le aree per priorità", "required": True,
                 "options": [{"id": i, "label": l} for i, l in PRIORITIES]},
                {"id": "comune", "type": "MUNICIPALITY", "label": "In quale comune vivi?", "required": True},
                {"id": "proposta", "type": "LONG_TEXT", "label": "Una proposta per il tuo territorio",
                 "max": 2000}]}, key=f"survey {plan_id}")
    if survey.get("status", "DRAFT") == "DRAFT":
        api("POST", f"/api/surveys/{survey['id']}/publish", staff)
    return survey["id"]


def ensure_responses(region, survey_id, people):
    """Each person answers once (the survey's rule); the Idempotency-Key makes a second run a replay, not a
    second answer."""
    rng = random.Random(f"{SEED} responses {region}")
    codes, weights = placed_municipalities(region)
    work = []
    for person in people:
        used = rng.sample([s for s, _ in SERVICES[:3]], rng.choice([0, 1, 1, 2, 2, 3]))
        answers = {"servizi": used or ["nessuno"], "comune": rng.choices(codes, weights)[0]}
        ranking = [p for p, _ in PRIORITIES]
        rng.shuffle(ranking)
        if rng.random() < 0.5:  # people often put the elderly first
            ranking.remove("anziani")
            ranking.insert(0, "anziani")
        answers["priorita"] = ranking
        if "domiciliare" in used:
            answers["soddisfazione"] = rng.choices([1, 2, 3, 4, 5], [1, 2, 4, 3, 2])[0]
        if rng.random() < 0.3:
            answers["proposta"] = rng.choice(CORPUS)["text"]
        work.append((person, answers))

    # Published responses are mixed in batches of at least five (docs/privacy.md): a few may still wait.
    published = get(f"/api/surveys/{survey_id}/results").get("respondents") or 0
    if published >= len(work) - 4:
        log(f"{region}: {published} questionnaire responses already published, none to send")
        return 0

    def respond(item):
        try:
            api("POST", f"/api/surveys/{survey_id}/responses", item[0], {"answers": item[1]},
                key=f"response {survey_id} {item[0]}")
        except ApiError as e:
            if e.status != 409:  # answered in an earlier run with another key
                raise

    pool_map(respond, work, f"questionnaire responses {region}")
    return len(work)


# ---------------------------------------------------------------------------------------------------- meetings
def meeting_specs(region):
    """Past meetings (their minutes published) and coming ones (people register)."""
    rng = random.Random(f"{SEED} meetings {region}")
    codes, weights = placed_municipalities(region)
    by_district = {}
    for row in DISTRICTS[region]:
        by_district.setdefault(row["district_code"], row)
    districts = sorted(by_district)
    chosen = rng.sample(districts, min(len(districts), 10 if region == "puglia" else 3))
    specs = []
    for n, district in enumerate(chosen):
        row = by_district[district]
        lead = next((c for c in codes if MUNICIPALITIES[c]["name"] == row["lead_municipality"]), row["istat_code"])
        past = n % 2 == 0
        day = f"2026-{10 + n % 2:02d}-{5 + n * 2:02d}" if past else f"2027-{1 + n % 5:02d}-{10 + n:02d}"
        themes = sorted(rng.sample([t for t, _ in THEMES], 3))
        specs.append({"type": "TERRITORIAL", "title": f"Tavolo territoriale dell'ambito {district} "
                      f"({MUNICIPALITIES[lead]['name']})",
                      "description": "Incontro aperto a cittadini, Terzo Settore e servizi dell'ambito per "
                      "discutere i bisogni del territorio e le proposte per il Piano.",
                      "themes": themes, "district": district, "municipality": lead,
                      "address": f"Sala consiliare, Comune di {MUNICIPALITIES[lead]['name']}",
                      "startsAt": f"{day}T17:00:00+01:00", "endsAt": f"{day}T19:30:00+01:00",
                      "capacity": rng.choice([40, 60, 80]), "past": past})
    for n, (theme, label) in enumerate(THEMES[:4 if region == "puglia" else 1]):
        day = f"2027-02-{3 + n * 5:02d}"
        specs.append({"type": "THEMATIC", "title": f"Tavolo tematico: {label}",
                      "description": f"Tavolo di co-programmazione sull'area {label}, con gli enti del Terzo "
                      "Settore e i servizi.", "themes": [theme], "municipality": codes[0] if region == "abruzzo"
                      else "072006", "address": "Sede della Regione", "onlineUrl": "https://example.org/tavolo",
                      "startsAt": f"{day}T10:00:00+01:00", "endsAt": f"{day}T13:00:00+01:00", "capacity": 120,
                      "past": False})
    if region == "puglia":
        specs.append({"type": "PLENARY", "title": "Apertura della consultazione: incontro plenario",
                      "description": "Presentazione del percorso di co-programmazione del VI Piano e raccolta dei "
                      "primi contributi.", "themes": ["poverta", "anziani", "disabilita"], "municipality": "072006",
                      "address": "Fiera del Levante, Lungomare Starita 4",
                      "onlineUrl": "https://example.org/diretta-plenaria",
                      "accessibilityNotes": "Sala accessibile, interpretariato LIS su richiesta.",
                      "startsAt": "2027-02-15T10:00:00+01:00", "endsAt": "2027-02-15T13:00:00+01:00",
                      "capacity": 300, "past": False})
    return specs


def ensure_meetings(region, plan_id, staff, proposals, people):
    wait_until("meeting-service knows the plan", lambda: get(f"/api/plans/{plan_id}/meetings") is not None)
    rng = random.Random(f"{SEED} meeting people {region}")
    specs = meeting_specs(region)
    have = {m["title"]: m for m in get(f"/api/plans/{plan_id}/meetings?size=100")["items"]}

    def create(spec):
        if spec["title"] in have:
            return have[spec["title"]]
        body = {k: v for k, v in spec.items() if k != "past"}
        return api("POST", f"/api/plans/{plan_id}/meetings", staff, body, key=f"meeting {plan_id} {spec['title']}")[1]

    meetings = pool_map(create, specs, f"meetings {region}", threads=2)
    registrations, minutes = [], []
    by_theme = {}
    for spec, proposal in proposals:
        by_theme.setdefault(spec["theme"], []).append(proposal["id"])
    for spec, meeting in zip(specs, meetings):
        if spec["past"]:
            contributions = []
            for theme in spec["themes"]:
                for row in rng.sample([r for r in CORPUS if r["theme"] == theme], 2):
                    linked = rng.sample(by_theme.get(theme, []), min(2, len(by_theme.get(theme, []))))
                    contributions.append({"theme": theme, "text": row["text"], "proposalIds": linked})
            minutes.append((meeting["id"], {
                "summary": f"Al tavolo dell'ambito {spec['district']} hanno partecipato cittadini, enti del Terzo "
                           "Settore e operatori dei servizi. Sono emersi i temi riportati di seguito.",
                "attendance": rng.randrange(20, spec["capacity"]), "contributions": contributions}))
        else:
            people_here = rng.sample(people, min(len(people), rng.randrange(spec["capacity"] // 3,
                                                                            spec["capacity"] + 10)))
            if meeting.get("confirmed", 0) < min(len(people_here), spec["capacity"]):
                registrations += [(meeting["id"], person) for person in people_here]

    def register(item):
        api("POST", f"/api/meetings/{item[0]}/registrations", item[1], key=f"register {item[0]} {item[1]}")

    def write_minutes(item):
        try:
            api("PUT", f"/api/meetings/{item[0]}/minutes", staff, item[1])
            api("POST", f"/api/meetings/{item[0]}/minutes/publish", staff)
        except ApiError as e:
            if e.status != 409:  # already published
                raise

    pool_map(write_minutes, minutes, f"minutes {region}", threads=2)
    pool_map(register, registrations, f"registrations {region}")
    return len(specs), len(registrations), len(minutes)


# ------------------------------------------------------------------------------------------------------- main
def load(region, staff, title, start, end, proposals, citizens, people):
    started = time.monotonic()
    plan_id = ensure_plan(region, staff, title, start, end)
    props = ensure_proposals(plan_id, region, proposals, citizens)
    supports = ensure_supports(region, props, citizens, 1.0 if region == "puglia" else 0.4)
    comments = ensure_comments(region, props, citizens, 0.25)
    survey = ensure_survey(region, plan_id, staff)
    responses = ensure_responses(region, survey, people)
    meetings = ensure_meetings(region, plan_id, staff, props, people[:CORE + len(NAMED_PEOPLE)])
    answers = ensure_answers(region, plan_id, props, staff, 0.3)
    log(f"{region}: plan {plan_id}: {len(props)} proposals, {supports} supports and {comments} comments given now, "
        f"{responses} questionnaire responses sent, {meetings[0]} meetings ({meetings[1]} registrations, {meetings[2]} "
        f"minutes), {answers} answers given now, in {time.monotonic() - started:.0f} s")
    return plan_id


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--citizens", type=int, default=int(os.environ.get("COPROGRAM_DEMO_CITIZENS", "2000")))
    parser.add_argument("--check-only", action="store_true")
    args = parser.parse_args()
    started = time.monotonic()
    if not args.check_only:
        ensure_accounts(args.citizens)
        people = NAMED_PEOPLE + [citizen(i) for i in range(1, args.citizens + 1)]
        puglia = load("puglia", "regione", PUGLIA_TITLE, "2026-01-01", "2028-12-31", 450, args.citizens, people)
        abruzzo_people = people[: max(20, len(people) // 3)]
        abruzzo = load("abruzzo", "regione-abruzzo", ABRUZZO_TITLE, "2022-01-01", "2024-12-31", 90,
                       args.citizens, abruzzo_people)
        log(f"loaded in {time.monotonic() - started:.0f} s, {COUNT['requests']} requests to the gateway and "
            f"Keycloak")
        print(f"Puglia plan:  {GATEWAY}/api/plans/{puglia}")
        print(f"Abruzzo plan: {GATEWAY}/api/plans/{abruzzo}")
    import demo_check  # noqa: E402 (next to this script)
    people = len(NAMED_PEOPLE) + args.citizens
    expected = (people - 4, max(20, people // 3) - 4) if not args.check_only else (100, 20)
    sys.exit(demo_check.main([PUGLIA_TITLE, ABRUZZO_TITLE], expected))


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main()
