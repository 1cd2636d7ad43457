package dev.portcullis.jaxrs;

import dev.portcullis.core.Denial;
import dev.portcullis.core.http.Header;
import dev.portcullis.core.http.JsonText;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Turns the core's {@link Denial} values into JAX-RS responses. Stateless. */
final class Denials {
  /** Request property set once a scheme made the adapter buffer the body. */
  static final String BODY_BUFFERED = "dev.portcullis.jaxrs.bodyBuffered";

  /** Request property set once a scheme started reading the body (so 100-continue was answered). */
  static final String BODY_OPENED = "dev.portcullis.jaxrs.bodyOpened";

  private Denials() {}

  /** Status, every header (challenges first, as the gate ordered them), the body, and no caching. */
  static Response response(Denial denial) {
    Response.ResponseBuilder b = Response.status(denial.status());
    for (Header h : denial.headers()) {
      b.header(h.name(), h.value());
    }
    // A refusal depends on the credentials sent; no shared cache may keep it.
    b.header(HttpHeaders.CACHE_CONTROL, "no-store");
    return b.entity(denial.body().text()).type(denial.body().contentType()).build();
  }

  /**
   * Aborts {@code request} with {@code response} after swallowing the request body nobody will
   * read: at most {@code swallowLimit} bytes are read and thrown away.
   *
   * <p>Why: a refused request's body is still in the kernel's receive buffer (or on its way) when
   * the refusal is sent; if the container then closes the connection over those unread bytes, the
   * kernel answers with a TCP reset instead of a FIN, and the reset can destroy the 401/403 before
   * the client reads it. Once the body is read the connection stays usable. Why bounded: the client
   * may be anonymous, so the work done for it must be small; a body over the limit (a declared
   * {@code Content-Length} above it, or more bytes than that arriving), an upload that breaks off,
   * or an {@code Expect: 100-continue} body nobody asked for yet (the client has not sent it and
   * will not after a final status, RFC 9110 section 10.1.1) is left unread and the response says
   * {@code Connection: close} (RFC 9112 section 9.6). Tomcat's {@code maxSwallowSize} is the same
   * idea.
   */
  static void abort(ContainerRequestContext request, Response response, int swallowLimit) {
    if (request.getProperty(BODY_BUFFERED) == null && hasBody(request)
        && !swallow(request, swallowLimit)) {
      response.getHeaders().putSingle("Connection", "close");
    }
    request.abortWith(response);
  }

  /** Reads the rest of the entity; false if it was not (all) read and the connection must close. */
  private static boolean swallow(ContainerRequestContext request, int limit) {
    String expect = request.getHeaderString("Expect");
    if (request.getProperty(BODY_OPENED) == null && expect != null
        && expect.trim().equalsIgnoreCase("100-continue")) {
      // Reading now would send "100 Continue" and invite the very upload we refuse.
      return false;
    }
    if (request.getLength() > limit) {
      return false;
    }
    // Not hasEntity(): Jersey answers it by reading a byte, which would block before the check above.
    InputStream in = request.getEntityStream();
    byte[] sink = new byte[(int) Math.min(8192, limit + 1L)];
    long total = 0;
    try {
      int n;
      while ((n = in.read(sink, 0, (int) Math.min(sink.length, limit + 1L - total))) > 0) {
        total += n;
        if (total > limit) {
          return false;
        }
      }
    } catch (IOException e) {
      // The upload broke off; the connection cannot be trusted for another request.
      return false;
    }
    return true;
  }

  private static boolean hasBody(ContainerRequestContext request) {
    return request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null;
  }

  /** A JSON refusal with no challenge. */
  static Response json(int status, String error, String message) {
    return response(new Denial(status, List.of(),
        new Denial.Body(Denial.Body.JSON, JsonText.error(status, error, message))));
  }
}
