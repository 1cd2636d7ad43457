package dev.portcullis.core.oauth1;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.AuthRequests;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Builds request views from a URL, as an adapter would. */
final class Requests {
  private Requests() {}

  static AuthRequests.Builder of(String method, String url) {
    URI u = URI.create(url);
    String scheme = u.getScheme().toLowerCase(java.util.Locale.ROOT);
    int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
    return AuthRequests.builder().method(method).scheme(scheme).host(u.getHost()).port(port)
        .rawPath(u.getRawPath() == null ? "" : u.getRawPath()).rawQuery(u.getRawQuery());
  }

  static AuthRequest of(String method, String url, @Nullable String authorization,
      @Nullable String contentType, @Nullable String body) {
    AuthRequests.Builder b = of(method, url);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (body != null) {
      b.body(body.getBytes(StandardCharsets.UTF_8));
    }
    return b.build();
  }
}
