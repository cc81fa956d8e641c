#!/usr/bin/env bash
# Clustering evaluation (issue #30), figures recorded in docs/synthesis.md:
#  1. every corpus CSV (id,theme,category,text) in synthesis-service/src/test/resources/corpora and
#     ../shared/data/corpora (or the folders in $CORPORA, colon-separated), plus our test corpus: NMI, ARI, purity,
#     clusters and time of our clustering and of a textbook baseline (TF-IDF, LSA 100, k-means k=10), for "one theme"
#     and "by theme"; then a 90%-resample stability check;
#  2. SCALE synthetic contributions (default 100,000; 0 skips): full recomputation and placing one new contribution.
# In-process, no platform needed. Real corpora: see docs/synthesis-corpora.md for how to rebuild them.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${SCALE:-100000}
mkdir -p .coprogram/bench
echo "== building the benchmark classpath"
# In the reactor (common's classes from this checkout, nothing installed into ~/.m2).
mvn -q -pl synthesis-service -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/.coprogram/bench/synthesis.cp" >/dev/null
CP="synthesis-service/target/test-classes:synthesis-service/target/classes:$(cat .coprogram/bench/synthesis.cp)"
echo "== 1. clusters against human categories ($(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg))"
java -Xmx2g -cp "$CP" org.coprogram.synthesis.analysis.ClusterEvaluation
if [ "$SCALE" -gt 0 ]; then
  echo "== 2. scale: $SCALE contributions"
  java -Xmx3g -cp "$CP" org.coprogram.synthesis.analysis.ClusterEvaluation scale "$SCALE"
fi
