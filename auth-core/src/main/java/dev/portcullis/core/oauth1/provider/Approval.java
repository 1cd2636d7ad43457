package dev.portcullis.core.oauth1.provider;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A user approved a request token (RFC 5849 §2.2): where to send the browser, or, for {@code oob},
 * the verifier to show.
 *
 * @param requestToken the approved token
 * @param verifier the {@code oauth_verifier}; a secret for the consumer, so never log it
 * @param redirect the callback with {@code oauth_token} and {@code oauth_verifier} added to its
 *     query, or null when the callback was {@code oob}
 */
public record Approval(String requestToken, String verifier, @Nullable String redirect) {
  public Approval {
    Objects.requireNonNull(requestToken, "requestToken");
    Objects.requireNonNull(verifier, "verifier");
  }

  /** Whether the verifier is to be shown to the user. */
  public boolean outOfBand() {
    return redirect == null;
  }

  @Override
  public String toString() {
    return "Approval[outOfBand=" + outOfBand() + ", verifier=***]";
  }
}
