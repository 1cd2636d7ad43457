package dev.portcullis.core.digest;

import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.internal.PercentCodec;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the {@code username*} ext-value (RFC 8187 §3.2, as RFC 7616 §3.4.4 uses it) and
 * reinterprets header text that carried raw UTF-8. Thread-safe (stateless).
 */
final class Rfc8187 {
  private Rfc8187() {}

  /**
   * Decodes {@code UTF-8'lang'pct-encoded} once.
   *
   * @throws MalformedException if the form is wrong, the charset is not UTF-8, or the bytes are not UTF-8
   */
  static String decode(String extValue) {
    int q1 = extValue.indexOf('\'');
    int q2 = q1 < 0 ? -1 : extValue.indexOf('\'', q1 + 1);
    if (q2 < 0) {
      throw new MalformedException("username* must be charset'language'value");
    }
    if (!extValue.regionMatches(true, 0, "UTF-8", 0, 5) || q1 != 5) {
      throw new MalformedException("username* must use the UTF-8 charset");
    }
    String value = extValue.substring(q2 + 1);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      // attr-char or '%': anything else was not percent-encoded as RFC 8187 requires
      boolean ok = c == '%' || PercentCodec.isUnreserved(c) || "!#$&+^`|".indexOf(c) >= 0;
      if (!ok) {
        throw new MalformedException("username* has a character that must be percent-encoded");
      }
    }
    return PercentCodec.decode(value, false);
  }

  /**
   * Servlet containers hand header bytes over as ISO-8859-1 characters; a client that put raw UTF-8
   * into a quoted username meant those bytes as UTF-8 (we advertise charset=UTF-8). Text that is not
   * valid UTF-8 is returned as it came.
   */
  static String latin1AsUtf8(String s) {
    boolean high = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 0xFF) {
        return s;
      }
      high |= c >= 0x80;
    }
    if (!high) {
      return s;
    }
    byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
    try {
      return PercentCodec.utf8Strict(bytes, 0, bytes.length);
    } catch (MalformedException e) {
      return s;
    }
  }
}
