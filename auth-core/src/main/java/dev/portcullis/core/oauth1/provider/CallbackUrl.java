package dev.portcullis.core.oauth1.provider;

import dev.portcullis.core.internal.PercentCodec;

/** Adds {@code oauth_token} and {@code oauth_verifier} to a callback URL's query (RFC 5849 §2.2), keeping what is there. */
final class CallbackUrl {
  private CallbackUrl() {}

  static String withParams(String callback, String token, String verifier) {
    int hash = callback.indexOf('#');
    String base = hash < 0 ? callback : callback.substring(0, hash);
    String fragment = hash < 0 ? "" : callback.substring(hash);
    StringBuilder sb = new StringBuilder(base.length() + token.length() + verifier.length() + 40).append(base);
    int q = base.indexOf('?');
    if (q < 0) {
      sb.append('?');
    } else if (q != base.length() - 1 && !base.endsWith("&")) {
      sb.append('&');
    }
    sb.append("oauth_token=");
    PercentCodec.encodeTo(sb, token);
    sb.append("&oauth_verifier=");
    PercentCodec.encodeTo(sb, verifier);
    return sb.append(fragment).toString();
  }
}
