package dev.loggardener.pipeline.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates realistic Cloud Run log entries for one hour of one service, deterministically from a
 * seed: normal traffic (request logs, INFO/DEBUG application logs, gunicorn stderr chatter) and the
 * seven error clusters of the seed worklog in its proportions (45 missing-module errors, 9
 * container exits, 15 middleware failures, 15 worker tracebacks, 11 malformed-response 503s, 15
 * Sentry warnings, 15 SERVICE_ID warnings per 1,000 entries). The first five form the seed's
 * cascade in time: restart cycles on one instance at a time ({@link CrashCycleSchedule}); the other
 * entries are spread uniformly over the hour and the instances. Optionally a long tail of {@code
 * signatures} further distinct error templates for load tests. The bundled sample is its output for
 * 1,000 entries and seed 20250916.
 */
public final class CloudRunHourGenerator {
  /** The seed's seven clusters and their counts per 1,000 entries. */
  public enum SeedCluster {
    MISSING_MODULE(45, "P0"),
    CONTAINER_EXIT(9, "P0"),
    MIDDLEWARE_SETUP(15, "P0"),
    WORKER_TRACEBACK(15, "P1"),
    MALFORMED_RESPONSE(11, "P2"),
    SENTRY_SDK_MISSING(15, "P3"),
    SERVICE_ID_WHITESPACE(15, "P3");

    public final int perThousand;
    public final String priority;

    SeedCluster(int perThousand, String priority) {
      this.perThousand = perThousand;
      this.priority = priority;
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final String PROJECT = "netra-staging";
  private static final String[] PATHS = {
    "/api/v1/threads", "/api/v1/threads/thr_%s/messages", "/api/v1/agents/run", "/health",
    "/api/v1/users/me", "/ws", "/api/v1/metrics/usage", "/api/v1/auth/refresh"
  };
  private static final String[] WORDS = {
    "inventory",
    "ledger",
    "billing",
    "invoice",
    "shipment",
    "catalog",
    "pricing",
    "session",
    "profile",
    "search",
    "index",
    "cache",
    "quota",
    "webhook",
    "export",
    "import",
    "report",
    "schedule",
    "payment",
    "refund",
    "coupon",
    "cart",
    "checkout",
    "tenant",
    "workspace",
    "document",
    "upload",
    "thumbnail",
    "email",
    "notification",
    "audit",
    "token",
    "policy",
    "consent",
    "analytics",
    "snapshot",
    "replica",
    "partition",
    "segment",
    "cohort"
  };
  private static final String[] FAILURES = {
    "failed to reconcile",
    "could not refresh",
    "timed out while loading",
    "rejected stale",
    "lost lease on",
    "gave up syncing",
    "found corrupt",
    "skipped invalid",
    "aborted merge of",
    "could not lock"
  };

  private final String service;
  private final Instant start;
  private final long seed;
  private final String[] instances;

  public CloudRunHourGenerator(String service, Instant hourStart, long seed) {
    this.service = service;
    this.start = hourStart;
    this.seed = seed;
    SplittableRandom ids = new SplittableRandom(seed ^ 0x5DEECE66DL);
    this.instances = new String[4];
    for (int i = 0; i < instances.length; i++) {
      instances[i] = "0069c7a988" + hex(ids, 118);
    }
  }

  /** The bundled sample: netra-backend-staging, 2025-09-16 01:00–02:00 UTC. */
  public static CloudRunHourGenerator bundledSample() {
    return new CloudRunHourGenerator(
        "netra-backend-staging", Instant.parse("2025-09-16T01:00:00Z"), 20250916L);
  }

  /** How many entries of a seed cluster an export of {@code total} entries holds. */
  public static int seedCount(SeedCluster c, int total) {
    return (int) Math.round(c.perThousand * (double) total / 1000.0);
  }

  /**
   * Generates {@code total} entries, newest first as gcloud prints them. {@code tailSignatures}
   * adds that many extra error templates sharing {@code tailShare} of all entries.
   */
  public List<ObjectNode> generate(int total, int tailSignatures, double tailShare) {
    List<ObjectNode> out = new ArrayList<>(total);
    forEach(total, tailSignatures, tailShare, out::add);
    out.sort(
        Comparator.comparing((ObjectNode n) -> n.get("timestamp").asText())
            .thenComparing(n -> n.get("insertId").asText())
            .reversed());
    return out;
  }

  /**
   * Streams the same kinds of entries in random order without holding them, for exports of millions
   * of entries. The counts per kind are exact: each position draws its kind from the counts still
   * remaining.
   */
  public void forEach(
      int total,
      int tailSignatures,
      double tailShare,
      java.util.function.Consumer<ObjectNode> sink) {
    SplittableRandom rnd = new SplittableRandom(seed);
    SeedCluster[] clusters = SeedCluster.values();
    long[] remaining = new long[clusters.length + 2];
    long assigned = 0;
    for (int i = 0; i < clusters.length; i++) {
      remaining[i] = Math.min(seedCount(clusters[i], total), total - assigned);
      assigned += remaining[i];
    }
    int tailSlot = clusters.length;
    int normalSlot = clusters.length + 1;
    remaining[tailSlot] =
        tailSignatures > 0 ? Math.min(Math.round(total * tailShare), total - assigned) : 0;
    assigned += remaining[tailSlot];
    remaining[normalSlot] = total - assigned;
    java.util.Map<SeedCluster, Long> chainCounts = new java.util.EnumMap<>(SeedCluster.class);
    for (int i = 0; i < clusters.length; i++) {
      chainCounts.put(clusters[i], remaining[i]);
    }
    CrashCycleSchedule schedule = new CrashCycleSchedule(chainCounts, instances.length, seed);
    for (long left = total; left > 0; left--) {
      long pick = rnd.nextLong(left);
      int slot = 0;
      while (pick >= remaining[slot]) {
        pick -= remaining[slot];
        slot++;
      }
      remaining[slot]--;
      if (slot == normalSlot) {
        sink.accept(normalEntry(rnd));
      } else if (slot == tailSlot) {
        sink.accept(tailEntry(rnd.nextInt(tailSignatures), rnd));
      } else {
        sink.accept(seedEntry(clusters[slot], rnd, schedule.next(clusters[slot])));
      }
    }
  }

  private ObjectNode seedEntry(
      SeedCluster c, SplittableRandom rnd, CrashCycleSchedule.Placement placement) {
    this.placement = placement;
    try {
      return seedEntryAt(c, rnd);
    } finally {
      this.placement = null;
    }
  }

  /** A seed-cluster entry at a random time and instance: the synthetic stream's use. */
  ObjectNode seedEntry(SeedCluster c, SplittableRandom rnd) {
    return seedEntryAt(c, rnd);
  }

  /** Set while a chain entry is built: its time and instance come from the crash cycles. */
  private CrashCycleSchedule.Placement placement;

  private ObjectNode seedEntryAt(SeedCluster c, SplittableRandom rnd) {
    String revision =
        rnd.nextInt(4) == 0 ? "netra-backend-staging-00211-vuz" : "netra-backend-staging-00212-lop";
    switch (c) {
      case MISSING_MODULE:
        {
          ObjectNode e = base(rnd, "run.googleapis.com%2Fstdout", "ERROR", revision);
          ObjectNode p = e.putObject("jsonPayload");
          ObjectNode ctx = p.putObject("context");
          ctx.put("name", "netra_backend.app.core.middleware_setup");
          ctx.put("service", "netra-service");
          ObjectNode labels = p.putObject("labels");
          labels.put("module", "netra_backend.app.core.middleware_setup");
          labels.put("line", "799");
          p.put(
              "message",
              "Middleware setup failure details: ModuleNotFoundError: No module named "
                  + "'netra_backend.app.services.monitoring'");
          p.put("timestamp", e.get("timestamp").asText());
          return e;
        }
      case CONTAINER_EXIT:
        {
          ObjectNode e = base(rnd, "run.googleapis.com%2Fvarlog%2Fsystem", "WARNING", revision);
          ((ObjectNode) e.get("labels")).put("container_name", "netra-backend-staging-1");
          e.put("textPayload", "Container called exit(3).");
          return e;
        }
      case MIDDLEWARE_SETUP:
        {
          ObjectNode e = base(rnd, "run.googleapis.com%2Fstdout", "ERROR", revision);
          ObjectNode p = e.putObject("jsonPayload");
          p.put(
              "message",
              "CRITICAL: Enhanced middleware setup failed: No module named "
                  + "'netra_backend.app.services.monitoring'");
          p.put("severity", "ERROR");
          return e;
        }
      case WORKER_TRACEBACK:
        {
          ObjectNode e = base(rnd, "run.googleapis.com%2Fstderr", "ERROR", revision);
          int pid = 7 + rnd.nextInt(40);
          e.put(
              "textPayload",
              "Traceback (most recent call last):\n"
                  + "  File \"/usr/local/lib/python3.11/site-packages/gunicorn/arbiter.py\", line 608, in spawn_worker\n"
                  + "    worker.init_process()\n"
                  + "  File \"/usr/local/lib/python3.11/site-packages/gunicorn/workers/gthread.py\", line 134, in init_process\n"
                  + "    super().init_process()\n"
                  + "  File \"/app/netra_backend/app/websocket_core/manager.py\", line "
                  + (212 + rnd.nextInt(3))
                  + ", in enhance_protocol\n"
                  + "    self._register_handlers(worker_pid="
                  + pid
                  + ")\n"
                  + "  File \"/app/netra_backend/app/websocket_core/handlers.py\", line 88, in _register_handlers\n"
                  + "    raise WebSocketProtocolError(f\"protocol enhancement failed for worker {worker_pid}\")\n"
                  + "netra_backend.app.websocket_core.errors.WebSocketProtocolError: protocol enhancement failed for worker "
                  + pid);
          return e;
        }
      case MALFORMED_RESPONSE:
        {
          ObjectNode e = base(rnd, "run.googleapis.com%2Frequests", "ERROR", revision);
          ObjectNode http = e.putObject("httpRequest");
          String path = String.format(PATHS[rnd.nextInt(PATHS.length)], hex(rnd, 8));
          http.put("requestMethod", rnd.nextBoolean() ? "GET" : "POST");
          http.put("requestUrl", "https://netra-backend-staging-pnovr5vsba-uc.a.run.app" + path);
          http.put("requestSize", String.valueOf(300 + rnd.nextInt(900)));
          http.put("status", 503);
          http.put("responseSize", "356");
          http.put("userAgent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)");
          http.put("remoteIp", "34.120." + rnd.nextInt(255) + "." + rnd.nextInt(255));
          http.put("serverIp", "216.239.32.53");
          http.put("latency", String.format(Locale.ROOT, "%.6fs", 7 + rnd.nextDouble() * 6));
          http.put("protocol", "HTTP/1.1");
          e.put("trace", "projects/" + PROJECT + "/traces/" + hex(rnd, 32));
          e.put(
              "textPayload",
              "The request failed because either the HTTP response was malformed or connection to "
                  + "the instance had an error. Additional troubleshooting documentation can be "
                  + "found at: https://cloud.google.com/run/docs/troubleshooting#malformed-response-or-connection-error");
          return e;
        }
      case SENTRY_SDK_MISSING:
        {
          ObjectNode e = base(rnd, "run.googleapis.com%2Fstderr", "WARNING", revision);
          e.put(
              "textPayload",
              "Sentry SDK not available - install sentry-sdk[fastapi] to enable error tracking");
          return e;
        }
      case SERVICE_ID_WHITESPACE:
      default:
        {
          ObjectNode e = base(rnd, "run.googleapis.com%2Fstderr", "WARNING", revision);
          e.put(
              "textPayload",
              "SERVICE_ID contained whitespace - sanitized from 'netra-backend\\n' to 'netra-backend'");
          return e;
        }
    }
  }

  ObjectNode tailEntry(int signature, SplittableRandom rnd) {
    ObjectNode e =
        base(
            rnd,
            "run.googleapis.com%2Fstdout",
            rnd.nextInt(3) == 0 ? "WARNING" : "ERROR",
            "netra-backend-staging-00212-lop");
    String a = WORDS[signature % WORDS.length];
    String b = WORDS[(signature / WORDS.length) % WORDS.length];
    String f = FAILURES[(signature / (WORDS.length * WORDS.length)) % FAILURES.length];
    String g = WORDS[(signature / (WORDS.length * WORDS.length * FAILURES.length)) % WORDS.length];
    ObjectNode p = e.putObject("jsonPayload");
    p.put(
        "message",
        String.format(
            Locale.ROOT,
            "%s worker %s %s %s record %d for tenant t_%s after %d attempts",
            capitalize(a),
            f,
            b,
            g,
            rnd.nextInt(100_000),
            tenantId(rnd),
            1 + rnd.nextInt(5)));
    p.put("logger", "netra_backend.jobs." + a);
    return e;
  }

  ObjectNode normalEntry(SplittableRandom rnd) {
    String revision = "netra-backend-staging-00212-lop";
    int kind = rnd.nextInt(100);
    if (kind < 55) {
      ObjectNode e = base(rnd, "run.googleapis.com%2Frequests", "INFO", revision);
      ObjectNode http = e.putObject("httpRequest");
      String path = String.format(PATHS[rnd.nextInt(PATHS.length)], hex(rnd, 8));
      http.put("requestMethod", rnd.nextInt(3) == 0 ? "POST" : "GET");
      http.put("requestUrl", "https://netra-backend-staging-pnovr5vsba-uc.a.run.app" + path);
      http.put("status", new int[] {200, 200, 200, 201, 204, 304}[rnd.nextInt(6)]);
      http.put("responseSize", String.valueOf(200 + rnd.nextInt(20_000)));
      http.put("latency", String.format(Locale.ROOT, "%.6fs", rnd.nextDouble() * 0.8));
      http.put("protocol", "HTTP/1.1");
      e.put("trace", "projects/" + PROJECT + "/traces/" + hex(rnd, 32));
      return e;
    }
    if (kind < 85) {
      ObjectNode e =
          base(
              rnd, "run.googleapis.com%2Fstdout", rnd.nextInt(5) == 0 ? "DEBUG" : "INFO", revision);
      ObjectNode p = e.putObject("jsonPayload");
      String[] messages = {
        "Processed chat message for thread thr_%s in %d ms",
        "Agent run %s completed with %d tool calls",
        "WebSocket connection accepted for user usr_%s (%d active)",
        "Cache refreshed for workspace ws_%s: %d keys"
      };
      p.put(
          "message",
          String.format(
              Locale.ROOT, messages[rnd.nextInt(messages.length)], hex(rnd, 8), rnd.nextInt(900)));
      p.put("logger", "netra_backend.app");
      return e;
    }
    if (kind < 95) {
      ObjectNode e = base(rnd, "run.googleapis.com%2Fstderr", null, revision);
      int pid = 7 + rnd.nextInt(40);
      String[] lines = {
        "[%s] [%d] [INFO] Booting worker with pid: %d",
        "[%s] [%d] [INFO] Waiting for application startup.",
        "[%s] [%d] [INFO] Application startup complete."
      };
      e.put(
          "textPayload",
          String.format(
              Locale.ROOT,
              lines[rnd.nextInt(lines.length)],
              e.get("timestamp").asText(),
              pid,
              pid));
      return e;
    }
    ObjectNode e = base(rnd, "run.googleapis.com%2Fvarlog%2Fsystem", "INFO", revision);
    e.put(
        "textPayload",
        "Starting new instance. Reason: AUTOSCALING - Instance started due to configured scaling factors (e.g. CPU utilization, request throughput, etc.) or no existing capacity for current traffic.");
    return e;
  }

  private ObjectNode base(SplittableRandom rnd, String logId, String severity, String revision) {
    ObjectNode e = MAPPER.createObjectNode();
    Instant ts =
        placement != null
            ? CrashCycleSchedule.at(start, placement)
            : start.plusNanos(rnd.nextLong(3_600_000_000L) * 1000L);
    e.put("insertId", hex(rnd, 16));
    e.put("logName", "projects/" + PROJECT + "/logs/" + logId);
    ObjectNode resource = e.putObject("resource");
    resource.put("type", "cloud_run_revision");
    ObjectNode rl = resource.putObject("labels");
    rl.put("project_id", PROJECT);
    rl.put("service_name", service);
    rl.put("revision_name", revision);
    rl.put("configuration_name", service);
    rl.put("location", "us-central1");
    ObjectNode labels = e.putObject("labels");
    labels.put(
        "instanceId",
        instances[placement != null ? placement.instance : rnd.nextInt(instances.length)]);
    if (severity != null) {
      e.put("severity", severity);
    }
    e.put("timestamp", TS.format(ts));
    e.put("receiveTimestamp", TS.format(ts.plusMillis(50 + rnd.nextInt(400))));
    return e;
  }

  private static String hex(SplittableRandom rnd, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(Character.forDigit(rnd.nextInt(16), 16));
    }
    return sb.toString();
  }

  /**
   * Six hex digits, the first a decimal digit: an id made only of the letters a-f reads as a word
   * and would not be masked, splitting one template into many signatures by accident.
   */
  private static String tenantId(SplittableRandom rnd) {
    return Character.forDigit(rnd.nextInt(10), 10) + hex(rnd, 5);
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
