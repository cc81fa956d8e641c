#!/usr/bin/env bash
# The consultation-peak benchmark (issue: 1,000 writes/s, 3,000 reads/s, propagation under a second, memory per
# service), side by side with the machine's own limits measured in the same run.
#
#   scripts/bench-peak.sh     start the platform if needed, measure, print the summary, rewrite its part of
#                             docs/performance.md
#
# All requests come from one address, so the platform must run with the gateway's limits raised: this script starts it
# so. Environment: see scripts/bench/peak.py (USERS, WARMUP_SECONDS, STEP_SECONDS, BENCH_SECONDS, WRITE_STEPS,
# READ_STEPS, MIX_RATE, SEED_PROPOSALS); BENCH_REUSE=1 to use a platform started with COPROGRAM_RATE_IP and
# COPROGRAM_RATE_ACCOUNT raised; COLD_START=1 to run the cold-start step first (scripts/bench/cold_start.py: every
# process restarted, then the mix at COLD_RATE requests/s for COLD_SECONDS from their first second ready).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }

if (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; then
  [ "${BENCH_REUSE:-}" = 1 ] || { say "the gateway already runs: stop it (./coprogram down) so this script can start it with its limits raised, or set BENCH_REUSE=1 if you started it with COPROGRAM_RATE_IP and COPROGRAM_RATE_ACCOUNT raised"; exit 1; }
else
  COPROGRAM_RATE_IP=1000000 COPROGRAM_RATE_ACCOUNT=100000 "$ROOT/coprogram" up
fi
command -v pgbench >/dev/null || { say "pgbench is needed (Debian: postgresql-contrib or the server package)"; exit 1; }
# The cold-start step (issue #28), first: every process restarted, the mix from their first second ready.
if [ "${COLD_START:-}" = 1 ]; then
  COPROGRAM_RATE_IP=1000000 COPROGRAM_RATE_ACCOUNT=100000 python3 "$ROOT/scripts/bench/cold_start.py"
fi
exec python3 "$ROOT/scripts/bench/peak.py"
