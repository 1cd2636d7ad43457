package dev.portcullis.core.digest;

import dev.portcullis.core.http.AuthParams;
import dev.portcullis.core.http.MalformedException;
import org.jspecify.annotations.Nullable;

/**
 * The auth-params of one Digest {@code Authorization} value (RFC 7616 §3.4), parsed in one pass.
 *
 * <p>Same grammar and refusals as {@link AuthParams#parse} (quoted-string escapes, empty list
 * elements, any repeated name refused, at most {@link AuthParams#MAX_PARAMS}), but without a map
 * or lower-cased name copies: the known names are matched in place and only their values become
 * strings, because this runs on every request. Not thread-safe; one per request.
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

  private final @Nullable String[] values = new String[NAMES.length];

  private DigestParams() {}

  @Nullable String get(int param) {
    return values[param];
  }

  /**
   * Parses {@code input}.
   *
   * @throws MalformedException if it breaks the auth-param grammar or repeats a name
   */
  static DigestParams parse(String input) {
    DigestParams p = new DigestParams();
    int[] unknown = null;
    int unknownCount = 0;
    int count = 0;
    int n = input.length();
    int i = skipOws(input, 0);
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
      while (i < n && AuthParams.isTchar(input.charAt(i))) {
        i++;
      }
      int nameEnd = i;
      if (nameEnd == nameStart) {
        throw new MalformedException("expected an auth-param name");
      }
      int known = known(input, nameStart, nameEnd);
      i = skipOws(input, i);
      if (i >= n || input.charAt(i) != '=') {
        throw new MalformedException("an auth-param has no '='");
      }
      i = skipOws(input, i + 1);
      String value;
      if (i < n && input.charAt(i) == '"') {
        int start = ++i;
        StringBuilder sb = null;
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
            if (sb == null) {
              sb = new StringBuilder(i - start + 16).append(input, start, i);
            }
            sb.append(input.charAt(i + 1));
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
        value = known < 0 ? null : sb != null ? sb.toString() : input.substring(start, i);
        i++;
      } else {
        int start = i;
        while (i < n && AuthParams.isTchar(input.charAt(i))) {
          i++;
        }
        if (i == start) {
          throw new MalformedException("an auth-param has no value");
        }
        value = known < 0 ? null : input.substring(start, i);
      }
      if (++count > AuthParams.MAX_PARAMS) {
        throw new MalformedException("too many auth-params");
      }
      if (known >= 0) {
        if (p.values[known] != null) {
          throw new MalformedException("auth-param '" + NAMES[known] + "' appears more than once");
        }
        p.values[known] = value;
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

  private static int known(String s, int start, int end) {
    int len = end - start;
    for (int k = 0; k < NAMES.length; k++) {
      String name = NAMES[k];
      if (name.length() == len && s.regionMatches(true, start, name, 0, len)) {
        return k;
      }
    }
    return -1;
  }

  private static int skipOws(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }
}
