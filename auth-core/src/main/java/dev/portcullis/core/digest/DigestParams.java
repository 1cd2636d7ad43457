package dev.portcullis.core.digest;

import dev.portcullis.core.internal.AuthParams;
import dev.portcullis.core.http.MalformedException;
import org.jspecify.annotations.Nullable;

/**
 * The auth-params of one Digest {@code Authorization} value (RFC 7616 §3.4), parsed in one pass.
 *
 * <p>Same grammar and refusals as {@link AuthParams#parse} (quoted-string escapes, empty list
 * elements, any repeated name refused, at most {@link AuthParams#MAX_PARAMS}), but without a map,
 * name copies or value copies: the known names are matched in place and their values stay spans of
 * the input, read in place by the hashing, comparisons and nonce decoding, because this runs on every
 * request. Only a quoted-string with escapes gets a string of its own. Not thread-safe; one per
 * request.
 */
final class DigestParams {
  static final int USERNAME = 0;
  static final int USERNAME_STAR = 1;
  static final int REALM = 2;
  static final int NONCE = 3;
  static final int URI = 4;
  static final int RESPONSE = 5;
  static final int ALGORITHM = 6;
  static final int CNONCE = 7;
  static final int OPAQUE = 8;
  static final int QOP = 9;
  static final int NC = 10;
  static final int USERHASH = 11;
  private static final String[] NAMES = {"username", "username*", "realm", "nonce", "uri", "response",
      "algorithm", "cnonce", "opaque", "qop", "nc", "userhash"};
  // each name's last (up to) 8 characters, one per byte, as the parser folds them while scanning
  private static final long[] FOLDED = new long[NAMES.length];
  private static final boolean[] TCHAR = new boolean[128];

  static {
    for (int k = 0; k < NAMES.length; k++) {
      FOLDED[k] = fold(NAMES[k], 0, NAMES[k].length());
    }
    for (char c = 0; c < 128; c++) {
      TCHAR[c] = AuthParams.isTchar(c);
    }
  }

  private final String input;
  // bit k set: param k was sent; its value is then source(k)[span[2k], span[2k+1])
  private int present;
  // bit k set: param k's value holds a non-ASCII character, so hashing must encode it
  private int wide;
  private final int[] span = new int[2 * NAMES.length];
  private @Nullable String @Nullable [] unescaped;

  private DigestParams(String input) {
    this.input = input;
  }

  /** Whether {@code param} was sent. */
  boolean has(int param) {
    return (present & 1 << param) != 0;
  }

  /** The value of {@code param} as a new string, or null if it was not sent. */
  @Nullable String get(int param) {
    if (!has(param)) {
      return null;
    }
    return source(param).substring(span[2 * param], span[2 * param + 1]);
  }

  /** The text {@code param}'s span indexes into: the input, or its unescaped copy. */
  String source(int param) {
    String u = unescaped == null ? null : unescaped[param];
    return u != null ? u : input;
  }

  int from(int param) {
    return span[2 * param];
  }

  int to(int param) {
    return span[2 * param + 1];
  }

  /** The length of {@code param}'s value; 0 when absent. */
  int length(int param) {
    return span[2 * param + 1] - span[2 * param];
  }

  /** Whether {@code param}'s value is all ASCII (or absent): then each character is its byte. */
  boolean ascii(int param) {
    return (wide & 1 << param) == 0;
  }

  /** Whether {@code param} was sent and is exactly {@code value}. */
  boolean is(int param, String value) {
    return has(param) && length(param) == value.length()
        && source(param).regionMatches(from(param), value, 0, value.length());
  }

  /** Whether {@code param} was sent and is {@code value} ignoring case. */
  boolean isIgnoreCase(int param, String value) {
    return has(param) && length(param) == value.length()
        && source(param).regionMatches(true, from(param), value, 0, value.length());
  }

  /**
   * Parses {@code input}.
   *
   * @throws MalformedException if it breaks the auth-param grammar or repeats a name
   */
  static DigestParams parse(String input) {
    return parse(input, 0);
  }

  /**
   * Parses {@code input} from {@code from} on, in place (the spans index into {@code input}).
   *
   * @throws MalformedException if it breaks the auth-param grammar or repeats a name
   */
  static DigestParams parse(String input, int from) {
    DigestParams p = new DigestParams(input);
    int[] unknown = null;
    int unknownCount = 0;
    int count = 0;
    int n = input.length();
    int i = skipOws(input, from);
    // RFC 9110 §5.6.1.2: empty elements may also lead the list (as AuthParams.parse accepts them)
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
          continue;
        }
        if (i >= n) {
          break;
        }
      }
      first = false;
      int nameStart = i;
      long folded = 0;
      while (i < n) {
        char c = input.charAt(i);
        if (c >= 128 || !TCHAR[c]) {
          break;
        }
        folded = folded << 8 | (c | 0x20);
        i++;
      }
      int nameEnd = i;
      if (nameEnd == nameStart) {
        throw new MalformedException("expected an auth-param name");
      }
      int known = known(input, nameStart, nameEnd, folded);
      i = skipOws(input, i);
      if (i >= n || input.charAt(i) != '=') {
        throw new MalformedException("an auth-param has no '='");
      }
      i = skipOws(input, i + 1);
      int valueStart;
      int valueEnd;
      boolean wide = false;
      @Nullable String escaped = null;
      if (i < n && input.charAt(i) == '"') {
        int start = ++i;
        int close = input.indexOf('"', start);
        if (close >= 0 && plain(input, start, close)) {
          // the common case: printable ASCII up to the closing quote, no escapes
          i = close;
        } else {
          StringBuilder sb = null;
          boolean closed = false;
          int mix = 0;
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
              char escapedChar = input.charAt(i + 1);
              // quoted-pair admits only HTAB, SP, VCHAR and obs-text (RFC 9110 §5.6.4)
              if (escapedChar < 0x20 && escapedChar != '\t' || escapedChar == 0x7f) {
                throw new MalformedException("control character in quoted-string");
              }
              if (sb == null) {
                sb = new StringBuilder(i - start + 16).append(input, start, i);
              }
              mix |= escapedChar;
              sb.append(escapedChar);
              i += 2;
              continue;
            }
            if (c < 0x20 && c != '\t' || c == 0x7f) {
              throw new MalformedException("control character in quoted-string");
            }
            mix |= c;
            if (sb != null) {
              sb.append(c);
            }
            i++;
          }
          if (!closed) {
            throw new MalformedException("unterminated quoted-string");
          }
          wide = mix >= 0x80;
          if (sb != null && known >= 0) {
            escaped = sb.toString();
          }
        }
        valueStart = escaped == null ? start : 0;
        valueEnd = escaped == null ? i : escaped.length();
        i++;
      } else {
        valueStart = i;
        while (i < n && isTchar(input.charAt(i))) {
          i++;
        }
        if (i == valueStart) {
          throw new MalformedException("an auth-param has no value");
        }
        valueEnd = i;
      }
      if (++count > AuthParams.MAX_PARAMS) {
        throw new MalformedException("too many auth-params");
      }
      if (known >= 0) {
        if (p.has(known)) {
          throw new MalformedException("auth-param '" + NAMES[known] + "' appears more than once");
        }
        p.present |= 1 << known;
        p.span[2 * known] = valueStart;
        p.span[2 * known + 1] = valueEnd;
        if (wide) {
          p.wide |= 1 << known;
        }
        if (escaped != null) {
          if (p.unescaped == null) {
            p.unescaped = new String[NAMES.length];
          }
          p.unescaped[known] = escaped;
        }
      } else {
        // unknown names are rare (extensions); remember their spans only to refuse repeats
        if (unknown == null) {
          unknown = new int[8];
        } else if (unknownCount * 2 == unknown.length) {
          unknown = java.util.Arrays.copyOf(unknown, unknown.length * 2);
        }
        for (int u = 0; u < unknownCount; u++) {
          int s = unknown[2 * u];
          int len = unknown[2 * u + 1] - s;
          if (len == nameEnd - nameStart && input.regionMatches(true, s, input, nameStart, len)) {
            throw new MalformedException("an auth-param appears more than once");
          }
        }
        unknown[2 * unknownCount] = nameStart;
        unknown[2 * unknownCount + 1] = nameEnd;
        unknownCount++;
      }
      i = skipOws(input, i);
    }
    return p;
  }

  /**
   * Whether {@code s[from, to)} is all printable ASCII without a backslash (so, before the first
   * quote, a complete quoted-string body needing no unescaping). No early exit: a straight loop the
   * JIT unrolls, since the answer is almost always yes.
   */
  private static boolean plain(String s, int from, int to) {
    int bad = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      bad |= (c - 0x20) | (0x7e - c) | ((c ^ '\\') - 1);
    }
    return bad >= 0;
  }

  /**
   * The index of the known name at {@code s[start, end)}, or -1: the parser folded its characters
   * ({@code c | 0x20}, which maps a tchar onto a lower-case letter of a name only when it is that
   * letter in either case) into {@code folded}, keeping the last eight.
   */
  private static int known(String s, int start, int end, long folded) {
    int len = end - start;
    for (int k = 0; k < NAMES.length; k++) {
      if (FOLDED[k] == folded && NAMES[k].length() == len
          && (len <= 8 || (s.charAt(start) | 0x20) == NAMES[k].charAt(0))) {
        return k;
      }
    }
    return -1;
  }

  private static long fold(String name, int from, int to) {
    long f = 0;
    for (int i = from; i < to; i++) {
      f = f << 8 | (name.charAt(i) | 0x20);
    }
    return f;
  }

  private static boolean isTchar(char c) {
    return c < 128 && TCHAR[c];
  }

  private static int skipOws(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }
}
