package dev.portcullis.core.token;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * The shape of a generated token: {@code <prefix><id>_<secret><check>}, all base62 after the prefix.
 *
 * <p>The id (12 chars, ~71 bits) is the store's lookup key; the secret (22 chars, ~131 bits) is the
 * part that must be guessed; the check (6 chars) is the CRC32 of everything before it, so a
 * mistyped or truncated token is refused without touching the store. Every character is in RFC 6750's
 * b64token set and none is {@code ':'}, so a token travels unchanged as a Bearer token and as a
 * Basic username. Immutable and thread-safe.
 */
final class TokenFormat {
  static final int ID_LENGTH = 12;
  static final int SECRET_LENGTH = 22;
  static final int CHECK_LENGTH = 6;
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private final String prefix;
  private final int length;

  TokenFormat(String prefix) {
    this.prefix = prefix;
    this.length = prefix.length() + ID_LENGTH + 1 + SECRET_LENGTH + CHECK_LENGTH;
  }

  String prefix() {
    return prefix;
  }

  /** A fresh random id. */
  String newId(SecureRandom random) {
    char[] id = new char[ID_LENGTH];
    for (int i = 0; i < ID_LENGTH; i++) {
      id[i] = BASE62[random.nextInt(62)];
    }
    return new String(id);
  }

  /** A complete token for {@code id} with a fresh secret. */
  String newToken(SecureRandom random, String id) {
    StringBuilder sb = new StringBuilder(length).append(prefix).append(id).append('_');
    for (int i = 0; i < SECRET_LENGTH; i++) {
      sb.append(BASE62[random.nextInt(62)]);
    }
    long crc = crc(sb, sb.length());
    char[] check = new char[CHECK_LENGTH];
    encodeCheck(crc, check);
    return sb.append(check).toString();
  }

  /** Whether {@code token} claims to be a generated token (carries the prefix). */
  boolean claims(String token) {
    return token.startsWith(prefix);
  }

  /** {@link #claims(String)} of the token that starts at {@code text[from]}. */
  boolean claims(String text, int from) {
    return text.startsWith(prefix, from);
  }

  /** {@link #claims(String)} of the token {@code b[0, length)}. */
  boolean claims(byte[] b, int length) {
    int n = prefix.length();
    if (length < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (b[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The id of a well-formed token, or null when the length, alphabet or checksum is wrong. */
  @Nullable String idOf(String token) {
    if (token.length() != length || !token.startsWith(prefix)) {
      return null;
    }
    byte[] ascii = new byte[length];
    return toAscii(token, ascii) && wellFormed(ascii, new CRC32()) ? idOf(ascii) : null;
  }

  /** The length of every generated token of this format. */
  int length() {
    return length;
  }

  /**
   * Whether the ASCII bytes {@code token} (exactly {@link #length()} long, prefix included) have
   * the shape and checksum of a generated token. The CRC is taken over the array in one call: per
   * character it cost a tenth of the whole verification.
   */
  boolean wellFormed(byte[] token, CRC32 c) {
    if (token.length != length) {
      return false;
    }
    int p = prefix.length();
    for (int i = 0; i < p; i++) {
      if (token[i] != prefix.charAt(i)) {
        return false;
      }
    }
    int sep = p + ID_LENGTH;
    for (int i = p; i < length; i++) {
      if (i == sep ? token[i] != '_' : value((char) token[i]) < 0) {
        return false;
      }
    }
    int checkStart = length - CHECK_LENGTH;
    c.reset();
    c.update(token, 0, checkStart);
    long crc = c.getValue();
    for (int i = CHECK_LENGTH - 1; i >= 0; i--) {
      if (token[checkStart + i] != BASE62[(int) (crc % 62)]) {
        return false;
      }
      crc /= 62;
    }
    return true;
  }

  /**
   * Copies {@code token} into {@code out} (exactly as long) as ASCII; false, with {@code out} partly
   * filled, when a character is not ASCII (no generated token has one).
   */
  static boolean toAscii(String token, byte[] out) {
    return token.length() == out.length && toAscii(token, 0, out);
  }

  /** Copies {@code text[from, from + out.length)} into {@code out}; false if a character is not ASCII. */
  static boolean toAscii(String text, int from, byte[] out) {
    for (int i = 0; i < out.length; i++) {
      char c = text.charAt(from + i);
      if (c > 0x7f) {
        return false;
      }
      out[i] = (byte) c;
    }
    return true;
  }

  /** The id of a token {@link #wellFormed} accepted. */
  String idOf(byte[] token) {
    int p = prefix.length();
    return new String(token, p, ID_LENGTH, StandardCharsets.ISO_8859_1);
  }

  private static long crc(CharSequence s, int end) {
    CRC32 crc = new CRC32();
    for (int i = 0; i < end; i++) {
      crc.update(s.charAt(i)); // ASCII only, so one char is one byte
    }
    return crc.getValue();
  }

  private static void encodeCheck(long crc, char[] out) {
    // 62^6 > 2^32, so six digits hold any CRC32 value
    for (int i = CHECK_LENGTH - 1; i >= 0; i--) {
      out[i] = BASE62[(int) (crc % 62)];
      crc /= 62;
    }
  }

  /** Base62 digit values by ASCII code, -1 for any other character: one load per character. */
  private static final byte[] VALUES = new byte[128];

  static {
    java.util.Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < BASE62.length; i++) {
      VALUES[BASE62[i]] = (byte) i;
    }
  }

  private static int value(char c) {
    return c < 128 ? VALUES[c] : -1;
  }
}
