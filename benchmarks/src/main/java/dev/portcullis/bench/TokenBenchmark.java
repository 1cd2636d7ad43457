package dev.portcullis.bench;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.AuthRequests;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.token.BasicTokenScheme;
import dev.portcullis.core.token.BearerTokenScheme;
import dev.portcullis.core.token.IssuedToken;
import dev.portcullis.core.token.TokenService;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One API-token verification through {@link Gate#authenticate}: a scoped generated token in the
 * in-memory store, sent as {@code Bearer} and as a Basic username.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TokenBenchmark -f 1 -prof gc}. The
 * store holds 1,000 tokens so the lookup is not against an empty map.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenBenchmark {
  private Gate gate;
  private AuthRequest bearerRequest;
  private AuthRequest basicRequest;

  @Setup(Level.Trial)
  public void setUp() {
    TokenService tokens = TokenService.builder()
        .tokenStore(new InMemoryApiTokenStore())
        .accounts(InMemoryAccountStore.builder()
            .account("demo", "demo_api_token", Set.of("key_demo_index", "key_demo_staging"))
            .build())
        .allowedScopes(Set.of("items", "facets", "redirects"))
        .maxTokensPerAccount(2_000)
        .build();
    List<Permission> perms = List.of(new Permission("items", Operation.READ, Set.of("key_demo_index")));
    IssuedToken token = null;
    for (int i = 0; i < 1_000; i++) {
      token = tokens.admin().create("demo", "bench " + i, perms, null).orElseThrow();
    }
    gate = Gate.builder()
        .scheme(new BasicTokenScheme(tokens, "catalog"))
        .scheme(new BearerTokenScheme(tokens, "catalog"))
        .requireSecure(true)
        .build();
    bearerRequest = request("Bearer " + token.secret());
    basicRequest = request("Basic "
        + Base64.getEncoder().encodeToString((token.secret() + ":").getBytes(StandardCharsets.UTF_8)));
    if (!(gate.authenticate(bearerRequest) instanceof Outcome.Authenticated)
        || !(gate.authenticate(basicRequest) instanceof Outcome.Authenticated)) {
      throw new IllegalStateException("benchmark setup does not authenticate");
    }
  }

  private static AuthRequest request(String authorization) {
    return AuthRequests.builder()
        .method("GET").scheme("https").host("api.example.com").port(443)
        .rawPath("/v2/items").rawQuery("key=key_demo_index")
        .header("Authorization", authorization)
        .build();
  }

  @Benchmark
  public Outcome bearer() {
    return gate.authenticate(bearerRequest);
  }

  @Benchmark
  public Outcome basic() {
    return gate.authenticate(basicRequest);
  }
}
