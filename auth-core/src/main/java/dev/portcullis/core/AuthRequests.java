package dev.portcullis.core;

import dev.portcullis.core.internal.LazyForm;
import dev.portcullis.core.http.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Builds plain {@link AuthRequest} values: for tests, benchmarks, and adapters whose framework
 * already hands over the pieces.
 *
 * <pre>{@code
 * AuthRequest r = AuthRequests.builder()
 *     .method("GET").scheme("https").host("api.example.com").port(443)
 *     .rawPath("/v2/items").rawQuery("key=key_demo_index")
 *     .header("Authorization", "Bearer pct_...")
 *     .build();
 * }</pre>
 */
public final class AuthRequests {
  private AuthRequests() {}

  /** A new builder with {@code GET https://localhost:443/}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds one request view. Not thread-safe; the built view is immutable apart from its lazy body. */
  public static final class Builder {
    private String method = "GET";
    private String scheme = "https";
    private String host = "localhost";
    private int port = 443;
    private String rawPath = "/";
    private @Nullable String rawQuery;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private @Nullable Boolean secure;
    private Supplier<byte[]> body = () -> new byte[0];
    private String remoteAddress = "127.0.0.1";

    private Builder() {}

    public Builder method(String method) {
      this.method = Objects.requireNonNull(method);
      return this;
    }

    public Builder scheme(String scheme) {
      this.scheme = scheme.toLowerCase(Locale.ROOT);
      return this;
    }

    public Builder host(String host) {
      this.host = Objects.requireNonNull(host);
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder rawPath(String rawPath) {
      this.rawPath = Objects.requireNonNull(rawPath);
      return this;
    }

    public Builder rawQuery(@Nullable String rawQuery) {
      this.rawQuery = rawQuery;
      return this;
    }

    /** Adds one header value (call again for a repeated header). */
    public Builder header(String name, String value) {
      headers.computeIfAbsent(name, k -> new ArrayList<>(1)).add(Objects.requireNonNull(value));
      return this;
    }

    /** Overrides {@code secure()}; by default it is {@code scheme().equals("https")}. */
    public Builder secure(boolean secure) {
      this.secure = secure;
      return this;
    }

    public Builder body(byte[] body) {
      byte[] copy = body.clone();
      this.body = () -> copy;
      return this;
    }

    /** A body produced on first use (an adapter's buffered stream); it is called at most once. */
    public Builder body(Supplier<byte[]> body) {
      this.body = Objects.requireNonNull(body);
      return this;
    }

    public Builder remoteAddress(String remoteAddress) {
      this.remoteAddress = Objects.requireNonNull(remoteAddress);
      return this;
    }

    public AuthRequest build() {
      Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
      boolean sec = secure != null ? secure : scheme.equals("https");
      return new Built(method, scheme, host, port, rawPath, rawQuery, h, sec, body, remoteAddress);
    }
  }

  private static final class Built implements AuthRequest {
    private final String method;
    private final String scheme;
    private final String host;
    private final int port;
    private final String rawPath;
    private final @Nullable String rawQuery;
    private final Map<String, List<String>> headers;
    private final boolean secure;
    private final Supplier<byte[]> bodySupplier;
    private final String remoteAddress;
    private byte @Nullable [] body;
    private final LazyForm form = new LazyForm(this::contentType, this::body);

    Built(String method, String scheme, String host, int port, String rawPath, @Nullable String rawQuery,
        Map<String, List<String>> headers, boolean secure, Supplier<byte[]> body, String remoteAddress) {
      this.method = method;
      this.scheme = scheme;
      this.host = host;
      this.port = port;
      this.rawPath = rawPath;
      this.rawQuery = rawQuery;
      this.headers = headers;
      this.secure = secure;
      this.bodySupplier = body;
      this.remoteAddress = remoteAddress;
    }

    @Override public String method() { return method; }
    @Override public String scheme() { return scheme; }
    @Override public String host() { return host; }
    @Override public int port() { return port; }
    @Override public String rawPath() { return rawPath; }
    @Override public @Nullable String rawQuery() { return rawQuery; }
    @Override public boolean secure() { return secure; }
    @Override public String remoteAddress() { return remoteAddress; }

    @Override
    public List<String> headers(String name) {
      List<String> v = headers.get(name);
      return v == null ? List.of() : v;
    }

    @Override
    public byte[] body() {
      if (body == null) {
        body = bodySupplier.get();
      }
      return body;
    }

    @Override
    public List<Param> formParameters() {
      return form.params();
    }

    @Override
    public String toString() {
      // Header values are left out on purpose: Authorization carries secrets.
      return "AuthRequest[" + method + " " + scheme + "://" + host + ":" + port + rawPath + "]";
    }
  }
}
