package dev.loggardener.issues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process stand-in for the few GitHub REST calls the filer uses (list open issues by label,
 * create an issue, list and create comments), on a loopback port, with failure injection.
 */
public final class FakeGitHub implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern COMMENTS = Pattern.compile("/repos/o/r/issues/(\\d+)/comments");

  public final List<ObjectNode> issues = new ArrayList<>();
  public final List<List<String>> comments = new ArrayList<>();
  public final AtomicInteger failNext = new AtomicInteger();
  public volatile int failStatus = 502;

  /** Sent as {@code Retry-After} with injected failures, when set. */
  public volatile String retryAfter;

  /** Extra headers sent with injected failures (for example the rate-limit ones). */
  public final java.util.Map<String, String> failHeaders =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The body of injected failures. */
  public volatile String failBody = "{\"message\":\"injected\"}";

  /** When set, any other {@code Authorization} is answered 401, as GitHub does a revoked token. */
  public volatile String acceptedToken;

  public final AtomicInteger requests = new AtomicInteger();
  volatile String lastAuthorization;
  private final HttpServer server;

  public FakeGitHub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private synchronized void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    lastAuthorization = ex.getRequestHeaders().getFirst("Authorization");
    if (acceptedToken != null && !("Bearer " + acceptedToken).equals(lastAuthorization)) {
      send(ex, 401, "{\"message\":\"Bad credentials\"}");
      return;
    }
    if (failNext.get() > 0) {
      failNext.decrementAndGet();
      if (retryAfter != null) {
        ex.getResponseHeaders().add("Retry-After", retryAfter);
      }
      failHeaders.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      send(ex, failStatus, failBody);
      return;
    }
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    JsonNode body =
        method.equals("POST")
            ? JSON.readTree(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
            : null;
    Matcher c = COMMENTS.matcher(path);
    if (path.equals("/repos/o/r/issues") && method.equals("GET")) {
      ArrayNode out = JSON.createArrayNode();
      String query = ex.getRequestURI().getQuery();
      for (ObjectNode i : issues) {
        boolean labelled = false;
        for (JsonNode l : i.path("labels")) {
          labelled |= l.path("name").asText().equals("log-gardener");
        }
        if (i.path("state").asText().equals("open")
            && (!query.contains("labels=log-gardener") || labelled)) {
          out.add(i);
        }
      }
      send(ex, 200, JSON.writeValueAsString(out));
    } else if (path.equals("/repos/o/r/issues") && method.equals("POST")) {
      ObjectNode i = JSON.createObjectNode();
      i.put("number", issues.size() + 1);
      i.put("state", "open");
      i.put("title", body.path("title").asText());
      i.put("body", body.path("body").asText());
      ArrayNode labels = i.putArray("labels");
      body.path("labels").forEach(l -> labels.addObject().put("name", l.asText()));
      issues.add(i);
      comments.add(new ArrayList<>());
      send(ex, 201, JSON.writeValueAsString(i));
    } else if (c.matches() && method.equals("GET")) {
      ArrayNode out = JSON.createArrayNode();
      comments.get(Integer.parseInt(c.group(1)) - 1).forEach(b -> out.addObject().put("body", b));
      send(ex, 200, JSON.writeValueAsString(out));
    } else if (c.matches() && method.equals("POST")) {
      comments.get(Integer.parseInt(c.group(1)) - 1).add(body.path("body").asText());
      send(ex, 201, "{}");
    } else {
      send(ex, 404, "{\"message\":\"Not Found\"}");
    }
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
