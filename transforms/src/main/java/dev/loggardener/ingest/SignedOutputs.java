package dev.loggardener.ingest;

import dev.loggardener.model.DeadLetter;
import dev.loggardener.signature.SignedEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/** What {@link FilterAndSign} produces: the signed entries and the entries signing failed on. */
public final class SignedOutputs implements POutput {
  private final Pipeline pipeline;
  private final PCollection<SignedEntry> signed;
  private final PCollection<DeadLetter> deadLetters;

  SignedOutputs(
      Pipeline pipeline, PCollection<SignedEntry> signed, PCollection<DeadLetter> deadLetters) {
    this.pipeline = pipeline;
    this.signed = signed;
    this.deadLetters = deadLetters;
  }

  /** Entries kept by the filter and signed, with their timestamps. */
  public PCollection<SignedEntry> signed() {
    return signed;
  }

  /** Entries whose signing failed, their message redacted and capped. */
  public PCollection<DeadLetter> deadLetters() {
    return deadLetters;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    Map<TupleTag<?>, PValue> out = new LinkedHashMap<>();
    out.put(new TupleTag<SignedEntry>("signed"), signed);
    out.put(new TupleTag<DeadLetter>("deadLetters"), deadLetters);
    return out;
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
