#!/usr/bin/env bash
# Creates everything Log Gardener needs on Google Cloud, idempotently (every resource is checked
# before it is created, so re-running is safe and only adds what is missing):
#
#   1. enables the APIs (Dataflow, Pub/Sub, Logging, BigQuery, Storage, IAM, Artifact Registry);
#   2. a Pub/Sub topic and a subscription for the job;
#   3. a Log Router sink publishing severity>=WARNING entries, plus error-looking stderr lines
#      (optionally of chosen Cloud Run services only), to the topic, and grants its writer
#      identity roles/pubsub.publisher on the topic;
#   4. a BigQuery dataset with the clusters and dead_letters tables and the clusters_latest view
#      (scripts/bigquery/schema.sql, generated from the schema files; re-running adds new columns);
#   5. a Cloud Storage bucket (reports, dead letters, Dataflow staging, the Flex Template);
#   6. an Artifact Registry repository for the Flex Template image;
#   7. a service account for the job with least privilege: roles/dataflow.worker on the project,
#      roles/pubsub.subscriber (+ viewer) on the subscription, roles/bigquery.dataEditor on the
#      dataset, roles/storage.objectAdmin on the bucket.
#
# usage: scripts/setup-gcp.sh [--dry-run] [--project=P] [--region=us-central1]
#          [--topic=log-gardener] [--subscription=log-gardener] [--sink=log-gardener]
#          [--dataset=log_gardener] [--bucket=P-log-gardener] [--repository=log-gardener]
#          [--service-account=log-gardener-job] [--services=svc1,svc2]
#
#   --dry-run   print every command (and every check) without running anything
#   --services  only route entries of these Cloud Run services (default: every resource)
#   --help      this text
#
# Needs gcloud and bq (Google Cloud SDK), logged in as someone who may create these resources.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib/common.sh
. "$ROOT/scripts/lib/common.sh"

usage() {
  sed -n '2,29p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

PROJECT=""
REGION="us-central1"
TOPIC="log-gardener"
SUBSCRIPTION="log-gardener"
SINK="log-gardener"
DATASET="log_gardener"
BUCKET=""
REPOSITORY="log-gardener"
SERVICE_ACCOUNT="log-gardener-job"
SERVICES=""

for arg in "$@"; do
  case "$arg" in
    --dry-run) DRY_RUN=1 ;;
    --project=*) PROJECT="${arg#*=}" ;;
    --region=*) REGION="${arg#*=}" ;;
    --topic=*) TOPIC="${arg#*=}" ;;
    --subscription=*) SUBSCRIPTION="${arg#*=}" ;;
    --sink=*) SINK="${arg#*=}" ;;
    --dataset=*) DATASET="${arg#*=}" ;;
    --bucket=*) BUCKET="${arg#*=}" ;;
    --repository=*) REPOSITORY="${arg#*=}" ;;
    --service-account=*) SERVICE_ACCOUNT="${arg#*=}" ;;
    --services=*) SERVICES="${arg#*=}" ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument: $arg (see --help)" ;;
  esac
done

[ -n "$PROJECT" ] || PROJECT="$(default_project)"
[ -n "$PROJECT" ] || die "no project: pass --project=PROJECT"
[ -n "$BUCKET" ] || BUCKET="${PROJECT}-log-gardener"
SA_EMAIL="${SERVICE_ACCOUNT}@${PROJECT}.iam.gserviceaccount.com"
SA_MEMBER="serviceAccount:${SA_EMAIL}"
TOPIC_PATH="projects/${PROJECT}/topics/${TOPIC}"

# What the sink routes: everything at WARNING or above, plus severity-less lines on stderr (or in
# textPayload) that look like errors. The pipeline applies the exact rule again; this filter only
# keeps the volume (and the Pub/Sub bill) down.
log_filter() {
  local filter='(severity>=WARNING OR (severity=DEFAULT AND (logName:"stderr" OR textPayload:*) AND (textPayload:"Traceback" OR textPayload:"Error" OR textPayload:"Exception" OR textPayload:"panic:" OR textPayload:"fatal error:" OR textPayload:"FATAL" OR textPayload:"CRITICAL" OR textPayload:"Uncaught")))'
  if [ -n "$SERVICES" ]; then
    local list="" svc
    IFS=',' read -r -a svcs <<<"$SERVICES"
    for svc in "${svcs[@]}"; do
      list="${list:+$list OR }\"$svc\""
    done
    filter="$filter AND resource.labels.service_name=($list)"
  fi
  echo "$filter"
}

say "Project $PROJECT, region $REGION"
[ "$DRY_RUN" != "1" ] || say "Dry run: commands are printed, nothing is changed"

say "1. APIs"
run gcloud services enable dataflow.googleapis.com pubsub.googleapis.com logging.googleapis.com \
  bigquery.googleapis.com bigquerystorage.googleapis.com storage.googleapis.com \
  iam.googleapis.com artifactregistry.googleapis.com compute.googleapis.com --project="$PROJECT"

say "2. Pub/Sub topic and subscription"
if ! exists gcloud pubsub topics describe "$TOPIC" --project="$PROJECT"; then
  run gcloud pubsub topics create "$TOPIC" --project="$PROJECT"
fi
if ! exists gcloud pubsub subscriptions describe "$SUBSCRIPTION" --project="$PROJECT"; then
  run gcloud pubsub subscriptions create "$SUBSCRIPTION" --topic="$TOPIC" --project="$PROJECT" \
    --ack-deadline=60 --message-retention-duration=7d
fi

say "3. Log Router sink to the topic"
FILTER="$(log_filter)"
if exists gcloud logging sinks describe "$SINK" --project="$PROJECT"; then
  # Keeps the filter in step with this script (for example after --services changed).
  run gcloud logging sinks update "$SINK" "pubsub.googleapis.com/$TOPIC_PATH" \
    --log-filter="$FILTER" --project="$PROJECT"
else
  run gcloud logging sinks create "$SINK" "pubsub.googleapis.com/$TOPIC_PATH" \
    --log-filter="$FILTER" --project="$PROJECT"
fi
echo "+ WRITER=\"\$(gcloud logging sinks describe $SINK --project=$PROJECT --format='value(writerIdentity)')\""
if [ "$DRY_RUN" = "1" ]; then
  # A placeholder for the printed command; it reads the variable set by the line above.
  # shellcheck disable=SC2016
  WRITER='$WRITER'
else
  WRITER="$(gcloud logging sinks describe "$SINK" --project="$PROJECT" --format='value(writerIdentity)')"
fi
run gcloud pubsub topics add-iam-policy-binding "$TOPIC" --project="$PROJECT" \
  --member="$WRITER" --role=roles/pubsub.publisher

say "4. BigQuery dataset, tables and view"
if ! exists bq --project_id="$PROJECT" show --dataset "$PROJECT:$DATASET"; then
  run bq --project_id="$PROJECT" --location="$REGION" mk --dataset \
    --description="Log Gardener error clusters" "$PROJECT:$DATASET"
fi
DDL="$(sed -e "s/@PROJECT@/$PROJECT/g" -e "s/@DATASET@/$DATASET/g" "$ROOT/scripts/bigquery/schema.sql")"
echo "+ bq --project_id=$PROJECT --location=$REGION query --use_legacy_sql=false <<'SQL'"
echo "$DDL"
echo "SQL"
if [ "$DRY_RUN" != "1" ]; then
  bq --project_id="$PROJECT" --location="$REGION" query --use_legacy_sql=false <<<"$DDL"
fi

say "5. Cloud Storage bucket"
if ! exists gcloud storage buckets describe "gs://$BUCKET" --project="$PROJECT"; then
  run gcloud storage buckets create "gs://$BUCKET" --project="$PROJECT" --location="$REGION" \
    --uniform-bucket-level-access
fi

say "6. Artifact Registry repository for the Flex Template image"
if ! exists gcloud artifacts repositories describe "$REPOSITORY" --location="$REGION" \
    --project="$PROJECT"; then
  run gcloud artifacts repositories create "$REPOSITORY" --repository-format=docker \
    --location="$REGION" --project="$PROJECT"
fi

say "7. Service account for the job, least privilege"
if ! exists gcloud iam service-accounts describe "$SA_EMAIL" --project="$PROJECT"; then
  run gcloud iam service-accounts create "$SERVICE_ACCOUNT" --project="$PROJECT" \
    --display-name="Log Gardener Dataflow job"
fi
run gcloud projects add-iam-policy-binding "$PROJECT" --member="$SA_MEMBER" \
  --role=roles/dataflow.worker --condition=None
run gcloud pubsub subscriptions add-iam-policy-binding "$SUBSCRIPTION" --project="$PROJECT" \
  --member="$SA_MEMBER" --role=roles/pubsub.subscriber
# Dataflow reads the subscription's configuration before it pulls from it.
run gcloud pubsub subscriptions add-iam-policy-binding "$SUBSCRIPTION" --project="$PROJECT" \
  --member="$SA_MEMBER" --role=roles/pubsub.viewer
GRANT="GRANT \`roles/bigquery.dataEditor\` ON SCHEMA \`$PROJECT.$DATASET\` TO \"$SA_MEMBER\""
run bq --project_id="$PROJECT" --location="$REGION" query --use_legacy_sql=false "$GRANT"
run gcloud storage buckets add-iam-policy-binding "gs://$BUCKET" --member="$SA_MEMBER" \
  --role=roles/storage.objectAdmin

say "Done. Next: scripts/build-flex-template.sh --project=$PROJECT --region=$REGION"
