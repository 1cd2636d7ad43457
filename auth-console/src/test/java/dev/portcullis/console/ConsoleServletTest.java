package dev.portcullis.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.memory.InMemoryApplicationRegistry;
import dev.portcullis.core.memory.InMemoryConsumerStore;
import dev.portcullis.core.memory.InMemoryCredentialOwners;
import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.spi.ApplicationRegistry.Application;
import dev.portcullis.core.spi.CredentialOwners;
import dev.portcullis.core.spi.StoreUnavailableException;
import dev.portcullis.core.spi.oauth1.PublicApp;
import dev.portcullis.core.token.TokenService;
import dev.portcullis.testing.JettyHarness;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console servlets in a real Jetty behind an application's own login ({@link SignedIn}), with
 * the JDK client: fail-closed answers when a store is down, forms refused without their CSRF token,
 * plain HTTP refused.
 */
class ConsoleServletTest {
  private static final AtomicBoolean OUTAGE = new AtomicBoolean();
  private static final InMemoryApplicationRegistry APPS = new InMemoryApplicationRegistry()
      .register(new Application("k-demo", "demo key", true));
  private static JettyHarness jetty;
  private final HttpClient client = HttpClient.newBuilder().sslContext(JettyHarness.trustAllSslContext())
      .cookieHandler(new CookieManager()).build();

  /** A directory whose storage can be switched off. */
  private static final class FlakyDirectory implements CredentialOwners {
    private final InMemoryCredentialOwners d = new InMemoryCredentialOwners();

    private void check() {
      if (OUTAGE.get()) {
        throw new StoreUnavailableException("directory down");
      }
    }

    @Override public Set<String> apiKeys(String account) { check(); return d.apiKeys(account); }
    @Override public boolean claimApiKey(String account, String apiKey) { check(); return d.claimApiKey(account, apiKey); }
    @Override public List<String> consumers(String account) { check(); return d.consumers(account); }
    @Override public boolean claimConsumer(String account, String key, String appId) { check(); return d.claimConsumer(account, key, appId); }
    @Override public Optional<String> appIdOf(String consumerKey) { check(); return d.appIdOf(consumerKey); }
    @Override public Optional<PublicApp> find(String appId) { check(); return d.find(appId); }
  }

  @BeforeAll
  static void start() throws Exception {
    InMemoryAccountStore accounts = InMemoryAccountStore.builder().account("demo", "t", Set.of("key_a")).build();
    FlakyDirectory directory = new FlakyDirectory();
    directory.claimApiKey("demo", "k-demo");
    Console console = Console.builder()
        .tokens(TokenService.builder().tokenStore(new InMemoryApiTokenStore()).accounts(accounts)
            .allowedScopes(Set.of("items")).build().admin())
        .accounts(accounts).scopes(Set.of("items")).applications(APPS).consumers(new InMemoryConsumerStore())
        .oauthTokens(new InMemoryOAuthTokenStore()).owners(directory)
        // the application's own login: here every request is the demo user
        .signedIn(request -> new ConsoleUser("demo_user", "demo"))
        .build();
    jetty = JettyHarness.builder().https().context(ctx -> {
      ctx.setSessionHandler(new SessionHandler());
      ctx.addServlet(new ServletHolder(console.pages()), "/console/*");
      ctx.addServlet(new ServletHolder(console.json(request -> new ConsoleUser("demo_user", "demo"))), "/api/*");
    }).start();
  }

  @AfterAll
  static void stop() {
    jetty.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anUnreachableStoreAnswers503OnPagesAndApiAndChangesNothing() throws Exception {
    OUTAGE.set(true);
    try {
      HttpResponse<String> page = send(HttpRequest.newBuilder(jetty.httpsUri("/console/keys")));
      assertThat(page.statusCode()).isEqualTo(503);
      assertThat(page.headers().firstValue("Retry-After")).isPresent();
      assertThat(page.body()).contains("unavailable").doesNotContain("directory down", "Exception");
      HttpResponse<String> api = send(HttpRequest.newBuilder(jetty.httpsUri("/api/api_keys/k-demo/disable"))
          .POST(HttpRequest.BodyPublishers.noBody()));
      assertThat(api.statusCode()).isEqualTo(503);
      assertThat(api.body()).contains("\"error\":\"store_unavailable\"");
      assertThat(APPS.find("k-demo").enabled()).isTrue();
    } finally {
      OUTAGE.set(false);
    }
  }

  @Test
  void aFormWithoutAValidCsrfTokenIsRefusedAndChangesNothing() throws Exception {
    HttpResponse<String> page = send(HttpRequest.newBuilder(jetty.httpsUri("/console/keys")));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("name=\"csrf\"");
    for (String body : new String[] {"key=k-demo", "key=k-demo&csrf=", "key=k-demo&csrf=1.2.3"}) {
      HttpResponse<String> r = send(HttpRequest.newBuilder(jetty.httpsUri("/console/keys/disable"))
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
      assertThat(r.statusCode()).as(body).isEqualTo(403);
    }
    assertThat(APPS.find("k-demo").enabled()).isTrue();
  }

  @Test
  void plainHttpIsRefusedAndEveryPageForbidsFramingAndCaching() throws Exception {
    assertThat(send(HttpRequest.newBuilder(jetty.uri("/console/tokens"))).statusCode()).isEqualTo(403);
    HttpResponse<String> page = send(HttpRequest.newBuilder(jetty.httpsUri("/console/tokens")));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(ConsoleServlet.CSP);
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    HttpResponse<String> css = send(HttpRequest.newBuilder(jetty.httpsUri("/console/console.css")));
    assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
    assertThat(send(HttpRequest.newBuilder(jetty.httpsUri("/console/nothing"))).statusCode()).isEqualTo(404);
    assertThat(send(HttpRequest.newBuilder(jetty.httpsUri("/console/tokens")).DELETE()).statusCode()).isEqualTo(405);
  }
}
