#!/usr/bin/env bash
# Launches (or, with --update, updates in place) the Log Gardener streaming job from the Flex
# Template built by scripts/build-flex-template.sh, with the resources scripts/setup-gcp.sh made.
#
# usage: scripts/run-flex-template.sh [--dry-run] [--update] [--project=P] [--region=us-central1]
#          [--job=log-gardener] [--subscription=log-gardener] [--dataset=log_gardener]
#          [--bucket=P-log-gardener] [--service-account=log-gardener-job]
#          [--max-workers=5] [--transform-name-mappings=Old=New,...] [--network=VPC]
#          [--subnetwork=SUBNET] [--disable-public-ips] [--parameter=NAME=VALUE ...]
#          [--backfill=gs://BUCKET/exports/*.json [--coverage=START/END]]
#
#   --update                   replace the running job of the same name, keeping its state;
#                              step names are stable, so only renamed steps need a mapping
#   --transform-name-mappings  OldStep=NewStep[,...] (or the JSON '{"OldStep":"NewStep"}') for
#                              --update after a rename
#   --network, --subnetwork    the VPC and subnetwork of the workers (a bare subnetwork name
#                              means regions/REGION/subnetworks/NAME)
#   --disable-public-ips       workers get private IPs only (the subnetwork needs Private Google
#                              Access to reach Pub/Sub, BigQuery and Cloud Storage)
#   --parameter                any other template parameter (templates/flex-template-metadata.json)
#   --backfill                 run the batch template over these log exports instead (a
#                              backfill: its rows replace the stream's for the windows it reads;
#                              job name log-gardener-backfill-TIME unless --job is given)
#   --coverage                 with --backfill: the range START/END (ISO 8601, end excluded,
#                              e.g. 2026-12-01T00:00Z/2026-12-02T00:00Z) the exports hold
#                              completely; only windows inside it replace the stream's rows,
#                              windows held in part are left out (parameter backfillCoverage)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib/common.sh
. "$ROOT/scripts/lib/common.sh"

usage() {
  sed -n '2,27p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
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
NETWORK=""
SUBNETWORK=""
PUBLIC_IPS=1
EXTRA=()
BACKFILL=""
COVERAGE=""
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
    --network=*) NETWORK="${arg#*=}" ;;
    --subnetwork=*) SUBNETWORK="${arg#*=}" ;;
    --disable-public-ips) PUBLIC_IPS=0 ;;
    --parameter=*) EXTRA+=("${arg#*=}") ;;
    --backfill=*) BACKFILL="${arg#*=}" ;;
    --coverage=*) COVERAGE="${arg#*=}" ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument: $arg (see --help)" ;;
  esac
done
[ -n "$PROJECT" ] || PROJECT="$(default_project)"
[ -n "$PROJECT" ] || die "no project: pass --project=PROJECT"
[ -n "$BUCKET" ] || BUCKET="${PROJECT}-log-gardener"
# Checked here, in this shell: a bad mapping stops the script before anything is launched.
[ -z "$MAPPINGS" ] || mapping_pairs "$MAPPINGS" >/dev/null

# '^~^' makes '~' the separator, so values may contain commas.
if [ -n "$BACKFILL" ]; then
  [ "$UPDATE" = "0" ] || die "--update replaces the streaming job; a backfill is a batch job of its own"
  [[ "$BACKFILL" == gs://?*/?* ]] || die "--backfill takes a gs:// file, folder or glob of log exports"
  [ "$JOB" != "log-gardener" ] || JOB="log-gardener-backfill-$(date -u +%Y%m%d-%H%M%S)"
  TEMPLATE="log-gardener-batch.json"
  PARAMS="^~^input=$BACKFILL"
  if [ -n "$COVERAGE" ]; then
    [[ "$COVERAGE" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2})/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2})$ ]] ||
      die "--coverage takes START/END in ISO 8601 with a zone, e.g. 2026-12-01T00:00Z/2026-12-02T00:00Z"
    PARAMS+="~backfillCoverage=$COVERAGE"
  fi
else
  [ -z "$COVERAGE" ] || die "--coverage declares what a --backfill export holds; a stream has none"
  TEMPLATE="log-gardener.json"
  PARAMS="^~^inputSubscription=projects/$PROJECT/subscriptions/$SUBSCRIPTION"
fi
PARAMS+="~outputTable=$PROJECT:$DATASET.clusters"
PARAMS+="~deadLetterTable=$PROJECT:$DATASET.dead_letters"
PARAMS+="~output=gs://$BUCKET/log-gardener"
for p in "${EXTRA[@]+"${EXTRA[@]}"}"; do
  PARAMS+="~$p"
done

cmd=(gcloud dataflow flex-template run "$JOB"
  --project="$PROJECT"
  --region="$REGION"
  --template-file-gcs-location="gs://$BUCKET/templates/$TEMPLATE"
  --service-account-email="$SERVICE_ACCOUNT@$PROJECT.iam.gserviceaccount.com"
  --staging-location="gs://$BUCKET/staging"
  --temp-location="gs://$BUCKET/tmp"
  --max-workers="$MAX_WORKERS"
  --parameters="$PARAMS")
[ -n "$BACKFILL" ] || cmd+=(--enable-streaming-engine)
[ -z "$NETWORK" ] || cmd+=(--network="$NETWORK")
[ -z "$SUBNETWORK" ] || cmd+=(--subnetwork="$(subnetwork_path "$SUBNETWORK" "$REGION")")
[ "$PUBLIC_IPS" = "1" ] || cmd+=(--disable-public-ips)
if [ "$UPDATE" = "1" ]; then
  cmd+=(--update)
  # gcloud takes Old=New,...; the JSON form this script documented before is converted.
  [ -z "$MAPPINGS" ] || cmd+=(--transform-name-mappings="$(mappings_for_gcloud "$MAPPINGS")")
fi
run "${cmd[@]}"
