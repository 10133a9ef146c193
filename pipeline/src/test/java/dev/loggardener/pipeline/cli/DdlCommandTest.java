package dev.loggardener.pipeline.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

/** {@code gardener ddl}: the command line that prints the DDL and sets its partition expiry. */
public class DdlCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    return DdlCommand.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  public void partitionExpirationDaysSetsTheExpiryOfBothTables() {
    assertThat(run("--project=p", "--dataset=d", "--partitionExpirationDays=90"), is(0));
    String ddl = out.toString(StandardCharsets.UTF_8);
    assertThat(
        ddl,
        containsString(
            "ALTER TABLE `p.d.clusters` SET OPTIONS(require_partition_filter=TRUE, partition_expiration_days=90);"));
    assertThat(
        ddl,
        containsString(
            "ALTER TABLE `p.d.dead_letters` SET OPTIONS(require_partition_filter=TRUE, partition_expiration_days=90);"));
  }

  @Test
  public void aNonNumericExpiryIsAUsageError() {
    assertThat(run("--partitionExpirationDays=forever"), is(2));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("--partitionExpirationDays"));
    assertThat(out.toString(StandardCharsets.UTF_8), is(""));
  }

  @Test
  public void anUnknownFlagIsAUsageError() {
    assertThat(run("--expiry=3"), is(2));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("usage: gardener ddl"));
  }
}
