#!/usr/bin/env bash
# Runs the random sync test N times in a row (default 30) on one build, each with a new seed, and
# prints the tally; stops at the first failure, whose seed replays it:
#     RANDOM_SYNC_SEED=<seed> npm run test:e2e -- random-sync
# Usage: scripts/random-sync-loop.sh [N]   (the log of every run is in random-sync-loop/:
# not under test-results/, which Playwright empties at every run)
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:-30}"
out=random-sync-loop
mkdir -p "$out"
node scripts/ensure-chromium.js && npm run build >/dev/null || exit 1
passed=0
for i in $(seq 1 "$runs"); do
	seed=$(( ($(date +%s%N) / 1000) % 1000000000 ))
	if RANDOM_SYNC_SEED=$seed npx playwright test tests/random-sync.spec.ts >"$out/run-$i-$seed.log" 2>&1; then
		passed=$((passed + 1))
		echo "run $i/$runs seed $seed: passed ($(grep -o 'pushes [0-9a-f]* ([^)]*)' "$out/run-$i-$seed.log" | head -1))"
	else
		echo "run $i/$runs seed $seed: FAILED (log: $out/run-$i-$seed.log)"
		echo "tally: $passed passed, 1 failed, of $i runs"
		exit 1
	fi
done
echo "tally: $passed of $runs runs passed in a row"
