package dev.loggardener.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.sameInstance;

import dev.loggardener.beam.WindowingConfig;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import dev.loggardener.pipeline.options.SyntheticSourceOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.junit.Test;

public class GardenerSettingsTest {
  @Test
  public void thePostAggregationBatchIsTheOptionsSecondsAndTenByDefault() {
    LogGardenerOptions o = PipelineOptionsFactory.create().as(LogGardenerOptions.class);
    o.setSource(SyntheticSourceOptions.SYNTHETIC);
    assertThat(
        GardenerSettings.from(o).postAggregationBatch(), equalTo(Duration.standardSeconds(10)));

    o.setPostAggregationBatchSeconds(0);

    assertThat(GardenerSettings.from(o).postAggregationBatch(), equalTo(Duration.ZERO));
  }

  @Test
  public void withWindowingChangesTheWindowsAndKeepsEverySettingElse() {
    LogGardenerOptions o = PipelineOptionsFactory.create().as(LogGardenerOptions.class);
    o.setSource(SyntheticSourceOptions.SYNTHETIC);
    o.setRunId("20260302T140000Z-aaaaaaaa");
    GardenerSettings s = GardenerSettings.from(o);
    WindowingConfig fast =
        WindowingConfig.of(
            Duration.standardMinutes(60), Duration.standardSeconds(2), Duration.ZERO);

    GardenerSettings changed = s.withWindowing(fast);

    assertThat(changed.windowing(), sameInstance(fast));
    assertThat(changed.withWindowing(s.windowing()), equalTo(s));
  }
}
