package dev.loggardener.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import java.beans.Introspector;
import java.lang.reflect.Method;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;
import org.junit.Test;

/**
 * The two Flex Templates' metadata ({@code templates/flex-template-metadata.json}, streaming from a
 * subscription, and {@code templates/flex-template-batch-metadata.json}, a run over exports) and
 * the options interfaces agree: every parameter is an option the pipeline reads, every option is a
 * parameter of a template or excluded below with the reason, every parameter is documented, has a
 * paramType Dataflow accepts (so the console shows its picker), and example values pass its
 * regexes. Options are read reflectively, so an option added by anyone is checked too. A template
 * is streaming exactly when it reads the subscription; the streaming one runs exactly once only.
 */
public class FlexTemplateMetadataTest {
  static final JsonNode METADATA = read("flex-template-metadata.json");
  static final JsonNode BATCH = read("flex-template-batch-metadata.json");

  /** Options no template offers, and why. */
  static final Map<String, String> EXCLUDED =
      Map.ofEntries(
          Map.entry(
              "inputTopic",
              "testing only: a temporary subscription loses what is published while the job is down"),
          Map.entry(
              "githubTokenEnv",
              "Dataflow workers do not see the launcher's environment: githubTokenSecret instead"),
          Map.entry(
              "printSummary",
              "a summary printed when a blocking local run ends; a template launch returns at once"),
          Map.entry("progressSeconds", "progress lines of a local run on stderr"),
          Map.entry("source", "the synthetic load source of benchmarks and soak runs"),
          Map.entry("ratePerSecond", "the synthetic load source of benchmarks and soak runs"),
          Map.entry("durationSeconds", "the synthetic load source of benchmarks and soak runs"),
          Map.entry(
              "syntheticStartSeconds", "the synthetic load source of benchmarks and soak runs"),
          Map.entry("signatures", "the synthetic load source of benchmarks and soak runs"),
          Map.entry("errorRatio", "the synthetic load source of benchmarks and soak runs"),
          Map.entry("syntheticServices", "the synthetic load source of benchmarks and soak runs"),
          Map.entry("seed", "the synthetic load source of benchmarks and soak runs"));

  /** The values of Dataflow's ParameterType (v1beta3) a template parameter may declare. */
  static final Set<String> PARAM_TYPES =
      Set.of(
          "DEFAULT",
          "TEXT",
          "GCS_READ_BUCKET",
          "GCS_WRITE_BUCKET",
          "GCS_READ_FILE",
          "GCS_WRITE_FILE",
          "GCS_READ_FOLDER",
          "GCS_WRITE_FOLDER",
          "PUBSUB_TOPIC",
          "PUBSUB_SUBSCRIPTION",
          "BIGQUERY_TABLE",
          "JAVASCRIPT_UDF_FILE",
          "SERVICE_ACCOUNT",
          "MACHINE_TYPE",
          "KMS_KEY_NAME",
          "WORKER_REGION",
          "WORKER_ZONE",
          "BOOLEAN",
          "ENUM",
          "NUMBER",
          "KAFKA_TOPIC",
          "KAFKA_READ_TOPIC",
          "KAFKA_WRITE_TOPIC");

  static JsonNode read(String file) {
    try {
      return new ObjectMapper().readTree(Paths.get("..", "templates", file).toFile());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Option name to getter, for the getters Log Gardener declares (not Beam's own). */
  static Map<String, Method> options(Class<? extends PipelineOptions> iface) {
    Map<String, Method> out = new TreeMap<>();
    for (Method m : iface.getMethods()) {
      if (!m.getDeclaringClass().getName().startsWith("dev.loggardener")
          || m.getParameterCount() != 0) {
        continue;
      }
      String n = m.getName();
      String prop =
          n.startsWith("get") ? n.substring(3) : n.startsWith("is") ? n.substring(2) : null;
      if (prop != null) {
        out.put(Introspector.decapitalize(prop), m);
      }
    }
    return out;
  }

  static Map<String, JsonNode> parameters(JsonNode metadata) {
    Map<String, JsonNode> out = new TreeMap<>();
    metadata.path("parameters").forEach(p -> out.put(p.path("name").asText(), p));
    return out;
  }

  static Map<String, JsonNode> parameters() {
    return parameters(METADATA);
  }

  /** Both templates' parameters, each under "file name/parameter". */
  static Map<String, JsonNode> allParameters() {
    Map<String, JsonNode> out = new TreeMap<>();
    parameters(METADATA).forEach((n, p) -> out.put("streaming/" + n, p));
    parameters(BATCH).forEach((n, p) -> out.put("batch/" + n, p));
    return out;
  }

  static String name(String key) {
    return key.substring(key.indexOf('/') + 1);
  }

  @Test
  public void everyParameterIsAnOptionGetter() {
    Set<String> unknown = new TreeSet<>();
    allParameters()
        .keySet()
        .forEach(
            k -> {
              if (!options(LogGardenerOptions.class).containsKey(name(k))) {
                unknown.add(k);
              }
            });
    assertThat("parameters without an option getter", unknown, is(empty()));
  }

  @Test
  public void everyOptionIsATemplateParameterOrExcludedWithAReason() {
    Set<String> offered = new TreeSet<>();
    allParameters().keySet().forEach(k -> offered.add(name(k)));
    Set<String> missing = new TreeSet<>();
    options(LogGardenerOptions.class)
        .keySet()
        .forEach(
            name -> {
              if (!offered.contains(name) && !EXCLUDED.containsKey(name)) {
                missing.add(name);
              }
            });
    assertThat("options in no template and not excluded", missing, is(empty()));
    Set<String> both = new TreeSet<>(EXCLUDED.keySet());
    both.retainAll(offered);
    assertThat("excluded options a template offers", both, is(empty()));
    Set<String> stale = new TreeSet<>(EXCLUDED.keySet());
    stale.removeAll(options(LogGardenerOptions.class).keySet());
    assertThat("exclusions of options that no longer exist", stale, is(empty()));
  }

  @Test
  public void everyRequiredOptionWithoutADefaultIsAParameterOfBothTemplates() {
    Set<String> missing = new TreeSet<>();
    options(LogGardenerOptions.class)
        .forEach(
            (name, getter) -> {
              // A required option with a default (input names the bundled sample) is never missing.
              if (getter.isAnnotationPresent(Validation.Required.class) && !hasDefault(getter)) {
                if (!parameters(METADATA).containsKey(name)) {
                  missing.add("streaming/" + name);
                }
                if (!parameters(BATCH).containsKey(name)) {
                  missing.add("batch/" + name);
                }
              }
            });
    assertThat("required options without a template parameter", missing, is(empty()));
  }

  @Test
  public void everyParameterHasLabelHelpTextAndIsOptional() {
    allParameters()
        .forEach(
            (name, p) -> {
              assertThat(name + " label", p.path("label").asText(), not(""));
              assertThat(name + " helpText", p.path("helpText").asText(), not(""));
              assertThat(name + " isOptional", p.path("isOptional").isBoolean(), is(true));
            });
  }

  @Test
  public void everyParameterHasAParamTypeDataflowAccepts() {
    List<String> failures = new ArrayList<>();
    allParameters()
        .forEach(
            (name, p) -> {
              String type = p.path("paramType").asText("");
              if (!PARAM_TYPES.contains(type)) {
                failures.add(name + " paramType '" + type + "'");
              }
            });
    assertThat(failures, is(empty()));
  }

  @Test
  public void theTypeOfEveryParameterFitsItsOption() {
    List<String> failures = new ArrayList<>();
    allParameters()
        .forEach(
            (key, p) -> {
              Method getter = options(LogGardenerOptions.class).get(name(key));
              Class<?> t = getter.getReturnType();
              String type = p.path("paramType").asText();
              boolean fits =
                  t == boolean.class || t == Boolean.class
                      ? type.equals("BOOLEAN")
                      : t.isPrimitive() || Number.class.isAssignableFrom(t)
                          ? type.equals("NUMBER")
                          : !type.equals("BOOLEAN") && !type.equals("NUMBER");
              if (!fits) {
                failures.add(key + ": " + t.getSimpleName() + " as " + type);
              }
            });
    assertThat(failures, is(empty()));
  }

  @Test
  public void enumParametersListOptionsTheirRegexesAccept() {
    List<String> failures = new ArrayList<>();
    allParameters()
        .forEach(
            (name, p) -> {
              if (!p.path("paramType").asText().equals("ENUM")) {
                return;
              }
              if (p.path("enumOptions").size() == 0) {
                failures.add(name + " has no enumOptions");
              }
              for (JsonNode o : p.path("enumOptions")) {
                for (JsonNode r : p.path("regexes")) {
                  if (!Pattern.compile(r.asText()).matcher(o.path("value").asText()).matches()) {
                    failures.add(name + "=" + o.path("value").asText() + " !~ " + r.asText());
                  }
                }
              }
            });
    assertThat(failures, is(empty()));
  }

  @Test
  public void parametersBothTemplatesOfferAreTheSameInBoth() {
    List<String> differ = new ArrayList<>();
    parameters(METADATA)
        .forEach(
            (name, p) -> {
              JsonNode b = parameters(BATCH).get(name);
              if (b != null && !b.equals(p)) {
                differ.add(name);
              }
            });
    assertThat("copied parameters that drifted apart", differ, is(empty()));
  }

  @Test
  public void optionalParametersHaveADefaultAndEveryOptionIsDocumented() {
    allParameters()
        .forEach(
            (name, p) -> {
              Method getter = options(LogGardenerOptions.class).get(name(name));
              assertThat(
                  name + " @Description", getter.isAnnotationPresent(Description.class), is(true));
              if (p.path("isOptional").asBoolean()) {
                assertThat(
                    name + " is optional, so it needs a @Default", hasDefault(getter), is(true));
              }
            });
  }

  static boolean hasDefault(Method getter) {
    for (java.lang.annotation.Annotation a : getter.getAnnotations()) {
      if (a.annotationType().getEnclosingClass() == Default.class) {
        return true;
      }
    }
    return false;
  }

  @Test
  public void regexesAcceptTheDocumentedExamples() {
    Map<String, String> examples = new TreeMap<>();
    examples.put("streaming/inputSubscription", "projects/my-project/subscriptions/log-gardener");
    examples.put("batch/input", "gs://my-bucket/exports/*.json");
    examples.put("batch/backfillCoverage", "2026-12-01T00:00Z/2026-12-02T00:00Z");
    examples.put("streaming/outputTable", "my-project:log_gardener.clusters");
    examples.put("streaming/deadLetterTable", "my-project:log_gardener.dead_letters");
    examples.put("streaming/output", "gs://my-bucket/log-gardener");
    examples.put("streaming/reportPrefix", "gs://my-bucket/log-gardener/reports");
    examples.put("streaming/bigQueryWriteMethod", "STORAGE_API_AT_LEAST_ONCE");
    examples.put("streaming/minSeverity", "WARNING");
    examples.put("streaming/windowMinutes", "60");
    examples.put("streaming/earlyFiringMinutes", "0");
    examples.put("streaming/githubApiUrl", "https://github.example.com/api/v3");
    examples.put("streaming/githubFilingsPerMinute", "0.5");
    examples.put("streaming/reportTemplate", "gs://my-bucket/config/report.md.mustache");
    List<String> failures = new ArrayList<>();
    examples.forEach(
        (key, value) -> {
          for (JsonNode r : allParameters().get(key).path("regexes")) {
            if (!Pattern.compile(r.asText()).matcher(value).matches()) {
              failures.add(key + "=" + value + " !~ " + r.asText());
            }
          }
        });
    assertThat(failures, is(empty()));
  }

  @Test
  public void theStreamingTemplateRunsExactlyOnceOnly() {
    // At least once, a redelivered entry reaches the aggregation twice and inflates counts.
    assertThat(METADATA.path("supportsAtLeastOnce").asBoolean(false), is(false));
    assertThat(METADATA.path("supportsExactlyOnce").asBoolean(), is(true));
    assertThat(METADATA.path("defaultStreamingMode").asText(), is("EXACTLY_ONCE"));
  }

  @Test
  public void aTemplateIsStreamingExactlyWhenItReadsTheSubscription() {
    assertThat(METADATA.path("streaming").asBoolean(false), is(true));
    assertThat(
        parameters(METADATA).get("inputSubscription").path("isOptional").asBoolean(), is(false));
    assertThat(parameters(METADATA).containsKey("input"), is(false));
    assertThat(BATCH.path("streaming").asBoolean(true), is(false));
    assertThat(parameters(BATCH).get("input").path("isOptional").asBoolean(), is(false));
    assertThat(parameters(BATCH).containsKey("inputSubscription"), is(false));
    assertThat(BATCH.has("defaultStreamingMode"), is(false));
  }
}
