package dev.portcullis.core;

import dev.portcullis.core.http.TrustedProxies;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The client address the {@link AttemptPolicy} counts: the connection's peer, or, when that peer is
 * a trusted proxy, the last {@code for=} of {@code Forwarded} (RFC 7239 §5.2) or the last
 * {@code X-Forwarded-For} entry, which is what our own proxy appended.
 *
 * <p>IPv6 addresses are cut to their /64: one subscriber usually holds a whole /64, and counting
 * single addresses would give an attacker 2^64 fresh records. A forwarded value that is not an IP
 * literal ({@code unknown}, an obfuscated {@code _node}) falls back to the proxy's address, so such
 * clients share one counter rather than choosing their own. Never touches DNS. Stateless.
 */
final class ClientAddress {
  private ClientAddress() {}

  static String of(AuthRequest request, TrustedProxies proxies) {
    String peer = request.remoteAddress();
    if (proxies.trusts(peer)) {
      String forwarded = forwardedFor(request.headers("Forwarded"));
      if (forwarded == null) {
        forwarded = lastEntry(request.headers("X-Forwarded-For"));
      }
      if (forwarded != null) {
        String literal = normalize(forwarded);
        if (literal != null) {
          return literal;
        }
      }
    }
    String own = normalize(peer);
    return own != null ? own : peer;
  }

  /** The last element's {@code for=} value, unquoted; null when there is none. */
  private static @Nullable String forwardedFor(List<String> values) {
    if (values.isEmpty()) {
      return null;
    }
    String header = values.get(values.size() - 1);
    int comma = -1;
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        comma = i;
      }
    }
    for (String pair : header.substring(comma + 1).split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase("for")) {
        String v = pair.substring(eq + 1).trim();
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
          v = v.substring(1, v.length() - 1);
        }
        return v;
      }
    }
    return null;
  }

  private static @Nullable String lastEntry(List<String> values) {
    if (values.isEmpty()) {
      return null;
    }
    String v = values.get(values.size() - 1);
    String t = v.substring(v.lastIndexOf(',') + 1).trim();
    return t.isEmpty() ? null : t;
  }

  /**
   * An IPv4 literal as is (a port after it dropped), an IPv6 one (brackets and port dropped) as
   * its /64 prefix; null when it is not an IP literal.
   */
  static @Nullable String normalize(String s) {
    String t = s.trim();
    if (t.indexOf(':') < 0 || t.indexOf('.') > 0 && t.indexOf(':') == t.lastIndexOf(':')) {
      int colon = t.indexOf(':');
      String v4 = colon < 0 ? t : t.substring(0, colon); // "192.0.2.1:4711" in X-Forwarded-For
      return isIpv4(v4) ? v4 : null;
    }
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0) {
        return null;
      }
      t = t.substring(1, close);
    }
    int zone = t.indexOf('%');
    if (zone >= 0) {
      t = t.substring(0, zone);
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!(c == ':' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
        return null; // only a literal reaches InetAddress, so no lookup can happen
      }
    }
    try {
      byte[] a = InetAddress.getByName(t).getAddress();
      if (a.length == 4) {
        return InetAddress.getByAddress(a).getHostAddress(); // an IPv4-mapped address
      }
      StringBuilder sb = new StringBuilder(24);
      for (int i = 0; i < 8; i += 2) {
        sb.append(Integer.toHexString((a[i] & 0xff) << 8 | a[i + 1] & 0xff)).append(':');
      }
      return sb.append(":/64").toString().toLowerCase(Locale.ROOT);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static boolean isIpv4(String s) {
    int parts = 0;
    int value = -1;
    for (int i = 0; i <= s.length(); i++) {
      char c = i == s.length() ? '.' : s.charAt(i);
      if (c == '.') {
        if (value < 0 || value > 255) {
          return false;
        }
        parts++;
        value = -1;
      } else if (c >= '0' && c <= '9') {
        value = value < 0 ? c - '0' : value * 10 + (c - '0');
        if (value > 255) {
          return false;
        }
      } else {
        return false;
      }
    }
    return parts == 4;
  }
}
