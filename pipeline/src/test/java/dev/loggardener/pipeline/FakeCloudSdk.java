package dev.loggardener.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Stand-ins for {@code gcloud}, {@code bq}, {@code gsutil}, {@code mvn} and {@code java} on the
 * PATH of a script under test, so the Google Cloud scripts run for real (not {@code --dry-run})
 * without Google Cloud. Each records its argv, and what it read on stdin for {@code --data-file=-},
 * one call per line. On a fresh project every describe/show fails (nothing exists yet); with {@code
 * existing} they all succeed, as on a re-run.
 */
final class FakeCloudSdk {
  static final String SEP = "\u001f";
  static final String WRITER = "serviceAccount:sink-writer@logging.iam.gserviceaccount.com";
  static final String PROJECT_NUMBER = "123456789012";

  private final Path bin;
  private final Path log;

  FakeCloudSdk(Path dir, boolean existing) throws IOException {
    bin = Files.createDirectories(dir.resolve("bin"));
    log = dir.resolve("calls.log");
    Files.writeString(log, "");
    String script =
        String.join(
            "\n",
            "#!/usr/bin/env bash",
            "args=(\"$(basename \"$0\")\" \"$@\")",
            "line=\"$(IFS=$'" + SEP + "'; echo \"${args[*]}\")\"",
            "for a in \"$@\"; do",
            "  if [ \"$a\" = --data-file=- ]; then line+=$'" + SEP + "'\"<stdin>$(cat)\"; fi",
            "done",
            "echo \"$line\" >> '" + log + "'",
            "case \" $* \" in",
            "  *' projects describe '*projectNumber*) echo '" + PROJECT_NUMBER + "'; exit 0 ;;",
            "  *' describe '*--format=*) echo '" + WRITER + "'; exit 0 ;;",
            "  *' describe '*|*' show '*) exit " + (existing ? 0 : 1) + " ;;",
            "esac",
            "exit 0",
            "");
    for (String name : List.of("gcloud", "bq", "gsutil", "mvn", "java")) {
      Path fake = bin.resolve(name);
      Files.writeString(fake, script, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  /**
   * What the script printed; it must succeed. {@code env} adds to (or, "" values, unsets) the
   * environment.
   */
  String run(Map<String, String> env, String script, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", "../scripts/" + script));
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(new File("."));
    pb.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
    pb.environment().remove("GITHUB_TOKEN");
    pb.environment().remove("GOOGLE_CLOUD_PROJECT");
    env.forEach((k, v) -> pb.environment().put(k, v));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat("finished", p.waitFor(60, TimeUnit.SECONDS), is(true));
    assertThat(out, p.exitValue(), is(0));
    return out;
  }

  /** Every call, as its argv (program name first). */
  List<List<String>> calls() throws IOException {
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isEmpty())
        .map(l -> Arrays.asList(l.split(SEP, -1)))
        .collect(Collectors.toList());
  }

  /** The calls whose argv starts with {@code prefix}. */
  List<List<String>> calls(String... prefix) throws IOException {
    List<String> start = Arrays.asList(prefix);
    return calls().stream()
        .filter(c -> c.size() >= start.size() && c.subList(0, start.size()).equals(start))
        .collect(Collectors.toList());
  }

  /** The one call whose argv starts with {@code prefix}. */
  List<String> call(String... prefix) throws IOException {
    List<List<String>> found = calls(prefix);
    assertThat(String.join(" ", prefix) + " in " + calls(), found.size(), is(1));
    return found.get(0);
  }
}
