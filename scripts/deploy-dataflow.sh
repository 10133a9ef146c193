#!/usr/bin/env bash
# Launches (or, with --update, updates in place) the Log Gardener streaming job on Dataflow
# straight from the bundled jar, without a Flex Template: the same pipeline and options, submitted
# from this machine with your credentials. Uses the resources scripts/setup-gcp.sh made.
#
# usage: scripts/deploy-dataflow.sh [--dry-run] [--update] [--project=P] [--region=us-central1]
#          [--job=log-gardener] [--subscription=log-gardener] [--dataset=log_gardener]
#          [--bucket=P-log-gardener] [--service-account=log-gardener-job] [--max-workers=5]
#          [--transform-name-mappings=Old=New,...] [--network=VPC] [--subnetwork=SUBNET]
#          [--disable-public-ips] [-- any other pipeline option]
#
#   --update                   replace the running job of the same name, keeping its state
#   --transform-name-mappings  OldStep=NewStep[,...] (or the JSON '{"OldStep":"NewStep"}') for
#                              --update after a rename
#   --network, --subnetwork    the VPC and subnetwork of the workers (a bare subnetwork name
#                              means regions/REGION/subnetworks/NAME)
#   --disable-public-ips       workers get private IPs only (the subnetwork needs Private Google
#                              Access to reach Pub/Sub, BigQuery and Cloud Storage)
# Stop the job with `gcloud dataflow jobs drain JOB_ID --region=REGION`: draining finishes the
# open windows (their panes are emitted early) instead of dropping buffered data.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib/common.sh
. "$ROOT/scripts/lib/common.sh"

usage() {
  sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
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
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) DRY_RUN=1 ;;
    --update) UPDATE=1 ;;
    --project=*) PROJECT="${1#*=}" ;;
    --region=*) REGION="${1#*=}" ;;
    --job=*) JOB="${1#*=}" ;;
    --subscription=*) SUBSCRIPTION="${1#*=}" ;;
    --dataset=*) DATASET="${1#*=}" ;;
    --bucket=*) BUCKET="${1#*=}" ;;
    --service-account=*) SERVICE_ACCOUNT="${1#*=}" ;;
    --max-workers=*) MAX_WORKERS="${1#*=}" ;;
    --transform-name-mappings=*) MAPPINGS="${1#*=}" ;;
    --network=*) NETWORK="${1#*=}" ;;
    --subnetwork=*) SUBNETWORK="${1#*=}" ;;
    --disable-public-ips) PUBLIC_IPS=0 ;;
    --) shift; EXTRA+=("$@"); break ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
  shift
done
[ -n "$PROJECT" ] || PROJECT="$(default_project)"
[ -n "$PROJECT" ] || die "no project: pass --project=PROJECT"
[ -n "$BUCKET" ] || BUCKET="${PROJECT}-log-gardener"
# Checked here, in this shell: a bad mapping stops the script before anything is launched.
[ -z "$MAPPINGS" ] || mapping_pairs "$MAPPINGS" >/dev/null
JAR="$ROOT/pipeline/target/log-gardener-bundled.jar"

if [ ! -f "$JAR" ] || [ "$DRY_RUN" = "1" ]; then
  run mvn -B -q -f "$ROOT/pom.xml" -DskipTests package
fi

cmd=(java -jar "$JAR" run
  --runner=DataflowRunner
  --project="$PROJECT"
  --region="$REGION"
  --jobName="$JOB"
  --serviceAccount="$SERVICE_ACCOUNT@$PROJECT.iam.gserviceaccount.com"
  --enableStreamingEngine
  --autoscalingAlgorithm=THROUGHPUT_BASED
  --maxNumWorkers="$MAX_WORKERS"
  --tempLocation="gs://$BUCKET/tmp"
  --stagingLocation="gs://$BUCKET/staging"
  --inputSubscription="projects/$PROJECT/subscriptions/$SUBSCRIPTION"
  --outputTable="$PROJECT:$DATASET.clusters"
  --deadLetterTable="$PROJECT:$DATASET.dead_letters"
  --output="gs://$BUCKET/log-gardener")
[ -z "$NETWORK" ] || cmd+=(--network="$NETWORK")
[ -z "$SUBNETWORK" ] || cmd+=(--subnetwork="$(subnetwork_path "$SUBNETWORK" "$REGION")")
[ "$PUBLIC_IPS" = "1" ] || cmd+=(--usePublicIps=false)
if [ "$UPDATE" = "1" ]; then
  cmd+=(--update)
  # Beam reads the mapping as JSON; gcloud's Old=New form is converted.
  [ -z "$MAPPINGS" ] || cmd+=(--transformNameMapping="$(mappings_for_beam "$MAPPINGS")")
fi
run "${cmd[@]}" "${EXTRA[@]+"${EXTRA[@]}"}"
