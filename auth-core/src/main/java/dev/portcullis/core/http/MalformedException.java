package dev.portcullis.core.http;

/**
 * Input that does not follow its grammar: a broken header, bad percent-encoding, bytes that are
 * not UTF-8. Its message is safe to show a client: it says what was wrong, never the input itself.
 * The {@link dev.portcullis.core.Gate} turns it into a 400.
 */
public class MalformedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedException(String safeMessage) {
    super(safeMessage, null, false, false);
  }
}
