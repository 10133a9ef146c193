package dev.loggardener.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loggardener.pipeline.options.GoogleCloudIoOptions;
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
 * {@code templates/flex-template-metadata.json} and the options interfaces agree: every
 * parameter is an option the pipeline reads, every required option and every Google Cloud IO
 * option is a parameter, every parameter is documented, and example values pass its regexes.
 * Options are read reflectively, so an option added by anyone is checked too. The template runs
 * exactly once only, and a batch run over {@code input} needs no subscription.
 */
public class FlexTemplateMetadataTest {
  static final JsonNode METADATA = read();

  static JsonNode read() {
    try {
      return new ObjectMapper()
          .readTree(Paths.get("..", "templates", "flex-template-metadata.json").toFile());
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

  static Map<String, JsonNode> parameters() {
    Map<String, JsonNode> out = new TreeMap<>();
    METADATA.path("parameters").forEach(p -> out.put(p.path("name").asText(), p));
    return out;
  }

  @Test
  public void everyParameterIsAnOptionGetter() {
    Set<String> unknown = new TreeSet<>(parameters().keySet());
    unknown.removeAll(options(LogGardenerOptions.class).keySet());
    assertThat("parameters without an option getter", unknown, is(empty()));
  }

  @Test
  public void everyRequiredOptionAndEveryGoogleCloudIoOptionIsAParameter() {
    Set<String> missing = new TreeSet<>();
    options(LogGardenerOptions.class).forEach((name, getter) -> {
      if (getter.isAnnotationPresent(Validation.Required.class)
          && !parameters().containsKey(name)) {
        missing.add(name);
      }
    });
    options(GoogleCloudIoOptions.class).keySet().stream()
        .filter(n -> !parameters().containsKey(n))
        .forEach(missing::add);
    assertThat("options without a template parameter", missing, is(empty()));
  }

  @Test
  public void everyParameterHasLabelHelpTextAndIsOptional() {
    parameters().forEach((name, p) -> {
      assertThat(name + " label", p.path("label").asText(), not(""));
      assertThat(name + " helpText", p.path("helpText").asText(), not(""));
      assertThat(name + " isOptional", p.path("isOptional").isBoolean(), is(true));
    });
  }

  @Test
  public void optionalParametersHaveADefaultAndEveryOptionIsDocumented() {
    parameters().forEach((name, p) -> {
      Method getter = options(LogGardenerOptions.class).get(name);
      assertThat(name + " @Description", getter.isAnnotationPresent(Description.class), is(true));
      if (p.path("isOptional").asBoolean()) {
        boolean hasDefault = false;
        for (java.lang.annotation.Annotation a : getter.getAnnotations()) {
          hasDefault |= a.annotationType().getEnclosingClass() == Default.class;
        }
        assertThat(name + " is optional, so it needs a @Default", hasDefault, is(true));
      }
    });
  }

  @Test
  public void regexesAcceptTheDocumentedExamples() {
    Map<String, String> examples = new TreeMap<>();
    examples.put("inputSubscription", "projects/my-project/subscriptions/log-gardener");
    examples.put("outputTable", "my-project:log_gardener.clusters");
    examples.put("deadLetterTable", "my-project:log_gardener.dead_letters");
    examples.put("output", "gs://my-bucket/log-gardener");
    examples.put("reportPrefix", "gs://my-bucket/log-gardener/reports");
    examples.put("bigQueryWriteMethod", "STORAGE_API_AT_LEAST_ONCE");
    examples.put("minSeverity", "WARNING");
    examples.put("windowMinutes", "60");
    examples.put("earlyFiringMinutes", "0");
    List<String> failures = new ArrayList<>();
    examples.forEach((name, value) -> {
      for (JsonNode r : parameters().get(name).path("regexes")) {
        if (!Pattern.compile(r.asText()).matcher(value).matches()) {
          failures.add(name + "=" + value + " !~ " + r.asText());
        }
      }
    });
    assertThat(failures, is(empty()));
  }

  @Test
  public void atLeastOnceStreamingModeIsNotOffered() {
    // At least once, a redelivered entry reaches the aggregation twice and inflates counts.
    assertThat(METADATA.path("supportsAtLeastOnce").asBoolean(false), is(false));
    assertThat(METADATA.path("supportsExactlyOnce").asBoolean(), is(true));
    assertThat(METADATA.path("defaultStreamingMode").asText(), is("EXACTLY_ONCE"));
  }

  @Test
  public void theSubscriptionIsOptionalSoABatchRunCanReadInput() {
    JsonNode subscription = parameters().get("inputSubscription");
    assertThat(subscription.path("isOptional").asBoolean(), is(true));
    for (JsonNode r : subscription.path("regexes")) {
      assertThat("an empty subscription passes " + r.asText(),
          Pattern.compile(r.asText()).matcher("").matches(), is(true));
    }
    assertThat(parameters().get("input").path("isOptional").asBoolean(), is(true));
  }
}
