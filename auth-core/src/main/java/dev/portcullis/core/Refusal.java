package dev.portcullis.core;

import dev.portcullis.core.http.Header;
import dev.portcullis.core.internal.JsonText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Exactly what an adapter writes for a refusal, computed once here so the servlet and JAX-RS
 * adapters cannot diverge: they only copy the status, the headers in order, the content type and
 * the body bytes to their native response.
 *
 * <p>The headers are the denial's own (each {@code WWW-Authenticate} challenge of RFC 7235 section
 * 4.1 on its own line), then {@code Cache-Control: no-store} (RFC 9111 section 5.2.2.5: no cache may
 * keep a refusal), then {@code Connection: close} when the unread body could not be swallowed
 * (RFC 9112 section 9.6) and only on HTTP/1.x: HTTP/2 and later forbid connection-specific header
 * fields (RFC 9113 section 8.2.2), and there an unread body costs only its stream.
 *
 * @param status the HTTP status
 * @param headers every header to add, in order
 * @param contentType the body's media type, charset included
 * @param text the body text; never holds a secret, a class name or a stack trace
 */
public record Refusal(int status, List<Header> headers, String contentType, String text) {
  public Refusal {
    headers = List.copyOf(headers);
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(text, "text");
  }

  /**
   * The refusal for {@code denial}.
   *
   * @param keepAlive whether the request's body was absent or swallowed (see {@link BoundedBody#swallow})
   * @param protocol the request's protocol ({@code HTTP/1.1}, {@code HTTP/2.0}), or null if unknown
   */
  public static Refusal of(Denial denial, boolean keepAlive, @Nullable String protocol) {
    List<Header> h = new ArrayList<>(denial.headers().size() + 2);
    h.addAll(denial.headers());
    h.add(new Header("Cache-Control", "no-store"));
    if (!keepAlive && protocol != null && protocol.startsWith("HTTP/1")) {
      h.add(new Header("Connection", "close"));
    }
    return new Refusal(denial.status(), h, denial.body().contentType(), denial.body().text());
  }

  /** The body as UTF-8 bytes, for an exact {@code Content-Length}. */
  public byte[] bytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
