package dev.portcullis.core.spi;

/**
 * A store could not be reached or answered nonsense. Authentication fails closed: the gate's
 * adapters answer 503, never let the request through.
 */
public class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreUnavailableException(String message) {
    super(message);
  }
}
