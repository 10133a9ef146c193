#!/usr/bin/env bash
# Grouping accuracy of the error signature on the Loghub-2k benchmark.
#
#   scripts/signature-accuracy.sh [BENCH_DIR] [--stateless] [--cross] [extra grouping_accuracy.py run options...]
#
# BENCH_DIR defaults to ../shared/bench/loghub-2k next to the repository (give "" for the
# default when adding options). Each dataset's messages are piped through
# `scripts/gardener signature --learn`, the signer followed by the learning stage over the whole
# file as one window, as the pipeline groups one (service, window); the evaluator compares whole
# output lines ("id<TAB>template"), which is equivalent to comparing ids because the id is a hash
# of the template.
#   --stateless  score the signer alone (`gardener signature`), without the learning stage
#   --cross      leave-one-system-out: also score each system with every normalizer rule that
#                only that system exercises switched off (scripts/signature-cross.py)
# Builds nothing itself: the gardener wrapper builds the bundled jar when needed.
# Example: scripts/signature-accuracy.sh "" --errors 5
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="${1:-}"
[ -n "$BENCH" ] || BENCH="$ROOT/../shared/bench/loghub-2k"
[ $# -gt 0 ] && shift
EVAL="$(cd "$BENCH/.." && pwd)/grouping_accuracy.py"
[ -f "$EVAL" ] || EVAL="$ROOT/../shared/bench/grouping_accuracy.py"

learn=(--learn)
cross=0
rest=()
for a in "$@"; do
  case "$a" in
    --stateless) learn=() ;;
    --cross) cross=1 ;;
    *) rest+=("$a") ;;
  esac
done

# Build (if needed) once up front so the first dataset's timing does not include Maven.
"$ROOT/scripts/gardener" signature </dev/null >/dev/null

if [ "$cross" = 1 ]; then
  stateless=()
  [ ${#learn[@]} -eq 0 ] && stateless=(--stateless)
  exec python3 "$ROOT/scripts/signature-cross.py" "$EVAL" "$BENCH" "${stateless[@]}"
fi

exec python3 "$EVAL" run --cmd "\"$ROOT/scripts/gardener\" signature ${learn[*]}" "${rest[@]}" "$BENCH"
