package dev.portcullis.jaxrs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import dev.portcullis.testing.JettyHarness;
import org.jspecify.annotations.Nullable;

/** Two independent real HTTP clients behind one small interface, so a test runs through both. */
final class TestClients {
  private TestClients() {}

  /** A response: status, headers by lower-case name, body text. */
  record Reply(int status, Map<String, List<String>> headers, String body) {
    List<String> all(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Nullable String first(String name) {
      List<String> v = all(name);
      return v.isEmpty() ? null : v.get(0);
    }
  }

  /** One HTTP client. */
  interface Client {
    /** Sends a request; {@code headers} are name/value pairs, a name may repeat. */
    Reply send(String method, URI uri, List<String[]> headers, byte @Nullable [] body, @Nullable String contentType)
        throws IOException, InterruptedException;

    default Reply get(URI uri, String... nameValue) throws IOException, InterruptedException {
      return send("GET", uri, pairs(nameValue), null, null);
    }

    /** Releases the client (not AutoCloseable: JUnit would close parameters after each test). */
    void close() throws IOException;
  }

  static List<String[]> pairs(String... nameValue) {
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      out.add(new String[] {nameValue[i], nameValue[i + 1]});
    }
    return out;
  }

  /** The JDK's java.net.http client, HTTP/1.1, trusting the harness's self-signed certificate. */
  static Client jdk() {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(JettyHarness.trustAllSslContext())
        .connectTimeout(Duration.ofSeconds(10)).build();
    return new Client() {
      @Override
      public Reply send(String method, URI uri, List<String[]> headers, byte @Nullable [] body,
          @Nullable String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String[] h : headers) {
          b.header(h[0], h[1]);
        }
        if (contentType != null) {
          b.header("Content-Type", contentType);
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Map<String, List<String>> hs = new TreeMap<>();
        r.headers().map().forEach((k, v) -> hs.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        return new Reply(r.statusCode(), hs, r.body());
      }

      @Override
      public void close() {
        // java.net.http.HttpClient gained close() only in Java 21; its threads are daemons.
      }

      @Override
      public String toString() {
        return "JDK HttpClient";
      }
    };
  }

  /**
   * Apache HttpClient 5 (classic API), trusting the harness's self-signed certificate. It sends {@code Expect: 100-continue} with a body, as a
   * well-behaved client does: a request refused before its body is read then never sends the body
   * (without it, a refusal that closes the connection races the client's upload).
   */
  static Client apache() {
    CloseableHttpClient client = org.apache.hc.client5.http.impl.classic.HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setTlsSocketStrategy(ClientTlsStrategyBuilder.create()
                .setSslContext(JettyHarness.trustAllSslContext())
                .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
                .buildClassic())
            .build())
        .setDefaultRequestConfig(RequestConfig.custom().setExpectContinueEnabled(true).build())
        .disableAutomaticRetries().disableRedirectHandling().build();
    return new Client() {
      @Override
      public Reply send(String method, URI uri, List<String[]> headers, byte @Nullable [] body,
          @Nullable String contentType) throws IOException {
        HttpUriRequestBase req = new HttpUriRequestBase(method, uri);
        for (String[] h : headers) {
          req.addHeader(h[0], h[1]);
        }
        if (body != null) {
          req.setEntity(new ByteArrayEntity(body, contentType == null ? null : ContentType.parse(contentType)));
        }
        return client.execute(req, response -> {
          Map<String, List<String>> hs = new TreeMap<>();
          for (Header h : response.getHeaders()) {
            hs.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue());
          }
          String text = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
          return new Reply(response.getCode(), hs, text);
        });
      }

      @Override
      public void close() throws IOException {
        client.close();
      }

      @Override
      public String toString() {
        return "Apache HttpClient 5";
      }
    };
  }
}
