package dev.loggardener.pipeline.io;

import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import java.io.Serializable;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * How every Log Gardener table is written, in one place: the Storage Write API method chosen
 * explicitly (left on default, an unbounded input would silently use legacy streaming inserts),
 * tables never created by the job ({@code CREATE_NEVER}: DDL in {@code scripts/} owns them), rows
 * appended, and for exactly-once streaming a triggering frequency with auto-sharding.
 */
public final class BigQueryWriteSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Method method;
  private final int triggeringFrequencySeconds;
  private final BigQueryServices testServices;

  private BigQueryWriteSettings(
      Method method, int triggeringFrequencySeconds, BigQueryServices testServices) {
    this.method = method;
    this.triggeringFrequencySeconds = triggeringFrequencySeconds;
    this.testServices = testServices;
  }

  /** {@code method} is STORAGE_WRITE_API or STORAGE_API_AT_LEAST_ONCE. */
  public static BigQueryWriteSettings of(String method, int triggeringFrequencySeconds) {
    return new BigQueryWriteSettings(parseMethod(method), triggeringFrequencySeconds, null);
  }

  /** Writes through these services instead of Google's (tests: {@code FakeBigQueryServices}). */
  public BigQueryWriteSettings withTestServices(BigQueryServices services) {
    return new BigQueryWriteSettings(method, triggeringFrequencySeconds, services);
  }

  public Method method() {
    return method;
  }

  /** Throws naming the option unless {@code method} is one of the two Storage API methods. */
  public static Method parseMethod(String method) {
    if ("STORAGE_WRITE_API".equals(method)) {
      return Method.STORAGE_WRITE_API;
    }
    if ("STORAGE_API_AT_LEAST_ONCE".equals(method)) {
      return Method.STORAGE_API_AT_LEAST_ONCE;
    }
    throw new IllegalArgumentException(
        "--bigQueryWriteMethod="
            + method
            + " is not supported; use STORAGE_WRITE_API or STORAGE_API_AT_LEAST_ONCE");
  }

  /** A TableRow write to {@code table} with these settings, for {@code input}'s boundedness. */
  BigQueryIO.Write<TableRow> write(String table, TableSchema schema, PCollection<?> input) {
    BigQueryIO.Write<TableRow> w =
        BigQueryIO.writeTableRows()
            .to(table)
            .withSchema(schema)
            .withMethod(method)
            .withCreateDisposition(CreateDisposition.CREATE_NEVER)
            .withWriteDisposition(WriteDisposition.WRITE_APPEND);
    if (method == Method.STORAGE_WRITE_API
        && input.isBounded() == PCollection.IsBounded.UNBOUNDED) {
      w =
          w.withTriggeringFrequency(Duration.standardSeconds(triggeringFrequencySeconds))
              .withAutoSharding();
    }
    if (testServices != null) {
      w = w.withTestServices(testServices);
    }
    return w;
  }
}
