package dev.portcullis.core.spi.oauth1;

import java.util.Objects;

/**
 * An application distributed to users (desktop, mobile, open source) that must not ship its
 * consumer secret: it is known by a public 8-hex-digit id, and each user who authorizes it gets a
 * consumer key and secret of their own, derived from {@link #consumerKey()}'s registration.
 *
 * @param appId eight lower-case hex digits, as in {@code /1.0/oauth/authorize_app/bec40eec}
 * @param consumerKey the registered consumer whose name and signature methods derived consumers inherit
 * @throws IllegalArgumentException if {@code appId} is not eight hex digits
 */
public record PublicApp(String appId, String consumerKey) {
  public PublicApp {
    Objects.requireNonNull(consumerKey, "consumerKey");
    if (!isAppId(appId)) {
      throw new IllegalArgumentException("an app id is eight lower-case hex digits");
    }
  }

  /** Whether {@code s} has the shape of an app id (eight lower-case hex digits). */
  public static boolean isAppId(String s) {
    if (s == null || s.length() != 8) {
      return false;
    }
    for (int i = 0; i < 8; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}
