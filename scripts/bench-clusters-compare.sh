#!/usr/bin/env bash
# Full recomputation and incremental placement at scale, before and after a change (issue #30), figures in
# docs/synthesis.md: builds BEFORE (a commit, default HEAD~1) in a temporary worktree and this checkout, then runs
# `ClusterEvaluation scale SCALE` (default 100,000) ROUNDS times (default 3), alternating before/after so both see
# the same load; each run prints wall and CPU seconds, a reference computation's time (how much of the shared
# machine the run got), per-stage times, the result's digest and its NMI against the synthetic categories.
# In-process, no platform needed; the corpora as for scripts/bench-clusters.sh ($CORPORA).
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE=${BEFORE:-HEAD~1}
SCALE=${SCALE:-100000}
ROUNDS=${ROUNDS:-3}
out="$PWD/.coprogram/bench/compare"
rm -rf "$out" && mkdir -p "$out"
build() { # $1 = checkout, $2 = name
  (cd "$1" && mvn -q -pl synthesis-service -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$out/$2.deps" >/dev/null)
  mkdir -p "$out/$2"
  # Copies, so the runs read fixed classes whatever happens to the checkouts meanwhile.
  for m in common contracts; do cp -r "$1/$m/target/classes" "$out/$2/$m-classes"; done
  cp -r "$1/common/target/test-classes" "$out/$2/common-test-classes"
  cp -r "$1/synthesis-service/target/classes" "$1/synthesis-service/target/test-classes" "$out/$2/"
  sed -e "s#$1/common/target/classes#$out/$2/common-classes#" -e "s#$1/contracts/target/classes#$out/$2/contracts-classes#" \
    -e "s#$1/common/target/test-classes#$out/$2/common-test-classes#" "$out/$2.deps" > "$out/$2.cp"
}
echo "== building $BEFORE ($(git rev-parse --short "$BEFORE")) and this checkout"
tree=$(mktemp -d)
git worktree add -q --detach "$tree" "$BEFORE"
trap 'git worktree remove --force "$tree"' EXIT
build "$tree" before
build "$PWD" after
for round in $(seq 1 "$ROUNDS"); do
  for side in before after; do
    echo "== round $round: $side ($(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg))"
    java -Xmx3g -cp "$out/$side/test-classes:$out/$side/classes:$(cat "$out/$side.cp")" \
      org.coprogram.synthesis.analysis.ClusterEvaluation scale "$SCALE"
  done
done
