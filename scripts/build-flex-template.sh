#!/usr/bin/env bash
# Builds the Log Gardener Dataflow Flex Template: packages the bundled jar (unless it is up to
# date), then `gcloud dataflow flex-template build` pushes a launcher image with the jar to
# Artifact Registry and writes the template spec (with templates/flex-template-metadata.json) to
# Cloud Storage. The launcher calls dev.loggardener.pipeline.Main with only --options, which Main
# treats as `run` and submits to Dataflow.
#
# usage: scripts/build-flex-template.sh [--dry-run] [--project=P] [--region=us-central1]
#          [--bucket=P-log-gardener] [--repository=log-gardener] [--tag=YYYYmmdd-HHMMSS]
#
# The template lands at gs://BUCKET/templates/log-gardener.json; the image at
# REGION-docker.pkg.dev/PROJECT/REPOSITORY/log-gardener:TAG.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib/common.sh
. "$ROOT/scripts/lib/common.sh"

usage() {
  sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

PROJECT=""
REGION="us-central1"
BUCKET=""
REPOSITORY="log-gardener"
TAG="$(date -u +%Y%m%d-%H%M%S)"
for arg in "$@"; do
  case "$arg" in
    --dry-run) DRY_RUN=1 ;;
    --project=*) PROJECT="${arg#*=}" ;;
    --region=*) REGION="${arg#*=}" ;;
    --bucket=*) BUCKET="${arg#*=}" ;;
    --repository=*) REPOSITORY="${arg#*=}" ;;
    --tag=*) TAG="${arg#*=}" ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument: $arg (see --help)" ;;
  esac
done
[ -n "$PROJECT" ] || PROJECT="$(default_project)"
[ -n "$PROJECT" ] || die "no project: pass --project=PROJECT"
[ -n "$BUCKET" ] || BUCKET="${PROJECT}-log-gardener"
JAR="$ROOT/pipeline/target/log-gardener-bundled.jar"

if [ ! -f "$JAR" ] || [ "$DRY_RUN" = "1" ]; then
  run mvn -B -q -f "$ROOT/pom.xml" -DskipTests package
fi

run gcloud dataflow flex-template build "gs://$BUCKET/templates/log-gardener.json" \
  --project="$PROJECT" \
  --image-gcr-path="$REGION-docker.pkg.dev/$PROJECT/$REPOSITORY/log-gardener:$TAG" \
  --sdk-language=JAVA \
  --flex-template-base-image=JAVA17 \
  --jar="$JAR" \
  --env=FLEX_TEMPLATE_JAVA_MAIN_CLASS=dev.loggardener.pipeline.Main \
  --metadata-file="$ROOT/templates/flex-template-metadata.json"

say "Template: gs://$BUCKET/templates/log-gardener.json. Next: scripts/run-flex-template.sh"
