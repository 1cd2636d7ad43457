package dev.portcullis.core.http;

import java.util.Objects;

/**
 * Renders one {@code WWW-Authenticate} challenge (RFC 7235 §2.1, §4.1).
 *
 * <pre>{@code
 * String v = Challenge.scheme("Basic").quoted("realm", "catalog").quoted("charset", "UTF-8").render();
 * // Basic realm="catalog", charset="UTF-8"
 * }</pre>
 *
 * <p>Quoted values have {@code "} and {@code \} escaped; token values are checked to be tokens.
 * Not thread-safe; build one per response.
 */
public final class Challenge {
  private final StringBuilder sb;
  private boolean hasParams;

  private Challenge(String scheme) {
    if (!HttpSyntax.isToken(scheme)) {
      throw new IllegalArgumentException("scheme must be a token");
    }
    sb = new StringBuilder(96).append(scheme);
  }

  /** Starts a challenge for {@code scheme}. */
  public static Challenge scheme(String scheme) {
    return new Challenge(scheme);
  }

  /** Adds {@code name="value"} with the value escaped as a quoted-string. */
  public Challenge quoted(String name, String value) {
    start(name);
    sb.append('"');
    appendEscaped(sb, value);
    sb.append('"');
    return this;
  }

  /**
   * Adds {@code name=value} with a bare token value (such as {@code algorithm=SHA-256} or
   * {@code stale=true}).
   *
   * @throws IllegalArgumentException if the value is not a token
   */
  public Challenge token(String name, String value) {
    if (!HttpSyntax.isToken(value)) {
      throw new IllegalArgumentException("value of " + name + " must be a token");
    }
    start(name);
    sb.append(value);
    return this;
  }

  /** The challenge text. */
  public String render() {
    return sb.toString();
  }

  @Override
  public String toString() {
    return render();
  }

  /** Appends {@code value} escaped for use inside a quoted-string. */
  public static void appendEscaped(StringBuilder out, String value) {
    Objects.requireNonNull(value, "value");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      // CR/LF can never be sent in a header; replace rather than allow response splitting
      out.append(c == '\r' || c == '\n' ? ' ' : c);
    }
  }

  private void start(String name) {
    if (!HttpSyntax.isToken(name)) {
      throw new IllegalArgumentException("param name must be a token");
    }
    sb.append(hasParams ? ", " : " ").append(name).append('=');
    hasParams = true;
  }
}
