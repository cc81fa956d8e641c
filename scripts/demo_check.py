#!/usr/bin/env python3
"""Checks what the portal shows of the demo consultation, through the same public reads as the portal (issue #32,
"Must show"): the synthesis has clusters with several members each, participation (equity) per district, and no
empty chart. Prints what it found; exit status 1 when a check fails. Run alone with
`scripts/demo-data.sh --check-only` (the loader runs it at its end).

Anonymous questionnaire responses are published in mixed batches (docs/privacy.md) and the synthesis follows the
services' events, so each check waits up to COPROGRAM_DEMO_CHECK_TIMEOUT seconds (default 120) for its figures.
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request

GATEWAY = os.environ.get("COPROGRAM_GATEWAY", "http://127.0.0.1:8080")
TIMEOUT = float(os.environ.get("COPROGRAM_DEMO_CHECK_TIMEOUT", "120"))
MIN_MEMBERS = 3


def read(path):
    for attempt in range(20):
        try:
            with urllib.request.urlopen(urllib.request.Request(
                    GATEWAY + path, headers={"Accept": "application/json"}), timeout=60) as response:
                return json.loads(response.read().decode())
        except urllib.error.HTTPError as e:
            if e.code != 429:
                raise
            time.sleep(float(e.headers.get("Retry-After") or 2))
    raise RuntimeError(f"{path}: still rate-limited")


def plan_id(title):
    for region in ("puglia", "abruzzo"):
        for plan in read(f"/api/plans?region={region}&size=100")["items"]:
            if plan["title"] == title:
                return plan["id"]
    return None


def cluster_sizes(analysis):
    """Members of each cluster of the (edited) analysis, largest first."""
    return sorted((c["size"] for c in analysis.get("clusters") or []), reverse=True)


def figures(plan):
    s = read(f"/api/plans/{plan}/synthesis")
    totals = s["totals"]
    charts = {name: s[name] for name in ("byTheme", "byCategory", "byKind", "byTerritory")}
    analysis = read(f"/api/plans/{plan}/synthesis/clusters").get("analysis") or {}
    clusters = cluster_sizes(analysis)
    districts = s["participation"]["districts"]
    surveys = s["surveys"]
    results = [read(f"/api/surveys/{x['surveyId']}/results") for x in surveys]
    return totals, charts, clusters, districts, surveys, results


def check(title, *, min_proposals, min_responses):
    plan = plan_id(title)
    if plan is None:
        return [f"{title}: plan not found"]
    deadline = time.monotonic() + TIMEOUT
    while True:
        totals, charts, clusters, districts, surveys, results = figures(plan)
        failures = []
        empty_totals = [k for k, v in totals.items() if not v]
        if empty_totals:
            failures.append(f"totals at 0: {empty_totals}")
        if totals["proposals"] < min_proposals:
            failures.append(f"{totals['proposals']} proposals, fewer than {min_proposals}")
        if totals["surveyResponses"] < min_responses:
            failures.append(f"{totals['surveyResponses']} questionnaire responses, fewer than {min_responses}")
        for name, rows in charts.items():
            if not rows or not any(r["contributions"] for r in rows):
                failures.append(f"chart {name} is empty")
        sizes = clusters
        if len(sizes) < 5 or min(sizes) < MIN_MEMBERS:
            failures.append(f"clusters: {len(sizes)}, sizes {sizes}: fewer than 5, or one with under {MIN_MEMBERS} "
                            "members")
        with_people = [d for d in districts if d["participants"] > 0]
        if not districts or len(with_people) < len(districts) // 2:
            failures.append(f"equity: {len(with_people)} of {len(districts)} districts with participants")
        if not surveys or not any(r.get("respondents") for r in results):
            failures.append("questionnaire results: none published")
        if not failures or time.monotonic() > deadline:
            break
        time.sleep(3)
    print(f"{title} ({GATEWAY}/api/plans/{plan}):")
    print("  totals: " + ", ".join(f"{k} {v}" for k, v in totals.items()))
    for name, rows in charts.items():
        print(f"  {name}: {len(rows)} rows, " + ", ".join(f"{r['code']} {r['contributions']}" for r in rows[:6])
              + (" …" if len(rows) > 6 else ""))
    print(f"  clusters: {len(sizes)}, members {sizes}")
    print(f"  equity: {len(with_people)} of {len(districts)} districts with participants; per 1,000 inhabitants "
          + ", ".join(f"{d['code']} {d['per1000']:.2f}" for d in sorted(districts, key=lambda d: d['code'])[:8])
          + (" …" if len(districts) > 8 else ""))
    print("  questionnaires: " + ", ".join(f"{x['title']} {x['responses']} responses" for x in surveys))
    for failure in failures:
        print(f"  FAILED: {failure}")
    return failures


def main(titles, responses=(100, 20)):
    """responses: the questionnaire responses each plan should show; the loader passes what it sent (less the few a
    mixing batch may still hold back, docs/privacy.md), so the check waits for all of them to be published."""
    failures = check(titles[0], min_proposals=300, min_responses=responses[0])
    if len(titles) > 1:
        failures += check(titles[1], min_proposals=50, min_responses=responses[1])
    print("demo check: " + ("passed" if not failures else f"{len(failures)} failure(s)"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["VI Piano Regionale delle Politiche Sociali 2026-2028",
                                   "Piano Sociale Regionale 2022-2024"]))
