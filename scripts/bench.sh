#!/usr/bin/env bash
# End-to-end throughput and peak heap on this machine: `gardener run` as users run it (no runner
# option) next to the Python baseline (scripts/bench-baseline.py) on the same exports, explicit
# Flink and DirectRunner rows, plus the JMH per-entry cost next to the Jackson floor; prints one
# table and the ratios. Figures are for comparing changes on one machine, never asserted on.
#
#   scripts/bench.sh [--entries=1000000] [--signatures=10000] [--streamEntries=10000000]
#                    [--parallelism=2] [--skip=default,python,floor,direct,flink,flinkfilestream,stream,jmh]
#                    [--repeat=1]
#
# Data: NDJSON exports generated once under target/bench/ with --signatures tail templates and
# one hot signature carrying half of the warnings and errors: one with every entry a warning or
# error (--errorRatio=1.0: the heaviest mix, every entry goes through sign, dedup and combine)
# and one with an eighth of them (0.125, closer to a real service's log). The default rows run
# `gardener run --input=...` with no runner option and the JVM's default heap; the Flink and
# DirectRunner rows name their runner and read the 1.0 export. The beam-floor rows run the
# baseline's own work as the smallest Beam pipeline (benchmarks' BaselineOnBeam) on the default
# rows' runner and JVM flags: what any Beam pipeline pays there. The stream row runs
# --source=synthetic on Flink under -Xmx1g with the 1.0 mix. --repeat=N runs the whole sequence
# N times (rows alternate, so a slow spell of the machine hits every row alike), lists every run
# as label#i and then the median wall time and CPU per label, from which the ratios are taken:
# one build's runs vary by 10-15 % on a small shared VM.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
entries=1000000
signatures=10000
stream_entries=10000000
parallelism=2
skip=""
repeat=1
for arg in "$@"; do
  case "$arg" in
    --entries=*) entries="${arg#*=}" ;;
    --signatures=*) signatures="${arg#*=}" ;;
    --streamEntries=*) stream_entries="${arg#*=}" ;;
    --parallelism=*) parallelism="${arg#*=}" ;;
    --skip=*) skip="${arg#*=}" ;;
    --repeat=*) repeat="${arg#*=}" ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done
skipped() { [[ ",$skip," == *",$1,"* ]]; }

work="$ROOT/target/bench"
mkdir -p "$work"
export_file="$work/synthetic-$entries-$signatures.ndjson"
mixed_file="$work/synthetic-$entries-$signatures-r0.125.ndjson"
if [ ! -f "$export_file" ]; then
  "$ROOT/scripts/gardener" generate --output="$export_file" --entries="$entries" \
    --signatures="$signatures" --errorRatio=1.0 --format=ndjson >/dev/null
fi
if [ ! -f "$mixed_file" ]; then
  "$ROOT/scripts/gardener" generate --output="$mixed_file" --entries="$entries" \
    --signatures="$signatures" --errorRatio=0.125 --format=ndjson >/dev/null
fi
if ! [[ "$repeat" =~ ^[1-9][0-9]*$ ]]; then
  echo "--repeat must be a positive number" >&2
  exit 2
fi
rows=()
declare -A wall
declare -A cpu_us

# Runs the gardener with GC logging; appends "label|entries|seconds|rate|peak heap|RSS|Xmx".
measure() {
  local label="$1" n="$2" xmx="$3"; shift 3
  local gc="$work/gc-$label.log" timing="$work/time-$label.txt"
  rm -f "$gc"
  local start end heap=""
  # "default": the JVM's own maximum heap, as a user's run gets it.
  [ "$xmx" = default ] || heap="-Xmx$xmx"
  echo "$label: load average $(cut -d' ' -f1-3 /proc/loadavg) before the run" >&2
  start=$(date +%s.%N)
  GARDENER_JAVA_OPTS="$heap -Xlog:gc:file=$gc" /usr/bin/time -v -o "$timing" \
    "$ROOT/scripts/gardener" run --output="$work/out-$label" --printSummary=false --progressSeconds=0 "$@" >"$work/run-$label.log" 2>&1 \
    || { echo "run $label failed, see $work/run-$label.log" >&2; tail -5 "$work/run-$label.log" >&2; return 0; }
  end=$(date +%s.%N)
  wall[$label]=$(python3 -c "print($end - $start)")
  # Peak heap: the largest occupancy any GC saw before collecting ("123M->45M(512M)").
  local peak
  peak=$(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$gc" | sed 's/M->.*//' | sort -n | tail -1)
  local rss cpu ran
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%d", $2/1024}' "$timing")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$timing")
  # "gardener: pipeline built in B s, ran in R s": R leaves out JVM start and construction.
  ran=$(sed -n 's/^gardener: pipeline built in .* s, ran in \([0-9.]*\) s$/\1/p' "$work/run-$label.log" | tail -1)
  cpu_us[$label]=$(python3 -c "print($cpu * 1e6 / $n)")
  rows+=("$label|$n|$(python3 -c "print(f'{$end - $start:.1f}')")|$(python3 -c "print(f'{$n / ($end - $start):,.0f}')")|${ran:-?}|$(python3 -c "print(f'{$n / ${ran:-0}:,.0f}' if ${ran:-0} else '?')")|$(python3 -c "print(f'{${cpu_us[$label]}:,.0f}')")|${peak:-?} MiB|$rss MiB|$xmx")
}

# Runs a command other than the gardener, timed the same way; appends its row (no heap or run
# columns).
timed() {
  local label="$1"; shift
  local timing="$work/time-$label.txt" start end
  echo "$label: load average $(cut -d' ' -f1-3 /proc/loadavg) before the run" >&2
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$timing" "$@" >"$work/run-$label.log" 2>&1 \
    || { echo "run $label failed, see $work/run-$label.log" >&2; tail -5 "$work/run-$label.log" >&2; return 0; }
  end=$(date +%s.%N)
  wall[$label]=$(python3 -c "print($end - $start)")
  local rss cpu
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%d", $2/1024}' "$timing")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$timing")
  cpu_us[$label]=$(python3 -c "print($cpu * 1e6 / $entries)")
  rows+=("$label|$entries|$(python3 -c "print(f'{$end - $start:.1f}')")|$(python3 -c "print(f'{$entries / ($end - $start):,.0f}')")|-|-|$(python3 -c "print(f'{${cpu_us[$label]}:,.0f}')")|-|$rss MiB|-")
}

# The Python baseline: one process.
baseline() {
  timed "$1" python3 "$ROOT/scripts/bench-baseline.py" "$2"
}

# The baseline's work as a Beam pipeline (BaselineOnBeam) on Flink's mini-cluster, from the Flink
# jar with the JIT flags scripts/gardener gives its JVM: a floor under any Beam pipeline's cost
# on that runner.
# shellcheck source=scripts/jit-opts.sh
. "$ROOT/scripts/jit-opts.sh"
floor() {
  rm -rf "$work/out-$1"
  timed "$1" java "${jit_opts[@]}" \
    -cp "$ROOT/flink/target/log-gardener-flink-bundled.jar:$ROOT/benchmarks/target/classes" \
    dev.loggardener.benchmarks.BaselineOnBeam --runner=FlinkRunner --fasterCopy=true \
    --input="$2" --output="$work/out-$1/counts"
}

# Builds both jars first, so no build time lands in a measurement.
if ! skipped floor; then
  mvn -B -q -f "$ROOT/pom.xml" -pl benchmarks -am -DskipTests compile >&2
fi
"$ROOT/scripts/gardener" run --runner=DirectRunner --printSummary=false --output="$work/warm" >/dev/null 2>&1 || true
"$ROOT/scripts/gardener" run --runner=FlinkRunner --printSummary=false --output="$work/warm" >/dev/null 2>&1 || true

for ((i = 1; i <= repeat; i++)); do
  run=""
  [ "$repeat" = 1 ] || run="#$i"
  # As users run it: no runner option (an export this size runs on Flink's mini-cluster).
  skipped default || measure "default-r1.0$run" "$entries" default --input="$export_file"
  skipped python || baseline "python-r1.0$run" "$export_file"
  skipped default || measure "default-r0.125$run" "$entries" default --input="$mixed_file"
  skipped python || baseline "python-r0.125$run" "$mixed_file"
  skipped floor || floor "beam-floor-r1.0$run" "$export_file"
  skipped floor || floor "beam-floor-r0.125$run" "$mixed_file"
  skipped direct || measure "direct-batch$run" "$entries" 8g --input="$export_file" --hotKeyFanout=16 --runner=DirectRunner
  # File input on Flink: the default (Beam's batch translation), then its streaming translation.
  skipped flink || measure "flink-batch-p$parallelism$run" "$entries" 4g --input="$export_file" \
    --runner=FlinkRunner --parallelism="$parallelism" --hotKeyFanout=16
  skipped flinkfilestream || measure "flink-file-stream-p$parallelism$run" "$entries" 4g \
    --input="$export_file" --runner=FlinkRunner --parallelism="$parallelism" --hotKeyFanout=16 \
    --streaming=true
  skipped stream || measure "flink-stream-p$parallelism$run" "$stream_entries" 1g --source=synthetic \
    --ratePerSecond="$stream_entries" --durationSeconds=1 --signatures="$signatures" --errorRatio=1.0 \
    --runner=FlinkRunner --parallelism="$parallelism" --hotKeyFanout=16 --shutdownSourcesAfterIdleMs=0
done

echo
echo "End to end ($signatures tail signatures, one signature with half the entries, all entries warnings/errors)"
printf '%-20s %10s %8s %10s %7s %10s %11s %10s %10s %5s\n' run entries wall-s entries/s run-s "run ent/s" "CPU us/ent" "peak heap" "peak RSS" Xmx
for r in "${rows[@]}"; do
  IFS='|' read -r label n secs rate ran runrate cpu heap rss xmx <<<"$r"
  printf '%-20s %10s %8s %10s %7s %10s %11s %10s %10s %5s\n' "$label" "$n" "$secs" "$rate" "$ran" "$runrate" "$cpu" "$heap" "$rss" "$xmx"
done
echo "(wall: whole command, JVM start included; run: from pipeline.run() to the end, runner and"
echo " mini-cluster start-up included; CPU: user+system seconds of the whole process per entry)"
# Per label: the median over its runs (the only value when --repeat=1).
declare -A median_wall median_cpu
for key in "${!wall[@]}"; do
  base="${key%%#*}"
  [ -z "${median_wall[$base]:-}" ] || continue
  walls=() cpus=()
  for k in "${!wall[@]}"; do
    if [ "${k%%#*}" = "$base" ]; then
      walls+=("${wall[$k]}")
      cpus+=("${cpu_us[$k]:-0}")
    fi
  done
  median_wall[$base]=$(python3 -c "import statistics, sys; print(statistics.median(map(float, sys.argv[1:])))" "${walls[@]}")
  median_cpu[$base]=$(python3 -c "import statistics, sys; print(statistics.median(map(float, sys.argv[1:])))" "${cpus[@]}")
done
if [ "$repeat" != 1 ]; then
  echo
  echo "Medians over $repeat runs"
  printf '%-20s %8s %11s\n' run wall-s "CPU us/ent"
  for base in $(printf '%s\n' "${!median_wall[@]}" | sort); do
    printf '%-20s %8.1f %11.0f\n' "$base" "${median_wall[$base]}" "${median_cpu[$base]}"
  done
fi
for r in 1.0 0.125; do
  if [ -n "${median_wall[default-r$r]:-}" ] && [ -n "${median_wall[python-r$r]:-}" ]; then
    python3 -c "print(f'errorRatio $r: gardener run (no runner option) took {${median_wall[default-r$r]}:.1f} s, the Python baseline {${median_wall[python-r$r]}:.1f} s: gardener is {${median_wall[python-r$r]} / ${median_wall[default-r$r]}:.2f}x the baseline\'s speed')"
  fi
  if [ -n "${median_wall[beam-floor-r$r]:-}" ] && [ -n "${median_wall[python-r$r]:-}" ]; then
    python3 -c "print(f'errorRatio $r: the baseline\'s work as a Beam pipeline on the same runner took {${median_wall[beam-floor-r$r]}:.1f} s and {${median_cpu[beam-floor-r$r]}:.0f} CPU-us per entry: {${median_wall[python-r$r]} / ${median_wall[beam-floor-r$r]}:.2f}x the baseline\'s speed')"
  fi
done

if ! skipped jmh; then
  if [ ! -f "$ROOT/benchmarks/target/benchmarks.jar" ] || [ -n "$(find "$ROOT/benchmarks/src" "$ROOT/transforms/src/main" "$ROOT/pipeline/src/main" -newer "$ROOT/benchmarks/target/benchmarks.jar" -type f -print -quit)" ]; then
    mvn -B -q -f "$ROOT/pom.xml" -Pbench -pl benchmarks -am -DskipTests package >&2
  fi
  echo
  echo "Per entry, one thread (JMH, ns/op; lower is better)"
  java -jar "$ROOT/benchmarks/target/benchmarks.jar" EntryPathBenchmark -rf text -rff "$work/jmh.txt" \
    >"$work/jmh-run.log" 2>&1 || { tail -20 "$work/jmh-run.log" >&2; }
  grep -E "^Benchmark|EntryPathBenchmark" "$work/jmh.txt" || true
  python3 - "$work/jmh.txt" <<'PY'
import re, sys
v = {}
for line in open(sys.argv[1]):
    m = re.match(r'EntryPathBenchmark\.(\w+)\s+\w+\s+\d+\s+([\d.,]+)', line)
    if m:
        v[m.group(1)] = float(m.group(2).replace(',', ''))
if 'jacksonFloor' in v and 'parseSignCombine' in v:
    print(f"parse+sign+combine / Jackson floor = {v['parseSignCombine'] / v['jacksonFloor']:.1f}x")
PY
fi
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | sed -n 1p), load average $(cut -d' ' -f1-3 /proc/loadavg)"
