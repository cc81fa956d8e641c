"""Prints a Gatling run's figures per request: python3 gatling-stats.py <report dir> <title>."""
import json
import re
import sys

report, title = sys.argv[1], sys.argv[2]
# Gatling writes its figures as a JavaScript object literal: quote the keys to read it as JSON.
text = open(f"{report}/js/stats.js").read()
text = text[text.index("{"):text.index("\nfunction")] if "\nfunction" in text else text[text.index("{"):]
stats = json.loads(re.sub(r"^(\s*)(\w+):", r'\1"\2":', text, flags=re.M).rstrip().rstrip(";"))
print(f"\n{title}")
print(f"{'request':32} {'sent':>6} {'KO':>6} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7}  (OK only)")
for entry in stats["contents"].values():
    s = entry["stats"]
    print(f"{s['name']:32} {s['numberOfRequests']['total']:>6} {s['numberOfRequests']['ko']:>6} "
          f"{s['meanNumberOfRequestsPerSecond']['ok']:>6} {s['percentiles1']['ok']:>7} "
          f"{s['percentiles3']['ok']:>7} {s['percentiles4']['ok']:>7} {s['maxResponseTime']['ok']:>7}")
print(f"report: {report}/index.html")
