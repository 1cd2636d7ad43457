package dev.portcullis.core.digest;

import dev.portcullis.core.spi.digest.DigestAlgorithm;
import dev.portcullis.core.spi.digest.DigestCredentials;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * The RFC 7616 §3.4.1 response computation, allocation-free: one per thread, reusing its
 * {@link MessageDigest}s and buffers. Each hash input is assembled in one buffer and handed to the
 * digest in a single update (many small updates cost more than the hashing of a short input). Not
 * thread-safe by design; {@link DigestScheme} keeps one per thread.
 */
final class DigestHash {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final MessageDigest[] digests = new MessageDigest[DigestAlgorithm.values().length];
  private final byte[] buf = new byte[512];
  private int pos;
  private final byte[] raw = new byte[32];
  private final byte[] ha1Hex = new byte[64];
  private final byte[] bodyHex = new byte[64];
  private final char[] text = new char[256];
  private @Nullable MessageDigest prefix;
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

  /**
   * Keeps the hex of HA1 for the next {@link #response}s, in its session form
   * ({@code H(HA1 ":" nonce ":" cnonce)}) when the algorithm is {@code -sess}.
   */
  void sessionHa1(DigestAlgorithm a, byte[] ha1, DigestParams p) {
    int n = a.length();
    hex(ha1, n, ha1Hex);
    if (a.session()) {
      MessageDigest md = md(a);
      put(md, ha1Hex, 2 * n);
      put(md, (byte) ':');
      put(md, p, DigestParams.NONCE);
      put(md, (byte) ':');
      put(md, p, DigestParams.CNONCE);
      digest(md, raw, n);
      hex(raw, n, ha1Hex);
    }
  }

  /** Hashes the body once per request for auth-int; the hex goes into a private buffer. */
  void bodyHash(DigestAlgorithm a, byte[] body) {
    MessageDigest md = md(a);
    md.update(body);
    digest(md, raw, a.length());
    hex(raw, a.length(), bodyHex);
  }

  /**
   * Computes the request-digest (or, with an empty method, rspauth) from the HA1 kept by
   * {@link #sessionHa1} and {@code p}'s nonce, uri and, when it has a qop, nc, cnonce and qop, into
   * {@code out}. With {@code keepPrefix}, a copy of the digest state after
   * {@code HA1:nonce:nc:cnonce:qop:} is kept for {@link #rspauth}, which then hashes only the rest.
   */
  void response(DigestAlgorithm a, String method, DigestParams p, boolean authInt, byte[] out, boolean keepPrefix) {
    int n = a.length();
    MessageDigest md = md(a);
    hashA2(md, method, p, authInt, n);
    put(md, ha1Hex, 2 * n);
    put(md, (byte) ':');
    put(md, p, DigestParams.NONCE);
    put(md, (byte) ':');
    if (p.has(DigestParams.QOP)) {
      put(md, p, DigestParams.NC);
      put(md, (byte) ':');
      put(md, p, DigestParams.CNONCE);
      put(md, (byte) ':');
      put(md, p, DigestParams.QOP);
      put(md, (byte) ':');
    }
    prefix = null;
    if (keepPrefix) {
      flush(md);
      try {
        prefix = (MessageDigest) md.clone();
      } catch (CloneNotSupportedException e) {
        // a provider without clone: rspauth hashes the whole input again
      }
    }
    putHex(md, raw, n);
    digest(md, out, n);
  }

  /**
   * Computes rspauth (RFC 7616 §3.5: the response with an empty method) into {@code out}, from the
   * state {@link #response} kept when it could, else from scratch.
   */
  void rspauth(DigestAlgorithm a, DigestParams p, boolean authInt, byte[] out) {
    MessageDigest rest = prefix;
    prefix = null;
    if (rest == null) {
      response(a, "", p, authInt, out, false);
      return;
    }
    int n = a.length();
    hashA2(md(a), "", p, authInt, n);
    putHex(rest, raw, n);
    digest(rest, out, n);
  }

  /** Forgets (and wipes) the state {@link #response} kept, when no rspauth will be sent. */
  void dropPrefix() {
    if (prefix != null) {
      prefix.reset();
      prefix = null;
    }
  }

  /** Hashes A2, {@code method ":" uri [":" H(body)]}, into {@link #raw}. */
  private void hashA2(MessageDigest md, String method, DigestParams p, boolean authInt, int n) {
    put(md, method, 0, method.length());
    put(md, (byte) ':');
    put(md, p, DigestParams.URI);
    if (authInt) {
      put(md, (byte) ':');
      put(md, bodyHex, 2 * n);
    }
    digest(md, raw, n);
  }

  private void putHex(MessageDigest md, byte[] in, int n) {
    if (2 * n > buf.length - pos) {
      flush(md);
    }
    for (int i = 0; i < n; i++) {
      buf[pos++] = HEX[in[i] >> 4 & 0xF];
      buf[pos++] = HEX[in[i] & 0xF];
    }
  }

  /** Lower-case hex of the first {@code n} bytes of {@code out}. */
  static String hexString(byte[] bytes, int n) {
    byte[] h = new byte[2 * n];
    hex(bytes, n, h);
    return new String(h, StandardCharsets.US_ASCII);
  }

  /** Writes the lower-case hex of the first {@code n} bytes of {@code bytes} at {@code out[at]}; returns the end. */
  static int hex(byte[] bytes, int n, char[] out, int at) {
    for (int i = 0; i < n; i++) {
      out[at++] = (char) HEX[bytes[i] >> 4 & 0xF];
      out[at++] = (char) HEX[bytes[i] & 0xF];
    }
    return at;
  }

  /**
   * Scratch characters for rendering a header value, at least {@code capacity} of them; a request
   * that needs more than usual gets its own array rather than growing this thread's for good.
   */
  char[] text(int capacity) {
    return capacity <= text.length ? text : new char[capacity];
  }

  /**
   * Decodes {@code s[from, to)} (hex, either case) into {@code out}; false if it is not exactly that
   * long or not hex. Takes the same time for every input of the right length.
   */
  static boolean unhex(String s, int from, int to, byte[] out) {
    int n = out.length;
    if (to - from != 2 * n) {
      java.util.Arrays.fill(out, (byte) 0);
      return false;
    }
    boolean ok = true;
    for (int i = 0; i < n; i++) {
      int hi = hexValue(s.charAt(from + 2 * i));
      int lo = hexValue(s.charAt(from + 2 * i + 1));
      ok &= (hi | lo) >= 0;
      out[i] = (byte) (hi << 4 | lo & 0xF);
    }
    return ok;
  }

  private static int hexValue(char c) {
    return HEX_VALUE[c & 0xFF] | (0xFF - c) >> 31;
  }

  // The value of a hex digit by character code, -1 for anything else: a table, not branches on
  // the client's characters, so the cost is the same for every response of the right length.
  private static final byte[] HEX_VALUE = new byte[256];

  static {
    java.util.Arrays.fill(HEX_VALUE, (byte) -1);
    for (int i = 0; i < 10; i++) {
      HEX_VALUE['0' + i] = (byte) i;
    }
    for (int i = 0; i < 6; i++) {
      HEX_VALUE['a' + i] = (byte) (10 + i);
      HEX_VALUE['A' + i] = (byte) (10 + i);
    }
  }

  private static void hex(byte[] in, int n, byte[] out) {
    for (int i = 0; i < n; i++) {
      out[2 * i] = HEX[in[i] >> 4 & 0xF];
      out[2 * i + 1] = HEX[in[i] & 0xF];
    }
  }

  /** Hashes what the buffer holds into {@code out} and resets the digest for the next input. */
  private void digest(MessageDigest md, byte[] out, int n) {
    flush(md);
    try {
      md.digest(out, 0, n);
    } catch (DigestException e) {
      throw new IllegalStateException(e);
    }
  }

  private void flush(MessageDigest md) {
    md.update(buf, 0, pos);
    pos = 0;
  }

  private void put(MessageDigest md, byte b) {
    if (pos == buf.length) {
      flush(md);
    }
    buf[pos++] = b;
  }

  private void put(MessageDigest md, byte[] bytes, int len) {
    if (len > buf.length - pos) {
      flush(md);
    }
    System.arraycopy(bytes, 0, buf, pos, len);
    pos += len;
  }

  /** Appends a param's value; an absent one adds nothing. */
  private void put(MessageDigest md, DigestParams p, int param) {
    if (!p.has(param)) {
      return;
    }
    int from = p.from(param);
    int len = p.to(param) - from;
    if (p.ascii(param) && len <= buf.length - pos) {
      copyAscii(p.source(param), from, from + len, buf, pos);
      pos += len;
    } else {
      put(md, p.source(param), from, from + len);
    }
  }

  // for ASCII text the low byte of each char is its UTF-8 byte, which is what this copy keeps
  @SuppressWarnings("deprecation")
  private static void copyAscii(String s, int from, int to, byte[] out, int at) {
    s.getBytes(from, to, out, at);
  }

  /** Appends {@code s[from, to)}: ASCII as is, and from the first other character on, UTF-8. */
  private void put(MessageDigest md, String s, int from, int to) {
    int i = from;
    while (i < to) {
      if (pos == buf.length) {
        flush(md);
      }
      int stop = Math.min(to, i + buf.length - pos);
      for (; i < stop; i++) {
        char c = s.charAt(i);
        if (c >= 0x80) {
          // rare: non-ASCII text (raw UTF-8 in a quoted-string); let the JDK encode the rest
          flush(md);
          md.update(s.substring(i, to).getBytes(StandardCharsets.UTF_8));
          return;
        }
        buf[pos++] = (byte) c;
      }
    }
  }
}
