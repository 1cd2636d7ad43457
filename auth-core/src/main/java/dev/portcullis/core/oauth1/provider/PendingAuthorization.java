package dev.portcullis.core.oauth1.provider;

import java.util.Objects;

/**
 * A request token waiting for a user's decision, as the authorize page shows it.
 *
 * @param requestToken the {@code oauth_token} being authorized (not a secret)
 * @param consumerKey the consumer that asked
 * @param applicationName the consumer's display name, to show the user (escape it in HTML)
 * @param outOfBand whether the verifier will be shown to the user rather than sent to a callback
 */
public record PendingAuthorization(String requestToken, String consumerKey, String applicationName, boolean outOfBand) {
  public PendingAuthorization {
    Objects.requireNonNull(requestToken, "requestToken");
    Objects.requireNonNull(consumerKey, "consumerKey");
    Objects.requireNonNull(applicationName, "applicationName");
  }
}
