package dev.portcullis.jaxrs;

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
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Jersey applications inside embedded Jetty 12 (ee10) on a real port, one servlet context per
 * application, optionally behind the documented servlet filter that publishes the peer address.
 */
final class JerseyOnJetty implements AutoCloseable {
  private final Server server;
  private final int port;

  private JerseyOnJetty(Server server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts one context per entry ({@code "/api" -> app}); throws if any application fails to deploy. */
  static JerseyOnJetty start(Map<String, ResourceConfig> apps, boolean publishRemoteAddress) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ContextHandlerCollection contexts = new ContextHandlerCollection();
    for (Map.Entry<String, ResourceConfig> e : new LinkedHashMap<>(apps).entrySet()) {
      ServletContextHandler context = new ServletContextHandler(e.getKey());
      if (publishRemoteAddress) {
        context.addFilter(new FilterHolder(new RemoteAddressFilter()), "/*", EnumSet.allOf(jakarta.servlet.DispatcherType.class));
      }
      ServletHolder holder = new ServletHolder(new ServletContainer(e.getValue()));
      holder.setInitOrder(0); // deploy at start, so a bad annotation fails start-up
      context.addServlet(holder, "/*");
      contexts.addHandler(context);
    }
    server.setHandler(contexts);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    return new JerseyOnJetty(server, connector.getLocalPort());
  }

  int port() {
    return port;
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  /** The servlet filter docs/jaxrs.md recommends: publishes the peer address for the feature. */
  static final class RemoteAddressFilter implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      request.setAttribute(RemoteAddressResolver.PROPERTY, request.getRemoteAddr());
      chain.doFilter(request, response);
    }
  }
}
