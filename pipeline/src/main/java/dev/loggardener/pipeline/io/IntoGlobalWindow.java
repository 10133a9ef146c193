package dev.loggardener.pipeline.io;

import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * Puts dead letters from different stages (parse: global window; BigQuery failures: whatever the
 * write left them in) into the same plain global windowing, so they can be flattened into the one
 * dead-letter sink; Flatten rejects inputs with incompatible windows or triggers.
 */
public final class IntoGlobalWindow<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private static final long serialVersionUID = 1L;

  public static <T> IntoGlobalWindow<T> of() {
    return new IntoGlobalWindow<>();
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    return input.apply(
        "Rewindow",
        Window.<T>into(new GlobalWindows())
            .triggering(DefaultTrigger.of())
            .withAllowedLateness(Duration.ZERO)
            .discardingFiredPanes());
  }
}
