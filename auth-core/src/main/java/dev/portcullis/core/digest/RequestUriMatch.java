package dev.portcullis.core.digest;

import dev.portcullis.core.AuthRequest;
import org.jspecify.annotations.Nullable;

/**
 * Whether a Digest {@code uri} parameter names the request it arrived on (RFC 7616 §3.4.6: the
 * server "MUST assert that the resource designated by the uri parameter is the same as the resource
 * specified in the Request-Line", and answers 400 otherwise).
 *
 * <p>Two forms are accepted, matching the RFC 9112 §3.2 request-target forms a client may have sent:
 * <ul>
 *   <li>origin-form: exactly the raw path, then {@code ?} and the raw query when the request has
 *       one, with nothing after it (no fragment);
 *   <li>absolute-form: {@code http://} or {@code https://} (scheme case-insensitive), an authority
 *       whose host equals the request's host case-insensitively (an IPv6 literal in brackets;
 *       the request's host may carry them or not), with any port, then the same path and query as origin-form. An authority with no path
 *       ({@code http://host?q}) or with userinfo does not match.
 * </ul>
 *
 * <p>Path and query are compared as raw text, percent-encodings included: {@code %41} does not
 * match {@code A} and {@code %2f} does not match {@code %2F}. The client hashed the {@code uri}
 * string it sent, and the request target it sent is what we compare it with, so normalizing would
 * only widen what a captured header can be replayed against.
 *
 * <p>Allocation-free: it runs on every Digest request, so the {@code uri} is given as a range of the
 * header text rather than a substring. Stateless and thread-safe.
 */
final class RequestUriMatch {
  private RequestUriMatch() {}

  /**
   * Whether {@code uri[from, to)} names the request with this raw path, raw query and host.
   *
   * @param uri the text holding the {@code uri} parameter's value
   * @param from where the value starts in {@code uri}
   * @param to where it ends (exclusive)
   * @param rawPath the request's path as sent, percent-encodings intact
   * @param rawQuery the request's query as sent without the {@code ?}, or null when it had none
   * @param host the request's host (a bracketed or bare IPv6 literal, a name or an IPv4 address)
   */
  static boolean matches(String uri, int from, int to, String rawPath, @Nullable String rawQuery, String host) {
    return matches(uri, from, to, rawPath, rawQuery, host, null);
  }

  /**
   * Whether {@code uri[from, to)} names {@code request}; its host is asked for only when the
   * {@code uri} is in absolute form (an adapter may resolve, and check, the host only then).
   *
   * @throws dev.portcullis.core.http.MalformedException if the request's host, asked for now,
   *     conflicts with its target
   */
  static boolean matches(String uri, int from, int to, AuthRequest request) {
    return matches(uri, from, to, request.rawPath(), request.rawQuery(), null, request);
  }

  private static boolean matches(String uri, int from, int to, String rawPath, @Nullable String rawQuery,
      @Nullable String host, @Nullable AuthRequest request) {
    int start = from;
    if (from == to) {
      return false;
    }
    if (uri.charAt(from) != '/') {
      int sep = uri.indexOf("://", from);
      int scheme = sep < 0 || sep + 3 > to ? -1 : sep - from;
      boolean http = scheme == 4 && uri.regionMatches(true, from, "http", 0, 4)
          || scheme == 5 && uri.regionMatches(true, from, "https", 0, 5);
      if (!http) {
        return false;
      }
      int authStart = sep + 3;
      int authEnd = authStart;
      while (authEnd < to && uri.charAt(authEnd) != '/' && uri.charAt(authEnd) != '?') {
        authEnd++;
      }
      if (authEnd >= to || uri.charAt(authEnd) != '/'
          || !hostMatches(uri, authStart, authEnd, host != null ? host : request.host())) {
        return false;
      }
      start = authEnd;
    }
    int plen = rawPath.length();
    if (start + plen > to || !uri.regionMatches(start, rawPath, 0, plen)) {
      return false;
    }
    int after = start + plen;
    if (rawQuery == null) {
      return after == to;
    }
    return to == after + 1 + rawQuery.length() && uri.charAt(after) == '?'
        && uri.regionMatches(after + 1, rawQuery, 0, rawQuery.length());
  }

  /** Whether the authority {@code uri[from, to)}, port dropped, names {@code host}. */
  private static boolean hostMatches(String uri, int from, int to, String host) {
    if (from == to) {
      return false;
    }
    int end = to;
    if (uri.charAt(from) == '[') {
      int close = uri.indexOf(']', from);
      if (close < 0 || close >= to) {
        return false;
      }
      end = close + 1;
    } else {
      int colon = uri.indexOf(':', from);
      if (colon >= 0 && colon < to) {
        end = colon;
      }
    }
    int hs = 0;
    int he = host.length();
    int us = from;
    int ue = end;
    if (ue - us >= 2 && uri.charAt(us) == '[') {
      us++;
      ue--;
    }
    if (he - hs >= 2 && host.charAt(0) == '[') {
      hs++;
      he--;
    }
    return ue - us == he - hs && uri.regionMatches(true, us, host, hs, he - hs);
  }
}
