package dev.portcullis.bench;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.AuthRequests;
import dev.portcullis.core.internal.FormCodec;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.internal.PercentCodec;
import dev.portcullis.core.memory.InMemoryConsumerStore;
import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.oauth1.OAuth1Verifier;
import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.spi.oauth1.TokenKind;
import dev.portcullis.core.oauth1.Verification;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One full OAuth 1.0a verification through {@link OAuth1Verifier#verify}: a GET with a query,
 * signed HMAC-SHA1 with consumer and access token in the {@code Authorization} header; parameter
 * collection, base string, HMAC, timestamp check and the nonce recorded in the in-memory guard.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar OAuth -f 1 -prof gc}. Every call sees a
 * fresh nonce: a ring of pre-signed requests is cycled, and each time it wraps the guard's own clock
 * jumps past every ttl, so the nonces count as unseen again (the sweep this triggers is amortized
 * over the ring, as a real guard's periodic sweep is). {@code rawHmacSha1} is the floor: the HMAC
 * of the same base string alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OAuthBenchmark {
  private static final int RING = 8192;
  private static final long NOW = 1_700_000_000L;
  private static final String URL_PATH = "/1.0/accounts/1/lists/500000000/campaigns";
  private static final String QUERY = "ws.op=find&ws.size=100&name=Summer%20sale%20%E2%98%80";

  private OAuth1Verifier verifier;
  private JumpingClock guardClock;
  private AuthRequest[] requests;
  private int next;
  private Mac mac;
  private byte[] baseBytes;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Clock fixed = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    guardClock = new JumpingClock(Instant.ofEpochSecond(NOW));
    InMemoryConsumerStore consumers = new InMemoryConsumerStore();
    consumers.save(Consumer.builder("vjckuVc3sNrZWOa3PWnf", ProtectedSecret.plain("demo_consumer_secret")).build());
    InMemoryOAuthTokenStore tokens = new InMemoryOAuthTokenStore();
    tokens.save(OAuthToken.access("JiNgFSkkwNSsxRXqefzSg6mIyQY7quoKyKozK1of",
        ProtectedSecret.plain("868zh4rxwewhj3tLkVVJYD7KHgFHILDgEaiW9p9F"), "vjckuVc3sNrZWOa3PWnf",
        "demo_user", "1", Instant.ofEpochSecond(NOW), null));
    verifier = OAuth1Verifier.builder().consumers(consumers).tokens(tokens)
        .replayGuard(new InMemoryReplayGuard(guardClock, 1_000_000)).clock(fixed).realm("bench").build();
    requests = new AuthRequest[RING];
    String base = null;
    for (int i = 0; i < RING; i++) {
      String nonce = Long.toHexString(0x9e3779b97f4a7c15L * (i + 1));
      List<Param> oauth = List.of(
          new Param("oauth_consumer_key", "vjckuVc3sNrZWOa3PWnf"),
          new Param("oauth_nonce", nonce),
          new Param("oauth_signature_method", "HMAC-SHA1"),
          new Param("oauth_timestamp", Long.toString(NOW)),
          new Param("oauth_token", "JiNgFSkkwNSsxRXqefzSg6mIyQY7quoKyKozK1of"),
          new Param("oauth_version", "1.0"));
      base = baseString("GET", "https://api.example.com" + URL_PATH, QUERY, oauth);
      String sig = hmac(base, "demo_consumer_secret&868zh4rxwewhj3tLkVVJYD7KHgFHILDgEaiW9p9F");
      StringBuilder h = new StringBuilder("OAuth realm=\"bench\"");
      for (Param p : oauth) {
        h.append(", ").append(p.name()).append("=\"").append(PercentCodec.encode(p.value())).append('"');
      }
      h.append(", oauth_signature=\"").append(PercentCodec.encode(sig)).append('"');
      requests[i] = AuthRequests.builder().method("GET").scheme("https").host("api.example.com").port(443)
          .rawPath(URL_PATH).rawQuery(QUERY).header("Authorization", h.toString())
          .header("Accept", "application/json").build();
    }
    if (!(verifier.verify(requests[0], TokenKind.ACCESS) instanceof Verification.Verified)) {
      throw new IllegalStateException("the benchmark request does not verify");
    }
    guardClock.jump();
    mac = Mac.getInstance("HmacSHA1");
    baseBytes = base.getBytes(StandardCharsets.US_ASCII);
  }

  @Benchmark
  public Verification verifySignedGet() {
    int i = next;
    if (i == RING) {
      guardClock.jump();
      i = 0;
    }
    next = i + 1;
    Verification v = verifier.verify(requests[i], TokenKind.ACCESS);
    if (!(v instanceof Verification.Verified)) {
      throw new IllegalStateException("refused: " + v);
    }
    return v;
  }

  @Benchmark
  public byte[] rawHmacSha1() throws Exception {
    mac.init(new SecretKeySpec("demo_consumer_secret&868zh4rxwewhj3tLkVVJYD7KHgFHILDgEaiW9p9F"
        .getBytes(StandardCharsets.US_ASCII), "HmacSHA1"));
    return mac.doFinal(baseBytes);
  }

  /** An independent, unoptimized client-side base string (RFC 5849 §3.4.1), for setting up only. */
  private static String baseString(String method, String uri, String query, List<Param> oauth) {
    List<String[]> pairs = new ArrayList<>();
    for (Param p : FormCodec.decode(query)) {
      pairs.add(new String[] {PercentCodec.encode(p.name()), PercentCodec.encode(p.value())});
    }
    for (Param p : oauth) {
      pairs.add(new String[] {PercentCodec.encode(p.name()), PercentCodec.encode(p.value())});
    }
    pairs.sort(Comparator.<String[], String>comparing(a -> a[0]).thenComparing(a -> a[1]));
    StringBuilder norm = new StringBuilder();
    for (String[] p : pairs) {
      if (norm.length() > 0) {
        norm.append('&');
      }
      norm.append(p[0]).append('=').append(p[1]);
    }
    return method + "&" + PercentCodec.encode(uri) + "&" + PercentCodec.encode(norm.toString());
  }

  private static String hmac(String base, String key) throws Exception {
    Mac m = Mac.getInstance("HmacSHA1");
    m.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(m.doFinal(base.getBytes(StandardCharsets.US_ASCII)));
  }

  /** The guard's clock: still, except when the ring wraps and every recorded nonce must expire. */
  static final class JumpingClock extends Clock {
    private Instant now;

    JumpingClock(Instant now) {
      this.now = now;
    }

    void jump() {
      now = now.plus(Duration.ofHours(1));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public long millis() {
      return now.toEpochMilli();
    }
  }
}
