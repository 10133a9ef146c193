#!/usr/bin/env bash
# Grouping accuracy of the error signature on the training benchmark.
#
#   scripts/signature-accuracy.sh [BENCH_DIR] [--stateless] [--cross] [extra grouping_accuracy.py run options...]
#
# BENCH_DIR defaults to both training directories next to the repository,
# ../shared/bench/loghub-2k (8 Loghub systems) and ../shared/bench/realworld-train (7 servers'
# error statements): 15 systems (give "" for the default when adding options; a comma-separated
# list names several directories). Each dataset's messages are piped through
# `scripts/gardener signature --learn`, the signer followed by the learning stage over the whole
# file as one window, as the pipeline groups one (service, window); the evaluator compares whole
# output lines ("id<TAB>template"), which is equivalent to comparing ids because the id is a hash
# of the template.
#   --stateless  score the signer alone (`gardener signature`), without the learning stage
#   --cross      leave-one-system-out over every system given: also score each system with every
#                normalizer rule that only it exercises switched off and with the learning
#                stage's thresholds chosen on the other systems (scripts/signature-cross.py)
# GARDENER names another wrapper to run instead of scripts/gardener.
# Builds nothing itself: the gardener wrapper builds the bundled jar when needed.
# Example: scripts/signature-accuracy.sh "" --errors 5
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="${1:-}"
[ -n "$BENCH" ] || BENCH="$ROOT/../shared/bench/loghub-2k,$ROOT/../shared/bench/realworld-train"
[ $# -gt 0 ] && shift
IFS=, read -r -a BENCHES <<<"$BENCH"
EVAL="$(cd "${BENCHES[0]}/.." && pwd)/grouping_accuracy.py"
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
"${GARDENER:-$ROOT/scripts/gardener}" signature </dev/null >/dev/null

if [ "$cross" = 1 ]; then
  stateless=()
  [ ${#learn[@]} -eq 0 ] && stateless=(--stateless)
  exec python3 "$ROOT/scripts/signature-cross.py" "$EVAL" "${BENCHES[@]}" \
    --gardener "${GARDENER:-$ROOT/scripts/gardener}" ${stateless[@]+"${stateless[@]}"}
fi

exec python3 "$EVAL" run --cmd "\"${GARDENER:-$ROOT/scripts/gardener}\" signature ${learn[*]+${learn[*]}}" \
    ${rest[@]+"${rest[@]}"} "${BENCHES[@]}"
