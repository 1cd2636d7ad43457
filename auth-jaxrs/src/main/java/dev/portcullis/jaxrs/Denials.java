package dev.portcullis.jaxrs;

import dev.portcullis.core.Denial;
import dev.portcullis.core.http.Header;
import dev.portcullis.core.http.JsonText;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Turns the core's {@link Denial} values into JAX-RS responses. Stateless. */
final class Denials {
  /** Request property set once a scheme made the adapter buffer the body. */
  static final String BODY_BUFFERED = "dev.portcullis.jaxrs.bodyBuffered";

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
   * Aborts {@code request} with {@code response}, asking for the connection to be closed when the
   * request carries a body nobody read.
   *
   * <p>Why: the body of a refused request is deliberately left unread. The container then finds
   * unread bytes after the response and drops the connection; without {@code Connection: close}
   * a keep-alive client sends its next request into a closed connection (seen with the JDK client
   * over TLS). Saying so up front lets clients open a fresh connection instead. Draining the body
   * instead would let anonymous clients make us read whatever they upload.
   */
  static void abort(ContainerRequestContext request, Response response) {
    if (request.getProperty(BODY_BUFFERED) == null && hasBody(request)) {
      response.getHeaders().putSingle("Connection", "close");
    }
    request.abortWith(response);
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
