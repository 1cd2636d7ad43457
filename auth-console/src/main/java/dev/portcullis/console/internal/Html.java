package dev.portcullis.console.internal;

import org.jspecify.annotations.Nullable;

/**
 * A tiny HTML builder: every value goes through {@link #text} or {@link #attr}, so client data
 * cannot break out of an element or an attribute. Not thread-safe; one per response.
 */
public final class Html {
  private final StringBuilder sb = new StringBuilder(4096);

  /** Appends markup written by us (never client data). */
  public Html raw(String markup) {
    sb.append(markup);
    return this;
  }

  /** Appends text content, escaped. */
  public Html text(@Nullable String s) {
    sb.append(escape(s));
    return this;
  }

  /** Appends {@code name="value"} with the value escaped, preceded by a space. */
  public Html attr(String name, @Nullable String value) {
    sb.append(' ').append(name).append("=\"").append(escape(value)).append('"');
    return this;
  }

  /** Escapes the five characters that matter in text and in double-quoted attributes. */
  public static String escape(@Nullable String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
