package dev.portcullis.jaxrs;

import dev.portcullis.testing.JettyHarness;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Jersey applications in the shared {@link JettyHarness} (Jetty 12 ee10, real ports, HTTP and
 * HTTPS), each under its own servlet path, optionally behind the servlet filter that
 * docs/jaxrs.md recommends for publishing the peer address.
 */
final class JerseyOnJetty {
  private final JettyHarness jetty;

  private JerseyOnJetty(JettyHarness jetty) {
    this.jetty = jetty;
  }

  /**
   * Starts one Jersey servlet per entry ({@code "/api" -> app}, mapped to {@code /api/*}).
   *
   * @throws Exception if any application fails to deploy
   */
  static JerseyOnJetty start(Map<String, ResourceConfig> apps, boolean publishRemoteAddress) throws Exception {
    Map<String, ResourceConfig> copy = new LinkedHashMap<>(apps);
    return new JerseyOnJetty(JettyHarness.builder().https().context(context -> {
      if (publishRemoteAddress) {
        context.addFilter(new FilterHolder(new RemoteAddressFilter()), "/*", EnumSet.allOf(DispatcherType.class));
      }
      copy.forEach((prefix, app) -> {
        ServletHolder holder = new ServletHolder(new ServletContainer(app));
        holder.setInitOrder(0); // deploy at start, so a bad annotation fails start-up
        context.addServlet(holder, prefix + "/*");
      });
    }).start());
  }

  /** The plain-HTTP URI of {@code pathAndQuery}. */
  URI uri(String pathAndQuery) {
    return jetty.uri(pathAndQuery);
  }

  /** The HTTPS URI of {@code pathAndQuery} (self-signed; use a trust-all client). */
  URI httpsUri(String pathAndQuery) {
    return jetty.httpsUri(pathAndQuery);
  }

  /** Stops the server. */
  void close() throws Exception {
    jetty.close();
  }

  /** The servlet filter docs/jaxrs.md recommends: publishes the peer address for the feature. */
  static final class RemoteAddressFilter implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      request.setAttribute(RemoteAddressResolver.PROPERTY, request.getRemoteAddr());
      request.setAttribute(RemoteAddressResolver.PROTOCOL_PROPERTY, request.getProtocol());
    request.setAttribute(RemoteAddressResolver.PROTOCOL_PROPERTY, request.getProtocol());
      chain.doFilter(request, response);
    }
  }
}
