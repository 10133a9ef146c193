#!/usr/bin/env python3
"""Writes a corpus of log messages for checking that a change to the redactor or the signer is a
pure refactor (see scripts/signature-equivalence.sh): real messages and many mutations of them
that reach the corners of the code, such as secrets, e-mail addresses, card numbers, URLs, paths,
dotted names, stack traces, odd spaces and non-ASCII text.

    scripts/signature-corpus.py OUT [--loghub DIR] [--mutations N] [--seed S]

Seeds: the Content column of every Loghub-2k CSV in DIR (default ../shared/bench/loghub-2k next
to the repository; skipped when missing), the golden-file messages and the stack-trace fixtures
of the signature tests. One message per line; a backslash, line feed, carriage return and tab are
written as \\\\ \\n \\r \\t. The same seed gives the same corpus on the same Python version.
Python 3 standard library only.
"""
import argparse
import csv
import glob
import os
import random
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "transforms", "src", "test", "resources", "signature")

# Fragments that trigger a rule somewhere: redaction, masking, code names, paths, traces.
INSERTS = [
    "password=hunter2", "Password: Sup3rS3cret!", "passwd='x y'", "PWD=1", "pwd",
    "api_key=AIzaSyA1234567890abcdefghijklmnopqrstu", "x-api-key: 0123456789abcdef",
    "token: abcdEFGH1234", "refresh token: connection refused", "access_token=ya29.a0AfH6SM",
    "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcdefghij",
    "bearer\tabcdefgh1234", "BEARER abc", "Authorization: Basic dXNlcjpwYXNz",
    "AKIAIOSFODNN7EXAMPLE", "ASIAIOSFODNN7EXAMPL", "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
    "github_pat_abcdefghijklmnopqrstuv12345", "xoxb-1234567890-abcdef", "sk_live_abcdefghij1234",
    "k_test_12345", "eyJabcde.fghijkl", "\"secret\": \"s3cr3t-value\"", "'secret': 'v'",
    "session_id='abc123def'", "Session: 30546173_4261722401", "cookie: sid=abcdef123456; path=/",
    "privateKey=abc", "credentials: XyZ12345678", "accessKey=1", "auth=", "authentication failure;",
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\n-----END RSA PRIVATE KEY-----",
    "-----BEGIN PRIVATE KEY----- cut", "user john.doe@example.com logged in", "x@y.co", "@@@",
    "a@b", "user=bob@mail.example.org", "https://user:pa55@host.example.com/path?q=1&token=abc",
    "http://10.0.0.1:8080/a/b?x=1#frag", "s3://bucket/key", "mailto:a@b.example.org",
    "card 4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "1234567890123",
    "2222 3333 4444 5555 666", "5555-555555-55555", "blk_-1608999687919862906",
    "GET /v1/orders/123 HTTP/1.1", "\"POST /api/v2/x?y=3 HTTP/1.0\"", "PUT /v2beta1/things/ab12",
    "at 10:42:13 on Mon Jan 5", "Tue, 03 Jun 2008 12:00:00 GMT", "took 450 ms", "size 12 MiB",
    "5 sec", "rhost=10.0.0.1  user=root", "user admin failed", "user is unknown", "client_ip=1.2.3.4",
    "file=/var/log/x.log", "C:\\Windows\\System32\\foo.dll", "./rel/path.txt", "../up/x", "/a/b/",
    "log4j k8s i18n v2beta1 V3alpha v10", "java.lang.NullPointerException: x",
    "psycopg2.OperationalError", "com.example.Foo$Bar.run", "() [] \"\"", "exit()", "f(x) = []",
    "FF:F2:9F:15:7E:6E", "dsl-059.45.101.203.example.net", "ip-10-0-0-1.ec2.internal", "a.b.c.d",
    "threshold........0", "CurrentState:112", "[REDACTED:secret]", "[REDACTED:", "x\ty\r\nz",
    "\u2003\u00a0 wide space", "\t", "  ", "ſecret=x", "ıd=5 aUTH=Zz", "Kelvin \u212a", "naïve café",
    "日本語のログ メッセージ 123", "Ωmega=5 µs", "0x7f3a2b1c", "550e8400-e29b-41d4-a716-446655440000",
    "Traceback (most recent call last):\n  File \"/app/m.py\", line 3, in f\n    g()\nValueError: bad 3",
    "Exception in thread \"main\" java.lang.IllegalStateException: x\n\tat com.a.B.c(B.java:10)\n"
    "\tat java.base/java.lang.Thread.run(Thread.java:833)\nCaused by: java.io.IOException: y\n\t... 3 more",
    "panic: runtime error: index out of range [5] with length 3\n\ngoroutine 1 [running]:\n"
    "main.main()\n\t/app/main.go:12 +0x1d",
    "TypeError: x is not a function\n    at f (/app/a.js:3:7)\n    at node:internal/main:1:1",
]

SPLICE = "=:@./\\\"'()[]{}-_,;#%$~+*&?|<>0123456789aZ \t\n"
ODD = ["é", "ſ", "ı", "\u212a", "中", "\u00a0", "µ", "\u2028", "\u0130", "\U0001F600"]


def loghub_messages(directory):
    out = []
    for path in sorted(glob.glob(os.path.join(directory, "*.csv"))):
        with open(path, encoding="utf-8", newline="") as f:
            rows = csv.reader(f)
            header = next(rows, None)
            if not header or "Content" not in header:
                continue
            col = header.index("Content")
            out.extend(row[col] for row in rows if col < len(row))
    return out


def unescape(s):
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "r": "\r", "t": "\t"}.get(m.group(1), m.group(1)), s)


def escape(s):
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def fixture_messages():
    out = []
    golden = os.path.join(FIXTURES, "golden-input.txt")
    if os.path.exists(golden):
        with open(golden, encoding="utf-8") as f:
            out.extend(unescape(line.rstrip("\n")) for line in f)
    for path in sorted(glob.glob(os.path.join(FIXTURES, "*.txt"))):
        if not path.endswith("golden-input.txt"):
            with open(path, encoding="utf-8") as f:
                out.append(f.read())
    return out


def mutate(rnd, s, seeds):
    for _ in range(rnd.randint(1, 4)):
        r = rnd.random()
        if r < 0.3:
            words = s.split(" ")
            words.insert(rnd.randint(0, len(words)), rnd.choice(INSERTS))
            s = " ".join(words)
        elif r < 0.45:
            i = rnd.randint(0, len(s))
            s = s[:i] + rnd.choice(SPLICE) + s[i:]
        elif r < 0.55 and s:
            i = rnd.randrange(len(s))
            s = s[:i] + s[i + 1:]
        elif r < 0.65:
            s = s.upper() if rnd.random() < 0.5 else s.lower()
        elif r < 0.75:
            s = s + rnd.choice([" ", "\n", "; ", ""]) + rnd.choice(seeds)
        elif r < 0.85:
            s = re.sub(r"\d", lambda m: str(rnd.randint(0, 9)), s)
        elif r < 0.9:
            s = s * rnd.randint(2, 5)
        else:
            i = rnd.randint(0, len(s))
            s = s[:i] + rnd.choice(ODD) + s[i:]
    return s


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out")
    p.add_argument("--loghub", default=os.path.join(ROOT, "..", "shared", "bench", "loghub-2k"))
    p.add_argument("--mutations", type=int, default=300000)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    rnd = random.Random(a.seed)
    seeds = loghub_messages(a.loghub) + fixture_messages()
    with open(a.out, "w", encoding="utf-8", newline="\n") as out:
        for s in seeds + INSERTS:
            out.write(escape(s) + "\n")
        for _ in range(a.mutations):
            out.write(escape(mutate(rnd, rnd.choice(seeds), seeds)) + "\n")
        # long messages: past the normalizer's input limit and the template cap
        for _ in range(200):
            out.write(escape(" ".join(rnd.choice(seeds) for _ in range(rnd.randint(50, 300)))) + "\n")
    print(f"{a.out}: {len(seeds)} seed messages, {a.mutations} mutations")


if __name__ == "__main__":
    main()
