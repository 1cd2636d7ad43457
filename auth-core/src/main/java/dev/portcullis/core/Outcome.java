package dev.portcullis.core;

import dev.portcullis.core.http.Header;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What authentication decided about one request: a value, never an exception.
 *
 * <p>{@link Authenticated} carries the identity and any headers the scheme wants on the response
 * (Digest's {@code Authentication-Info}). {@link NoCredentials} means the request carried none of
 * the configured schemes' credentials. {@link Rejected} names why credentials were refused; the
 * {@link Gate} renders it into a status, challenges and a body.
 */
public sealed interface Outcome permits Outcome.Authenticated, Outcome.NoCredentials, Outcome.Rejected {

  /** The request carried no credentials for any configured scheme. */
  static Outcome noCredentials() {
    return NoCredentials.INSTANCE;
  }

  /** Credentials verified. */
  record Authenticated(Identity identity, List<Header> responseHeaders) implements Outcome {
    public Authenticated {
      Objects.requireNonNull(identity, "identity");
      responseHeaders = List.copyOf(responseHeaders);
    }

    public Authenticated(Identity identity) {
      this(identity, List.of());
    }
  }

  /** No credentials of any configured scheme were present. */
  final class NoCredentials implements Outcome {
    static final NoCredentials INSTANCE = new NoCredentials();

    private NoCredentials() {}

    @Override
    public String toString() {
      return "NoCredentials";
    }
  }

  /**
   * Credentials were present and refused.
   *
   * @param reason why, for metrics, logs and the wire code
   * @param scheme the name of the scheme that refused ({@code "Digest"}, ...); null when the
   *     {@link Gate} refused before any scheme ran (HTTPS required, two credentials at once)
   * @param detail a safe, specific message for the error body (never a secret); null to use the
   *     reason's own message
   * @param challengeParams extra auth-params for the refusing scheme's challenge (such as
   *     {@code stale=true}), in order
   * @param retryAfterSeconds the {@code Retry-After} the refusal carries ({@link Reason#THROTTLED}),
   *     0 for none
   */
  record Rejected(
      Reason reason,
      @Nullable String scheme,
      @Nullable String detail,
      Map<String, String> challengeParams,
      long retryAfterSeconds)
      implements Outcome {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      challengeParams = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(challengeParams));
      if (retryAfterSeconds < 0) {
        throw new IllegalArgumentException("retryAfterSeconds must not be negative");
      }
    }

    public Rejected(Reason reason, @Nullable String scheme, @Nullable String detail,
        Map<String, String> challengeParams) {
      this(reason, scheme, detail, challengeParams, 0);
    }

    /** A {@link Reason#THROTTLED} refusal: 429 with {@code Retry-After: retryAfterSeconds}. */
    public static Rejected throttled(@Nullable String scheme, long retryAfterSeconds) {
      return new Rejected(Reason.THROTTLED, scheme, null, Map.of(), Math.max(1, retryAfterSeconds));
    }

    public Rejected(Reason reason, @Nullable String scheme) {
      this(reason, scheme, null, Map.of());
    }

    public Rejected(Reason reason, @Nullable String scheme, @Nullable String detail) {
      this(reason, scheme, detail, Map.of());
    }

    /** The HTTP status this rejection maps to. */
    public int status() {
      return reason.status();
    }

    /** The message for the error body: the detail when given, else the reason's. */
    public String message() {
      return detail != null ? detail : reason.message();
    }
  }
}
