package dev.portcullis.demo.catalog;

/** A write would grow an index past its cap; answered with 409. */
final class IndexFullException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  IndexFullException(String message) {
    super(message, null, false, false);
  }
}
