package dev.loggardener.pipeline.cli;

import dev.loggardener.parse.LogEntryParser;
import dev.loggardener.signature.RuleBasedSigner;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Signs input lines on several threads and hands each line's result ({@link SignatureCommand#sign})
 * to a sink on the calling thread, in input order. Signing is the per-line cost of {@code gardener
 * signature --learn}, and the signer is stateless, so batches of lines are signed side by side
 * while the calling thread reads and counts; the output cannot depend on the thread count. One
 * thread signs on the calling thread, with no pool.
 */
final class BatchSigner implements AutoCloseable {
  static final int BATCH = 2048;

  private final RuleBasedSigner signer;
  private final LogEntryParser parser;
  private final Consumer<Object> sink;
  private final int threads;
  private final ExecutorService pool;
  private final ArrayDeque<Future<Object[]>> pending = new ArrayDeque<>();
  private String[] batch = new String[BATCH];
  private int size;

  BatchSigner(int threads, RuleBasedSigner signer, LogEntryParser parser, Consumer<Object> sink) {
    this.signer = signer;
    this.parser = parser;
    this.sink = sink;
    this.threads = Math.max(1, threads);
    this.pool =
        this.threads == 1
            ? null
            : Executors.newFixedThreadPool(
                this.threads,
                r -> {
                  Thread t = new Thread(r, "signer");
                  t.setDaemon(true);
                  return t;
                });
  }

  void add(String line) {
    if (pool == null) {
      sink.accept(SignatureCommand.sign(line, signer, parser));
      return;
    }
    batch[size++] = line;
    if (size == BATCH) {
      submit();
    }
  }

  /** Signs what is still buffered and hands over every result still pending. */
  void finish() {
    if (size > 0) {
      submit();
    }
    while (!pending.isEmpty()) {
      drainOne();
    }
  }

  private void submit() {
    String[] lines = batch;
    int n = size;
    batch = new String[BATCH];
    size = 0;
    pending.add(
        pool.submit(
            () -> {
              Object[] out = new Object[n];
              for (int i = 0; i < n; i++) {
                out[i] = SignatureCommand.sign(lines[i], signer, parser);
              }
              return out;
            }));
    // a few batches ahead keep every thread busy and bound the lines held in memory
    while (pending.size() > 2 * threads) {
      drainOne();
    }
  }

  private void drainOne() {
    Object[] signed;
    try {
      signed = pending.poll().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signing", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    }
    for (Object s : signed) {
      sink.accept(s);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
