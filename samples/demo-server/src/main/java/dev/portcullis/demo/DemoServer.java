package dev.portcullis.demo;

import dev.portcullis.core.http.TrustedProxies;
import dev.portcullis.demo.catalog.CatalogApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The demo server of shared/spec/demo-api.md: one embedded Jetty 12 (ee10) with a plain-HTTP and an
 * HTTPS connector in front of one servlet context that every {@link DemoApi} installs itself into.
 *
 * <p>From the command line ({@link DemoCommand}) it prints {@code READY http=<port> https=<port>}
 * once both connectors accept connections. Programmatically:
 *
 * <pre>{@code
 * try (DemoServer server = DemoServer.start(DemoSettings.builder().httpPort(0).httpsPort(0).build())) {
 *   URI base = URI.create("https://127.0.0.1:" + server.httpsPort());
 *   ...
 * }
 * }</pre>
 *
 * <p>Hardening that applies to every API: no {@code Server} or {@code X-Powered-By} header, Jetty's
 * 8 KiB request-header limit (a larger header block gets 431), and errors rendered as a small JSON
 * body with no stack trace, both by the server ({@link JsonErrorHandler}) and inside the context
 * ({@link JsonServletErrorHandler}). Stopping waits up to {@link #STOP_TIMEOUT_MS} for requests in
 * flight.
 *
 * <p>With {@link DemoSettings#adminPort()} set, a third connector, bound to 127.0.0.1 whatever the
 * {@code host}, serves the security metrics in Prometheus text at {@code /metrics} and nothing else
 * ({@link AdminHandler}); it is off by default, so nothing about the server's defences is exposed
 * unless asked for.
 *
 * <p>Thread-safe: {@link #stop()} may be called from any thread, more than once.
 */
public final class DemoServer implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DemoServer.class);

  /** How long a stop waits for requests in flight, in milliseconds. */
  public static final long STOP_TIMEOUT_MS = 5_000;

  private final Server server;
  private final ServerConnector http;
  private final ServerConnector https;
  private final @Nullable ServerConnector admin;
  private final List<DemoApi> apis;
  private final DemoStores stores;

  private DemoServer(Server server, ServerConnector http, ServerConnector https,
      @Nullable ServerConnector admin, List<DemoApi> apis, DemoStores stores) {
    this.server = server;
    this.http = http;
    this.https = https;
    this.admin = admin;
    this.apis = apis;
    this.stores = stores;
  }

  /** Runs the command line: see {@link DemoCommand}. */
  public static void main(String[] args) {
    System.exit(DemoCommand.commandLine().execute(args));
  }

  /**
   * The APIs the demo serves, in the order they are installed. Each API adds its own line.
   */
  public static List<DemoApi> defaultApis() {
    List<DemoApi> apis = new ArrayList<>();
    apis.add(new dev.portcullis.demo.contacts.ContactsApi());
    apis.add(new CatalogApi());
    apis.add(new dev.portcullis.demo.lists.EmailListsApi());
    // after the three APIs: it manages their stores
    apis.add(new dev.portcullis.demo.console.ConsoleApi());
    return List.copyOf(apis);
  }

  /**
   * Starts the server with {@link #defaultApis()}.
   *
   * @throws Exception if a port cannot be bound, the key store cannot be read, or an API fails to
   *     install; nothing is left running then
   */
  public static DemoServer start(DemoSettings settings) throws Exception {
    return start(settings, defaultApis());
  }

  /**
   * Starts the server with the given APIs; returns once both connectors accept connections.
   *
   * @throws Exception if a port cannot be bound, the key store cannot be read, or an API fails to
   *     install; nothing is left running then
   */
  public static DemoServer start(DemoSettings settings, List<DemoApi> apis) throws Exception {
    Objects.requireNonNull(settings, "settings");
    List<DemoApi> installed = List.copyOf(apis);
    TrustedProxies proxies = TrustedProxies.of(settings.trustedProxies());

    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    // the node name is in every request thread's name, which the log lines show
    threads.setName("demo-server-" + settings.nodeName());
    Server server = new Server(threads);
    server.setErrorHandler(new JsonErrorHandler());
    server.setStopTimeout(STOP_TIMEOUT_MS);
    server.setStopAtShutdown(false); // the command line installs its own hook so it can report the stop

    HttpConfiguration httpConfig = new HttpConfiguration();
    httpConfig.setSendServerVersion(false);
    httpConfig.setSendXPoweredBy(false);
    ServerConnector http = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
    http.setHost(settings.host());
    http.setPort(settings.httpPort());
    http.setName("http");

    HttpConfiguration httpsConfig = new HttpConfiguration(httpConfig);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    // a demo reached as https://myhost:8443 -k must not fail on an SNI name its certificate lacks
    secure.setSniHostCheck(false);
    httpsConfig.addCustomizer(secure);
    ServerConnector https = new ServerConnector(server,
        new SslConnectionFactory(sslContextFactory(settings), "http/1.1"),
        new HttpConnectionFactory(httpsConfig));
    https.setHost(settings.host());
    https.setPort(settings.httpsPort());
    https.setName("https");
    server.addConnector(http);
    server.addConnector(https);
    ServerConnector admin = null;
    if (settings.adminPort() >= 0) {
      admin = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
      admin.setHost("127.0.0.1"); // loopback only: metrics tell an attacker what is being watched
      admin.setPort(settings.adminPort());
      admin.setName(AdminHandler.CONNECTOR);
      server.addConnector(admin);
    }

    ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.NO_SESSIONS);
    context.setErrorHandler(new JsonServletErrorHandler());
    DemoStores stores = DemoStores.open(settings);
    DemoSecurity security = new DemoSecurity(stores.attemptLimiter());
    try {
      LOG.info("[{}] stores: {}", settings.nodeName(), stores.description());
      DemoContext demo = new DemoContext(context, settings.clock(), proxies, security, stores, settings.nodeName());
      for (DemoApi api : installed) {
        api.install(demo);
      }
      server.setHandler(new AdminHandler(security.registry(), new GracefulHandler(context)));
      server.start();
    } catch (Exception | Error e) {
      try {
        server.stop();
      } finally {
        stores.close();
      }
      throw e;
    }
    return new DemoServer(server, http, https, admin, installed, stores);
  }

  private static SslContextFactory.Server sslContextFactory(DemoSettings settings) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    if (settings.keystore() != null) {
      if (!java.nio.file.Files.isReadable(settings.keystore())) {
        throw new IllegalArgumentException("cannot read the key store " + settings.keystore());
      }
      ssl.setKeyStorePath(settings.keystore().toString());
      ssl.setKeyStoreType("PKCS12");
      ssl.setKeyStorePassword(settings.keystorePassword());
    } else {
      SelfSignedCertificate cert = SelfSignedCertificate.generate(settings.host());
      ssl.setKeyStore(cert.keyStore());
      ssl.setKeyStorePassword(cert.password());
    }
    return ssl;
  }

  /** The bound plain-HTTP port. */
  public int httpPort() {
    return http.getLocalPort();
  }

  /** The bound HTTPS port. */
  public int httpsPort() {
    return https.getLocalPort();
  }

  /** The bound admin port (loopback only, {@code /metrics}), or -1 when there is none. */
  public int adminPort() {
    return admin == null ? -1 : admin.getLocalPort();
  }

  /** The installed APIs, in order. */
  public List<DemoApi> apis() {
    return apis;
  }

  /** Blocks until the server has stopped. */
  public void join() throws InterruptedException {
    server.join();
  }

  /**
   * Stops gracefully: stops accepting, waits up to {@link #STOP_TIMEOUT_MS} for requests in flight,
   * then closes. Idempotent.
   *
   * @throws Exception if Jetty fails to stop a component
   */
  public void stop() throws Exception {
    try {
      if (!server.isStopped()) {
        server.stop();
      }
    } finally {
      // after the connectors: in-flight requests finish on the pool before it closes
      stores.close();
    }
  }

  /** The stores the APIs run on. */
  public DemoStores stores() {
    return stores;
  }

  /**
   * Stops the server, as {@link #stop()} does.
   *
   * @throws IllegalStateException if Jetty fails to stop a component
   */
  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("the demo server did not stop cleanly", e);
    }
  }
}
