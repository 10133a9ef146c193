#!/usr/bin/env python3
"""The Drain3 side of scripts/bench-drain3.sh, and the corpus both sides read.

    drain3-bench.py corpus OUT [--lines N] [DATA ...]
        Writes N lines (1,000,000 by default): the Content column of every training CSV in DATA
        (default: ../shared/bench/loghub-2k and ../shared/bench/realworld-train next to the
        repository, 15 systems, 30,000 messages), one message per line with line breaks turned
        into spaces as grouping_accuracy.py does, repeated in the same order until N lines.
    drain3-bench.py mine [--drain3 DIR] < lines > keys
        Feeds every input line to Drain3's TemplateMiner() with its default configuration
        (add_log_message per line, as its README shows) and prints the cluster id of each line,
        one per line: one output line per input line, like `gardener signature --learn`. Also the
        --cmd for grouping_accuracy.py run.
    drain3-bench.py compare CORPUS --runs R -- NAME=COMMAND ...
        Runs each shell COMMAND with CORPUS on stdin and its output to /dev/null, R rounds, the
        commands interleaved within a round so both meet the same machine load. Prints each run's
        wall time, CPU time (user + system of the whole process tree, from wait4) and the load
        average before it, then per command the median and best wall time, the median CPU time,
        lines/s by each, and the ratio of every command to the last one.

Drain3 is not bundled and not needed by the build or CI. DIR (or DRAIN3_PATH) names a directory
holding the `drain3` package, for a checkout of https://github.com/logpai/Drain3 or a
`pip install --target DIR drain3`; without it, an installed drain3 is used. Drain3 needs
`cachetools` and `jsonpickle` (pip, or Debian's python3-cachetools and python3-jsonpickle for
/usr/bin/python3).
"""
import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DATA = [
    os.path.join(ROOT, "..", "shared", "bench", "loghub-2k"),
    os.path.join(ROOT, "..", "shared", "bench", "realworld-train"),
]
HOW_TO_GET = """Drain3 is not importable. Either
  pip install drain3                                  (then run with that python)
or, where PyPI is not reachable, a checkout of its source with its two dependencies:
  git clone https://github.com/logpai/Drain3 /some/dir   (the drain3/ package is all it needs)
  apt-get install python3-cachetools python3-jsonpickle  (Debian; then DRAIN3_PYTHON=/usr/bin/python3)
and give the directory that holds drain3/ with --drain3 DIR or DRAIN3_PATH=DIR."""


def read_messages(data):
    """Every message of the training CSVs, as the evaluator feeds them (one per line)."""
    bench = os.path.dirname(os.path.abspath(data[0]))
    sys.path.insert(0, bench)
    try:
        import grouping_accuracy as ga  # the evaluator's own CSV reading and line rule
    finally:
        sys.path.pop(0)
    messages = []
    for path in ga.expand_data_args(data):
        contents, _, _ = ga.load_ground_truth(path)
        messages.extend(ga.to_input_line(c) for c in contents)
    return messages


def cmd_corpus(args):
    data = args.data or [d for d in DEFAULT_DATA if os.path.isdir(d)]
    if not data:
        sys.exit("drain3-bench.py: no training data (give the CSV directories)")
    messages = read_messages(data)
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        for i in range(args.lines):
            out.write(messages[i % len(messages)])
            out.write("\n")
    print(f"{args.out}: {args.lines} lines from {len(messages)} messages", file=sys.stderr)


def cmd_mine(args):
    path = args.drain3 or os.environ.get("DRAIN3_PATH", "")
    if path:
        sys.path.insert(0, path)
    try:
        from drain3 import TemplateMiner
    except ImportError as e:
        sys.exit(f"{e}\n{HOW_TO_GET}")
    import logging

    # TemplateMiner() logs a warning when drain3.ini is missing; the defaults are what we want
    logging.getLogger("drain3").setLevel(logging.ERROR)
    miner = TemplateMiner()
    out = sys.stdout
    write = out.write
    add = miner.add_log_message
    for line in sys.stdin:
        write(f"{add(line.rstrip(chr(10)))['cluster_id']}\n")
    out.flush()


def run_once(command, corpus):
    """Wall seconds and CPU seconds (user + system, children included) of one shell command."""
    import subprocess
    import time

    with open(corpus, "rb") as stdin, open(os.devnull, "wb") as stdout:
        t0 = time.perf_counter()
        proc = subprocess.Popen(["/bin/sh", "-c", command], stdin=stdin, stdout=stdout)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"drain3-bench.py: exit {proc.returncode}: {command}")
    return wall, usage.ru_utime + usage.ru_stime


def cmd_compare(args):
    import statistics

    named = []
    for item in args.commands:
        name, sep, command = item.partition("=")
        if not sep:
            sys.exit(f"drain3-bench.py: NAME=COMMAND expected, not {item!r}")
        named.append((name, command))
    with open(args.corpus, "rb") as f:
        lines = sum(1 for _ in f)
    runs = {name: [] for name, _ in named}
    print(f"{lines:,} lines; {args.runs} rounds, commands interleaved; {os.cpu_count()} CPUs")
    print(f"{'run':<16} {'load1':>6} {'wall s':>8} {'cpu s':>8}")
    for r in range(args.runs):
        for name, command in named:
            load = os.getloadavg()[0]
            wall, cpu = run_once(command, args.corpus)
            runs[name].append((wall, cpu, load))
            print(f"{name + '#' + str(r + 1):<16} {load:>6.2f} {wall:>8.2f} {cpu:>8.2f}", flush=True)
    print()
    print(f"{'command':<12} {'median wall':>11} {'lines/s':>10} {'best wall':>9} {'lines/s':>10}"
          f" {'median cpu':>10} {'lines/s':>10}")
    summary = {}
    for name, _ in named:
        walls = [w for w, _, _ in runs[name]]
        cpus = [c for _, c, _ in runs[name]]
        s = (statistics.median(walls), min(walls), statistics.median(cpus))
        summary[name] = s
        print(f"{name:<12} {s[0]:>11.2f} {lines / s[0]:>10,.0f} {s[1]:>9.2f} {lines / s[1]:>10,.0f}"
              f" {s[2]:>10.2f} {lines / s[2]:>10,.0f}")
    base_name = named[-1][0]
    base = summary[base_name]
    for name, _ in named[:-1]:
        s = summary[name]
        print(f"{name} / {base_name}: {base[0] / s[0]:.2f}x by median wall, "
              f"{base[1] / s[1]:.2f}x by best wall, {base[2] / s[2]:.2f}x by median CPU")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("corpus")
    c.add_argument("out")
    c.add_argument("--lines", type=int, default=1_000_000)
    c.add_argument("data", nargs="*")
    m = sub.add_parser("mine")
    m.add_argument("--drain3", default="")
    k = sub.add_parser("compare")
    k.add_argument("corpus")
    k.add_argument("--runs", type=int, default=5)
    k.add_argument("commands", nargs="+")
    args = p.parse_args()
    {"corpus": cmd_corpus, "mine": cmd_mine, "compare": cmd_compare}[args.cmd](args)


if __name__ == "__main__":
    main()
