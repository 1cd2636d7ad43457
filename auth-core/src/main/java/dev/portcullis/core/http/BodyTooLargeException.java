package dev.portcullis.core.http;

/** The body a scheme needed is larger than the adapter's buffering cap. The gate answers 413. */
public class BodyTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BodyTooLargeException(long cap) {
    super("The request body exceeds " + cap + " bytes", null, false, false);
  }
}
