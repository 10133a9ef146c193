package dev.loggardener.ingest;

import dev.loggardener.model.DeadLetter;
import dev.loggardener.model.LogEntry;
import dev.loggardener.signature.SignedEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * What the entry step ({@link ParseFilterSign}) produces, one typed collection per kind of result,
 * so callers name what they take instead of looking it up by tuple tag.
 */
public final class EntryOutputs implements POutput {
  private final Pipeline pipeline;
  private final PCollection<SignedEntry> signed;
  private final PCollection<DeadLetter> deadLetters;
  private final PCollection<LogEntry> traceLines;
  private final PCollection<KV<String, Long>> entriesRead;

  EntryOutputs(
      Pipeline pipeline,
      PCollection<SignedEntry> signed,
      PCollection<DeadLetter> deadLetters,
      PCollection<LogEntry> traceLines,
      PCollection<KV<String, Long>> entriesRead) {
    this.pipeline = pipeline;
    this.signed = signed;
    this.deadLetters = deadLetters;
    this.traceLines = traceLines;
    this.entriesRead = entriesRead;
  }

  /** Signed entries with their event time. */
  public PCollection<SignedEntry> signed() {
    return signed;
  }

  /** Records that could not be parsed or signed, with the raw text and reason. */
  public PCollection<DeadLetter> deadLetters() {
    return deadLetters;
  }

  /** Lines that may belong to a stack trace split one line per entry; not filtered or signed. */
  public PCollection<LogEntry> traceLines() {
    return traceLines;
  }

  /** (service, entries parsed) per bundle, to be summed per window. */
  public PCollection<KV<String, Long>> entriesRead() {
    return entriesRead;
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
    out.put(new TupleTag<LogEntry>("traceLines"), traceLines);
    out.put(new TupleTag<KV<String, Long>>("entriesRead"), entriesRead);
    return out;
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
