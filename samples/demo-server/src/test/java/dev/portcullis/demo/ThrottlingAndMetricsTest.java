package dev.portcullis.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.demo.contacts.ContactsApi;
import dev.portcullis.testing.DigestCrafter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's "done when" over real sockets: 300 wrong Digest passwords from 127.0.0.1 end in 429 with
 * Retry-After, the real customer connecting from 127.0.0.2 still gets 200, and the loopback admin
 * port's /metrics shows the refusals and throttles by reason.
 */
class ThrottlingAndMetricsTest {
  private static final String PATH = "/ws/customers/ctct_customer/contacts";
  private static final String USER = ContactsApi.API_KEY + "%ctct_customer";
  private static DemoServer server;

  @BeforeAll
  static void start() throws Exception {
    server = DemoServer.start(DemoSettings.builder().httpPort(0).httpsPort(0).adminPort(0).build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A raw HTTP/1.1 exchange on a socket bound to {@code from}. */
  record Reply(int status, List<String[]> headers, String body) {
    @Nullable String header(String name) {
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          return h[1];
        }
      }
      return null;
    }

    List<String> all(String name) {
      List<String> out = new ArrayList<>();
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          out.add(h[1]);
        }
      }
      return out;
    }
  }

  static Reply exchange(String from, int port, String path, @Nullable String authorization) throws IOException {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(from, 0));
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      s.setSoTimeout(10_000);
      StringBuilder req = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1:")
          .append(port).append("\r\n");
      if (authorization != null) {
        req.append("Authorization: ").append(authorization).append("\r\n");
      }
      req.append("Connection: close\r\n\r\n");
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      String[] lines = text.substring(0, end).split("\r\n");
      List<String[]> headers = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
      }
      return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
    }
  }

  private static String nonce(String from) throws IOException {
    Reply challenge = exchange(from, server.httpPort(), PATH, null);
    assertThat(challenge.status()).isEqualTo(401);
    return DigestCrafter.challenge(challenge.all("WWW-Authenticate"), "SHA-256").get("nonce");
  }

  private static String digest(String password, String nonce, int nc) {
    return DigestCrafter.authorization("GET", PATH, USER, password, ContactsApi.REALM, "SHA-256",
        nonce, String.format(Locale.ROOT, "%08x", nc), "auth", new byte[0]);
  }

  @Test
  void threeHundredWrongPasswordsEndIn429WhileTheCustomerElsewhereGets200AndMetricsShowIt() throws Exception {
    String attackerNonce = nonce("127.0.0.1");
    int unauthorized = 0;
    int throttled = 0;
    Reply last = null;
    for (int i = 1; i <= 300; i++) {
      last = exchange("127.0.0.1", server.httpPort(), PATH, digest("guess-" + i, attackerNonce, i));
      if (last.status() == 401) {
        assertThat(throttled).as("no 401 after the first 429").isZero();
        unauthorized++;
      } else {
        assertThat(last.status()).isEqualTo(429);
        throttled++;
      }
    }
    assertThat(unauthorized).isEqualTo(5);
    assertThat(throttled).isEqualTo(295);
    assertThat(last.header("Retry-After")).matches("[1-9][0-9]*");
    assertThat(last.header("Content-Type")).startsWith("application/json");
    assertThat(last.body()).contains("\"status\":429").contains("too_many_attempts");
    assertThat(last.all("WWW-Authenticate")).isEmpty();

    String customerNonce = nonce("127.0.0.2");
    Reply customer = exchange("127.0.0.2", server.httpPort(), PATH, digest("mypassword", customerNonce, 1));
    assertThat(customer.status()).as("the customer from another address").isEqualTo(200);

    Reply metrics = exchange("127.0.0.1", server.adminPort(), "/metrics", null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.header("Content-Type")).startsWith("text/plain");
    assertThat(metrics.body())
        .containsPattern("portcullis_auth_outcomes_total\\{outcome=\"refused\",reason=\"credentials_invalid\","
            + "scheme=\"Digest\",status=\"401\"} 5\\.0")
        .containsPattern("portcullis_auth_outcomes_total\\{outcome=\"throttled\",reason=\"throttled\","
            + "scheme=\"Digest\",status=\"429\"} 295\\.0")
        .containsPattern("portcullis_auth_outcomes_total\\{outcome=\"authenticated\",reason=\"none\","
            + "scheme=\"Digest\",status=\"200\"} 1\\.0")
        .contains("portcullis_auth_verification_seconds_count{outcome=\"refused\",scheme=\"Digest\"} 5")
        .doesNotContain("guess-").doesNotContain("ctct_customer").doesNotContain("127.0.0.");
  }

  @Test
  void theAdminPortServesOnlyMetricsAndThePublicPortsNeverServeThem() throws Exception {
    Reply api = exchange("127.0.0.1", server.adminPort(), PATH, null);
    assertThat(api.status()).isEqualTo(404);
    assertThat(api.body()).contains("not_found");
    Reply publicMetrics = exchange("127.0.0.1", server.httpPort(), "/metrics", null);
    assertThat(publicMetrics.status()).isNotEqualTo(200);
    assertThat(publicMetrics.body()).doesNotContain("portcullis_auth");
  }
}
