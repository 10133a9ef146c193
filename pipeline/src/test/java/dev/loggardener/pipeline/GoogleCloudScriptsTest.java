package dev.loggardener.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The Google Cloud scripts run for real against stand-ins for gcloud, bq and friends that record
 * every call ({@link FakeCloudSdk}): what they ask Google Cloud for on a fresh project is what a
 * fresh project needs, and the launch scripts pass each option in the form its tool takes.
 */
public class GoogleCloudScriptsTest {
  static final String SA = "serviceAccount:log-gardener-job@acme-prod.iam.gserviceaccount.com";

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  FakeCloudSdk freshProject() throws Exception {
    return new FakeCloudSdk(tmp.getRoot().toPath(), false);
  }

  String setUp(FakeCloudSdk sdk, Map<String, String> env) throws Exception {
    return sdk.run(env, "setup-gcp.sh", "--project=acme-prod");
  }

  static String flag(List<String> call, String name) {
    return call.stream()
        .filter(a -> a.startsWith(name + "="))
        .findFirst()
        .map(a -> a.substring(name.length() + 1))
        .orElse(null);
  }

  @Test
  public void setupEnablesCloudBuildAndSecretManager() throws Exception {
    FakeCloudSdk sdk = freshProject();
    setUp(sdk, Map.of());
    assertThat(
        sdk.call("gcloud", "services", "enable"),
        hasItems(
            "cloudbuild.googleapis.com",
            "secretmanager.googleapis.com",
            "artifactregistry.googleapis.com",
            "dataflow.googleapis.com"));
  }

  @Test
  public void theSubscriptionNeverExpires() throws Exception {
    FakeCloudSdk sdk = freshProject();
    setUp(sdk, Map.of());
    assertThat(
        sdk.call("gcloud", "pubsub", "subscriptions", "create"),
        hasItem("--expiration-period=never"));
  }

  @Test
  public void anExistingSubscriptionIsMadeNeverToExpire() throws Exception {
    FakeCloudSdk sdk = new FakeCloudSdk(tmp.getRoot().toPath(), true);
    setUp(sdk, Map.of());
    assertThat(sdk.calls("gcloud", "pubsub", "subscriptions", "create"), is(empty()));
    assertThat(
        sdk.call("gcloud", "pubsub", "subscriptions", "update"),
        hasItems("log-gardener", "--expiration-period=never"));
  }

  @Test
  public void theSinkFilterLeavesOutTheJobsOwnDataflowLogs() throws Exception {
    FakeCloudSdk sdk = freshProject();
    setUp(sdk, Map.of());
    String filter = flag(sdk.call("gcloud", "logging", "sinks", "create"), "--log-filter");
    assertThat(filter, endsWith(" AND NOT resource.type=\"dataflow_step\""));
    assertThat(filter, containsString("(severity>=WARNING OR "));
  }

  @Test
  public void theJobAccountMayPullTheTemplateImage() throws Exception {
    FakeCloudSdk sdk = freshProject();
    setUp(sdk, Map.of());
    assertThat(
        sdk.calls("gcloud", "artifacts", "repositories", "add-iam-policy-binding"),
        hasItem(
            hasItems(
                "log-gardener",
                "--location=us-central1",
                "--project=acme-prod",
                "--member=" + SA,
                "--role=roles/artifactregistry.reader")));
  }

  @Test
  public void theJobAccountMayRunTheHistorySeedQuery() throws Exception {
    FakeCloudSdk sdk = freshProject();
    setUp(sdk, Map.of());
    assertThat(
        sdk.calls("gcloud", "projects", "add-iam-policy-binding"),
        hasItem(hasItems("acme-prod", "--member=" + SA, "--role=roles/bigquery.jobUser")));
  }

  @Test
  public void cloudBuildsAccountMayPushTheTemplateImageReadItsSourcesAndLog() throws Exception {
    FakeCloudSdk sdk = freshProject();
    setUp(sdk, Map.of());
    String build =
        "--member=serviceAccount:"
            + FakeCloudSdk.PROJECT_NUMBER
            + "-compute@developer.gserviceaccount.com";
    assertThat(
        sdk.calls("gcloud", "artifacts", "repositories", "add-iam-policy-binding"),
        hasItem(hasItems("log-gardener", build, "--role=roles/artifactregistry.writer")));
    assertThat(
        sdk.calls("gcloud", "projects", "add-iam-policy-binding"),
        hasItem(hasItems("acme-prod", build, "--role=roles/storage.objectViewer")));
    assertThat(
        sdk.calls("gcloud", "projects", "add-iam-policy-binding"),
        hasItem(hasItems("acme-prod", build, "--role=roles/logging.logWriter")));
  }

  @Test
  public void theTokenSecretIsCreatedFilledFromTheEnvironmentAndReadableByTheJob()
      throws Exception {
    FakeCloudSdk sdk = freshProject();
    String out = setUp(sdk, Map.of("GITHUB_TOKEN", "ghp_s3cretTokenValue0123456789"));
    assertThat(
        sdk.call("gcloud", "secrets", "create"),
        hasItems("github-token", "--project=acme-prod", "--replication-policy=automatic"));
    assertThat(
        sdk.call("gcloud", "secrets", "versions", "add"),
        hasItems("github-token", "--data-file=-", "<stdin>ghp_s3cretTokenValue0123456789"));
    assertThat(
        sdk.call("gcloud", "secrets", "add-iam-policy-binding"),
        hasItems("github-token", "--member=" + SA, "--role=roles/secretmanager.secretAccessor"));
    assertThat("the token is never printed", out, not(containsString("s3cretToken")));
    for (List<String> call : sdk.calls()) {
      assertThat(
          "the token is never an argument",
          String.join(
              " ",
              call.subList(
                  0, call.size() - (call.get(call.size() - 1).startsWith("<stdin>") ? 1 : 0))),
          not(containsString("s3cretToken")));
    }
  }

  @Test
  public void withoutATokenTheSecretIsCreatedEmptyAndTheScriptSaysHowToFillIt() throws Exception {
    FakeCloudSdk sdk = freshProject();
    String out = setUp(sdk, Map.of());
    assertThat(sdk.calls("gcloud", "secrets", "create"), not(empty()));
    assertThat(sdk.calls("gcloud", "secrets", "versions", "add"), is(empty()));
    assertThat(out, containsString("gcloud secrets versions add github-token"));
    assertThat(sdk.calls("gcloud", "secrets", "add-iam-policy-binding"), not(empty()));
  }

  @Test
  public void thePartitionExpiryReachesTheDdl() throws Exception {
    FakeCloudSdk sdk = freshProject();
    String out =
        sdk.run(Map.of(), "setup-gcp.sh", "--project=acme-prod", "--partition-expiration-days=90");
    assertThat(
        out,
        containsString(
            "ALTER TABLE `acme-prod.log_gardener.clusters` SET OPTIONS(require_partition_filter=TRUE,"
                + " partition_expiration_days=90);"));
  }

  @Test
  public void theTemplateLaunchPassesMappingsAsGcloudTakesThem() throws Exception {
    FakeCloudSdk sdk = freshProject();
    sdk.run(
        Map.of(),
        "run-flex-template.sh",
        "--project=acme-prod",
        "--update",
        "--transform-name-mappings={\"OldStep\":\"NewStep\",\"Old/Inner\":\"New/Inner\"}");
    assertThat(
        sdk.call("gcloud", "dataflow", "flex-template", "run"),
        hasItems("--update", "--transform-name-mappings=OldStep=NewStep,Old/Inner=New/Inner"));
  }

  @Test
  public void theTemplateLaunchTakesGcloudsMappingFormAsItIs() throws Exception {
    FakeCloudSdk sdk = freshProject();
    sdk.run(
        Map.of(),
        "run-flex-template.sh",
        "--project=acme-prod",
        "--update",
        "--transform-name-mappings=OldStep=NewStep");
    assertThat(
        sdk.call("gcloud", "dataflow", "flex-template", "run"),
        hasItem("--transform-name-mappings=OldStep=NewStep"));
  }

  @Test
  public void theTemplateLaunchRunsOnAPrivateSubnetwork() throws Exception {
    FakeCloudSdk sdk = freshProject();
    sdk.run(
        Map.of(),
        "run-flex-template.sh",
        "--project=acme-prod",
        "--network=corp-vpc",
        "--subnetwork=dataflow-subnet",
        "--disable-public-ips");
    assertThat(
        sdk.call("gcloud", "dataflow", "flex-template", "run"),
        hasItems(
            "--network=corp-vpc",
            "--subnetwork=regions/us-central1/subnetworks/dataflow-subnet",
            "--disable-public-ips"));
  }

  @Test
  public void aBackfillPassesItsDeclaredCoverageToTheBatchTemplate() throws Exception {
    FakeCloudSdk sdk = freshProject();
    sdk.run(
        Map.of(),
        "run-flex-template.sh",
        "--project=acme-prod",
        "--backfill=gs://acme-logs/exports/2026-12-01/*.json",
        "--coverage=2026-12-01T00:00Z/2026-12-02T00:00Z");
    List<String> call = sdk.call("gcloud", "dataflow", "flex-template", "run");
    assertThat(
        flag(call, "--template-file-gcs-location"),
        is("gs://acme-prod-log-gardener/templates/log-gardener-batch.json"));
    assertThat(
        flag(call, "--parameters"),
        containsString("~backfillCoverage=2026-12-01T00:00Z/2026-12-02T00:00Z~"));
  }

  @Test
  public void theJarLaunchPassesMappingsAsBeamTakesThem() throws Exception {
    FakeCloudSdk sdk = freshProject();
    sdk.run(
        Map.of(),
        "deploy-dataflow.sh",
        "--project=acme-prod",
        "--update",
        "--transform-name-mappings=OldStep=NewStep,A=B");
    assertThat(
        sdk.call("java", "-jar"),
        hasItems("--update", "--transformNameMapping={\"OldStep\":\"NewStep\",\"A\":\"B\"}"));
  }

  @Test
  public void theJarLaunchRunsOnAPrivateSubnetwork() throws Exception {
    FakeCloudSdk sdk = freshProject();
    sdk.run(
        Map.of(),
        "deploy-dataflow.sh",
        "--project=acme-prod",
        "--network=corp-vpc",
        "--subnetwork=https://www.googleapis.com/compute/v1/projects/acme-prod/regions/us-central1/subnetworks/s",
        "--disable-public-ips");
    assertThat(
        sdk.call("java", "-jar"),
        hasItems(
            "--network=corp-vpc",
            "--subnetwork=https://www.googleapis.com/compute/v1/projects/acme-prod/regions/us-central1/subnetworks/s",
            "--usePublicIps=false"));
  }
}
