#!/usr/bin/env bash
# Times a local DirectRunner run over a generated export and prints entries per second and peak
# memory (resident set size of the JVM). Figures are for comparing changes on one machine, not
# for asserting anything.
#
#   scripts/bench-local.sh [--entries=200000] [--signatures=1000] [--format=ndjson|json] [--keep]
#
# The export is generated once per (entries, signatures, format) under target/bench/ and reused.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
entries=200000
signatures=1000
format=ndjson
keep=0
for arg in "$@"; do
  case "$arg" in
    --entries=*) entries="${arg#*=}" ;;
    --signatures=*) signatures="${arg#*=}" ;;
    --format=*) format="${arg#*=}" ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

work="$ROOT/target/bench"
mkdir -p "$work"
export_file="$work/export-$entries-$signatures.$format"
out="$work/out"
if [ ! -f "$export_file" ]; then
  "$ROOT/scripts/gardener" generate --output="$export_file" --entries="$entries" \
    --signatures="$signatures" --format="$format" >/dev/null
fi

timing="$work/time.txt"
start=$(date +%s.%N)
/usr/bin/time -v -o "$timing" "$ROOT/scripts/gardener" run --input="$export_file" \
  --output="$out" --printSummary=false
end=$(date +%s.%N)

seconds=$(python3 -c "print(f'{$end - $start:.2f}')")
rate=$(python3 -c "print(f'{$entries / ($end - $start):,.0f}')")
peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$timing")
bytes=$(stat -c %s "$export_file")

echo "entries            $entries ($signatures tail signatures, $format, $((bytes / 1024 / 1024)) MiB)"
echo "wall time          ${seconds} s (JVM start and pipeline construction included)"
echo "entries per second $rate"
echo "peak RSS           $((peak_kb / 1024)) MiB"
echo "machine            $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | sed -n 1p)"
[ "$keep" = 1 ] || rm -rf "$out"
