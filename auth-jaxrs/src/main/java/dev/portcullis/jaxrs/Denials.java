package dev.portcullis.jaxrs;

import dev.portcullis.core.Denial;
import dev.portcullis.core.http.Header;
import dev.portcullis.core.http.JsonText;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Turns the core's {@link Denial} values into JAX-RS responses. Stateless. */
final class Denials {
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

  /** A JSON refusal with no challenge. */
  static Response json(int status, String error, String message) {
    return response(new Denial(status, List.of(),
        new Denial.Body(Denial.Body.JSON, JsonText.error(status, error, message))));
  }
}
