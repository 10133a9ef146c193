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

# Transform name mappings for --update, given as gcloud takes them (Old=New,Old2=New2) or as the
# JSON object Beam takes ({"Old":"New"}), the form this script documented first. Prints the
# pairs one per line as "Old<TAB>New"; dies on anything else rather than pass a bad mapping on.
mapping_pairs() {
  local text="$1" pair pairs=() json_pair
  json_pair='^[[:space:]]*"([^"\\]*)"[[:space:]]*:[[:space:]]*"([^"\\]*)"[[:space:]]*$'
  if [[ "$text" =~ ^[[:space:]]*\{(.*)\}[[:space:]]*$ ]]; then
    IFS=',' read -r -a pairs <<<"${BASH_REMATCH[1]}"
    for pair in "${pairs[@]}"; do
      [[ "$pair" =~ $json_pair ]] || die "--transform-name-mappings: cannot read '$pair'"
      printf '%s\t%s\n' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
    done
  else
    IFS=',' read -r -a pairs <<<"$text"
    for pair in "${pairs[@]}"; do
      [[ "$pair" =~ ^([^=]+)=([^=]+)$ ]] ||
        die "--transform-name-mappings: '$pair' is not Old=New"
      printf '%s\t%s\n' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
    done
  fi
}

# The mappings as gcloud's --transform-name-mappings wants them: Old=New,Old2=New2.
mappings_for_gcloud() {
  local old new out=""
  while IFS=$'\t' read -r old new; do
    out+="${out:+,}$old=$new"
  done < <(mapping_pairs "$1")
  echo "$out"
}

# The mappings as Beam's --transformNameMapping wants them: {"Old":"New","Old2":"New2"}.
mappings_for_beam() {
  local old new out=""
  while IFS=$'\t' read -r old new; do
    out+="${out:+,}\"$old\":\"$new\""
  done < <(mapping_pairs "$1")
  echo "{$out}"
}

# A subnetwork as Dataflow takes it: a bare name becomes regions/REGION/subnetworks/NAME; a path
# or URL is kept.
subnetwork_path() {
  local subnetwork="$1" region="$2"
  if [[ "$subnetwork" == */* ]]; then
    echo "$subnetwork"
  else
    echo "regions/$region/subnetworks/$subnetwork"
  fi
}
