package dev.portcullis.bench;

import dev.portcullis.core.AttemptPolicy;
import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.AuthRequests;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.memory.InMemoryAttemptLimiter;
import dev.portcullis.core.spi.AttemptCounts;
import dev.portcullis.core.spi.AttemptKey;
import dev.portcullis.core.token.BasicTokenScheme;
import dev.portcullis.core.token.BearerTokenScheme;
import dev.portcullis.core.token.IssuedToken;
import dev.portcullis.core.token.TokenService;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the attempt limiter costs a successful verification: the same Bearer token through a gate
 * without limiter ({@code none}), with the in-memory limiter ({@code limiter}), and with the
 * limiter plus a listener that drops every event ({@code limiter+listener}); and the limiter's
 * clean-record check on its own.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ThrottleBenchmark -f 1 -prof gc}. The
 * difference between {@code none} and {@code limiter} is the number issue 9 bounds (100 ns).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ThrottleBenchmark {
  @Param({"none", "limiter", "limiter+listener"})
  public String gateKind;

  private Gate gate;
  private AuthRequest bearerRequest;
  private InMemoryAttemptLimiter limiter;
  private AttemptKey key;
  private final AttemptPolicy policy = AttemptPolicy.defaults();
  private final Clock clock = Clock.systemUTC();

  @Setup(Level.Trial)
  public void setUp() {
    TokenService tokens = TokenService.builder()
        .tokenStore(new InMemoryApiTokenStore())
        .accounts(InMemoryAccountStore.builder().account("demo", "demo_api_token", Set.of("key_demo_index")).build())
        .allowedScopes(Set.of("items"))
        .maxTokensPerAccount(2_000)
        .build();
    List<Permission> perms = List.of(new Permission("items", Operation.READ, Set.of("key_demo_index")));
    IssuedToken token = null;
    for (int i = 0; i < 1_000; i++) {
      token = tokens.admin().create("demo", "bench " + i, perms, null).orElseThrow();
    }
    limiter = new InMemoryAttemptLimiter();
    Gate.Builder b = Gate.builder()
        .scheme(new BasicTokenScheme(tokens, "catalog"))
        .scheme(new BearerTokenScheme(tokens, "catalog"))
        .requireSecure(true);
    if (!gateKind.equals("none")) {
      b.attemptLimiter(limiter);
    }
    if (gateKind.equals("limiter+listener")) {
      b.listener(e -> { });
    }
    gate = b.build();
    bearerRequest = AuthRequests.builder()
        .method("GET").scheme("https").host("api.example.com").port(443)
        .rawPath("/v2/items").rawQuery("key=key_demo_index")
        .header("Authorization", "Bearer " + token.secret())
        .remoteAddress("203.0.113.7")
        .build();
    key = new AttemptKey("Bearer", token.info().id(), "203.0.113.7");
    if (!(gate.authenticate(bearerRequest) instanceof Outcome.Authenticated)) {
      throw new IllegalStateException("benchmark setup does not authenticate");
    }
  }

  @Benchmark
  public Outcome bearerSuccess() {
    return gate.authenticate(bearerRequest);
  }

  /** Nothing: what the harness itself costs per op (subtract it in {@code -bm sample}). */
  @Benchmark
  public long baseline() {
    return 42L;
  }

  /** The check the gate makes before verifying, for a key with a clean record. */
  @Benchmark
  public long cleanRecordCheck() {
    AttemptCounts c = limiter.counts(key);
    return policy.retryAfterMillis(c, clock.millis());
  }
}
