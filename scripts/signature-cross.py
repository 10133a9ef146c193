#!/usr/bin/env python3
"""Leave-one-system-out grouping accuracy of the signature.

    scripts/signature-cross.py EVALUATOR BENCH_DIR [--gardener PATH] [--stateless]

For every rule of the normalizer (NormalizerRule, switched off with the JVM property
gardener.signature.off), finds the benchmark systems whose templates it changes: the systems
that "exercise" it. Then scores each system twice with the configuration the pipeline runs
(`gardener signature --learn`, or the signer alone with --stateless): with every rule on, and
with every rule that only that system exercises switched off. A rule fitted to one system lifts
only the first figure; the second is what a system the rules were never tuned on can expect.
The learning stage has one configuration for all systems and is never switched off.

Python 3 standard library only; imports the benchmark's own evaluator for loading and scoring.
"""
import argparse
import importlib.util
import os
import subprocess
import sys


def load_evaluator(path):
    spec = importlib.util.spec_from_file_location("grouping_accuracy", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run(gardener, args, off, contents, ev):
    env = dict(os.environ)
    opts = env.get("GARDENER_JAVA_OPTS", "")
    if off:
        opts = (opts + " -Dgardener.signature.off=" + ",".join(sorted(off))).strip()
    env["GARDENER_JAVA_OPTS"] = opts
    payload = "".join(ev.to_input_line(c) + "\n" for c in contents).encode("utf-8")
    proc = subprocess.run([gardener, "signature"] + args, input=payload,
                          stdout=subprocess.PIPE, env=env, check=True)
    return ev.split_key_lines(proc.stdout)


def rule_names(gardener):
    out = subprocess.run([gardener, "signature", "--list-rules"], stdout=subprocess.PIPE,
                         check=True, stdin=subprocess.DEVNULL)
    return [l for l in out.stdout.decode().split("\n") if l]


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("evaluator")
    p.add_argument("bench")
    p.add_argument("--gardener", default=os.path.join(os.path.dirname(__file__), "gardener"))
    p.add_argument("--stateless", action="store_true",
                   help="score the signer alone instead of the signer and the learning stage")
    a = p.parse_args(argv)
    ev = load_evaluator(a.evaluator)
    files = ev.expand_data_args([a.bench])
    data = {}
    for f in files:
        contents, truth, _ = ev.load_ground_truth(f)
        data[ev.dataset_name(f)] = (contents, truth)
    systems = sorted(data)
    rules = rule_names(a.gardener)

    # Which systems exercise each rule: the stateless templates change when it is off.
    base = {s: run(a.gardener, [], set(), data[s][0], ev) for s in systems}
    exercised = {}
    for r in rules:
        exercised[r] = [s for s in systems
                        if run(a.gardener, [], {r}, data[s][0], ev) != base[s]]
        print("rule %-16s exercised by %s" % (r, ", ".join(exercised[r]) or "none"),
              file=sys.stderr)

    mode = [] if a.stateless else ["--learn"]
    rows = []
    for s in systems:
        contents, truth = data[s]
        own = sorted(r for r in rules if exercised[r] == [s])
        full = ev.score_dataset(truth, run(a.gardener, mode, set(), contents, ev), s, "gardener")
        cross = ev.score_dataset(truth, run(a.gardener, mode, set(own), contents, ev), s,
                                 "gardener")
        rows.append((s, full, cross, own))

    label = "signer alone" if a.stateless else "signer + learning stage (--learn)"
    print("Leave-one-system-out grouping accuracy, %s" % label)
    print("%-12s %7s %7s %9s %9s  %s" % ("system", "GA", "FGA", "GA(cross)", "FGA(cross)",
                                         "rules only it exercises (off in cross)"))
    for s, full, cross, own in rows:
        print("%-12s %7.4f %7.4f %9.4f %9.4f  %s" % (s, full["GA"], full["FGA"], cross["GA"],
                                                    cross["FGA"], ", ".join(own) or "-"))
    n = len(rows)
    print("%-12s %7.4f %7.4f %9.4f %9.4f" % (
        "AVERAGE", sum(r[1]["GA"] for r in rows) / n, sum(r[1]["FGA"] for r in rows) / n,
        sum(r[2]["GA"] for r in rows) / n, sum(r[2]["FGA"] for r in rows) / n))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as e:
        print("signature-cross: %s failed with status %d" % (e.cmd, e.returncode), file=sys.stderr)
        sys.exit(1)
