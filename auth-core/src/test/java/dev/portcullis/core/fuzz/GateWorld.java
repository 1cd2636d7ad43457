package dev.portcullis.core.fuzz;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.AuthRequests;
import dev.portcullis.core.Gate;
import dev.portcullis.core.spi.digest.DigestAlgorithm;
import dev.portcullis.core.digest.DigestScheme;
import dev.portcullis.core.http.BodyTooLargeException;
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
import dev.portcullis.core.spi.ApplicationRegistry;
import dev.portcullis.core.token.BasicTokenScheme;
import dev.portcullis.core.token.BearerTokenScheme;
import dev.portcullis.core.token.TokenService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * One gate with every scheme the core has, over in-memory stores and a clock that stands still, and
 * the planted secrets that must never show up in a refusal.
 *
 * <p>The stores that hold secrets are built once. The replay guards, the only state a request may
 * change, are new for every input, so an input means the same thing whenever it runs.
 *
 * <p>A fuzz input is UTF-8 text, one field a line: {@code METHOD TARGET [http]} (the last word makes
 * the request arrive over plain HTTP), then the {@code Authorization} values separated by CR (an
 * empty line sends none), then the {@code Content-Type} (empty: none), then the body.
 */
final class GateWorld {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String HOST = "api.example.com";
  /** Bodies past this many bytes are refused as an adapter with this cap would. */
  static final int BODY_CAP = 2048;

  static final String ACCOUNT_TOKEN = "demo-Acct-Tok3n-q8Zr41";
  static final String DIGEST_REALM = "contacts@portcullis";
  static final String DIGEST_USER = "7f2b9c4e%ctct_customer";
  static final String DIGEST_PASSWORD = "Pa55-w0rd-Gr33n";
  static final String CONSUMER_KEY = "ck_fuzz";
  static final String CONSUMER_SECRET = "cs-Secr3t-9f8e7d";
  static final String ACCESS_TOKEN = "at_fuzz";
  static final String ACCESS_SECRET = "ats-Secr3t-6c5b4a";
  static final String REQUEST_TOKEN = "rt_fuzz";
  static final String REQUEST_SECRET = "rts-Secr3t-3f2e1d";
  static final byte[] NONCE_KEY = "fuzz-nonce-key-0123456789abcdef-0123".getBytes(StandardCharsets.US_ASCII);

  /** Everything secret the world knows; none of it may appear in a refusal. */
  static final List<String> SECRETS;

  static final InMemoryAccountStore ACCOUNTS = InMemoryAccountStore.builder()
      .account("demo", ACCOUNT_TOKEN, Set.of("key_demo_index"))
      .build();
  static final InMemoryApiTokenStore API_TOKENS = new InMemoryApiTokenStore();
  static final TokenService TOKENS = TokenService.builder()
      .tokenStore(API_TOKENS).accounts(ACCOUNTS).clock(CLOCK).allowedScopes(Set.of("items")).build();
  static final InMemoryDigestCredentialStore DIGEST_STORE = InMemoryDigestCredentialStore.builder()
      .realm(DIGEST_REALM)
      .user(DIGEST_USER, DIGEST_PASSWORD.toCharArray())
      .user("7f2b9c4e%other", "another-Pa55w0rd".toCharArray())
      .build();
  static final InMemoryApplicationRegistry APPS = new InMemoryApplicationRegistry()
      .register(new ApplicationRegistry.Application("7f2b9c4e", "fuzz app", true))
      .register(new ApplicationRegistry.Application("0disabled", "gone", false));
  static final InMemoryConsumerStore CONSUMERS = new InMemoryConsumerStore();
  static final InMemoryOAuthTokenStore OAUTH_TOKENS = new InMemoryOAuthTokenStore();
  static final OAuthToken ACCESS;
  static final OAuthToken REQUEST;

  static {
    CONSUMERS.save(Consumer.builder(CONSUMER_KEY, ProtectedSecret.plain(CONSUMER_SECRET)).build());
    CONSUMERS.save(Consumer.builder("ck_off", ProtectedSecret.plain("cs-off-Secr3t-1a2b")).enabled(false).build());
    ACCESS = OAuthToken.access(ACCESS_TOKEN, ProtectedSecret.plain(ACCESS_SECRET), CONSUMER_KEY, "jane", "demo",
        NOW.minusSeconds(60), null);
    REQUEST = OAuthToken.request(REQUEST_TOKEN, ProtectedSecret.plain(REQUEST_SECRET), CONSUMER_KEY, "oob",
        NOW.minusSeconds(60), NOW.plusSeconds(600)).authorize("jane", "demo", "v3r1f13r-x");
    OAUTH_TOKENS.save(ACCESS);
    OAUTH_TOKENS.save(REQUEST);
    SECRETS = List.of(ACCOUNT_TOKEN, DIGEST_PASSWORD, CONSUMER_SECRET, ACCESS_SECRET, REQUEST_SECRET,
        "another-Pa55w0rd", "cs-off-Secr3t-1a2b", "v3r1f13r-x",
        Oracles.ha1Hex("MD5", DIGEST_USER, DIGEST_REALM, DIGEST_PASSWORD),
        Oracles.ha1Hex("SHA-256", DIGEST_USER, DIGEST_REALM, DIGEST_PASSWORD));
  }

  final InMemoryReplayGuard digestGuard = new InMemoryReplayGuard(CLOCK, 10_000);
  final InMemoryReplayGuard oauthGuard = new InMemoryReplayGuard(CLOCK, 10_000);
  final Gate gate;

  GateWorld() {
    DigestScheme digest = DigestScheme.builder()
        .realm(DIGEST_REALM)
        .algorithms(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5)
        .credentials(DIGEST_STORE)
        .applications(APPS)
        .nonceKey(NONCE_KEY)
        .replayGuard(digestGuard)
        .clock(CLOCK)
        .build();
    OAuth1Verifier verifier = OAuth1Verifier.builder()
        .consumers(CONSUMERS).tokens(OAUTH_TOKENS).replayGuard(oauthGuard).clock(CLOCK).realm("Fuzz")
        .build();
    gate = Gate.builder()
        .scheme(new BasicTokenScheme(TOKENS, "catalog"))
        .scheme(new BearerTokenScheme(TOKENS, "catalog"))
        .scheme(digest)
        .scheme(OAuth1Scheme.builder(verifier).build())
        .requireSecure(true)
        .build();
  }

  /** The request a fuzz input describes (see the class comment). */
  static AuthRequest request(String input) {
    String[] lines = input.split("\n", 4);
    String[] first = lines[0].split(" ", 3);
    String method = first[0].isEmpty() ? "GET" : first[0];
    String target = first.length > 1 ? first[1] : "/";
    boolean plain = first.length > 2 && first[2].equals("http");
    int q = target.indexOf('?');
    AuthRequests.Builder b = AuthRequests.builder()
        .method(method)
        .scheme(plain ? "http" : "https")
        .host(HOST)
        .port(plain ? 80 : 443)
        .rawPath(q < 0 ? target : target.substring(0, q))
        .rawQuery(q < 0 ? null : target.substring(q + 1))
        .remoteAddress("192.0.2.10");
    if (lines.length > 1 && !lines[1].isEmpty()) {
      for (String v : lines[1].split("\r", -1)) {
        b.header("Authorization", v);
      }
    }
    if (lines.length > 2 && !lines[2].isEmpty()) {
      b.header("Content-Type", lines[2]);
    }
    byte[] body = lines.length > 3 ? lines[3].getBytes(StandardCharsets.UTF_8) : new byte[0];
    b.body(() -> {
      if (body.length > BODY_CAP) {
        throw new BodyTooLargeException(BODY_CAP);
      }
      return body;
    });
    return b.build();
  }
}
