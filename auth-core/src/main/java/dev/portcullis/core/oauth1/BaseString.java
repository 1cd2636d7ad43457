package dev.portcullis.core.oauth1;

import dev.portcullis.core.http.Param;
import dev.portcullis.core.http.PercentCodec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Builds the signature base string of RFC 5849 §3.4.1 from already-decoded parameters.
 *
 * <p>Stateless and thread-safe.
 */
final class BaseString {
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
    int n = params.size();
    String[] encoded = new String[n];
    int total = 0;
    for (int i = 0; i < n; i++) {
      Param p = params.get(i);
      String e = PercentCodec.encode(p.name()) + '=' + PercentCodec.encode(p.value());
      encoded[i] = e;
      total += e.length() + 1;
    }
    Arrays.sort(encoded, BaseString::comparePairs);
    StringBuilder sb = new StringBuilder(total);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append('&');
      }
      sb.append(encoded[i]);
    }
    return sb.toString();
  }

  /**
   * Orders encoded {@code name=value} strings by name, then value (§3.4.1.3.2). Plain string order
   * would be wrong: {@code '-'}, {@code '.'}, {@code '%'} and digits sort below {@code '='}, so
   * {@code a-b=1} would precede {@code a=1}. An encoded name never holds a bare {@code '='}.
   */
  static int comparePairs(String x, String y) {
    int ex = x.indexOf('=');
    int ey = y.indexOf('=');
    int byName = compareRegion(x, 0, ex, y, 0, ey);
    return byName != 0 ? byName : compareRegion(x, ex + 1, x.length(), y, ey + 1, y.length());
  }

  private static int compareRegion(String x, int xs, int xe, String y, int ys, int ye) {
    int lx = xe - xs;
    int ly = ye - ys;
    int n = Math.min(lx, ly);
    for (int i = 0; i < n; i++) {
      int d = x.charAt(xs + i) - y.charAt(ys + i);
      if (d != 0) {
        return d;
      }
    }
    return lx - ly;
  }

  /** The whole base string (§3.4.1.1): {@code METHOD&enc(uri)&enc(params)}. */
  static String of(String method, String baseUri, List<Param> params) {
    String normalized = normalizedParameters(params);
    StringBuilder sb = new StringBuilder(method.length() + baseUri.length() * 2 + normalized.length() * 3 / 2 + 8);
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      sb.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
    }
    sb.append('&');
    PercentCodec.encodeTo(sb, baseUri);
    sb.append('&');
    PercentCodec.encodeTo(sb, normalized);
    return sb.toString();
  }
}
