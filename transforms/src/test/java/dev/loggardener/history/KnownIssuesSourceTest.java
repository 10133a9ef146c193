package dev.loggardener.history;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class KnownIssuesSourceTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final String HEADER = "signature_id,tracker_url,status,resolved_revision\n";

  @Test
  public void streamingSourcePicksUpAnEditedFile() throws Exception {
    Path f = tmp.newFile("known.csv").toPath();
    Files.writeString(f, HEADER + "aaaa,https://t/1,open,\n");
    KnownIssuesSource source = KnownIssuesSource.reloading(f.toString(), 1);
    assertThat(source.current().lookup("svc", "bbbb"), is(nullValue()));
    Files.writeString(
        f, HEADER + "aaaa,https://t/1,open,\nbbbb,https://t/2,resolved,svc-00002-abc\n");
    Thread.sleep(5); // past the 1 ms reload interval
    assertThat(source.current().lookup("svc", "bbbb").trackerUrl, is("https://t/2"));
  }

  @Test
  public void aFailedReReadKeepsTheLastGoodRegistry() throws Exception {
    Path f = tmp.newFile("known.csv").toPath();
    Files.writeString(f, HEADER + "aaaa,https://t/1,open,\n");
    KnownIssuesSource source = KnownIssuesSource.reloading(f.toString(), 1);
    source.current();
    Files.delete(f);
    Thread.sleep(5);
    assertThat(source.current().lookup("svc", "aaaa").trackerUrl, is("https://t/1"));
  }

  @Test
  public void fixedSourceNeverRereads() {
    KnownIssuesSource source = KnownIssuesSource.fixed(KnownIssues.empty());
    assertThat(source.current().lookup("svc", "aaaa"), is(nullValue()));
  }
}
