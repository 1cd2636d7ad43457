package dev.portcullis.core.http;

import org.jspecify.annotations.Nullable;

/**
 * The RFC 9110 token syntax (§5.6.2), the grammar of authentication scheme and parameter names. A
 * {@code Scheme} author checks a name with it before putting it in a {@link Challenge}; the header
 * parsers use the same table.
 */
public final class HttpSyntax {
  private HttpSyntax() {}

  /** Whether {@code c} is an RFC 9110 tchar. */
  public static boolean isTchar(char c) {
    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
      return true;
    }
    switch (c) {
      case '!': case '#': case '$': case '%': case '&': case '\'': case '*':
      case '+': case '-': case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
      default:
        return false;
    }
  }

  /** Whether {@code s} is a non-empty token. */
  public static boolean isToken(@Nullable String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isTchar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
