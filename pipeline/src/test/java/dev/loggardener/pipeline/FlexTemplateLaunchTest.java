package dev.loggardener.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.arrayContaining;

import java.util.Map;
import org.junit.Test;

/** A template launch, which passes only options, submits to Dataflow unless told otherwise. */
public class FlexTemplateLaunchTest {
  static final Map<String, String> LAUNCHER =
      Map.of("FLEX_TEMPLATE_JAVA_MAIN_CLASS", "dev.loggardener.pipeline.Main");

  @Test
  public void aTemplateLaunchWithoutRunnerUsesDataflow() {
    assertThat(
        FlexTemplateLaunch.withDefaultRunner(new String[] {"--inputSubscription=x"}, LAUNCHER),
        arrayContaining("--inputSubscription=x", "--runner=DataflowRunner"));
  }

  @Test
  public void anExplicitRunnerIsKept() {
    assertThat(
        FlexTemplateLaunch.withDefaultRunner(new String[] {"--runner=DirectRunner"}, LAUNCHER),
        arrayContaining("--runner=DirectRunner"));
  }

  @Test
  public void outsideATemplateNothingChanges() {
    assertThat(
        FlexTemplateLaunch.withDefaultRunner(new String[] {"--input=x"}, Map.of()),
        arrayContaining("--input=x"));
  }
}
