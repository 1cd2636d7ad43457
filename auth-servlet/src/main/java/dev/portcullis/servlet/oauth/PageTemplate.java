package dev.portcullis.servlet.oauth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An HTML page with {@code ${name}} placeholders, parsed once.
 *
 * <p>Every value is HTML-escaped when substituted, except placeholders whose name ends in
 * {@code _html}: those receive fragments the endpoints build themselves from escaped parts (the
 * hidden inputs, the error box). A placeholder without a value renders as nothing.
 *
 * <pre>{@code
 * PageTemplate t = PageTemplate.of("<h1>${title}</h1>", Set.of("title"));
 * t.render(Map.of("title", "<Demo & co>")); // <h1>&lt;Demo &amp; co&gt;</h1>
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PageTemplate {
  private final List<String> literals;
  private final List<String> names;

  private PageTemplate(List<String> literals, List<String> names) {
    this.literals = literals;
    this.names = names;
  }

  /**
   * Parses {@code text}.
   *
   * @param required placeholders the page must contain, so a replacement template cannot silently
   *     drop the CSRF token or the verifier
   * @throws IllegalArgumentException if a {@code ${} is not closed or a required placeholder is missing
   */
  public static PageTemplate of(String text, Set<String> required) {
    Objects.requireNonNull(text, "text");
    List<String> literals = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int pos = 0;
    while (true) {
      int open = text.indexOf("${", pos);
      if (open < 0) {
        literals.add(text.substring(pos));
        break;
      }
      int close = text.indexOf('}', open + 2);
      if (close < 0) {
        throw new IllegalArgumentException("template has an unclosed ${ placeholder");
      }
      literals.add(text.substring(pos, open));
      names.add(text.substring(open + 2, close).trim());
      pos = close + 1;
    }
    for (String r : required) {
      if (!names.contains(r)) {
        throw new IllegalArgumentException("template lacks the required placeholder ${" + r + "}");
      }
    }
    return new PageTemplate(List.copyOf(literals), List.copyOf(names));
  }

  /**
   * Loads a UTF-8 template from the class path.
   *
   * @throws IllegalArgumentException if the resource is missing or lacks a required placeholder
   */
  public static PageTemplate resource(String name, Set<String> required) {
    try (InputStream in = PageTemplate.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("template resource " + name + " not found");
      }
      return of(new String(in.readAllBytes(), StandardCharsets.UTF_8), required);
    } catch (IOException e) {
      throw new IllegalArgumentException("template resource " + name + " could not be read", e);
    }
  }

  /** The page with {@code values} substituted. */
  public String render(Map<String, String> values) {
    StringBuilder sb = new StringBuilder(1024);
    for (int i = 0; i < names.size(); i++) {
      sb.append(literals.get(i));
      String name = names.get(i);
      String v = values.get(name);
      if (v != null) {
        if (name.endsWith("_html")) {
          sb.append(v);
        } else {
          escapeTo(sb, v);
        }
      }
    }
    return sb.append(literals.get(names.size())).toString();
  }

  /** Appends {@code s} escaped for HTML text and double- or single-quoted attribute values. */
  public static void escapeTo(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&': sb.append("&amp;"); break;
        case '<': sb.append("&lt;"); break;
        case '>': sb.append("&gt;"); break;
        case '"': sb.append("&quot;"); break;
        case '\'': sb.append("&#39;"); break;
        default: sb.append(c);
      }
    }
  }

  /** {@code s} escaped for HTML. */
  public static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    escapeTo(sb, s);
    return sb.toString();
  }
}
