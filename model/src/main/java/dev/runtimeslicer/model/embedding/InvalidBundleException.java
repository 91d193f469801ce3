package dev.runtimeslicer.model.embedding;

/** A model bundle that cannot be used; the message says what is wrong and what to do about it. */
public final class InvalidBundleException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidBundleException(String message) {
    super(message);
  }

  public InvalidBundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
