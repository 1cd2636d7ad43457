package dev.portcullis.jaxrs;

import dev.portcullis.testing.RawClient;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.Gate;
import dev.portcullis.core.http.AdapterOptions;
import dev.portcullis.testing.JettyHarness;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JAX-RS feature on Jersey in Jetty 12, over raw sockets: {@code UriInfo}'s scheme, which Jetty
 * takes from an absolute-form request line, is never believed; TLS is read from the servlet
 * attributes Jersey exposes as request properties, or from {@link RemoteAddressResolver#SECURE_PROPERTY}
 * where a container sets it; a public method is refused the trick too; authenticated answers are
 * not cached.
 */
class SecureFromConnectionTest {
  private static final Gate GATE = Gate.builder().scheme(new TestSchemes.Probe()).requireSecure(true).build();
  private static JettyHarness jetty;

  @BeforeAll
  static void start() throws Exception {
    ResourceConfig app = new ResourceConfig(BodyResources.class, Open.class)
        .register(PortcullisFeature.builder().gate(GATE).options(AdapterOptions.defaults()).build());
    ResourceConfig declared = new ResourceConfig(BodyResources.class)
        .register(PortcullisFeature.builder().gate(GATE).options(AdapterOptions.defaults()).build());
    jetty = JettyHarness.builder().https().context(ctx -> {
      // Stands for a container integration that knows the connection is TLS (here: it says so always).
      ctx.addFilter(new FilterHolder((Filter) (req, res, chain) -> {
        req.setAttribute(RemoteAddressResolver.SECURE_PROPERTY, Boolean.TRUE);
        chain.doFilter(req, res);
      }), "/declared/*", EnumSet.of(DispatcherType.REQUEST));
      ctx.addServlet(new ServletHolder(new ServletContainer(app)), "/api/*");
      ctx.addServlet(new ServletHolder(new ServletContainer(declared)), "/declared/*");
    }).start();
  }

  @AfterAll
  static void stop() {
    jetty.close();
  }

  @Test
  void anHttpsRequestLineOnThePlainPortIsRefusedOnProtectedAndPublicMethods() throws Exception {
    for (String path : new String[] {"/api/probe/x", "/api/open"}) {
      String r = plain(absolute(path));
      assertThat(r).as(path).startsWith("HTTP/1.1 400").contains("\"error\":\"invalid_request\"")
          .contains("HTTPS URL").doesNotContain("secure=");
    }
    assertThat(plain(origin(jetty.baseUri().getPort(), "/api/probe/x"))).startsWith("HTTP/1.1 403")
        .contains("https_required");
    assertThat(plain(origin(jetty.baseUri().getPort(), "/api/open"))).startsWith("HTTP/1.1 200")
        .contains("open secure=false");
  }

  @Test
  void tlsIsReadFromTheServletAttributesAndAuthenticatedAnswersAreNotCached() throws Exception {
    String r = tls(origin(jetty.httpsUri().getPort(), "/api/probe/x"));
    assertThat(r).startsWith("HTTP/1.1 200").contains("Probe secure=true")
        .containsIgnoringCase("Cache-Control: no-store");
    assertThat(tls(origin(jetty.httpsUri().getPort(), "/api/open")))
        .startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("no-store");
  }

  @Test
  void aContainerMayDeclareTheConnectionSecureThroughTheProperty() throws Exception {
    // The filter plays a container that knows its connection is TLS; its request URI then says
    // https too (here through the absolute-form line, as a TLS container's own URI would).
    assertThat(plain(absolute("/declared/probe/x"))).startsWith("HTTP/1.1 200").contains("Probe secure=true");
    // Declared TLS with an http request URI contradicts itself: refused like any conflict.
    assertThat(plain(origin(jetty.baseUri().getPort(), "/declared/probe/x"))).startsWith("HTTP/1.1 400")
        .contains("plain-HTTP URL");
  }

  /** A public resource that reports what JAX-RS says. */
  @Path("/open")
  public static final class Open {
    @GET
    @Public
    @Produces(MediaType.TEXT_PLAIN)
    public String open(@Context SecurityContext sc) {
      return "open secure=" + sc.isSecure();
    }
  }

  private static String absolute(String path) {
    String authority = "127.0.0.1:" + jetty.httpsUri().getPort();
    return "GET https://" + authority + path + " HTTP/1.1\r\nHost: " + authority
        + "\r\nAuthorization: Probe\r\nConnection: close\r\n\r\n";
  }

  private static String origin(int port, String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
        + "\r\nAuthorization: Probe\r\nConnection: close\r\n\r\n";
  }

  private static String plain(String request) throws IOException {
    return RawClient.exchange(jetty.baseUri().getPort(), request);
  }

  private static String tls(String request) throws IOException {
    return RawClient.exchangeTls(jetty.httpsUri().getPort(), request);
  }

}
