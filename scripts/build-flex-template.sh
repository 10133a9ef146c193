#!/usr/bin/env bash
# Builds the Log Gardener Dataflow Flex Templates: packages the bundled jar (unless it is up to
# date), then `gcloud dataflow flex-template build` has Cloud Build push a launcher image with the
# jar to Artifact Registry and writes the streaming template spec (with
# templates/flex-template-metadata.json) to Cloud Storage; a second spec for batch runs over log
# exports (templates/flex-template-batch-metadata.json) points at the same image. The launcher
# calls dev.loggardener.pipeline.Main with only --options, which Main treats as `run` and submits
# to Dataflow.
#
# usage: scripts/build-flex-template.sh [--dry-run] [--project=P] [--region=us-central1]
#          [--bucket=P-log-gardener] [--repository=log-gardener] [--tag=YYYYmmdd-HHMMSS]
#          [--base-image=IMAGE]
#
#   --base-image  the launcher base image, pinned (default below); a floating tag such as
#                 JAVA17 or :latest changes what a rebuild of the same commit ships
#
# The templates land at gs://BUCKET/templates/log-gardener.json and log-gardener-batch.json;
# the image at REGION-docker.pkg.dev/PROJECT/REPOSITORY/log-gardener:TAG. Cloud Build needs the
# roles scripts/setup-gcp.sh grants its account.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib/common.sh
. "$ROOT/scripts/lib/common.sh"

usage() {
  sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

PROJECT=""
REGION="us-central1"
BUCKET=""
REPOSITORY="log-gardener"
TAG="$(date -u +%Y%m%d-%H%M%S)"
# A released Java 17 launcher image, by its dated tag (Dataflow lists them on its "Flex Templates
# base images" page); move it on deliberately, in a commit, after reading the release note.
BASE_IMAGE="gcr.io/dataflow-templates-base/java17-template-launcher-base:20260122_RC00"
for arg in "$@"; do
  case "$arg" in
    --dry-run) DRY_RUN=1 ;;
    --project=*) PROJECT="${arg#*=}" ;;
    --region=*) REGION="${arg#*=}" ;;
    --bucket=*) BUCKET="${arg#*=}" ;;
    --repository=*) REPOSITORY="${arg#*=}" ;;
    --tag=*) TAG="${arg#*=}" ;;
    --base-image=*) BASE_IMAGE="${arg#*=}" ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument: $arg (see --help)" ;;
  esac
done
[ -n "$PROJECT" ] || PROJECT="$(default_project)"
[ -n "$PROJECT" ] || die "no project: pass --project=PROJECT"
[ -n "$BUCKET" ] || BUCKET="${PROJECT}-log-gardener"
case "$BASE_IMAGE" in
  *@sha256:*) ;;
  JAVA*|*:latest|*:*latest*) die "--base-image=$BASE_IMAGE floats: give a dated tag or a digest" ;;
  *:*) ;;
  *) die "--base-image=$BASE_IMAGE has no tag: give a dated tag or a digest" ;;
esac
IMAGE="$REGION-docker.pkg.dev/$PROJECT/$REPOSITORY/log-gardener:$TAG"
JAR="$ROOT/pipeline/target/log-gardener-bundled.jar"

if [ ! -f "$JAR" ] || [ "$DRY_RUN" = "1" ]; then
  run mvn -B -q -f "$ROOT/pom.xml" -DskipTests package
fi

run gcloud dataflow flex-template build "gs://$BUCKET/templates/log-gardener.json" \
  --project="$PROJECT" \
  --image-gcr-path="$IMAGE" \
  --sdk-language=JAVA \
  --flex-template-base-image="$BASE_IMAGE" \
  --jar="$JAR" \
  --env=FLEX_TEMPLATE_JAVA_MAIN_CLASS=dev.loggardener.pipeline.Main \
  --metadata-file="$ROOT/templates/flex-template-metadata.json"

# The batch template: the same image, its own parameters (input instead of the subscription).
run gcloud dataflow flex-template build "gs://$BUCKET/templates/log-gardener-batch.json" \
  --project="$PROJECT" \
  --image="$IMAGE" \
  --sdk-language=JAVA \
  --metadata-file="$ROOT/templates/flex-template-batch-metadata.json"

say "Templates: gs://$BUCKET/templates/log-gardener.json (streaming; next: scripts/run-flex-template.sh)"
say "  and gs://$BUCKET/templates/log-gardener-batch.json (a backfill over exports: gcloud dataflow flex-template run JOB --template-file-gcs-location=... --parameters=input=gs://...,outputTable=...,output=...)"
