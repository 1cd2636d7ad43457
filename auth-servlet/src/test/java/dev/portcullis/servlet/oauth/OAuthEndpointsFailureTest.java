package dev.portcullis.servlet.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.Gate;
import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.ConsumerStore;
import dev.portcullis.core.oauth1.OAuth1Scheme;
import dev.portcullis.core.oauth1.OAuth1Verifier;
import dev.portcullis.core.oauth1.provider.InMemoryUserDirectory;
import dev.portcullis.core.oauth1.provider.OAuthProvider;
import dev.portcullis.testing.JettyHarness;
import dev.portcullis.testing.LogCapture;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The one failure policy at the OAuth endpoints, over a real socket: a store that throws something
 * unexpected used to escape to the container; now the stack trace is logged (messages withheld) and
 * the client gets the same bare 500 as from {@code AuthFilter}.
 */
class OAuthEndpointsFailureTest {
  /** A consumer store whose every lookup fails with a message that must never be logged. */
  static final class Broken implements ConsumerStore {
    @Override
    public @Nullable Consumer find(String key) {
      throw new IllegalStateException("secret-in-message-must-not-be-logged " + key);
    }

    @Override
    public void save(Consumer consumer) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean addIfAbsent(Consumer consumer) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean remove(String key) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int purgeExpired(Instant now) {
      return 0;
    }
  }

  @Test
  void anUnexpectedExceptionIsLoggedWithItsStackTraceAndAnsweredWithASafe500() throws Exception {
    Broken consumers = new Broken();
    InMemoryOAuthTokenStore tokens = new InMemoryOAuthTokenStore();
    OAuth1Verifier verifier = OAuth1Verifier.builder().consumers(consumers).tokens(tokens)
        .replayGuard(new InMemoryReplayGuard()).realm("t").build();
    OAuthProvider provider = OAuthProvider.builder().verifier(verifier)
        .users(InMemoryUserDirectory.builder().iterations(10_000).user("u", "p".toCharArray()).build())
        .build();
    OAuthEndpointsServlet endpoints = OAuthEndpointsServlet.builder().provider(provider)
        .gate(Gate.builder().scheme(OAuth1Scheme.builder(verifier).build()).build()).build();
    try (JettyHarness jetty = JettyHarness.start(ctx -> ctx.addServlet(new ServletHolder(endpoints), "/oauth/*"));
        LogCapture logs = LogCapture.start()) {
      long now = System.currentTimeMillis() / 1000;
      String authorization = "OAuth oauth_consumer_key=\"key-s3cr3t\", oauth_signature_method=\"HMAC-SHA1\", "
          + "oauth_timestamp=\"" + now + "\", oauth_nonce=\"n1\", oauth_version=\"1.0\", "
          + "oauth_callback=\"oob\", oauth_signature=\"c2lnbmF0dXJl\"";
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(jetty.uri("/oauth/request_token")).header("Authorization", authorization)
              .POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).isEqualTo(
          "{\"status\":500,\"error\":\"server_error\",\"message\":\"Authentication failed because of a server error.\"}");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(logs.text()).contains("java.lang.IllegalStateException", "\tat ",
              "OAuthEndpointsFailureTest$Broken.find")
          .doesNotContain("secret-in-message-must-not-be-logged", "key-s3cr3t");
    }
  }
}
