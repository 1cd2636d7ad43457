package dev.portcullis.testing;

import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.digest.DigestScheme;
import dev.portcullis.core.memory.InMemoryApplicationRegistry;
import dev.portcullis.core.memory.InMemoryDigestCredentialStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.spi.ApplicationRegistry.Application;
import java.io.IOException;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The contacts API's HTTP Digest setup (RFC 7616) that the servlet and JAX-RS adapters' interop
 * tests share: one enabled and one disabled application key, each with a customer user, and the
 * three real clients that talk to it (Apache HttpClient 5, the JDK's HttpURLConnection, and the
 * JDK HttpClient for crafted requests).
 *
 * <pre>{@code
 * DigestScheme digest = DigestFixture.scheme(clock, "some-test-nonce-key-of-32-bytes-or-more");
 * try (CloseableHttpClient c = DigestFixture.apache(jetty.baseUri(), DigestFixture.USER, DigestFixture.PASSWORD)) {
 *   String[] r = DigestFixture.execute(c, new HttpGet(jetty.uri("/ws/customers/ctct_customer/contacts")));
 * }
 * }</pre>
 *
 * <p>Each user may read and write the {@code contacts} scope for its own customer only, so another
 * customer's path is a 403. Thread-safe: the methods hold no state.
 */
public final class DigestFixture {
  /** The protection space. */
  public static final String REALM = "contacts@portcullis";
  /** The enabled application key. */
  public static final String KEY = "7f2b9c4e-1a3d-4e5f-8b6a-9c0d1e2f3a4b";
  /** An application key that is registered but disabled. */
  public static final String DISABLED = "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
  /** The enabled key's user, {@code KEY%customer}, whose customer is {@code ctct_customer}. */
  public static final String USER = KEY + "%ctct_customer";
  /** Both users' password. */
  public static final String PASSWORD = "mypassword";
  /** A JSON body with a non-ASCII character, for {@code auth-int}. */
  public static final String JSON = "{\"name\":\"Ada L\\u00f6velace\",\"email\":\"ada@example.org\"}";

  private static final HttpClient RAW = HttpClient.newHttpClient();

  private DigestFixture() {}

  /**
   * A Digest scheme for {@link #REALM} with {@link #USER} (enabled) and {@code DISABLED%ctct_customer}
   * (disabled key), nonces keyed by {@code nonceKey} and timed and replay-guarded by {@code clock}.
   *
   * @throws IllegalArgumentException if the nonce key is too short for the scheme
   */
  public static DigestScheme scheme(Clock clock, String nonceKey) {
    InMemoryDigestCredentialStore store = InMemoryDigestCredentialStore.builder().realm(REALM)
        .user(USER, PASSWORD.toCharArray())
        .user(DISABLED + "%ctct_customer", PASSWORD.toCharArray())
        .build();
    InMemoryApplicationRegistry apps = new InMemoryApplicationRegistry()
        .register(new Application(KEY, "demo", true))
        .register(new Application(DISABLED, "compromised", false));
    return DigestScheme.builder().realm(REALM).credentials(store).applications(apps)
        .grants((k, u) -> Grants.of(new Permission("contacts", Operation.READ_WRITE, Set.of(u))))
        .nonceKey(nonceKey.getBytes(StandardCharsets.US_ASCII))
        .clock(clock).replayGuard(new InMemoryReplayGuard(clock, 10_000))
        .build();
  }

  /** An Apache HttpClient 5 that answers Digest challenges from {@code server}'s host and port. */
  public static CloseableHttpClient apache(URI server, String user, String password) {
    BasicCredentialsProvider creds = new BasicCredentialsProvider();
    creds.setCredentials(new AuthScope(server.getHost(), server.getPort()),
        new UsernamePasswordCredentials(user, password.toCharArray()));
    return HttpClients.custom().setDefaultCredentialsProvider(creds).build();
  }

  /** Sends {@code request}; returns the status, the body and the {@code Authentication-Info} value ("" if absent). */
  public static String[] execute(CloseableHttpClient client, HttpUriRequestBase request) throws IOException {
    return client.execute(request, r -> new String[] {String.valueOf(r.getCode()),
        r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8),
        r.getFirstHeader("Authentication-Info") == null ? "" : r.getFirstHeader("Authentication-Info").getValue()});
  }

  /** An HttpURLConnection to {@code uri} whose own Authenticator answers the challenge. */
  public static HttpURLConnection jdk(URI uri, String user, String password) throws IOException {
    HttpURLConnection conn = (HttpURLConnection) uri.toURL().openConnection();
    conn.setAuthenticator(new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(user, password.toCharArray());
      }
    });
    return conn;
  }

  /**
   * Sends a crafted request with the JDK HttpClient, which never answers a challenge by itself;
   * {@code headers} are name/value pairs.
   */
  public static HttpResponse<String> raw(String method, URI uri, byte[] body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri)
        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return RAW.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
