#!/usr/bin/env bash
# Grouping accuracy of the error signature on the Loghub-2k benchmark.
#
#   scripts/signature-accuracy.sh [BENCH_DIR] [extra grouping_accuracy.py run options...]
#
# BENCH_DIR defaults to ../shared/bench/loghub-2k next to the repository. Each dataset's
# messages are piped through `scripts/gardener signature` (one "id<TAB>template" line per
# message); the evaluator compares whole output lines, which is equivalent to comparing ids
# because the id is a hash of the template. Builds nothing itself: the gardener wrapper builds
# the bundled jar when needed. Example: scripts/signature-accuracy.sh "" --errors 5
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="${1:-}"
[ -n "$BENCH" ] || BENCH="$ROOT/../shared/bench/loghub-2k"
[ $# -gt 0 ] && shift
EVAL="$(cd "$BENCH/.." && pwd)/grouping_accuracy.py"
[ -f "$EVAL" ] || EVAL="$ROOT/../shared/bench/grouping_accuracy.py"

# Build (if needed) once up front so the first dataset's timing does not include Maven.
"$ROOT/scripts/gardener" signature </dev/null >/dev/null

exec python3 "$EVAL" run --cmd "\"$ROOT/scripts/gardener\" signature" "$@" "$BENCH"
