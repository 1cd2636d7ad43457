package dev.portcullis.core.oauth1.provider;

import dev.portcullis.core.Identity;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.access.Grants;
import org.jspecify.annotations.Nullable;

/**
 * What a token endpoint answered, with what it means to the gate's throttle: a refusal is the
 * rejection itself (a wrong signature or verifier counts as a failed guess), issued credentials are
 * the consumer (and, at the exchange, the user) authenticated, which clears the pair's record.
 */
record Step(ProviderResult result, Outcome outcome) {
  static Step refused(ProviderResult.Refused refused) {
    return new Step(refused, refused.rejection());
  }

  static Step issued(ProviderResult.Issued issued, String consumerKey, @Nullable String user,
      @Nullable String account) {
    // no grants: the identity only tells the gate and its listeners who succeeded here
    Identity who = new Identity(user != null ? user : consumerKey, account, consumerKey, OAuthProvider.SCHEME,
        Grants.none());
    return new Step(issued, new Outcome.Authenticated(who));
  }
}
