"""The peak mix as a schedule for the light open-model generator (scripts/bench/OpenLoad.java), #28 "honest load".

PeakSimulation's mix, request for request, but decided here in advance: each request gets its intended send time
(reads and writes each at a constant rate, interleaved), and OpenLoad.java only sends them on time and measures from
that time. The generator then spends its CPU on HTTP alone, not on a scenario engine.

    schedule(path, plan, read_rate, write_rate, seconds, tokens, pools, words, texts, municipalities, warmup=5)

Line format (tab-separated): offset-µs group name METHOD path token|- idempotency-key|- expected-statuses body|-.
"""
import json
import random
import urllib.parse
import uuid

from search_words import Zipf, proposal, query

PROVINCES = ["BA", "BT", "BR", "FG", "LE", "TA"]
KINDS = ["PROPOSAL", "IDEA", "REPORT"]
# Shares of the mixes, as PeakSimulation's randomSwitch; the comment share is 0 in the peak (not reconciled there).
READ_SHARES = [("proposal list, theme + province, sorted", 20), ("proposal list, whole plan, deep pages", 10),
               ("proposal search", 15), ("proposal", 20), ("questionnaire", 10),
               ("questionnaire results, by province", 10), ("meeting list", 10), ("synthesis", 5)]
WRITE_SHARES = [("proposal", 15), ("support", 35), ("questionnaire response", 35), ("meeting registration", 15)]
SURVEY_SERVICES = ["sad", "cd", "nessuno"]


def deep_page(rng, deepest):
    """As SearchWords.page: the first page most often, deeper ones ever more rarely."""
    page = 0
    while page < deepest and rng.randrange(5) < 2:
        page += 1
    return rng.randrange(deepest + 1) if rng.randrange(10) == 0 else page


class Mix:
    def __init__(self, plan, tokens, pools, words, texts, themes, municipalities, write_shares=WRITE_SHARES, seed=1):
        self.plan, self.tokens, self.pools = plan, tokens, pools
        self.texts, self.themes, self.municipalities = texts, themes, municipalities
        self.rng = random.Random(seed)
        # Idempotency keys: the schedule is reproducible, the keys are not, or a second run with the same bench
        # citizens would meet the first run's keys (422, another request under a used key).
        self.keys = random.Random()
        self.zipf = Zipf(words, seed=seed)
        self.write_shares = write_shares
        self.sequence = {}
        self.proposals = 0

    def pick(self, shares):
        total = sum(s for _, s in shares)
        at = self.rng.uniform(0, total)
        for name, share in shares:
            at -= share
            if at <= 0:
                return name
        return shares[-1][0]

    def pair(self, kind):
        """Person n mod P acting on target n / P of its pool: no pair repeats within a run."""
        n = self.sequence.get(kind, 0)
        self.sequence[kind] = n + 1
        targets = self.pools[kind]
        return self.tokens[n % len(self.tokens)], targets[min(n // len(self.tokens), len(targets) - 1)]

    def read(self):
        rng, plan = self.rng, self.plan
        name = self.pick(READ_SHARES)
        sort = rng.choice(["supports", "recent"])
        if name == "proposal list, theme + province, sorted":
            path = (f"/api/plans/{plan}/proposals?theme={rng.choice(self.themes)}&province={rng.choice(PROVINCES)}"
                    f"&sort={sort}&page={deep_page(rng, 2)}&size=20")
        elif name == "proposal list, whole plan, deep pages":
            path = f"/api/plans/{plan}/proposals?sort={sort}&page={deep_page(rng, 40)}&size=20"
        elif name == "proposal search":
            path = (f"/api/plans/{plan}/proposals?q={urllib.parse.quote(query(self.zipf))}"
                    f"&page={deep_page(rng, 10)}&size=20")
        elif name == "proposal":
            path = f"/api/proposals/{rng.choice(self.pools['read'])}"
        elif name == "questionnaire":
            path = f"/api/surveys/{rng.choice(self.pools['readSurveys'])}"
        elif name == "questionnaire results, by province":
            path = f"/api/surveys/{rng.choice(self.pools['readSurveys'])}/results?province={rng.choice(PROVINCES)}"
        elif name == "meeting list":
            path = f"/api/plans/{plan}/meetings"
        else:
            path = f"/api/plans/{plan}/synthesis"
        # One reader in five is signed in: the gateway verifies the token, and no anonymous cache answers them.
        token = rng.choice(self.tokens) if rng.randrange(5) == 0 else "-"
        return "reads", "read: " + name, "GET", path, token, "-", "200", "-"

    def write(self):
        rng = self.rng
        name = self.pick(self.write_shares)
        if name == "proposal":
            self.proposals += 1
            title, body = proposal(rng.choice(self.texts), rng.randrange(1_000_000))
            token = self.tokens[self.proposals % len(self.tokens)]
            payload = {"kind": rng.choice(KINDS), "title": title, "body": body, "theme": rng.choice(self.themes),
                       "municipality": rng.choice(self.municipalities)}
            return "writes", "write: proposal", "POST", f"/api/plans/{self.plan}/proposals", token, "-", "201", \
                json.dumps(payload, ensure_ascii=False)
        if name == "support":
            token, target = self.pair("support")
            return "writes", "write: support", "POST", f"/api/proposals/{target}/supports", token, "-", "201", "-"
        if name == "questionnaire response":
            token, target = self.pair("response")
            body = {"answers": {"servizio": rng.choice(SURVEY_SERVICES), "voto": rng.randint(1, 5),
                                "priorita": rng.choice([["a", "b", "c"], ["c", "a", "b"]]),
                                "nota": "Più ore di assistenza"}, "municipality": rng.choice(self.municipalities)}
            return "writes", "write: questionnaire response", "POST", f"/api/surveys/{target}/responses", token, \
                str(uuid.UUID(int=self.keys.getrandbits(128))), "201", json.dumps(body, ensure_ascii=False)
        if name == "meeting registration":
            token, target = self.pair("registration")
            return "writes", "write: meeting registration", "POST", f"/api/meetings/{target}/registrations", token, \
                "-", "201", "-"
        # A comment on a proposal (kept apart from the peak's reconciliation: its share there is 0).
        token = self.tokens[rng.randrange(len(self.tokens))]
        text = rng.choice(self.texts)[:1000]
        return "writes", "write: comment", "POST", f"/api/proposals/{rng.choice(self.pools['read'])}/comments", \
            token, str(uuid.UUID(int=self.keys.getrandbits(128))), "201", json.dumps({"body": text}, ensure_ascii=False)


def schedule(path, mix, read_rate, write_rate, seconds, warmup=5):
    """Writes the run's requests with their intended send times: `warmup` seconds of reads at the whole rate (group
    "warm-up", not a measurement: the generator's connections and JIT), then reads and writes at their rates."""
    events = []
    if warmup and read_rate + write_rate:
        interval = 1_000_000 / (read_rate + write_rate)
        for i in range(int(warmup * (read_rate + write_rate))):
            _, name, method, url, token, key, expected, body = mix.read()
            events.append((int(i * interval), "warm-up", "warm-up: " + name[len("read: "):], method, url, "-", key,
                           expected, body))
    start = int(warmup * 1_000_000)
    for rate, make in ((read_rate, mix.read), (write_rate, mix.write)):
        if rate:
            interval = 1_000_000 / rate
            events += [(start + int(i * interval), *make()) for i in range(int(rate * seconds))]
    events.sort(key=lambda e: e[0])
    with open(path, "w", encoding="utf-8") as out:
        for event in events:
            out.write("\t".join(str(field) for field in event) + "\n")
    return path
