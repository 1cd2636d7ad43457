package dev.portcullis.core.oauth1.provider;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.internal.AuthParams;
import dev.portcullis.core.internal.FormCodec;
import dev.portcullis.core.internal.PercentCodec;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The consumer key a token-endpoint request claims, read before anything is verified so that the
 * gate's throttle can check the consumer and address first (RFC 5849 §3.5: the {@code OAuth}
 * Authorization header, else the query, else a form body). Stateless.
 */
final class Claimed {
  private static final String SCHEME = "OAuth";

  private Claimed() {}

  /**
   * The unverified {@code oauth_consumer_key}; null when the request names none or does not parse
   * (the verifier then refuses it as it always did, and only the address counts).
   *
   * @throws dev.portcullis.core.http.BodyTooLargeException if the form body is over the cap
   */
  static @Nullable String consumerKey(AuthRequest request) {
    try {
      List<String> authz = request.headers("Authorization");
      if (authz.size() == 1) {
        int from = oauthCredentials(authz.get(0));
        if (from >= 0) {
          String v = AuthParams.parse(authz.get(0).substring(from)).get("oauth_consumer_key");
          return v == null ? null : PercentCodec.decode(v, false);
        }
      }
      String q = request.rawQuery();
      if (q != null) {
        for (Param p : FormCodec.decode(q)) {
          if (p.name().equals("oauth_consumer_key")) {
            return p.value();
          }
        }
      }
      for (Param p : request.formParameters()) {
        if (p.name().equals("oauth_consumer_key")) {
          return p.value();
        }
      }
      return null;
    } catch (MalformedException e) {
      return null; // the verifier reports the malformation itself
    }
  }

  /** Where the credentials start in an {@code OAuth} Authorization header, or -1 for another scheme. */
  private static int oauthCredentials(String header) {
    int n = header.length();
    int i = 0;
    while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
      i++;
    }
    if (!header.regionMatches(true, i, SCHEME, 0, SCHEME.length())) {
      return -1;
    }
    int end = i + SCHEME.length();
    if (end < n && header.charAt(end) != ' ' && header.charAt(end) != '\t') {
      return -1;
    }
    while (end < n && (header.charAt(end) == ' ' || header.charAt(end) == '\t')) {
      end++;
    }
    return end;
  }
}
