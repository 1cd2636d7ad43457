package dev.portcullis.core;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Something operators must be able to see: a request authenticated, refused, throttled or
 * forbidden, a store that could not be reached, and the life of credentials (token created or
 * revoked, API key disabled). The {@link Gate} emits the request events to its
 * {@link SecurityEventListener}s; the others are for the services that change credentials.
 *
 * <p><b>No secret in any field.</b> Identifiers are the unverified names credentials claim (a
 * Digest username, an API key, an OAuth consumer key, a generated token's id), never a password,
 * a whole token, a signature or an HA1; so the records' own {@code toString} is safe to log.
 * Addresses are the client's after trusted-proxy resolution.
 *
 * <p>Every event carries {@code requestId}: the request's {@code X-Request-Id} when it sent a
 * well-formed one (letters, digits, {@code . _ -}, at most 64), otherwise one the gate made up,
 * so one request's lines can be found together; null for events outside a request.
 */
public sealed interface SecurityEvent {

  /** When it happened. */
  Instant at();

  /** The request it belongs to; null outside a request. */
  @Nullable String requestId();

  /** A short, stable name for the kind of event ({@code "authenticated"}, ...), for logs and metrics. */
  String kind();

  /**
   * Credentials verified.
   *
   * @param scheme the scheme that verified them
   * @param subject who they authenticate
   * @param application the API key or consumer key, when there is one
   * @param address the client address
   * @param nanos how long the scheme took to verify
   */
  record Authenticated(Instant at, @Nullable String requestId, String scheme, String subject,
      @Nullable String application, String address, long nanos) implements SecurityEvent {
    @Override
    public String kind() {
      return "authenticated";
    }
  }

  /**
   * Credentials refused (400, 401, 403 for HTTPS, 413); {@link Throttled} and
   * {@link StoreUnavailable} have events of their own.
   *
   * @param scheme the refusing scheme; null when the gate refused before any scheme ran
   * @param reason why
   * @param identifier who the credentials claimed to be, when that could be read
   * @param address the client address
   * @param nanos how long the scheme took (0 when none ran)
   */
  record Refused(Instant at, @Nullable String requestId, @Nullable String scheme, Reason reason,
      @Nullable String identifier, String address, long nanos) implements SecurityEvent {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String kind() {
      return "refused";
    }
  }

  /**
   * Refused with 429 before verifying, because of earlier failures.
   *
   * @param scheme the scheme whose credentials were held back
   * @param identifier who the credentials claimed to be, when that could be read
   * @param address the client address
   * @param retryAfterSeconds the {@code Retry-After} sent
   */
  record Throttled(Instant at, @Nullable String requestId, String scheme, @Nullable String identifier,
      String address, long retryAfterSeconds) implements SecurityEvent {
    @Override
    public String kind() {
      return "throttled";
    }
  }

  /**
   * An authenticated identity lacked a permission (403).
   *
   * @param scheme the scheme that authenticated it
   * @param subject who
   * @param scope the permission needed, as the API reference writes it ({@code items(r)})
   * @param resource the resource the request addressed, when there is one
   */
  record Forbidden(Instant at, @Nullable String requestId, String scheme, String subject, String scope,
      @Nullable String resource) implements SecurityEvent {
    @Override
    public String kind() {
      return "forbidden";
    }
  }

  /**
   * A store could not be reached, so the request failed closed with 503.
   *
   * @param scheme the scheme that was running, when one was
   * @param address the client address
   */
  record StoreUnavailable(Instant at, @Nullable String requestId, @Nullable String scheme, String address)
      implements SecurityEvent {
    @Override
    public String kind() {
      return "store_unavailable";
    }
  }

  /**
   * An API token was created.
   *
   * @param account the account that owns it
   * @param tokenId the token's id (the public part, never the secret)
   * @param by who created it (the account itself, an administrator)
   */
  record TokenCreated(Instant at, @Nullable String requestId, String account, String tokenId, String by)
      implements SecurityEvent {
    @Override
    public String kind() {
      return "token_created";
    }
  }

  /**
   * An API token was revoked.
   *
   * @param account the account that owned it
   * @param tokenId the token's id
   * @param by who revoked it
   */
  record TokenRevoked(Instant at, @Nullable String requestId, String account, String tokenId, String by)
      implements SecurityEvent {
    @Override
    public String kind() {
      return "token_revoked";
    }
  }

  /**
   * An API key (an application) was disabled; its users' Digest credentials stop working.
   *
   * @param apiKey the key
   * @param by who disabled it
   */
  record KeyDisabled(Instant at, @Nullable String requestId, String apiKey, String by) implements SecurityEvent {
    @Override
    public String kind() {
      return "key_disabled";
    }
  }

  /**
   * A credential was created or changed through self-service or administration (an API key created
   * or enabled again, an OAuth application registered, its secret rotated, a user's access revoked).
   * Never carries a secret: {@code id} is the API key, consumer key or access token's consumer key.
   *
   * @param change what happened
   * @param account the account (or, for {@link Change#ACCESS_REVOKED}, the user) it belongs to
   * @param id what was changed: the API key or consumer key
   * @param by who did it
   */
  record CredentialChanged(Instant at, @Nullable String requestId, Change change, String account, String id,
      String by) implements SecurityEvent {
    public CredentialChanged {
      Objects.requireNonNull(change, "change");
    }

    @Override
    public String kind() {
      return change.kind;
    }

    /** The kinds of change, each with its {@link #kind()} name. */
    public enum Change {
      KEY_CREATED("key_created"),
      KEY_ENABLED("key_enabled"),
      APP_REGISTERED("app_registered"),
      APP_SECRET_ROTATED("app_secret_rotated"),
      ACCESS_REVOKED("access_revoked");

      private final String kind;

      Change(String kind) {
        this.kind = kind;
      }

      /** The event's kind name. */
      public String kind() {
        return kind;
      }
    }
  }
}
