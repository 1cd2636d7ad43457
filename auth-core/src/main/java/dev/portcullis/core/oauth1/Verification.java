package dev.portcullis.core.oauth1;

import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.OAuthToken;

import dev.portcullis.core.Outcome;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link OAuth1Verifier#verify} decided: a value, never an exception.
 *
 * <p>Thread-safe (immutable).
 */
public sealed interface Verification permits Verification.Verified, Verification.Failed {

  /**
   * The signature, timestamp, nonce and token all checked out.
   *
   * @param consumer the consumer that signed
   * @param token the token the request was signed with: null for {@link TokenKind#NONE}; for
   *     {@link TokenKind#REQUEST} the live, approved request token as found, <em>not</em> spent and
   *     its {@code oauth_verifier} not compared (the provider's exchange does both); for
   *     {@link TokenKind#ACCESS} the live access token
   * @param oauthParams every {@code oauth_*} protocol parameter, decoded, without
   *     {@code oauth_signature}
   */
  record Verified(Consumer consumer, @Nullable OAuthToken token, Map<String, String> oauthParams)
      implements Verification {
    public Verified {
      Objects.requireNonNull(consumer, "consumer");
      // the verifier hands over its own immutable, lazily built map; anything else is copied
      oauthParams = oauthParams instanceof ProtocolParams.ParamMap ? oauthParams : Map.copyOf(oauthParams);
    }

    /** The decoded value of protocol parameter {@code name} ({@code oauth_callback}, ...), or null. */
    public @Nullable String param(String name) {
      return oauthParams.get(name);
    }
  }

  /** Refused; {@code rejection} names the reason and carries the scheme name {@code "OAuth"}. */
  record Failed(Outcome.Rejected rejection) implements Verification {
    public Failed {
      Objects.requireNonNull(rejection, "rejection");
    }
  }
}
