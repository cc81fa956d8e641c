"""A Gatling run's figures per request and group.

    python3 gatling_stats.py <report dir> <title>     prints them

As a module: requests(report) -> {name: {sent, ok, ko, p50, p95, p99, max}}, groups and requests alike.
"""
import json
import math
import re
import sys
from pathlib import Path


def number(text):
    """Gatling's figures are strings, "-" where there is none (no successful request): that reads as infinitely slow."""
    return int(text) if str(text).lstrip("-").isdigit() else math.inf


def requests(report):
    # Gatling writes its figures as a JavaScript object literal: quote the keys to read it as JSON.
    text = (Path(report) / "js" / "stats.js").read_text()
    text = text[text.index("{"):text.index("\nfunction")] if "\nfunction" in text else text[text.index("{"):]
    tree = json.loads(re.sub(r"^(\s*)(\w+):", r'\1"\2":', text, flags=re.M).rstrip().rstrip(";"))
    found = {}

    def walk(node):
        for entry in node.get("contents", {}).values():
            s = entry["stats"]
            found[s["name"]] = {"sent": number(s["numberOfRequests"]["total"]),
                                "ok": number(s["numberOfRequests"]["ok"]), "ko": number(s["numberOfRequests"]["ko"]),
                                "p50": number(s["percentiles1"]["ok"]), "p95": number(s["percentiles3"]["ok"]),
                                "p99": number(s["percentiles4"]["ok"]), "max": number(s["maxResponseTime"]["ok"])}
            walk(entry)

    walk(tree)
    return found


if __name__ == "__main__":
    report, title = sys.argv[1], sys.argv[2]
    print(f"\n{title}")
    print(f"{'request':32} {'sent':>6} {'KO':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7}  (OK only)")
    for name, s in requests(report).items():
        print(f"{name:32} {s['sent']:>6} {s['ko']:>6} {s['p50']:>7} {s['p95']:>7} {s['p99']:>7} {s['max']:>7}")
    print(f"report: {report}/index.html")
