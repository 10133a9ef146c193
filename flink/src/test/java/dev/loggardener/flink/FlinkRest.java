package dev.loggardener.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The few calls of Flink's REST API an operator makes to update a job in place: find the running
 * job, take a savepoint of it, cancel it. The same calls {@code scripts/soak.sh} makes with curl.
 */
final class FlinkRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  FlinkRest(int port) {
    this.base = "http://localhost:" + port;
  }

  /** The id of the one running job, waiting up to {@code timeout} for it to run. */
  String runningJob(Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      try {
        for (JsonNode job : get("/jobs").path("jobs")) {
          if ("RUNNING".equals(job.path("status").asText())) {
            return job.path("id").asText();
          }
        }
      } catch (IOException notUpYet) {
        // the embedded cluster's REST endpoint starts with the job
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no running Flink job within " + timeout);
  }

  /** Takes a savepoint of {@code job} under {@code directory}; returns its path. */
  String savepoint(String job, String directory) throws Exception {
    String request =
        send(
                "POST",
                "/jobs/" + job + "/savepoints",
                Map.of("target-directory", directory, "cancel-job", false))
            .path("request-id")
            .asText();
    for (int i = 0; i < 600; i++) {
      JsonNode status = get("/jobs/" + job + "/savepoints/" + request);
      if ("COMPLETED".equals(status.path("status").path("id").asText())) {
        JsonNode op = status.path("operation");
        if (op.has("failure-cause")) {
          throw new AssertionError("savepoint failed: " + op.path("failure-cause"));
        }
        return op.path("location").asText();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("savepoint of " + job + " did not complete");
  }

  void cancel(String job) throws Exception {
    send("PATCH", "/jobs/" + job + "?mode=cancel", null);
  }

  private JsonNode get(String path) throws Exception {
    return send("GET", path, null);
  }

  private JsonNode send(String method, String path, Object body) throws Exception {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .method(method, publisher)
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IOException(method + " " + path + ": " + response.statusCode() + response.body());
    }
    return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
  }
}
