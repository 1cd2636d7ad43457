package dev.portcullis.servlet.oauth;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.model.OAuth1RequestToken;
import com.github.scribejava.core.oauth.OAuth10aService;
import dev.portcullis.core.Gate;
import dev.portcullis.core.AttemptPolicy;
import dev.portcullis.core.Identity;
import dev.portcullis.core.SecurityEvent;
import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.core.http.AdapterOptions;
import dev.portcullis.core.http.TrustedProxies;
import dev.portcullis.core.memory.InMemoryConsumerStore;
import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.oauth1.OAuth1Scheme;
import dev.portcullis.core.oauth1.OAuth1Verifier;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.oauth1.provider.InMemoryUserDirectory;
import dev.portcullis.core.oauth1.provider.OAuthProvider;
import dev.portcullis.core.spi.oauth1.PublicApp;
import dev.portcullis.core.spi.oauth1.PublicAppRegistry;
import dev.portcullis.servlet.AuthFilter;
import dev.portcullis.testing.Browser;
import dev.portcullis.testing.JettyHarness;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.jspecify.annotations.Nullable;

/**
 * A real Jetty with the OAuth endpoints at {@code /1.0/oauth/*} and, behind {@link AuthFilter}
 * with the OAuth scheme, an echo resource at {@code /api/*} that answers who called and the
 * decoded query parameters.
 */
final class TestProvider implements AutoCloseable {
  static final String KEY = "test_consumer_key";
  static final String SECRET = "test_consumer_secret";
  static final String APP_NAME = "Mailer <Pro> & \"Co\"";

  final InMemoryConsumerStore consumers = new InMemoryConsumerStore();
  final InMemoryOAuthTokenStore tokens = new InMemoryOAuthTokenStore();
  /** What the gate published, when it has a limiter. */
  final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  final OAuthProvider provider;
  final JettyHarness server;

  TestProvider() throws Exception {
    this(List.of());
  }

  /** With the endpoints believing forwarding headers from {@code trustedProxies}; HTTP and HTTPS connectors. */
  TestProvider(List<String> trustedProxies) throws Exception {
    this(trustedProxies, null);
  }

  /**
   * As above; with a {@code limiter}, the gate (resources and token endpoints alike) throttles
   * under a policy that blocks the pair from its 3rd failure, trusts the same proxies as the
   * endpoints and records its events in {@link #events}.
   */
  TestProvider(List<String> trustedProxies, @Nullable AttemptLimiter limiter) throws Exception {
    consumers.save(Consumer.builder(KEY, ProtectedSecret.plain(SECRET))
        .displayName(APP_NAME)
        .callbacks(List.of("http://127.0.0.1:*", "oob"))
        .build());
    OAuth1Verifier verifier = OAuth1Verifier.builder().consumers(consumers).tokens(tokens)
        .replayGuard(new InMemoryReplayGuard()).realm("test-lists").build();
    Gate.Builder gates = Gate.builder().scheme(OAuth1Scheme.builder(verifier).build());
    if (limiter != null) {
      gates.attemptLimiter(limiter)
          .attemptPolicy(AttemptPolicy.builder()
              .pair(new AttemptPolicy.Limit(3, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(1)))
              .build())
          .trustedProxies(TrustedProxies.of(trustedProxies))
          .listener(events::add);
    }
    Gate gate = gates.build();
    provider = OAuthProvider.builder().verifier(verifier)
        .users(InMemoryUserDirectory.builder().iterations(10_000)
            .user("demo_user", "demo_password".toCharArray())
            .user("other_user", "other_password".toCharArray())
            .user("guessed_user", "guessed_password".toCharArray())
            .build())
        .publicApps(PublicAppRegistry.of(List.of(new PublicApp("bec40eec", KEY))))
        .loginPolicy(AttemptPolicy.builder()
            .pair(new AttemptPolicy.Limit(3, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(1)))
            .build())
        .build();
    OAuthEndpointsServlet endpoints = OAuthEndpointsServlet.builder().provider(provider).gate(gate)
        .options(AdapterOptions.builder().trustedProxies(TrustedProxies.of(trustedProxies)).build())
        .build();
    AuthFilter filter = AuthFilter.builder().gate(gate).build();
    server = JettyHarness.builder().https().context(ctx -> {
      ctx.addServlet(new ServletHolder(endpoints), "/1.0/oauth/*");
      ctx.addFilter(new FilterHolder(filter), "/api/*", EnumSet.of(DispatcherType.REQUEST));
      ctx.addServlet(new ServletHolder(new Echo()), "/api/*");
    }).start();
  }

  URI uri(String path) {
    return server.uri(path);
  }

  String callback() {
    return server.uri("/callback?state=keep%20me").toString();
  }

  OAuth10aService scribe(String key, String secret, String callback) {
    return new ServiceBuilder(key).apiSecret(secret).callback(callback).build(new Api(server.uri("").toString()));
  }

  /** Request token, browser login, callback: returns the verifier from the redirect. */
  String approveInBrowser(OAuth1RequestToken rt, OAuth10aService service, String user, String password) throws Exception {
    Browser browser = new Browser();
    var resp = browser.login(URI.create(service.getAuthorizationUrl(rt)), user, password);
    if (resp.statusCode() != 302) {
      throw new AssertionError("expected a redirect, got " + resp.statusCode() + ": " + resp.body());
    }
    String location = resp.headers().firstValue("Location").orElseThrow();
    return Browser.query(location).get("oauth_verifier");
  }

  @Override
  public void close() throws Exception {
    server.close();
  }

  /** ScribeJava's view of this provider. */
  static final class Api extends DefaultApi10a {
    private final String base;

    Api(String base) {
      this.base = base;
    }

    @Override
    public String getRequestTokenEndpoint() {
      return base + "/1.0/oauth/request_token";
    }

    @Override
    public String getAccessTokenEndpoint() {
      return base + "/1.0/oauth/access_token";
    }

    @Override
    protected String getAuthorizationBaseUrl() {
      return base + "/1.0/oauth/authorize";
    }
  }

  /** Answers {@code user=<subject>} and each decoded query parameter, one per line. */
  static final class Echo extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      Identity id = (Identity) req.getAttribute(AuthFilter.IDENTITY_ATTRIBUTE);
      StringBuilder sb = new StringBuilder("user=").append(id.subject()).append('\n');
      req.setCharacterEncoding("UTF-8");
      for (String name : List.copyOf(req.getParameterMap().keySet())) {
        if (!name.startsWith("oauth_")) {
          sb.append(name).append('=').append(req.getParameter(name)).append('\n');
        }
      }
      resp.setContentType("text/plain; charset=UTF-8");
      resp.getOutputStream().write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
  }
}
