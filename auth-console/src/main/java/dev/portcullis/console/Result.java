package dev.portcullis.console;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a console action answers: its value, or a refusal to show next to a form field (HTML) or in
 * a 4xx body (JSON). A refusal changed nothing.
 */
sealed interface Result<T> {

  /** The action was done. */
  record Ok<T>(T value) implements Result<T> {
    public Ok {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * Nothing was done.
   *
   * @param status the HTTP status the JSON API answers (400, 404, 409)
   * @param code a lower-case code for programs
   * @param field the form field the message belongs next to; null for the form as a whole
   * @param message a sentence safe to show (no secret, client values clipped)
   */
  record Refused<T>(int status, String code, @Nullable String field, String message) implements Result<T> {
    public Refused {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }

  static <T> Result<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Result<T> refused(int status, String code, @Nullable String field, String message) {
    return new Refused<>(status, code, field, message);
  }
}
