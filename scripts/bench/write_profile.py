"""Where the CPU of each write path goes (#28, "cut CPU per write"): every write kind alone, at a modest constant rate
from the light open-model generator (OpenLoad.java), on a running platform; per kind, the CPU seconds of every
platform process per 1,000 accepted writes (from /proc/<pid>/stat before and after), and JFR execution samples of the
services and the gateway, summarised as text (no recording is kept).

    COPROGRAM_GATEWAY=http://127.0.0.1:22080 COPROGRAM_REALM=coprogram-writes COPROGRAM_STATE=/work/main/.coprogram \\
      RUN_DIR=/work/main/.coprogram/test-22080 DB_SUFFIX=_writes python3 scripts/bench/write_profile.py [KIND ...]

KIND: proposal, support, registration, comment, response (default: all); or `idle [SECONDS]`: the CPU of every
process while nothing is sent. Environment: RATE (writes/s, 20), SECONDS
(per kind, 40), PLAN (reuse an earlier run's plan and its unused targets), PGBENCH (1: pgbench's insert rate before and after, and
each kind's CPU against #28's budget, 8 x 2 core-seconds / tps), WARMUP (seconds of the kind alone before, 15), USERS (100), JFR (1: record), TOP (frames listed per process, 12), OUT (text file, else stdout only).
The platform's gateway must run with COPROGRAM_RATE_ACCOUNT raised if RATE * SECONDS / USERS is high.
"""
import collections
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))
import bench_users  # noqa: E402
import local_platform  # noqa: E402
import open_mix  # noqa: E402
import peak  # noqa: E402
import search_words  # noqa: E402
from local_platform import GATEWAY  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
RUN_DIR = Path(os.environ.get("RUN_DIR", Path(local_platform.STATE)))
WORK = Path(os.environ.get("WORK", "/tmp/write-profile"))
RATE = int(os.environ.get("RATE", 20))
SECONDS = int(os.environ.get("SECONDS", 40))
WARMUP = int(os.environ.get("WARMUP", 15))
USERS = int(os.environ.get("USERS", 100))
JFR = os.environ.get("JFR", "1") == "1"
TOP = int(os.environ.get("TOP", 12))
KINDS = {"proposal": "proposal", "support": "support", "registration": "meeting registration",
         "comment": "comment", "response": "questionnaire response"}
MAIL_API = os.environ.get("COPROGRAM_MAIL_API", "http://127.0.0.1:8025")
NOTIFICATION = os.environ.get("COPROGRAM_NOTIFICATION", "http://127.0.0.1:8085")
JVMS = ["gateway", "proposal-service", "survey-service", "meeting-service", "synthesis-service",
        "notification-service"]
# Inclusive shares: a sample counts for a layer when any frame of its stack is in one of the layer's packages.
LAYERS = [("JSON (Jackson)", ("com.fasterxml.jackson",)),
          ("token verification (jose4j, smallrye-jwt, OIDC)", ("org.jose4j", "io.smallrye.jwt", "io.quarkus.oidc")),
          ("Hibernate / Panache", ("org.hibernate", "io.quarkus.hibernate")),
          ("PostgreSQL client", ("io.vertx.pgclient", "io.vertx.sqlclient")),
          ("Kafka client", ("org.apache.kafka",)),
          ("Lucene", ("org.apache.lucene",)),
          ("OpenTelemetry", ("io.opentelemetry",)),
          ("logging", ("org.jboss.logging", "org.jboss.logmanager", "java.util.logging")),
          ("validation (Hibernate Validator)", ("org.hibernate.validator",)),
          ("HTTP (Vert.x, Netty, RESTEasy)", ("io.netty", "io.vertx.core", "io.vertx.ext.web",
                                              "org.jboss.resteasy", "io.quarkus.vertx.http")),
          ("gateway proxy", ("org.coprogram.gateway",)),
          ("Coprogram code", ("org.coprogram",))]


def say(message):
    print(f"\033[1m[write-profile]\033[0m {message}", file=sys.stderr, flush=True)


def pids():
    """name -> pids of the platform's processes (this run directory's), PostgreSQL's and Kafka's and Keycloak's."""
    found = {}
    for name in JVMS:
        file = RUN_DIR / "pids" / f"{name}.pid"
        if file.exists() and Path(f"/proc/{file.read_text().strip()}").exists():
            found[name] = [int(file.read_text().strip())]
    for name in ("kafka", "keycloak"):
        file = Path(local_platform.STATE) / "pids" / f"{name}.pid"
        if file.exists():
            pid = file.read_text().strip()
            children = subprocess.run(["pgrep", "-P", pid], capture_output=True, text=True).stdout.split()
            found[name] = [int(pid)] + [int(c) for c in children]
    suffix = os.environ.get("DB_SUFFIX", "")
    if suffix:
        # Other platforms share the server: only the backends connected to this platform's databases count.
        rows = local_platform.psql("postgres", "SELECT pid FROM pg_stat_activity WHERE datname LIKE 'coprogram\\_%"
                                   + suffix.replace("_", "\\_") + "'")
        found["postgres"] = [int(p) for p in rows.split()]
    else:
        found["postgres"] = [int(p) for p in subprocess.run(["pgrep", "-x", "postgres"], capture_output=True,
                                                            text=True).stdout.split()]
    return found


def cpu_seconds(groups):
    """CPU seconds per process group. PostgreSQL's backends come and go: the sum over the live ones misses an exited
    backend's time, so the service connection pools (which keep their backends) are what is measured; with DB_SUFFIX,
    only the backends of this platform's databases."""
    totals = {}
    for name, group in groups.items():
        ticks = 0
        for pid in group:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])
            except (OSError, IndexError):
                pass
        totals[name] = ticks / os.sysconf("SC_CLK_TCK")
    return totals


def loadavg():
    return Path("/proc/loadavg").read_text().split()[0]


def jcmd(pid, *args):
    return subprocess.run(["jcmd", str(pid), *args], capture_output=True, text=True)


def jfr_samples(path):
    """Stacks (lists of 'package.Class.method') of the recording's execution samples."""
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", str(path)],
                         capture_output=True, text=True).stdout
    stacks, current, inside = [], [], False
    for line in out.splitlines():
        stripped = line.strip()
        if stripped.startswith("stackTrace = ["):
            inside, current = True, []
        elif inside and stripped == "]":
            inside = False
            stacks.append(current)
        elif inside and stripped and stripped != "...":
            current.append(re.sub(r"\(.*$", "", stripped).strip())
    return stacks


def summarise(stacks):
    total = len(stacks) or 1
    top = collections.Counter(s[0] for s in stacks if s)
    layers = {name: sum(1 for s in stacks if any(f.startswith(prefixes) for f in s)) / total * 100
              for name, prefixes in LAYERS}
    # The first Coprogram frame under the top of the stack: which of our methods the time is spent for.
    ours = collections.Counter(next((f for f in s if f.startswith("org.coprogram")), "(no Coprogram frame)")
                               for s in stacks)
    return {"samples": len(stacks), "top": top.most_common(TOP), "layers": layers, "ours": ours.most_common(TOP)}


def reuse(plan, texts, words):
    """The plan of an earlier run (PLAN): its targets read back from the databases, the citizens logged in again.
    Only the targets no earlier write used are taken."""
    suffix = os.environ.get("DB_SUFFIX", "")
    tokens = bench_users.login([f"bench-{i}" for i in range(1, USERS + 1)])
    seeds = local_platform.psql(f"coprogram_proposal{suffix}", "SELECT id FROM proposal p WHERE plan_id = '" + plan
                                + "' AND NOT EXISTS (SELECT 1 FROM support s WHERE s.proposal_id = p.id)"
                                " ORDER BY created_at").split()
    surveys = local_platform.psql(f"coprogram_survey{suffix}", "SELECT id FROM survey s WHERE plan_id = '" + plan
                                  + "' AND NOT EXISTS (SELECT 1 FROM response r WHERE r.survey_id = s.id)"
                                  " ORDER BY created_at").split()
    meetings = local_platform.psql(f"coprogram_meeting{suffix}", "SELECT id FROM meeting m WHERE plan_id = '" + plan
                                   + "' AND NOT EXISTS (SELECT 1 FROM registration r WHERE r.meeting_id = m.id)"
                                   " ORDER BY created_at").split()
    say(f"reusing plan {plan}: {len(seeds)} proposals, {len(surveys)} questionnaires, {len(meetings)} meetings unused")
    return plan, tokens, {"read": seeds[:100], "readSurveys": surveys[:1], "support": seeds[100:],
                          "response": surveys[1:], "registration": meetings}, words, texts


def setup():
    """A consultation plan with proposals, questionnaires and meetings enough for every kind, and USERS citizens."""
    WORK.mkdir(parents=True, exist_ok=True)
    source, texts = search_words.corpus_texts()
    words = search_words.vocabulary(texts)
    if os.environ.get("PLAN"):
        return reuse(os.environ["PLAN"], texts, words)
    say(f"{len(texts)} corpus texts ({source}); creating {USERS} bench citizens")
    tokens = bench_users.login(bench_users.create(USERS))
    staff = local_platform.token("regione")
    plan = peak.create_plan(staff, f"Profilo delle scritture {time.strftime('%Y%m%d-%H%M%S')}")
    per_user = RATE * (SECONDS + WARMUP) // USERS + 3
    say(f"plan {plan}: seeding proposals, {per_user} questionnaires, {per_user} meetings")
    seeds = peak.seed_proposals(plan, tokens, max(200, per_user + 50), texts)
    surveys = [peak.create_survey(staff, plan) for _ in range(per_user + 1)]  # the first one only read
    meetings = [peak.create_meeting(staff, plan, n) for n in range(per_user)]
    return plan, tokens, {"read": seeds[:100], "readSurveys": surveys[:1], "support": seeds[100:],
                          "response": surveys[1:], "registration": meetings}, words, texts


def send(schedule, out):
    subprocess.run(["java", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-XX:+UseSerialGC",
                    str(ROOT / "scripts" / "bench" / "OpenLoad.java"), GATEWAY, str(schedule), str(out)],
                   check=True, stdout=subprocess.DEVNULL)


def fresh_state():
    """Before each kind, what a production platform does on its own between runs. This machine's PostgreSQL cluster
    runs with autovacuum off (/etc/postgresql/15/main/conf.d/90-ci.conf), so the outbox and mail tables' dead rows pile
    up and later kinds pay for earlier ones: VACUUM (ANALYZE) every platform database. GreenMail keeps every message in
    its 256 MB heap and died of it after about 16,000 registrations' mails with their calendar files; from then on
    notification-service retried every mail every second and the figures measured that: empty its mailboxes."""
    suffix = os.environ.get("DB_SUFFIX", "")
    for service in ("proposal", "survey", "meeting", "synthesis", "notification"):
        local_platform.psql(f"coprogram_{service}{suffix}", "VACUUM (ANALYZE)")
    urllib.request.urlopen(urllib.request.Request(MAIL_API + "/api/mail/purge", method="POST"), timeout=30).read()


def mail_failures():
    """notification-service's failed mail attempts so far (coprogram.mail.failures): a kind's figures are void if the
    relay failed during it."""
    text = urllib.request.urlopen(NOTIFICATION + "/q/metrics", timeout=30).read().decode()
    found = re.search(r"^coprogram_mail_failures_total(?:\{[^}]*\})? ([0-9.eE+]+)$", text, re.M)
    return float(found.group(1)) if found else 0.0


def run_kind(kind, plan, tokens, pools, words, texts, groups):
    fresh_state()
    failures_before = mail_failures()
    # WARMUP seconds of this kind alone first, unmeasured, on targets of their own: the JIT compiles the path first.
    split = RATE * WARMUP // USERS + 1
    warm_pools = {k: (v[:split] if k in ("support", "response", "registration") else v) for k, v in pools.items()}
    pools = {k: (v[split:] if k in ("support", "response", "registration") else v) for k, v in pools.items()}
    access = [t["access_token"] for t in tokens]
    themes = [c for c, _ in peak.THEMES]
    if WARMUP:
        warm = open_mix.Mix(plan, access, warm_pools, words, texts, themes, peak.MUNICIPALITIES,
                            write_shares=[(KINDS[kind], 1)], seed=99)
        send(open_mix.schedule(WORK / f"{kind}-warm.tsv", warm, 0, RATE, WARMUP, warmup=0), WORK / "warm.json")
    mix = open_mix.Mix(plan, access, pools, words, texts, themes, peak.MUNICIPALITIES,
                       write_shares=[(KINDS[kind], 1)])
    schedule = open_mix.schedule(WORK / f"{kind}.tsv", mix, 0, RATE, SECONDS, warmup=0)
    recordings = {}
    if JFR:
        for name in JVMS:
            if name in groups:
                jcmd(groups[name][0], "JFR.start", f"name=writes-{kind}", "settings=profile")
                recordings[name] = WORK / f"{kind}-{name}.jfr"
    before, load_before = cpu_seconds(groups), loadavg()
    send(schedule, WORK / f"{kind}.json")
    # What the write set off downstream (outbox relay, consumers, the synthesis) is part of its cost: let it finish.
    time.sleep(5)
    after, load_after = cpu_seconds(groups), loadavg()
    for name, path in recordings.items():
        jcmd(groups[name][0], "JFR.stop", f"name=writes-{kind}", f"filename={path}")
    stats = json.loads((WORK / f"{kind}.json").read_text())
    ok = stats["writes"]["ok"]
    cpu = {name: (after[name] - before.get(name, 0)) / max(ok, 1) * 1000 for name in after}
    profiles = {}
    for name, path in recordings.items():
        if path.exists():
            profiles[name] = summarise(jfr_samples(path))
            path.unlink()
    return {"kind": kind, "stats": stats, "cpu": cpu, "profiles": profiles, "load": (load_before, load_after),
            # A restart of notification-service during the kind resets its counter: what it counted since then.
            "mail_failures": max(0.0, mail_failures() - failures_before)}


def report(results, baselines=()):
    lines = []
    names = [n for n in JVMS + ["postgres", "kafka", "keycloak"] if any(n in r["cpu"] for r in results)]
    # #28's budget: 8 x what pgbench's insert rate allows per insert on the same two cores (2 core-seconds / tps).
    budget = 8 * 2 * 1000 / min(b["tps"] for b in baselines) if baselines else None
    if baselines:
        lines += ["pgbench single-row INSERT + COMMIT, 8 clients, 15 s, same server, before and after the kinds: "
                  + " and ".join(f"{b['tps']:,.0f} tps" for b in baselines)
                  + f"; #28's budget, 8 x 2 core-s / the lower: {budget:.2f} ms of platform CPU per write", ""]
    lines += ["CPU seconds per 1,000 accepted writes, per process (each kind alone, "
              f"{RATE}/s for {SECONDS} s, + 5 s for what follows)", "",
              "| write | OK | KO | p50 | p99 | " + " | ".join(names) + " | platform | "
              + ("x budget | " if budget else "") + "generator (sending) | load avg | mail failures |",
              "|---" * (len(names) + 9 + (1 if budget else 0)) + "|"]
    for r in results:
        w, g = r["stats"]["writes"], r["stats"]["_generator"]
        platform = sum(r["cpu"].get(n, 0) for n in names if n != "keycloak")
        lines.append(f"| {r['kind']} | {w['ok']} | {w['ko']} | {w['p50']} | {w['p99']} | "
                     + " | ".join(f"{r['cpu'].get(n, 0):.2f}" for n in names)
                     + f" | {platform:.2f} | " + (f"{platform / budget:.1f} | " if budget else "")
                     + f"{g['cpu_seconds_sending'] / max(w['ok'], 1) * 1000:.2f} | "
                     f"{r['load'][0]}–{r['load'][1]} | {r['mail_failures']:.0f} |")
    for r in results:
        for name, p in r["profiles"].items():
            if p["samples"] < 20:
                continue
            lines += ["", f"#### {r['kind']}: {name} ({p['samples']} execution samples)", "",
                      "| layer (any frame in the stack) | share |", "|---|---|"]
            lines += [f"| {layer} | {share:.0f} % |" for layer, share in
                      sorted(p["layers"].items(), key=lambda item: -item[1]) if share >= 1]
            lines += ["", "| top frame (self time) | samples |", "|---|---|"]
            lines += [f"| `{frame}` | {count} |" for frame, count in p["top"]]
            lines += ["", "| first Coprogram frame | samples |", "|---|---|"]
            lines += [f"| `{frame}` | {count} |" for frame, count in p["ours"]]
    return "\n".join(lines)


def idle(seconds):
    """CPU seconds per minute of every process while nothing is sent: what polling costs."""
    groups = pids()
    before = cpu_seconds(groups)
    time.sleep(seconds)
    after = cpu_seconds(groups)
    return {name: (after[name] - before.get(name, 0)) * 60 / seconds for name in after}


def main():
    if sys.argv[1:2] == ["idle"]:
        seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 60
        load = loadavg()
        figures = idle(seconds)
        print(f"idle CPU, seconds per minute, measured over {seconds} s (load average {load}–{loadavg()}): "
              + ", ".join(f"{n} {c:.2f}" for n, c in figures.items()))
        return
    kinds = sys.argv[1:] or list(KINDS)
    groups = pids()
    say("processes: " + ", ".join(f"{n} {g[:1]}" for n, g in groups.items() if n != "postgres"))
    baselines = []
    if os.environ.get("PGBENCH", "1") == "1":
        peak.WORK.mkdir(parents=True, exist_ok=True)
        baselines.append(peak.pgbench_baseline())
        say(f"pgbench {baselines[-1]['tps']:,.0f} tps")
    plan, tokens, pools, words, texts = setup()
    results = []
    for kind in kinds:
        # Access tokens live minutes, and a kind takes one or more on a loaded machine: fresh ones for each.
        tokens = bench_users.refresh(tokens)
        say(f"{kind}: {RATE}/s for {SECONDS} s (load average {loadavg()})")
        results.append(run_kind(kind, plan, tokens, pools, words, texts, groups))
        w = results[-1]["stats"]["writes"]
        say(f"  {w['ok']} OK, {w['ko']} KO, p50 {w['p50']} p99 {w['p99']} ms; platform CPU per 1,000: "
            + ", ".join(f"{n} {c:.2f}" for n, c in results[-1]["cpu"].items() if c >= 0.05))
        if results[-1]["mail_failures"]:
            say(f"  WARNING: {results[-1]['mail_failures']:.0f} failed mail attempts during {kind}: the relay failed,"
                " and notification-service's figure measures its retries")
        if os.environ.get("OUT"):  # what is measured so far, should a later kind not finish
            Path(os.environ["OUT"]).write_text(report(results) + "\n")
    if baselines:
        baselines.append(peak.pgbench_baseline())
        say(f"pgbench {baselines[-1]['tps']:,.0f} tps")
    text = report(results, baselines)
    print(text)
    if os.environ.get("OUT"):
        Path(os.environ["OUT"]).write_text(text + "\n")


if __name__ == "__main__":
    main()
