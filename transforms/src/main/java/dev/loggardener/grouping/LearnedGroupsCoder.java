package dev.loggardener.grouping;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * Deterministic coder for {@link LearnedGroups}, the per-service state of the grouping stage: the
 * patterns in string order as UTF-8 strings (span patterns marked in front). Equal groups encode to
 * equal bytes, because {@link LearnedGroups#encoded()} is sorted; decoding rebuilds the same groups
 * with {@link LearnedGroups#of}, which keeps the patterns as they are (none subsumes another in a
 * learned set), so a job restored from a checkpoint or updated in place groups exactly as before.
 */
public final class LearnedGroupsCoder extends AtomicCoder<LearnedGroups> {
  private static final LearnedGroupsCoder INSTANCE = new LearnedGroupsCoder();
  private static final ListCoder<String> PATTERNS = ListCoder.of(StringUtf8Coder.of());

  public static LearnedGroupsCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(LearnedGroups value, OutputStream out) throws IOException {
    PATTERNS.encode(value.encoded(), out);
  }

  @Override
  public LearnedGroups decode(InputStream in) throws IOException {
    return LearnedGroups.of(PATTERNS.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
