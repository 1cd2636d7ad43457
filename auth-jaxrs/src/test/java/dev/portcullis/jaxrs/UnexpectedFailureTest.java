package dev.portcullis.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Scheme;
import dev.portcullis.testing.LogCapture;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.server.ResourceConfig;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one failure policy over a real socket: a scheme that throws gives a bare 500 (no class name,
 * no message, no stack trace in the body) and a server-side log with the stack trace but not the
 * exception's message, exactly as the servlet adapter does.
 */
class UnexpectedFailureTest {
  private static JerseyOnJetty server;
  private static HttpClient client;

  static final class Boom implements Scheme {
    @Override
    public String name() {
      return "Boom";
    }

    @Override
    public Outcome authenticate(AuthRequest request, String credentials) {
      throw new IllegalStateException("secret-in-message-must-not-be-logged " + credentials);
    }

    @Override
    public List<String> challenges(AuthRequest request, Outcome.@Nullable Rejected cause) {
      return List.of("Boom");
    }
  }

  @Path("/")
  public static final class Resources {
    @GET
    @Path("x")
    public String x() {
      return "reached";
    }
  }

  @BeforeAll
  static void start() throws Exception {
    ResourceConfig app = new ResourceConfig(Resources.class)
        .register(PortcullisFeature.builder().gate(Gate.builder().scheme(new Boom()).build()).build());
    server = JerseyOnJetty.start(Map.of("/f", app), true);
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void anUnexpectedExceptionIsLoggedWithItsStackTraceAndAnsweredWithASafe500() throws Exception {
    try (LogCapture logs = LogCapture.start()) {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.uri("/f/x"))
          .header("Authorization", "Boom tok-s3cr3t").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).isEqualTo(
          "{\"status\":500,\"error\":\"server_error\",\"message\":\"Authentication failed because of a server error.\"}");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
          t -> assertThat(t).startsWith("application/json"));
      assertThat(logs.text()).contains("java.lang.IllegalStateException", "\tat ",
              "dev.portcullis.jaxrs.UnexpectedFailureTest$Boom.authenticate")
          .doesNotContain("secret-in-message-must-not-be-logged", "tok-s3cr3t");
    }
  }
}
