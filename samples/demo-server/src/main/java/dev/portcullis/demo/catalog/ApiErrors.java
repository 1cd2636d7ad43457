package dev.portcullis.demo.catalog;

import dev.portcullis.core.Denial;
import dev.portcullis.demo.ErrorBodies;
import jakarta.ws.rs.core.Response;

/** Builds the catalog's JSON error responses, the same shape as the gate's. Stateless. */
final class ApiErrors {
  private ApiErrors() {}

  static Response of(int status, String error, String message) {
    return Response.status(status)
        .type(ErrorBodies.JSON)
        .header("Cache-Control", "no-store")
        .entity(Denial.Body.error(status, error, message).text())
        .build();
  }

  static Response badRequest(String message) {
    return of(400, "invalid_request", message);
  }

  static Response unknownKey() {
    return of(404, "unknown_key", "No index has this API key.");
  }

  static Response notFound(String message) {
    return of(404, "not_found", message);
  }
}
