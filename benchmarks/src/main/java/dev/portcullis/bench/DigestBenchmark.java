package dev.portcullis.bench;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.AuthRequests;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.spi.digest.DigestAlgorithm;
import dev.portcullis.core.spi.digest.DigestCredentials;
import dev.portcullis.core.digest.DigestScheme;
import dev.portcullis.core.memory.InMemoryApplicationRegistry;
import dev.portcullis.core.memory.InMemoryDigestCredentialStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.spi.ApplicationRegistry.Application;
import dev.portcullis.core.spi.ReplayGuard;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One full HTTP Digest verification per operation, per algorithm: auth-param parsing, the nonce's
 * HMAC and age, the API-key and HA1 lookups, the request-digest, the nc sliding window in the
 * in-memory replay guard, and the {@code Authentication-Info} (rspauth) on success.
 *
 * <p>A small ring of pre-computed requests is replayed; so that each one still passes, the replay
 * guard sees a fresh, rising count for every call (the window's real map update and ring write run
 * each time; only the count is synthetic). Run with
 * {@code java -jar benchmarks/target/benchmarks.jar Digest -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DigestBenchmark {
  private static final String REALM = "contacts";
  private static final String KEY = "7f2b9c4e-1a3d-4e5f-8b6a-9c0d1e2f3a4b";
  private static final String USER = KEY + "%ctct_customer";
  private static final String DISABLED = "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
  private static final String PATH = "/ws/customers/ctct_customer/contacts";
  private static final int RING = 64;

  @Param({"MD5", "SHA-256", "SHA-512-256"})
  public String algorithm;

  private DigestScheme scheme;
  private AuthRequest request;
  private final String[] headers = new String[RING];
  private int next;
  private String wrongPassword;
  private String disabledKey;

  /** Delegates to the in-memory guard with a rising count, so ring entries never count as replays. */
  static final class RisingCounts implements ReplayGuard {
    private final InMemoryReplayGuard delegate;
    private long count;

    RisingCounts(InMemoryReplayGuard delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean firstUse(String key, Duration ttl) {
      return delegate.firstUse(key, ttl);
    }

    @Override
    public boolean firstCount(String key, long ignored, int window, Duration ttl) {
      return delegate.firstCount(key, ++count, window, ttl);
    }
  }

  @Setup
  public void setUp() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    DigestAlgorithm alg = DigestAlgorithm.fromToken(algorithm);
    InMemoryDigestCredentialStore store = InMemoryDigestCredentialStore.builder().realm(REALM)
        .user(USER, "mypassword".toCharArray()).user(DISABLED + "%ctct_customer", "mypassword".toCharArray()).build();
    InMemoryApplicationRegistry apps = new InMemoryApplicationRegistry().register(new Application(KEY, "bench", true))
        .register(new Application(DISABLED, "disabled", false));
    scheme = DigestScheme.builder().realm(REALM).algorithms(alg).credentials(store).applications(apps)
        .grants((k, u) -> Grants.of(new Permission("contacts", Operation.READ_WRITE, Set.of(u))))
        .nonceKey("benchmark-nonce-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII))
        .clock(clock).replayGuard(new RisingCounts(new InMemoryReplayGuard(clock, 1_000_000)))
        .build();
    request = AuthRequests.builder().method("GET").scheme("http").host("127.0.0.1").port(8080).rawPath(PATH).build();
    String jdk = alg.jdkName();
    String ha1 = DigestCredentials.hex(DigestCredentials.ha1(alg, USER, REALM, "mypassword".toCharArray()));
    String ha2 = hex(jdk, "GET:" + PATH);
    for (int i = 0; i < RING; i++) {
      String challenge = scheme.challenges(request, null).get(0);
      int n = challenge.indexOf("nonce=\"") + 7;
      String nonce = challenge.substring(n, challenge.indexOf('"', n));
      String nc = String.format("%08x", i + 1);
      String cnonce = "cnonce" + i;
      String response = hex(jdk, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
      headers[i] = "username=\"" + USER + "\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\"" + PATH
          + "\", algorithm=" + alg.token() + ", response=\"" + response + "\", qop=auth, nc=" + nc
          + ", cnonce=\"" + cnonce + "\"";
      if (!(scheme.authenticate(request, headers[i]) instanceof Outcome.Authenticated)) {
        throw new IllegalStateException("benchmark request does not verify");
      }
    }
    // refusals: the same request with a wrong response, and with the right one for a disabled key
    String disabledHa1 = DigestCredentials.hex(DigestCredentials.ha1(alg, DISABLED + "%ctct_customer", REALM, "mypassword".toCharArray()));
    String h0 = headers[0];
    String nonce = h0.substring(h0.indexOf("nonce=\"") + 7, h0.indexOf('"', h0.indexOf("nonce=\"") + 7));
    String good = h0.substring(h0.indexOf("response=\"") + 10, h0.indexOf('"', h0.indexOf("response=\"") + 10));
    wrongPassword = h0.replace(good, hex(jdk, "wrong"));
    String disabledResponse = hex(jdk, disabledHa1 + ":" + nonce + ":00000001:cnonce0:auth:" + ha2);
    disabledKey = h0.replace(USER, DISABLED + "%ctct_customer").replace(good, disabledResponse);
    if (!(scheme.authenticate(request, wrongPassword) instanceof Outcome.Rejected w
        && w.reason() == dev.portcullis.core.Reason.CREDENTIALS_INVALID
        && scheme.authenticate(request, disabledKey) instanceof Outcome.Rejected d
        && d.reason() == dev.portcullis.core.Reason.APPLICATION_DISABLED)) {
      throw new IllegalStateException("benchmark refusals are not the expected ones");
    }
  }

  private static String hex(String jdk, String s) throws Exception {
    return DigestCredentials.hex(MessageDigest.getInstance(jdk).digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Benchmark
  public Outcome verify() {
    String h = headers[next];
    next = (next + 1) & (RING - 1);
    return scheme.authenticate(request, h);
  }

  /** A wrong password: 401 after the full hash work. */
  @Benchmark
  public Outcome refuseWrongPassword() {
    return scheme.authenticate(request, wrongPassword);
  }

  /** A disabled API key with the right password: the same 401 after the same hash work (dummy HA1). */
  @Benchmark
  public Outcome refuseDisabledKey() {
    return scheme.authenticate(request, disabledKey);
  }
}
