package dev.loggardener.pipeline.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableReference;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices.DatasetService;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServicesImpl;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;

/**
 * Against a real project, only when asked for: {@code mvn -B -pl pipeline -am test
 * -Dtest=DeployedTablesTest -Dgardener.gcp.project=P [-Dgardener.gcp.dataset=log_gardener]
 * -Dsurefire.failIfNoSpecifiedTests=false} with application-default credentials. Checks that the
 * tables scripts/setup-gcp.sh created have every column of the schema files, which is what the
 * job's CREATE_NEVER writes rely on. Skipped (not failed) without the property.
 */
public class DeployedTablesTest {
  private String project;
  private String dataset;

  @Before
  public void onlyWithAProject() {
    project = System.getProperty("gardener.gcp.project", "");
    dataset = System.getProperty("gardener.gcp.dataset", "log_gardener");
    Assume.assumeTrue(
        "set -Dgardener.gcp.project=P to run against Google Cloud", !project.isBlank());
  }

  private List<String> missingColumns(String table, JsonNode schemaFile) throws Exception {
    BigQueryOptions options = PipelineOptionsFactory.create().as(BigQueryOptions.class);
    options.as(GcpOptions.class).setProject(project);
    try (DatasetService datasets = new BigQueryServicesImpl().getDatasetService(options)) {
      Table t =
          datasets.getTable(
              new TableReference().setProjectId(project).setDatasetId(dataset).setTableId(table));
      assertThat("table " + dataset + "." + table, t, notNullValue());
      List<String> deployed = new ArrayList<>();
      for (TableFieldSchema f : t.getSchema().getFields()) {
        deployed.add(f.getName());
      }
      List<String> missing = new ArrayList<>(BigQuerySchemas.columns(schemaFile));
      missing.removeAll(deployed);
      return missing;
    }
  }

  @Test
  public void theClustersTableHasEverySchemaColumn() throws Exception {
    assertThat(
        "run scripts/setup-gcp.sh again to add them",
        missingColumns(BigQueryDdl.CLUSTERS, BigQuerySchemas.clusterRowFile()),
        is(empty()));
  }

  @Test
  public void theDeadLetterTableHasEverySchemaColumn() throws Exception {
    assertThat(
        "run scripts/setup-gcp.sh again to add them",
        missingColumns(BigQueryDdl.DEAD_LETTERS, BigQuerySchemas.deadLetterFile()),
        is(empty()));
  }
}
