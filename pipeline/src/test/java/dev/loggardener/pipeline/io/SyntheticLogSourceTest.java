package dev.loggardener.pipeline.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import dev.loggardener.parse.RawRecord;
import dev.loggardener.parse.RawRecordCoder;
import dev.loggardener.pipeline.sample.SyntheticLogEntries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.io.UnboundedSource.UnboundedReader;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/**
 * The synthetic source delivers each index exactly once across its splits, resumes from a
 * checkpoint without gaps or repeats, is unbounded, and ends with the watermark at the end of time
 * once its total is reached.
 */
public class SyntheticLogSourceTest {
  private static final SyntheticLogEntries ENTRIES = SyntheticLogEntries.of(3, 50, 0.5, 1e6);

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  @Test
  public void splitsPartitionTheIndicesAndAFinishedSplitIsAtTheEndOfTime() throws IOException {
    SyntheticLogSource source = SyntheticLogSource.of(ENTRIES, 1e9, 10);
    List<Long> ordinals = new ArrayList<>();
    for (SyntheticLogSource split : source.split(3, PipelineOptionsFactory.create())) {
      UnboundedReader<RawRecord> r = split.createReader(PipelineOptionsFactory.create(), null);
      for (boolean more = r.start(); more; more = r.advance()) {
        ordinals.add(r.getCurrent().ordinal());
        assertThat(r.getCurrent().text(), equalTo(ENTRIES.json(r.getCurrent().ordinal() - 1)));
      }
      assertThat(r.getWatermark(), equalTo(BoundedWindow.TIMESTAMP_MAX_VALUE));
    }
    ordinals.sort(Long::compare);
    assertThat(ordinals, equalTo(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L)));
  }

  @Test
  public void aSourceStartingAtAnIndexDeliversExactlyTheEntriesFromThere() throws IOException {
    // What a relaunch after a drain at index 6 reads: 6 to 9, split or not.
    List<Long> ordinals = new ArrayList<>();
    for (SyntheticLogSource split :
        SyntheticLogSource.of(ENTRIES, 1e9, 10)
            .startingAt(6)
            .split(3, PipelineOptionsFactory.create())) {
      UnboundedReader<RawRecord> r = split.createReader(PipelineOptionsFactory.create(), null);
      for (boolean more = r.start(); more; more = r.advance()) {
        ordinals.add(r.getCurrent().ordinal());
      }
    }
    ordinals.sort(Long::compare);
    assertThat(ordinals, equalTo(List.of(7L, 8L, 9L, 10L)));
  }

  @Test
  public void aReaderRestoredFromACheckpointContinuesWhereTheOldOneStopped() throws IOException {
    SyntheticLogSource split =
        SyntheticLogSource.of(ENTRIES, 1e9, 20).split(2, PipelineOptionsFactory.create()).get(1);
    UnboundedReader<RawRecord> first = split.createReader(PipelineOptionsFactory.create(), null);
    first.start();
    first.advance();
    assertThat(first.getCurrent().ordinal(), equalTo(4L)); // indices 1, 3: ordinals 2, 4
    SyntheticLogSource.Position mark = (SyntheticLogSource.Position) first.getCheckpointMark();
    UnboundedReader<RawRecord> restored = split.createReader(PipelineOptionsFactory.create(), mark);
    assertThat(restored.start(), is(true));
    assertThat(restored.getCurrent().ordinal(), equalTo(6L));
  }

  @Test
  public void aFiniteRunOnTheDirectRunnerDeliversEveryEntryOnceAndEnds() {
    // 500 entries at 100,000 per second, half a millisecond apart in event time: one day window.
    PCollection<RawRecord> records =
        pipeline
            .apply("Generate", Read.from(SyntheticLogSource.of(ENTRIES, 1e5, 500)))
            .setCoder(RawRecordCoder.of());
    assertThat(records.isBounded(), equalTo(PCollection.IsBounded.UNBOUNDED));
    PCollection<Long> count =
        records
            .apply("OneDay", Window.<RawRecord>into(FixedWindows.of(Duration.standardDays(1))))
            .apply("Count", Combine.globally(Count.<RawRecord>combineFn()).withoutDefaults());
    PAssert.thatSingleton(count).isEqualTo(500L);
    pipeline.run().waitUntilFinish();
  }
}
