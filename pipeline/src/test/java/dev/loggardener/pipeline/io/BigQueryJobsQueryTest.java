package dev.loggardener.pipeline.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import com.google.api.services.bigquery.model.TableRow;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The seed query against a loopback stand-in for BigQuery's REST API: the query goes out as
 * standard SQL with its TIMESTAMP parameter, a job that is not done yet is polled, result pages are
 * followed, and cells given by position come back named by the schema.
 */
public class BigQueryJobsQueryTest {
  private HttpServer server;
  private final List<String> requests = new ArrayList<>();
  private volatile String queryBody = "";
  private volatile int queryStatus = 200;

  static final String SCHEMA =
      "\"schema\":{\"fields\":[{\"name\":\"window_start\",\"type\":\"TIMESTAMP\"},"
          + "{\"name\":\"cluster_id\",\"type\":\"STRING\"},{\"name\":\"count\",\"type\":\"INTEGER\"}]}";
  static final String JOB =
      "\"jobReference\":{\"projectId\":\"p\",\"jobId\":\"j1\",\"location\":\"US\"}";

  @Before
  public void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @After
  public void stop() {
    server.stop(0);
  }

  private synchronized void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String query = ex.getRequestURI().getQuery() == null ? "" : ex.getRequestURI().getQuery();
    requests.add(
        ex.getRequestMethod() + " " + path + (query.contains("pageToken=t2") ? " page 2" : ""));
    String body;
    int status = 200;
    if (ex.getRequestMethod().equals("POST") && path.endsWith("/projects/p/queries")) {
      // Google's client gzips request bodies.
      java.io.InputStream in = ex.getRequestBody();
      if ("gzip".equals(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
        in = new java.util.zip.GZIPInputStream(in);
      }
      queryBody = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      status = queryStatus;
      body =
          status == 200
              ? "{" + JOB + ",\"jobComplete\":false}"
              : "{\"error\":{\"code\":403,\"message\":\"Access Denied: bigquery.jobs.create\"}}";
    } else if (path.endsWith("/projects/p/queries/j1") && !query.contains("pageToken=t2")) {
      body =
          "{"
              + JOB
              + ",\"jobComplete\":true,"
              + SCHEMA
              + ",\"pageToken\":\"t2\",\"rows\":["
              + "{\"f\":[{\"v\":\"1.7580024E9\"},{\"v\":\"a\"},{\"v\":\"7\"}]}]}";
    } else if (path.endsWith("/projects/p/queries/j1")) {
      body =
          "{"
              + JOB
              + ",\"jobComplete\":true,"
              + SCHEMA
              + ",\"rows\":["
              + "{\"f\":[{\"v\":\"1.7580024E9\"},{\"v\":\"b\"},{\"v\":\"1\"}]}]}";
    } else {
      status = 404;
      body = "{}";
    }
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  List<TableRow> run() throws IOException {
    GcpOptions o = PipelineOptionsFactory.create().as(GcpOptions.class);
    o.setProject("p");
    String root = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    return new BigQueryJobsQuery(root)
        .rows("SELECT 1 WHERE window_start >= @since", Instant.parse("2025-09-10T00:00:00Z"), o);
  }

  @Test
  public void pollsTheJobFollowsThePagesAndNamesTheCells() throws IOException {
    List<TableRow> rows = run();
    assertThat(rows.size(), is(2));
    assertThat(rows.get(0).get("cluster_id"), is("a"));
    assertThat(rows.get(0).get("count"), is("7"));
    assertThat(rows.get(1).get("cluster_id"), is("b"));
    assertThat(
        HistorySeedFromBigQuery.ReadSeedFn.timestamp(rows.get(0).get("window_start")),
        is(Instant.parse("2025-09-16T06:00:00Z")));
    assertThat(requests.size(), is(3));
    assertThat(requests.get(2), containsString("page 2"));
  }

  @Test
  public void theQueryIsStandardSqlWithItsTimestampParameter() throws IOException {
    run();
    assertThat(queryBody, containsString("\"useLegacySql\":false"));
    assertThat(queryBody, containsString("\"name\":\"since\""));
    assertThat(queryBody, containsString("\"type\":\"TIMESTAMP\""));
    assertThat(queryBody, containsString("2025-09-10T00:00:00Z"));
  }

  @Test
  public void aRefusedQueryThrowsForTheCallerToCount() {
    queryStatus = 403;
    IOException e = assertThrows(IOException.class, this::run);
    assertThat(e.getMessage(), containsString("bigquery.jobs.create"));
  }
}
