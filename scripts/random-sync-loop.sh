#!/usr/bin/env bash
# Runs the random sync test (tests/random-sync.spec.ts) N times in a row, each with a fresh random
# seed, and stops at the first failure, printing its seed and the command that replays it. Prints a
# tally at the end (and after every run to $TALLY): seed, pass/fail, seconds.
#
#   scripts/random-sync-loop.sh [N=30]
#
# Builds the test-hooks build once first (SKIP_BUILD=1 leaves the current one). E2E_PORT and
# RANDOM_SYNC_OPS are passed on. Every run's log and the tally are in random-sync-loop/ (not under
# test-results/, which Playwright empties at every run).
set -u
cd "$(dirname "$0")/.."

runs="${1:-30}"
out=random-sync-loop
tally="$out/tally.txt"
mkdir -p "$out"
: >"$tally"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
	{ node scripts/ensure-chromium.js && npm run build:test-hooks; } >"$out/build.log" 2>&1 || {
		echo "The test-hooks build failed: $out/build.log" >&2
		exit 2
	}
fi

passed=0
total_seconds=0
for ((i = 1; i <= runs; i++)); do
	seed=$(node -e 'console.log(require("node:crypto").randomInt(1, 1_000_000_000))')
	log="$out/run-$i-$seed.log"
	started=$(date +%s)
	RANDOM_SYNC_SEED="$seed" npx playwright test tests/random-sync.spec.ts >"$log" 2>&1
	status=$?
	seconds=$(($(date +%s) - started))
	total_seconds=$((total_seconds + seconds))
	summary=$(grep -m1 -o 'course [0-9a-f]\{12\}, pushes [0-9a-f]\{12\}.*acknowledged record writes' "$log" || true)
	if [ "$status" -eq 0 ]; then
		passed=$((passed + 1))
		line="run $i seed $seed pass ${seconds}s $summary"
	else
		line="run $i seed $seed FAIL ${seconds}s (log: $log)"
	fi
	echo "$line" | tee -a "$tally"
	if [ "$status" -ne 0 ]; then
		grep -E 'problem|lost write|missing on|refused by' "$log" | head -20
		echo "Stopped at the first failure: seed $seed." | tee -a "$tally"
		echo "Replay: RANDOM_SYNC_SEED=$seed npm run test:e2e -- random-sync" | tee -a "$tally"
		echo "Tally: $passed passed, 1 failed of $i runs, ${total_seconds}s" | tee -a "$tally"
		exit 1
	fi
done
echo "Tally: $passed passed, 0 failed of $runs runs, ${total_seconds}s" | tee -a "$tally"
