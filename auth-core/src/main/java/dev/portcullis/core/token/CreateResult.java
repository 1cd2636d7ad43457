package dev.portcullis.core.token;

import java.util.Locale;
import java.util.Objects;

/**
 * What {@link TokenAdmin#create} answers: the new token, or why the request was refused.
 *
 * <p>A refusal is an ordinary answer to bad client input (a name too long, an unknown scope, an
 * account at its limit): it carries a {@link Problem} for programs and a message that is safe to
 * show the client (client values in it are clipped and stripped of control characters). Nothing
 * was stored when the answer is {@link Refused}. Misconfiguration and an unreachable store are not
 * results; they throw.
 *
 * <pre>{@code
 * CreateResult result = admin.create("demo", "ci reader", permissions, Duration.ofDays(30));
 * if (result instanceof CreateResult.Refused refused) {
 *   return badRequest(refused.message());
 * }
 * IssuedToken issued = result.orElseThrow();   // show issued.secret() once
 * }</pre>
 */
public sealed interface CreateResult {

  /**
   * The token, when the result is {@link Created}.
   *
   * @throws IllegalStateException when the request was {@link Refused}, naming the problem; for
   *     tests and setup code that only ever send valid requests
   */
  IssuedToken orElseThrow();

  /**
   * The token was stored; its secret is in {@code token} and nowhere else.
   *
   * @param token the new token with its secret
   */
  record Created(IssuedToken token) implements CreateResult {
    public Created {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public IssuedToken orElseThrow() {
      return token;
    }
  }

  /**
   * Nothing was stored, for the reason given.
   *
   * @param problem what was wrong, for programs
   * @param message what was wrong, in a sentence safe to show the client
   */
  record Refused(Problem problem, String message) implements CreateResult {
    public Refused {
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public IssuedToken orElseThrow() {
      throw new IllegalStateException("token refused (" + problem.code() + "): " + message);
    }
  }

  /** Why a create request was refused. */
  enum Problem {
    /** The account does not exist (any more). */
    UNKNOWN_ACCOUNT,
    /** The name is missing or blank. */
    NAME_MISSING,
    /** The name is longer than {@link TokenAdmin#MAX_NAME_LENGTH}. */
    NAME_TOO_LONG,
    /** The name contains a control character. */
    NAME_CONTROL_CHARACTER,
    /** No permission was given. */
    NO_PERMISSIONS,
    /** More than {@link TokenAdmin#MAX_PERMISSIONS} permissions. */
    TOO_MANY_PERMISSIONS,
    /** One entry of the permission list is null. */
    PERMISSION_MISSING,
    /** A permission names the wildcard scope. */
    WILDCARD_SCOPE,
    /** A permission names a scope the service does not allow. */
    UNKNOWN_SCOPE,
    /** A permission names no resources. */
    NO_RESOURCES,
    /** A permission names more than {@link TokenAdmin#MAX_RESOURCES} resources. */
    TOO_MANY_RESOURCES,
    /** A permission names the wildcard resource. */
    WILDCARD_RESOURCE,
    /** A permission names a resource that is not one of the account's API keys. */
    FOREIGN_RESOURCE,
    /** The lifetime is zero or negative. */
    EXPIRY_NOT_POSITIVE,
    /** The lifetime is longer than {@link TokenAdmin#MAX_EXPIRY}. */
    EXPIRY_TOO_FAR,
    /** The account already holds as many live tokens as it may. */
    LIMIT_REACHED;

    /** The problem as a lower-case code, such as {@code unknown_scope}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
