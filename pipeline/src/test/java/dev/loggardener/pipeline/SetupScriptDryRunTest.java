package dev.loggardener.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * {@code scripts/setup-gcp.sh --dry-run} prints every command a platform engineer will run, and
 * those commands create what the job needs; no command runs (no gcloud is needed here).
 */
public class SetupScriptDryRunTest {
  static String run(String script, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", "../scripts/" + script));
    cmd.addAll(Arrays.asList(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).directory(new File(".")).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat("finished", p.waitFor(60, TimeUnit.SECONDS), is(true));
    assertThat(out, p.exitValue(), is(0));
    return out;
  }

  @Test
  public void setupDryRunPrintsEveryStep() throws Exception {
    String out = run("setup-gcp.sh", "--dry-run", "--project=acme-prod", "--services=orders-api");
    for (String expected :
        List.of(
            "+ gcloud services enable dataflow.googleapis.com pubsub.googleapis.com",
            "+ gcloud pubsub topics create log-gardener --project=acme-prod",
            "+ gcloud pubsub subscriptions create log-gardener --topic=log-gardener",
            "+ gcloud logging sinks create log-gardener pubsub.googleapis.com/projects/acme-prod/topics/log-gardener",
            "severity>=WARNING OR (severity=DEFAULT AND (logName:\"stderr\"",
            "resource.labels.service_name=(\"orders-api\")",
            "--member=$WRITER --role=roles/pubsub.publisher",
            "+ bq --project_id=acme-prod --location=us-central1 mk --dataset",
            "CREATE TABLE IF NOT EXISTS `acme-prod.log_gardener.clusters`",
            "CREATE OR REPLACE VIEW `acme-prod.log_gardener.clusters_latest`",
            "CREATE TABLE IF NOT EXISTS `acme-prod.log_gardener.dead_letters`",
            "+ gcloud storage buckets create gs://acme-prod-log-gardener",
            "+ gcloud iam service-accounts create log-gardener-job --project=acme-prod",
            "add-iam-policy-binding acme-prod --member=serviceAccount:log-gardener-job@acme-prod.iam.gserviceaccount.com --role=roles/dataflow.worker",
            "subscriptions add-iam-policy-binding log-gardener --project=acme-prod --member=serviceAccount:log-gardener-job@acme-prod.iam.gserviceaccount.com --role=roles/pubsub.subscriber",
            "GRANT `roles/bigquery.dataEditor` ON SCHEMA `acme-prod.log_gardener`",
            "buckets add-iam-policy-binding gs://acme-prod-log-gardener --member=serviceAccount:log-gardener-job@acme-prod.iam.gserviceaccount.com --role=roles/storage.objectAdmin")) {
      assertThat(out, containsString(expected));
    }
    assertThat("placeholders filled in", out, not(containsString("@PROJECT@")));
  }

  @Test
  public void everyCreateIsPrecededByACheck() throws Exception {
    String out = run("setup-gcp.sh", "--dry-run", "--project=acme-prod");
    String[] lines = out.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].matches("\\+ (gcloud|bq) .*(create|mk) .*")) {
        assertThat(lines[i], lines[i - 1], containsString("# check: "));
      }
    }
  }

  @Test
  public void launchScriptsDryRunPrintTheirCommands() throws Exception {
    assertThat(
        run("build-flex-template.sh", "--dry-run", "--project=acme-prod", "--tag=t1"),
        containsString(
            "+ gcloud dataflow flex-template build gs://acme-prod-log-gardener/templates/log-gardener.json"
                + " --project=acme-prod --image-gcr-path=us-central1-docker.pkg.dev/acme-prod/log-gardener/log-gardener:t1"
                + " --sdk-language=JAVA"));
    assertThat(
        run("run-flex-template.sh", "--dry-run", "--project=acme-prod", "--update"),
        containsString("--enable-streaming-engine"));
    assertThat(
        run(
            "deploy-dataflow.sh",
            "--dry-run",
            "--project=acme-prod",
            "--update",
            "--transform-name-mappings={\"A\":\"B\"}"),
        containsString("--update '--transformNameMapping={\"A\":\"B\"}'"));
  }

  @Test
  public void helpIsPrinted() throws Exception {
    assertThat(run("setup-gcp.sh", "--help"), containsString("usage: scripts/setup-gcp.sh"));
  }
}
