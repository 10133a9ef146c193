package dev.loggardener.issues;

import dev.loggardener.beam.GardenerCounters;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files issue drafts on the tracker in a stage of its own. Input: drafts keyed by their signature
 * marker (service and cluster). After a {@link Reshuffle}, so the calls never run fused with, or
 * hold up, the row, report and draft writes; keyed by signature, so the drafts of one signature are
 * filed one at a time by one worker (two workers filing two windows of a new signature at once both
 * found no issue and both created one); once per (signature, window) through keyed state, so a
 * repeated row (a retried bundle, an at-least-once write, a late pane) files nothing. A call that
 * may work later ({@link RetryLaterException}: 5xx, rate limits, network) is retried from a
 * processing-time timer after the server's {@code Retry-After} or an exponential backoff, at most
 * {@link #MAX_DELAY} later and at most {@code maxAttempts} times per draft; nothing sleeps. Filings
 * are bounded per worker by its share of the configured global rate ({@link
 * IssueFilingConfig#withRateBound}, {@link CallBudget}); a filing the bound puts off waits on the
 * same timer and costs no attempt. The token is read on the first call, not when the worker starts,
 * and again when GitHub rejects it. Output: the window marker and what happened (CREATED,
 * COMMENTED, ALREADY_REPORTED, FAILED, DROPPED), for tests and logs.
 *
 * <p>Bounded input (a file run) retries in place instead, waiting at most {@link #BATCH_MAX_WAIT}
 * between attempts: once such a run's input is read its processing-time timers never fire, so a
 * retry left to a timer would be lost silently. A draft that would have to wait longer is counted
 * as failed; filing is idempotent, so running the export again files it.
 *
 * <p>Bounds per signature: at most {@link #MAX_PENDING} drafts waiting (more are counted and
 * dropped: the draft files are written anyway) and the last {@link #REMEMBERED_WINDOWS} window
 * markers; the state is cleared {@link #FORGET_AFTER} after the signature's last draft.
 */
public final class FileIssues
    extends PTransform<PCollection<KV<String, IssueDraft>>, PCollection<KV<String, String>>> {
  private static final long serialVersionUID = 1L;

  public static final int MAX_PENDING = 24;
  public static final int REMEMBERED_WINDOWS = 336;
  public static final Duration MAX_DELAY = Duration.standardHours(6);
  public static final Duration FORGET_AFTER = Duration.standardDays(14);
  public static final Duration BATCH_MAX_WAIT = Duration.standardSeconds(5);

  private final IssueFilingConfig config;

  private FileIssues(IssueFilingConfig config) {
    this.config = config;
  }

  public static FileIssues with(IssueFilingConfig config) {
    return new FileIssues(config);
  }

  @Override
  public PCollection<KV<String, String>> expand(PCollection<KV<String, IssueDraft>> drafts) {
    return drafts
        // Which signatures were filed outlives the windows: keep it per key in the global window.
        .apply(
            "IntoGlobalWindow",
            Window.<KV<String, IssueDraft>>into(new GlobalWindows())
                .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
                .withAllowedLateness(Duration.ZERO)
                .discardingFiredPanes())
        .apply("Reshuffle", Reshuffle.of())
        .apply(
            "FileOncePerWindow",
            ParDo.of(new FileFn(config, drafts.isBounded() == PCollection.IsBounded.UNBOUNDED)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
  }

  /** Delay before attempt {@code attempts + 1}: the server's wish, else exponential, capped. */
  static long retryDelayMillis(long retryAfterMillis, int attempts, long backoffMillis) {
    long exponential = Math.max(1, backoffMillis) * (1L << Math.min(Math.max(0, attempts - 1), 20));
    long delay = retryAfterMillis >= 0 ? Math.max(retryAfterMillis, 1) : exponential;
    return Math.min(delay, MAX_DELAY.getMillis());
  }

  static final class FileFn extends DoFn<KV<String, IssueDraft>, KV<String, String>> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FileIssues.class);

    private final IssueFilingConfig config;
    private final boolean streaming;
    private final Counter created = GardenerCounters.counter(GardenerCounters.ISSUES_CREATED);
    private final Counter commented = GardenerCounters.counter(GardenerCounters.ISSUES_COMMENTED);
    private final Counter already =
        GardenerCounters.counter(GardenerCounters.ISSUES_ALREADY_REPORTED);
    private final Counter failed = GardenerCounters.counter(GardenerCounters.ISSUES_FILING_FAILED);
    private final Counter retried =
        GardenerCounters.counter(GardenerCounters.ISSUES_FILING_RETRIED);
    private final Counter dropped =
        GardenerCounters.counter(GardenerCounters.ISSUES_FILING_DROPPED);
    private final Counter throttled =
        GardenerCounters.counter(GardenerCounters.ISSUES_FILING_THROTTLED);
    private transient IssueFiler filer;
    private transient CallBudget budget;

    @StateId("reported")
    private final StateSpec<ValueState<List<String>>> reportedSpec =
        StateSpecs.value(ListCoder.of(StringUtf8Coder.of()));

    @StateId("pending")
    private final StateSpec<ValueState<List<IssueDraft>>> pendingSpec =
        StateSpecs.value(ListCoder.of(SerializableCoder.of(IssueDraft.class)));

    @StateId("attempts")
    private final StateSpec<ValueState<Integer>> attemptsSpec = StateSpecs.value(VarIntCoder.of());

    @TimerId("retry")
    private final TimerSpec retrySpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

    @TimerId("forget")
    private final TimerSpec forgetSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

    FileFn(IssueFilingConfig config, boolean streaming) {
      this.config = config;
      this.streaming = streaming;
    }

    @Setup
    public void setup() {
      // Nothing is read here: a token source that fails at start-up would leave the worker
      // without a token for its whole life. The token is read on the first call instead, and
      // read again when GitHub rejects it.
      filer =
          new IssueFiler(
              GitHubIssueTracker.nonBlocking(
                  config.apiUrl, config.repo, new LazyToken(config.tokenSource), config.timeout));
      budget =
          CallBudget.shared(config.apiUrl + " " + config.repo, config.perWorkerFilingsPerMinute());
    }

    @ProcessElement
    public void process(
        @Element KV<String, IssueDraft> element,
        @StateId("reported") ValueState<List<String>> reportedState,
        @StateId("pending") ValueState<List<IssueDraft>> pendingState,
        @StateId("attempts") ValueState<Integer> attemptsState,
        @TimerId("retry") Timer retry,
        @TimerId("forget") Timer forget,
        OutputReceiver<KV<String, String>> out) {
      IssueDraft draft = element.getValue();
      List<String> reported = orEmpty(reportedState.read());
      List<IssueDraft> pending = orEmpty(pendingState.read());
      boolean waiting = false;
      for (IssueDraft d : pending) {
        waiting |= d.windowMarker.equals(draft.windowMarker);
      }
      if (waiting || reported.contains(draft.windowMarker)) {
        already.inc(); // this (signature, window) is filed or on its way
        out.output(KV.of(draft.windowMarker, "ALREADY_REPORTED"));
        return;
      }
      if (pending.size() >= MAX_PENDING) {
        dropped.inc();
        LOG.warn("Not filing {}: {} drafts of its signature wait already", draft.path, MAX_PENDING);
        out.output(KV.of(draft.windowMarker, "DROPPED"));
        return;
      }
      pending.add(draft);
      forget.offset(FORGET_AFTER).setRelative();
      if (attemptsState.read() != null) {
        pendingState.write(pending); // a retry is scheduled: it files this one too, in order
        return;
      }
      fileDue(pending, reported, 0, reportedState, pendingState, attemptsState, retry, out);
    }

    @OnTimer("retry")
    public void onRetry(
        @StateId("reported") ValueState<List<String>> reportedState,
        @StateId("pending") ValueState<List<IssueDraft>> pendingState,
        @StateId("attempts") ValueState<Integer> attemptsState,
        @TimerId("retry") Timer retry,
        OutputReceiver<KV<String, String>> out) {
      Integer attempts = attemptsState.read();
      fileDue(
          orEmpty(pendingState.read()),
          orEmpty(reportedState.read()),
          attempts == null ? 0 : attempts,
          reportedState,
          pendingState,
          attemptsState,
          retry,
          out);
    }

    @OnTimer("forget")
    public void onForget(
        @StateId("reported") ValueState<List<String>> reportedState,
        @StateId("pending") ValueState<List<IssueDraft>> pendingState,
        @StateId("attempts") ValueState<Integer> attemptsState) {
      if (pendingState.read() == null || pendingState.read().isEmpty()) {
        reportedState.clear();
        pendingState.clear();
        attemptsState.clear();
      }
    }

    /** Files the waiting drafts in order until one has to wait; then sets the retry timer. */
    private void fileDue(
        List<IssueDraft> pending,
        List<String> reported,
        int attempts,
        ValueState<List<String>> reportedState,
        ValueState<List<IssueDraft>> pendingState,
        ValueState<Integer> attemptsState,
        Timer retry,
        OutputReceiver<KV<String, String>> out) {
      while (!pending.isEmpty()) {
        IssueDraft d = pending.get(0);
        long wait = budget == null ? 0 : budget.tryAcquire();
        if (wait > 0) {
          // This worker's share of the global filing rate is spent: wait for a permit. Pacing,
          // not a failure, so it costs no attempt.
          throttled.inc();
          if (!streaming) {
            pause(wait);
            continue;
          }
          retry.offset(Duration.millis(wait)).setRelative();
          attemptsState.write(attempts);
          pendingState.write(pending);
          reportedState.write(reported);
          return;
        }
        String outcome;
        try {
          IssueFiler.Outcome o = filer.file(d);
          (o == IssueFiler.Outcome.CREATED
                  ? created
                  : o == IssueFiler.Outcome.COMMENTED ? commented : already)
              .inc();
          outcome = o.name();
          remember(reported, d.windowMarker);
        } catch (RetryLaterException e) {
          attempts++;
          long delay = retryDelayMillis(e.retryAfterMillis, attempts, config.backoffMillis);
          if (!streaming && attempts < config.maxAttempts && delay <= BATCH_MAX_WAIT.getMillis()) {
            retried.inc();
            pause(delay);
            continue; // the same draft again
          }
          if (streaming && attempts < config.maxAttempts) {
            retried.inc();
            LOG.info("Filing {} again in {} ms: {}", d.path, delay, e.getMessage());
            retry.offset(Duration.millis(delay)).setRelative();
            attemptsState.write(attempts);
            pendingState.write(pending);
            reportedState.write(reported);
            return;
          }
          failed.inc();
          LOG.warn("Gave up filing {} after {} attempts: {}", d.path, attempts, e.getMessage());
          outcome = "FAILED";
        } catch (Exception e) {
          failed.inc(); // an answer that will not change (4xx): counted, never fails the job
          LOG.warn("Could not file {}: {}", d.path, e.toString());
          outcome = "FAILED";
        }
        pending.remove(0);
        attempts = 0;
        out.output(KV.of(d.windowMarker, outcome));
      }
      attemptsState.clear();
      pendingState.clear();
      reportedState.write(reported);
    }

    private static void pause(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static void remember(List<String> reported, String windowMarker) {
      reported.add(windowMarker);
      while (reported.size() > REMEMBERED_WINDOWS) {
        reported.remove(0);
      }
    }

    private static <T> List<T> orEmpty(List<T> l) {
      return l == null ? new ArrayList<>() : new ArrayList<>(l);
    }
  }
}
