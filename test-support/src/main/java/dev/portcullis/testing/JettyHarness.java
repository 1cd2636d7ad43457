package dev.portcullis.testing;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigInteger;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.jspecify.annotations.Nullable;

/**
 * An embedded Jetty 12 (ee10) server on {@code 127.0.0.1}, port 0, for integration tests over real
 * sockets; optionally with an HTTPS connector using a self-signed certificate made in memory.
 *
 * <pre>{@code
 * try (JettyHarness jetty = JettyHarness.builder()
 *     .https()
 *     .context(ctx -> {
 *       ctx.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
 *       ctx.addServlet(new ServletHolder(new EchoServlet()), "/*");
 *     })
 *     .start()) {
 *   HttpClient client = HttpClient.newBuilder().sslContext(JettyHarness.trustAllSslContext()).build();
 *   client.send(HttpRequest.newBuilder(jetty.httpsUri("/v2/items?key=k")).build(), ofString());
 * }
 * }</pre>
 *
 * <p>Error pages never show stack traces (server and context {@code ErrorHandler}s have
 * {@code showStacks=false}), and the {@code Server} header is off, as in production. Not
 * thread-safe to configure; the running server is Jetty's own business.
 */
public final class JettyHarness implements AutoCloseable {
  private static final String KEYSTORE_PASSWORD = "harness";
  private static volatile @Nullable KeyStore selfSigned;

  private final Server server;
  private final ServletContextHandler context;
  private final ServerConnector http;
  private final @Nullable ServerConnector https;

  private JettyHarness(Builder b) throws Exception {
    server = new Server();
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendXPoweredBy(false);
    if (b.requestHeaderSize > 0) {
      config.setRequestHeaderSize(b.requestHeaderSize);
    }
    http = new ServerConnector(server, new HttpConnectionFactory(config));
    http.setHost("127.0.0.1");
    http.setPort(0);
    server.addConnector(http);
    if (b.https) {
      HttpConfiguration tls = new HttpConfiguration(config);
      SecureRequestCustomizer src = new SecureRequestCustomizer();
      src.setSniHostCheck(false); // clients address 127.0.0.1, which no SNI names
      tls.addCustomizer(src);
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStore(selfSignedKeyStore());
      ssl.setKeyStorePassword(KEYSTORE_PASSWORD);
      https = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
          new HttpConnectionFactory(tls));
      https.setHost("127.0.0.1");
      https.setPort(0);
      server.addConnector(https);
    } else {
      https = null;
    }
    ErrorHandler serverErrors = new ErrorHandler();
    serverErrors.setShowStacks(false);
    serverErrors.setShowMessageInTitle(false);
    server.setErrorHandler(serverErrors);

    context = new ServletContextHandler(b.contextPath);
    context.setErrorHandler(new QuietErrorHandler());
    b.configurer.accept(context);
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
  }

  /** A new builder: plain HTTP, context path {@code /}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a plain-HTTP server whose context {@code configurer} fills.
   *
   * @throws Exception if Jetty fails to start (a filter's {@code init} threw, for instance)
   */
  public static JettyHarness start(Consumer<ServletContextHandler> configurer) throws Exception {
    return builder().context(configurer).start();
  }

  /** {@code http://127.0.0.1:PORT} (no trailing slash, no context path). */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + http.getLocalPort());
  }

  /**
   * {@code https://127.0.0.1:PORT}.
   *
   * @throws IllegalStateException if the harness was built without {@link Builder#https()}
   */
  public URI httpsUri() {
    if (https == null) {
      throw new IllegalStateException("this harness has no HTTPS connector; use builder().https()");
    }
    return URI.create("https://127.0.0.1:" + https.getLocalPort());
  }

  /** The plain-HTTP URI of {@code pathAndQuery} inside the context ({@code "/v2/items?key=k"}). */
  public URI uri(String pathAndQuery) {
    return URI.create(baseUri() + contextPrefix() + pathAndQuery);
  }

  /** The HTTPS URI of {@code pathAndQuery} inside the context. */
  public URI httpsUri(String pathAndQuery) {
    return URI.create(httpsUri() + contextPrefix() + pathAndQuery);
  }

  private String contextPrefix() {
    String cp = context.getContextPath();
    return cp.equals("/") ? "" : cp;
  }

  /** The Jetty server, for tests that need more than the URIs. */
  public Server server() {
    return server;
  }

  /**
   * Stops the server.
   *
   * @throws IllegalStateException if Jetty fails to stop
   */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping Jetty", e);
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not stop cleanly", e);
    }
  }

  /**
   * An {@link SSLContext} that trusts every server certificate and skips host name checks. For
   * tests against this harness only.
   */
  public static SSLContext trustAllSslContext() {
    return TrustAllTls.context();
  }

  /**
   * A PKCS#12 key store (password {@code "harness"}) holding one EC P-256 key and a self-signed
   * certificate for {@code localhost} and {@code 127.0.0.1}, made once per JVM with Bouncy Castle.
   */
  public static KeyStore selfSignedKeyStore() {
    KeyStore ks = selfSigned;
    if (ks == null) {
      synchronized (JettyHarness.class) {
        ks = selfSigned;
        if (ks == null) {
          ks = generate();
          selfSigned = ks;
        }
      }
    }
    return ks;
  }

  private static KeyStore generate() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair pair = gen.generateKeyPair();
      X500Name name = new X500Name("CN=localhost");
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder cb = new JcaX509v3CertificateBuilder(name,
          new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(Duration.ofDays(2))), name, pair.getPublic());
      cb.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.dNSName, "localhost"),
          new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
          cb.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("harness", pair.getPrivate(), KEYSTORE_PASSWORD.toCharArray(),
          new X509Certificate[] {cert});
      return ks;
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot make the self-signed test certificate", e);
    }
  }

  /** Configures a {@link JettyHarness}. Not thread-safe. */
  public static final class Builder {
    private Consumer<ServletContextHandler> configurer = ctx -> {};
    private String contextPath = "/";
    private boolean https;
    private int requestHeaderSize;

    private Builder() {}

    /** Fills the servlet context: filters, servlets, listeners. */
    public Builder context(Consumer<ServletContextHandler> configurer) {
      this.configurer = Objects.requireNonNull(configurer);
      return this;
    }

    /** The context path (default {@code /}). */
    public Builder contextPath(String contextPath) {
      this.contextPath = Objects.requireNonNull(contextPath);
      return this;
    }

    /** Adds an HTTPS connector with the self-signed certificate. */
    public Builder https() {
      this.https = true;
      return this;
    }

    /** Overrides Jetty's request header size limit (default 8 KiB). */
    public Builder requestHeaderSize(int bytes) {
      this.requestHeaderSize = bytes;
      return this;
    }

    /**
     * Starts the server.
     *
     * @throws Exception if Jetty fails to start
     */
    public JettyHarness start() throws Exception {
      return new JettyHarness(this);
    }
  }

  /**
   * Error pages that say the status and, below 500, the message given to {@code sendError}; never
   * a stack, an exception's text or the servlet's name (Jetty shows "CAUSED BY" lines even with
   * {@code showStacks=false}).
   */
  static final class QuietErrorHandler extends ErrorPageErrorHandler {
    QuietErrorHandler() {
      setShowStacks(false);
      setShowServlet(false);
      setShowMessageInTitle(false);
    }

    private static String safe(int code, @Nullable String message) {
      String reason = HttpStatus.getMessage(code);
      return code >= 500 || message == null || message.isBlank() ? reason : message;
    }

    @Override
    protected void writeErrorPageMessage(HttpServletRequest request, Writer writer, int code,
        @Nullable String message, @Nullable String uri) throws IOException {
      writer.write("<h2>HTTP ERROR " + code + " ");
      write(writer, safe(code, message));
      writer.write("</h2>\n");
    }

    @Override
    protected void writeErrorPlain(HttpServletRequest request, PrintWriter writer, int code,
        @Nullable String message) {
      writer.write("HTTP ERROR " + code + " " + safe(code, message) + "\n");
    }

    @Override
    protected void writeErrorJson(HttpServletRequest request, PrintWriter writer, int code,
        @Nullable String message) {
      writer.write("{\"status\":" + code + ",\"message\":\"" + jsonEscape(safe(code, message)) + "\"}");
    }

    private static String jsonEscape(String s) {
      StringBuilder sb = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
          sb.append('\\').append(c);
        } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
          sb.append(String.format("\\u%04x", (int) c));
        } else {
          sb.append(c);
        }
      }
      return sb.toString();
    }
  }
}
