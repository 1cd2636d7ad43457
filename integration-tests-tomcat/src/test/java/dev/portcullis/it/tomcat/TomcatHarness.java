package dev.portcullis.it.tomcat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An embedded Tomcat 11 on {@code 127.0.0.1} with a plain-HTTP and a TLS connector (a self-signed
 * EC certificate made in memory), both on free ports, and one root context the test fills; plus raw
 * socket exchanges on either port, for request lines no well-behaved client writes.
 *
 * <p>Not thread-safe to configure; the running server is Tomcat's business.
 */
final class TomcatHarness implements AutoCloseable {
  private static final String PASSWORD = "harness";

  private final Tomcat tomcat;
  private final Connector http;
  private final Connector https;
  private final Path base;

  TomcatHarness(Consumer<Context> configurer) throws Exception {
    base = Files.createTempDirectory("portcullis-tomcat");
    tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());

    http = new Connector();
    http.setPort(0);
    http.setProperty("address", "127.0.0.1");
    tomcat.getService().addConnector(http);
    tomcat.setConnector(http);

    https = new Connector();
    https.setPort(0);
    https.setProperty("address", "127.0.0.1");
    https.setScheme("https");
    https.setSecure(true);
    https.setProperty("SSLEnabled", "true");
    SSLHostConfig ssl = new SSLHostConfig();
    SSLHostConfigCertificate cert = new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.EC);
    cert.setCertificateKeystore(selfSigned());
    cert.setCertificateKeystorePassword(PASSWORD);
    cert.setCertificateKeyAlias("server");
    cert.setCertificateKeyPassword(PASSWORD);
    ssl.addCertificate(cert);
    https.addSslHostConfig(ssl);
    tomcat.getService().addConnector(https);

    Context context = tomcat.addContext("", base.toString());
    configurer.accept(context);
    tomcat.start();
  }

  int httpPort() {
    return http.getLocalPort();
  }

  int httpsPort() {
    return https.getLocalPort();
  }

  /** Writes {@code request} on a plain socket to the HTTP port; everything read until the server closes. */
  String plain(String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", httpPort())) {
      return exchange(s, request);
    }
  }

  /** The same over TLS to the HTTPS port. */
  String tls(String request) throws Exception {
    try (SSLSocket s = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", httpsPort())) {
      s.startHandshake();
      return exchange(s, request);
    }
  }

  private static String exchange(Socket s, String request) throws IOException {
    s.setSoTimeout(10_000);
    OutputStream out = s.getOutputStream();
    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    InputStream in = s.getInputStream();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] b = new byte[8192];
    int n;
    while ((n = in.read(b)) > 0) {
      buf.write(b, 0, n);
    }
    return buf.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }

  private static KeyStore selfSigned() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    KeyPair pair = g.generateKeyPair();
    X500Name name = new X500Name("CN=127.0.0.1");
    Instant now = Instant.now();
    X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
        new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
            Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
            name, pair.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", pair.getPrivate(), PASSWORD.toCharArray(), new X509Certificate[] {cert});
    return ks;
  }

  private static SSLContext trustAll() throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {new X509TrustManager() {
      @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
      @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
      @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }}, new SecureRandom());
    return ctx;
  }
}
