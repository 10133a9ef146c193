package dev.loggardener.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;

/** The defaults the Flink jar adds to a run. */
public class FlinkMainTest {

  private static String valueOf(List<String> args, String prefix) {
    return args.stream()
        .filter(a -> a.startsWith(prefix))
        .findFirst()
        .orElseThrow()
        .substring(prefix.length());
  }

  @Test
  public void aLocalRunSpillsRecordsLargerThanASortBuffer() throws Exception {
    List<String> args = Arrays.asList(FlinkMain.withFlinkDefaults(new String[] {"run"}));
    Path conf = Paths.get(valueOf(args, "--flinkConfDir="), "flink-conf.yaml");
    assertThat(Files.readString(conf).trim(), is("taskmanager.runtime.large-record-handler: true"));
  }

  @Test
  public void aConfigurationDirectoryOfTheUsersIsKept() {
    List<String> args =
        Arrays.asList(
            FlinkMain.withFlinkDefaults(new String[] {"run", "--flinkConfDir=/etc/flink"}));
    assertThat(args, hasItem("--flinkConfDir=/etc/flink"));
    assertThat(args.stream().filter(a -> a.startsWith("--flinkConfDir=")).count(), is(1L));
  }

  @Test
  public void aRunNamesFlinksWatermarkIntervalUnlessTheUserDoes() {
    assertThat(
        Arrays.asList(FlinkMain.withFlinkDefaults(new String[] {"run"})),
        hasItem("--autoWatermarkInterval=200"));
    List<String> own =
        Arrays.asList(
            FlinkMain.withFlinkDefaults(new String[] {"run", "--autoWatermarkInterval=50"}));
    assertThat(own, hasItem("--autoWatermarkInterval=50"));
    assertThat(own, not(hasItem("--autoWatermarkInterval=200")));
  }

  @Test
  public void otherCommandsAreLeftAlone() {
    List<String> args = Arrays.asList(FlinkMain.withFlinkDefaults(new String[] {"signature"}));
    assertThat(args.get(0), is("signature"));
    assertThat(String.join(" ", args), not(startsWith("--flinkConfDir")));
    assertThat(args.size(), is(1));
  }
}
