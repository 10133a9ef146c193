#!/usr/bin/env bash
# Speed (and optionally grouping accuracy) of `gardener signature --learn` against Drain3 with its
# default configuration, on the same lines, whole process (start-up included).
#
#   scripts/bench-drain3.sh [--lines N] [--runs R] [--corpus FILE] [--drain3 DIR] [--accuracy]
#
# The lines: the messages of the 15 training systems (../shared/bench/loghub-2k and
# ../shared/bench/realworld-train, 30,000 messages, as grouping_accuracy.py feeds them) repeated
# in order to N lines (1,000,000), written by scripts/drain3-bench.py corpus; --corpus FILE
# reuses a file. Each round runs, one after the other on the same file, with output to /dev/null:
#   gardener  scripts/gardener signature --learn            (one output line per input line)
#   drain3    TemplateMiner() and add_log_message per line  (the cluster id of each line)
# R rounds (5); the script prints every run's wall and CPU time and the load average, then the
# median and best wall time, the median CPU time, lines/s and the ratio (scripts/drain3-bench.py
# compare). With --accuracy it also scores Drain3's grouping (cluster id per line) on the 15
# systems with grouping_accuracy.py.
#
# Drain3 is not bundled and nothing in the build or CI needs it. DIR (or DRAIN3_PATH) names the
# directory that holds its `drain3` package; DRAIN3_PYTHON (python3) is the interpreter, which
# needs cachetools and jsonpickle. To obtain it:
#   pip install drain3                                   (then no DIR is needed)
# or, where PyPI is not reachable:
#   git clone https://github.com/logpai/Drain3 DIR       (its drain3/ package is all it needs)
#   apt-get install python3-cachetools python3-jsonpickle && export DRAIN3_PYTHON=/usr/bin/python3
# Exits 3 with these instructions when Drain3 cannot be imported.
# GARDENER_JAR and GARDENER_JAVA_OPTS work as for scripts/gardener.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LINES=1000000
RUNS=5
CORPUS=""
DRAIN3="${DRAIN3_PATH:-}"
ACCURACY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --lines) LINES="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --corpus) CORPUS="$2"; shift 2 ;;
    --drain3) DRAIN3="$2"; shift 2 ;;
    --accuracy) ACCURACY=1; shift ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
PY="${DRAIN3_PYTHON:-python3}"
BENCH="$ROOT/scripts/drain3-bench.py"

if ! DRAIN3_PATH="$DRAIN3" "$PY" "$BENCH" mine </dev/null >/dev/null 2>"${TMPDIR:-/tmp}/bench-drain3.err.$$"; then
  cat "${TMPDIR:-/tmp}/bench-drain3.err.$$" >&2
  rm -f "${TMPDIR:-/tmp}/bench-drain3.err.$$"
  exit 3
fi
rm -f "${TMPDIR:-/tmp}/bench-drain3.err.$$"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
if [ -z "$CORPUS" ]; then
  CORPUS="$WORK/lines.txt"
  python3 "$BENCH" corpus "$CORPUS" --lines "$LINES"
fi

# Build the jar (if needed) before timing anything.
"$ROOT/scripts/gardener" signature </dev/null >/dev/null

quote() { printf "'%s'" "${1//\'/\'\\\'\'}"; }
drain3_cmd="DRAIN3_PATH=$(quote "$DRAIN3") $(quote "$PY") $(quote "$BENCH") mine"
echo "java: $(java -version 2>&1 | head -n 1); python: $("$PY" --version 2>&1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$BENCH" compare "$CORPUS" --runs "$RUNS" -- \
  "gardener=$(quote "$ROOT/scripts/gardener") signature --learn" \
  "drain3=$drain3_cmd"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$ACCURACY" = 1 ]; then
  SHARED="$ROOT/../shared/bench"
  echo
  echo "Drain3, default configuration (cluster id per line), on the 15 training systems:"
  python3 "$SHARED/grouping_accuracy.py" run --cmd "$drain3_cmd" \
    "$SHARED/loghub-2k" "$SHARED/realworld-train"
fi
