#!/usr/bin/env bash
# Launches (or, with --update, updates in place) the Log Gardener streaming job from the Flex
# Template built by scripts/build-flex-template.sh, with the resources scripts/setup-gcp.sh made.
#
# usage: scripts/run-flex-template.sh [--dry-run] [--update] [--project=P] [--region=us-central1]
#          [--job=log-gardener] [--subscription=log-gardener] [--dataset=log_gardener]
#          [--bucket=P-log-gardener] [--service-account=log-gardener-job]
#          [--max-workers=5] [--transform-name-mappings=JSON] [--parameter=NAME=VALUE ...]
#
#   --update                   replace the running job of the same name, keeping its state;
#                              step names are stable, so only renamed steps need a mapping
#   --transform-name-mappings  e.g. '{"OldStep":"NewStep"}' for --update after a rename
#   --parameter                any other template parameter (templates/flex-template-metadata.json)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib/common.sh
. "$ROOT/scripts/lib/common.sh"

usage() {
  sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

PROJECT=""
REGION="us-central1"
JOB="log-gardener"
SUBSCRIPTION="log-gardener"
DATASET="log_gardener"
BUCKET=""
SERVICE_ACCOUNT="log-gardener-job"
MAX_WORKERS="5"
UPDATE=0
MAPPINGS=""
EXTRA=()
for arg in "$@"; do
  case "$arg" in
    --dry-run) DRY_RUN=1 ;;
    --update) UPDATE=1 ;;
    --project=*) PROJECT="${arg#*=}" ;;
    --region=*) REGION="${arg#*=}" ;;
    --job=*) JOB="${arg#*=}" ;;
    --subscription=*) SUBSCRIPTION="${arg#*=}" ;;
    --dataset=*) DATASET="${arg#*=}" ;;
    --bucket=*) BUCKET="${arg#*=}" ;;
    --service-account=*) SERVICE_ACCOUNT="${arg#*=}" ;;
    --max-workers=*) MAX_WORKERS="${arg#*=}" ;;
    --transform-name-mappings=*) MAPPINGS="${arg#*=}" ;;
    --parameter=*) EXTRA+=("${arg#*=}") ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument: $arg (see --help)" ;;
  esac
done
[ -n "$PROJECT" ] || PROJECT="$(default_project)"
[ -n "$PROJECT" ] || die "no project: pass --project=PROJECT"
[ -n "$BUCKET" ] || BUCKET="${PROJECT}-log-gardener"

# '^~^' makes '~' the separator, so values may contain commas.
PARAMS="^~^inputSubscription=projects/$PROJECT/subscriptions/$SUBSCRIPTION"
PARAMS+="~outputTable=$PROJECT:$DATASET.clusters"
PARAMS+="~deadLetterTable=$PROJECT:$DATASET.dead_letters"
PARAMS+="~output=gs://$BUCKET/log-gardener"
for p in "${EXTRA[@]+"${EXTRA[@]}"}"; do
  PARAMS+="~$p"
done

cmd=(gcloud dataflow flex-template run "$JOB"
  --project="$PROJECT"
  --region="$REGION"
  --template-file-gcs-location="gs://$BUCKET/templates/log-gardener.json"
  --service-account-email="$SERVICE_ACCOUNT@$PROJECT.iam.gserviceaccount.com"
  --staging-location="gs://$BUCKET/staging"
  --temp-location="gs://$BUCKET/tmp"
  --enable-streaming-engine
  --max-workers="$MAX_WORKERS"
  --parameters="$PARAMS")
if [ "$UPDATE" = "1" ]; then
  cmd+=(--update)
  [ -z "$MAPPINGS" ] || cmd+=(--transform-name-mappings="$MAPPINGS")
fi
run "${cmd[@]}"
