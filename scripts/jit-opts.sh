# shellcheck shell=bash
# The JVM flags of the commands that run the pipeline, sourced by scripts/gardener and by
# scripts/bench.sh (whose beam-floor rows must start their JVM as gardener does).
#
# Later C2 compilation. With HotSpot's defaults the JIT compiler threads spent about 30 % of a
# 1,000,000-entry run's CPU (CITime: 56 s in C2 for 2,400 methods, most of them Beam, Flink and
# JDK code that runs only a few thousand times); raising the tier-4 thresholds leaves such
# lukewarm code at C1 while the per-entry path, called millions of times, still reaches C2.
# Measured with scripts/bench.sh (docs/performance.md, "JIT round").
# shellcheck disable=SC2034 # used by the scripts that source this file
jit_opts=(-XX:Tier4InvocationThreshold=100000 -XX:Tier4CompileThreshold=110000
  -XX:Tier4BackEdgeThreshold=300000)
