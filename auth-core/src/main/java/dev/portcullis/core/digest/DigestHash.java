package dev.portcullis.core.digest;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * The RFC 7616 §3.4.1 response computation, allocation-free: one per thread, reusing its
 * {@link MessageDigest}s and hex buffers. Not thread-safe by design; {@link DigestScheme} keeps one
 * per thread.
 */
final class DigestHash {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final MessageDigest[] digests = new MessageDigest[DigestAlgorithm.values().length];
  private final byte[] buf = new byte[256];
  private final byte[] raw = new byte[32];
  final byte[] ha1Hex = new byte[64];
  private final byte[] ha2Hex = new byte[64];
  private final byte[] bodyHex = new byte[64];
  final byte[] expected16 = new byte[16];
  final byte[] expected32 = new byte[32];
  final byte[] given16 = new byte[16];
  final byte[] given32 = new byte[32];

  MessageDigest md(DigestAlgorithm algorithm) {
    int i = algorithm.base().ordinal();
    MessageDigest md = digests[i];
    if (md == null) {
      md = DigestCredentials.newDigest(algorithm.base());
      digests[i] = md;
    }
    return md;
  }

  /** Puts the hex of HA1 (session form when the algorithm is {@code -sess}) into {@link #ha1Hex}. */
  void sessionHa1(DigestAlgorithm a, byte[] ha1, String nonce, @Nullable String cnonce) {
    int n = a.length();
    hex(ha1, n, ha1Hex);
    if (a.session()) {
      MessageDigest md = md(a);
      md.update(ha1Hex, 0, 2 * n);
      md.update((byte) ':');
      update(md, nonce);
      md.update((byte) ':');
      update(md, cnonce == null ? "" : cnonce);
      finish(md, n);
      hex(raw, n, ha1Hex);
    }
  }

  /** Hashes the body once per request for auth-int; the hex goes into a private buffer. */
  void bodyHash(DigestAlgorithm a, byte[] body) {
    MessageDigest md = md(a);
    md.update(body);
    finish(md, a.length());
    hex(raw, a.length(), bodyHex);
  }

  /**
   * Computes the request-digest (or, with an empty method, rspauth) from {@link #ha1Hex} into
   * {@code out}; {@code qop} null means RFC 2069.
   */
  void response(DigestAlgorithm a, String method, String uri, boolean authInt, String nonce,
      @Nullable String nc, @Nullable String cnonce, @Nullable String qop, byte[] out) {
    int n = a.length();
    MessageDigest md = md(a);
    update(md, method);
    md.update((byte) ':');
    update(md, uri);
    if (authInt) {
      md.update((byte) ':');
      md.update(bodyHex, 0, 2 * n);
    }
    finish(md, n);
    hex(raw, n, ha2Hex);
    md.update(ha1Hex, 0, 2 * n);
    md.update((byte) ':');
    update(md, nonce);
    md.update((byte) ':');
    if (qop != null) {
      update(md, nc);
      md.update((byte) ':');
      update(md, cnonce);
      md.update((byte) ':');
      update(md, qop);
      md.update((byte) ':');
    }
    md.update(ha2Hex, 0, 2 * n);
    try {
      md.digest(out, 0, n);
    } catch (DigestException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Lower-case hex of the first {@code n} bytes of {@code out}. */
  static String hexString(byte[] bytes, int n) {
    byte[] h = new byte[2 * n];
    hex(bytes, n, h);
    return new String(h, StandardCharsets.US_ASCII);
  }

  /** Appends the lower-case hex of the first {@code n} bytes of {@code bytes}. */
  static void appendHex(StringBuilder out, byte[] bytes, int n) {
    for (int i = 0; i < n; i++) {
      out.append((char) HEX[bytes[i] >> 4 & 0xF]).append((char) HEX[bytes[i] & 0xF]);
    }
  }

  /** Decodes {@code s} (hex, either case) into {@code out}; false if it is not exactly that long. */
  static boolean unhex(String s, byte[] out) {
    int n = out.length;
    if (s.length() != 2 * n) {
      java.util.Arrays.fill(out, (byte) 0);
      return false;
    }
    boolean ok = true;
    for (int i = 0; i < n; i++) {
      int hi = hexValue(s.charAt(2 * i));
      int lo = hexValue(s.charAt(2 * i + 1));
      ok &= (hi | lo) >= 0;
      out[i] = (byte) (hi << 4 | lo & 0xF);
    }
    return ok;
  }

  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private void finish(MessageDigest md, int n) {
    try {
      md.digest(raw, 0, n);
    } catch (DigestException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void hex(byte[] in, int n, byte[] out) {
    for (int i = 0; i < n; i++) {
      out[2 * i] = HEX[in[i] >> 4 & 0xF];
      out[2 * i + 1] = HEX[in[i] & 0xF];
    }
  }

  private void update(MessageDigest md, String s) {
    int n = s.length();
    int pos = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        md.update(buf, 0, pos);
        // rare: non-ASCII text (a UTF-8 username in a quoted-string); let the JDK encode the rest
        md.update(s.substring(i).getBytes(StandardCharsets.UTF_8));
        return;
      }
      buf[pos++] = (byte) c;
      if (pos == buf.length) {
        md.update(buf, 0, pos);
        pos = 0;
      }
    }
    md.update(buf, 0, pos);
  }
}
