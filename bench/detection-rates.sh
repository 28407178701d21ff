#!/usr/bin/env bash
# detection-rates.sh: how often `faultline test` finds a known violation, over seeds, and how long
# the linearizable check takes. Not part of CI (each run is a real test: seconds to minutes).
#
#   bash bench/detection-rates.sh "1 2 3 4 5" --mode lww --time-limit 15s
#   bash bench/detection-rates.sh "1 2 3" --db etcd --adapter etcd-serializable --nemesis partition --time-limit 60s
#   (add --keys 1 --ops-per-key 1000000 --values small for the old one-register, 0..4-values workload)
#
# Prints one line per seed (exit code, verdict, linearizable check ms, parts, invalid and unknown
# parts, the largest part's ops, keys touched) and a summary line. Results stay in $STORE (a temp dir).
set -u
seeds=$1
shift
root=$(cd "$(dirname "$0")/.." && pwd)
STORE=${STORE:-$(mktemp -d "${TMPDIR:-/tmp}/fl-rates-XXXXXX")}
invalid=0
runs=0
for seed in $seeds; do
  node "$root/bin/run.js" test "$@" --seed "$seed" --store "$STORE" --no-report --json > /dev/null 2> "$STORE/seed-$seed.err"
  code=$?
  runs=$((runs + 1))
  [ "$code" = 1 ] && invalid=$((invalid + 1))
  node -e '
    const fs = require("fs"); const path = require("path");
    const dir = fs.realpathSync(path.join(process.argv[1], "latest"));
    const r = JSON.parse(fs.readFileSync(path.join(dir, "results.json"), "utf8"));
    const t = JSON.parse(fs.readFileSync(path.join(dir, "test.json"), "utf8"));
    const lin = (r.checkers || []).find((c) => c.checker === "linearizable") || {};
    const parts = lin.parts || [];
    const n = (v) => parts.filter((p) => p.valid === v).length;
    console.log(["seed " + process.argv[2], "exit " + process.argv[3], "verdict " + r.valid, "linearizable " + lin.valid,
      "check " + Math.round(lin.elapsedMs || 0) + " ms", parts.length + " parts", n(false) + " invalid", n("unknown") + " unknown",
      "max " + Math.max(0, ...parts.map((p) => p.ops)) + " ops/part", (t.keysTouched ?? "?") + " keys touched"].join("\t"));
  ' "$STORE" "$seed" "$code" || echo "seed $seed: exit $code, no results (see $STORE/seed-$seed.err)"
done
echo "invalid in $invalid of $runs runs; results in $STORE"
