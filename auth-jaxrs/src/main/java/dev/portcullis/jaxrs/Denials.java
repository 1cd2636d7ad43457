package dev.portcullis.jaxrs;

import dev.portcullis.core.Denial;
import dev.portcullis.core.http.Header;
import dev.portcullis.core.internal.BoundedBody;
import dev.portcullis.core.Refusal;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Turns the core's {@link Denial} values into JAX-RS responses. Stateless. */
final class Denials {
  /** Request property set once a scheme made the adapter buffer the body. */
  static final String BODY_BUFFERED = "dev.portcullis.jaxrs.bodyBuffered";

  /** Request property set once a scheme started reading the body (so 100-continue was answered). */
  static final String BODY_OPENED = "dev.portcullis.jaxrs.bodyOpened";

  private Denials() {}

  /** The core's {@link Refusal} for {@code denial} with the body left in place (nothing unread). */
  static Response response(Denial denial) {
    return response(Refusal.of(denial, true, null));
  }

  /** Copies {@code refusal} to a JAX-RS response: status, every header in order, the body. */
  private static Response response(Refusal refusal) {
    Response.ResponseBuilder b = Response.status(refusal.status());
    for (Header h : refusal.headers()) {
      b.header(h.name(), h.value());
    }
    return b.entity(refusal.bytes()).type(refusal.contentType()).build();
  }

  /**
   * Aborts {@code request} with {@code response} after swallowing the request body nobody will
   * read ({@link BoundedBody#swallow}, at most {@code swallowLimit} bytes); when that is not
   * possible an HTTP/1.x refusal says {@code Connection: close} (never HTTP/2, RFC 9113 section
   * 8.2.2). The policy and its reasons are the core's, shared with the servlet adapter.
   */
  static void abort(ContainerRequestContext request, Response response, int swallowLimit) {
    boolean keepAlive = request.getProperty(BODY_BUFFERED) != null
        // Not hasEntity(): Jersey answers it by reading a byte, which would block before the checks.
        || BoundedBody.swallow(request::getEntityStream, request.getLength(),
            request.getHeaderString("Transfer-Encoding") != null, request.getHeaderString("Expect"),
            request.getProperty(BODY_OPENED) != null, swallowLimit);
    if (!keepAlive && protocol(request).startsWith("HTTP/1")) {
      response.getHeaders().putSingle("Connection", "close");
    }
    request.abortWith(response);
  }

  /** The request's protocol as the container reports it, or {@code HTTP/1.1} when it does not say. */
  private static String protocol(ContainerRequestContext request) {
    Object p = request.getProperty(RemoteAddressResolver.PROTOCOL_PROPERTY);
    return p instanceof String s ? s : "HTTP/1.1";
  }

  /** A JSON refusal with no challenge. */
  static Response json(int status, String error, String message) {
    return response(Denial.json(status, List.of(), error, message));
  }
}
