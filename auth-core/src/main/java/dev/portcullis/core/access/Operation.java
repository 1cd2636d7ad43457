package dev.portcullis.core.access;

/**
 * The level of access a permission grants or a request needs: read, write, or both.
 *
 * <p>{@link #READ_WRITE} implies both {@link #READ} and {@link #WRITE}; nothing else implies more
 * than itself.
 */
public enum Operation {
  READ("r"),
  WRITE("w"),
  READ_WRITE("rw");

  private final String code;

  Operation(String code) {
    this.code = code;
  }

  /** The short form used on the wire and in annotations: {@code r}, {@code w} or {@code rw}. */
  public String code() {
    return code;
  }

  /** Whether holding this operation is enough for {@code needed}. */
  public boolean implies(Operation needed) {
    return this == READ_WRITE || this == needed;
  }

  /**
   * Parses {@code r}, {@code w} or {@code rw} (exactly, lower case).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Operation fromCode(String code) {
    switch (code) {
      case "r":
        return READ;
      case "w":
        return WRITE;
      case "rw":
        return READ_WRITE;
      default:
        throw new IllegalArgumentException("operation must be r, w or rw");
    }
  }
}
