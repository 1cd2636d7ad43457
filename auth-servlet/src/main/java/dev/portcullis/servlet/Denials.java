package dev.portcullis.servlet;

import dev.portcullis.core.Denial;
import dev.portcullis.core.Reason;
import dev.portcullis.core.http.Header;
import dev.portcullis.core.http.JsonText;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a core {@link Denial} to a servlet response, the one way every servlet-side adapter
 * ({@link AuthFilter}, the OAuth endpoints, the Jakarta Security mechanism) refuses a request.
 *
 * <p>The status, the denial's headers in order (each {@code WWW-Authenticate} challenge of RFC 7235
 * section 4.1 as its own header line), {@code Cache-Control: no-store} (RFC 9111 section 5.2.2.5,
 * so no cache keeps a refusal), the body's content type and exact length, then the body.
 *
 * <pre>{@code
 * Denial denial = gate.deny(view, outcome);
 * Denials.write(response, denial);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Denials {
  private Denials() {}

  /**
   * Writes {@code denial} unless the response is already committed; a body the application had
   * buffered but not yet sent is discarded first, headers it set are kept.
   *
   * @return true if the denial was written, false if the response was already committed
   * @throws IOException if the client went away while the body was written
   */
  public static boolean write(HttpServletResponse response, Denial denial) throws IOException {
    if (response.isCommitted()) {
      return false;
    }
    response.resetBuffer();
    response.setStatus(denial.status());
    for (Header h : denial.headers()) {
      response.addHeader(h.name(), h.value());
    }
    response.setHeader("Cache-Control", "no-store");
    byte[] bytes = denial.body().text().getBytes(StandardCharsets.UTF_8);
    response.setContentType(denial.body().contentType());
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
    return true;
  }

  /**
   * A refusal with a JSON error body ({@link JsonText#error}) and the given extra headers.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Denial json(int status, List<Header> headers, String error, String message) {
    return new Denial(status, headers,
        new Denial.Body(Denial.Body.JSON, JsonText.error(status, error, message)));
  }

  /** 503 with {@code Retry-After: 5}: a store could not be reached, so the request fails closed. */
  public static Denial unavailable() {
    return json(503, List.of(new Header("Retry-After", "5")), Reason.UNAVAILABLE.code(),
        Reason.UNAVAILABLE.message());
  }

  /** 500 that says only that authentication failed on the server, never why (the cause may quote the client). */
  public static Denial serverError() {
    return json(500, List.of(), "server_error", "Authentication failed because of a server error.");
  }
}
