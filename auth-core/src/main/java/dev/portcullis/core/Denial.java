package dev.portcullis.core;

import dev.portcullis.core.http.Header;
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
  }
}
