package dev.portcullis.console.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The little JSON the console's API speaks: request bodies are one flat object whose values are
 * strings, booleans, null or arrays of strings; responses are written with {@link #string}. Anything
 * else is {@link IllegalArgumentException} with a message safe to show (no client text in it).
 * Stateless.
 */
public final class Json {
  private final String s;
  private int i;

  private Json(String s) {
    this.s = s;
  }

  /**
   * Parses a flat object.
   *
   * @return the members; a value is a String, a Boolean, a {@code List<String>} or absent for null
   * @throws IllegalArgumentException if the text is not such an object, or a member repeats
   */
  public static Map<String, Object> object(String text) {
    Json p = new Json(text);
    Map<String, Object> out = new LinkedHashMap<>();
    p.ws();
    p.expect('{');
    p.ws();
    if (p.peek() == '}') {
      p.i++;
    } else {
      while (true) {
        p.ws();
        String name = p.str();
        p.ws();
        p.expect(':');
        p.ws();
        Object v = p.value();
        if (out.containsKey(name)) {
          throw new IllegalArgumentException("A member is given twice.");
        }
        if (v != null) {
          out.put(name, v);
        }
        p.ws();
        char c = p.next();
        if (c == '}') {
          break;
        }
        if (c != ',') {
          throw bad();
        }
      }
    }
    p.ws();
    if (p.i != text.length()) {
      throw bad();
    }
    return out;
  }

  private @Nullable Object value() {
    char c = peek();
    if (c == '"') {
      return str();
    }
    if (c == '[') {
      i++;
      List<String> list = new ArrayList<>();
      ws();
      if (peek() == ']') {
        i++;
        return list;
      }
      while (true) {
        ws();
        list.add(str());
        ws();
        char d = next();
        if (d == ']') {
          return list;
        }
        if (d != ',') {
          throw bad();
        }
      }
    }
    for (String lit : new String[] {"true", "false", "null"}) {
      if (s.startsWith(lit, i)) {
        i += lit.length();
        return lit.equals("null") ? null : Boolean.valueOf(lit);
      }
    }
    throw new IllegalArgumentException("Values must be strings, booleans or arrays of strings.");
  }

  private String str() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        throw bad();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (i + 4 > s.length()) {
            throw bad();
          }
          try {
            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          } catch (NumberFormatException x) {
            throw bad();
          }
          i += 4;
        }
        default -> throw bad();
      }
    }
  }

  private void ws() {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
      i++;
    }
  }

  private char peek() {
    if (i >= s.length()) {
      throw bad();
    }
    return s.charAt(i);
  }

  private char next() {
    char c = peek();
    i++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      throw bad();
    }
  }

  private static IllegalArgumentException bad() {
    return new IllegalArgumentException("The body is not a JSON object.");
  }

  /** Appends {@code value} as a JSON string (or null). */
  public static StringBuilder string(StringBuilder sb, @Nullable String value) {
    if (value == null) {
      return sb.append("null");
    }
    sb.append('"');
    for (int k = 0; k < value.length(); k++) {
      char c = value.charAt(k);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"');
  }
}
