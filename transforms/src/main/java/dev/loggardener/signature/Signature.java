package dev.loggardener.signature;

import java.io.Serializable;
import java.util.Objects;

/**
 * The identity of an error cluster: a redacted, normalized {@link #template()} and the short stable
 * {@link #id()} derived from it together with the signer {@link #version()}. Two log messages
 * belong to the same cluster exactly when their signatures are equal. Instances are immutable and
 * cheap to serialize, so they can be used directly as Beam keys.
 */
public final class Signature implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final String template;
  private final int version;

  public Signature(String id, String template, int version) {
    this.id = Objects.requireNonNull(id, "id");
    this.template = Objects.requireNonNull(template, "template");
    this.version = version;
  }

  /** 16 hex digits of the XXH64 of the version and template (see {@link Signer}). */
  public String id() {
    return id;
  }

  /** Human-readable template with variable parts masked as {@code <*>}; never holds secrets. */
  public String template() {
    return template;
  }

  /** The {@link Signer#VERSION} that produced this signature. */
  public int version() {
    return version;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Signature)) {
      return false;
    }
    Signature other = (Signature) o;
    return version == other.version && id.equals(other.id) && template.equals(other.template);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, template, version);
  }

  @Override
  public String toString() {
    return "Signature{v" + version + ", " + id + ", " + template + "}";
  }
}
