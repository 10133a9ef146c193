package dev.loggardener.pipeline;

import static dev.loggardener.pipeline.LogGardenerPipelineTest.SAMPLE;
import static dev.loggardener.pipeline.LogGardenerPipelineTest.options;
import static dev.loggardener.pipeline.LogGardenerPipelineTest.rows;
import static dev.loggardener.pipeline.LogGardenerPipelineTest.run;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import dev.loggardener.cluster.ClusterRow;
import dev.loggardener.cluster.Status;
import dev.loggardener.pipeline.options.LogGardenerOptions;
import dev.loggardener.priority.PriorityLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code --priorityPolicy}: a user's policy file decides the rows' priorities and reasons. */
public class PriorityPolicyOptionTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void userPolicyDecidesPriorityAndReason() throws Exception {
    Path policy = tmp.newFile("policy.yaml").toPath();
    Files.writeString(
        policy,
        "rules:\n"
            + "  - name: busy\n    priority: P1\n    min_count: 40\n    reason: 'busy: {count} entries'\n"
            + "  - name: rest\n    priority: P3\n");
    Path out = tmp.newFolder("out").toPath();
    LogGardenerOptions o = options(SAMPLE.toString(), out);
    o.setPriorityPolicy(policy.toString());
    run(o);
    for (ClusterRow r : rows(out)) {
      if (r.count() >= 40) {
        assertThat(r.priority(), is(PriorityLevel.P1));
        assertThat(r.priorityReason(), is("P1: busy: " + r.count() + " entries"));
      } else {
        assertThat(r.priority(), is(PriorityLevel.P3));
      }
    }
  }

  @Test
  public void statusRulesSeeTheStatusAgainstHistory() throws Exception {
    Path policy = tmp.newFile("status.yaml").toPath();
    Files.writeString(
        policy,
        "rules:\n"
            + "  - name: new-errors\n    priority: P1\n    status: [NEW]\n    severity_at_least: ERROR\n"
            + "    reason: 'first time: {status}'\n"
            + "  - name: rest\n    priority: P3\n");
    Path out = tmp.newFolder("out").toPath();
    LogGardenerOptions o = options(SAMPLE.toString(), out);
    o.setPriorityPolicy(policy.toString());
    run(o);
    for (ClusterRow r : rows(out)) {
      assertThat(r.status(), is(Status.NEW));
      if (r.severity().equals("ERROR")) {
        assertThat(r.priority(), is(PriorityLevel.P1));
        assertThat(r.priorityReason(), is("P1: first time: NEW"));
      } else {
        assertThat(r.priority(), is(PriorityLevel.P3));
      }
    }
  }

  @Test
  public void invalidPolicyStopsTheLaunchNamingLineAndRule() throws Exception {
    Path policy = tmp.newFile("bad.yaml").toPath();
    Files.writeString(policy, "rules:\n  - name: broken\n    priority: P1\n    matches: ['(']\n");
    LogGardenerOptions o = options(SAMPLE.toString(), tmp.newFolder("out").toPath());
    o.setPriorityPolicy(policy.toString());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> LogGardenerPipeline.build(Pipeline.create(o), o));
    assertThat(e.getMessage(), containsString("bad.yaml, line 2, rule broken: matches: bad regex"));
  }
}
