package dev.portcullis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

class JettyHarnessTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .sslContext(JettyHarness.trustAllSslContext())
      .build();

  /** Answers with what the container says about the connection, or fails on /fail. */
  static final class Probe extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      if (req.getRequestURI().endsWith("/missing")) {
        resp.sendError(404, "No item <7> here");
        return;
      }
      if (req.getRequestURI().endsWith("/fail")) {
        throw new IllegalStateException("internal-detail-42");
      }
      resp.setContentType("text/plain");
      resp.getWriter().write(req.getScheme() + " " + req.isSecure() + " " + req.getRequestURI());
    }
  }

  private static HttpResponse<String> get(java.net.URI uri) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(uri).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void servesHttpAndHttpsUnderTheContextPath() throws Exception {
    try (JettyHarness jetty = JettyHarness.builder().https().contextPath("/app")
        .context(ctx -> ctx.addServlet(new ServletHolder(new Probe()), "/*")).start()) {
      assertThat(jetty.baseUri().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
      assertThat(get(jetty.uri("/x")).body()).isEqualTo("http false /app/x");
      HttpResponse<String> tls = get(jetty.httpsUri("/y"));
      assertThat(tls.body()).isEqualTo("https true /app/y");
      assertThat(tls.headers().firstValue("Server")).isEmpty();
    }
  }

  @Test
  void errorPagesShowNoStackOrExceptionDetail() throws Exception {
    try (JettyHarness jetty = JettyHarness.start(ctx -> ctx.addServlet(new ServletHolder(new Probe()), "/*"))) {
      HttpResponse<String> r = get(jetty.uri("/fail"));
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).contains("HTTP ERROR 500 Server Error")
          .doesNotContain("internal-detail-42", "IllegalStateException", "\tat ", "Probe");
      HttpResponse<String> json = CLIENT.send(HttpRequest.newBuilder(jetty.uri("/fail"))
          .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(json.body()).isEqualTo("{\"status\":500,\"message\":\"Server Error\"}");
      HttpResponse<String> text = CLIENT.send(HttpRequest.newBuilder(jetty.uri("/fail"))
          .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(text.body()).startsWith("HTTP ERROR 500 Server Error").doesNotContain("internal-detail-42");
      HttpResponse<String> notFound = get(jetty.uri("/missing"));
      assertThat(notFound.statusCode()).isEqualTo(404);
      assertThat(notFound.body()).contains("HTTP ERROR 404 No item &lt;7&gt; here");
    }
  }

  @Test
  void aHeaderBeyondTheLimitIs431() throws Exception {
    try (JettyHarness jetty = JettyHarness.start(ctx -> ctx.addServlet(new ServletHolder(new Probe()), "/*"))) {
      HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(jetty.uri("/x"))
          .header("X-Big", "a".repeat(20 * 1024)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(431);
    }
  }

  @Test
  void withoutHttpsThereIsNoHttpsUri() throws Exception {
    try (JettyHarness jetty = JettyHarness.start(ctx -> {})) {
      assertThatThrownBy(jetty::httpsUri).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void theSelfSignedCertificateNamesLoopback() throws Exception {
    java.security.cert.X509Certificate cert =
        (java.security.cert.X509Certificate) JettyHarness.selfSignedKeyStore().getCertificate("harness");
    java.util.List<Object> names = new java.util.ArrayList<>();
    cert.getSubjectAlternativeNames().forEach(l -> names.add(l.get(1)));
    assertThat(names).containsExactlyInAnyOrder("localhost", "127.0.0.1");
  }
}
