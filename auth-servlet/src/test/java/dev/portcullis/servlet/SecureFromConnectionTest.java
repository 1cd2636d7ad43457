package dev.portcullis.servlet;

import dev.portcullis.testing.RawClient;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.Gate;
import dev.portcullis.core.http.AdapterOptions;
import dev.portcullis.core.http.TrustedProxies;
import dev.portcullis.testing.JettyHarness;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * AuthFilter in Jetty 12 over raw sockets: "secure" is the connection's TLS (Jetty's
 * {@code cipher_suite} attribute) or a trusted proxy's word, never the request line, which Jetty
 * turns into {@code getScheme()}; and authenticated responses are not cached unless configured.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureFromConnectionTest {
  private JettyHarness jetty;
  private JettyHarness proxied;
  private JettyHarness uncached;

  @BeforeAll
  void start() throws Exception {
    Gate gate = Gate.builder().scheme(new TestScheme()).requireSecure(true).build();
    jetty = harness(AuthFilter.builder().gate(gate).publicPath("/open").build());
    proxied = harness(AuthFilter.builder().gate(gate).options(AdapterOptions.builder()
        .trustedProxies(TrustedProxies.of(List.of("127.0.0.1"))).build()).build());
    uncached = harness(AuthFilter.builder().gate(gate).options(AdapterOptions.builder()
        .cacheControl("").build()).build());
  }

  private static JettyHarness harness(AuthFilter filter) throws Exception {
    return JettyHarness.builder().https().context(ctx -> {
      ctx.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
      ctx.addServlet(new ServletHolder(new Answer()), "/*");
    }).start();
  }

  @AfterAll
  void stop() {
    jetty.close();
    proxied.close();
    uncached.close();
  }

  @Test
  void anHttpsRequestLineOnThePlainPortIs400OnProtectedAndPublicPaths() throws Exception {
    for (String path : List.of("/items", "/open")) {
      String r = plain(jetty, absolute(jetty, path));
      assertThat(r).as(path).startsWith("HTTP/1.1 400").contains("\"error\":\"invalid_request\"")
          .contains("HTTPS URL").doesNotContain("secure=");
    }
  }

  @Test
  void plainOriginFormStaysPlainAndTlsIsSecure() throws Exception {
    assertThat(plain(jetty, origin(jetty.baseUri().getPort(), "/items"))).startsWith("HTTP/1.1 403")
        .contains("https_required");
    String tls = tls(jetty, origin(jetty.httpsUri().getPort(), "/items"));
    assertThat(tls).startsWith("HTTP/1.1 200").contains("secure=true")
        .containsIgnoringCase("Cache-Control: no-store");
  }

  @Test
  void theApplicationMayChooseItsOwnCacheControlOrNoneAtAll() throws Exception {
    assertThat(tls(jetty, origin(jetty.httpsUri().getPort(), "/own"))).startsWith("HTTP/1.1 200")
        .containsIgnoringCase("Cache-Control: private, max-age=60").doesNotContainIgnoringCase("no-store");
    assertThat(tls(uncached, origin(uncached.httpsUri().getPort(), "/items"))).startsWith("HTTP/1.1 200")
        .doesNotContainIgnoringCase("Cache-Control");
  }

  @Test
  void aTrustedProxyMaySayHttpsEvenInAbsoluteForm() throws Exception {
    String viaProxy = plain(proxied, "GET /items HTTP/1.1\r\nHost: api.example\r\n"
        + "X-Forwarded-Proto: https\r\nAuthorization: Test ada\r\nConnection: close\r\n\r\n");
    assertThat(viaProxy).startsWith("HTTP/1.1 200").contains("secure=true");
    assertThat(plain(proxied, absolute(proxied, "/items").replace("Connection:",
        "X-Forwarded-Proto: https\r\nConnection:"))).startsWith("HTTP/1.1 200");
    // Without the proxy's word the request stays plain, whatever its request line said.
    assertThat(plain(proxied, absolute(proxied, "/items"))).startsWith("HTTP/1.1 403")
        .contains("https_required");
  }

  /**
   * What {@link dev.portcullis.core.http.RequestOrigin#direct} relies on for a direct peer: Jetty
   * itself refuses the {@code Host} conflicts before the filter (which then reads {@code Host} only
   * when a scheme asks for the host), on public and protected paths alike.
   */
  @Test
  void jettyRefusesHostConflictsBeforeTheFilterRuns() throws Exception {
    int port = jetty.baseUri().getPort();
    for (String path : List.of("/items", "/open")) {
      List<String> requests = List.of(
          "GET http://other.example:" + port + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n",
          "GET http://127.0.0.1:1" + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n",
          "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nHost: other.example\r\n",
          "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "x\r\n");
      for (String head : requests) {
        String r = plain(jetty, head + "Authorization: Test ada\r\nConnection: close\r\n\r\n");
        assertThat(r).as(head).startsWith("HTTP/1.1 400").doesNotContain("secure=")
            .doesNotContain("invalid_request");
      }
    }
  }

  private static String absolute(JettyHarness h, String path) {
    String authority = "127.0.0.1:" + h.httpsUri().getPort();
    return "GET https://" + authority + path + " HTTP/1.1\r\nHost: " + authority
        + "\r\nAuthorization: Test ada\r\nConnection: close\r\n\r\n";
  }

  private static String origin(int port, String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
        + "\r\nAuthorization: Test ada\r\nConnection: close\r\n\r\n";
  }

  private static String plain(JettyHarness h, String request) throws IOException {
    return RawClient.exchange(h.baseUri().getPort(), request);
  }

  private static String tls(JettyHarness h, String request) throws IOException {
    return RawClient.exchangeTls(h.httpsUri().getPort(), request);
  }


  /** Says what the adapters decided; {@code /own} sets its own Cache-Control. */
  static final class Answer extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      if (req.getRequestURI().equals("/own")) {
        resp.setHeader("Cache-Control", "private, max-age=60");
      }
      resp.setContentType("text/plain");
      resp.getWriter().write("secure=" + ServletAuthRequest.secure(req));
    }
  }
}
