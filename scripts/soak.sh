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
#   - heap flat: the live heap of the last third of the run is not above the middle third's;
#   - state read per firing flat (below).
# Counts are read as the `clusters_latest` view reads them (docs/streaming.md): per lineage
# (run_id) the highest emit_seq, lineages summed, tombstones dropped; emit_seq runs 1, 2, 3, ...
# per lineage.
#
# Mid-run, one of (minutes after the launch; the job runs on the embedded Flink cluster of
# `gardener run`, whose REST API listens on --restPort):
#   --update-at=M    an in-place update: `stop` with a savepoint through the REST API (what
#                    `flink stop` does), then the same job started from the savepoint under a new
#                    run id. Checked: windows open at the update keep their lineage and emit_seq
#                    goes on (some cluster must have rows before and after it).
#   --relaunch-at=M  a drain and a relaunch: the first job's source ends M minutes of entries in
#                    (a drain: reading stops and every window closes), then a new job without
#                    state reads the entries from there on (--syntheticStartSeconds), as a relaunch
#                    reads a subscription's unacknowledged messages. Checked: the lineages add up
#                    (some window must have rows of both). Pick M inside a window (not a multiple
#                    of --windowMinutes), or no window spans the seam. No history seed: that needs
#                    BigQuery.
# Each launch writes its own folder (run1, run2) and summary; the summaries' `parsed` figures
# must add up to the entries generated. The heap check reads the last launch's samples.
# State read per firing: every metric whose name contains --metric (default read_per_firing;
# the job reports the Beam distribution post_aggregation_rows_read_per_firing from grouping and
# ApplyAnalysis) is sampled per subtask from the REST API (metrics.txt). soak-check.py prints,
# per step and sample, the firings, the mean rows read per firing and the largest firing, and
# fails when the last third's reads exceed the first two thirds' by more than 100 % + 8 rows (a
# window's on-time firing reads up to twice its early ones) or grow with the firings counted so
# far (a trend over the run of more than 50 % + 8 rows).
# Prints one table for docs/performance.md; exits 1 when a check fails. Figures are not asserted
# anywhere else; run it on a quiet machine.
#
#   scripts/soak.sh [--minutes=10] [--ratePerSecond=2000] [--syntheticServices=3]
#                   [--signatures=1000] [--errorRatio=0.5] [--windowMinutes=2]
#                   [--earlyFiringMinutes=1] [--dedupRetentionMinutes=2] [--allowedLatenessHours=0]
#                   [--parallelism=2]
#                   [--checkpointingInterval=30000] [--heap=1g] [--sampleSeconds=30]
#                   [--update-at=M | --relaunch-at=M] [--restPort=18081]
#                   [--metric=read_per_firing]
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
update_at=""
update_time=""
relaunch_at=""
rest_port=18081
metric=read_per_firing
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
    --update-at=*) update_at="${arg#*=}" ;;
    --relaunch-at=*) relaunch_at="${arg#*=}" ;;
    --restPort=*) rest_port="${arg#*=}" ;;
    --metric=*) metric="${arg#*=}" ;;
    --output=*) out="${arg#*=}" ;;
    -h|--help) sed -n '2,56p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done
if [ -n "$update_at" ] && [ -n "$relaunch_at" ]; then
  echo "soak: --update-at and --relaunch-at are one or the other" >&2
  exit 2
fi
for m in "$update_at" "$relaunch_at"; do
  if [ -n "$m" ] && { [ "$m" -lt 1 ] || [ "$m" -ge "$minutes" ]; }; then
    echo "soak: the update or relaunch minute must be between 1 and --minutes - 1" >&2
    exit 2
  fi
done

rm -rf "$out"
mkdir -p "$out"
duration=$((minutes * 60))
source_opts=(--ratePerSecond="$rate"
  --syntheticServices="$services" --signatures="$signatures" --errorRatio="$error_ratio")

# Build the Flink jar now if sources changed, so the samples start with the job, not with Maven.
"$ROOT/scripts/gardener" run --runner=FlinkRunner \
  --help=dev.loggardener.pipeline.options.SyntheticSourceOptions >/dev/null
echo "soak: expected counts from the generator..." >&2
"$ROOT/scripts/gardener" synthetic-counts "${source_opts[@]}" --durationSeconds="$duration" \
  --windowMinutes="$window_minutes" \
  >"$out/expected.jsonl"

# The embedded cluster's configuration: what FlinkMain writes by default, a fixed REST port (for
# the savepoint and the metrics), and for a restore the savepoint to start from.
flink_conf() { # folder [savepoint]
  mkdir -p "$1"
  {
    echo "taskmanager.runtime.large-record-handler: true"
    echo "rest.bind-port: $rest_port"
    echo "rest.port: $rest_port"
    if [ -n "${2:-}" ]; then echo "execution.savepoint.path: $2"; fi
  } >"$1/flink-conf.yaml"
}

rest() { # method path [json body]
  curl -sS --fail --max-time 10 -X "$1" -H 'Content-Type: application/json' \
    ${3:+--data "$3"} "http://localhost:$rest_port$2"
}

json() { # python expression over j, the JSON on stdin; fails quietly on anything else
  python3 -c "import json, sys
try:
    j = json.load(sys.stdin)
    print($1)
except Exception:
    sys.exit(1)"
}

running_job() {
  rest GET /jobs 2>/dev/null | json "next((x['id'] for x in j['jobs'] if x['status'] == 'RUNNING'), '')"
}

# `flink stop`: a savepoint, then the job finishes without processing anything after it, and
# the embedded cluster ends with the job (so the savepoint is found on disk, not asked for).
stop_with_savepoint() {
  local job
  job="$(running_job)"
  [ -n "$job" ] || { echo "soak: no running job to stop" >&2; return 1; }
  rest POST "/jobs/$job/stop" \
    "{\"targetDirectory\": \"file://$out/savepoints\", \"drain\": false}" >/dev/null
}

# The savepoint the stopped job wrote: the newest savepoint folder holding its _metadata.
savepoint_written() {
  local dir
  dir="$(find "$out/savepoints" -name _metadata -printf '%T@ %h\n' 2>/dev/null \
    | sort -rn | head -1 | cut -d' ' -f2-)"
  [ -n "$dir" ] || { echo "soak: the stopped job wrote no savepoint" >&2; return 1; }
  echo "file://$dir"
}

# The state-read-per-firing distribution, where a step reports one: every vertex's metrics
# whose name contains --metric, per subtask ("<subtask>.<step>.<name>=<value>"), one line per
# vertex and sample. Per subtask and as Flink's text, because Beam reports a distribution as a
# gauge whose value is not a number Flink's aggregation reads.
sample_metrics() { # seconds
  local job vertex names values
  job="$(running_job)" || return 0
  [ -n "$job" ] || return 0
  for vertex in $(rest GET "/jobs/$job" 2>/dev/null | json "' '.join(v['id'] for v in j['vertices'])"); do
    names="$(rest GET "/jobs/$job/vertices/$vertex/metrics" 2>/dev/null \
      | json "','.join(m['id'] for m in j if '$metric' in m['id'])")" || continue
    [ -n "$names" ] || continue
    values="$(rest GET "/jobs/$job/vertices/$vertex/metrics?get=$names" \
      | json "' '.join(m['id'] + '=' + str(m.get('value')).replace(' ', '') for m in j)")" || continue
    echo "$1 $values" >>"$out/metrics.txt"
  done
}

echo "soak: load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/load.txt" >&2
launches=0
pid=""
launch() { # savepoint-or-empty, then the source's extent (--durationSeconds, ...)
  local savepoint="$1"
  shift
  launches=$((launches + 1))
  flink_conf "$out/flink-conf-$launches" "$savepoint"
  GARDENER_JAVA_OPTS="-Xmx$heap -Xlog:gc:file=$out/gc$launches.log:uptime ${GARDENER_JAVA_OPTS:-}" \
    "$ROOT/scripts/gardener" run --runner=FlinkRunner --parallelism="$parallelism" \
    --source=synthetic "${source_opts[@]}" "$@" --windowMinutes="$window_minutes" \
    --earlyFiringMinutes="$early_minutes" --dedupRetentionMinutes="$dedup_minutes" \
    --allowedLatenessHours="$lateness_hours" --flinkConfDir="$out/flink-conf-$launches" \
    --checkpointingInterval="$checkpoint_ms" --shutdownSourcesAfterIdleMs=0 \
    --progressSeconds=0 --output="$out/run$launches" \
    >"$out/summary$launches.txt" 2>"$out/stderr$launches.txt" &
  pid=$!
  echo "soak: launch $launches (pid $pid)${savepoint:+ from $savepoint}" >&2
}

# Waits for the launch's process; fails the soak with its log when it did not end cleanly.
finish_launch() {
  local status=0
  wait "$pid" || status=$?
  if [ "$status" != 0 ]; then
    echo "soak: launch $launches exited with $status" >&2
    tail -30 "$out/stderr$launches.txt" >&2
    exit 1
  fi
}

if [ -n "$relaunch_at" ]; then
  # The first job's source ends relaunch_at minutes of entries in: it drains by itself.
  launch "" --durationSeconds=$((relaunch_at * 60))
else
  launch "" --durationSeconds="$duration"
fi

# One sample every --sampleSeconds: seconds since the first launch, CPU seconds of the current
# launch so far, RSS, and the live heap (a forced full GC's result in the launch's GC log).
hz="$(getconf CLK_TCK)"
echo "seconds cpu_s rss_mib launch" >"$out/samples.txt"
sample() {
  local stat cpu rss
  stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
  cpu="$(echo "$stat" | awk -v hz="$hz" '{ printf "%.1f", ($14 + $15) / hz }')"
  rss="$(awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null)" || return 1
  echo "$1 $cpu $rss $launches" >>"$out/samples.txt"
}
start=$SECONDS
next_sample=$sample_seconds
while true; do
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    elapsed=$((SECONDS - start))
    if [ -n "$update_at" ] && [ "$launches" = 1 ] && [ "$elapsed" -ge $((update_at * 60)) ]; then
      echo "soak: update at ${elapsed}s: stop with a savepoint..." >&2
      # Rows emitted before this time are the first launch's (the restored job writes the files
      # of rows pending in the savepoint, so the folder does not tell).
      update_time="$(date -u +%Y-%m-%dT%H:%M:%S.%6NZ)"
      stop_with_savepoint || exit 1
      finish_launch
      savepoint="$(savepoint_written)" || exit 1
      echo "soak: savepoint $savepoint; restoring" >&2
      echo "update: stopped with a savepoint at ${elapsed}s ($update_time), restored at $((SECONDS - start))s" \
        >>"$out/events.txt"
      launch "$savepoint" --durationSeconds="$duration"
      continue
    fi
    if [ "$elapsed" -ge "$next_sample" ]; then
      next_sample=$((next_sample + sample_seconds))
      # jcmd attaches to the JVM gardener exec'd into (same pid); a failure skips the sample.
      jcmd "$pid" GC.run >/dev/null 2>&1 || true
      sample "$elapsed" || true
      sample_metrics "$elapsed" || true
      if [ "$elapsed" -ge $((duration * 4 / 5)) ] && [ ! -s "$out/histogram.txt" ]; then
        jcmd "$pid" GC.class_histogram 2>/dev/null | head -40 >"$out/histogram.txt" || true
      fi
    fi
  done
  finish_launch
  if [ -n "$relaunch_at" ] && [ "$launches" = 1 ]; then
    echo "relaunch: first job drained at $((SECONDS - start))s" >>"$out/events.txt"
    launch "" --durationSeconds="$duration" --syntheticStartSeconds=$((relaunch_at * 60))
    continue
  fi
  break
done
peak_rss="$(awk 'NR > 1 && $3 > m { m = $3 } END { print m + 0 }' "$out/samples.txt")"
echo "soak: the run ended (peak RSS sampled: $peak_rss MiB)" >&2

check_args=()
for i in $(seq "$launches"); do
  check_args+=(--output="$out/run$i" --gc-log="$out/gc$i.log" --summary="$out/summary$i.txt")
done
[ -n "$update_at" ] && check_args+=(--update-time="$update_time")
[ -n "$relaunch_at" ] && check_args+=(--expect-relaunch)
# The job reports state read per firing under the default name: its absence is a failure.
[ "$metric" = read_per_firing ] && check_args+=(--expect-reads)
python3 "$ROOT/scripts/soak-check.py" "${check_args[@]}" --expected="$out/expected.jsonl" \
  --samples="$out/samples.txt" --entries=$((rate * duration)) --load="$out/load.txt" \
  --events="$out/events.txt" --metrics="$out/metrics.txt" \
  --config="minutes=$minutes rate=$rate services=$services signatures=$signatures errorRatio=$error_ratio windowMinutes=$window_minutes earlyFiringMinutes=$early_minutes dedupRetentionMinutes=$dedup_minutes allowedLatenessHours=$lateness_hours parallelism=$parallelism checkpointingInterval=$checkpoint_ms heap=$heap${update_at:+ update-at=$update_at}${relaunch_at:+ relaunch-at=$relaunch_at}"
