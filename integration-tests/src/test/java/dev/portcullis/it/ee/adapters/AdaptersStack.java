package dev.portcullis.it.ee.adapters;

import dev.portcullis.core.Gate;
import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.memory.InMemoryConsumerStore;
import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.oauth1.OAuth1Scheme;
import dev.portcullis.core.oauth1.OAuth1Verifier;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.token.BasicTokenScheme;
import dev.portcullis.core.token.TokenService;
import java.util.List;
import java.util.Set;

/**
 * What the servlet side and the JAX-RS side of the adapters WAR share: one HTTPS-only Basic token
 * gate, and an OAuth 1.0a verifier whose consumer may sign with PLAINTEXT (allowed over TLS only).
 */
final class AdaptersStack {
  static final String TOKEN = "gf_api_token";
  static final String CONSUMER_KEY = "gf_consumer";
  static final String CONSUMER_SECRET = "gf_secret";

  static final TokenService TOKENS = TokenService.builder()
      .tokenStore(new InMemoryApiTokenStore())
      .accounts(InMemoryAccountStore.builder().account("acct", TOKEN, Set.of("key_a")).build())
      .allowedScopes(Set.of("items"))
      .build();

  /** Basic API tokens, HTTPS required: what AuthFilter and the JAX-RS feature both enforce. */
  static final Gate BASIC = Gate.builder().scheme(new BasicTokenScheme(TOKENS, "glassfish")).requireSecure(true).build();

  static final OAuth1Verifier VERIFIER;

  static {
    InMemoryConsumerStore consumers = new InMemoryConsumerStore();
    consumers.save(Consumer.builder(CONSUMER_KEY, ProtectedSecret.plain(CONSUMER_SECRET))
        .displayName("GlassFish test").callbacks(List.of("oob")).build());
    VERIFIER = OAuth1Verifier.builder().consumers(consumers).tokens(new InMemoryOAuthTokenStore())
        .replayGuard(new InMemoryReplayGuard()).realm("glassfish-oauth").build();
  }

  /** The gate of the OAuth endpoints: no HTTPS requirement of its own, PLAINTEXT still needs TLS. */
  static final Gate OAUTH = Gate.builder().scheme(OAuth1Scheme.builder(VERIFIER).build()).build();

  private AdaptersStack() {}
}
