#!/usr/bin/env python3
"""Checks a streaming soak's outputs (see scripts/soak.sh); prints a report, exits 1 on a failure.

- Counts exact, read as the `clusters_latest` view reads them (docs/streaming.md): per (window,
  service, cluster, lineage) the last row (highest `emit_seq`, then pane, then time) counts and
  is marked `is_final`; where a backfill (run_kind BATCH) wrote a (window, service) only the
  newest backfill counts there; otherwise the lineages' latest rows add up; a cluster whose
  latest rows are all tombstones has none. Per (window, service) the sum equals the generator's
  warnings and errors (`gardener synthetic-counts`); every expected (window, service) has rows
  and no other has; the launches' summaries account for every entry read, with nothing
  dead-lettered and no duplicate dropped (the generator makes none), and their `parsed`
  figures add up to the entries generated. A cluster can have more than one final row: a later
  firing of the cascade stage can change its cascade fields after the on-time pane, and the
  newer row supersedes the older.
- No row re-emitted unchanged: per (window, service, cluster, lineage), rows ordered by
  `emit_seq` have emit_seq 1, 2, 3, ... (across an update too: the lineage and its sequence
  live in the job's state) and each differs from the previous one in something but the pane
  bookkeeping (emitted_at, pane_index, pane_timing, emit_seq, run_id, run_kind), which is what
  EmitChangedRows promises.
- Update (--update-time, when the job was stopped): some (window, service, cluster) has rows
  emitted before and after it, all of one lineage. (The emit time tells, not the folder: the
  restored job writes the files of rows that were pending in the savepoint.) Relaunch (--expect-relaunch): some (window, service) has rows of two lineages.
- Heap flat: the live heap (after each forced full GC) of the last launch, in the last third of
  its samples, is at most 10 % + 16 MiB above the middle third's maximum.
- State read per firing flat (--metrics, where the job reports a Beam distribution whose name
  holds soak.sh's --metric, e.g. `post_aggregation_rows_read_per_firing`): Flink's REST API
  shows a Beam distribution as its text, `DistributionResult{sum=..,count=..,min=..,max=..}`,
  cumulative per subtask since the launch. Per step (subtasks added up) and sample, the firings
  in the interval (count's rise), the mean rows read per firing in it (sum's rise / count's rise)
  and the largest single firing so far in the launch. Over the samples with firings, in run
  order: the last third's highest interval mean and highest largest-firing are at most
  PEAK_TOLERANCE (100 %) + READ_SLACK (8 rows) above the first two thirds' (a window's on-time
  firing, every cluster changed, reads up to twice its early ones, and the first two thirds of
  a short soak may hold no window's end); and the interval mean does not grow with the firings
  counted so far in the run (a least-squares line over the middle and last thirds rises by at
  most TREND_TOLERANCE (50 %) of their mean + 8 rows over their span). State that
  grew with firings (accumulating joins re-reading every earlier firing) fails both; a (window,
  service) holding its latest rows only reads about as many rows as the window has clusters.

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


def read_rows(folders):
    """Every row the launches wrote, each tagged with its launch (1, 2, ...) as `_launch`."""
    rows = []
    for launch, folder in enumerate(folders, start=1):
        for path in sorted(glob.glob(os.path.join(folder, "clusters", "*.jsonl"))):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        r = json.loads(line)
                        r["_launch"] = launch
                        rows.append(r)
    return rows


def cluster_key(r):
    return (r["window_start"], r["service"], r.get("group_id") or r["signature_id"])


def lineage_key(r):
    return cluster_key(r) + (r.get("run_id") or "",)


def newest(r):
    return (r["emit_seq"], r.get("pane_index", 0), r.get("emitted_at", ""))


def view_counts(rows):
    """Per (window, service, cluster): the count `clusters_latest` gives, and the latest rows."""
    latest = {}
    for r in rows:
        k = lineage_key(r)
        if k not in latest or newest(latest[k]) < newest(r):
            latest[k] = r
    backfill = {}
    for r in latest.values():
        if r.get("run_kind") == "BATCH":
            scope = (r["window_start"], r["service"])
            backfill[scope] = max(backfill.get(scope, ""), r["run_id"])
    total, live = collections.Counter(), collections.defaultdict(bool)
    for r in latest.values():
        scope = (r["window_start"], r["service"])
        if scope in backfill and r.get("run_id") != backfill[scope]:
            continue
        total[cluster_key(r)] += r["count"]
        live[cluster_key(r)] |= not r.get("superseded_by")
    return {k: n for k, n in total.items() if live[k]}, latest


def check_counts(rows, expected_path, summary_paths, entries):
    failures = []
    expected = {}
    with open(expected_path, encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            # The generator prints RFC 3339 seconds; rows carry microseconds.
            expected[(e["window_start"].replace("Z", ".000000Z"), e["service"])] = e
    counts, latest = view_counts(rows)
    for k, r in sorted(latest.items()):
        if not r.get("is_final"):
            failures.append(f"counts: the last row of {k} (emit_seq {r['emit_seq']}) is not final")
    final = collections.Counter()
    for (window, service, _), n in counts.items():
        final[(window, service)] += n
    table = []
    for key in sorted(set(expected) | set(final)):
        want = expected[key]["warnings_and_errors"] if key in expected else None
        got = final.get(key)
        table.append((key[0], key[1], expected[key]["entries"] if key in expected else 0, want, got))
        if want != got:
            failures.append(f"counts: window {key[0]} service {key[1]}: generator {want}, final rows {got}")
    parsed = 0
    for launch, path in enumerate(summary_paths, start=1):
        summary = open(path, encoding="utf-8").read()

        def figure(label):
            m = re.search(r"^\s*" + re.escape(label) + r"\s+([\d,]+)", summary, re.M)
            return int(m.group(1).replace(",", "")) if m else None

        parsed += figure("parsed") or 0
        for label in ("dead-lettered", "duplicates dropped", "dropped as too late"):
            if figure(label) not in (0, None):
                failures.append(f"summary {launch}: {label} {figure(label)}, expected 0")
        if "every entry read is accounted for" not in summary:
            failures.append(f"summary {launch}: the run did not account for every entry")
    # Each launch's counters start at zero (Flink does not keep metrics in a savepoint): an
    # entry parsed twice, or never, shows here.
    if parsed != entries:
        failures.append(f"summary: parsed {parsed} over the launches, generator made {entries}")
    return table, failures


def check_reemits(rows):
    failures = []
    by_key = collections.defaultdict(list)
    for r in rows:
        by_key[lineage_key(r)].append(r)
    emitted = 0
    for key, rs in by_key.items():
        rs.sort(key=lambda r: r["emit_seq"])
        seqs = [r["emit_seq"] for r in rs]
        if seqs != list(range(1, len(rs) + 1)):
            failures.append(f"emit_seq of {key}: {seqs[:10]}{'...' if len(seqs) > 10 else ''}")
        previous = None
        for r in rs:
            content = {k: v for k, v in r.items() if k not in BOOKKEEPING and k != "_launch"}
            if previous is not None and content == previous:
                failures.append(f"re-emitted unchanged: {key} emit_seq {r['emit_seq']}")
            previous = content
        emitted += len(rs)
    return len(by_key), emitted, failures


def check_seams(rows, update_time, expect_relaunch):
    """What the update or relaunch touched; a failure when it touched no open window."""
    failures, lines = [], []
    launches = collections.defaultdict(set)
    lineages = collections.defaultdict(set)
    for r in rows:
        before = update_time is not None and r["emitted_at"] < update_time
        launches[cluster_key(r)].add((before, r.get("run_id")))
        lineages[(r["window_start"], r["service"])].add(r.get("run_id"))
    if update_time:
        spanning = [k for k, v in launches.items() if len({before for before, _ in v}) > 1]
        split = [k for k in spanning if len({run for _, run in launches[k]}) > 1]
        lines.append(f"update: {len(spanning):,} (window, service, cluster)s have rows before and "
                     f"after it; {len(split)} of them changed lineage")
        if not spanning:
            failures.append("update: no cluster has rows from before and after the update: the "
                            "window open at the update had no early rows out yet (a lineage "
                            "starts with a window's first row); update later in a window")
        for k in split[:10]:
            failures.append(f"update: {k} changed lineage: {sorted(launches[k])}")
    if expect_relaunch:
        both = [k for k, v in lineages.items() if len(v) > 1]
        lines.append(f"relaunch: {len(both):,} (window, service)s have rows of two lineages, "
                     "summed by the view")
        if not both:
            failures.append("relaunch: no window has rows of both lineages: the seam was not "
                            "inside a window")
    return lines, failures


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


# A window's on-time firing (every cluster changed) reads its changed rows and its latest rows:
# up to twice what its early firings read. The thirds of a short soak may hold a window's end
# in the last third only, so they compare within twice; the trend over the firings within half.
PEAK_TOLERANCE = 1.0
TREND_TOLERANCE = 0.5
READ_SLACK = 8
DISTRIBUTION = re.compile(r"^(?P<subtask>\d+)\.(?P<name>.+?)=DistributionResult\{sum=(?P<sum>-?\d+),"
                          r"count=(?P<count>\d+),min=(?P<min>-?\d+),max=(?P<max>-?\d+)\}$")


def step_name(metric):
    """`GroupSignatures/LearnAndRollUp/ParMultiDo(LearnAndRollUp).ns_name` -> the step's path."""
    step = metric.rsplit(".", 1)[0]
    return re.sub(r"/ParMultiDo\([^)]*\)$", "", step)


def read_distributions(metrics_path, samples_path):
    """Per step: [(seconds, launch, firings, mean rows per firing or None, largest so far)]."""
    launch_at = {}
    if samples_path and os.path.exists(samples_path):
        with open(samples_path, encoding="utf-8") as f:
            next(f, None)
            for line in f:
                parts = line.split()
                if len(parts) >= 4:
                    launch_at[parts[0]] = parts[3]
    # (step, seconds) -> [sum, count, max] over subtasks and vertices
    totals = collections.defaultdict(lambda: [0, 0, 0])
    launches = {}
    with open(metrics_path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            seconds = parts[0]
            for token in parts[1:]:
                m = DISTRIBUTION.match(token)
                if not m:
                    continue
                t = totals[(step_name(m["name"]), int(seconds))]
                t[0] += int(m["sum"])
                t[1] += int(m["count"])
                t[2] = max(t[2], int(m["max"]))
                launches[int(seconds)] = launch_at.get(seconds, "1")
    series = collections.defaultdict(list)
    previous = {}
    for (step, seconds) in sorted(totals, key=lambda k: (k[0], k[1])):
        total, count, largest = totals[(step, seconds)]
        launch = launches[seconds]
        before = previous.get(step)
        # Metrics start at zero with each launch (a savepoint does not keep them).
        if before is None or before[0] != launch or count < before[2]:
            before = (launch, 0, 0)
        firings = count - before[2]
        mean = (total - before[1]) / firings if firings > 0 else None
        series[step].append((seconds, launch, firings, mean, largest))
        previous[step] = (launch, total, count)
    return series


def check_reads(series):
    failures = []
    for step, points in sorted(series.items()):
        fired = [p for p in points if p[3] is not None]
        if len(fired) < 6:
            failures.append(f"reads per firing: {step}: only {len(fired)} samples with firings, need 6")
            continue
        third = len(fired) // 3
        # Against everything before the last third, not the middle third alone: a third of a
        # short soak may hold no window's end. The state starts empty, so the first third can
        # only lower the reference.
        before, last = fired[:2 * third], fired[2 * third:]
        for label, i in (("mean rows read per firing", 3), ("largest firing's rows read", 4)):
            m, l = max(p[i] for p in before), max(p[i] for p in last)
            if l > m * (1 + PEAK_TOLERANCE) + READ_SLACK:
                failures.append(f"reads per firing: {step}: {label} grew: first two thirds' max "
                                f"{m:.1f}, last third max {l:.1f}")
        # The interval means against the firings counted so far in the run.
        run_firings, xs = 0, []
        for p in fired:
            run_firings += p[2]
            xs.append(run_firings)
        xs, ys = xs[third:], [p[3] for p in fired[third:]]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        var = sum((x - mx) ** 2 for x in xs)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var if var else 0.0
        rise = slope * (max(xs) - min(xs))
        if rise > my * TREND_TOLERANCE + READ_SLACK:
            failures.append(f"reads per firing: {step}: grows with the firings: +{rise:.1f} rows "
                            f"per firing over {max(xs) - min(xs):,} firings (mean {my:.1f})")
    return failures


def print_reads(series):
    steps = sorted(series)
    print("\nState read per firing (`post_aggregation_rows_read_per_firing`, subtasks added up): "
          "firings in the interval / mean rows read per firing in it / largest firing so far "
          "in the launch")
    print()
    print("| Seconds | Launch | " + " | ".join(f"`{s}`" for s in steps) + " |")
    print("|---:|---:|" + "---:|" * len(steps))
    rows = collections.defaultdict(dict)
    for step in steps:
        for seconds, launch, firings, mean, largest in series[step]:
            rows[(seconds, launch)][step] = (f"{firings} / {mean:.1f} / {largest}"
                                             if mean is not None else f"0 / – / {largest}")
    for (seconds, launch), cells in sorted(rows.items()):
        print(f"| {seconds} | {launch} | " + " | ".join(cells.get(s, "") for s in steps) + " |")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--output", action="append", required=True,
                   help="a launch's --output folder, in launch order (repeat for each launch)")
    p.add_argument("--expected", required=True, help="gardener synthetic-counts output")
    p.add_argument("--gc-log", action="append", required=True, help="each launch's GC log")
    p.add_argument("--samples", help="seconds / CPU s / RSS MiB / launch samples")
    p.add_argument("--summary", action="append", default=[], help="each launch's stdout")
    p.add_argument("--update-time", help="when the job was stopped for an update (RFC 3339, UTC)")
    p.add_argument("--expect-relaunch", action="store_true")
    p.add_argument("--events", help="what happened mid-run, one line each")
    p.add_argument("--metrics", help="per-sample state-read-per-firing metrics, if any")
    p.add_argument("--expect-reads", action="store_true",
                   help="fail when --metrics holds no state-read-per-firing distribution")
    p.add_argument("--entries", type=int, required=True)
    p.add_argument("--load", help="file with the load average before the run")
    p.add_argument("--config", default="")
    a = p.parse_args()

    rows = read_rows(a.output)
    table, failures = check_counts(rows, a.expected, a.summary, a.entries)
    keys, emitted, reemit_failures = check_reemits(rows)
    failures += reemit_failures
    seam_lines, seam_failures = check_seams(rows, a.update_time, a.expect_relaunch)
    failures += seam_failures
    heaps = [read_heap(log) for log in a.gc_log]
    live = [sample for launch_live, _ in heaps for sample in launch_live]
    young_peak = max(peak for _, peak in heaps)
    failures += check_heap(heaps[-1][0])
    series = {}
    if a.metrics and os.path.exists(a.metrics):
        series = read_distributions(a.metrics, a.samples)
        failures += check_reads(series)
    if a.expect_reads and not series:
        failures.append("reads per firing: no post_aggregation_rows_read_per_firing distribution "
                        "was sampled")

    print(f"Soak: {a.config}")
    if a.load:
        print(open(a.load, encoding="utf-8").read().strip().replace("soak: ", ""))
    if a.events and os.path.exists(a.events):
        print(open(a.events, encoding="utf-8").read().strip())
    for line in seam_lines:
        print(line)
    print(f"lineages (run_id): {len({r.get('run_id') for r in rows})}; launches: {len(a.output)}")
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
    print("| Seconds | Launch | Live heap MiB (after forced full GC) | CPU s (process) | RSS MiB |")
    print("|---:|---:|---:|---:|---:|")
    samples = []
    if a.samples and os.path.exists(a.samples):
        with open(a.samples, encoding="utf-8") as f:
            next(f, None)
            samples = [(line.split() + ["1"])[:4] for line in f if line.strip()]
    for i, (t, v) in enumerate(live):
        secs, cpu, rss, launch = samples[i] if i < len(samples) else (f"{t:.0f}", "", "", "")
        print(f"| {secs} | {launch} | {v:.0f} | {cpu} | {rss} |")
    print(f"\nlargest heap occupancy seen before any collection: {young_peak:.0f} MiB")
    if samples:
        # Each launch is its own process: its last sample is its CPU so far.
        last = {}
        for _, cpu, _, launch in samples:
            last[launch] = float(cpu)
        cpu = sum(last.values())
        print(f"CPU seconds up to the last samples: {cpu:.0f} "
              f"({cpu * 1e6 / max(1, a.entries):.0f} CPU-us per entry generated)")
    if series:
        print_reads(series)
    elif a.metrics and os.path.exists(a.metrics) and os.path.getsize(a.metrics):
        print("\nMetrics per sample (no distribution among them):")
        print(open(a.metrics, encoding="utf-8").read().strip())
    print()
    if failures:
        print(f"FAILED ({len(failures)}):")
        for f in failures[:50]:
            print("  " + f)
        sys.exit(1)
    print("PASSED: counts exact against the generator through the view's rules, no row re-emitted "
          "unchanged, emit_seq unbroken per lineage, heap flat"
          + (", state read per firing flat" if series else ""))


if __name__ == "__main__":
    main()
