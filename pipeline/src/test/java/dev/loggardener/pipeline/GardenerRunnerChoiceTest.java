package dev.loggardener.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Which jar {@code scripts/gardener run} starts when the user names no runner: the Flink jar
 * (embedded mini-cluster) for an export of 16 MB or more, for a smaller one of 200 (service, hour)
 * pairs or more and for inputs whose size it cannot see, the pipeline jar (DirectRunner) for a
 * small export of a few services over a few hours, for Pub/Sub input and whenever a runner is
 * named. Runs a copy of the script in a scratch tree with built jars and a recording fake java.
 */
public class GardenerRunnerChoiceTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static Path root;
  private static Path calls;
  private static Path big;

  @BeforeClass
  public static void scratchTree() throws Exception {
    root = TMP.newFolder("tree").toPath();
    Files.createDirectories(root.resolve("scripts"));
    Files.copy(Paths.get("..", "scripts", "gardener"), root.resolve("scripts/gardener"));
    root.resolve("scripts/gardener").toFile().setExecutable(true);
    Files.copy(Paths.get("..", "scripts", "jit-opts.sh"), root.resolve("scripts/jit-opts.sh"));
    Files.createDirectories(root.resolve("samples"));
    Files.writeString(root.resolve("samples/cloud-run-backend-hour.json"), "[]");
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    // Jars newer than every source, so the script builds nothing.
    FileTime later = FileTime.fromMillis(System.currentTimeMillis() + 60_000);
    for (String jar :
        List.of(
            "pipeline/target/log-gardener-bundled.jar",
            "flink/target/log-gardener-flink-bundled.jar")) {
      Path p = root.resolve(jar);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "");
      Files.setLastModifiedTime(p, later);
    }
    calls = root.resolve("calls.txt");
    Path java = root.resolve("fake-java");
    Files.writeString(java, "#!/usr/bin/env bash\necho \"$*\" >> '" + calls + "'\n");
    java.toFile().setExecutable(true);
    big = root.resolve("big.ndjson");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(17L * 1024 * 1024);
    }
  }

  /** The jar the script started, by file name. */
  static String jarFor(String... args) throws Exception {
    Files.deleteIfExists(calls);
    List<String> command =
        new ArrayList<>(List.of("bash", root.resolve("scripts/gardener").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("JAVA", root.resolve("fake-java").toString());
    pb.environment().remove("GARDENER_JAR");
    pb.environment().remove("GARDENER_REBUILD");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(output, p.waitFor(), equalTo(0));
    String call = Files.readString(calls).trim();
    String jar = call.substring(call.indexOf("-jar ") + 5);
    return Paths.get(jar.substring(0, jar.indexOf(' '))).getFileName().toString();
  }

  @Test
  public void theBundledSampleRunsOnTheDirectRunner() throws Exception {
    assertThat(jarFor("run"), equalTo("log-gardener-bundled.jar"));
  }

  @Test
  public void aBigExportRunsOnFlinkWithoutARunnerOption() throws Exception {
    assertThat(jarFor("run", "--input=" + big), equalTo("log-gardener-flink-bundled.jar"));
    assertThat(jarFor("--input=" + big), equalTo("log-gardener-flink-bundled.jar"));
  }

  @Test
  public void inputsOfUnknownSizeRunOnFlink() throws Exception {
    assertThat(
        jarFor("run", "--input=gs://bucket/export/*.json"),
        equalTo("log-gardener-flink-bundled.jar"));
  }

  @Test
  public void aNamedRunnerWins() throws Exception {
    assertThat(
        jarFor("run", "--input=" + big, "--runner=DirectRunner"),
        equalTo("log-gardener-bundled.jar"));
    assertThat(jarFor("run", "--runner=FlinkRunner"), equalTo("log-gardener-flink-bundled.jar"));
  }

  @Test
  public void pubsubInputWithoutARunnerStaysOnTheDirectRunner() throws Exception {
    assertThat(
        jarFor("run", "--input=" + big, "--inputSubscription=projects/p/subscriptions/s"),
        equalTo("log-gardener-bundled.jar"));
  }

  @Test
  public void theArgumentsPassThroughUnchanged() throws Exception {
    jarFor("run", "--input=" + big, "--minSeverity=ERROR");
    assertThat(
        Files.readString(calls).trim(), endsWith("run --input=" + big + " --minSeverity=ERROR"));
  }

  /** A small NDJSON export: an entry of each of {@code services} services in each hour. */
  private static Path hourly(String name, int services, int hours, boolean gzip) throws Exception {
    StringBuilder lines = new StringBuilder();
    java.time.Instant start = java.time.Instant.parse("2025-09-16T00:10:00Z");
    for (int h = 0; h < hours; h++) {
      for (int v = 0; v < services; v++) {
        lines
            .append("{\"timestamp\":\"")
            .append(start.plusSeconds(3600L * h))
            .append("\",\"resource\":{\"type\":\"cloud_run_revision\",\"labels\":")
            .append("{\"service_name\":\"svc")
            .append(v)
            .append("\"}},")
            .append("\"severity\":\"ERROR\",\"textPayload\":\"boom\"}\n");
      }
    }
    Path file = root.resolve(name);
    byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
    if (gzip) {
      try (java.util.zip.GZIPOutputStream out =
          new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
        out.write(bytes);
      }
    } else {
      Files.write(file, bytes);
    }
    return file;
  }

  @Test
  public void aSmallExportOfManyServicesOverManyHoursRunsOnFlink() throws Exception {
    assertThat(
        jarFor("run", "--input=" + hourly("many.ndjson", 10, 48, false)),
        equalTo("log-gardener-flink-bundled.jar"));
    assertThat(
        jarFor("run", "--input=" + hourly("many.ndjson.gz", 10, 48, true)),
        equalTo("log-gardener-flink-bundled.jar"));
    assertThat(
        jarFor("run", "--input=" + hourly("month.ndjson", 1, 30 * 24, false)),
        equalTo("log-gardener-flink-bundled.jar"));
  }

  @Test
  public void aSmallExportOfAFewServicesOverAFewHoursStaysOnTheDirectRunner() throws Exception {
    assertThat(
        jarFor("run", "--input=" + hourly("day.ndjson", 1, 24, false)),
        equalTo("log-gardener-bundled.jar"));
    assertThat(
        jarFor("run", "--input=" + hourly("hour.ndjson", 50, 1, false)),
        equalTo("log-gardener-bundled.jar"));
  }

  @Test
  public void aDirectoryOfSmallFilesIsJudgedAsAWhole() throws Exception {
    Path dir = root.resolve("sink");
    Files.createDirectories(dir);
    // a day of two services per file, a week of files: 336 (service, hour) pairs
    for (int d = 0; d < 7; d++) {
      Path day = hourly("d" + d + ".ndjson", 2, 24, false);
      Files.writeString(
          dir.resolve("d" + d + ".ndjson"),
          Files.readString(day).replace("2025-09-16", "2025-09-" + (16 + d)));
      Files.delete(day);
    }
    assertThat(jarFor("run", "--input=" + dir), equalTo("log-gardener-flink-bundled.jar"));
  }
}
