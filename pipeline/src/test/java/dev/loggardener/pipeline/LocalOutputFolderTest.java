package dev.loggardener.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** What a local run leaves in its output folder besides its results. */
public class LocalOutputFolderTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void emptyTemporaryDirectoriesOfBeamsWritesAreRemovedAfterARun() throws Exception {
    Path out = tmp.getRoot().toPath();
    Path clusters = Files.createDirectories(out.resolve("clusters/.temp-beam"));
    Files.writeString(out.resolve("clusters/clusters-x.jsonl"), "{}\n");

    Main.removeEmptyTempDirs(out.toString());

    assertThat(Files.exists(clusters), is(false));
    assertThat(Files.exists(out.resolve("clusters/clusters-x.jsonl")), is(true));
  }

  @Test
  public void aTemporaryDirectoryThatStillHoldsFilesIsKept() throws Exception {
    Path out = tmp.getRoot().toPath();
    Path reports = Files.createDirectories(out.resolve("reports/.temp-beam"));
    Files.writeString(reports.resolve("partial"), "x");

    Main.removeEmptyTempDirs(out.toString());

    assertThat(Files.exists(reports.resolve("partial")), is(true));
  }
}
