package dev.loggardener.pipeline.sample;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import dev.loggardener.filter.SeverityFilter;
import dev.loggardener.model.LogEntry;
import dev.loggardener.model.Severity;
import dev.loggardener.parse.LogEntryParser;
import dev.loggardener.parse.ParseOutcome;
import dev.loggardener.signature.Signer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

/** The synthetic stream is deterministic per index and has the shape load tests rely on. */
public class SyntheticLogEntriesTest {
  private final LogEntryParser parser = new LogEntryParser();
  private final Signer signer = new Signer();
  private final SeverityFilter filter = new SeverityFilter(Severity.WARNING);

  @Test
  public void entryIsAPureFunctionOfSeedAndIndex() {
    SyntheticLogEntries a = SyntheticLogEntries.of(7, 100, 0.5, 1000);
    SyntheticLogEntries b = SyntheticLogEntries.of(7, 100, 0.5, 1000);
    String fifthAlone = b.json(5);
    for (long i = 0; i < 5; i++) {
      a.json(i);
    }
    assertThat(a.json(5), equalTo(fifthAlone));
    assertThat(SyntheticLogEntries.of(8, 100, 0.5, 1000).json(5), not(equalTo(fifthAlone)));
  }

  @Test
  public void servicesTakeTurnsAndOneServiceIsTheBundledSamplesAsBefore() {
    SyntheticLogEntries one = SyntheticLogEntries.of(7, 100, 0.5, 1000);
    SyntheticLogEntries three = SyntheticLogEntries.of(7, 100, 0.5, 1000, 3);
    assertThat(SyntheticLogEntries.of(7, 100, 0.5, 1000, 1).json(4), equalTo(one.json(4)));
    for (long i = 0; i < 9; i++) {
      LogEntry e = parse(three.json(i));
      assertThat(e.service(), equalTo(SyntheticLogEntries.serviceNames(3).get((int) (i % 3))));
      assertThat(three.service(i), equalTo(e.service()));
      assertThat("same mix per index", three.kind(i), equalTo(one.kind(i)));
    }
    assertThat(parse(one.json(1)).service(), equalTo("netra-backend-staging"));
  }

  @Test
  public void eventTimesAreOneOverTheRateApart() {
    SyntheticLogEntries s = SyntheticLogEntries.of(7, 100, 0.5, 4);
    assertThat(s.eventTime(0), equalTo(SyntheticLogEntries.DEFAULT_START));
    assertThat(s.eventTime(10), equalTo(Instant.parse("2025-09-16T00:00:02.500Z")));
    LogEntry parsed = parse(s.json(10));
    assertThat(parsed.timestamp(), equalTo(s.eventTime(10)));
  }

  @Test
  public void everyEntryParsesAndTheErrorRatioIsTheShareKept() {
    SyntheticLogEntries s = SyntheticLogEntries.of(7, 100, 0.25, 1000);
    int n = 8_000;
    int kept = 0;
    for (long i = 0; i < n; i++) {
      LogEntry e = parse(s.json(i));
      boolean error = s.kind(i) != SyntheticLogEntries.Kind.NORMAL;
      assertThat("entry " + i + " kept iff it is an error or warning", filter.keep(e), is(error));
      kept += error ? 1 : 0;
    }
    assertThat(kept / (double) n, closeTo(0.25, 0.02));
  }

  @Test
  public void oneHotSignatureCarriesHalfTheErrorsAndTheTailHasEveryTemplate() {
    int templates = 200;
    SyntheticLogEntries s = SyntheticLogEntries.of(11, templates, 1.0, 1000);
    Map<String, Integer> bySignature = new HashMap<>();
    int n = 20_000;
    for (long i = 0; i < n; i++) {
      bySignature.merge(signer.sign(parse(s.json(i)).message()).id(), 1, Integer::sum);
    }
    int hottest = bySignature.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    assertThat(hottest / (double) n, closeTo(SyntheticLogEntries.HOT_SHARE, 0.02));
    // The tail templates plus the seed's seven clusters, each its own signature.
    assertThat(bySignature.size(), equalTo(templates + 7));
  }

  private LogEntry parse(String json) {
    ParseOutcome o = parser.parse(json);
    assertThat(o.toString(), o.isOk(), is(true));
    return o.entry();
  }
}
