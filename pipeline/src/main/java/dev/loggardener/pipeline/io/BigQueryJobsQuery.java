package dev.loggardener.pipeline.io;

import com.google.api.services.bigquery.Bigquery;
import com.google.api.services.bigquery.model.GetQueryResultsResponse;
import com.google.api.services.bigquery.model.JobReference;
import com.google.api.services.bigquery.model.QueryParameter;
import com.google.api.services.bigquery.model.QueryParameterType;
import com.google.api.services.bigquery.model.QueryParameterValue;
import com.google.api.services.bigquery.model.QueryRequest;
import com.google.api.services.bigquery.model.QueryResponse;
import com.google.api.services.bigquery.model.TableCell;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import com.google.auth.http.HttpCredentialsAdapter;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.extensions.gcp.util.Transport;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * {@link SeedQuery} over BigQuery's {@code jobs.query} and {@code jobs.getQueryResults}: the
 * results come back in the responses, so the job needs only {@code bigquery.jobs.create} in its
 * project (roles/bigquery.jobUser) and read access to the dataset; no export job, no temporary
 * dataset, no Cloud Storage. It gives up after {@link #DEADLINE_MILLIS}, as a seed that is late is
 * worth less than a job that starts.
 */
public final class BigQueryJobsQuery implements SeedQuery {
  private static final long serialVersionUID = 1L;
  static final long DEADLINE_MILLIS = 5 * 60_000L;
  private static final long PAGE_ROWS = 10_000L;

  /** The API's address; null for Google's. Tests point it at a loopback server. */
  private final String rootUrl;

  public BigQueryJobsQuery() {
    this(null);
  }

  BigQueryJobsQuery(String rootUrl) {
    this.rootUrl = rootUrl;
  }

  @Override
  public List<TableRow> rows(String sql, Instant since, PipelineOptions options)
      throws IOException {
    GcpOptions gcp = options.as(GcpOptions.class);
    String project = gcp.getProject();
    if (project == null || project.isBlank()) {
      throw new IOException("no --project to run the history seed query in");
    }
    Bigquery.Builder builder =
        new Bigquery.Builder(
                Transport.getTransport(),
                Transport.getJsonFactory(),
                rootUrl == null
                    ? new HttpCredentialsAdapter(gcp.getGcpCredential())
                    : request -> {})
            .setApplicationName("log-gardener");
    if (rootUrl != null) {
      builder.setRootUrl(rootUrl);
    }
    Bigquery bigquery = builder.build();
    long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
    QueryRequest request =
        new QueryRequest()
            .setQuery(sql)
            .setUseLegacySql(false)
            .setParameterMode("NAMED")
            .setQueryParameters(
                List.of(
                    new QueryParameter()
                        .setName("since")
                        .setParameterType(new QueryParameterType().setType("TIMESTAMP"))
                        .setParameterValue(new QueryParameterValue().setValue(since.toString()))))
            .setTimeoutMs(60_000L)
            .setMaxResults(PAGE_ROWS);
    QueryResponse first = bigquery.jobs().query(project, request).execute();
    JobReference job = first.getJobReference();
    TableSchema schema = first.getSchema();
    List<TableRow> out = new ArrayList<>();
    boolean complete = Boolean.TRUE.equals(first.getJobComplete());
    if (complete) {
      named(first.getRows(), schema, out);
    }
    String page = complete ? first.getPageToken() : null;
    while (!complete || page != null) {
      if (System.currentTimeMillis() > deadline) {
        throw new IOException("the history seed query took longer than " + DEADLINE_MILLIS + " ms");
      }
      GetQueryResultsResponse next =
          bigquery
              .jobs()
              .getQueryResults(job.getProjectId(), job.getJobId())
              .setLocation(job.getLocation())
              .setPageToken(page)
              .setMaxResults(PAGE_ROWS)
              .setTimeoutMs(60_000L)
              .execute();
      if (!Boolean.TRUE.equals(next.getJobComplete())) {
        continue;
      }
      complete = true;
      named(next.getRows(), next.getSchema(), out);
      page = next.getPageToken();
    }
    return out;
  }

  /** The API gives cells by position ({@code f}/{@code v}); the seed reads them by name. */
  private static void named(List<TableRow> rows, TableSchema schema, List<TableRow> out) {
    if (rows == null) {
      return;
    }
    List<TableFieldSchema> fields = schema.getFields();
    for (TableRow r : rows) {
      TableRow named = new TableRow();
      List<TableCell> cells = r.getF();
      for (int i = 0; i < fields.size() && i < cells.size(); i++) {
        named.set(fields.get(i).getName(), cells.get(i).getV());
      }
      out.add(named);
    }
  }
}
