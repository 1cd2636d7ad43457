package dev.portcullis.it.ee.secure;

import dev.portcullis.core.Gate;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.memory.InMemoryConsumerStore;
import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.oauth1.OAuth1Scheme;
import dev.portcullis.core.oauth1.OAuth1Verifier;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.token.BasicTokenScheme;
import dev.portcullis.core.token.TokenService;
import dev.portcullis.servlet.security.PortcullisAuthenticationMechanism;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** An HTTPS-only application: Basic API tokens and OAuth (PLAINTEXT among its methods), requireSecure. */
@ApplicationScoped
public class SecureSecurity {

  @Produces
  @ApplicationScoped
  HttpAuthenticationMechanism portcullis() {
    TokenService tokens = TokenService.builder()
        .tokenStore(new InMemoryApiTokenStore())
        .accounts(InMemoryAccountStore.builder()
            .account("demo", "demo_api_token", Set.of("key_demo_index")).build())
        .allowedScopes(Set.of("items"))
        .build();
    InMemoryConsumerStore consumers = new InMemoryConsumerStore();
    consumers.save(Consumer.builder("demo_consumer_key", ProtectedSecret.plain("demo_consumer_secret"))
        .callbacks(List.of("oob")).build());
    InMemoryOAuthTokenStore oauthTokens = new InMemoryOAuthTokenStore();
    oauthTokens.save(OAuthToken.access("demo_access_token", ProtectedSecret.plain("demo_access_secret"),
        "demo_consumer_key", "demo_user", "1", Instant.now(), null));
    OAuth1Scheme oauth = OAuth1Scheme.builder(OAuth1Verifier.builder()
            .consumers(consumers).tokens(oauthTokens).replayGuard(new InMemoryReplayGuard())
            .realm("lists@portcullis").build())
        .grants(t -> Grants.of(new Permission("lists", Operation.READ, Set.of(Permission.ANY))))
        .build();
    Gate gate = Gate.builder()
        .scheme(new BasicTokenScheme(tokens, "catalog"))
        .scheme(oauth)
        .requireSecure(true)
        .build();
    return PortcullisAuthenticationMechanism.builder(gate).build();
  }
}
