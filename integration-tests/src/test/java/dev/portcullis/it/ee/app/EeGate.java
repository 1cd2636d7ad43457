package dev.portcullis.it.ee.app;

import dev.portcullis.core.Gate;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.digest.DigestScheme;
import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.memory.InMemoryApplicationRegistry;
import dev.portcullis.core.memory.InMemoryConsumerStore;
import dev.portcullis.core.memory.InMemoryDigestCredentialStore;
import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.oauth1.OAuth1Scheme;
import dev.portcullis.core.oauth1.OAuth1Verifier;
import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.spi.ApplicationRegistry.Application;
import dev.portcullis.core.token.BasicTokenScheme;
import dev.portcullis.core.token.BearerTokenScheme;
import dev.portcullis.core.token.TokenService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The EE test application's gate: all four schemes over in-memory demo stores. */
final class EeGate {
  static final String API_KEY = "7f2b9c4e-1a3d-4e5f-8b6a-9c0d1e2f3a4b";

  private EeGate() {}

  static Gate build() {
    InMemoryReplayGuard replay = new InMemoryReplayGuard();
    TokenService tokens = TokenService.builder()
        .tokenStore(new InMemoryApiTokenStore())
        .accounts(InMemoryAccountStore.builder()
            .account("demo", "demo_api_token", Set.of("key_demo_index")).build())
        .allowedScopes(Set.of("items"))
        .build();
    DigestScheme digest = DigestScheme.builder()
        .realm("contacts@portcullis")
        .credentials(InMemoryDigestCredentialStore.builder().realm("contacts@portcullis")
            .user(API_KEY + "%ctct_customer", "mypassword".toCharArray()).build())
        .applications(new InMemoryApplicationRegistry().register(new Application(API_KEY, "demo", true)))
        .grants((key, customer) -> Grants.of(new Permission("contacts", Operation.READ_WRITE, Set.of(Permission.ANY))))
        .nonceKey("ee-test-nonce-key-0123456789abcdef0123".getBytes(StandardCharsets.US_ASCII))
        .replayGuard(replay)
        .build();
    InMemoryConsumerStore consumers = new InMemoryConsumerStore();
    consumers.save(Consumer.builder("demo_consumer_key", ProtectedSecret.plain("demo_consumer_secret"))
        .callbacks(List.of("oob")).build());
    InMemoryOAuthTokenStore oauthTokens = new InMemoryOAuthTokenStore();
    oauthTokens.save(OAuthToken.access("demo_access_token", ProtectedSecret.plain("demo_access_secret"),
        "demo_consumer_key", "demo_user", "1", Instant.now(), null));
    OAuth1Scheme oauth = OAuth1Scheme.builder(OAuth1Verifier.builder()
            .consumers(consumers).tokens(oauthTokens).replayGuard(replay).realm("lists@portcullis").build())
        .grants(t -> Grants.of(new Permission("lists", Operation.READ, Set.of(Permission.ANY))))
        .build();
    return Gate.builder()
        .scheme(new BasicTokenScheme(tokens, "catalog"))
        .scheme(new BearerTokenScheme(tokens, "catalog"))
        .scheme(digest)
        .scheme(oauth)
        .build();
  }
}
