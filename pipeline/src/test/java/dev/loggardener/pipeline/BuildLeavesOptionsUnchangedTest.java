package dev.loggardener.pipeline;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.util.common.ReflectHelpers;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Building the pipeline reads the options and never changes them: what a run is told (streaming for
 * Pub/Sub among it) is settled before construction, so the options a runner receives are the ones
 * the launch validated.
 */
public class BuildLeavesOptionsUnchangedTest {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModules(ObjectMapper.findModules(ReflectHelpers.findClassLoader()));

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void buildingAPubsubPipelineLeavesTheOptionsAsTheyWere() throws Exception {
    String[] args = {
      "--inputSubscription=projects/acme-prod/subscriptions/log-gardener",
      "--output=" + tmp.getRoot()
    };
    LogGardenerOptions o = PipelineOptionsFactory.fromArgs(args).as(LogGardenerOptions.class);
    ObjectNode before = values(o);

    LogGardenerPipeline.build(Pipeline.create(o), o);

    ObjectNode after = values(o);
    assertEquals(withDefaultsReadBy(after, before, args), after);
  }

  /** The values the options hold: those given and the defaults read so far. */
  private static ObjectNode values(PipelineOptions o) {
    return (ObjectNode) JSON.valueToTree(o).get("options").deepCopy();
  }

  /**
   * {@code before} plus, for every property first read during the build, its default as a fresh
   * parse of the same {@code args} gives it: what {@code after} must be if the build set nothing.
   */
  private static ObjectNode withDefaultsReadBy(ObjectNode after, ObjectNode before, String[] args)
      throws Exception {
    ObjectNode expected = before.deepCopy();
    PipelineOptions fresh = PipelineOptionsFactory.fromArgs(args).as(LogGardenerOptions.class);
    for (Iterator<Map.Entry<String, JsonNode>> it = after.fields(); it.hasNext(); ) {
      String name = it.next().getKey();
      if (!expected.has(name)) {
        expected.set(name, JSON.valueToTree(defaultOf(fresh, name)));
      }
    }
    return expected;
  }

  private static Object defaultOf(PipelineOptions fresh, String property) throws Exception {
    String suffix = Character.toUpperCase(property.charAt(0)) + property.substring(1);
    List<Class<? extends PipelineOptions>> interfaces = new ArrayList<>();
    interfaces.add(LogGardenerOptions.class);
    interfaces.addAll(PipelineOptionsFactory.getRegisteredOptions());
    for (Class<? extends PipelineOptions> iface : interfaces) {
      for (Method m : iface.getMethods()) {
        if (m.getParameterCount() == 0
            && (m.getName().equals("get" + suffix) || m.getName().equals("is" + suffix))) {
          return m.invoke(fresh.as(iface));
        }
      }
    }
    throw new AssertionError("no getter for option " + property);
  }
}
