#!/usr/bin/env bash
# Shows that a change to the redactor or the signer is a pure refactor: the working tree and
# revision REV must redact and sign every message of a corpus identically (redacted text, id
# and template), so a speed change cannot move a signature id silently.
#
#   scripts/signature-equivalence.sh [REV] [--corpus FILE] [--mutations N] [--keep DIR]
#
# REV defaults to HEAD. Without --corpus, scripts/signature-corpus.py writes one (Loghub-2k
# messages when ../shared/bench/loghub-2k exists, the test fixtures, N mutations, 300000 by
# default). REV is built in a scratch worktree; the working tree's benchmarks jar runs
# SignerDump for both builds, with REV's classes first on the class path. Exits 1 and prints the
# first differing lines when the outputs differ. Extra Maven flags: MVN_FLAGS (e.g. -o).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REV=HEAD
CORPUS=""
MUTATIONS=300000
KEEP=""
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) CORPUS="$2"; shift 2 ;;
    --mutations) MUTATIONS="$2"; shift 2 ;;
    --keep) KEEP="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    -*) echo "unknown option: $1" >&2; exit 2 ;;
    *) REV="$1"; shift ;;
  esac
done

WORK="$(mktemp -d)"
OLD="$WORK/rev"
# shellcheck disable=SC2317 # called by the trap
cleanup() {
  git -C "$ROOT" worktree remove --force "$OLD" >/dev/null 2>&1 || true
  if [ -n "$KEEP" ]; then
    mkdir -p "$KEEP"
    cp "$WORK"/*.tsv "$KEEP"/ 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# shellcheck disable=SC2086 # MVN_FLAGS is a list of flags
build() { (cd "$1" && shift && mvn -B -q ${MVN_FLAGS:-} "$@"); }

echo "building $REV in a scratch worktree"
git -C "$ROOT" worktree add --detach -q "$OLD" "$REV"
build "$OLD" -pl transforms -am compile
echo "building the working tree"
build "$ROOT" -Pbench -pl benchmarks -am package -DskipTests
JAR="$ROOT/benchmarks/target/benchmarks.jar"

if [ -z "$CORPUS" ]; then
  CORPUS="$WORK/corpus.txt"
  python3 "$ROOT/scripts/signature-corpus.py" "$CORPUS" --mutations "$MUTATIONS"
fi

java -cp "$OLD/transforms/target/classes:$JAR" dev.loggardener.benchmarks.SignerDump "$CORPUS" "$WORK/rev.tsv"
java -cp "$JAR" dev.loggardener.benchmarks.SignerDump "$CORPUS" "$WORK/tree.tsv"

lines="$(wc -l <"$WORK/tree.tsv")"
if cmp -s "$WORK/rev.tsv" "$WORK/tree.tsv"; then
  echo "identical: $lines messages redacted and signed the same by $REV and the working tree"
  exit 0
fi
differ="$(awk 'NR == FNR { a[FNR] = $0; next } a[FNR] != $0 { c++ } END { print c + 0 }' "$WORK/rev.tsv" "$WORK/tree.tsv")"
echo "DIFFERENT: $differ of $lines messages differ between $REV (<) and the working tree (>); first ones:"
diff "$WORK/rev.tsv" "$WORK/tree.tsv" | head -n 20 || true
exit 1
