#!/usr/bin/env python3
"""Checks a streaming soak's outputs (see scripts/soak.sh); prints a report, exits 1 on a failure.

- Counts exact: per (window, service, cluster) the last row emitted (highest `emit_seq`, what
  the `clusters_latest` view keeps) is marked `is_final`, and per (window, service) the sum of
  those rows' `count` equals the generator's warnings and errors (`gardener synthetic-counts`);
  every expected (window, service) has rows and no other has; the run summary accounts for
  every entry read, with nothing dead-lettered and no duplicate dropped (the generator makes
  none). A cluster can have more than one final row: a later firing of the cascade stage can
  change its cascade fields after the on-time pane, and the newer row supersedes the older.
- No row re-emitted unchanged: per (window, service, cluster), rows ordered by `emit_seq` have
  emit_seq 1, 2, 3, ... and each differs from the previous one in something but the pane
  bookkeeping (emitted_at, pane_index, pane_timing, emit_seq, run_id, run_kind), which is what
  EmitChangedRows promises.
- Heap flat: the live heap (after each forced full GC) in the last third of the samples is at
  most 10 % + 16 MiB above the middle third's maximum.

Standard library only.
"""
import argparse
import collections
import glob
import json
import os
import re
import sys

BOOKKEEPING = ("emitted_at", "pane_index", "pane_timing", "emit_seq", "run_id", "run_kind")
# jcmd GC.run logs "Diagnostic Command"; System.gc() logs its own name.
GC_FULL = re.compile(r"^\[(?P<t>[\d.]+)s\].*Pause Full \((?:System\.gc\(\)|Diagnostic Command)\) "
                     r"(?P<before>\d+)(?P<bu>[KMG])->(?P<after>\d+)(?P<au>[KMG])\((?P<cap>\d+)(?P<cu>[KMG])\)")
GC_ANY = re.compile(r"^\[(?P<t>[\d.]+)s\].*GC\(\d+\) Pause .* (?P<before>\d+)(?P<bu>[KMG])->")
UNIT = {"K": 1 / 1024, "M": 1, "G": 1024}


def read_rows(folder):
    rows = []
    for path in sorted(glob.glob(os.path.join(folder, "clusters", "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            rows.extend(json.loads(line) for line in f if line.strip())
    return rows


def cluster_key(r):
    return (r["window_start"], r["service"], r.get("group_id") or r["signature_id"])


def check_counts(rows, expected_path, summary_path, entries):
    failures = []
    expected = {}
    with open(expected_path, encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            # The generator prints RFC 3339 seconds; rows carry microseconds.
            expected[(e["window_start"].replace("Z", ".000000Z"), e["service"])] = e
    latest = {}
    for r in rows:
        k = cluster_key(r)
        if k not in latest or latest[k]["emit_seq"] < r["emit_seq"]:
            latest[k] = r
    final = collections.Counter()
    for k, r in sorted(latest.items()):
        if not r.get("is_final"):
            failures.append(f"counts: the last row of {k} (emit_seq {r['emit_seq']}) is not final")
        final[(r["window_start"], r["service"])] += r["count"]
    table = []
    for key in sorted(set(expected) | set(final)):
        want = expected[key]["warnings_and_errors"] if key in expected else None
        got = final.get(key)
        table.append((key[0], key[1], expected[key]["entries"] if key in expected else 0, want, got))
        if want != got:
            failures.append(f"counts: window {key[0]} service {key[1]}: generator {want}, final rows {got}")
    summary = open(summary_path, encoding="utf-8").read() if summary_path else ""

    def figure(label):
        m = re.search(r"^\s*" + re.escape(label) + r"\s+([\d,]+)", summary, re.M)
        return int(m.group(1).replace(",", "")) if m else None

    parsed = figure("parsed")
    if parsed != entries:
        failures.append(f"summary: parsed {parsed}, generator made {entries}")
    for label in ("dead-lettered", "duplicates dropped", "dropped as too late"):
        if figure(label) not in (0, None):
            failures.append(f"summary: {label} {figure(label)}, expected 0")
    if "every entry read is accounted for" not in summary:
        failures.append("summary: the run did not account for every entry")
    return table, failures


def check_reemits(rows):
    failures = []
    by_key = collections.defaultdict(list)
    for r in rows:
        by_key[cluster_key(r)].append(r)
    emitted = 0
    for key, rs in by_key.items():
        rs.sort(key=lambda r: r["emit_seq"])
        seqs = [r["emit_seq"] for r in rs]
        if seqs != list(range(1, len(rs) + 1)):
            failures.append(f"emit_seq of {key}: {seqs[:10]}{'...' if len(seqs) > 10 else ''}")
        previous = None
        for r in rs:
            content = {k: v for k, v in r.items() if k not in BOOKKEEPING}
            if previous is not None and content == previous:
                failures.append(f"re-emitted unchanged: {key} emit_seq {r['emit_seq']}")
            previous = content
        emitted += len(rs)
    return len(by_key), emitted, failures


def read_heap(gc_log):
    live, young_peak = [], 0.0
    with open(gc_log, encoding="utf-8") as f:
        for line in f:
            m = GC_FULL.search(line)
            if m:
                live.append((float(m["t"]), int(m["after"]) * UNIT[m["au"]]))
                continue
            m = GC_ANY.search(line)
            if m:
                young_peak = max(young_peak, int(m["before"]) * UNIT[m["bu"]])
    return live, young_peak


def check_heap(live):
    if len(live) < 6:
        return [f"heap: only {len(live)} live-heap samples, need 6 or more"]
    values = [v for _, v in live]
    third = len(values) // 3
    middle, last = values[third:2 * third], values[2 * third:]
    if max(last) > max(middle) * 1.10 + 16:
        return [f"heap: live heap grew: middle third max {max(middle):.0f} MiB, "
                f"last third max {max(last):.0f} MiB"]
    return []


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--output", required=True, help="the run's --output folder")
    p.add_argument("--expected", required=True, help="gardener synthetic-counts output")
    p.add_argument("--gc-log", required=True)
    p.add_argument("--samples", help="seconds / CPU s / RSS MiB samples")
    p.add_argument("--summary", help="the run's stdout")
    p.add_argument("--entries", type=int, required=True)
    p.add_argument("--load", help="file with the load average before the run")
    p.add_argument("--config", default="")
    a = p.parse_args()

    rows = read_rows(a.output)
    table, failures = check_counts(rows, a.expected, a.summary, a.entries)
    keys, emitted, reemit_failures = check_reemits(rows)
    failures += reemit_failures
    live, young_peak = read_heap(a.gc_log)
    failures += check_heap(live)

    print(f"Soak: {a.config}")
    if a.load:
        print(open(a.load, encoding="utf-8").read().strip().replace("soak: ", ""))
    print(f"entries generated: {a.entries:,}; rows emitted: {emitted:,} for {keys:,} "
          f"(window, service, cluster) keys ({emitted / max(1, keys):.2f} per key); "
          f"final rows: {sum(1 for r in rows if r.get('is_final')):,}")
    timings = collections.Counter(r.get("pane_timing") for r in rows)
    print("rows by pane timing: " + ", ".join(f"{k} {v:,}" for k, v in sorted(timings.items())))
    print()
    print("| Window | Service | Entries | Warnings + errors (generator) | Latest rows' count |")
    print("|---|---|---:|---:|---:|")
    for w, s, n, want, got in table:
        print(f"| {w} | {s} | {n:,} | {want if want is None else f'{want:,}'} | "
              f"{got if got is None else f'{got:,}'} |")
    print()
    print("| Seconds | Live heap MiB (after forced full GC) | CPU s (process) | RSS MiB |")
    print("|---:|---:|---:|---:|")
    samples = []
    if a.samples and os.path.exists(a.samples):
        with open(a.samples, encoding="utf-8") as f:
            next(f, None)
            samples = [line.split() for line in f if line.strip()]
    for i, (t, v) in enumerate(live):
        secs, cpu, rss = samples[i] if i < len(samples) else (f"{t:.0f}", "", "")
        print(f"| {secs} | {v:.0f} | {cpu} | {rss} |")
    print(f"\nlargest heap occupancy seen before any collection: {young_peak:.0f} MiB")
    if samples:
        cpu = float(samples[-1][1])
        print(f"CPU seconds up to the last sample: {cpu:.0f} "
              f"({cpu * 1e6 / max(1, a.entries):.0f} CPU-us per entry generated)")
    print()
    if failures:
        print(f"FAILED ({len(failures)}):")
        for f in failures[:50]:
            print("  " + f)
        sys.exit(1)
    print("PASSED: counts exact against the generator, no row re-emitted unchanged, heap flat")


if __name__ == "__main__":
    main()
