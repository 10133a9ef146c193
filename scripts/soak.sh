#!/usr/bin/env bash
# Streaming soak on Flink: runs `--source=synthetic` as a stream (event time = processing time,
# so N minutes of event time take N minutes), samples the JVM's live heap (heap after a forced
# full GC) and CPU every 30 s, then checks the outputs with scripts/soak-check.py:
#   - counts exact: per (window, service), the counts of each cluster's latest row (highest
#     emit_seq, final) add up to the warnings and errors the generator made (`gardener
#     synthetic-counts` with the same options), and the run summary accounts for every entry
#     (nothing dead-lettered, nothing deduplicated away);
#   - no row re-emitted unchanged: per (window, service, cluster) every emitted row differs from
#     the one before it in something a reader sees, and emit_seq runs 1, 2, 3, ...;
#   - heap flat: the live heap of the last third of the run is not above the middle third's.
# Prints one table for docs/performance.md; exits 1 when a check fails. Figures are not asserted
# anywhere else; run it on a quiet machine.
#
#   scripts/soak.sh [--minutes=10] [--ratePerSecond=2000] [--syntheticServices=3]
#                   [--signatures=1000] [--errorRatio=0.5] [--windowMinutes=2]
#                   [--earlyFiringMinutes=1] [--dedupRetentionMinutes=2] [--allowedLatenessHours=0]
#                   [--parallelism=2]
#                   [--checkpointingInterval=30000] [--heap=1g] [--sampleSeconds=30]
#                   [--output=target/soak]
#
# Short windows, a short dedup retention and no allowed lateness make the state reach its steady
# size within the run. With the defaults (hourly windows, 60-minute retention, 6 hours of allowed
# lateness) a 10-minute soak would only show state filling up, which is growth by design: every
# window keeps its aggregation state until its lateness ends, so the heap holds (lateness / window
# + 1) windows of it. --allowedLatenessHours=6 shows that growth (docs/performance.md).
# A class histogram of the heap is taken at 80 % of the run (histogram.txt), for diagnosis.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
minutes=10
rate=2000
services=3
signatures=1000
error_ratio=0.5
window_minutes=2
early_minutes=1
dedup_minutes=2
lateness_hours=0
parallelism=2
checkpoint_ms=30000
heap=1g
sample_seconds=30
out="$ROOT/target/soak"
for arg in "$@"; do
  case "$arg" in
    --minutes=*) minutes="${arg#*=}" ;;
    --ratePerSecond=*) rate="${arg#*=}" ;;
    --syntheticServices=*) services="${arg#*=}" ;;
    --signatures=*) signatures="${arg#*=}" ;;
    --errorRatio=*) error_ratio="${arg#*=}" ;;
    --windowMinutes=*) window_minutes="${arg#*=}" ;;
    --earlyFiringMinutes=*) early_minutes="${arg#*=}" ;;
    --dedupRetentionMinutes=*) dedup_minutes="${arg#*=}" ;;
    --allowedLatenessHours=*) lateness_hours="${arg#*=}" ;;
    --parallelism=*) parallelism="${arg#*=}" ;;
    --checkpointingInterval=*) checkpoint_ms="${arg#*=}" ;;
    --heap=*) heap="${arg#*=}" ;;
    --sampleSeconds=*) sample_seconds="${arg#*=}" ;;
    --output=*) out="${arg#*=}" ;;
    -h|--help) sed -n '2,27p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

rm -rf "$out"
mkdir -p "$out"
duration=$((minutes * 60))
source_opts=(--ratePerSecond="$rate" --durationSeconds="$duration"
  --syntheticServices="$services" --signatures="$signatures" --errorRatio="$error_ratio")

# Build the Flink jar now if sources changed, so the samples start with the job, not with Maven.
"$ROOT/scripts/gardener" run --runner=FlinkRunner \
  --help=dev.loggardener.pipeline.options.SyntheticSourceOptions >/dev/null
echo "soak: expected counts from the generator..." >&2
"$ROOT/scripts/gardener" synthetic-counts "${source_opts[@]}" --windowMinutes="$window_minutes" \
  >"$out/expected.jsonl"

echo "soak: load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/load.txt" >&2
GARDENER_JAVA_OPTS="-Xmx$heap -Xlog:gc:file=$out/gc.log:uptime ${GARDENER_JAVA_OPTS:-}" \
  "$ROOT/scripts/gardener" run --runner=FlinkRunner --parallelism="$parallelism" \
  --source=synthetic "${source_opts[@]}" --windowMinutes="$window_minutes" \
  --earlyFiringMinutes="$early_minutes" --dedupRetentionMinutes="$dedup_minutes" \
  --allowedLatenessHours="$lateness_hours" \
  --checkpointingInterval="$checkpoint_ms" --shutdownSourcesAfterIdleMs=0 \
  --progressSeconds=0 --output="$out/run" >"$out/summary.txt" 2>"$out/stderr.txt" &
pid=$!

# One sample every --sampleSeconds: seconds since launch, CPU seconds so far, RSS, and the live
# heap (a forced full GC's result in the GC log). A forced GC costs a few hundred milliseconds.
hz="$(getconf CLK_TCK)"
echo "seconds cpu_s rss_mib" >"$out/samples.txt"
sample() {
  local stat cpu rss
  stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
  cpu="$(echo "$stat" | awk -v hz="$hz" '{ printf "%.1f", ($14 + $15) / hz }')"
  rss="$(awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null)" || return 1
  echo "$1 $cpu $rss" >>"$out/samples.txt"
}
elapsed=0
while kill -0 "$pid" 2>/dev/null; do
  for _ in $(seq "$sample_seconds"); do
    kill -0 "$pid" 2>/dev/null || break 2
    sleep 1
  done
  elapsed=$((elapsed + sample_seconds))
  # jcmd attaches to the JVM gardener exec'd into (same pid); a failure just skips the sample.
  jcmd "$pid" GC.run >/dev/null 2>&1 || true
  sample "$elapsed" || true
  if [ "$elapsed" -ge $((duration * 4 / 5)) ] && [ ! -s "$out/histogram.txt" ]; then
    jcmd "$pid" GC.class_histogram 2>/dev/null | head -40 >"$out/histogram.txt" || true
  fi
done
status=0
wait "$pid" || status=$?
peak_rss="$(awk 'NR > 1 && $3 > m { m = $3 } END { print m + 0 }' "$out/samples.txt")"
echo "soak: run exited with $status (peak RSS sampled: $peak_rss MiB)" >&2
if [ "$status" != 0 ]; then
  tail -30 "$out/stderr.txt" >&2
  exit 1
fi

python3 "$ROOT/scripts/soak-check.py" --output="$out/run" --expected="$out/expected.jsonl" \
  --gc-log="$out/gc.log" --samples="$out/samples.txt" --summary="$out/summary.txt" \
  --entries=$((rate * duration)) --load="$out/load.txt" \
  --config="minutes=$minutes rate=$rate services=$services signatures=$signatures errorRatio=$error_ratio windowMinutes=$window_minutes earlyFiringMinutes=$early_minutes dedupRetentionMinutes=$dedup_minutes allowedLatenessHours=$lateness_hours parallelism=$parallelism checkpointingInterval=$checkpoint_ms heap=$heap"
