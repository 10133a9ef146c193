#!/usr/bin/env bash
# Helpers shared by the Google Cloud scripts: every command that changes something goes through
# `run`, so `--dry-run` prints exactly what would run, and every check through `exists`, so a
# re-run skips what is already there.

DRY_RUN="${DRY_RUN:-0}"

# The arguments as one line a shell reads back the same: plain words as they are, anything else
# in single quotes.
quote() {
  local out="" arg plain='^[A-Za-z0-9_./:=@,+%$-]+$'
  for arg in "$@"; do
    if [[ "$arg" =~ $plain ]]; then
      out+="$arg "
    else
      out+="'${arg//\'/\'\\\'\'}' "
    fi
  done
  echo "${out% }"
}

# Prints a command, quoted so it can be copied, then runs it unless DRY_RUN=1.
run() {
  echo "+ $(quote "$@")"
  if [ "$DRY_RUN" != "1" ]; then
    "$@"
  fi
}

# True when the describe-style command succeeds. In a dry run nothing is queried: the check is
# printed and the resource treated as missing, so the create command is printed too.
exists() {
  if [ "$DRY_RUN" = "1" ]; then
    echo "# check: $(quote "$@")"
    return 1
  fi
  "$@" >/dev/null 2>&1
}

say() {
  echo "== $*"
}

die() {
  echo "error: $*" >&2
  exit 2
}

# The project from --project, else GOOGLE_CLOUD_PROJECT, else gcloud's configuration.
default_project() {
  if [ -n "${GOOGLE_CLOUD_PROJECT:-}" ]; then
    echo "$GOOGLE_CLOUD_PROJECT"
  elif command -v gcloud >/dev/null 2>&1; then
    gcloud config get-value project 2>/dev/null || true
  fi
}
