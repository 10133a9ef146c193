#!/usr/bin/env bash
# Creates everything Log Gardener needs on Google Cloud, idempotently (every resource is checked
# before it is created, so re-running is safe and only adds what is missing):
#
#   1. enables the APIs (Dataflow, Pub/Sub, Logging, BigQuery, Storage, IAM, Artifact Registry,
#      Cloud Build for the Flex Template image, Secret Manager for the GitHub token);
#   2. a Pub/Sub topic and a subscription for the job that never expires while the job is down;
#   3. a Log Router sink publishing severity>=WARNING entries, plus error-looking stderr lines
#      (optionally of chosen Cloud Run services only), but never the job's own Dataflow logs, to
#      the topic, and grants its writer identity roles/pubsub.publisher on the topic;
#   4. a BigQuery dataset with the clusters and dead_letters tables and the clusters_latest view
#      (scripts/bigquery/schema.sql, generated from the schema files; re-running adds new columns);
#   5. a Cloud Storage bucket (reports, dead letters, Dataflow staging, the Flex Template);
#   6. an Artifact Registry repository for the Flex Template image;
#   7. a service account for the job with least privilege: roles/dataflow.worker on the project,
#      roles/pubsub.subscriber (+ viewer) on the subscription, roles/bigquery.dataEditor on the
#      dataset, roles/bigquery.jobUser on the project (the history seed's one query at launch),
#      roles/storage.objectAdmin on the bucket, roles/artifactregistry.reader on the repository
#      (the template launcher pulls the image as this account); and for the account Cloud Build
#      runs the Flex Template build as: roles/artifactregistry.writer on the repository (it pushes
#      the image), roles/storage.objectViewer and roles/logging.logWriter on the project (it reads
#      the sources gcloud staged and writes the build log);
#   8. a Secret Manager secret for the GitHub token (its first version read from the variable
#      --github-token-env names, on stdin, never printed) and roles/secretmanager.secretAccessor
#      on it for the service account.
#
# usage: scripts/setup-gcp.sh [--dry-run] [--project=P] [--region=us-central1]
#          [--topic=log-gardener] [--subscription=log-gardener] [--sink=log-gardener]
#          [--dataset=log_gardener] [--bucket=P-log-gardener] [--repository=log-gardener]
#          [--service-account=log-gardener-job] [--services=svc1,svc2]
#          [--github-token-secret=github-token] [--github-token-env=GITHUB_TOKEN]
#          [--partition-expiration-days=400] [--build-service-account=EMAIL]
#
#   --dry-run   print every command (and every check) without running anything
#   --services  only route entries of these Cloud Run services (default: every resource)
#   --github-token-secret  the secret's name; the job reads
#               projects/P/secrets/NAME/versions/latest (--githubTokenSecret)
#   --github-token-env     environment variable holding the token for the secret's first
#               version; unset leaves the secret empty (add one later, see the README)
#   --partition-expiration-days  drop table partitions older than this; 0 keeps them forever
#   --build-service-account  the account Cloud Build runs as (default: the project's Compute
#               Engine default account, Cloud Build's default on projects created since 2024; older
#               projects use PROJECT_NUMBER@cloudbuild.gserviceaccount.com)
#   --help      this text
#
# Needs gcloud and bq (Google Cloud SDK), logged in as someone who may create these resources.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib/common.sh
. "$ROOT/scripts/lib/common.sh"

usage() {
  sed -n '2,46p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
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
TOKEN_SECRET="github-token"
TOKEN_ENV="GITHUB_TOKEN"
EXPIRATION_DAYS="400"
BUILD_SA=""

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
    --github-token-secret=*) TOKEN_SECRET="${arg#*=}" ;;
    --github-token-env=*) TOKEN_ENV="${arg#*=}" ;;
    --partition-expiration-days=*) EXPIRATION_DAYS="${arg#*=}" ;;
    --build-service-account=*) BUILD_SA="${arg#*=}" ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument: $arg (see --help)" ;;
  esac
done

[ -n "$PROJECT" ] || PROJECT="$(default_project)"
[ -n "$PROJECT" ] || die "no project: pass --project=PROJECT"
[ -n "$BUCKET" ] || BUCKET="${PROJECT}-log-gardener"
[[ "$TOKEN_ENV" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "--github-token-env must name a variable"
[[ "$EXPIRATION_DAYS" =~ ^[0-9]+$ ]] || die "--partition-expiration-days must be a number (0: never)"
SA_EMAIL="${SERVICE_ACCOUNT}@${PROJECT}.iam.gserviceaccount.com"
SA_MEMBER="serviceAccount:${SA_EMAIL}"
TOPIC_PATH="projects/${PROJECT}/topics/${TOPIC}"

# What the sink routes: everything at WARNING or above, plus severity-less lines on stderr (or in
# textPayload) that look like errors. The pipeline applies the exact rule again; this filter only
# keeps the volume (and the Pub/Sub bill) down. The job's own Dataflow logs are left out: a
# warning the job logs would come back to it as input, and every report about it would log more.
log_filter() {
  local filter='(severity>=WARNING OR (severity=DEFAULT AND (logName:"stderr" OR textPayload:*) AND (textPayload:"Traceback" OR textPayload:"Error" OR textPayload:"Exception" OR textPayload:"panic:" OR textPayload:"fatal error:" OR textPayload:"FATAL" OR textPayload:"CRITICAL" OR textPayload:"Uncaught"))) AND NOT resource.type="dataflow_step"'
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
  iam.googleapis.com artifactregistry.googleapis.com compute.googleapis.com \
  cloudbuild.googleapis.com secretmanager.googleapis.com --project="$PROJECT"

say "2. Pub/Sub topic and subscription"
if ! exists gcloud pubsub topics describe "$TOPIC" --project="$PROJECT"; then
  run gcloud pubsub topics create "$TOPIC" --project="$PROJECT"
fi
# A subscription expires after 31 days without a subscriber by default: a job stopped for a month
# would come back to nothing. Never expire; an existing one is brought in step.
if exists gcloud pubsub subscriptions describe "$SUBSCRIPTION" --project="$PROJECT"; then
  run gcloud pubsub subscriptions update "$SUBSCRIPTION" --project="$PROJECT" \
    --expiration-period=never
else
  run gcloud pubsub subscriptions create "$SUBSCRIPTION" --topic="$TOPIC" --project="$PROJECT" \
    --ack-deadline=60 --message-retention-duration=7d --expiration-period=never
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
EXPIRATION="$EXPIRATION_DAYS"
[ "$EXPIRATION_DAYS" != "0" ] || EXPIRATION="NULL"
DDL="$(sed -e "s/@PROJECT@/$PROJECT/g" -e "s/@DATASET@/$DATASET/g" \
  -e "s/partition_expiration_days=400/partition_expiration_days=$EXPIRATION/g" \
  "$ROOT/scripts/bigquery/schema.sql")"
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
# At launch the job reads its history seed from clusters_latest with one query: a query is a
# job, and running one needs bigquery.jobs.create in the project (the dataset grant above covers
# reading the view and its table).
run gcloud projects add-iam-policy-binding "$PROJECT" --member="$SA_MEMBER" \
  --role=roles/bigquery.jobUser --condition=None
run gcloud storage buckets add-iam-policy-binding "gs://$BUCKET" --member="$SA_MEMBER" \
  --role=roles/storage.objectAdmin
# The Flex Template launcher runs as this account and pulls the template image.
run gcloud artifacts repositories add-iam-policy-binding "$REPOSITORY" --location="$REGION" \
  --project="$PROJECT" --member="$SA_MEMBER" --role=roles/artifactregistry.reader
# scripts/build-flex-template.sh has Cloud Build build and push the launcher image. On projects
# where default accounts get no automatic grants (the default for new organizations), the build
# account has none of these.
if [ -z "$BUILD_SA" ]; then
  echo "+ NUMBER=\"\$(gcloud projects describe $PROJECT --format='value(projectNumber)')\""
  if [ "$DRY_RUN" = "1" ]; then
    # A placeholder for the printed command; it reads the variable set by the line above.
    # shellcheck disable=SC2016
    BUILD_SA='$NUMBER-compute@developer.gserviceaccount.com'
  else
    BUILD_SA="$(gcloud projects describe "$PROJECT" --format='value(projectNumber)')-compute@developer.gserviceaccount.com"
  fi
fi
BUILD_MEMBER="serviceAccount:${BUILD_SA}"
run gcloud artifacts repositories add-iam-policy-binding "$REPOSITORY" --location="$REGION" \
  --project="$PROJECT" --member="$BUILD_MEMBER" --role=roles/artifactregistry.writer
run gcloud projects add-iam-policy-binding "$PROJECT" --member="$BUILD_MEMBER" \
  --role=roles/storage.objectViewer --condition=None
run gcloud projects add-iam-policy-binding "$PROJECT" --member="$BUILD_MEMBER" \
  --role=roles/logging.logWriter --condition=None

say "8. Secret Manager secret for the GitHub token"
if ! exists gcloud secrets describe "$TOKEN_SECRET" --project="$PROJECT"; then
  run gcloud secrets create "$TOKEN_SECRET" --project="$PROJECT" --replication-policy=automatic
fi
if exists gcloud secrets versions describe latest --secret="$TOKEN_SECRET" --project="$PROJECT"; then
  say "Secret $TOKEN_SECRET has a version; a new token: gcloud secrets versions add $TOKEN_SECRET --data-file=-"
elif [ -n "${!TOKEN_ENV:-}" ]; then
  # The token goes to gcloud on stdin: it is never printed, nor on a command line that ps shows.
  echo "+ printf '%s' \"\$$TOKEN_ENV\" | $(quote gcloud secrets versions add "$TOKEN_SECRET" --project="$PROJECT" --data-file=-)"
  if [ "$DRY_RUN" != "1" ]; then
    printf '%s' "${!TOKEN_ENV}" |
      gcloud secrets versions add "$TOKEN_SECRET" --project="$PROJECT" --data-file=- >/dev/null
  fi
else
  say "\$$TOKEN_ENV is not set, so $TOKEN_SECRET has no version yet; to file issues, add one:"
  say "  printf '%s' \"\$$TOKEN_ENV\" | gcloud secrets versions add $TOKEN_SECRET --project=$PROJECT --data-file=-"
fi
run gcloud secrets add-iam-policy-binding "$TOKEN_SECRET" --project="$PROJECT" \
  --member="$SA_MEMBER" --role=roles/secretmanager.secretAccessor

say "Done. Next: scripts/build-flex-template.sh --project=$PROJECT --region=$REGION"
