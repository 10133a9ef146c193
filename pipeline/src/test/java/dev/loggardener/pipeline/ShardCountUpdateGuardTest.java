package dev.loggardener.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import dev.loggardener.pipeline.options.LogGardenerOptions;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.reflect.DoFnSignatures;
import org.junit.Test;

/**
 * An in-place update carries state by step name. The steps keyed per cluster shard name their shard
 * count, so a job launched with another {@code --postAggregationShards} cannot take over their
 * state (the update is refused instead of counting moved clusters twice), while every other
 * stateful step keeps its name and its state.
 */
public class ShardCountUpdateGuardTest {
  private static Set<String> statefulSteps(int shards) throws Exception {
    LogGardenerOptions o =
        LogGardenerPipelineTest.options("unused", Files.createTempDirectory("shard-guard"));
    o.setSource("synthetic");
    o.setPostAggregationShards(shards);
    Pipeline p = Pipeline.create(o);
    LogGardenerPipeline.build(p, o);
    Set<String> names = new TreeSet<>();
    p.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            if (node.getTransform() instanceof ParDo.MultiOutput<?, ?> parDo
                && DoFnSignatures.isStateful(parDo.getFn())) {
              names.add(node.getFullName());
            }
          }
        });
    return names;
  }

  @Test
  public void theSameShardCountKeepsEveryStatefulStepsName() throws Exception {
    assertThat(statefulSteps(4), equalTo(statefulSteps(4)));
  }

  @Test
  public void anotherShardCountRenamesOnlyTheStepsKeyedPerShard() throws Exception {
    Set<String> four = statefulSteps(4);
    Set<String> eight = statefulSteps(8);
    Set<String> renamed = new TreeSet<>(four);
    renamed.removeAll(eight);
    assertThat(
        renamed,
        containsInAnyOrder(
            "LinkCascades/ApplyAnalysis-4-shards/ParMultiDo(ApplyAnalysis)",
            "LinkCascades/EmitChangedRows/EmitIfChanged-4-shards/ParMultiDo(Emit)"));
    assertThat(eight.size(), equalTo(four.size()));
  }
}
