package dev.portcullis.sample.war;

import dev.portcullis.core.Gate;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.oauth1.OAuth1Scheme;
import dev.portcullis.core.oauth1.OAuth1Verifier;
import dev.portcullis.servlet.GateFactory;
import java.util.Map;
import java.util.Set;

/**
 * The gate of the email-list servlets: OAuth 1.0a (RFC 5849) requests signed with a consumer and an
 * access token, from the header, a form body or the query. An access token may read and write the
 * lists of its user's account ({@code lists(rw)} on the account id), which the filter's
 * {@code path:accountId} rule checks.
 *
 * <p>Named in {@code web.xml} as the filter's {@code gate-factory}.
 */
public final class OAuthGates implements GateFactory {

  /** Used by the filter, through reflection. */
  public OAuthGates() {}

  @Override
  public Gate create(Map<String, String> initParams) {
    DemoData data = DemoData.get();
    OAuth1Verifier verifier = OAuth1Verifier.builder()
        .consumers(data.consumers())
        .tokens(data.oauthTokens())
        .replayGuard(data.replayGuard())
        .realm(DemoData.LISTS_REALM)
        .build();
    OAuth1Scheme oauth = OAuth1Scheme.builder(verifier)
        .grants(token -> token.account() == null
            ? Grants.none()
            : Grants.of(new Permission("lists", Operation.READ_WRITE, Set.of(token.account()))))
        .build();
    return Gate.builder().scheme(oauth).build();
  }
}
