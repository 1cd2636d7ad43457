package dev.portcullis.servlet;

import dev.portcullis.core.Denial;
import dev.portcullis.core.http.Header;
import dev.portcullis.core.http.AdapterOptions;
import dev.portcullis.core.internal.BoundedBody;
import dev.portcullis.core.internal.JsonText;
import dev.portcullis.core.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * Writes a core {@link Denial} to a servlet response, the one way every servlet-side adapter
 * ({@link AuthFilter}, the OAuth endpoints, the Jakarta Security mechanism) refuses a request.
 *
 * <p>The status, the denial's headers in order (each {@code WWW-Authenticate} challenge of RFC 7235
 * section 4.1 as its own header line), {@code Cache-Control: no-store} (RFC 9111 section 5.2.2.5,
 * so no cache keeps a refusal), the body's content type and exact length, then the body.
 *
 * <p>What is written is the core's {@link Refusal}, so this adapter and the JAX-RS one send the
 * same bytes. Before that, the request body nobody will read is swallowed ({@link BoundedBody#swallow}),
 * up to {@link AdapterOptions#swallowLimit()}. Why: a refused request's body is still in the kernel's receive buffer (or on its way) when
 * the response is sent; if the container then closes the connection over those unread bytes, the
 * kernel answers with a TCP reset instead of a FIN, and the reset can destroy the refusal before the
 * client reads it (the client sees "connection reset" or "broken pipe" instead of 401). Swallowing a
 * small body lets the connection stay alive; a body over the limit (a declared
 * {@code Content-Length} above it, or more bytes than that arriving) is not read further and the
 * response says {@code Connection: close} (RFC 9112 section 9.6), which is all a server can do
 * without doing unbounded work for an unauthenticated client. Tomcat's {@code maxSwallowSize} is the
 * same idea. A request with {@code Expect: 100-continue} whose body nobody has started reading is
 * not swallowed: the client has not sent it and will not once it sees a final status (RFC 9110
 * section 10.1.1), so the connection is closed instead of inviting the upload.
 *
 * <pre>{@code
 * Denial denial = gate.deny(view, outcome);
 * Denials.write(request, response, denial, AdapterOptions.defaults().swallowLimit());
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Denials {
  /**
   * Request attribute set (to {@link Boolean#TRUE}) once an adapter starts reading the body, so a
   * refusal knows that an {@code Expect: 100-continue} client was told to send it.
   */
  public static final String BODY_OPENED_ATTRIBUTE = "dev.portcullis.servlet.bodyOpened";

  private Denials() {}

  /**
   * Swallows what is left of the request body (at most {@code swallowLimit} bytes) and writes
   * {@code denial}, unless the response is already committed; a body the application had buffered
   * but not yet sent is discarded first, headers it set are kept.
   *
   * @param swallowLimit the most unread body bytes read and discarded so the connection can stay
   *     open; beyond it the response says {@code Connection: close}
   * @return true if the denial was written, false if the response was already committed
   * @throws IOException if the client went away while the body was written
   * @throws IllegalArgumentException if {@code swallowLimit} is negative
   */
  public static boolean write(HttpServletRequest request, HttpServletResponse response, Denial denial,
      int swallowLimit) throws IOException {
    if (response.isCommitted()) {
      return false;
    }
    response.resetBuffer();
    boolean keepAlive = swallowed(request, swallowLimit);
    Refusal refusal = Refusal.of(denial, keepAlive, request.getProtocol());
    response.setStatus(refusal.status());
    for (Header h : refusal.headers()) {
      response.addHeader(h.name(), h.value());
    }
    byte[] bytes = refusal.bytes();
    response.setContentType(refusal.contentType());
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
    return true;
  }

  /**
   * Reads and discards the rest of the request body, at most {@code limit} bytes, for a request
   * that is answered without the application reading it ({@link BoundedBody#swallow}); when the
   * body is larger than that, or cannot be read, or was never asked for from an
   * {@code Expect: 100-continue} client, sets {@code Connection: close} on an HTTP/1 response
   * instead (never on HTTP/2, RFC 9113 section 8.2.2). Call it before the response is committed.
   *
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  public static void swallow(HttpServletRequest request, HttpServletResponse response, int limit) {
    if (!swallowed(request, limit)) {
      for (Header h : Refusal.of(Denial.serverError(), false, request.getProtocol()).headers()) {
        if (h.name().equals("Connection")) {
          response.setHeader(h.name(), h.value());
        }
      }
    }
  }

  private static boolean swallowed(HttpServletRequest request, int limit) {
    return BoundedBody.swallow(request::getInputStream, request.getContentLengthLong(),
        request.getHeader("Transfer-Encoding") != null, request.getHeader("Expect"),
        request.getAttribute(BODY_OPENED_ATTRIBUTE) != null, limit);
  }
}
