package dev.portcullis.core.oauth1;

import dev.portcullis.core.http.Param;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Builds the signature base string of RFC 5849 §3.4.1 from already-decoded parameters.
 *
 * <p>This runs on every signed request, so it works on bytes in a per-thread scratch area rather
 * than building a string per pair: each name and value is percent-encoded once (§3.6), pairs are
 * sorted as index ranges of the scratch, and the second encoding the base string needs (the
 * normalized parameters are themselves encoded) is applied while copying out, since only
 * {@code %}, {@code =} and {@code &} change. Stateless apart from that scratch; thread-safe.
 */
final class BaseString {
  private static final int MAX_SCRATCH = 16 * 1024;
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private BaseString() {}

  /**
   * The base string URI (§3.4.1.2): scheme and host lower-cased, default port dropped, path as sent.
   *
   * @param rawPath the path still percent-encoded; empty becomes {@code /}
   */
  static String baseUri(String scheme, String host, int port, String rawPath) {
    String s = scheme.toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder(s.length() + host.length() + rawPath.length() + 10);
    sb.append(s).append("://").append(host.toLowerCase(Locale.ROOT));
    boolean defaultPort = port <= 0 || s.equals("http") && port == 80 || s.equals("https") && port == 443;
    if (!defaultPort) {
      sb.append(':').append(port);
    }
    sb.append(rawPath.isEmpty() ? "/" : rawPath);
    return sb.toString();
  }

  /**
   * The normalized parameters (§3.4.1.3.2): each name and value encoded (§3.6), sorted by encoded
   * name then encoded value, joined with {@code =} and {@code &}. Duplicates and empty values stay.
   * The caller has already left out {@code oauth_signature} and the header's {@code realm}.
   */
  static String normalizedParameters(List<Param> params) {
    Scratch s = encodeAndSort(params);
    StringBuilder out = new StringBuilder(s.encLen + params.size() * 2);
    for (int k = 0; k < s.n; k++) {
      int i = s.order[k];
      if (k > 0) {
        out.append('&');
      }
      out.append(new String(s.enc, s.nameStart[i], s.nameEnd[i] - s.nameStart[i], StandardCharsets.ISO_8859_1))
          .append('=')
          .append(new String(s.enc, s.nameEnd[i], s.valueEnd[i] - s.nameEnd[i], StandardCharsets.ISO_8859_1));
    }
    return out.toString();
  }

  /** The whole base string (§3.4.1.1): {@code METHOD&enc(uri)&enc(params)}. */
  static String of(String method, String baseUri, List<Param> params) {
    return new String(bytes(method, baseUri, params), StandardCharsets.ISO_8859_1);
  }

  /** The base string as the ASCII bytes a signature is computed over. */
  static byte[] bytes(String method, String baseUri, List<Param> params) {
    int len = write(method, baseUri, params);
    return Arrays.copyOf(buffer(), len);
  }

  /**
   * Writes the base string into this thread's scratch and returns its length; the bytes are in
   * {@link #buffer()} until the next call on this thread. The verifier signs straight from there,
   * which saves a copy per request.
   */
  static int write(String method, String baseUri, List<Param> params) {
    Scratch s = encodeAndSort(params);
    int len = method(s, method);
    // the URI is encoded once, into the scratch just past the parameters
    int uriStart = s.encLen;
    int uriEnd = s.encodeInto(baseUri, uriStart);
    len = s.copy(len, s.enc, uriStart, uriEnd);
    return parameters(s, s.put(len, (byte) '&'));
  }

  /**
   * As {@link #write(String, String, List)} with the base string URI given in pieces (as
   * {@link #baseUri} would join them), so no URI string is built per request.
   */
  static int write(String method, String scheme, String host, int port, String pathPrefix, String rawPath,
      List<Param> params) {
    Scratch s = encodeAndSort(params);
    int len = method(s, method);
    String sc = scheme.toLowerCase(Locale.ROOT);
    int at = s.encLen;
    int end = s.encodeInto(sc, at);
    end = s.encodeInto("://", end);
    end = s.encodeInto(host.toLowerCase(Locale.ROOT), end);
    boolean defaultPort = port <= 0 || sc.equals("http") && port == 80 || sc.equals("https") && port == 443;
    if (!defaultPort) {
      end = s.encodeInto(":", end);
      end = s.encodeInto(Integer.toString(port), end);
    }
    end = s.encodeInto(pathPrefix, end);
    end = s.encodeInto(pathPrefix.isEmpty() && rawPath.isEmpty() ? "/" : rawPath, end);
    len = s.copy(len, s.enc, at, end);
    return parameters(s, s.put(len, (byte) '&'));
  }

  private static int method(Scratch s, String method) {
    int len = 0;
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      len = s.put(len, (byte) (c >= 'a' && c <= 'z' ? c - 32 : c));
    }
    return s.put(len, (byte) '&');
  }

  private static int parameters(Scratch s, int start) {
    int len = start;
    for (int k = 0; k < s.n; k++) {
      int i = s.order[k];
      if (k > 0) {
        len = s.put3(len, '%', '2', '6');
      }
      len = s.copyEncodedAgain(len, s.nameStart[i], s.nameEnd[i]);
      len = s.put3(len, '%', '3', 'D');
      len = s.copyEncodedAgain(len, s.nameEnd[i], s.valueEnd[i]);
    }
    return len;
  }

  /** This thread's output buffer, holding what {@link #write} wrote last. */
  static byte[] buffer() {
    return SCRATCH.get().out;
  }

  private static Scratch encodeAndSort(List<Param> params) {
    Scratch s = SCRATCH.get();
    if (s.oversized()) {
      SCRATCH.remove();
      s = SCRATCH.get();
    }
    int n = params.size();
    s.ensure(n);
    int at = 0;
    for (int i = 0; i < n; i++) {
      Param p = params.get(i);
      s.nameStart[i] = at;
      at = s.encodeInto(p.name(), at);
      s.nameEnd[i] = at;
      at = s.encodeInto(p.value(), at);
      s.valueEnd[i] = at;
    }
    s.encLen = at;
    s.n = n;
    // insertion sort: a request has a handful of parameters, and this allocates nothing
    int[] order = s.order;
    for (int i = 0; i < n; i++) {
      int j = i - 1;
      while (j >= 0 && compare(s, order[j], i) > 0) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = i;
    }
    return s;
  }

  /** By encoded name, then encoded value, in byte order (§3.4.1.3.2). */
  private static int compare(Scratch s, int a, int b) {
    byte[] e = s.enc;
    int byName = compareRegion(e, s.nameStart[a], s.nameEnd[a], s.nameStart[b], s.nameEnd[b]);
    return byName != 0 ? byName : compareRegion(e, s.nameEnd[a], s.valueEnd[a], s.nameEnd[b], s.valueEnd[b]);
  }

  /** A plain loop: the regions are short and ASCII, and this beats the general library call. */
  private static int compareRegion(byte[] e, int xs, int xe, int ys, int ye) {
    int n = Math.min(xe - xs, ye - ys);
    for (int i = 0; i < n; i++) {
      int d = e[xs + i] - e[ys + i];
      if (d != 0) {
        return d;
      }
    }
    return (xe - xs) - (ye - ys);
  }

  /** RFC 3986 unreserved ASCII characters, as a table: this test runs for every character signed. */
  private static final boolean[] UNRESERVED = new boolean[128];

  static {
    for (int c = 0; c < 128; c++) {
      UNRESERVED[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '-' || c == '.' || c == '_' || c == '~';
    }
  }

  private static boolean unreserved(int c) {
    return c < 128 && UNRESERVED[c];
  }

  /** Per-thread buffers. */
  private static final class Scratch {
    byte[] enc = new byte[1024];
    int encLen;
    byte[] out = new byte[2048];
    int[] nameStart = new int[32];
    int[] nameEnd = new int[32];
    int[] valueEnd = new int[32];
    int[] order = new int[32];
    int n;

    void ensure(int size) {
      if (size > order.length) {
        nameStart = new int[size];
        nameEnd = new int[size];
        valueEnd = new int[size];
        order = new int[size];
      }
    }

    /** Percent-encodes {@code s} as UTF-8 (§3.6, upper-case hex) into {@code enc} at {@code at}. */
    int encodeInto(String s, int at) {
      int n = s.length();
      if (at + n * 9 > enc.length) {
        enc = Arrays.copyOf(enc, Math.max(enc.length * 2, at + n * 9));
      }
      byte[] e = enc;
      int k = at;
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (unreserved(c)) {
          e[k++] = (byte) c;
        } else if (c < 0x80) {
          k = hex(e, k, c);
        } else {
          int cp = c;
          if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
            cp = Character.toCodePoint(c, s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            cp = 0xFFFD; // a lone surrogate encodes as the replacement character, as String.getBytes does
          }
          if (cp < 0x800) {
            k = hex(e, k, 0xC0 | cp >> 6);
            k = hex(e, k, 0x80 | cp & 0x3F);
          } else if (cp < 0x10000) {
            k = hex(e, k, 0xE0 | cp >> 12);
            k = hex(e, k, 0x80 | cp >> 6 & 0x3F);
            k = hex(e, k, 0x80 | cp & 0x3F);
          } else {
            k = hex(e, k, 0xF0 | cp >> 18);
            k = hex(e, k, 0x80 | cp >> 12 & 0x3F);
            k = hex(e, k, 0x80 | cp >> 6 & 0x3F);
            k = hex(e, k, 0x80 | cp & 0x3F);
          }
        }
      }
      return k;
    }

    private static int hex(byte[] e, int k, int b) {
      e[k] = '%';
      e[k + 1] = HEX[b >> 4 & 0xF];
      e[k + 2] = HEX[b & 0xF];
      return k + 3;
    }

    int put(int len, byte b) {
      room(len, 1);
      out[len] = b;
      return len + 1;
    }

    int put3(int len, char a, char b, char c) {
      room(len, 3);
      out[len] = (byte) a;
      out[len + 1] = (byte) b;
      out[len + 2] = (byte) c;
      return len + 3;
    }

    int copy(int len, byte[] src, int from, int to) {
      room(len, to - from);
      System.arraycopy(src, from, out, len, to - from);
      return len + to - from;
    }

    /** Copies already-encoded bytes, encoding them again: only '%' changes (to "%25"). */
    int copyEncodedAgain(int len, int from, int to) {
      room(len, (to - from) * 3);
      byte[] e = enc;
      byte[] o = out;
      int k = len;
      for (int j = from; j < to; j++) {
        byte c = e[j];
        if (c == '%') {
          o[k] = '%';
          o[k + 1] = '2';
          o[k + 2] = '5';
          k += 3;
        } else {
          o[k++] = c;
        }
      }
      return k;
    }

    private void room(int len, int more) {
      if (len + more > out.length) {
        out = Arrays.copyOf(out, Math.max(out.length * 2, len + more));
      }
    }

    /** Whether a huge request grew the buffers: they are dropped on the next use, so one outlier cannot pin memory. */
    boolean oversized() {
      return enc.length > MAX_SCRATCH || out.length > MAX_SCRATCH || order.length > 256;
    }
  }
}
