#!/usr/bin/env python3
"""Whole-run grouping check: does `gardener run` give one cluster per (service, true template)?

    scripts/export-grouping-check.py [EXPORT] [TRUTH] [--gardener PATH] [--output DIR]
        [--tolerance 0.005]

EXPORT and TRUTH default to ../shared/bench/realworld-train/export.json and
export_truth.jsonl next to the repository: a gcloud-style export and, per entry (by insertId), its
service and true template. The check runs the whole pipeline over the export (`gardener run`),
reads the cluster rows it wrote (the latest pane of each (window, service, signature)), and
finds each entry's cluster: its signature id (`gardener signature --format=logentry`, the same
signer) and that signature's group in the rows. A true group is reproduced when one cluster holds
exactly its entries and the rows' counts of that cluster add up to its number of entries.

It prints, per service, the share of entries whose true group is reproduced (GA over the run) and
the F1 of reproduced groups (FGA), beside what the CSV benchmark predicts for the same messages
(`gardener signature --learn`, one window per service, scored by the shared evaluator), and exits
1 when a service's run figure falls short of its prediction by more than the tolerance.
Python 3 standard library only.
"""
import argparse
import collections
import glob
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "..", "shared", "bench")


def latest_rows(out_dir):
    """(window_start, service, signature_id) -> the row of its latest pane."""
    rows = {}
    for path in glob.glob(os.path.join(out_dir, "clusters", "**", "*"), recursive=True):
        if os.path.isdir(path):
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                r = json.loads(line)
                key = (r["window_start"], r["service"], r["signature_id"])
                order = (r.get("emit_seq") or 0, r.get("pane_index") or 0)
                if key not in rows or order >= rows[key][0]:
                    rows[key] = (order, r)
    return {k: v[1] for k, v in rows.items()}


def template_regex(template):
    return re.compile(".+".join(re.escape(part) for part in template.split("<*>")), re.S)


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("export", nargs="?",
                   default=os.path.join(BENCH, "realworld-train", "export.json"))
    p.add_argument("truth", nargs="?",
                   default=os.path.join(BENCH, "realworld-train", "export_truth.jsonl"))
    p.add_argument("--gardener", default=os.path.join(ROOT, "scripts", "gardener"))
    p.add_argument("--output", help="run output folder (default: a temporary one)")
    p.add_argument("--tolerance", type=float, default=0.005)
    a = p.parse_args(argv)

    truth = {}
    with open(a.truth, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                t = json.loads(line)
                truth[t["insertId"]] = (t["service"], t["EventTemplate"])
    with open(a.export, encoding="utf-8") as f:
        entries = json.load(f)

    out = a.output or tempfile.mkdtemp(prefix="gardener-check-")
    subprocess.run([a.gardener, "run", "--input=" + a.export, "--output=" + out,
                    "--progressSeconds=0"], check=True, stdout=sys.stderr)
    rows = latest_rows(out)
    # (service, signature_id) -> cluster; counts per cluster from the rows. A row is a group and
    # names its heaviest member signatures (capped); a signature past the cap is found by the
    # group template of a full row of its service that matches its own template.
    cluster_of = {}
    counted = collections.Counter()
    full = collections.defaultdict(list)
    for (window, service, sig), r in rows.items():
        cluster = (window, service, r.get("group_id") or sig)
        counted[cluster] += r["count"]
        listed = r.get("group_member_ids") or [sig]
        for m in listed:
            cluster_of[(service, m)] = cluster
        if len(listed) >= 20 and r.get("group_template"):
            full[service].append((template_regex(r["group_template"]), cluster))

    payload = "".join(json.dumps(e, separators=(",", ":")) + "\n" for e in entries)
    signed = subprocess.run([a.gardener, "signature", "--format=logentry"],
                            input=payload.encode("utf-8"), stdout=subprocess.PIPE,
                            check=True).stdout.decode("utf-8").split("\n")

    members = collections.defaultdict(list)  # true group -> clusters of its entries
    holds = collections.defaultdict(set)  # cluster -> true groups in it
    for e, line in zip(entries, signed):
        t = truth.get(e.get("insertId"))
        if t is None:
            continue
        sig, _, template = line.partition("\t")
        cluster = cluster_of.get((t[0], sig))
        if cluster is None:
            matching = [c for rx, c in full[t[0]] if rx.fullmatch(template)]
            cluster = matching[0] if len(matching) == 1 else ("unfound", t[0], sig)
        members[t].append(cluster)
        holds[cluster].add(t)

    per_service = collections.defaultdict(lambda: [0, 0, 0, set()])  # entries, right, groups
    for t, clusters in members.items():
        s = per_service[t[0]]
        s[0] += len(clusters)
        s[2] += 1
        one = set(clusters)
        if (len(one) == 1 and holds[clusters[0]] == {t}
                and counted[clusters[0]] == len(clusters)):
            s[1] += len(clusters)
            s[3].add(t)
    predicted_groups = collections.defaultdict(set)
    for c, ts in holds.items():
        for t in ts:
            predicted_groups[t[0]].add(c)

    predicted = predict(a.gardener, entries, truth)
    print("%-12s %7s %7s %7s %9s %9s  %s" % ("service", "entries", "GA", "FGA", "GA(csv)",
                                             "FGA(csv)", "verdict"))
    failed = False
    for service in sorted(per_service):
        n, right, true_groups, exact = per_service[service]
        ga = right / n
        pred = len(predicted_groups[service])
        pga = len(exact) / pred if pred else 0.0
        rga = len(exact) / true_groups if true_groups else 0.0
        fga = 2 * pga * rga / (pga + rga) if pga + rga else 0.0
        csv_ga, csv_fga = predicted.get(service, (float("nan"), float("nan")))
        ok = ga >= csv_ga - a.tolerance and fga >= csv_fga - a.tolerance
        failed |= not ok
        print("%-12s %7d %7.4f %7.4f %9.4f %9.4f  %s" % (service, n, ga, fga, csv_ga, csv_fga,
                                                         "ok" if ok else "SHORT"))
    return 1 if failed else 0


def predict(gardener, entries, truth):
    """Per service, GA and FGA of `signature --learn` over its messages, as the CSV bench runs."""
    spec = importlib.util.spec_from_file_location(
        "grouping_accuracy", os.path.join(BENCH, "grouping_accuracy.py"))
    ev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ev)
    by_service = collections.defaultdict(list)
    for e in entries:
        t = truth.get(e.get("insertId"))
        if t is not None:
            by_service[t[0]].append(e)
    out = {}
    for service, es in by_service.items():
        payload = "".join(json.dumps(e, separators=(",", ":")) + "\n" for e in es)
        keys = subprocess.run([gardener, "signature", "--format=logentry", "--learn"],
                              input=payload.encode("utf-8"), stdout=subprocess.PIPE,
                              check=True).stdout.decode("utf-8").split("\n")[:len(es)]
        r = ev.grouping_scores([truth[e["insertId"]][1] for e in es], keys)
        out[service] = (r["GA"], r["FGA"])
    return out


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
