package dev.portcullis.core.oauth1.provider;

import java.util.Objects;

/**
 * What the public-app flow hands a user to paste into the app: a consumer key and secret unique to
 * this user and app, an authorized request token with its secret, and the verifier.
 *
 * <p>{@link #render()} gives the pipe-delimited form
 * {@code appKey|appSecret|requestToken|tokenSecret|verifier}; none of the parts contains a pipe.
 * {@code toString} hides the secrets.
 *
 * <pre>{@code
 * AuthorizationCode code = provider.authorizeApp("bec40eec", "demo_user").orElseThrow();
 * String shown = code.render();
 * }</pre>
 */
public record AuthorizationCode(
    String consumerKey, String consumerSecret, String requestToken, String tokenSecret, String verifier) {

  public AuthorizationCode {
    Objects.requireNonNull(consumerKey, "consumerKey");
    Objects.requireNonNull(consumerSecret, "consumerSecret");
    Objects.requireNonNull(requestToken, "requestToken");
    Objects.requireNonNull(tokenSecret, "tokenSecret");
    Objects.requireNonNull(verifier, "verifier");
  }

  /** The pipe-delimited code to show the user. */
  public String render() {
    return consumerKey + "|" + consumerSecret + "|" + requestToken + "|" + tokenSecret + "|" + verifier;
  }

  @Override
  public String toString() {
    return "AuthorizationCode[consumerKey=" + consumerKey + ", requestToken=" + requestToken + ", secrets=***]";
  }
}
