package dev.portcullis.sample.war;

import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.memory.InMemoryApplicationRegistry;
import dev.portcullis.core.memory.InMemoryConsumerStore;
import dev.portcullis.core.memory.InMemoryDigestCredentialStore;
import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.spi.ApplicationRegistry.Application;
import dev.portcullis.core.token.TokenService;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The sample's demo users, applications and tokens, in the in-memory stores, shared by the three
 * gate factories and the token servlet of this web application.
 *
 * <p>The credentials are the published ones of the demo server (shared/spec/demo-api.md) plus one
 * pre-issued OAuth access token per user, so a client can call the OAuth-protected servlets without
 * running the provider flow first. They are demo values, not secrets; the stores keep HA1s and
 * token hashes, never the passwords or API tokens themselves.
 *
 * <p>One instance per class loader, so per deployed WAR; thread-safe.
 */
public final class DemoData {
  /** The Digest realm of the contacts servlets. */
  public static final String CONTACTS_REALM = "contacts@portcullis";
  /** An enabled API key: Digest usernames are {@code <API key>%<customer>}. */
  public static final String API_KEY = "7f2b9c4e-1a3d-4e5f-8b6a-9c0d1e2f3a4b";
  /** A disabled API key, as after a compromise: its users are refused. */
  public static final String DISABLED_API_KEY = "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

  /** The OAuth realm of the lists servlets. */
  public static final String LISTS_REALM = "lists@portcullis";
  public static final String CONSUMER_KEY = "demo_consumer_key";
  public static final String CONSUMER_SECRET = "demo_consumer_secret";
  /** demo_user's access token (account 1). */
  public static final String DEMO_ACCESS_TOKEN = "demo_access_token";
  public static final String DEMO_ACCESS_SECRET = "demo_access_secret";
  /** other_user's access token (account 2). */
  public static final String OTHER_ACCESS_TOKEN = "other_access_token";
  public static final String OTHER_ACCESS_SECRET = "other_access_secret";

  /** The realm of the catalog (Basic and Bearer API tokens). */
  public static final String CATALOG_REALM = "catalog";

  private static final DemoData INSTANCE = new DemoData();

  private final InMemoryDigestCredentialStore digestUsers;
  private final InMemoryApplicationRegistry applications;
  private final InMemoryConsumerStore consumers;
  private final InMemoryOAuthTokenStore oauthTokens;
  private final InMemoryReplayGuard replayGuard;
  private final TokenService apiTokens;
  private final byte[] nonceKey;

  private DemoData() {
    digestUsers = InMemoryDigestCredentialStore.builder().realm(CONTACTS_REALM)
        .user(API_KEY + "%ctct_customer", "mypassword".toCharArray())
        .user(API_KEY + "%other_customer", "otherpassword".toCharArray())
        .user(DISABLED_API_KEY + "%ctct_customer", "mypassword".toCharArray())
        .build();
    applications = new InMemoryApplicationRegistry()
        .register(new Application(API_KEY, "demo", true))
        .register(new Application(DISABLED_API_KEY, "compromised", false));

    consumers = new InMemoryConsumerStore();
    consumers.save(Consumer.builder(CONSUMER_KEY, ProtectedSecret.plain(CONSUMER_SECRET))
        .displayName("Demo consumer")
        .callbacks(List.of("http://localhost:*", "http://127.0.0.1:*", "oob"))
        .build());
    oauthTokens = new InMemoryOAuthTokenStore();
    Instant now = Instant.now();
    oauthTokens.save(OAuthToken.access(DEMO_ACCESS_TOKEN, ProtectedSecret.plain(DEMO_ACCESS_SECRET),
        CONSUMER_KEY, "demo_user", "1", now, null));
    oauthTokens.save(OAuthToken.access(OTHER_ACCESS_TOKEN, ProtectedSecret.plain(OTHER_ACCESS_SECRET),
        CONSUMER_KEY, "other_user", "2", now, null));

    replayGuard = new InMemoryReplayGuard();
    apiTokens = TokenService.builder()
        .tokenStore(new InMemoryApiTokenStore())
        .accounts(InMemoryAccountStore.builder()
            .account("demo", "demo_api_token", Set.of("key_demo_index", "key_demo_staging"))
            .account("other", "other_api_token", Set.of("key_other_index"))
            .build())
        .allowedScopes(Set.of("items"))
        .build();
    // One WAR, one node: a random key is enough. A cluster shares a configured key instead, so
    // that a nonce issued by one node is accepted by the others.
    nonceKey = new byte[32];
    new SecureRandom().nextBytes(nonceKey);
  }

  /** The demo data of this web application. */
  public static DemoData get() {
    return INSTANCE;
  }

  InMemoryDigestCredentialStore digestUsers() {
    return digestUsers;
  }

  InMemoryApplicationRegistry applications() {
    return applications;
  }

  InMemoryConsumerStore consumers() {
    return consumers;
  }

  InMemoryOAuthTokenStore oauthTokens() {
    return oauthTokens;
  }

  InMemoryReplayGuard replayGuard() {
    return replayGuard;
  }

  TokenService apiTokens() {
    return apiTokens;
  }

  byte[] nonceKey() {
    return nonceKey.clone();
  }
}
