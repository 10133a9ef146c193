package dev.loggardener.report;

import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.CombineFnTester;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.Test;

/** The report combine as Beam drives it: any sharding and merge order, after serialization. */
public class WindowDigestFnTest {

  @Test
  public void givesTheSameDigestHoweverBeamShardsAndMergesTheInput() {
    List<ReportInput> inputs = new ArrayList<>();
    ManyClusters.rows(150).forEach(r -> inputs.add(ReportInput.row(r, null)));
    inputs.add(ReportInput.entriesRead(2_000));
    WindowDigest expected = new WindowDigest(15);
    inputs.forEach(expected::add);
    WindowDigestFn fn = SerializableUtils.ensureSerializable(new WindowDigestFn(15));
    CombineFnTester.testCombineFn(fn, inputs, equalTo(expected));
  }
}
