package dev.loggardener.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The common shape of a LogEntry read straight from Jackson's tokens, without building a tree:
 * string fields, string-valued label maps, a jsonPayload whose message is one of the usual keys, a
 * textPayload, a request line. It gives up (returns null) on anything else, and {@link
 * LogEntryParser} then parses the record as a tree, which also classifies every failure. So it only
 * ever answers where the tree would give an equal {@link LogEntry}:
 *
 * <ul>
 *   <li>malformed or truncated JSON, trailing tokens, a missing or bad timestamp: gives up;
 *   <li>a repeated key that the entry reads (the tree keeps the last one): gives up;
 *   <li>a number, boolean, object or array where the tree would render it as text ({@code asText},
 *       {@code toString}): gives up;
 *   <li>a protoPayload, or a jsonPayload without a usable message key (rendered as {@code k=v} from
 *       the tree): gives up.
 * </ul>
 *
 * <p>The fields it does read go through the same helpers as the tree path.
 */
final class StreamingEntryParser {
  private static final List<String> MESSAGE_KEYS = LogEntryParser.JSON_MESSAGE_KEYS;

  private final ObjectMapper mapper;

  StreamingEntryParser(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Thrown to give up; no stack trace, it is control flow on a rare path. */
  private static final class GiveUp extends Exception {
    private static final long serialVersionUID = 1L;
    static final GiveUp INSTANCE = new GiveUp();

    private GiveUp() {
      super(null, null, false, false);
    }
  }

  /** The entry, or null when the tree path must decide. Never throws. */
  LogEntry tryParse(String json) {
    try (JsonParser p = mapper.createParser(json)) {
      return read(p);
    } catch (GiveUp | IOException | RuntimeException | StackOverflowError e) {
      return null;
    }
  }

  private LogEntry read(JsonParser p) throws IOException, GiveUp {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw GiveUp.INSTANCE;
    }
    int seen = 0; // one bit per key read, to give up on a repeated one
    String timestampText = null;
    String logName = null;
    String insertId = null;
    String trace = null;
    String spanId = null;
    String textPayload = null;
    Severity rootSeverity = null;
    boolean hasHttp = false;
    String httpMethod = null;
    String httpUrl = null;
    int httpStatus = 0;
    String resourceType = null;
    Map<String, String> resourceLabels = Map.of();
    Map<String, String> labels = Map.of();
    Payload payload = null;

    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "timestamp":
          seen = once(seen, 1);
          if (v != JsonToken.VALUE_STRING) {
            throw GiveUp.INSTANCE; // missing, null or not text: the tree names the failure
          }
          timestampText = p.getText();
          break;
        case "logName":
          seen = once(seen, 2);
          logName = text(p, v);
          break;
        case "insertId":
          seen = once(seen, 4);
          insertId = text(p, v);
          break;
        case "trace":
          seen = once(seen, 8);
          trace = text(p, v);
          break;
        case "spanId":
          seen = once(seen, 16);
          spanId = text(p, v);
          break;
        case "textPayload":
          seen = once(seen, 32);
          textPayload = text(p, v);
          break;
        case "severity":
          seen = once(seen, 64);
          rootSeverity = severity(p, v);
          break;
        case "labels":
          seen = once(seen, 128);
          labels = stringMap(p, v);
          break;
        case "resource":
          seen = once(seen, 256);
          requireObject(v);
          int resourceSeen = 0;
          for (JsonToken r = p.nextToken(); r != JsonToken.END_OBJECT; r = p.nextToken()) {
            String rn = p.currentName();
            JsonToken rv = p.nextToken();
            if ("type".equals(rn)) {
              resourceSeen = once(resourceSeen, 1);
              resourceType = text(p, rv);
            } else if ("labels".equals(rn)) {
              resourceSeen = once(resourceSeen, 2);
              resourceLabels = stringMap(p, rv);
            } else {
              p.skipChildren();
            }
          }
          break;
        case "httpRequest":
          seen = once(seen, 512);
          requireObject(v);
          hasHttp = true;
          int httpSeen = 0;
          for (JsonToken h = p.nextToken(); h != JsonToken.END_OBJECT; h = p.nextToken()) {
            String hn = p.currentName();
            JsonToken hv = p.nextToken();
            if ("requestMethod".equals(hn)) {
              httpSeen = once(httpSeen, 1);
              httpMethod = text(p, hv);
            } else if ("requestUrl".equals(hn)) {
              httpSeen = once(httpSeen, 2);
              httpUrl = text(p, hv);
            } else if ("status".equals(hn)) {
              httpSeen = once(httpSeen, 4);
              httpStatus = status(p, hv);
            } else {
              p.skipChildren();
            }
          }
          break;
        case "jsonPayload":
          seen = once(seen, 1024);
          requireObject(v);
          payload = payload(p);
          break;
        case "protoPayload":
          throw GiveUp.INSTANCE; // rare here; its message needs the tree's precedence rules
        default:
          p.skipChildren();
          break;
      }
    }
    if (p.nextToken() != null) {
      throw GiveUp.INSTANCE; // trailing tokens: the tree path rejects the record
    }
    if (timestampText == null) {
      throw GiveUp.INSTANCE;
    }
    Instant timestamp;
    try {
      timestamp = Rfc3339.parse(timestampText);
    } catch (DateTimeException e) {
      throw GiveUp.INSTANCE;
    }

    LogEntry.Builder b =
        LogEntryParser.identified(
                LogEntry.builder(),
                logName,
                resourceType,
                resourceLabels,
                labels,
                payload == null ? null : payload.scVersion)
            .timestamp(timestamp)
            .severity(
                LogEntryParser.severity(
                    rootSeverity,
                    payload == null ? null : payload.severity,
                    payload == null ? null : payload.level))
            .insertId(insertId)
            .trace(trace)
            .spanId(spanId)
            .httpMethod(httpMethod)
            .httpUrl(httpUrl)
            .httpStatus(httpStatus);
    message(b, payload, textPayload, hasHttp, httpMethod, httpUrl, httpStatus);
    return b.build();
  }

  /** The message precedence of {@link LogEntryParser}, for what this parser read. */
  private static void message(
      LogEntry.Builder b,
      Payload payload,
      String textPayload,
      boolean hasHttp,
      String method,
      String url,
      int status)
      throws GiveUp {
    if (payload != null) {
      for (int i = 0; i < payload.candidates.length; i++) {
        if (payload.candidates[i] != null) {
          String field = i == 0 ? "jsonPayload.message" : "jsonPayload." + MESSAGE_KEYS.get(i - 1);
          LogEntryParser.setMessage(
              b, payload.candidates[i], field, LogEntryParser.MAX_MESSAGE_CHARS);
          return;
        }
      }
    }
    String text = LogEntryParser.nonBlank(textPayload);
    if (text != null) {
      LogEntryParser.setMessage(b, text, "textPayload", LogEntryParser.MAX_MESSAGE_CHARS);
      return;
    }
    if (hasHttp && (method != null || url != null || status != 0)) {
      StringBuilder sb = new StringBuilder();
      sb.append(method == null ? "-" : method).append(' ').append(LogEntryParser.urlPath(url));
      if (status != 0) {
        sb.append(' ').append(status);
      }
      LogEntryParser.setMessage(b, sb.toString(), "httpRequest", LogEntryParser.MAX_MESSAGE_CHARS);
      return;
    }
    if (payload != null) {
      throw GiveUp.INSTANCE; // rendered from the payload's scalars by the tree path
    }
    b.message("").messageField("empty");
  }

  /** What the entry reads of a jsonPayload. */
  private static final class Payload {
    /** Usable message of {@code message}, then of each of {@link #MESSAGE_KEYS}; null if none. */
    final String[] candidates = new String[MESSAGE_KEYS.size() + 1];

    Severity severity;
    Severity level;
    String scVersion;
  }

  private static Payload payload(JsonParser p) throws IOException, GiveUp {
    Payload out = new Payload();
    int seen = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      int slot = "message".equals(name) ? 0 : MESSAGE_KEYS.indexOf(name) + 1;
      if (slot > 0 || "message".equals(name)) {
        seen = once(seen, 1 << slot);
        out.candidates[slot] = candidate(p, v);
      } else if ("severity".equals(name)) {
        seen = once(seen, 1 << 20);
        out.severity = severity(p, v);
      } else if ("level".equals(name)) {
        seen = once(seen, 1 << 21);
        out.level = severity(p, v);
      } else if ("serviceContext".equals(name)) {
        seen = once(seen, 1 << 22);
        if (v == JsonToken.START_OBJECT) {
          int scSeen = 0;
          for (JsonToken s = p.nextToken(); s != JsonToken.END_OBJECT; s = p.nextToken()) {
            String sn = p.currentName();
            JsonToken sv = p.nextToken();
            if ("version".equals(sn)) {
              scSeen = once(scSeen, 1);
              out.scVersion = text(p, sv);
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren(); // not an object: no version, as in the tree path
        }
      } else {
        p.skipChildren();
      }
    }
    return out;
  }

  /**
   * A usable message value, as {@code LogEntryParser.candidate}; gives up on numbers and booleans.
   */
  private static String candidate(JsonParser p, JsonToken v) throws IOException, GiveUp {
    switch (v) {
      case VALUE_NULL:
        return null;
      case VALUE_STRING:
        return LogEntryParser.nonBlank(p.getText());
      case START_ARRAY:
        p.skipChildren();
        return null;
      case START_OBJECT:
        String message = null;
        boolean seen = false;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
          String name = p.currentName();
          JsonToken mv = p.nextToken();
          if ("message".equals(name)) {
            if (seen) {
              throw GiveUp.INSTANCE;
            }
            seen = true;
            message = mv == JsonToken.VALUE_STRING ? LogEntryParser.nonBlank(p.getText()) : null;
          }
          p.skipChildren();
        }
        return message;
      default:
        throw GiveUp.INSTANCE; // numbers and booleans: rendered by Jackson's asText in the tree
    }
  }

  /** A string or null; anything else is rendered by the tree path. */
  private static String text(JsonParser p, JsonToken v) throws GiveUp, IOException {
    if (v == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    throw GiveUp.INSTANCE;
  }

  private static Severity severity(JsonParser p, JsonToken v) throws GiveUp, IOException {
    if (v == JsonToken.VALUE_STRING) {
      return Severity.parseLenient(p.getText());
    }
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    throw GiveUp.INSTANCE;
  }

  private static int status(JsonParser p, JsonToken v) throws GiveUp, IOException {
    if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
      return p.getIntValue();
    }
    if (v == JsonToken.VALUE_STRING) {
      return LogEntryParser.statusText(p.getText());
    }
    if (v == JsonToken.VALUE_NULL) {
      return 0;
    }
    throw GiveUp.INSTANCE;
  }

  /** A map of string values in document order, as the tree path builds it; nulls are left out. */
  private static Map<String, String> stringMap(JsonParser p, JsonToken v)
      throws IOException, GiveUp {
    requireObject(v);
    JsonToken t = p.nextToken();
    if (t == JsonToken.END_OBJECT) {
      return Map.of();
    }
    Map<String, String> m = new HashMap<>();
    Set<String> nulls = null;
    for (; t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (m.containsKey(name) || (nulls != null && nulls.contains(name))) {
        throw GiveUp.INSTANCE; // a repeated key: the tree keeps the last one
      }
      if (value == JsonToken.VALUE_STRING) {
        m.put(name, p.getText());
      } else if (value == JsonToken.VALUE_NULL) {
        if (nulls == null) {
          nulls = new HashSet<>();
        }
        nulls.add(name);
      } else {
        throw GiveUp.INSTANCE; // numbers, booleans and objects are rendered by the tree path
      }
    }
    return m;
  }

  private static void requireObject(JsonToken v) throws GiveUp {
    if (v != JsonToken.START_OBJECT) {
      throw GiveUp.INSTANCE;
    }
  }

  /** Marks a key read; a second time, gives up (the tree would keep the last value). */
  private static int once(int seen, int bit) throws GiveUp {
    if ((seen & bit) != 0) {
      throw GiveUp.INSTANCE;
    }
    return seen | bit;
  }
}
