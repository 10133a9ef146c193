package dev.loggardener.priority;

/** A priority policy file that cannot be used; the message names the file, line and rule. */
public final class PriorityPolicyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public PriorityPolicyException(String message) {
    super(message);
  }

  public PriorityPolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
