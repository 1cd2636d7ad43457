#!/bin/bash
# Before/after through the peer harness (../shared/peerbench), taking turns so that the shared VM's
# drift falls on both: each benchmark runs on the "before" jar, then on the "after" jar, and the
# whole sequence twice. Every candidate of one JMH invocation shares that invocation's conditions,
# so compare "ours" with "noop" and the peer of the same line (net = 1e9/ours - 1e9/noop).
#
#   benchmarks/side-by-side.sh OUT BEFORE.jar AFTER.jar [extra candidates for AFTER's Basic/Bearer]
#
# The jars are the harness's target/benchmarks.jar built against each commit's artifacts (see
# benchmarks/README.md). Writes OUT/ab.txt (one line per score) and each run's JMH output and JSON;
# about 20 minutes on 2 cores.
set -uo pipefail
OUT=$1; BEFORE=$2; AFTER=$3; EXTRA=${4:+,$4}
mkdir -p "$OUT"
( while true; do echo "$(date +%T) $(cat /proc/loadavg)"; sleep 5; done ) >> "$OUT/loadavg.txt" &
LOAD=$!
trap 'kill $LOAD 2>/dev/null || true' EXIT
run() {
  local tag=$1 jar=$2 bench=$3 candidates=$4
  java -jar "$jar" -f 1 -wi 8 -w 1s -i 5 -r 2s -t 1 -prof gc \
      -rf json -rff "$OUT/$tag-$bench-$round.json" \
      -jvmArgsAppend "-Xms4g -Xmx4g -XX:+AlwaysPreTouch" "$bench" -p candidate="$candidates" \
      > "$OUT/$tag-$bench-$round.txt" 2>&1
  grep -E "^$bench.*(thrpt|gc.alloc.rate.norm) " "$OUT/$tag-$bench-$round.txt" | grep -v "gc.alloc.rate " \
      | sed "s/^/$round $tag /" >> "$OUT/ab.txt"
}
for round in 1 2; do
  run before "$BEFORE" BasicBench noop,spring,ours
  run after "$AFTER" BasicBench "noop,spring,ours$EXTRA"
  run before "$BEFORE" BearerBench noop,ours
  run after "$AFTER" BearerBench "noop,ours$EXTRA"
  run before "$BEFORE" DigestBench noop,spring,ours,ours-sha256
  run after "$AFTER" DigestBench noop,spring,ours,ours-sha256
  run before "$BEFORE" OAuth1Bench noop,jersey,ours
  run after "$AFTER" OAuth1Bench noop,jersey,ours
done
echo "done $(date +%T)" >> "$OUT/ab.txt"
