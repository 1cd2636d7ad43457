package dev.portcullis.servlet.oauth;

import dev.portcullis.core.http.TrustedProxies;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The client address the sign-in limiter counts, after trusted-proxy resolution: the connection's
 * peer, unless that peer is a trusted proxy, in which case the right-most hop of {@code Forwarded}
 * ({@code for=}) or else {@code X-Forwarded-For} that is not itself a trusted proxy. Anything that is
 * not an IP literal (an obfuscated {@code for=_hidden}, garbage) counts as the peer's own address,
 * so a client behind a trusted proxy cannot invent a fresh address per attempt: only the hop the
 * proxy appended is believed.
 *
 * <p>The gate will resolve client addresses for every scheme once its limiter lands; this class is
 * the authorize pages' resolution until then, and should give way to that one. Thread-safe (static).
 */
final class ClientAddress {
  private static final int MAX_LITERAL = 45;

  private ClientAddress() {}

  static String of(HttpServletRequest req, TrustedProxies proxies) {
    String peer = req.getRemoteAddr() == null ? "" : req.getRemoteAddr();
    if (!proxies.trusts(peer)) {
      return peer;
    }
    List<String> hops = forwardedFor(Collections.list(req.getHeaders("Forwarded")));
    if (hops.isEmpty()) {
      hops = xForwardedFor(Collections.list(req.getHeaders("X-Forwarded-For")));
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (!isIpLiteral(hop)) {
        return peer;
      }
      if (!proxies.trusts(hop)) {
        return hop;
      }
    }
    return peer;
  }

  private static List<String> xForwardedFor(List<String> headers) {
    List<String> out = new ArrayList<>();
    for (String h : headers) {
      for (String part : h.split(",")) {
        out.add(part.trim());
      }
    }
    return out;
  }

  private static List<String> forwardedFor(List<String> headers) {
    List<String> out = new ArrayList<>();
    for (String h : headers) {
      for (String element : h.split(",")) {
        for (String pair : element.split(";")) {
          int eq = pair.indexOf('=');
          if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
            out.add(node(pair.substring(eq + 1).trim()));
          }
        }
      }
    }
    return out;
  }

  /** {@code "[2001:db8::1]:4711"} to {@code 2001:db8::1}, {@code 192.0.2.1:80} to {@code 192.0.2.1} (RFC 7239 §6). */
  private static String node(String v) {
    String s = v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      return close < 0 ? s : s.substring(1, close);
    }
    int colon = s.indexOf(':');
    return colon >= 0 && colon == s.lastIndexOf(':') ? s.substring(0, colon) : s;
  }

  private static boolean isIpLiteral(String s) {
    if (s.isEmpty() || s.length() > MAX_LITERAL) {
      return false;
    }
    boolean colon = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ':') {
        colon = true;
      } else if (!(c >= '0' && c <= '9' || c == '.' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
        return false;
      }
    }
    // IPv4 is digits and dots only; hex letters need the colons of IPv6
    return colon || s.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
  }
}
