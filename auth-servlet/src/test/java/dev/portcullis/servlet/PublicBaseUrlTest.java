package dev.portcullis.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import dev.portcullis.core.Gate;
import dev.portcullis.core.http.AdapterOptions;
import dev.portcullis.core.memory.InMemoryConsumerStore;
import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.oauth1.OAuth1Scheme;
import dev.portcullis.core.oauth1.OAuth1Verifier;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.testing.JettyHarness;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OAuth 1.0a base string URI (RFC 5849 section 3.4.1.2) comes from what the server vouches for:
 * with {@code AdapterOptions.publicBaseUrl}, a request signed for {@code https://api.example.com}
 * verifies on a server that sees {@code http://127.0.0.1:port} (the proxy it sits behind is not
 * listed), and does not without it; "secure" still comes from the connection, so PLAINTEXT stays
 * refused on the plain connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicBaseUrlTest {
  private JettyHarness withBase;
  private JettyHarness without;
  private OAuth10aService scribe;

  @BeforeAll
  void start() throws Exception {
    InMemoryConsumerStore consumers = new InMemoryConsumerStore();
    consumers.save(Consumer.builder("ck", ProtectedSecret.plain("cs")).callbacks(List.of("oob")).build());
    InMemoryOAuthTokenStore tokens = new InMemoryOAuthTokenStore();
    tokens.save(OAuthToken.access("at", ProtectedSecret.plain("ats"), "ck", "ada", "1", Instant.now(), null));
    Gate gate = Gate.builder().scheme(OAuth1Scheme.builder(OAuth1Verifier.builder().consumers(consumers)
        .tokens(tokens).replayGuard(new InMemoryReplayGuard()).realm("base").build()).build()).build();
    withBase = harness(AuthFilter.builder().gate(gate).options(AdapterOptions.builder()
        .publicBaseUrl(URI.create("https://api.example.com")).build()).build());
    without = harness(AuthFilter.builder().gate(gate).build());
    scribe = new ServiceBuilder("ck").apiSecret("cs").build(new DefaultApi10a() {
      @Override public String getRequestTokenEndpoint() { return "https://api.example.com/rt"; }
      @Override public String getAccessTokenEndpoint() { return "https://api.example.com/at"; }
      @Override protected String getAuthorizationBaseUrl() { return "https://api.example.com/auth"; }
    });
  }

  private static JettyHarness harness(AuthFilter filter) throws Exception {
    return JettyHarness.start(ctx -> {
      ctx.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
      ctx.addServlet(new ServletHolder(new EchoServlet()), "/*");
    });
  }

  @AfterAll
  void stop() {
    withBase.close();
    without.close();
  }

  private String signedFor(String url) {
    OAuthRequest req = new OAuthRequest(Verb.GET, url);
    scribe.signRequest(new OAuth1AccessToken("at", "ats"), req);
    return req.getHeaders().get("Authorization");
  }

  private static String get(JettyHarness h, String authorization) throws Exception {
    return RawHttp.exchange(h.baseUri(), "GET /api/echo?x=1 HTTP/1.1\r\nHost: 127.0.0.1:"
        + h.baseUri().getPort() + "\r\nAuthorization: " + authorization + "\r\nConnection: close\r\n\r\n");
  }

  @Test
  void theBaseStringUsesThePublicBaseUrl() throws Exception {
    assertThat(get(withBase, signedFor("https://api.example.com/api/echo?x=1")))
        .startsWith("HTTP/1.1 200").contains("principal=ada");
    assertThat(get(without, signedFor("https://api.example.com/api/echo?x=1")))
        .startsWith("HTTP/1.1 401").contains("signature_invalid");
    // And the address the server really saw is no longer what counts once a base URL is set.
    assertThat(get(withBase, signedFor("http://127.0.0.1:" + withBase.baseUri().getPort() + "/api/echo?x=1")))
        .startsWith("HTTP/1.1 401");
  }

  @Test
  void aPublicHttpsBaseUrlDoesNotMakeAPlainConnectionSecure() throws Exception {
    String plaintext = "OAuth oauth_consumer_key=\"ck\", oauth_token=\"at\", oauth_signature_method=\"PLAINTEXT\","
        + " oauth_signature=\"cs%26ats\", oauth_version=\"1.0\"";
    assertThat(get(withBase, plaintext)).doesNotStartWith("HTTP/1.1 200").doesNotContain("principal=ada");
  }
}
