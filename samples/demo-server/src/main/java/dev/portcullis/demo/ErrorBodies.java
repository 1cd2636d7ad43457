package dev.portcullis.demo;

import dev.portcullis.core.Denial;
import org.eclipse.jetty.http.HttpStatus;
import org.jspecify.annotations.Nullable;

/**
 * The JSON error body every refusal of the demo server uses:
 * {@code {"status": 404, "error": "not_found", "message": "..."}}, the same shape as the gate's.
 *
 * <p>Server errors never say more than "internal error": their detail goes to the log, never to the
 * client. Client errors keep the container's short message (Jetty's parser says what it disliked,
 * such as "Illegal character"), cut to a safe length. Stateless and thread-safe.
 */
public final class ErrorBodies {
  /** The media type of every error body. */
  public static final String JSON = "application/json; charset=UTF-8";

  private static final int MAX_DETAIL = 200;

  private ErrorBodies() {}

  /** The body for {@code status}, with {@code detail} as the message when it is a safe client error. */
  public static String forStatus(int status, @Nullable String detail) {
    return Denial.Body.error(status, code(status), message(status, detail)).text();
  }

  /** The wire code for a status: {@code not_found}, {@code header_too_large}, ... */
  public static String code(int status) {
    switch (status) {
      case 400: return "invalid_request";
      case 401: return "unauthorized";
      case 403: return "forbidden";
      case 404: return "not_found";
      case 405: return "method_not_allowed";
      case 406: return "not_acceptable";
      case 408: return "request_timeout";
      case 411: return "length_required";
      case 413: return "body_too_large";
      case 414: return "uri_too_long";
      case 415: return "unsupported_media_type";
      case 431: return "header_too_large";
      default: return status >= 500 ? "server_error" : "client_error";
    }
  }

  private static String message(int status, @Nullable String detail) {
    if (status >= 500) {
      return "The server could not handle the request.";
    }
    String reason = HttpStatus.getMessage(status);
    if (status == 404) {
      return "No resource at this path.";
    }
    if (detail == null || detail.isBlank() || detail.equals(reason)) {
      return reason + ".";
    }
    String d = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "..." : detail;
    return reason + ": " + d;
  }
}
