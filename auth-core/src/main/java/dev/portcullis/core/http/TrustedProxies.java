package dev.portcullis.core.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Decides which scheme, host and port the client really used when a reverse proxy sits in front.
 *
 * <p>{@code Forwarded} (RFC 7239) and {@code X-Forwarded-Proto/-Host/-Port} count only when the
 * connection's peer address is in the configured list of trusted proxies (addresses or CIDR
 * blocks); from anybody else they are ignored, because any client can send them. Of several
 * forwarded elements the last one counts: it is the one our own proxy added.
 *
 * <pre>{@code
 * TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", "127.0.0.1"));
 * TrustedProxies.Resolved r = proxies.resolve("10.1.2.3", "http", "api.internal", 8080, request::headers);
 * r.secure(); // true when the proxy said proto=https
 * }</pre>
 *
 * <p>Immutable and thread-safe. Only IP literals are accepted, so no DNS lookup ever happens.
 */
public final class TrustedProxies {
  private static final TrustedProxies NONE = new TrustedProxies(List.of());

  private final List<Block> blocks;

  private TrustedProxies(List<Block> blocks) {
    this.blocks = blocks;
  }

  /** Trusts no proxy: forwarding headers are always ignored. */
  public static TrustedProxies none() {
    return NONE;
  }

  /**
   * Trusts the given IP addresses and CIDR blocks ({@code 10.0.0.0/8}, {@code ::1}).
   *
   * @throws IllegalArgumentException if an entry is not an IP literal or CIDR block
   */
  public static TrustedProxies of(Collection<String> entries) {
    List<Block> blocks = new ArrayList<>();
    for (String e : entries) {
      String s = e.trim();
      if (s.isEmpty()) {
        continue;
      }
      int slash = s.indexOf('/');
      byte[] addr = literal(slash < 0 ? s : s.substring(0, slash));
      if (addr == null) {
        throw new IllegalArgumentException("trusted proxy must be an IP address or CIDR block: " + s);
      }
      int bits = addr.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException ex) {
          throw new IllegalArgumentException("bad CIDR prefix: " + s);
        }
        if (bits < 0 || bits > addr.length * 8) {
          throw new IllegalArgumentException("bad CIDR prefix: " + s);
        }
      }
      blocks.add(new Block(addr, bits));
    }
    return blocks.isEmpty() ? NONE : new TrustedProxies(List.copyOf(blocks));
  }

  /** Whether the peer at {@code remoteAddress} is a trusted proxy. */
  public boolean trusts(@Nullable String remoteAddress) {
    if (blocks.isEmpty() || remoteAddress == null) {
      return false;
    }
    byte[] addr = literal(remoteAddress);
    if (addr == null) {
      return false;
    }
    for (Block b : blocks) {
      if (b.contains(addr)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Resolves the client-facing scheme, host and port.
   *
   * @param remoteAddress the connection's peer
   * @param scheme the connection's own scheme
   * @param host the {@code Host} the connection saw
   * @param port the connection's local port
   * @param headers all values of a header by name
   */
  public Resolved resolve(String remoteAddress, String scheme, String host, int port,
      Function<String, List<String>> headers) {
    Resolved direct = new Resolved(scheme.toLowerCase(Locale.ROOT), host, port, false);
    if (!trusts(remoteAddress)) {
      return direct;
    }
    String proto = null;
    String fhost = null;
    List<String> forwarded = headers.apply("Forwarded");
    if (!forwarded.isEmpty()) {
      String last = lastElement(forwarded.get(forwarded.size() - 1));
      for (String pair : last.split(";")) {
        int eq = pair.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String k = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String v = unquote(pair.substring(eq + 1).trim());
        if (k.equals("proto")) {
          proto = v;
        } else if (k.equals("host")) {
          fhost = v;
        }
      }
    }
    if (proto == null) {
      proto = lastValue(headers.apply("X-Forwarded-Proto"));
    }
    if (fhost == null) {
      fhost = lastValue(headers.apply("X-Forwarded-Host"));
    }
    String p = proto == null ? direct.scheme() : proto.toLowerCase(Locale.ROOT);
    if (!p.equals("http") && !p.equals("https")) {
      p = direct.scheme();
    }
    String h = host;
    int prt = proto == null ? port : (p.equals("https") ? 443 : 80);
    if (fhost != null && !fhost.isEmpty()) {
      int colon = fhost.lastIndexOf(':');
      if (colon > 0 && fhost.indexOf(']') < colon) {
        h = fhost.substring(0, colon);
        prt = parsePort(fhost.substring(colon + 1), prt);
      } else {
        h = fhost;
      }
    }
    String xport = lastValue(headers.apply("X-Forwarded-Port"));
    if (xport != null) {
      prt = parsePort(xport, prt);
    }
    return new Resolved(p, h, prt, true);
  }

  /**
   * The resolved view.
   *
   * @param scheme {@code http} or {@code https}
   * @param host the host the client addressed
   * @param port the port the client addressed
   * @param viaTrustedProxy whether a trusted proxy supplied the values
   */
  public record Resolved(String scheme, String host, int port, boolean viaTrustedProxy) {
    /** Whether the client used HTTPS. */
    public boolean secure() {
      return scheme.equals("https");
    }
  }

  private static int parsePort(String s, int fallback) {
    String t = s.trim();
    if (t.isEmpty() || t.length() > 5) {
      return fallback;
    }
    int v = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return fallback;
      }
      v = v * 10 + (c - '0');
    }
    return v > 0 && v <= 65535 ? v : fallback;
  }

  private static @Nullable String lastValue(List<String> values) {
    if (values.isEmpty()) {
      return null;
    }
    String v = values.get(values.size() - 1);
    int comma = v.lastIndexOf(',');
    String t = (comma < 0 ? v : v.substring(comma + 1)).trim();
    return t.isEmpty() ? null : t;
  }

  private static String lastElement(String header) {
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        start = i + 1;
      }
    }
    return header.substring(start);
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  /** Parses an IPv4 or IPv6 literal without ever touching DNS; null if it is not one. */
  static byte @Nullable [] literal(String s) {
    String t = s.trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    // InetAddress treats a string that starts with '.' as a host name and would look it up
    if (t.isEmpty() || t.charAt(0) == '.') {
      return null;
    }
    boolean colon = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
      if (c == ':') {
        colon = true;
      } else if (!(hex || c == '.')) {
        return null;
      }
    }
    if (!colon) {
      // IPv4 dotted quad only: InetAddress would accept forms like "1" or "1.2" as well
      String[] parts = t.split("\\.", -1);
      if (parts.length != 4) {
        return null;
      }
      byte[] out = new byte[4];
      for (int i = 0; i < 4; i++) {
        if (parts[i].isEmpty() || parts[i].length() > 3) {
          return null;
        }
        int v = 0;
        for (int j = 0; j < parts[i].length(); j++) {
          char c = parts[i].charAt(j);
          if (c < '0' || c > '9') {
            return null;
          }
          v = v * 10 + (c - '0');
        }
        if (v > 255) {
          return null;
        }
        out[i] = (byte) v;
      }
      return out;
    }
    try {
      return InetAddress.getByName(t).getAddress(); // a literal with ':' never triggers a lookup
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private record Block(byte[] address, int bits) {
    boolean contains(byte[] addr) {
      byte[] a = addr;
      if (a.length != address.length) {
        // IPv4-mapped IPv6 (::ffff:a.b.c.d) against an IPv4 block
        if (a.length == 16 && address.length == 4 && isV4Mapped(a)) {
          a = java.util.Arrays.copyOfRange(a, 12, 16);
        } else {
          return false;
        }
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (a[i] != address[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xFF << (8 - rest) & 0xFF;
      return (a[full] & mask) == (address[full] & mask);
    }

    private static boolean isV4Mapped(byte[] a) {
      for (int i = 0; i < 10; i++) {
        if (a[i] != 0) {
          return false;
        }
      }
      return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
    }
  }
}
