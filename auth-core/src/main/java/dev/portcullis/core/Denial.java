package dev.portcullis.core;

import dev.portcullis.core.http.Header;
import dev.portcullis.core.internal.JsonText;
import java.util.List;
import java.util.Objects;

/**
 * A finished refusal, ready for an adapter to write: status, headers (challenges) and body.
 *
 * @param status the HTTP status
 * @param headers headers to send, {@code WWW-Authenticate} ones among them, in order
 * @param body what to put in the body
 */
public record Denial(int status, List<Header> headers, Body body) {
  public Denial {
    headers = List.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }

  /**
   * A response body.
   *
   * @param contentType the media type, charset included
   * @param text the body text; never contains a secret
   */
  public record Body(String contentType, String text) {
    public static final String JSON = "application/json; charset=UTF-8";
    public static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";

    public Body {
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(text, "text");
    }

    /**
     * The JSON error body every refusal carries,
     * {@code {"status": 401, "error": "invalid_token", "message": "..."}}: an application answers its
     * own errors with it to keep one shape on the wire. Neither string may hold a secret.
     */
    public static Body error(int status, String error, String message) {
      return new Body(JSON, JsonText.error(status, error, message));
    }
  }

  /**
   * A denial with a JSON error body ({@link Body#error}) and the given extra headers.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Denial json(int status, List<Header> headers, String error, String message) {
    return new Denial(status, headers, Body.error(status, error, message));
  }

  /** 503 with {@code Retry-After: 5}: a store could not be reached, so the request fails closed. */
  public static Denial unavailable() {
    return json(503, List.of(new Header("Retry-After", "5")), Reason.UNAVAILABLE.code(),
        Reason.UNAVAILABLE.message());
  }

  /**
   * The one failure policy's answer: 500 saying only that the server failed, never why (no class
   * name, no message, no stack trace: the cause may quote the client). The adapter logs the
   * exception with its stack trace server-side before sending it.
   */
  public static Denial serverError() {
    return json(500, List.of(), "server_error", "Authentication failed because of a server error.");
  }
}
