package dev.portcullis.core.oauth1;

import dev.portcullis.core.http.Param;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Builds the signature base string of RFC 5849 §3.4.1 from parameters held in {@link ParamBytes}.
 *
 * <p>This runs on every signed request, so it works on bytes: the parameters arrive already encoded
 * as the base string carries them (see {@link ParamBytes}), are sorted as index ranges, and are
 * copied out between {@code %26} and {@code %3D} separators; no string is built per pair.
 * Stateless; thread-safe.
 */
final class BaseString {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

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
    ParamBytes s = of(params);
    sort(s);
    StringBuilder out = new StringBuilder(s.encLen);
    for (int k = 0; k < s.n; k++) {
      int i = s.order[k];
      if (k > 0) {
        out.append('&');
      }
      appendOnceEncoded(out, s.enc, s.nameStart[i], s.nameEnd[i]);
      out.append('=');
      appendOnceEncoded(out, s.enc, s.nameEnd[i], s.valueEnd[i]);
    }
    return out.toString();
  }

  /** Undoes the second encoding: in twice-encoded text every {@code %} stands for {@code %25}. */
  private static void appendOnceEncoded(StringBuilder out, byte[] e, int from, int to) {
    for (int j = from; j < to; j++) {
      out.append((char) e[j]);
      if (e[j] == '%') {
        j += 2;
      }
    }
  }

  /** The whole base string (§3.4.1.1): {@code METHOD&enc(uri)&enc(params)}. */
  static String of(String method, String baseUri, List<Param> params) {
    ParamBytes s = of(params);
    int len = write(method, baseUri, s);
    return new String(s.out, 0, len, StandardCharsets.ISO_8859_1);
  }

  /** The whole base string of {@code params} as {@link ProtocolParams#collect} gathered them. */
  static String of(String method, String baseUri, ProtocolParams params) {
    ParamBytes s = params.bytes();
    int len = write(method, baseUri, s);
    return new String(s.out, 0, len, StandardCharsets.ISO_8859_1);
  }

  private static ParamBytes of(List<Param> params) {
    ParamBytes s = new ParamBytes();
    for (Param p : params) {
      s.add(p.name(), p.value());
    }
    return s;
  }

  /** Writes the base string into {@code s.out} and returns its length. */
  static int write(String method, String baseUri, ParamBytes s) {
    sort(s);
    int len = method(s, method);
    len = encodeOnce(s, len, baseUri);
    return parameters(s, put(s, len, (byte) '&'));
  }

  /**
   * As {@link #write(String, String, ParamBytes)} with the base string URI given in pieces (as
   * {@link #baseUri} would join them), so no URI string is built per request.
   */
  static int write(String method, String scheme, String host, int port, String pathPrefix, String rawPath,
      ParamBytes s) {
    sort(s);
    int len = method(s, method);
    String sc = scheme.toLowerCase(Locale.ROOT);
    len = encodeOnce(s, len, sc);
    len = encodeOnce(s, len, "://");
    len = encodeOnce(s, len, host.toLowerCase(Locale.ROOT));
    boolean defaultPort = port <= 0 || sc.equals("http") && port == 80 || sc.equals("https") && port == 443;
    if (!defaultPort) {
      len = encodeOnce(s, len, ":");
      len = encodeOnce(s, len, Integer.toString(port));
    }
    len = encodeOnce(s, len, pathPrefix);
    len = encodeOnce(s, len, pathPrefix.isEmpty() && rawPath.isEmpty() ? "/" : rawPath);
    return parameters(s, put(s, len, (byte) '&'));
  }

  private static int method(ParamBytes s, String method) {
    int len = 0;
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      len = put(s, len, (byte) (c >= 'a' && c <= 'z' ? c - 32 : c));
    }
    return put(s, len, (byte) '&');
  }

  /** The sorted parameters, joined by {@code &} and {@code =} encoded once more ({@code %26}, {@code %3D}). */
  private static int parameters(ParamBytes s, int start) {
    int total = start + s.encLen + s.n * 6;
    if (total > s.out.length) {
      s.out = Arrays.copyOf(s.out, Math.max(s.out.length * 2, total));
    }
    byte[] o = s.out;
    byte[] e = s.enc;
    int len = start;
    for (int k = 0; k < s.n; k++) {
      int i = s.order[k];
      if (k > 0) {
        o[len] = '%';
        o[len + 1] = '2';
        o[len + 2] = '6';
        len += 3;
      }
      int ns = s.nameStart[i];
      int ne = s.nameEnd[i];
      System.arraycopy(e, ns, o, len, ne - ns);
      len += ne - ns;
      o[len] = '%';
      o[len + 1] = '3';
      o[len + 2] = 'D';
      len += 3;
      int ve = s.valueEnd[i];
      System.arraycopy(e, ne, o, len, ve - ne);
      len += ve - ne;
    }
    return len;
  }

  /**
   * Insertion sort by name, then value, in byte order (§3.4.1.3.2): a request has a handful of
   * parameters, and this allocates nothing.
   */
  private static void sort(ParamBytes s) {
    int n = s.n;
    int[] order = s.order;
    for (int i = 0; i < n; i++) {
      int j = i - 1;
      while (j >= 0 && compare(s, order[j], i) > 0) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = i;
    }
  }

  private static int compare(ParamBytes s, int a, int b) {
    long pa = s.namePrefix[a];
    long pb = s.namePrefix[b];
    if (pa != pb) {
      return pa < pb ? -1 : 1; // ASCII bytes: the sign bit is never set
    }
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

  /** Percent-encodes {@code text} once (§3.6, UTF-8, upper-case hex) into {@code s.out} at {@code len}. */
  private static int encodeOnce(ParamBytes s, int len, String text) {
    int n = text.length();
    if (len + n * 9 > s.out.length) {
      s.out = Arrays.copyOf(s.out, Math.max(s.out.length * 2, len + n * 9));
    }
    byte[] o = s.out;
    int k = len;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        if (UNRESERVED[c]) {
          o[k++] = (byte) c;
        } else {
          k = hex(o, k, c);
        }
        continue;
      }
      int cp = c;
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
        cp = Character.toCodePoint(c, text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        cp = 0xFFFD; // a lone surrogate encodes as the replacement character, as String.getBytes does
      }
      if (cp < 0x800) {
        k = hex(o, k, 0xC0 | cp >> 6);
        k = hex(o, k, 0x80 | cp & 0x3F);
      } else if (cp < 0x10000) {
        k = hex(o, k, 0xE0 | cp >> 12);
        k = hex(o, k, 0x80 | cp >> 6 & 0x3F);
        k = hex(o, k, 0x80 | cp & 0x3F);
      } else {
        k = hex(o, k, 0xF0 | cp >> 18);
        k = hex(o, k, 0x80 | cp >> 12 & 0x3F);
        k = hex(o, k, 0x80 | cp >> 6 & 0x3F);
        k = hex(o, k, 0x80 | cp & 0x3F);
      }
    }
    return k;
  }

  private static int hex(byte[] o, int k, int b) {
    o[k] = '%';
    o[k + 1] = HEX[b >> 4 & 0xF];
    o[k + 2] = HEX[b & 0xF];
    return k + 3;
  }

  private static int put(ParamBytes s, int len, byte b) {
    if (len + 1 > s.out.length) {
      s.out = Arrays.copyOf(s.out, s.out.length * 2);
    }
    s.out[len] = b;
    return len + 1;
  }
}
