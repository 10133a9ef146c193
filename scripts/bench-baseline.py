#!/usr/bin/env python3
"""The Python baseline of scripts/bench.sh: what a short script does with an NDJSON export.

json parse of every line, severity filter (WARNING and above), the message (jsonPayload.message,
else textPayload), digits masked (no Drain3: a regex), and a count per (service, masked message).
One process, one core, standard library only. Prints entries, kept and distinct templates.

    scripts/bench-baseline.py EXPORT.ndjson
"""
import json
import re
import sys

RANK = {"DEFAULT": 0, "DEBUG": 100, "INFO": 200, "NOTICE": 300, "WARNING": 400, "ERROR": 500,
        "CRITICAL": 600, "ALERT": 700, "EMERGENCY": 800}
DIGITS = re.compile(r"\d+")


def main(path):
    counts = {}
    entries = kept = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            entries += 1
            try:
                e = json.loads(line)
            except ValueError:
                continue
            if RANK.get(e.get("severity", "DEFAULT"), 0) < 400:
                continue
            kept += 1
            payload = e.get("jsonPayload") or {}
            message = payload.get("message") if isinstance(payload, dict) else None
            if message is None:
                message = e.get("textPayload", "")
            service = e.get("resource", {}).get("labels", {}).get("service_name", "")
            key = (service, DIGITS.sub("<*>", str(message)))
            counts[key] = counts.get(key, 0) + 1
    print(f"entries {entries} kept {kept} templates {len(counts)}")


if __name__ == "__main__":
    main(sys.argv[1])
