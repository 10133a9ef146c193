package dev.loggardener.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns one Cloud Logging LogEntry in REST JSON (camelCase) into a {@link LogEntry}, or into a
 * failure {@link ParseOutcome} with a {@link FailureReason} code; it never throws. It picks the
 * message from the first non-blank of {@code jsonPayload.message}, the usual jsonPayload keys
 * ({@link #JSON_MESSAGE_KEYS}; an object value contributes its {@code message}), {@code
 * textPayload}, {@code protoPayload.status.message}, a request line {@code METHOD path status} for
 * request logs, and finally a sorted {@code k=v} rendering of the jsonPayload's scalar fields; an
 * entry with none of these has the empty message, which is valid. Messages are capped at {@link
 * #MAX_MESSAGE_CHARS} and not redacted. Severity comes from {@code severity}, falling back on
 * {@code jsonPayload.severity}/{@code level} when the top level is absent or DEFAULT. One static
 * {@link ObjectMapper} is shared by all instances, so the parser is thread-safe and cheap to
 * serialize; its read constraints allow strings up to {@link #MAX_STRING_CHARS} and nesting up to
 * {@link #MAX_NESTING_DEPTH}.
 */
public final class LogEntryParser implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Longest message kept; longer ones are cut and flagged {@code messageTruncated}. */
  public static final int MAX_MESSAGE_CHARS = 65536;

  /** Longest rendering of a jsonPayload without a message key. */
  public static final int MAX_RENDERED_CHARS = 2048;

  /** Jackson's nesting limit, kept at its default but set explicitly so it cannot drift. */
  public static final int MAX_NESTING_DEPTH = 1000;

  /** Longest JSON string accepted; megabyte messages must parse so they can be capped. */
  public static final int MAX_STRING_CHARS = 64 * 1024 * 1024;

  /** jsonPayload keys tried after {@code message}, in order of preference. */
  public static final List<String> JSON_MESSAGE_KEYS =
      List.of(
          "msg", "error", "exception", "stack_trace", "stacktrace", "err", "event", "text", "log");

  private static final ObjectMapper MAPPER = newMapper();
  // Most entries are read from tokens; the tree is built only when it has to decide.
  private static final StreamingEntryParser STREAMING = new StreamingEntryParser(MAPPER);

  private static ObjectMapper newMapper() {
    JsonFactory f =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_CHARS)
                    .build())
            .build();
    return new ObjectMapper(f).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** The shared mapper, for tests that drive the streaming reader on its own. */
  static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses a record from {@link ExportRecordReader}; reader failures pass through unchanged. */
  public ParseOutcome parse(RawRecord record) {
    if (record == null) {
      return ParseOutcome.failure(FailureReason.NOT_JSON, "null record");
    }
    if (record.failureReason() != null) {
      return ParseOutcome.failure(
          record.failureReason(),
          record.source() + "#" + record.ordinal() + ": rejected by the reader");
    }
    return parse(record.text());
  }

  /** Parses one LogEntry JSON object. Never throws. */
  public ParseOutcome parse(String json) {
    if (json == null || json.isBlank()) {
      return ParseOutcome.failure(FailureReason.NOT_JSON, "empty input");
    }
    LogEntry streamed = STREAMING.tryParse(json);
    if (streamed != null) {
      return ParseOutcome.ok(streamed);
    }
    return parseTree(json);
  }

  /**
   * The same parse through a Jackson tree only: what {@link #parse(String)} falls back on when the
   * streaming reader gives up, and what tests compare it with.
   */
  ParseOutcome parseTree(String json) {
    if (json == null || json.isBlank()) {
      return ParseOutcome.failure(FailureReason.NOT_JSON, "empty input");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      return classify(e, json);
    } catch (RuntimeException | StackOverflowError e) {
      return ParseOutcome.failure(FailureReason.NOT_JSON, "unreadable: " + e);
    }
    if (root == null || root.isMissingNode()) {
      return ParseOutcome.failure(FailureReason.NOT_JSON, "no JSON value");
    }
    if (!root.isObject()) {
      return ParseOutcome.failure(
          FailureReason.NOT_AN_OBJECT,
          "top-level JSON value is " + root.getNodeType().name().toLowerCase());
    }
    try {
      return toEntry(root);
    } catch (RuntimeException e) {
      // Defensive: mapping is total by design, but a pipeline must never die on one record.
      return ParseOutcome.failure(FailureReason.NOT_JSON, "unmappable entry: " + e);
    }
  }

  private static ParseOutcome classify(JsonProcessingException e, String json) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StreamConstraintsException) {
        String m = String.valueOf(t.getMessage());
        if (m.contains("nesting depth")) {
          return ParseOutcome.failure(FailureReason.NESTING_TOO_DEEP, firstLine(m));
        }
        if (m.contains("String length")) {
          return ParseOutcome.failure(FailureReason.RECORD_TOO_LARGE, firstLine(m));
        }
        return ParseOutcome.failure(FailureReason.NOT_JSON, firstLine(m));
      }
      if (t instanceof JsonEOFException) {
        return ParseOutcome.failure(FailureReason.TRUNCATED_JSON, firstLine(t.getMessage()));
      }
      if (t.getCause() == t) {
        break;
      }
    }
    String m = String.valueOf(e.getOriginalMessage());
    if (m.contains("end-of-input") || endsInPartialLiteral(json)) {
      return ParseOutcome.failure(FailureReason.TRUNCATED_JSON, firstLine(m));
    }
    return ParseOutcome.failure(FailureReason.NOT_JSON, firstLine(m));
  }

  /**
   * Jackson reports a cut inside {@code true}/{@code false}/{@code null} as an unrecognized token
   * rather than an end of input; a cut line is truncated, not garbage.
   */
  private static boolean endsInPartialLiteral(String json) {
    int end = json.length();
    while (end > 0 && Character.isWhitespace(json.charAt(end - 1))) {
      end--;
    }
    int start = end;
    while (start > 0 && json.charAt(start - 1) >= 'a' && json.charAt(start - 1) <= 'z') {
      start--;
    }
    if (start == end || end - start > 4) {
      return false;
    }
    String word = json.substring(start, end);
    if (!"true".startsWith(word) && !"false".startsWith(word) && !"null".startsWith(word)) {
      return false;
    }
    int before = start;
    while (before > 0 && Character.isWhitespace(json.charAt(before - 1))) {
      before--;
    }
    if (before == 0) {
      return false;
    }
    char c = json.charAt(before - 1);
    return c == ':' || c == ',' || c == '[';
  }

  private static String firstLine(String m) {
    if (m == null) {
      return "";
    }
    int nl = m.indexOf('\n');
    String s = nl < 0 ? m : m.substring(0, nl);
    return s.length() > 300 ? s.substring(0, 300) : s;
  }

  // ---------------------------------------------------------------------------------------------
  // Field mapping

  private ParseOutcome toEntry(JsonNode root) {
    JsonNode ts = root.get("timestamp");
    if (ts == null || ts.isNull()) {
      return ParseOutcome.failure(FailureReason.MISSING_TIMESTAMP, "no timestamp field");
    }
    if (!ts.isTextual()) {
      return ParseOutcome.failure(
          FailureReason.BAD_TIMESTAMP,
          "timestamp is a " + ts.getNodeType().name().toLowerCase() + ", not an RFC 3339 string");
    }
    Instant timestamp;
    try {
      timestamp = Rfc3339.parse(ts.textValue());
    } catch (DateTimeException e) {
      return ParseOutcome.failure(
          FailureReason.BAD_TIMESTAMP,
          "timestamp " + abbreviate(ts.textValue()) + ": " + e.getMessage());
    }

    JsonNode jsonPayload = object(root.get("jsonPayload"));
    JsonNode resource = object(root.get("resource"));
    JsonNode http = object(root.get("httpRequest"));

    String logName = text(root.get("logName"));
    String resourceType = resource == null ? null : text(resource.get("type"));
    Map<String, String> resourceLabels =
        stringMap(resource == null ? null : resource.get("labels"));
    Map<String, String> labels = stringMap(root.get("labels"));

    String httpMethod = http == null ? null : text(http.get("requestMethod"));
    String httpUrl = http == null ? null : text(http.get("requestUrl"));
    int httpStatus = http == null ? 0 : status(http.get("status"));

    String scVersion = null;
    if (jsonPayload != null) {
      JsonNode sc = object(jsonPayload.get("serviceContext"));
      scVersion = sc == null ? null : text(sc.get("version"));
    }

    LogEntry.Builder b =
        identified(LogEntry.builder(), logName, resourceType, resourceLabels, labels, scVersion)
            .timestamp(timestamp)
            .severity(
                severity(
                    severityOf(root.get("severity")),
                    jsonPayload == null ? null : severityOf(jsonPayload.get("severity")),
                    jsonPayload == null ? null : severityOf(jsonPayload.get("level"))))
            .insertId(text(root.get("insertId")))
            .trace(text(root.get("trace")))
            .spanId(text(root.get("spanId")))
            .httpMethod(httpMethod)
            .httpUrl(httpUrl)
            .httpStatus(httpStatus);
    message(b, root, jsonPayload, http, httpMethod, httpUrl, httpStatus);
    return ParseOutcome.ok(b.build());
  }

  /**
   * The entry's severity: the top-level one unless absent or DEFAULT, then the jsonPayload's {@code
   * severity}, then its {@code level}. Both parse paths decide it here.
   */
  static Severity severity(Severity top, Severity payloadSeverity, Severity payloadLevel) {
    Severity s = top;
    if (s == null || s == Severity.DEFAULT) {
      Severity inner = payloadSeverity != null ? payloadSeverity : payloadLevel;
      if (inner != null) {
        s = inner;
      }
    }
    return s == null ? Severity.DEFAULT : s;
  }

  /**
   * Sets where the entry comes from and what it derives from that (log id, service, revision,
   * instance), so both parse paths identify an entry the same way.
   */
  static LogEntry.Builder identified(
      LogEntry.Builder b,
      String logName,
      String resourceType,
      Map<String, String> resourceLabels,
      Map<String, String> labels,
      String serviceContextVersion) {
    String logId = logId(logName);
    return b.logName(logName)
        .logId(logId)
        .resourceType(resourceType)
        .resourceLabels(resourceLabels)
        .labels(labels)
        .service(ServiceIdentity.service(resourceType, resourceLabels, labels, logId))
        .revision(ServiceIdentity.revision(resourceType, resourceLabels, serviceContextVersion))
        .instanceId(ServiceIdentity.instanceId(resourceLabels, labels));
  }

  private static Severity severityOf(JsonNode n) {
    if (n == null) {
      return null;
    }
    if (n.isTextual()) {
      return Severity.parseLenient(n.textValue());
    }
    if (n.isIntegralNumber() && n.canConvertToInt() && n.intValue() >= 0) {
      return Severity.fromNumber(n.intValue());
    }
    return null;
  }

  /** Chooses the message; see the class Javadoc for the precedence. */
  private static void message(
      LogEntry.Builder b,
      JsonNode root,
      JsonNode jsonPayload,
      JsonNode http,
      String method,
      String url,
      int status) {
    if (jsonPayload != null) {
      String m = candidate(jsonPayload.get("message"));
      if (m != null) {
        setMessage(b, m, "jsonPayload.message", MAX_MESSAGE_CHARS);
        return;
      }
      for (String key : JSON_MESSAGE_KEYS) {
        m = candidate(jsonPayload.get(key));
        if (m != null) {
          setMessage(b, m, "jsonPayload." + key, MAX_MESSAGE_CHARS);
          return;
        }
      }
    }
    String text = nonBlank(text(root.get("textPayload")));
    if (text != null) {
      setMessage(b, text, "textPayload", MAX_MESSAGE_CHARS);
      return;
    }
    JsonNode proto = object(root.get("protoPayload"));
    if (proto != null) {
      JsonNode st = object(proto.get("status"));
      String pm = st == null ? null : nonBlank(text(st.get("message")));
      if (pm != null) {
        setMessage(b, pm, "protoPayload.status.message", MAX_MESSAGE_CHARS);
        return;
      }
    }
    if (http != null && (method != null || url != null || status != 0)) {
      StringBuilder sb = new StringBuilder();
      sb.append(method == null ? "-" : method).append(' ').append(urlPath(url));
      if (status != 0) {
        sb.append(' ').append(status);
      }
      setMessage(b, sb.toString(), "httpRequest", MAX_MESSAGE_CHARS);
      return;
    }
    if (jsonPayload != null) {
      String rendered = renderScalars(jsonPayload);
      if (!rendered.isEmpty()) {
        setMessage(b, rendered, "jsonPayload", MAX_RENDERED_CHARS);
        return;
      }
    }
    b.message("").messageField("empty");
  }

  static void setMessage(LogEntry.Builder b, String m, String field, int cap) {
    boolean truncated = m.length() > cap;
    b.message(truncated ? cut(m, cap) : m).messageTruncated(truncated).messageField(field);
  }

  private static String cut(String s, int cap) {
    int end = cap;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--; // never leave half a surrogate pair
    }
    return s.substring(0, end);
  }

  /** A usable message value: a non-blank scalar, or an object's non-blank {@code message}. */
  private static String candidate(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isTextual()) {
      return nonBlank(n.textValue());
    }
    if (n.isNumber() || n.isBoolean()) {
      return n.asText();
    }
    if (n.isObject()) {
      JsonNode m = n.get("message");
      return m != null && m.isTextual() ? nonBlank(m.textValue()) : null;
    }
    return null;
  }

  /** {@code k=v k2=v2} over non-empty top-level scalars, sorted by key, minus metadata keys. */
  private static String renderScalars(JsonNode payload) {
    List<String> keys = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = payload.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      JsonNode v = e.getValue();
      if (!v.isValueNode() || v.isNull() || isMetadataKey(k)) {
        continue;
      }
      if (v.isTextual() && v.textValue().isBlank()) {
        continue;
      }
      keys.add(k);
    }
    if (keys.isEmpty()) {
      return "";
    }
    Collections.sort(keys);
    StringBuilder sb = new StringBuilder();
    for (String k : keys) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(k).append('=').append(payload.get(k).asText());
      if (sb.length() > MAX_RENDERED_CHARS) {
        break; // setMessage cuts and flags it
      }
    }
    return sb.toString();
  }

  private static boolean isMetadataKey(String k) {
    switch (k) {
      case "severity":
      case "level":
      case "time":
      case "timestamp":
      case "@type":
        return true;
      default:
        return k.startsWith("logging.googleapis.com/");
    }
  }

  /** The URL path without scheme, host, query or fragment; {@code /} when there is none. */
  static String urlPath(String url) {
    if (url == null || url.isEmpty()) {
      return "/";
    }
    int start = 0;
    int scheme = url.indexOf("://");
    if (scheme >= 0) {
      int slash = url.indexOf('/', scheme + 3);
      if (slash < 0) {
        return "/";
      }
      start = slash;
    }
    int end = url.length();
    int q = url.indexOf('?', start);
    if (q >= 0) {
      end = q;
    }
    int h = url.indexOf('#', start);
    if (h >= 0 && h < end) {
      end = h;
    }
    String p = url.substring(start, end);
    return p.isEmpty() ? "/" : p;
  }

  /** The decoded LOG_ID after {@code /logs/}; the whole name when it has no such part. */
  static String logId(String logName) {
    if (logName == null || logName.isEmpty()) {
      return "";
    }
    int i = logName.indexOf("/logs/");
    return percentDecode(i < 0 ? logName : logName.substring(i + 6));
  }

  /** Decodes %XX escapes as UTF-8; unlike URLDecoder, '+' stays and bad escapes stay literal. */
  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    byte[] out = new byte[s.length() * 3];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%'
          && i + 2 < s.length()
          && hex(s.charAt(i + 1)) >= 0
          && hex(s.charAt(i + 2)) >= 0) {
        out[n++] = (byte) (hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 2;
      } else {
        byte[] enc = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          enc = s.substring(i, i + 2).getBytes(java.nio.charset.StandardCharsets.UTF_8);
          i++;
        }
        System.arraycopy(enc, 0, out, n, enc.length);
        n += enc.length;
      }
    }
    return new String(out, 0, n, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static int status(JsonNode n) {
    if (n == null) {
      return 0;
    }
    if (n.isIntegralNumber() && n.canConvertToInt()) {
      return n.intValue();
    }
    if (n.isTextual()) {
      return statusText(n.textValue());
    }
    return 0;
  }

  /** An HTTP status given as text: up to four digits, else 0. */
  static int statusText(String text) {
    String t = text.trim();
    if (!t.isEmpty() && t.length() <= 4 && t.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(t);
    }
    return 0;
  }

  private static JsonNode object(JsonNode n) {
    return n != null && n.isObject() ? n : null;
  }

  private static String text(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    return n.isValueNode() ? n.asText() : null;
  }

  static String nonBlank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static Map<String, String> stringMap(JsonNode n) {
    if (n == null || !n.isObject() || n.isEmpty()) {
      return Map.of();
    }
    Map<String, String> m = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v == null || v.isNull()) {
        continue;
      }
      m.put(
          e.getKey(), v.isTextual() ? v.textValue() : v.isValueNode() ? v.asText() : v.toString());
    }
    return m;
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? '"' + s.substring(0, 60) + "…\"" : '"' + s + '"';
  }
}
