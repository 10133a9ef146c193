#!/usr/bin/env python3
"""Leave-one-system-out grouping accuracy of the signature and the learning stage.

    scripts/signature-cross.py EVALUATOR BENCH_DIR [BENCH_DIR ...] [--gardener PATH] [--stateless]

Every system of every BENCH_DIR is scored as if it had never been seen, against the others:

- Rules. For every rule of the normalizer (NormalizerRule, switched off with the JVM property
  gardener.signature.off), finds the systems whose stateless templates it changes: the systems
  that "exercise" it. A system is scored with every rule that only it exercises switched off.
- Thresholds. The learning stage lists its settings and the values each may take
  (`gardener signature --list-settings`, set with the JVM property gardener.grouping.NAME).
  The candidate configurations are the defaults and each single setting moved to one of its
  other values. A system is scored with the configuration whose average of GA and FGA over all
  the OTHER systems is best (ties: the defaults, then the order listed), so no threshold is
  chosen on the system it is scored on.

The in-sample figure is the configuration the pipeline ships (defaults, every rule on). The gap
between the two is what fitting to the visible systems is worth.

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


def run(gardener, args, off, settings, contents, ev):
    env = dict(os.environ)
    opts = env.get("GARDENER_JAVA_OPTS", "")
    if off:
        opts += " -Dgardener.signature.off=" + ",".join(sorted(off))
    for name, value in settings:
        opts += " -Dgardener.grouping.%s=%s" % (name, value)
    env["GARDENER_JAVA_OPTS"] = opts.strip()
    payload = "".join(ev.to_input_line(c) + "\n" for c in contents).encode("utf-8")
    proc = subprocess.run([gardener, "signature"] + args, input=payload,
                          stdout=subprocess.PIPE, env=env, check=True)
    return ev.split_key_lines(proc.stdout)


def lines_of(gardener, arg):
    out = subprocess.run([gardener, "signature", arg], stdout=subprocess.PIPE,
                         check=True, stdin=subprocess.DEVNULL)
    return [l for l in out.stdout.decode().split("\n") if l]


def configurations(gardener):
    """The defaults, then each setting alone moved to each of its other candidate values."""
    configs = [()]
    for line in lines_of(gardener, "--list-settings"):
        name, default, candidates = line.split("\t")
        for v in candidates.split(","):
            if v != default:
                configs.append(((name, v),))
    return configs


def label(config):
    return ", ".join("%s=%s" % kv for kv in config) or "defaults"


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("evaluator")
    p.add_argument("bench", nargs="+")
    p.add_argument("--gardener", default=os.path.join(os.path.dirname(__file__), "gardener"))
    p.add_argument("--stateless", action="store_true",
                   help="score the signer alone instead of the signer and the learning stage")
    a = p.parse_args(argv)
    ev = load_evaluator(a.evaluator)
    data = {}
    for f in ev.expand_data_args(a.bench):
        contents, truth, _ = ev.load_ground_truth(f)
        data[ev.dataset_name(f)] = (contents, truth)
    systems = sorted(data)
    rules = lines_of(a.gardener, "--list-rules")

    # Which systems exercise each rule: the stateless templates change when it is off.
    base = {s: run(a.gardener, [], set(), (), data[s][0], ev) for s in systems}
    exercised = {}
    for r in rules:
        exercised[r] = [s for s in systems
                        if run(a.gardener, [], {r}, (), data[s][0], ev) != base[s]]
        print("rule %-16s exercised by %s" % (r, ", ".join(exercised[r]) or "none"),
              file=sys.stderr)
    own = {s: sorted(r for r in rules if exercised[r] == [s]) for s in systems}

    mode = [] if a.stateless else ["--learn"]
    configs = [()] if a.stateless else configurations(a.gardener)

    def score(s, off, config):
        contents, truth = data[s]
        return ev.score_dataset(truth, run(a.gardener, mode, off, config, contents, ev), s,
                                "gardener")

    # Every configuration on every system with every rule on: what the choice is made from.
    full = {}
    for c in configs:
        for s in systems:
            full[(c, s)] = score(s, set(), c)
        print("config %-40s GA %.4f FGA %.4f" % (
            label(c), sum(full[(c, s)]["GA"] for s in systems) / len(systems),
            sum(full[(c, s)]["FGA"] for s in systems) / len(systems)), file=sys.stderr)

    def merit(c, others):
        return sum(full[(c, t)]["GA"] + full[(c, t)]["FGA"] for t in others)

    rows = []
    for s in systems:
        others = [t for t in systems if t != s]
        best = configs[0]
        for c in configs[1:]:
            if merit(c, others) > merit(best, others) + 1e-9:
                best = c
        cross = score(s, set(own[s]), best) if own[s] or best else full[(best, s)]
        # the rules' part alone: own rules off, the shipped thresholds
        rules_only = score(s, set(own[s]), ()) if own[s] else full[((), s)]
        rows.append((s, full[((), s)], cross, own[s], best, rules_only))

    what = "signer alone" if a.stateless else "signer + learning stage (--learn)"
    print("Leave-one-system-out grouping accuracy, %s, %d systems" % (what, len(systems)))
    print("in-sample: every rule on, the shipped thresholds; rules off: the rules only this "
          "system exercises switched off; cross: rules off and the thresholds chosen on the "
          "other systems")
    print("%-12s %6s %6s %6s %9s %9s %9s %9s  %s" % (
        "system", "groups", "GA", "FGA", "GA(off)", "FGA(off)", "GA(cross)", "FGA(cross)",
        "switched off; thresholds chosen on the others"))
    for s, f, c, o, best, r in rows:
        print("%-12s %6d %6.4f %6.4f %9.4f %9.4f %9.4f %9.4f  %s; %s" % (
            s, f["true_groups"] if "true_groups" in f else 0, f["GA"], f["FGA"], r["GA"],
            r["FGA"], c["GA"], c["FGA"], ", ".join(o) or "-", label(best)))
    n = len(rows)
    print("%-12s %6s %6.4f %6.4f %9.4f %9.4f %9.4f %9.4f" % (
        "AVERAGE", "", sum(r[1]["GA"] for r in rows) / n, sum(r[1]["FGA"] for r in rows) / n,
        sum(r[5]["GA"] for r in rows) / n, sum(r[5]["FGA"] for r in rows) / n,
        sum(r[2]["GA"] for r in rows) / n, sum(r[2]["FGA"] for r in rows) / n))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as e:
        print("signature-cross: %s failed with status %d" % (e.cmd, e.returncode), file=sys.stderr)
        sys.exit(1)
