package dev.portcullis.core.internal;

import dev.portcullis.core.http.MalformedException;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding over UTF-8, strict in both directions.
 *
 * <p>{@link #encode} escapes everything but the unreserved set ({@code ALPHA / DIGIT / - . _ ~})
 * with upper-case hex, as OAuth 1.0a §3.6 requires. {@link #decode} refuses a {@code %} not
 * followed by two hex digits and byte sequences that are not UTF-8. Thread-safe (stateless).
 *
 * <pre>{@code
 * PercentCodec.encode("Ladies + Gentlemen"); // Ladies%20%2B%20Gentlemen
 * PercentCodec.decode("%E2%98%83", false);   // the snowman
 * }</pre>
 */
public final class PercentCodec {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentCodec() {}

  /** Percent-encodes {@code s} (as UTF-8), leaving only unreserved characters bare. */
  public static String encode(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && isUnreserved(s.charAt(i))) {
      i++;
    }
    if (i == n) {
      return s;
    }
    StringBuilder sb = new StringBuilder(n + 16);
    encodeTo(sb, s);
    return sb.toString();
  }

  /** Appends {@code s} percent-encoded to {@code out}. */
  public static void encodeTo(StringBuilder out, String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (isUnreserved(c)) {
        out.append(c);
      } else if (c < 0x80) {
        appendByte(out, c);
      } else {
        int cp = s.codePointAt(i);
        if (Character.isSupplementaryCodePoint(cp)) {
          i++;
        } else if (Character.isSurrogate(c)) {
          cp = 0xFFFD; // lone surrogate: encode the replacement character, as String.getBytes would
        }
        if (cp < 0x800) {
          appendByte(out, 0xC0 | cp >> 6);
          appendByte(out, 0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
          appendByte(out, 0xE0 | cp >> 12);
          appendByte(out, 0x80 | cp >> 6 & 0x3F);
          appendByte(out, 0x80 | cp & 0x3F);
        } else {
          appendByte(out, 0xF0 | cp >> 18);
          appendByte(out, 0x80 | cp >> 12 & 0x3F);
          appendByte(out, 0x80 | cp >> 6 & 0x3F);
          appendByte(out, 0x80 | cp & 0x3F);
        }
      }
    }
  }

  /**
   * Decodes {@code s}; when {@code plusIsSpace} (form encoding) a {@code +} becomes a space.
   *
   * @throws MalformedException on a bad escape or bytes that are not UTF-8
   */
  public static String decode(String s, boolean plusIsSpace) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '%' || plusIsSpace && c == '+') {
        break;
      }
      i++;
    }
    if (i == n) {
      return s;
    }
    byte[] buf = new byte[n];
    int len = 0;
    boolean ascii = true;
    for (int j = 0; j < n; j++) {
      char c = s.charAt(j);
      if (c == '%') {
        if (j + 2 >= n) {
          throw new MalformedException("incomplete percent-escape");
        }
        int hi = hex(s.charAt(j + 1));
        int lo = hex(s.charAt(j + 2));
        if (hi < 0 || lo < 0) {
          throw new MalformedException("invalid percent-escape");
        }
        int b = hi << 4 | lo;
        ascii &= b < 0x80;
        buf[len++] = (byte) b;
        j += 2;
      } else if (plusIsSpace && c == '+') {
        buf[len++] = ' ';
      } else if (c < 0x80) {
        buf[len++] = (byte) c;
      } else {
        // Already-decoded non-ASCII text mixed with escapes: re-encode it as UTF-8 bytes. A
        // surrogate pair is one code point; a lone surrogate cannot have come from UTF-8.
        String ch;
        if (Character.isHighSurrogate(c) && j + 1 < n && Character.isLowSurrogate(s.charAt(j + 1))) {
          ch = s.substring(j, j + 2);
          j++;
        } else if (Character.isSurrogate(c)) {
          throw new MalformedException("text is not valid UTF-8");
        } else {
          ch = String.valueOf(c);
        }
        byte[] enc = ch.getBytes(StandardCharsets.UTF_8);
        // Room for this char and one byte for each char still to come, so the ASCII and escape
        // branches, which write without checking, cannot run past the end.
        int need = len + enc.length + (n - j - 1);
        if (need > buf.length) {
          buf = java.util.Arrays.copyOf(buf, Math.max(need, buf.length * 2));
        }
        System.arraycopy(enc, 0, buf, len, enc.length);
        len += enc.length;
        ascii = false;
      }
    }
    if (ascii) {
      return new String(buf, 0, len, StandardCharsets.ISO_8859_1);
    }
    return utf8Strict(buf, 0, len);
  }

  /**
   * Decodes {@code bytes} as UTF-8, refusing malformed sequences.
   *
   * @throws MalformedException if the bytes are not UTF-8
   */
  public static String utf8Strict(byte[] bytes, int off, int len) {
    // Validated by hand (RFC 3629 well-formed sequences: no overlongs, surrogates or values past
    // U+10FFFF), then decoded by String: a CharsetDecoder per call cost more than the rest of an
    // OAuth verification's query parsing.
    int i = off;
    int end = off + len;
    while (i < end) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        i++;
        continue;
      }
      int lead = Utf8.lead(b);
      if (lead == Utf8.INVALID) {
        throw new MalformedException("text is not valid UTF-8");
      }
      int need = Utf8.continuations(lead);
      int lo = Utf8.low(lead);
      int hi = Utf8.high(lead);
      if (i + need >= end) {
        throw new MalformedException("text is not valid UTF-8");
      }
      int b1 = bytes[i + 1] & 0xFF;
      if (b1 < lo || b1 > hi) {
        throw new MalformedException("text is not valid UTF-8");
      }
      for (int k = 2; k <= need; k++) {
        int bk = bytes[i + k] & 0xFF;
        if (bk < 0x80 || bk > 0xBF) {
          throw new MalformedException("text is not valid UTF-8");
        }
      }
      i += need + 1;
    }
    return new String(bytes, off, len, StandardCharsets.UTF_8);
  }

  /** Whether {@code c} is in RFC 3986's unreserved set. */
  public static boolean isUnreserved(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
        || c == '-' || c == '.' || c == '_' || c == '~';
  }

  private static void appendByte(StringBuilder out, int b) {
    out.append('%').append(HEX[b >> 4 & 0xF]).append(HEX[b & 0xF]);
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }
}
