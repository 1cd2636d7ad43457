package dev.portcullis.core.internal;

import dev.portcullis.core.http.HttpSyntax;
import dev.portcullis.core.http.MalformedException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses the auth-param list of a credentials or challenge value (RFC 7235 §2.1, RFC 9110 §11.2).
 *
 * <p>{@code username="Mufasa", realm="http-auth@example.org", nc=00000001} becomes an ordered map
 * with lower-case names. Values may be tokens or quoted-strings; backslash escapes in quoted-strings
 * are undone. A parameter given twice, an unterminated quoted-string, an empty name or stray
 * characters are refused with a {@link MalformedException} whose message names the problem but not
 * the input. No regular expressions: this runs on every request.
 *
 * <p>Thread-safe (stateless).
 *
 * <pre>{@code
 * Map<String, String> p = AuthParams.parse("realm=\"a\\\"b\", nc=00000001");
 * p.get("realm"); // a"b
 * }</pre>
 */
public final class AuthParams {
  /** Upper bound on parameters, so a hostile header cannot make us build a huge map. */
  public static final int MAX_PARAMS = 64;

  private AuthParams() {}

  /**
   * Parses {@code input} (the part after the scheme name).
   *
   * @throws MalformedException if the list does not follow the grammar or repeats a name
   */
  public static Map<String, String> parse(String input) {
    Map<String, String> out = new LinkedHashMap<>();
    int n = input.length();
    int i = skipOws(input, 0);
    // RFC 9110 §5.6.1.2: empty elements may also lead the list
    while (i < n && input.charAt(i) == ',') {
      i = skipOws(input, i + 1);
    }
    boolean first = true;
    while (i < n) {
      if (!first) {
        if (input.charAt(i) != ',') {
          throw new MalformedException("expected ',' between auth-params");
        }
        i = skipOws(input, i + 1);
        if (i < n && input.charAt(i) == ',') {
          // RFC 9110 list syntax allows empty elements
          continue;
        }
        if (i >= n) {
          break;
        }
      }
      first = false;
      int nameStart = i;
      while (i < n && isTchar(input.charAt(i))) {
        i++;
      }
      if (i == nameStart) {
        throw new MalformedException("expected an auth-param name");
      }
      String name = input.substring(nameStart, i).toLowerCase(Locale.ROOT);
      i = skipOws(input, i);
      if (i >= n || input.charAt(i) != '=') {
        // Not named: a bare word here may be a token68 credential (a secret) sent to the wrong scheme.
        throw new MalformedException("an auth-param has no '='");
      }
      i = skipOws(input, i + 1);
      String value;
      if (i < n && input.charAt(i) == '"') {
        StringBuilder sb = null;
        int start = ++i;
        boolean closed = false;
        while (i < n) {
          char c = input.charAt(i);
          if (c == '"') {
            closed = true;
            break;
          }
          if (c == '\\') {
            if (i + 1 >= n) {
              break;
            }
            char escaped = input.charAt(i + 1);
            // quoted-pair admits only HTAB, SP, VCHAR and obs-text (RFC 9110 §5.6.4)
            if (escaped < 0x20 && escaped != '\t' || escaped == 0x7f) {
              throw new MalformedException("control character in quoted-string");
            }
            if (sb == null) {
              sb = new StringBuilder(input.length());
              sb.append(input, start, i);
            }
            sb.append(escaped);
            i += 2;
            continue;
          }
          if (c < 0x20 && c != '\t' || c == 0x7f) {
            throw new MalformedException("control character in quoted-string");
          }
          if (sb != null) {
            sb.append(c);
          }
          i++;
        }
        if (!closed) {
          throw new MalformedException("unterminated quoted-string");
        }
        value = sb != null ? sb.toString() : input.substring(start, i);
        i++;
      } else {
        int start = i;
        while (i < n && isTchar(input.charAt(i))) {
          i++;
        }
        if (i == start) {
          throw new MalformedException("auth-param '" + safeName(name) + "' has no value");
        }
        value = input.substring(start, i);
      }
      if (out.putIfAbsent(name, value) != null) {
        throw new MalformedException("auth-param '" + safeName(name) + "' appears more than once");
      }
      if (out.size() > MAX_PARAMS) {
        throw new MalformedException("too many auth-params");
      }
      i = skipOws(input, i);
    }
    return Collections.unmodifiableMap(out);
  }

  /** Whether {@code c} is an RFC 9110 tchar ({@link HttpSyntax#isTchar}). */
  public static boolean isTchar(char c) {
    return HttpSyntax.isTchar(c);
  }

  /** Whether {@code s} is a non-empty token ({@link HttpSyntax#isToken}). */
  public static boolean isToken(@Nullable String s) {
    return HttpSyntax.isToken(s);
  }

  /**
   * Whether {@code s} is an RFC 7235 token68: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}.
   * This is also RFC 6750's b64token.
   */
  public static boolean isToken68(@Nullable String s) {
    return s != null && isToken68(s, 0);
  }

  /** {@link #isToken68(String)} of {@code s} from {@code from} on. */
  public static boolean isToken68(String s, int from) {
    int end = s.length();
    while (end > from && s.charAt(end - 1) == '=') {
      end--;
    }
    if (end == from) {
      return false;
    }
    for (int i = from; i < end; i++) {
      char c = s.charAt(i);
      if (c >= 128 || !TOKEN68[c]) {
        return false;
      }
    }
    return true;
  }

  // The token68 characters before the padding (RFC 9110 section 11.2), by ASCII code: a table,
  // since this runs over every Basic and Bearer credential.
  private static final boolean[] TOKEN68 = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      TOKEN68[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
  }

  private static int skipOws(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static String safeName(String name) {
    return name.length() > 32 ? name.substring(0, 32) + "..." : name;
  }
}
